// What the page can do, each through one API call, each reporting its outcome. Adding an action
// (drain, rolling restart, ...) is one more function here and a button that calls it.

import { api, failedNodes } from './api.js';
import { confirmed, fail, tell } from './messages.js';
import * as store from './store.js';

const ASKS = { stop: 'Stop', rm: 'Remove' };

function where(node) {
  return node ? `on ${node}` : 'on every node that has it';
}

async function reported(description, call) {
  try {
    const answer = await call();
    const failed = failedNodes(answer);
    if (failed.length) {
      fail(`${description} failed on ${failed.length} node${failed.length > 1 ? 's' : ''}: ${failed.join('; ')}`);
    } else {
      tell(`${description}: ok`);
    }
    refreshWatchers();
    return answer;
  } catch (e) {
    fail(`${description}: ${e.message}`);
    return null;
  }
}

/** start, stop, restart, incr, decr or rm of a watcher, on one node or (node absent) every node that has it. */
export async function watcherAction(watcher, action, node) {
  const description = `${action} ${watcher} ${where(node)}`;
  if (ASKS[action] && !(await confirmed(`${ASKS[action]} watcher ${watcher} ${where(node)}?`))) {
    return null;
  }
  if (action === 'rm') {
    return reported(description, () => api.removeWatcher(watcher, node));
  }
  return reported(description, () => api.act(watcher, action, node));
}

/** Adds a watcher; resolves with the API's answer ({name, node, reason}), or throws the refusal. */
export async function addWatcher(spec) {
  const added = await api.addWatcher(spec);
  tell(`added watcher ${added.name} on node ${added.node} (${added.reason})`);
  refreshWatchers();
  return added;
}

/** Cordons a node (no new placement) or uncordons it (eligible again); reports either way. */
export async function setEligible(node, eligible) {
  const verb = eligible ? 'uncordon' : 'cordon';
  try {
    const changed = await (eligible ? api.uncordon(node) : api.cordon(node));
    tell(changed.message || `${verb} ${node}: ok`);
    return changed;
  } catch (e) {
    fail(`${verb} ${node}: ${e.message}`);
    return null;
  }
}

/** Sets how many copies a cluster watcher runs: a count, or 'all'. */
export async function scaleWatcher(name, instances) {
  try {
    const scaled = await api.scale(name, instances);
    tell(`${name} now runs ${instances === 'all' ? 'on every fitting node' : `${instances} cop${instances === 1 ? 'y' : 'ies'}`}`);
    refreshWatchers();
    return scaled;
  } catch (e) {
    fail(`scale ${name} to ${instances}: ${e.message}`);
    return null;
  }
}

const POLL_MS = 500;

/**
 * Drains a node once confirmed: onProgress(operation) at the start and each time it moves on, until it
 * ends; resolves with the last view of the operation, or null when cancelled or refused.
 */
export async function drainNode(node, onProgress) {
  if (!(await confirmed(`Drain node ${node}? It is cordoned, and each of its cluster watchers is started on another`
    + ' node before it stops here.'))) {
    return null;
  }
  try {
    let operation = await api.drain(node, 2);
    onProgress(operation);
    while (operation.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      operation = await api.operation(operation.id);
      onProgress(operation);
    }
    const told = operation.state === 'done' ? tell : fail;
    told(`drain ${node}: ${operation.state}${operation.message ? ` (${operation.message})` : ''}`);
    refreshWatchers();
    return operation;
  } catch (e) {
    fail(`drain ${node}: ${e.message}`);
    return null;
  }
}

export async function renameNode(node, name) {
  const accepted = await api.rename(node, name);
  tell(accepted.message);
  return accepted;
}

let refreshing = null;
let again = false;

/** Reads GET /api/watchers again; calls while one is under way are folded into one more. */
export function refreshWatchers() {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = api.watchers()
    .then(store.setWatchers)
    .catch((e) => fail(`could not read the watchers: ${e.message}`))
    .finally(() => {
      refreshing = null;
      if (again) {
        again = false;
        refreshWatchers();
      }
    });
  return refreshing;
}
