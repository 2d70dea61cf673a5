// The node list: filtered by name, label and state, and virtualised (only the rows in sight exist),
// so that 300 nodes or 3,000 cost the same to draw.

import { sparkline } from './charts.js';
import { ago, count, el, labels, percent, setText } from './format.js';
import { HISTORY, on, state } from './store.js';

const ROW = 34;
const SPARE = 6;
export const STATES = ['attaching', 'attached', 'unreachable', 'detached', 'invalid'];

function matches(node, filter) {
  if (filter.state && node.state !== filter.state) {
    return false;
  }
  if (filter.name && !node.name.toLowerCase().includes(filter.name)) {
    return false;
  }
  if (filter.label) {
    const pairs = Object.entries(node.labels || {}).map(([k, v]) => `${k}=${v}`.toLowerCase());
    const [key, value] = filter.label.split('=');
    const hit = filter.label.includes('=')
      ? pairs.includes(`${key}=${value}`)
      : pairs.some((p) => p.split('=')[0] === key || p.includes(filter.label));
    if (!hit) {
      return false;
    }
  }
  return true;
}

function row() {
  const cells = {
    name: el('a', { class: 'name' }),
    state: el('span', { class: 'state' }),
    kind: el('span', { class: 'kind' }),
    labels: el('span', { class: 'labels' }),
    watchers: el('span', { class: 'num watchers' }),
    processes: el('span', { class: 'num processes' }),
    cpu: el('span', { class: 'num cpu' }),
    mem: el('span', { class: 'num mem' }),
    spark: el('canvas', { class: 'spark', width: 120, height: 22, 'aria-label': 'cpu, last 5 minutes' }),
    seen: el('span', { class: 'seen' }),
  };
  const element = el('div', { class: 'row', role: 'row' }, ...Object.values(cells));
  return { element, cells, name: null };
}

function fill(r, node) {
  const c = r.cells;
  if (r.name !== node.name) {
    r.name = node.name;
    r.element.dataset.node = node.name;
    c.name.href = `#/node/${encodeURIComponent(node.name)}`;
  }
  r.element.dataset.state = node.state;
  setText(c.name, node.name);
  setText(c.state, node.state);
  c.state.className = `state state-${node.state}`;
  setText(c.kind, node.kind || '');
  setText(c.labels, labels(node.labels));
  const load = node.load || {};
  setText(c.watchers, count(load.watchers));
  setText(c.processes, count(load.processes));
  setText(c.cpu, percent(load.cpu));
  setText(c.mem, percent(load.mem));
  setText(c.seen, node.state === 'unreachable' && node.unreachable_since
    ? `unreachable ${ago(node.unreachable_since)}` : ago(node.last_seen));
  c.seen.title = node.reason || '';
  const series = state.series.get(node.name);
  sparkline(c.spark, series ? series.cpu : [], HISTORY);
}

/** Mounts the list in `container`; returns its unmount. */
export function nodeList(container) {
  const filter = { name: '', label: '', state: '' };
  const nameInput = el('input', { type: 'search', placeholder: 'name', 'aria-label': 'filter by name', id: 'filter-name' });
  const labelInput = el('input', { type: 'search', placeholder: 'label (tier=web)', 'aria-label': 'filter by label',
    id: 'filter-label' });
  const stateSelect = el('select', { 'aria-label': 'filter by state', id: 'filter-state' },
    el('option', { value: '' }, 'any state'), ...STATES.map((s) => el('option', { value: s }, s)));
  const shown = el('span', { class: 'shown' });
  const header = el('div', { class: 'row head', role: 'row' },
    ...['node', 'state', 'kind', 'labels', 'watchers', 'processes', 'cpu', 'mem', 'cpu, 5 min', 'last seen']
      .map((h) => el('span', {}, h)));
  const spacer = el('div', { class: 'spacer' });
  const viewport = el('div', { class: 'viewport', id: 'node-rows', role: 'rowgroup' }, spacer);
  container.append(el('div', { class: 'filters' }, nameInput, labelInput, stateSelect, shown), header, viewport);

  const pool = [];
  let filtered = [];
  let drawn = false;

  function render() {
    // Rows drawn further down than the list now reaches still hold the old scroll position open.
    const top = Math.min(viewport.scrollTop, Math.max(0, filtered.length * ROW - (viewport.clientHeight || 400)));
    const first = Math.max(0, Math.floor(top / ROW) - SPARE);
    const last = Math.min(filtered.length, Math.ceil((top + (viewport.clientHeight || 400)) / ROW) + SPARE);
    while (pool.length < last - first) {
      const r = row();
      pool.push(r);
      viewport.append(r.element);
    }
    pool.forEach((r, k) => {
      const i = first + k;
      if (i < last) {
        fill(r, filtered[i]);
        r.element.style.transform = `translateY(${i * ROW}px)`;
        r.element.hidden = false;
      } else {
        r.element.hidden = true;
      }
    });
    if (!drawn && filtered.length) {
      drawn = true;
      performance.mark('circusmeta-nodes-drawn');
      document.body.dataset.nodesDrawn = String(Math.round(performance.now()));
    }
  }

  function refilter() {
    filtered = [...state.nodes.values()].filter((n) => matches(n, filter)).sort((a, b) => a.name.localeCompare(b.name));
    spacer.style.height = `${filtered.length * ROW}px`;
    setText(shown, `${filtered.length} of ${state.nodes.size} nodes`);
    render();
  }

  const update = () => {
    filter.name = nameInput.value.trim().toLowerCase();
    filter.label = labelInput.value.trim().toLowerCase();
    filter.state = stateSelect.value;
    viewport.scrollTop = 0;
    refilter();
  };
  nameInput.addEventListener('input', update);
  labelInput.addEventListener('input', update);
  stateSelect.addEventListener('change', update);
  let scheduled = false;
  viewport.addEventListener('scroll', () => {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(() => { scheduled = false; render(); });
    }
  });
  const offs = [on('nodes', refilter), on('load', render)];
  refilter();
  return () => offs.forEach((off) => off());
}
