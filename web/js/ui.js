// Small DOM helpers shared by the pages.

/** The element with `id`; throws early (during development) if the page lacks it. */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`The page has no element #${id}.`);
  }
  return element;
}

export function show(element, visible = true) {
  element.hidden = !visible;
}

/** Shows `message` in an error region (role="alert"), or hides the region when `message` is empty. */
export function showError(element, message) {
  element.textContent = message || '';
  element.hidden = !message;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A <time> element showing the local clock time of `at` (an ISO string or Date). */
export function timeElement(at) {
  const date = at instanceof Date ? at : new Date(at);
  const element = document.createElement('time');
  element.dateTime = date.toISOString();
  element.textContent = timeFormat.format(date);
  return element;
}

/** Creates an element with optional class and text. */
export function element(tag, { className, text } = {}) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** Runs `action` with `button` disabled (and marked busy) so a double click cannot send a command twice. */
export async function whileBusy(button, action) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    button.removeAttribute('aria-busy');
    button.disabled = false;
  }
}
