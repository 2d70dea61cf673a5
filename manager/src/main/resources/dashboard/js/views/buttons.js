// The watcher actions as buttons, on one node or (node absent) on all that have the watcher.

import { watcherAction } from '../actions.js';
import { el } from '../format.js';

export const ACTIONS = ['start', 'stop', 'restart', 'incr', 'decr', 'rm'];

export function actionButtons(watcher, node) {
  return el('span', { class: 'actions' }, ...ACTIONS.map((action) => el('button', {
    type: 'button',
    class: action === 'stop' || action === 'rm' ? 'danger' : '',
    dataset: { action, needs: action === 'rm' ? 'admin' : 'operate' },
    title: `${action} ${watcher} ${node ? `on ${node}` : 'on every node that has it'}`,
    onclick: (e) => {
      const button = e.currentTarget;
      button.disabled = true;
      watcherAction(watcher, action, node).finally(() => { button.disabled = false; });
    },
  }, action)));
}
