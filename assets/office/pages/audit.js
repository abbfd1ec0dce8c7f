// The audit log: every change made by an account or a token (who, when, what, before →
// after), newest first, filtered by who, action and a start date (GET /api/v1/audit).
import { api, failure } from '../api.js';
import { formData, h, show, table } from '../dom.js';
import { t, when } from '../i18n.js';

// What changed between two JSON values, one line per changed key (the whole value when
// either side is neither an object nor absent).
function change(before, after) {
  const text = (v) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  const isObject = (v) => v && typeof v === 'object' && !Array.isArray(v);
  const none = (v) => v === null || v === undefined;
  if (!(isObject(before) || none(before)) || !(isObject(after) || none(after))) {
    return h('span', { class: 'diff' }, h('del', {}, text(before)), ' → ', h('ins', {}, text(after)));
  }
  const b = before || {}, a = after || {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]) && !(none(b[k]) && none(a[k])));
  return h('ul', { class: 'diff' }, keys.map((k) => h('li', {}, h('b', {}, k), ': ',
    k in b && h('del', {}, text(b[k])), k in b && k in a && ' → ', k in a && h('ins', {}, text(a[k])))));
}

export async function render(root, { params }) {
  const query = new URLSearchParams(params[0] || '');
  const form = h('form', { class: 'toolbar', id: 'audit-form' },
    h('label', {}, t('who'), h('input', { name: 'who', value: query.get('who') || '', placeholder: 'account:wang' })),
    h('label', {}, t('action'), h('input', { name: 'action', value: query.get('action') || '', placeholder: 'device.create' })),
    h('label', {}, t('since'), h('input', { name: 'since', type: 'date', value: query.get('since') || '' })),
    h('label', {}, t('limit'), h('select', { name: 'limit' }, ['100', '300', '1000'].map((n) =>
      h('option', { value: n, selected: n === (query.get('limit') || '100') }, n)))),
    h('button', { type: 'submit', class: 'primary' }, t('filter')),
    h('button', { type: 'button', onclick: () => window.print() }, t('print')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = Object.entries(formData(form)).filter(([, v]) => v);
    location.hash = `audit/${new URLSearchParams(f)}`;
  });
  const body = h('section', { id: 'audit' });
  show(root, h('h1', {}, t('nav_audit')), form, body);

  const filters = new URLSearchParams([...query].filter(([k, v]) => ['who', 'action', 'since', 'limit'].includes(k) && v));
  const res = await api('GET', `/api/v1/audit?${filters}`);
  if (res.status !== 200) return show(body, h('p', { class: 'notice-box' }, failure(res)));
  const entries = res.body.entries || [];
  show(body, h('div', { class: 'table-wrap' }, table([t('at'), t('who'), t('action'), t('target'), t('change')],
    entries.map((e) => [when(e.at), e.who, e.action, e.target, change(e.before, e.after)]), t('no_entries'))));
}
