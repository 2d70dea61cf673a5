// What the page's token may do: its role, read from GET /api/session, and every control marked
// data-needs="operate" or "admin" disabled when the role does not cover it, with a title saying so.
// The API refuses such calls anyway (403); this only keeps the page from offering them.

import { api } from './api.js';
import { onToken } from './auth.js';

const RANK = { read: 0, operate: 1, admin: 2 };
let role = null;

function covers(needed) {
  return role === null || RANK[role] >= RANK[needed];
}

function apply(root) {
  for (const control of root.querySelectorAll('[data-needs]')) {
    const allowed = covers(control.dataset.needs);
    if (!allowed && !control.disabled) {
      control.disabled = true;
      control.dataset.refused = 'role';
      control.title = `needs a token of the ${control.dataset.needs} role; this one is ${role}`;
    } else if (allowed && control.dataset.refused === 'role') {
      control.disabled = false;
      delete control.dataset.refused;
    }
  }
}

/** Reads the session (again for each new token), shows who the page acts as, keeps the controls in step. */
export function start() {
  // Only a role below admin has controls to disable as views draw them; read() re-enables on a change.
  new MutationObserver(() => {
    if (role !== null && RANK[role] < RANK.admin) {
      apply(document.body);
    }
  }).observe(document.body, { childList: true, subtree: true });
  onToken(read);
  read();
}

async function read() {
  const session = await api.session().catch(() => null);
  if (!session) {
    return;
  }
  role = session.role;
  document.body.dataset.role = role;
  document.getElementById('session').textContent = `${session.name} (${role})`;
  apply(document.body);
}
