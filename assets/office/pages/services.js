// The service guide (办事公开): the list of services, and for one service the form that edits
// its texts in both languages (PUT /api/v1/services/{code}) beside its version history with
// what each change did. Kiosks and the public guide show a saved change at once.
import { api, failure } from '../api.js';
import { formData, h, show, table } from '../dom.js';
import { pick, t, when } from '../i18n.js';

const kModes = ['instant', 'deadline', 'joint'];

function mayEdit(me, service) {
  return me.role === 'office' || (me.role === 'unit' && me.unit === service.unit);
}

async function list(root) {
  const res = await api('GET', '/api/v1/services');
  if (res.status !== 200) return show(root, h('h1', {}, t('nav_services')), h('p', { class: 'notice-box' }, failure(res)));
  show(root, h('h1', {}, t('nav_services')),
    h('div', { class: 'table-wrap' }, table(
      [t('code'), t('name'), t('unit'), t('mode'), t('materials'), ''],
      res.body.services.map((s) => [s.code, pick(s.name), pick(s.unit_name) || s.unit, t(`mode_${s.mode}`),
        (s.materials || []).map(pick).join('；'),
        h('a', { href: `#services/${encodeURIComponent(s.code)}`, class: 'edit' }, t('edit'))]))));
}

// Rows of {zh, en} texts (steps, materials) with add and remove.
function rowsEditor(name, items, enabled) {
  const box = h('div', { class: 'rows', dataset: { rows: name } });
  function number() {
    [...box.children].forEach((row, i) => { row.querySelector('.n').textContent = `${i + 1}.`; });
  }
  function add(item) {
    const row = h('div', { class: 'row' },
      h('span', { class: 'n' }),
      h('input', { 'aria-label': `${t(name)} ${t('zh')}`, dataset: { lang: 'zh' }, disabled: !enabled, value: item.zh || '' }),
      h('input', { 'aria-label': `${t(name)} ${t('en')}`, dataset: { lang: 'en' }, disabled: !enabled, value: item.en || '' }),
      enabled && h('button', { type: 'button', class: 'danger', onclick: () => { row.remove(); number(); } }, t('remove')));
    box.append(row);
    number();
  }
  (items || []).forEach(add);
  const addButton = enabled && h('button', { type: 'button', onclick: () => add({}) }, t('add_row'));
  return { element: h('div', {}, box, addButton),
           value: () => [...box.children]
             .map((row) => ({ zh: row.querySelector('[data-lang=zh]').value.trim(), en: row.querySelector('[data-lang=en]').value.trim() }))
             .filter((x) => x.zh || x.en) };
}

// A changed value as text: a {zh, en} pair, a list of them, or a plain value.
function valueText(v) {
  if (v === null || v === undefined || v === '') return t('none');
  if (Array.isArray(v)) return v.length ? v.map(valueText).join('；') : t('none');
  if (typeof v === 'object') return [v.zh, v.en].filter(Boolean).join(' / ');
  return String(v);
}

// Lists (steps, materials) as the items removed and added; other values as before → after.
function difference(before, after) {
  if (Array.isArray(before) && Array.isArray(after)) {
    const key = (x) => JSON.stringify(x);
    const kept = new Set(after.map(key)), had = new Set(before.map(key));
    const removed = before.filter((x) => !kept.has(key(x))), added = after.filter((x) => !had.has(key(x)));
    if (removed.length + added.length)
      return [removed.map((x) => [h('del', {}, `− ${valueText(x)}`), ' ']), added.map((x) => [h('ins', {}, `+ ${valueText(x)}`), ' '])];
  }
  return [h('del', {}, valueText(before)), ' → ', h('ins', {}, valueText(after))];
}

const kFieldNames = { name: 'name', who_may_apply: 'who_may_apply', steps: 'steps', materials: 'materials',
                      mode: 'mode', promised_days: 'promised_days' };

async function versions(box, code) {
  const res = await api('GET', `/api/v1/services/${encodeURIComponent(code)}/versions`);
  if (res.status !== 200) return show(box, h('h2', {}, t('versions')), h('p', { class: 'notice-box' }, failure(res)));
  const list = res.body.versions || [];
  show(box, h('h2', {}, t('versions')),
    list.length ? h('ul', { class: 'versions' }, list.map((v) => h('li', { dataset: { version: v.version } },
      h('strong', {}, t('version', { v: v.version })), ' ',
      h('span', { class: 'muted' }, t('changed_by', { who: v.who, at: when(v.at) })),
      h('ul', { class: 'diff' }, (v.changes || []).map((c) => h('li', {},
        h('b', {}, kFieldNames[c.field] ? t(kFieldNames[c.field]) : c.field), t('colon'), difference(c.before, c.after)))))))
      : h('p', { class: 'muted' }, t('no_versions')));
}

async function editor(root, me, code) {
  const res = await api('GET', `/api/v1/services/${encodeURIComponent(code)}`);
  const back = h('p', { class: 'no-print' }, h('a', { href: '#services' }, `← ${t('back_to_list')}`));
  if (res.status !== 200) return show(root, back, h('h1', {}, code), h('p', { class: 'notice-box' }, failure(res)));
  let service = res.body.service;
  const enabled = mayEdit(me, service);
  const steps = rowsEditor('steps', service.steps, enabled);
  const materials = rowsEditor('materials', service.materials, enabled);
  const message = h('p', { id: 'message', role: 'status' });
  const field = (label, name, value, attrs = {}) =>
    h('label', {}, label, h('input', { name, value: value ?? '', disabled: !enabled, ...attrs }));
  const form = h('form', { id: 'service-form', class: 'panel' },
    h('div', { class: 'edit-grid' },
      field(t('name_zh'), 'name_zh', service.name?.zh, { required: true }),
      field(t('name_en'), 'name_en', service.name?.en, { required: true }),
      h('label', {}, t('who_zh'), h('textarea', { name: 'who_zh', disabled: !enabled }, service.who_may_apply?.zh || '')),
      h('label', {}, t('who_en'), h('textarea', { name: 'who_en', disabled: !enabled }, service.who_may_apply?.en || '')),
      h('label', {}, t('mode'), h('select', { name: 'mode', disabled: !enabled, onchange: (ev) => {
        // Items done at once have no promised days.
        form.elements.promised_days.disabled = !enabled || ev.target.value === 'instant';
      } },
        kModes.map((m) => h('option', { value: m, selected: m === service.mode }, t(`mode_${m}`))))),
      field(t('promised_days'), 'promised_days', service.promised_days || '',
            { type: 'number', min: 1, max: 60, disabled: !enabled || service.mode === 'instant' }),
      h('div', { class: 'wide' }, h('h3', {}, t('steps')), steps.element),
      h('div', { class: 'wide' }, h('h3', {}, t('materials')), materials.element)),
    message,
    enabled && h('button', { type: 'submit', class: 'primary' }, t('save')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = formData(form);
    const body = { name: { zh: f.name_zh, en: f.name_en }, who_may_apply: { zh: f.who_zh, en: f.who_en },
                   steps: steps.value(), materials: materials.value(), mode: f.mode, version: service.version };
    if (f.mode !== 'instant' && f.promised_days) body.promised_days = Number(f.promised_days);
    const saved = await api('PUT', `/api/v1/services/${encodeURIComponent(code)}`, body);
    if (saved.status === 200) {
      service = saved.body.service;
      message.className = 'notice-box ok';
      message.textContent = `${t('saved')}（${t('version', { v: service.version })}）— ${t('published')}`;
      versions(history, code);
    } else {
      message.className = 'notice-box';
      message.textContent = failure(saved);
    }
  });
  const history = h('section', { class: 'panel', id: 'versions' });
  const unitName = pick(service.unit_name) || service.unit;
  show(root, back,
    h('h1', {}, `${service.code} · ${pick(service.name)}`),
    !enabled && h('p', { class: 'notice-box info' },
      me.role === 'unit' ? t('not_your_unit', { unit: unitName }) : t('read_only')),
    h('div', { class: 'layout-2' }, form, history));
  await versions(history, code);
}

export async function render(root, { me, params }) {
  if (params[0]) await editor(root, me, params[0]);
  else await list(root);
}
