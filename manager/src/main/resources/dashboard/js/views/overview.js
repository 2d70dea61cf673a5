// The cluster at a glance: nodes by state, totals, the cluster's load over the last minutes, the
// node list, the watchers and the latest events.

import { timeChart } from '../charts.js';
import { count, el, percent, setText } from '../format.js';
import { nodeList, STATES } from '../nodelist.js';
import { clusterSeries, on, state } from '../store.js';
import { eventList } from './events.js';
import { watcherTable } from './watchers.js';

function tiles(container) {
  const figures = {};
  const tile = (key, label) => {
    figures[key] = el('span', { class: 'figure' });
    return el('div', { class: `tile tile-${key}`, dataset: { tile: key } }, figures[key], el('span', { class: 'label' }, label));
  };
  container.append(el('div', { class: 'tiles' }, tile('nodes', 'nodes'), ...STATES.map((s) => tile(s, s)),
    tile('watchers', 'watchers'), tile('processes', 'processes'), tile('cpu', 'cpu'), tile('mem', 'mem')));
  return () => {
    const nodes = [...state.nodes.values()];
    setText(figures.nodes, String(nodes.length));
    for (const s of STATES) {
      setText(figures[s], String(nodes.filter((n) => n.state === s).length));
    }
    const sum = (key) => nodes.reduce((total, n) => total + ((n.load && n.load[key]) || 0), 0);
    setText(figures.watchers, count(sum('watchers')));
    setText(figures.processes, count(sum('processes')));
    setText(figures.cpu, percent(sum('cpu')));
    setText(figures.mem, percent(sum('mem')));
  };
}

export function overview(root) {
  const tileArea = el('section', { class: 'panel' });
  const chartArea = el('div', { class: 'chart', id: 'cluster-chart' });
  const listArea = el('section', { class: 'panel nodes', id: 'nodes' }, el('h2', {}, 'Nodes'));
  const watcherArea = el('section', { class: 'panel half' }, el('h2', {}, 'Watchers'));
  const eventArea = el('section', { class: 'panel half' }, el('h2', {}, el('a', { href: '#/events' }, 'Latest events')));
  root.append(tileArea, el('section', { class: 'panel' }, el('h2', {}, 'Cluster load, last 5 minutes'), chartArea),
    listArea, el('div', { class: 'columns' }, watcherArea, eventArea));

  const drawTiles = tiles(tileArea);
  const chart = timeChart(chartArea, '', [{ label: 'cpu %' }, { label: 'processes', scale: 'n' }], () => {
    const cluster = clusterSeries();
    return [state.times, cluster.cpu, cluster.processes];
  });
  const unmounts = [
    nodeList(listArea),
    watcherTable(watcherArea),
    eventList(eventArea, { limit: 12 }),
    on('nodes', drawTiles),
    on('load', () => {
      drawTiles();
      chart.draw();
    }),
    chart.destroy,
  ];
  drawTiles();
  return () => unmounts.forEach((unmount) => unmount());
}
