// The dashboard: a view a route (#/, #/node/N, #/watcher/W, #/watchers, #/events), drawn from the
// state that the live streams keep (store.js), acting through the API (actions.js).

import { install } from './forms.js';
import * as live from './live.js';
import * as roles from './roles.js';
import { on, state } from './store.js';
import { eventsView } from './views/events.js';
import { nodeView } from './views/node.js';
import { overview } from './views/overview.js';
import { watcherView } from './views/watcher.js';
import { watchersView } from './views/watchers.js';

const ROUTES = [
  [/^#\/node\/(.+)$/, 'overview', (root, name) => nodeView(root, name)],
  [/^#\/watcher\/(.+)$/, 'watchers', (root, name) => watcherView(root, name)],
  [/^#\/watchers$/, 'watchers', watchersView],
  [/^#\/events$/, 'events', eventsView],
  [/^/, 'overview', overview],
];

let unmount = () => {};

function route() {
  const hash = location.hash || '#/';
  const [pattern, nav, mount] = ROUTES.find(([p]) => p.test(hash));
  const match = hash.match(pattern);
  unmount();
  const root = document.getElementById('view');
  root.replaceChildren();
  root.dataset.view = nav;
  for (const link of document.querySelectorAll('[data-nav]')) {
    link.classList.toggle('current', link.dataset.nav === nav);
  }
  unmount = mount(root, ...match.slice(1).map(decodeURIComponent)) || (() => {});
}

function showConnection() {
  const badge = document.getElementById('connection');
  badge.textContent = state.connection;
  badge.className = `connection ${state.connection}`;
  document.body.dataset.connection = state.connection;
}

install();
on('connection', showConnection);
window.addEventListener('hashchange', route);
route();
live.start();
roles.start();
