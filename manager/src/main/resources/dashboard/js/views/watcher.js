// One watcher across the cluster: on which nodes, with what status and how many processes, its
// actions on one node or all of them, its processes and its events, kept live.

import { count, el } from '../format.js';
import { on, state } from '../store.js';
import { actionButtons } from './buttons.js';
import { eventList } from './events.js';
import { processTable } from './processes.js';
import { followWatchers } from './watchers.js';

const CHANGES = new Set(['add', 'remove', 'start', 'stop', 'spawn', 'reap', 'updated']);

export function watcherView(root, name) {
  const lower = name.toLowerCase();
  const kind = el('span', { class: 'kind' });
  const body = el('tbody');
  const note = el('p', { class: 'note' });
  const processArea = el('section', { class: 'panel' }, el('h2', {}, 'Processes'));
  const eventArea = el('section', { class: 'panel' }, el('h2', {}, 'Events'));
  root.append(
    el('section', { class: 'panel', id: 'watcher', dataset: { watcher: name } },
      el('h1', {}, name, ' ', kind),
      el('div', { class: 'toolbar' }, el('span', {}, 'On every node: '), actionButtons(name)),
      note,
      el('table', { class: 'watchers', id: 'watcher-nodes' },
        el('thead', {}, el('tr', {}, ...['node', 'node state', 'status', 'processes', ''].map((h) => el('th', {}, h)))),
        body)),
    processArea, eventArea);

  const current = () => (state.watchers || []).find((w) => w.name.toLowerCase() === lower);
  const draw = () => {
    const watcher = current();
    kind.textContent = watcher ? (watcher.cluster ? 'cluster watcher, placed by the manager' : 'node watcher') : '';
    note.textContent = !state.watchers ? 'Reading…' : watcher ? '' : `No node runs a watcher called ${name} now.`;
    body.replaceChildren(...Object.entries((watcher && watcher.nodes) || {}).sort(([a], [b]) => a.localeCompare(b))
      .map(([node, here]) => el('tr', { dataset: { node } },
        el('td', {}, el('a', { href: `#/node/${encodeURIComponent(node)}` }, node)),
        el('td', { class: 'node-state' }, (state.nodes.get(node) || {}).state || ''),
        el('td', { class: 'status' }, here.status || ''), el('td', { class: 'num processes' }, count(here.numprocesses)),
        el('td', {}, actionButtons(name, node)))));
  };
  const unmounts = [
    on('watchers', draw),
    on('nodes', draw),
    followWatchers(),
    processTable(processArea, {
      nodes: () => Object.keys((current() || {}).nodes || {}),
      watcher: name,
      relevant: (e) => e.watcher.toLowerCase() === lower && CHANGES.has(e.event),
    }),
    eventList(eventArea, { limit: 50, keep: (e) => e.watcher.toLowerCase() === lower }),
  ];
  draw();
  return () => unmounts.forEach((unmount) => unmount());
}
