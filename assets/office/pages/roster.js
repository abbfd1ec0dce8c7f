// Rosters (第十四、十五、二十九条): the terms, and a week of the published rosters per window
// and per person (after approved leave: the substitute shows); export the term's rosters for
// Excel. The office adds terms. Drafting and publishing go through the API (docs/api.md).
import { api, failure } from '../api.js';
import { formData, h, show, table } from '../dom.js';
import { t } from '../i18n.js';

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
  const termBox = h('section', { id: 'terms' });
  const weekBox = h('section', { id: 'week' });
  const message = h('p', { class: 'error', role: 'alert' });
  const start = h('input', { type: 'date', name: 'week', value: monday(new Date().toISOString().slice(0, 10)) });
  const person = h('input', { name: 'staff', maxlength: 16, placeholder: 'S001' });

  async function loadTerms() {
    const res = await api('GET', '/api/v1/terms');
    if (res.status !== 200) return show(termBox, h('p', { class: 'notice-box' }, failure(res)));
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
    show(weekBox, h('h2', {}, t('week_of', { from: days[0] })), h('div', { class: 'table-wrap' }, table(
      [t('window'), ...days.map((d) => d.slice(5))],
      windows.map((w) => h('tr', { dataset: { window: w } }, h('td', {}, w),
        days.map((d) => h('td', {}, `${t('half_am')} ${cell(w, d, 'am') || '—'}`, h('br'), `${t('half_pm')} ${cell(w, d, 'pm') || '—'}`)))),
      t('no_schedule'))));
  }

  const weekForm = h('form', { class: 'panel no-print' }, h('label', {}, t('week'), start),
                     h('label', {}, t('staff_number'), person), h('button', { type: 'submit', class: 'primary' }, t('show')));
  weekForm.addEventListener('submit', async (ev) => { ev.preventDefault(); await loadWeek(); });

  const termForm = me.role === 'office' && h('form', { class: 'panel no-print', id: 'new-term' },
    h('h2', {}, t('new_term')),
    h('div', { class: 'edit-grid' },
      h('label', {}, t('term'), h('input', { name: 'name', required: true, maxlength: 64, placeholder: '2026秋' })),
      h('label', {}, t('from'), h('input', { name: 'start', type: 'date', required: true })),
      h('label', {}, t('to'), h('input', { name: 'end', type: 'date', required: true }))),
    h('button', { type: 'submit', class: 'primary' }, t('save')));
  termForm?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const res = await api('POST', '/api/v1/terms', formData(termForm));
    message.textContent = res.status === 201 ? '' : failure(res);
    if (res.status === 201) termForm.reset();
    await loadTerms();
  });

  show(root, h('h1', {}, t('nav_roster')), message, weekForm, weekBox, termBox, termForm);
  await Promise.all([loadTerms(), loadWeek()]);
}
