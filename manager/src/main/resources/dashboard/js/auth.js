// The token the page sends on every call when the manager has auth.tokens: asked for once, kept in
// this browser tab's session storage (gone when the tab closes), asked again when the manager
// refuses it. Without tokens on the manager nothing is ever asked.

const KEY = 'circusmeta.token';
let asking = null;
const listeners = new Set();

/** Calls listener(token) each time a new token is entered. */
export function onToken(listener) {
  listeners.add(listener);
}

export function token() {
  return sessionStorage.getItem(KEY);
}

/** The Authorization header of the token in hand, to merge into a request's headers. */
export function authHeaders() {
  const current = token();
  return current ? { Authorization: `Bearer ${current}` } : {};
}

/**
 * The manager answered 401: forgets the token that it refused and asks for another; every caller
 * that meets the 401 meanwhile waits on the same question. Resolves once a token is entered.
 */
export function tokenRefused(message) {
  sessionStorage.removeItem(KEY);
  if (!asking) {
    asking = ask(message).finally(() => { asking = null; });
  }
  return asking;
}

/** The page cannot work without a token: Escape does not close the question. */
const keepOpen = (e) => e.preventDefault();

function ask(message) {
  const dialog = document.getElementById('token-dialog');
  const form = dialog.querySelector('form');
  const error = form.querySelector('.dialog-error');
  error.textContent = message || '';
  error.hidden = !message;
  form.reset();
  dialog.showModal();
  return new Promise((resolve) => {
    const submit = (e) => {
      e.preventDefault();
      const entered = new FormData(form).get('token').trim();
      if (!entered) {
        return;
      }
      sessionStorage.setItem(KEY, entered);
      form.removeEventListener('submit', submit);
      dialog.close();
      resolve(entered);
      listeners.forEach((listener) => listener(entered));
    };
    form.addEventListener('submit', submit);
    dialog.addEventListener('cancel', keepOpen);
  });
}
