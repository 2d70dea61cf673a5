// How figures read on the page.

export function percent(value) {
  return value === null || value === undefined ? '–' : `${value.toFixed(value >= 10 ? 0 : 1)} %`;
}

export function count(value) {
  return value === null || value === undefined ? '–' : String(value);
}

export function labels(map) {
  return Object.entries(map || {}).map(([k, v]) => `${k}=${v}`).join(' ');
}

export function ago(iso) {
  if (!iso) {
    return '–';
  }
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return seconds < 120 ? `${seconds}s ago` : `${Math.round(seconds / 60)} min ago`;
}

export function time(seconds) {
  return new Date(seconds * 1000).toLocaleTimeString();
}

/** An element with attributes and children (strings become text). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key.startsWith('on')) {
      element.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(key, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

/** Sets an element's text only when it changed (so a redraw a second costs no layout). */
export function setText(element, text) {
  if (element.textContent !== text) {
    element.textContent = text;
  }
}
