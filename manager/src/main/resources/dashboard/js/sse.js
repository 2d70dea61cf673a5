// A server-sent event stream read with fetch, so that it carries the Authorization header that
// EventSource cannot send. It reconnects by itself after the stream ends or fails, waiting what the
// server asked for (its retry: field) or RETRY_MS; a 401 asks for a token first.

import { authHeaders, tokenRefused } from './auth.js';

const RETRY_MS = 2000;

/** Parses one event block ("event: x\ndata: y"); null for a comment-only block. */
function parse(block) {
  const event = { name: 'message', data: [], retry: null };
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) {
      continue;
    }
    const at = line.indexOf(':');
    const field = at < 0 ? line : line.slice(0, at);
    const value = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '');
    if (field === 'event') {
      event.name = value;
    } else if (field === 'data') {
      event.data.push(value);
    } else if (field === 'retry' && /^\d+$/.test(value)) {
      event.retry = Number(value);
    }
  }
  return event.data.length || event.retry !== null ? event : null;
}

/**
 * Follows url until stop() is called: handlers[name](data) for each event, onOpen and onDown as
 * the stream opens and ends. Returns stop().
 */
export function follow(url, { handlers, onOpen = () => {}, onDown = () => {} }) {
  let stopped = false;
  let controller = null;
  let retry = RETRY_MS;

  const read = async (body) => {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer = (buffer + value).replace(/\r\n?/g, '\n');
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const event = parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        if (event && event.retry !== null) {
          retry = event.retry;
        }
        if (event && event.data.length && handlers[event.name]) {
          handlers[event.name](event.data.join('\n'));
        }
      }
    }
  };

  /** Reads one connection to its end; true when the next one should wait. */
  const connect = async () => {
    controller = new AbortController();
    try {
      const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...authHeaders() },
        signal: controller.signal, cache: 'no-store' });
      if (response.status === 401) {
        onDown();
        const answer = await response.json().catch(() => ({}));
        await tokenRefused(answer.message);
        return false;
      }
      if (!response.ok) {
        throw new Error(`${response.status} ${response.statusText}`);
      }
      onOpen();
      await read(response.body);
    } catch (e) {
      if (stopped) {
        return false;
      }
    }
    onDown();
    return true;
  };

  const loop = async () => {
    while (!stopped) {
      if (await connect() && !stopped) {
        await new Promise((resolve) => setTimeout(resolve, retry));
      }
    }
  };
  loop();
  return () => {
    stopped = true;
    if (controller) {
      controller.abort();
    }
  };
}
