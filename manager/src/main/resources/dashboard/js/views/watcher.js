// One watcher across the cluster: on which nodes, with what status and how many processes, its
// actions on one node or all of them, its processes and its events, kept live.

import { scaleWatcher } from '../actions.js';
import { count, el } from '../format.js';
import { on, state } from '../store.js';
import { actionButtons } from './buttons.js';
import { eventList } from './events.js';
import { logsPanel } from './logs.js';
import { processTable } from './processes.js';
import { followWatchers } from './watchers.js';

const CHANGES = new Set(['add', 'remove', 'start', 'stop', 'spawn', 'reap', 'updated']);

export function watcherView(root, name) {
  const lower = name.toLowerCase();
  const kind = el('span', { class: 'kind' });
  const body = el('tbody');
  const note = el('p', { class: 'note' });
  const copies = copiesPanel(name);
  const processArea = el('section', { class: 'panel' }, el('h2', {}, 'Processes'));
  const eventArea = el('section', { class: 'panel' }, el('h2', {}, 'Events'));
  const logArea = el('section', { class: 'panel', id: 'logs' }, el('h2', {}, 'Logs'));
  root.append(
    el('section', { class: 'panel', id: 'watcher', dataset: { watcher: name } },
      el('h1', {}, name, ' ', kind),
      el('div', { class: 'toolbar' }, el('span', {}, 'On every node: '), actionButtons(name)),
      note,
      el('table', { class: 'watchers', id: 'watcher-nodes' },
        el('thead', {}, el('tr', {}, ...['node', 'node state', 'status', 'processes', ''].map((h) => el('th', {}, h)))),
        body)),
    copies.panel, processArea, logArea, eventArea);

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
    copies.draw(watcher);
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
    logsPanel(logArea, name),
  ];
  draw();
  return () => unmounts.forEach((unmount) => unmount());
}

/** A cluster watcher's copies: how many it should have, where each runs and how, what failed; and a scale. */
function copiesPanel(name) {
  const summary = el('p', { class: 'copies-summary' });
  const body = el('tbody');
  const failures = el('ul', { class: 'failures' });
  const input = el('input', { name: 'instances', id: 'scale-instances', size: 4, placeholder: '3 or all',
    'aria-label': 'copies' });
  const button = el('button', { type: 'button', id: 'scale', dataset: { needs: 'operate' }, onclick: async () => {
    const text = input.value.trim();
    const instances = text === 'all' ? 'all' : Number(text);
    if (instances !== 'all' && !(Number.isInteger(instances) && instances >= 0)) {
      input.setCustomValidity('a number of copies, or all');
      input.reportValidity();
      return;
    }
    input.setCustomValidity('');
    button.disabled = true;
    await scaleWatcher(name, instances);
    button.disabled = false;
  } }, 'Scale');
  const panel = el('section', { class: 'panel', id: 'copies', hidden: true }, el('h2', {}, 'Copies'), summary,
    el('div', { class: 'toolbar' }, el('label', {}, 'Copies ', input), button),
    el('table', { class: 'watchers', id: 'copy-table' },
      el('thead', {}, el('tr', {}, el('th', {}, 'node'), el('th', {}, 'copy status'))), body),
    failures);
  const draw = (watcher) => {
    panel.hidden = !(watcher && watcher.cluster && watcher.copies);
    if (panel.hidden) {
      return;
    }
    const wanted = watcher.instances === 'all' ? 'one on every fitting node' : `${watcher.instances ?? 1} wanted`;
    const spread = watcher.spread ? `, spread by ${watcher.spread}` : '';
    const pinned = watcher.pinned ? ', pinned' : '';
    const pending = watcher.pending ? `; ${watcher.pending}` : '';
    const retry = watcher.retryAt ?? watcher.retry_at;
    summary.textContent = `${watcher.copies.length} cop${watcher.copies.length === 1 ? 'y' : 'ies'}, ${wanted}${spread}`
      + `${pinned}${pending}${retry ? `; next try at ${retry}` : ''}`;
    body.replaceChildren(...watcher.copies.map((copy) => el('tr', { dataset: { node: copy.node } },
      el('td', {}, el('a', { href: `#/node/${encodeURIComponent(copy.node)}` }, copy.node)),
      el('td', { class: `copy-status status-${copy.status}` }, copy.status))));
    failures.replaceChildren(...(watcher.failures || []).map((f) => el('li', {},
      `${f.at}: could not start on ${f.node}: ${f.reason}`)));
  };
  return { panel, draw };
}
