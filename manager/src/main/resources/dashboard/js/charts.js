// Graphs: uPlot for the large ones, a plain canvas line for the node list's small ones.

import uPlot from 'uplot';

const COLOURS = ['#2f6fdf', '#d9822b', '#2a9d5b', '#b03a8a'];

/**
 * A time-series graph in `container`: series = [{label, scale?}], data() gives
 * [times, values of each series]. Call draw() to redraw, destroy() when the view goes.
 */
export function timeChart(container, title, series, data) {
  const scales = [...new Set(series.map((s) => s.scale || 'y'))];
  const options = {
    title,
    width: Math.max(300, container.clientWidth || 600),
    height: 180,
    legend: { live: false },
    cursor: { drag: { x: false, y: false } },
    scales: Object.fromEntries(scales.map((s) => [s, { range: (u, min, max) => [0, Math.max(1, max * 1.1)] }])),
    axes: [{}, ...scales.map((scale, i) => ({ scale, side: i === 0 ? 3 : 1, grid: { show: i === 0 } }))],
    series: [{}, ...series.map((s, i) => ({
      label: s.label, scale: s.scale || 'y', stroke: COLOURS[i % COLOURS.length], width: 1.5, spanGaps: true,
    }))],
  };
  const chart = new uPlot(options, data(), container);
  const resize = () => chart.setSize({ width: Math.max(300, container.clientWidth), height: 180 });
  window.addEventListener('resize', resize);
  return {
    draw: () => chart.setData(data()),
    destroy: () => {
      window.removeEventListener('resize', resize);
      chart.destroy();
    },
  };
}

/** A small line of `values` (oldest first, up to `slots` of them) on a canvas, scaled to at least `floor`. */
export function sparkline(canvas, values, slots, floor = 1) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 120;
  const height = canvas.clientHeight || 22;
  if (canvas.width !== Math.round(width * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  g.strokeStyle = '#c9d1dc';
  g.beginPath();
  g.moveTo(0, height - 0.5);
  g.lineTo(width, height - 0.5);
  g.stroke();
  const max = Math.max(floor, ...values.map((v) => v || 0));
  const step = width / Math.max(1, slots - 1);
  const start = slots - values.length;
  g.strokeStyle = COLOURS[0];
  g.lineWidth = 1.25;
  g.beginPath();
  let drawing = false;
  values.forEach((v, i) => {
    if (v === null || v === undefined) {
      drawing = false;
      return;
    }
    const x = (start + i) * step;
    const y = height - 1 - (v / max) * (height - 3);
    if (drawing) {
      g.lineTo(x, y);
    } else {
      g.moveTo(x, y);
      drawing = true;
    }
  });
  g.stroke();
}
