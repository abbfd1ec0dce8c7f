// The monthly attendance sheet (第三十二条): every staff member's half days reconciled with
// the published rosters, hours against the required hours, meetings; Excel export, A4 print,
// and the office publishes the month (after that it changes only by approved corrections).
import { api, failure } from '../api.js';
import { h, show, table } from '../dom.js';
import { t, when } from '../i18n.js';

const kMarks = { present: '✓', late: 'mark_late', early: 'mark_early', absent: 'mark_absent', leave: 'mark_leave', off: '' };

function mark(value) {
  const key = kMarks[value];
  return key && key !== '✓' ? t(key) : key || '';
}

export async function render(root, { me }) {
  // Empty at first: the hub answers its own month (its clock, not this PC's).
  const month = h('input', { type: 'month', name: 'month' });
  const sheetBox = h('section', { id: 'sheet' });
  const message = h('p', { class: 'error', role: 'alert' });

  async function load() {
    const res = await api('GET', `/api/v1/reports/attendance${month.value ? `?date=${month.value}` : ''}`);
    if (res.status !== 200) return show(sheetBox, h('p', { class: 'notice-box' }, failure(res)));
    month.value = res.body.date.slice(0, 7);
    const staff = res.body.staff;
    const dates = [...new Set(staff.flatMap((s) => s.days.map((d) => d.date)))].sort();
    const published = res.body.published;
    const publish = me.role === 'office' && !published && h('button', { type: 'button', class: 'primary no-print', onclick: async () => {
      const r = await api('POST', '/api/v1/reports/attendance/publish', { date: month.value });
      message.textContent = r.status === 201 ? '' : failure(r);
      await load();
    } }, t('publish_month'));
    show(sheetBox,
      h('p', { class: published ? 'notice-box ok' : 'muted' },
        published ? t('published_at', { at: when(published.at), who: published.who }) : t('not_published')),
      h('p', { class: 'no-print' }, publish,
        h('a', { download: '', href: `/api/v1/reports/attendance?date=${month.value}&format=xlsx` }, t('export_xlsx'))),
      h('div', { class: 'table-wrap' }, table(
        [t('staff_number'), t('display_name'), t('unit'), ...dates.map((d) => d.slice(5)),
         { text: t('hours_worked'), num: true }, { text: t('required_hours'), num: true }, { text: t('meetings_missed'), num: true }],
        staff.map((s) => {
          const byDate = new Map(s.days.map((d) => [d.date, d]));
          return h('tr', { dataset: { staff: s.number } },
            h('td', {}, s.number), h('td', { style: 'white-space: nowrap' }, s.name), h('td', {}, s.unit),
            dates.map((d) => {
              const day = byDate.get(d);
              return h('td', { title: day ? `${day.am} / ${day.pm}` : '' }, day ? `${mark(day.am)}｜${mark(day.pm)}` : '');
            }),
            h('td', { class: 'num' }, s.hours), h('td', { class: 'num' }, s.required_hours),
            h('td', { class: 'num' }, s.meetings.missed));
        }))),
      h('p', { class: 'muted' }, t('marks_legend')));
  }

  const form = h('form', { class: 'toolbar no-print' }, h('label', {}, t('month'), month),
                 h('button', { type: 'submit', class: 'primary' }, t('show')));
  form.addEventListener('submit', async (ev) => { ev.preventDefault(); await load(); });
  show(root, h('h1', {}, t('nav_attendance')), form, message, sheetBox);
  await load();
}
