// The two streams the page lives on: /api/live (the nodes, their history and load) and /api/events
// (every node's events). EventSource reconnects by itself after a dropped stream (the manager asks
// for one second); a stream refused outright (a manager starting, too many readers) is opened again
// here. Until both streams are open again the page says "reconnecting".

import { streams } from './api.js';
import * as store from './store.js';

const RETRY_MS = 2000;
const open = new Map();

function opened(url, isOpen) {
  open.set(url, isOpen);
  store.setConnection([...open.values()].every(Boolean) ? 'live' : 'reconnecting');
}

function follow(url, handlers) {
  open.set(url, false);
  const connect = () => {
    const source = new EventSource(url);
    for (const [name, handle] of Object.entries(handlers)) {
      source.addEventListener(name, (e) => handle(JSON.parse(e.data)));
    }
    source.onopen = () => opened(url, true);
    source.onerror = () => {
      opened(url, false);
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(connect, RETRY_MS);
      }
    };
  };
  connect();
}

export function start() {
  follow(streams.live, {
    nodes: store.setNodes,
    history: store.setHistory,
    node: store.setNode,
    gone: (gone) => store.removeNode(gone.name),
    load: store.addLoad,
  });
  follow(streams.events, { message: store.addEvent });
}
