// A watcher's logs: the last lines of its processes on every node that has it (or one), oldest
// first, as `circusmeta logs` prints them, stderr marked; read again on demand.

import { api } from '../api.js';
import { el, time } from '../format.js';

const TAIL = 200;

function printed(line) {
  return `${line.node}:${line.watcher}${line.pid === undefined || line.pid === null ? '' : `[${line.pid}]`} ${line.line}`;
}

export function logsPanel(container, watcher) {
  const list = el('ol', { class: 'log-lines', id: 'log-lines' });
  const note = el('p', { class: 'note log-note' });
  const node = el('input', { name: 'log-node', placeholder: 'every node', size: 12, 'aria-label': 'logs of node' });
  const read = el('button', { type: 'button', id: 'logs-read' }, 'Read');
  container.append(el('div', { class: 'toolbar' }, el('label', {}, 'Node ', node), read), note, list);

  let stopped = false;
  const load = async () => {
    read.disabled = true;
    try {
      const { lines, warnings } = await api.logs(watcher, node.value.trim() || undefined, TAIL);
      if (stopped) {
        return;
      }
      list.replaceChildren(...lines.map((line) => el('li', {
        class: `log-line stream-${line.stream}`, dataset: { node: line.node, pid: line.pid ?? '' },
        title: time(line.time),
      }, printed(line))));
      note.textContent = [lines.length ? '' : 'No line yet.', ...warnings].filter(Boolean).join(' ');
      list.scrollTop = list.scrollHeight;
    } catch (e) {
      if (!stopped) {
        list.replaceChildren();
        note.textContent = e.message;
      }
    } finally {
      read.disabled = false;
    }
  };
  read.addEventListener('click', load);
  node.addEventListener('change', load);
  load();
  return () => { stopped = true; };
}
