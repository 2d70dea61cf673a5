// The add-a-watcher and rename forms. A refusal stays in the form, in the API's words, so that the
// user can correct what was wrong.

import { addWatcher, renameNode } from './actions.js';
import { el } from './format.js';
import * as store from './store.js';

/** Splits on spaces; single or double quotes keep spaces inside one argument. */
export function splitArgs(text) {
  const args = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    args.push(m[1] ?? m[2] ?? m[3]);
  }
  return args;
}

/** "k=v k2=v2" (spaces or commas between) as {k: v, k2: v2}; throws on a pair without '='. */
export function parseConstraints(text) {
  const constraints = {};
  for (const pair of text.split(/[\s,]+/).filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at < 1) {
      throw new Error(`constraint '${pair}' is not key=value`);
    }
    constraints[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return constraints;
}

function showError(form, message) {
  const error = form.querySelector('.dialog-error');
  error.textContent = message;
  error.hidden = !message;
}

function watcherSpec(form) {
  const data = new FormData(form);
  const spec = { name: data.get('name').trim(), cmd: data.get('cmd').trim(), start: data.get('start') === 'on' };
  const args = splitArgs(data.get('args') || '');
  if (args.length) {
    spec.args = args;
  }
  const processes = Number(data.get('numprocesses') || 1);
  spec.numprocesses = processes;
  if (data.get('where') === 'pinned') {
    spec.node = data.get('node');
  } else {
    const constraints = parseConstraints(data.get('constraints') || '');
    if (Object.keys(constraints).length) {
      spec.constraints = constraints;
    }
    const instances = (data.get('instances') || '').trim();
    if (instances) {
      spec.instances = instances === 'all' ? 'all' : Number(instances);
    }
    const spread = (data.get('spread') || '').trim();
    if (spread) {
      spec.spread = spread;
    }
  }
  return spec;
}

export function openAddWatcher(pinnedNode) {
  const dialog = document.getElementById('add-dialog');
  const form = dialog.querySelector('form');
  const select = form.elements.node;
  select.replaceChildren(...[...store.state.nodes.keys()].sort().map((name) => el('option', { value: name }, name)));
  if (pinnedNode) {
    select.value = pinnedNode;
    form.elements.where.value = 'pinned';
  }
  showError(form, '');
  dialog.showModal();
}

export function openRename(node) {
  const dialog = document.getElementById('rename-dialog');
  const form = dialog.querySelector('form');
  form.dataset.node = node;
  dialog.querySelector('.old-name').textContent = node;
  form.reset();
  showError(form, '');
  dialog.showModal();
}

async function submitted(form, act) {
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    await act();
    form.closest('dialog').close();
  } catch (e) {
    showError(form, e.message);
  } finally {
    button.disabled = false;
  }
}

export function install() {
  for (const close of document.querySelectorAll('dialog [data-close]')) {
    close.addEventListener('click', () => close.closest('dialog').close());
  }
  const add = document.getElementById('add-form');
  add.addEventListener('submit', (e) => {
    e.preventDefault();
    submitted(add, () => addWatcher(watcherSpec(add)));
  });
  const rename = document.getElementById('rename-form');
  rename.addEventListener('submit', (e) => {
    e.preventDefault();
    submitted(rename, () => renameNode(rename.dataset.node, new FormData(rename).get('name').trim()));
  });
  document.getElementById('add-watcher').addEventListener('click', () => openAddWatcher());
}
