// A table of processes with pid, cpu and mem, read with circus's 'stats' command through the API,
// read again when the view's events say processes came or went, and every few seconds for the figures.

import { api, failedNodes } from '../api.js';
import { el, percent } from '../format.js';
import { on } from '../store.js';

const EVERY_MS = 5000;
const QUIET_MS = 500;

function rows(answer, watcher) {
  const out = [];
  for (const [node, reply] of Object.entries(answer.results || {})) {
    if (!reply || reply.status !== 'ok') {
      continue;
    }
    const byWatcher = watcher ? { [watcher]: reply.info || {} } : reply.infos || {};
    for (const [name, processes] of Object.entries(byWatcher)) {
      for (const [pid, info] of Object.entries(processes || {})) {
        out.push({ node, watcher: name, pid, cpu: info.cpu, mem: info.mem, age: info.age, cmd: info.cmdline });
      }
    }
  }
  return out.sort((a, b) => a.node.localeCompare(b.node) || a.watcher.localeCompare(b.watcher) || a.pid - b.pid);
}

const number = (v) => (typeof v === 'number' ? v : null);

/**
 * Mounts a process table in `container` for the nodes nodes() names (of `watcher` only, when given);
 * `relevant(event)` says which events call for a new read. Returns its unmount.
 */
export function processTable(container, { nodes, watcher, relevant }) {
  const body = el('tbody');
  const note = el('p', { class: 'note' });
  container.append(note, el('table', { class: 'processes', id: 'process-table' },
    el('thead', {}, el('tr', {}, ...['node', 'watcher', 'pid', 'cpu', 'mem', 'age', 'command'].map((h) => el('th', {}, h)))),
    body));
  let stopped = false;
  const read = async () => {
    const targets = nodes();
    if (!targets.length) {
      body.replaceChildren();
      note.textContent = 'No node runs it.';
      return;
    }
    try {
      const answer = await api.processes(targets, watcher);
      if (stopped) {
        return;
      }
      const failed = failedNodes(answer);
      note.textContent = failed.length ? `Not read from ${failed.join('; ')}` : '';
      body.replaceChildren(...rows(answer, watcher).map((p) => el('tr', { dataset: { pid: p.pid, node: p.node } },
        el('td', {}, p.node), el('td', {}, p.watcher), el('td', { class: 'num pid' }, p.pid),
        el('td', { class: 'num' }, percent(number(p.cpu))), el('td', { class: 'num' }, percent(number(p.mem))),
        el('td', { class: 'num' }, typeof p.age === 'number' ? `${Math.round(p.age)} s` : '–'),
        el('td', { class: 'cmd' }, p.cmd || ''))));
    } catch (e) {
      note.textContent = `Could not read the processes: ${e.message}`;
    }
  };
  let timer = null;
  const soon = () => {
    if (!timer) {
      timer = setTimeout(() => { timer = null; read(); }, QUIET_MS);
    }
  };
  const off = on('events', (event) => relevant(event) && soon());
  const every = setInterval(read, EVERY_MS);
  read();
  return () => {
    stopped = true;
    off();
    clearInterval(every);
    clearTimeout(timer);
  };
}
