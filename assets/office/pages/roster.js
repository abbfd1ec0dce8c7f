// Rosters (第十四、十五、二十九条): a week of the published rosters per window and per person
// (after approved leave: the substitute shows), printed on A4; the terms, with the term's
// rosters exported for Excel; a window's roster edited (roster_edit.js) and the mid-term
// change requests decided. The office adds terms and publishes; a unit's lead drafts.
import { api, failure } from '../api.js';
import { formData, h, show, table } from '../dom.js';
import { t } from '../i18n.js';
import { changes, editor } from './roster_edit.js';

function monday(date) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

function plus(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function render(root, { me }) {
  const termBox = h('section', { id: 'terms', class: 'no-print' });
  const weekBox = h('section', { id: 'week' });
  const message = h('p', { class: 'error', role: 'alert' });
  const start = h('input', { type: 'date', name: 'week', value: monday(new Date().toISOString().slice(0, 10)) });
  const person = h('input', { name: 'staff', maxlength: 16, placeholder: 'S001' });

  const changer = me.role === 'office' || me.role === 'unit';
  const editBox = changer && h('section', { id: 'roster-edit', class: 'no-print' });
  const changeBox = h('section', { id: 'roster-changes', class: 'no-print' });
  const refresh = () => Promise.all([loadWeek(), changes(changeBox, { me, onChange: loadWeek })]);

  async function loadTerms() {
    const res = await api('GET', '/api/v1/terms');
    if (res.status !== 200) return show(termBox, h('p', { class: 'notice-box' }, failure(res)));
    if (editBox) await editor(editBox, { me, terms: res.body.terms, onChange: refresh });
    show(termBox, h('h2', {}, t('terms')), h('div', { class: 'table-wrap' }, table(
      [t('term'), t('from'), t('to'), ''],
      res.body.terms.map((x) => [x.name, x.start, x.end,
        h('span', {}, h('a', { download: '', href: `/api/v1/rosters/${x.id}/export?format=xlsx` }, t('export_xlsx')), ' ',
          h('a', { download: '', href: `/api/v1/rosters/${x.id}/export?format=csv` }, t('export_csv')))]))));
  }

  async function loadWeek() {
    const from = monday(start.value || new Date().toISOString().slice(0, 10));
    const days = [...Array(7).keys()].map((i) => plus(from, i));
    const who = person.value.trim() ? `&staff=${encodeURIComponent(person.value.trim())}` : '';
    const res = await api('GET', `/api/v1/schedule?from=${days[0]}&to=${days[6]}${who}`);
    if (res.status !== 200) return show(weekBox, h('p', { class: 'notice-box' }, failure(res)));
    const windows = [...new Set(res.body.schedule.map((s) => s.window))].sort((a, b) => a - b);
    const cell = (w, d, half) => res.body.schedule.filter((s) => s.window === w && s.date === d && s.half === half)
      .map((s) => s.staff).join(' ');
    show(weekBox, h('h2', {}, t('week_of', { from: days[0] }),
      person.value.trim() ? ` · ${person.value.trim()}` : '', ' ',
      h('button', { type: 'button', class: 'no-print', onclick: () => window.print() }, t('print_roster'))),
    h('div', { class: 'table-wrap' }, table(
      [t('window'), ...days.map((d) => d.slice(5))],
      windows.map((w) => h('tr', { dataset: { window: w } }, h('td', {}, w),
        days.map((d) => h('td', {}, `${t('half_am')} ${cell(w, d, 'am') || '—'}`, h('br'), `${t('half_pm')} ${cell(w, d, 'pm') || '—'}`)))),
      t('no_schedule'))));
  }

  const weekForm = h('form', { class: 'toolbar no-print' }, h('label', {}, t('week'), start),
                     h('label', {}, t('staff_number'), person), h('button', { type: 'submit', class: 'primary' }, t('show')));
  weekForm.addEventListener('submit', async (ev) => { ev.preventDefault(); await loadWeek(); });

  const termForm = me.role === 'office' && h('form', { class: 'panel no-print', id: 'new-term' },
    h('h2', {}, t('new_term')),
    h('div', { class: 'edit-grid' },
      h('label', {}, t('term'), h('input', { name: 'name', required: true, maxlength: 64, placeholder: '2026秋' })),
      h('label', {}, t('from'), h('input', { name: 'start', type: 'date', required: true })),
      h('label', {}, t('to'), h('input', { name: 'end', type: 'date', required: true }))),
    h('button', { type: 'submit', class: 'primary' }, t('save')));
  if (termForm) termForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const res = await api('POST', '/api/v1/terms', formData(termForm));
    message.textContent = res.status === 201 ? '' : failure(res);
    if (res.status === 201) termForm.reset();
    await loadTerms();
  });

  show(root, h('h1', {}, t('nav_roster')), message, weekForm, weekBox, editBox, changeBox, termBox, termForm);
  await Promise.all([loadTerms(), refresh()]);
}
