// One node: its record, labels, load over the last minutes, watchers with their actions, processes
// and events.

import { api } from '../api.js';
import { timeChart } from '../charts.js';
import { ago, count, el, labels, percent, setText } from '../format.js';
import { drainNode, setEligible } from '../actions.js';
import { openAddWatcher, openRename } from '../forms.js';
import { on, state } from '../store.js';
import { actionButtons } from './buttons.js';
import { eventList } from './events.js';
import { processTable } from './processes.js';

const CHANGES = new Set(['add', 'remove', 'start', 'stop', 'spawn', 'reap', 'updated']);
const QUIET_MS = 500;

function recordRows(node) {
  const rows = [
    ['state', node.state], ['reason', node.reason], ['kind', node.kind], ['version', node.version], ['host', node.host],
    ['endpoint', node.endpoint], ['pubsub endpoint', node.pubsub_endpoint], ['stats endpoint', node.stats_endpoint],
    ['eligible', node.eligible === false ? 'no: cordoned, takes no new placement' : 'yes'], ['capacity', node.capacity], ['labels', labels(node.labels)], ['registered', node.registered_at],
    ['last seen', node.last_seen ? `${node.last_seen} (${ago(node.last_seen)})` : null],
    ['unreachable since', node.unreachable_since],
    ['watchers', count(node.load && node.load.watchers)], ['processes', count(node.load && node.load.processes)],
    ['cpu', percent(node.load && node.load.cpu)], ['mem', percent(node.load && node.load.mem)],
  ];
  return rows.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => el('tr', { dataset: { field: k } }, el('th', {}, k), el('td', {}, String(v))));
}

export function nodeView(root, name) {
  const badge = el('span', { class: 'state', id: 'node-state' });
  const eligibility = (eligible) => (e) => {
    const button = e.currentTarget;
    button.disabled = true;
    setEligible(name, eligible).finally(() => { button.disabled = false; });
  };
  const cordon = el('button', { type: 'button', id: 'cordon', title: 'no new placement on this node; what runs stays',
    onclick: eligibility(false) }, 'Cordon');
  const uncordon = el('button', { type: 'button', id: 'uncordon', onclick: eligibility(true) }, 'Uncordon');
  const progress = el('section', { class: 'panel', id: 'drain-progress', hidden: true });
  const drain = el('button', { type: 'button', id: 'drain', class: 'danger', dataset: { needs: 'admin' },
    title: 'cordon it, and move its cluster watchers to other nodes, each new copy running before the old one stops',
    onclick: async () => {
      drain.disabled = true;
      await drainNode(name, (operation) => drawDrain(progress, operation));
      drain.disabled = false;
    } }, 'Drain');
  cordon.dataset.needs = 'admin';
  uncordon.dataset.needs = 'admin';
  const record = el('tbody');
  const cpuChart = el('div', { class: 'chart' });
  const processChart = el('div', { class: 'chart' });
  const watcherBody = el('tbody');
  const watcherNote = el('p', { class: 'note' });
  const processArea = el('section', { class: 'panel' }, el('h2', {}, 'Processes'));
  const eventArea = el('section', { class: 'panel' }, el('h2', {}, 'Events'));
  root.append(
    el('section', { class: 'panel', id: 'node', dataset: { node: name } },
      el('h1', {}, name, ' ', badge),
      el('div', { class: 'toolbar' },
        el('button', { type: 'button', id: 'rename', dataset: { needs: 'admin' }, onclick: () => openRename(name) }, 'Rename'),
        el('button', { type: 'button', id: 'add-here', dataset: { needs: 'admin' }, onclick: () => openAddWatcher(name) },
          'Add a watcher here'),
        cordon, uncordon, drain),
      el('table', { class: 'record' }, record)),
    progress,
    el('section', { class: 'panel' }, el('h2', {}, 'Load, last 5 minutes'), el('div', { class: 'columns' }, cpuChart, processChart)),
    el('section', { class: 'panel' }, el('h2', {}, 'Watchers'), watcherNote,
      el('table', { class: 'watchers', id: 'node-watchers' },
        el('thead', {}, el('tr', {}, ...['watcher', 'status', 'processes', ''].map((h) => el('th', {}, h)))), watcherBody)),
    processArea, eventArea);

  const drawRecord = () => {
    const node = state.nodes.get(name);
    if (!node) {
      setText(badge, 'not registered');
      badge.className = 'state state-gone';
      record.replaceChildren();
      return;
    }
    setText(badge, node.state);
    badge.className = `state state-${node.state}`;
    cordon.hidden = node.eligible === false;
    uncordon.hidden = node.eligible !== false;
    record.replaceChildren(...recordRows(node));
  };
  const series = () => state.series.get(name) || { cpu: [], mem: [], processes: [] };
  const align = (values) => new Array(state.times.length - values.length).fill(null).concat(values);
  const cpu = timeChart(cpuChart, 'cpu and mem %', [{ label: 'cpu %' }, { label: 'mem %' }],
    () => [state.times, align(series().cpu), align(series().mem)]);
  const processes = timeChart(processChart, 'processes', [{ label: 'processes' }],
    () => [state.times, align(series().processes)]);

  let stopped = false;
  const readWatchers = async () => {
    try {
      const node = await api.node(name);
      if (stopped) {
        return;
      }
      watcherNote.textContent = node.watchers ? '' : `The node is ${node.state}: its watchers cannot be asked.`;
      watcherBody.replaceChildren(...(node.watchers || []).map((w) => el('tr', { dataset: { watcher: w.name } },
        el('td', {}, el('a', { href: `#/watcher/${encodeURIComponent(w.name)}` }, w.name)),
        el('td', { class: 'status' }, w.status || ''), el('td', { class: 'num processes' }, count(w.numprocesses)),
        el('td', {}, actionButtons(w.name, name)))));
    } catch (e) {
      watcherNote.textContent = e.message;
    }
  };
  let timer = null;
  const unmounts = [
    on('nodes', (changed) => {
      if (changed === undefined || changed === name) {
        drawRecord();
      }
    }),
    on('load', () => {
      drawRecord();
      cpu.draw();
      processes.draw();
    }),
    on('events', (event) => {
      if (event.node === name && CHANGES.has(event.event) && !timer) {
        timer = setTimeout(() => { timer = null; readWatchers(); }, QUIET_MS);
      }
    }),
    processTable(processArea, { nodes: () => [name], relevant: (e) => e.node === name && CHANGES.has(e.event) }),
    eventList(eventArea, { limit: 50, keep: (e) => e.node === name }),
    cpu.destroy, processes.destroy,
    () => { stopped = true; clearTimeout(timer); },
  ];
  drawRecord();
  readWatchers();
  return () => unmounts.forEach((unmount) => unmount());
}

/** A drain as it goes: its state, then one line per watcher with what became of it. */
function drawDrain(panel, operation) {
  panel.hidden = false;
  const steps = operation.steps || [];
  const moved = steps.filter((step) => step.result === 'moved' || step.result === 'done').length;
  panel.replaceChildren(
    el('h2', {}, `Drain: ${operation.state}`),
    el('p', { class: 'drain-summary' }, `${moved} of ${steps.length} watcher${steps.length === 1 ? '' : 's'} moved`
      + `${operation.message ? `; ${operation.message}` : ''}`),
    el('ol', { class: 'drain-steps' }, ...steps.map((step) => el('li', {
      class: `step step-${step.result}`, dataset: { watcher: step.watcher || step.node || '' },
    }, `${step.watcher || step.node}: ${step.result}${step.reason ? ` (${step.reason})` : ''}`))));
}
