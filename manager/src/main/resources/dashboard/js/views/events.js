// The event feed: every node's events as they are relayed, newest first.

import { el, setText } from '../format.js';
import { on, state } from '../store.js';

function line(event) {
  const at = new Date(event.body && event.body.time ? event.body.time * 1000 : event.received);
  const pid = event.body && event.body.process_pid ? ` pid ${event.body.process_pid}` : '';
  return el('li', { class: `event event-${event.event}`, dataset: { node: event.node, watcher: event.watcher } },
    el('time', {}, at.toLocaleTimeString()), ' ',
    el('a', { href: `#/node/${encodeURIComponent(event.node)}` }, event.node), ' ',
    el('a', { href: `#/watcher/${encodeURIComponent(event.watcher)}` }, event.watcher), ' ',
    el('span', { class: 'what' }, event.event), pid);
}

/**
 * The latest events in `container`: `limit` of them, those that `keep` accepts; with `filters`, inputs
 * to narrow them by node, watcher and event.
 */
export function eventList(container, { limit = 500, keep = () => true, filters = false } = {}) {
  const fields = filters ? {
    node: el('input', { type: 'search', placeholder: 'node', 'aria-label': 'events of node' }),
    watcher: el('input', { type: 'search', placeholder: 'watcher', 'aria-label': 'events of watcher' }),
    event: el('input', { type: 'search', placeholder: 'event (spawn, reap, ...)', 'aria-label': 'event' }),
  } : {};
  const list = el('ol', { class: 'events' });
  const empty = el('p', { class: 'empty' }, 'No event since this page opened.');
  if (filters) {
    container.append(el('div', { class: 'filters' }, ...Object.values(fields)));
  }
  container.append(empty, list);
  const wanted = (e) => keep(e) && Object.entries(fields).every(([key, input]) =>
    !input.value.trim() || String(e[key]).toLowerCase().includes(input.value.trim().toLowerCase()));
  const draw = () => {
    const shown = [];
    for (let i = state.events.length - 1; i >= 0 && shown.length < limit; i--) {
      if (wanted(state.events[i])) {
        shown.push(line(state.events[i]));
      }
    }
    list.replaceChildren(...shown);
    empty.hidden = shown.length > 0;
  };
  Object.values(fields).forEach((input) => input.addEventListener('input', draw));
  let pending = false;
  const off = on('events', () => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => { pending = false; draw(); });
    }
  });
  draw();
  return off;
}

export function eventsView(root) {
  const panel = el('section', { class: 'panel' }, el('h2', {}, 'Events'));
  root.append(panel);
  const off = eventList(panel, { filters: true });
  setText(document.querySelector('title'), 'circusmeta · events');
  return off;
}
