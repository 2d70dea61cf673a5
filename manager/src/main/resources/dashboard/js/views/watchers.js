// Every watcher of the cluster, with the nodes that run it; read again when a node says a watcher
// came, went, started, stopped or changed its processes.

import { refreshWatchers } from '../actions.js';
import { el } from '../format.js';
import { on, state } from '../store.js';

const CHANGES = new Set(['add', 'remove', 'start', 'stop', 'spawn', 'reap', 'updated']);
const QUIET_MS = 1000;

/** Keeps state.watchers fresh while a view that shows them is open; returns its stop. */
export function followWatchers() {
  let timer = null;
  const off = on('events', (event) => {
    if (CHANGES.has(event.event) && !timer) {
      timer = setTimeout(() => { timer = null; refreshWatchers(); }, QUIET_MS);
    }
  });
  const offNodes = on('nodes', (name) => {
    if (name === undefined) {
      refreshWatchers();
    }
  });
  refreshWatchers();
  return () => {
    off();
    offNodes();
    clearTimeout(timer);
  };
}

export function watcherTable(container) {
  const body = el('tbody');
  const empty = el('p', { class: 'empty' }, 'Reading the watchers…');
  container.append(empty, el('table', { class: 'watchers', id: 'watcher-table' },
    el('thead', {}, el('tr', {}, ...['watcher', 'nodes', 'processes', 'status', 'kind'].map((h) => el('th', {}, h)))),
    body));
  const draw = () => {
    const list = state.watchers || [];
    empty.textContent = state.watchers ? 'No watcher runs anywhere.' : 'Reading the watchers…';
    empty.hidden = list.length > 0;
    body.replaceChildren(...[...list].sort((a, b) => a.name.localeCompare(b.name)).map((w) => {
      const nodes = Object.entries(w.nodes || {});
      const processes = nodes.reduce((sum, [, n]) => sum + (n.numprocesses || 0), 0);
      const statuses = [...new Set(nodes.map(([, n]) => n.status))].join(', ');
      return el('tr', { dataset: { watcher: w.name } },
        el('td', {}, el('a', { href: `#/watcher/${encodeURIComponent(w.name)}` }, w.name)),
        el('td', { class: 'nodes' }, nodes.map(([n]) => n).join(', ')),
        el('td', { class: 'num processes' }, String(processes)),
        el('td', { class: 'status' }, statuses),
        el('td', {}, w.cluster ? 'cluster' : 'node'));
    }));
  };
  const offs = [on('watchers', draw), followWatchers()];
  draw();
  return () => offs.forEach((off) => off());
}

export function watchersView(root) {
  const panel = el('section', { class: 'panel' }, el('h2', {}, 'Watchers'));
  root.append(panel);
  return watcherTable(panel);
}
