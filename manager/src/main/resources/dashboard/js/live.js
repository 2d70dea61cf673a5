// The two streams the page lives on: /api/live (the nodes, their history and load) and /api/events
// (every node's events), each reconnecting by itself (sse.js). Until both streams are open again
// the page says "reconnecting".

import { streams } from './api.js';
import { follow } from './sse.js';
import * as store from './store.js';

const open = new Map();

function opened(url, isOpen) {
  open.set(url, isOpen);
  store.setConnection([...open.values()].every(Boolean) ? 'live' : 'reconnecting');
}

function live(url, handlers) {
  open.set(url, false);
  const parsed = Object.fromEntries(Object.entries(handlers).map(([name, handle]) => [name, (data) => handle(JSON.parse(data))]));
  follow(url, { handlers: parsed, onOpen: () => opened(url, true), onDown: () => opened(url, false) });
}

export function start() {
  live(streams.live, {
    nodes: store.setNodes,
    history: store.setHistory,
    node: store.setNode,
    gone: (gone) => store.removeNode(gone.name),
    load: store.addLoad,
  });
  live(streams.events, { message: store.addEvent });
}
