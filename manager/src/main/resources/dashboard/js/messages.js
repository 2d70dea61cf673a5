// What the page tells its user: a failure stays until dismissed and quotes the API's message; a
// success goes by itself.

import { el } from './format.js';

const SUCCESS_MS = 6000;

export function tell(text) {
  const message = el('div', { class: 'message ok', role: 'status' }, text);
  document.getElementById('messages').append(message);
  setTimeout(() => message.remove(), SUCCESS_MS);
}

export function fail(text) {
  const message = el('div', { class: 'message error', role: 'alert' },
    el('span', { class: 'text' }, text),
    el('button', { type: 'button', class: 'dismiss', 'aria-label': 'dismiss', onclick: () => message.remove() }, '×'));
  document.getElementById('messages').append(message);
}

/** Asks before something that stops or removes; resolves true when confirmed. */
export function confirmed(question) {
  const dialog = document.getElementById('confirm');
  dialog.querySelector('.question').textContent = question;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
  });
}
