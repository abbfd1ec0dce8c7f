// Small DOM helpers: every value goes in as text (never as HTML), so no API answer can
// inject markup into the console.
import { t } from './i18n.js';

// h('tr', {class: 'x', onclick: f}, child, 'text', [more]) → the element.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

// Replaces `root`'s content.
export function show(root, ...children) {
  root.replaceChildren();
  append(root, children);
}

// A table with a header row; a header is its text, or {text, num: true} for a right-aligned
// column of figures. `rows` are <tr> elements or arrays of cells (text or elements); without
// rows, one row saying `empty`.
export function table(headers, rows, empty = t('none')) {
  const body = rows.length
    ? rows.map((r) => (r instanceof Node ? r : h('tr', {}, r.map((c) => h('td', {}, c)))))
    : h('tr', { class: 'off' }, h('td', { colspan: headers.length }, empty));
  return h('table', {},
    h('thead', {}, h('tr', {}, headers.map((x) => (x?.num ? h('th', { class: 'num' }, x.text) : h('th', {}, x))))),
    h('tbody', {}, body));
}

// The form's named fields as an object (checkboxes as booleans).
export function formData(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    out[el.name] = el.type === 'checkbox' ? el.checked : el.value.trim();
  }
  return out;
}
