// The windows (第七–十条): today's windows with their services and weekly hours, every plan
// the office has made (past and to come), and for the office a form that adds, changes or
// closes a window from a date on. The hub checks each plan as it checks a hall file.
import { api, failure } from '../api.js';
import { formData, h, show, table } from '../dom.js';
import { pick, t, when } from '../i18n.js';

const kDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

// {"mon":["08:30-11:30"],…} → "周一至周五 08:30-11:30 · 周六 09:00-11:00": runs of days with
// the same ranges, so a window closing on Friday afternoons reads as such.
function hoursText(hours = {}) {
  const parts = [];
  for (let i = 0; i < kDays.length;) {
    const ranges = (hours[kDays[i]] || []).join(' ');
    let j = i;
    while (j + 1 < kDays.length && (hours[kDays[j + 1]] || []).join(' ') === ranges) j++;
    if (ranges) parts.push(`${t(`day_${kDays[i]}`)}${j > i ? t('day_to') + t(`day_${kDays[j]}`) : ''} ${ranges}`);
    i = j + 1;
  }
  return parts.join(' · ') || t('no_hours');
}

function periodsText(periods = []) {
  return periods.map((p) => `${p.from} – ${p.to}`).join(', ');
}

// The hall's date today plus `days`, as YYYY-MM-DD.
function dayAfter(today, days) {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function render(root, { me }) {
  const office = me.role === 'office';
  const message = h('p', { class: 'error', role: 'alert' });
  const listBox = h('section', { id: 'windows-list' });
  const editBox = h('section', { id: 'window-edit' });
  const services = await api('GET', '/api/v1/services');
  const serviceList = services.status === 200 ? services.body.services : [];
  const units = [...new Set(serviceList.map((s) => s.unit))];
  let today = '';

  async function load() {
    const res = await api('GET', '/api/v1/office/windows');
    if (res.status !== 200) return show(listBox, h('p', { class: 'notice-box' }, failure(res)));
    today = res.body.today;
    const plans = res.body.plans || [];
    show(listBox,
      h('div', { class: 'table-wrap' }, table(
        [t('window'), t('name'), t('unit'), t('window_kind'), t('services'), t('hours'), office ? t('actions') : ''],
        res.body.windows.map((w) => h('tr', { dataset: { window: w.number } },
          h('td', {}, w.number), h('td', {}, pick(w.name)), h('td', {}, w.unit),
          h('td', {}, t(`kind_${w.kind}`), w.kind === 'periodic' && h('div', { class: 'muted' }, periodsText(w.periods))),
          h('td', {}, (w.services || []).join(' ')), h('td', {}, hoursText(w.hours)),
          h('td', { class: 'actions' }, office && [
            h('button', { type: 'button', onclick: () => editor('change', w) }, t('change_window')), ' ',
            h('button', { type: 'button', class: 'danger', onclick: () => closer(w) }, t('close_window'))]))))),
      h('h2', {}, t('window_plans')),
      h('div', { class: 'table-wrap' }, table(
        [t('effective'), t('window'), t('change'), t('who'), t('at'), t('status')],
        plans.map((p) => h('tr', { class: p.in_effect ? 'off' : null, dataset: { plan: p.id } },
          h('td', {}, p.effective), h('td', {}, p.window),
          h('td', {}, p.plan ? `${pick(p.plan.name)} · ${p.plan.services.join(' ')} · ${hoursText(p.plan.hours)}` : t('closed_from')),
          h('td', {}, p.who), h('td', {}, when(p.at)),
          h('td', {}, p.in_effect ? t('in_effect') : h('span', { class: 'badge paused' }, t('scheduled'))))),
        t('no_plans'))));
  }

  async function submit(method, path, body, ok) {
    const res = await api(method, path, body);
    if (res.status === 200 || res.status === 201) {
      message.textContent = '';
      show(editBox, h('p', { class: 'notice-box ok', role: 'status' }, ok));
      await load();
    } else {
      message.textContent = failure(res);
    }
  }

  // The add or change form, filled with window `w` (a change) or empty (an addition).
  function editor(kind, w = { number: '', name: {}, unit: units[0], services: [], kind: 'fixed', hours: {}, periods: [] }) {
    const form = h('form', { class: 'panel', id: 'window-form' },
      h('h2', {}, kind === 'add' ? t('add_window') : t('change_window_n', { n: w.number })),
      h('div', { class: 'edit-grid' },
        h('label', {}, t('effective'), h('input', { name: 'effective', type: 'date', required: true, min: today, value: dayAfter(today, 1) })),
        kind === 'add' && h('label', {}, t('window_number'), h('input', { name: 'number', type: 'number', min: 1, max: 999, required: true })),
        h('label', {}, t('name_zh'), h('input', { name: 'zh', required: true, value: w.name.zh || '' })),
        h('label', {}, t('name_en'), h('input', { name: 'en', required: true, value: w.name.en || '' })),
        h('label', {}, t('unit'), h('select', { name: 'unit' }, units.map((u) => h('option', { value: u, selected: u === w.unit }, u)))),
        h('label', {}, t('window_kind'), h('select', { name: 'kind' },
          ['fixed', 'periodic'].map((k) => h('option', { value: k, selected: k === w.kind }, t(`kind_${k}`))))),
        h('label', { class: 'check' }, h('input', { name: 'accepts_other_units', type: 'checkbox', checked: Boolean(w.accepts_other_units) }), t('accepts_other_units'))),
      h('fieldset', {}, h('legend', {}, t('services')), h('div', { class: 'choices' },
        serviceList.map((s) => h('label', { class: 'check' },
          h('input', { type: 'checkbox', name: `service_${s.code}`, checked: w.services.includes(s.code) }),
          `${s.code} ${pick(s.name)} (${s.unit})`)))),
      h('fieldset', {}, h('legend', {}, t('hours')), h('p', { class: 'muted' }, t('hours_hint')),
        h('div', { class: 'edit-grid' }, kDays.map((d) => h('label', {}, t(`day_${d}`),
          h('input', { name: `hours_${d}`, value: (w.hours[d] || []).join(' '), placeholder: '08:30-11:30 13:30-17:00' }))))),
      h('label', { id: 'periods', hidden: w.kind !== 'periodic' }, t('periods'), h('span', { class: 'muted' }, t('periods_hint')),
        h('textarea', { name: 'periods', rows: 3 }, (w.periods || []).map((p) => `${p.from} ${p.to}`).join('\n'))),
      h('div', { class: 'toolbar' },
        h('button', { type: 'submit', class: 'primary' }, t('save_plan')),
        h('button', { type: 'button', onclick: () => show(editBox) }, t('cancel'))));
    // Periods belong to periodic windows only.
    form.elements.kind.addEventListener('change', () => { form.querySelector('#periods').hidden = form.elements.kind.value !== 'periodic'; });
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const f = formData(form);
      const window = {
        name: { zh: f.zh, en: f.en }, unit: f.unit, kind: f.kind, accepts_other_units: f.accepts_other_units,
        services: serviceList.filter((s) => f[`service_${s.code}`]).map((s) => s.code),
        hours: Object.fromEntries(kDays.map((d) => [d, f[`hours_${d}`].split(/[\s,，]+/).filter(Boolean)])
          .filter(([, ranges]) => ranges.length)),
      };
      if (f.kind === 'periodic') {
        // One period a line, "2026-09-01 2026-09-30" (a single date: that day only).
        window.periods = f.periods.split('\n').map((line) => line.match(/\d{4}-\d{2}-\d{2}/g))
          .filter(Boolean).map(([from, to]) => ({ from, to: to || from }));
      }
      if (kind === 'add') {
        window.number = Number(f.number);
        submit('POST', '/api/v1/windows', { effective: f.effective, window }, t('plan_saved', { date: f.effective }));
      } else {
        submit('PUT', `/api/v1/windows/${w.number}`, { effective: f.effective, window }, t('plan_saved', { date: f.effective }));
      }
    });
    message.textContent = '';
    show(editBox, form);
    form.scrollIntoView({ block: 'start' });
  }

  function closer(w) {
    const form = h('form', { class: 'panel', id: 'window-close' },
      h('h2', {}, t('close_window_n', { n: w.number, name: pick(w.name) })),
      h('label', {}, t('effective'), h('input', { name: 'effective', type: 'date', required: true, min: today, value: dayAfter(today, 1) })),
      h('p', { class: 'muted' }, t('close_hint')),
      h('div', { class: 'toolbar' },
        h('button', { type: 'submit', class: 'danger' }, t('close_window')),
        h('button', { type: 'button', onclick: () => show(editBox) }, t('cancel'))));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const { effective } = formData(form);
      submit('DELETE', `/api/v1/windows/${w.number}?effective=${encodeURIComponent(effective)}`, undefined,
             t('plan_saved', { date: effective }));
    });
    message.textContent = '';
    show(editBox, form);
    form.scrollIntoView({ block: 'start' });
  }

  show(root,
    h('h1', {}, t('nav_windows')),
    h('p', { class: 'muted' }, t('windows_intro')),
    office && h('div', { class: 'toolbar no-print' }, h('button', { type: 'button', class: 'primary', onclick: () => editor('add') }, t('add_window'))),
    message, editBox, listBox);
  await load();
}
