// A watcher's logs: the last lines of its processes on every node that has it (or one), oldest
// first, as `circusmeta logs` prints them, stderr marked; then, while "follow" is ticked, every new
// line as it comes (GET /api/logs?follow=true) with the manager's notices (a node left, ...).

import { api } from '../api.js';
import { el, time } from '../format.js';
import { follow } from '../sse.js';

const TAIL = 200;
const KEEP = 1000;

function printed(line) {
  return `${line.node}:${line.watcher}${line.pid === undefined || line.pid === null ? '' : `[${line.pid}]`} ${line.line}`;
}

function lineItem(line) {
  return el('li', { class: `log-line stream-${line.stream}`, dataset: { node: line.node, pid: line.pid ?? '' },
    title: time(line.time) }, printed(line));
}

export function logsPanel(container, watcher) {
  const list = el('ol', { class: 'log-lines', id: 'log-lines' });
  const note = el('p', { class: 'note log-note' });
  const node = el('input', { name: 'log-node', placeholder: 'every node', size: 12, 'aria-label': 'logs of node' });
  const following = el('input', { type: 'checkbox', id: 'logs-follow', checked: true });
  const read = el('button', { type: 'button', id: 'logs-read' }, 'Read again');
  container.append(el('div', { class: 'toolbar' }, el('label', {}, 'Node ', node),
    el('label', { class: 'check' }, following, ' follow'), read), note, list);

  const append = (items) => {
    const atEnd = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
    list.append(...items);
    while (list.childElementCount > KEEP) {
      list.firstElementChild.remove();
    }
    if (atEnd) {
      list.scrollTop = list.scrollHeight;
    }
  };
  const say = (text) => {
    note.textContent = text;
  };

  let stopFollow = null;
  let stopped = false;
  const tailOnce = async () => {
    try {
      const { lines, warnings } = await api.logs(watcher, node.value.trim() || undefined, TAIL);
      if (!stopped) {
        list.replaceChildren();
        append(lines.map(lineItem));
        say([lines.length ? '' : 'No line yet.', ...warnings].filter(Boolean).join(' '));
      }
    } catch (e) {
      if (!stopped) {
        list.replaceChildren();
        say(e.message);
      }
    }
  };
  const followLines = () => {
    const query = new URLSearchParams({ watcher, tail: TAIL, follow: 'true' });
    if (node.value.trim()) {
      query.set('node', node.value.trim());
    }
    stopFollow = follow(`api/logs?${query}`, {
      handlers: {
        message: (data) => append([lineItem(JSON.parse(data))]),
        notice: (data) => {
          const notice = JSON.parse(data);
          append([el('li', { class: 'log-notice' }, `${notice.node ? `${notice.node}: ` : ''}${notice.message}`)]);
        },
        end: (data) => say(JSON.parse(data).message),
      },
      // Each connection starts with its own tail: what was shown before goes.
      onOpen: () => { list.replaceChildren(); say('following'); },
      onDown: () => say('reconnecting…'),
    });
  };
  const restart = () => {
    if (stopFollow) {
      stopFollow();
      stopFollow = null;
    }
    read.hidden = following.checked;
    if (following.checked) {
      followLines();
    } else {
      tailOnce();
    }
  };
  read.addEventListener('click', tailOnce);
  node.addEventListener('change', restart);
  following.addEventListener('change', restart);
  restart();
  return () => {
    stopped = true;
    if (stopFollow) {
      stopFollow();
    }
  };
}
