// Building the page from data without ever parsing data as HTML: every value becomes a text node.
import { fieldFor } from './errors.js';
export { time } from './format.js';

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      element.className = value;
    } else if (key === 'value') {
      element.value = value;
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A status or action as a badge; the word is always shown, colour only repeats it. */
export function badge(word, kind = 'status') {
  const text = word === null || word === undefined ? 'unknown' : String(word);
  return h('span', { class: `badge ${kind}-${text.toLowerCase()}` }, text);
}

/** Says something to screen readers (the page's polite live region). */
export function announce(message) {
  const live = document.getElementById('live');
  live.textContent = '';
  window.setTimeout(() => (live.textContent = message), 50);
}

/** Asks before something that cannot be undone; resolves to true when confirmed. */
export function confirmAction(question, confirmLabel = 'Delete') {
  const dialog = document.getElementById('confirm-dialog');
  document.getElementById('confirm-text').textContent = question;
  document.getElementById('confirm-yes').textContent = confirmLabel;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true });
    dialog.showModal();
  });
}

/**
 * A labelled form field with its help text and a place for the API's error next to it. The
 * control's name is the API field it fills; errors find it by that name.
 */
export function field(id, label, control, help) {
  control.id = id;
  const described = [];
  const parts = [h('label', { for: id }, label), control];
  if (help) {
    const helpElement = help instanceof Node ? help : h('p', {}, help);
    helpElement.id = `${id}-help`;
    helpElement.classList.add('help');
    described.push(helpElement.id);
    parts.push(helpElement);
  }
  const error = h('p', { id: `${id}-error`, class: 'field-error', hidden: true });
  described.push(error.id);
  parts.push(error);
  control.setAttribute('aria-describedby', described.join(' '));
  return h('div', { class: 'field' }, parts);
}

/** Clears the errors a form shows. */
export function clearErrors(form) {
  for (const error of form.querySelectorAll('.field-error, .form-error')) {
    error.textContent = '';
    error.hidden = true;
  }
  for (const control of form.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
  }
}

/** Shows an API error next to the field it is about (see errors.js), or above the form. */
export function showError(form, error) {
  // a field hidden for the chosen kind of zone (email of a SECONDARY) is not the one meant
  const names = [...form.querySelectorAll('[name]')].filter((c) => !c.closest('[hidden]')).map((c) => c.name);
  const name = fieldFor(error, names);
  const control = name ? form.querySelector(`[name="${name}"]`) : null;
  const place = control ? document.getElementById(`${control.id}-error`) : null;
  if (control && place) {
    place.textContent = error.message;
    place.hidden = false;
    control.setAttribute('aria-invalid', 'true');
    control.focus();
    return;
  }
  const above = form.querySelector('.form-error');
  above.textContent = error.message;
  above.hidden = false;
  above.focus();
}

export function formError() {
  return h('p', { class: 'form-error', role: 'alert', tabindex: '-1', hidden: true });
}

/** A plain message for a failed call, with the request id the logs know it by. */
export function problem(error) {
  return h(
    'p',
    { class: 'problem', role: 'alert' },
    error.message,
    error.requestId ? h('span', { class: 'request-id' }, ` (request ${error.requestId})`) : ''
  );
}
