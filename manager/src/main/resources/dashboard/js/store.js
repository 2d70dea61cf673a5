// The page's state, in one place. The live streams write it; views read it and subscribe to the
// topics they draw: 'nodes' (the list or a node's state or record), 'load' (once a second),
// 'events', 'watchers', 'connection'.

export const HISTORY = 300; // samples, one a second: five minutes

export const state = {
  connection: 'connecting', // 'live' or 'reconnecting'
  nodes: new Map(), // name -> the node as GET /api/nodes shows it
  times: [], // seconds since the epoch, one per sample, oldest first
  series: new Map(), // name -> {cpu: [], mem: [], processes: []}, aligned with times (null: unknown)
  events: [], // newest last
  watchers: null, // GET /api/watchers, as last read
};

const MAX_EVENTS = 500;
const listeners = new Map();

export function on(topic, listener) {
  if (!listeners.has(topic)) {
    listeners.set(topic, new Set());
  }
  listeners.get(topic).add(listener);
  return () => listeners.get(topic).delete(listener);
}

export function emit(topic, detail) {
  for (const listener of listeners.get(topic) || []) {
    try {
      listener(detail);
    } catch (e) {
      console.warn(`a view failed to draw '${topic}'`, e);
    }
  }
}

function emptySeries(length) {
  const blank = () => new Array(length).fill(null);
  return { cpu: blank(), mem: blank(), processes: blank() };
}

export function setNodes(list) {
  state.nodes = new Map(list.map((node) => [node.name, node]));
  for (const name of state.series.keys()) {
    if (!state.nodes.has(name)) {
      state.series.delete(name);
    }
  }
  emit('nodes');
}

export function setNode(node) {
  state.nodes.set(node.name, node);
  emit('nodes', node.name);
}

export function removeNode(name) {
  state.nodes.delete(name);
  state.series.delete(name);
  emit('nodes', name);
}

/** The manager's samples of the last minutes: {step_ms, end, nodes: {N: {cpu, mem, processes}}}. */
export function setHistory(history) {
  const lengths = Object.values(history.nodes).map((s) => s.cpu.length);
  const length = Math.min(HISTORY, Math.max(0, ...lengths));
  const step = history.step_ms / 1000;
  const end = history.end / 1000;
  state.times = Array.from({ length }, (_, i) => end - (length - 1 - i) * step);
  state.series = new Map();
  for (const [name, samples] of Object.entries(history.nodes)) {
    const series = emptySeries(length);
    for (const key of ['cpu', 'mem', 'processes']) {
      const values = samples[key].slice(-length);
      values.forEach((v, i) => { series[key][length - values.length + i] = v; });
    }
    state.series.set(name, series);
  }
  emit('load');
}

/** One tick: {time, nodes: {N: load}} with the nodes whose load changed; the others keep theirs. */
export function addLoad(tick) {
  for (const [name, load] of Object.entries(tick.nodes)) {
    const node = state.nodes.get(name);
    if (node) {
      node.load = load;
    }
  }
  state.times.push(tick.time / 1000);
  for (const [name, node] of state.nodes) {
    if (!state.series.has(name)) {
      state.series.set(name, emptySeries(state.times.length - 1));
    }
    const series = state.series.get(name);
    series.cpu.push(node.load ? node.load.cpu : null);
    series.mem.push(node.load ? node.load.mem : null);
    series.processes.push(node.load ? node.load.processes : null);
  }
  if (state.times.length > HISTORY) {
    state.times.shift();
    for (const series of state.series.values()) {
      series.cpu.shift();
      series.mem.shift();
      series.processes.shift();
    }
  }
  emit('load');
}

export function addEvent(event) {
  event.received = Date.now();
  state.events.push(event);
  if (state.events.length > MAX_EVENTS) {
    state.events.splice(0, state.events.length - MAX_EVENTS);
  }
  emit('events', event);
}

export function setWatchers(list) {
  state.watchers = list;
  emit('watchers');
}

export function setConnection(value) {
  if (state.connection !== value) {
    state.connection = value;
    emit('connection');
  }
}

/** Every node's figures summed, per sample: {cpu: [], processes: []}. */
export function clusterSeries() {
  const cpu = new Array(state.times.length).fill(0);
  const processes = new Array(state.times.length).fill(0);
  for (const series of state.series.values()) {
    const offset = state.times.length - series.cpu.length;
    series.cpu.forEach((v, i) => { cpu[i + offset] += v || 0; });
    series.processes.forEach((v, i) => { processes[i + offset] += v || 0; });
  }
  return { cpu, processes };
}
