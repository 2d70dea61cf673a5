// The manager's HTTP API: one function per call, nothing the API cannot do. A refusal is an ApiError
// carrying the API's own message; a call that fans out resolves with every node's reply, and
// failedNodes() picks out the nodes that did not succeed.

export class ApiError extends Error {
  constructor(call, status, message) {
    super(message);
    this.call = call;
    this.status = status;
  }
}

import { authHeaders, tokenRefused } from './auth.js';

const enc = encodeURIComponent;

function query(params) {
  const parts = Object.entries(params)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${enc(key)}=${enc(value)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

async function call(method, path, body) {
  return (await answered(method, path, body)).json;
}

/** The whole answer: {status, json, warnings} (the Warning headers' texts, for the calls that send some). */
async function answered(method, path, body) {
  for (;;) {
    const answer = await once(method, path, body);
    if (answer.status !== 401) {
      return answer;
    }
    // The manager wants a token, or refused this one: ask, then send the call again.
    await tokenRefused(answer.message);
  }
}

async function once(method, path, body) {
  const what = `${method} /api${path}`;
  const init = { method, headers: { Accept: 'application/json', ...authHeaders() } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(`api${path}`, init);
  } catch (e) {
    throw new ApiError(what, 0, `the manager did not answer ${what} (${e.message}); check that it runs`);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  const message = json && json.message ? json.message : `${response.status} ${response.statusText} ${text}`.trim();
  if (response.status === 401) {
    return { status: 401, message };
  }
  if (!response.ok) {
    throw new ApiError(what, response.status, message);
  }
  return { status: response.status, json, warnings: warnings(response.headers.get('Warning')) };
}

/** The texts of a Warning header's entries ('199 - "text", 199 - "more"'). */
function warnings(header) {
  return [...(header || '').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].replace(/\\(.)/g, '$1'));
}

export const api = {
  nodes: () => call('GET', '/nodes'),
  node: (name) => call('GET', `/nodes/${enc(name)}`),
  rename: (node, name) => call('POST', `/nodes/${enc(node)}/rename`, { name }),
  // No new placement on the node (cordon) or again (uncordon); what runs there stays.
  cordon: (node) => call('POST', `/nodes/${enc(node)}/cordon`),
  uncordon: (node) => call('POST', `/nodes/${enc(node)}/uncordon`),
  // Cordons the node and moves its cluster watchers elsewhere: an operation, followed with operation(id).
  drain: (node, maxParallel) => call('POST', `/nodes/${enc(node)}/drain`, { maxParallel }),
  operation: (id) => call('GET', `/operations/${enc(id)}`),
  // Who the manager takes this page for: {name, role}.
  session: () => call('GET', '/session'),
  command: (command, properties, nodes) => call('POST', '/command', { command, properties, nodes }),
  watchers: () => call('GET', '/watchers'),
  addWatcher: (spec) => call('POST', '/watchers', spec),
  // A cluster watcher's copies: a count, or 'all' for one on every fitting node.
  scale: (name, instances) => call('PATCH', `/watchers/${enc(name)}`, { instances }),
  removeWatcher: (name, node) => call('DELETE', `/watchers/${enc(name)}${query({ node })}`),
  // action: start, stop, restart, incr or decr; node absent: every node that has the watcher.
  act: (name, action, node, nb) => call('POST', `/watchers/${enc(name)}/${action}${query({ node, nb })}`),
  stats: () => call('GET', '/stats'),
  // The last lines of a watcher's processes on every node that has it (or one): {lines, warnings}.
  logs: async (watcher, node, tail) => {
    const answer = await answered('GET', `/logs${query({ watcher, node, tail })}`);
    return { lines: answer.json || [], warnings: answer.warnings };
  },
  // The processes of these nodes (of one watcher when given) with pid, cpu and mem: circus's 'stats'.
  processes: (nodes, watcher) => call('POST', '/command',
    { command: 'stats', properties: watcher ? { name: watcher } : {}, nodes }),
};

// The server-sent event streams the page reads.
export const streams = {
  live: 'api/live',
  events: 'api/events',
};

/** The nodes of a fan-out's {"results": {NODE: reply}} whose reply is not ok, as "NODE: reason". */
export function failedNodes(answer) {
  return Object.entries((answer && answer.results) || {})
    .filter(([, reply]) => !reply || reply.status !== 'ok')
    .map(([node, reply]) => `${node}: ${(reply && (reply.reason || reply.status)) || 'no reply'}`);
}
