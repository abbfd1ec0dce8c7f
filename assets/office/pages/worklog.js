// The work log (工作日志, 第十八条): for a date (and a unit), a row a staff member — tickets
// served and how long they took, cases opened by mode and completed, hand-overs sent and
// confirmed, when they signed in and out at a window — with the note they added; CSV and
// Excel exports of the same rows.
import { api, failure, hallToday, unitNames } from '../api.js';
import { formData, h, show } from '../dom.js';
import { pick, t, when } from '../i18n.js';

// The note with its earlier versions (who, when) in the tooltip.
function note(r) {
  if (!r.note) return h('span', { class: 'muted' }, '—');
  const earlier = r.note_versions.slice(0, -1);
  const last = r.note_versions[r.note_versions.length - 1];
  return h('div', { class: 'note' },
    h('p', {}, r.note),
    h('small', { class: 'muted', title: earlier.map((v) => `${when(v.at)} ${v.by}: ${v.note}`).join('\n') || null },
      t('note_by', { by: last.by, at: when(last.at) }),
      earlier.length > 0 && ` · ${t('note_versions', { n: r.note_versions.length })}`));
}

export async function render(root, { me, params }) {
  const query = new URLSearchParams(params[0] || '');
  const date = query.get('date') || await hallToday();
  const unit = me.role === 'unit' ? '' : query.get('unit') || '';
  const units = await unitNames();
  const asked = new URLSearchParams({ date });
  if (unit) asked.set('unit', unit);
  const path = `/api/v1/worklog?${asked}`;

  const form = h('form', { class: 'toolbar', id: 'worklog-form' },
    h('label', {}, t('date'), h('input', { name: 'date', type: 'date', value: date, required: true })),
    me.role !== 'unit' && h('label', {}, t('unit'), h('select', { name: 'unit' },
      h('option', { value: '' }, t('all_units')),
      [...units].map(([code, name]) => h('option', { value: code, selected: code === unit }, `${code} ${pick(name)}`)))),
    h('button', { type: 'submit', class: 'primary' }, t('show')),
    h('span', { class: 'grow' }),
    h('a', { href: `${path}&format=csv`, download: '', id: 'worklog-csv' }, t('export_csv')),
    h('a', { href: `${path}&format=xlsx`, download: '', id: 'worklog-xlsx' }, t('export_xlsx')),
    h('button', { type: 'button', onclick: () => window.print() }, t('print')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = formData(form);
    const next = new URLSearchParams({ date: f.date });
    if (f.unit) next.set('unit', f.unit);
    location.hash = `worklog/${next}`;
  });
  const body = h('section', { id: 'worklog' });
  show(root, h('h1', {}, t('nav_worklog')), form,
    h('p', { class: 'muted' }, t('worklog_intro')),
    h('p', { class: 'print-only' }, t('worklog_title', { date }), unit && ` · ${unit} ${pick(units.get(unit)) || ''}`),
    body);

  const res = await api('GET', path);
  if (res.status !== 200) return show(body, h('p', { class: 'notice-box' }, failure(res)));
  const rows = res.body.rows;
  const num = (v) => h('td', { class: 'num' }, v ?? '—');
  // Two header rows: the counts grouped under what they count.
  const th = (text, span = {}, cls = null) => h('th', { class: cls, ...span }, text);
  const down = { rowspan: 2 };
  const head = h('thead', {},
    h('tr', {}, th(t('staff_number'), down), th(t('display_name'), down), th(t('unit'), down),
      th(t('worklog_tickets'), { colspan: 2 }, 'group'), th(t('worklog_opened'), { colspan: 4 }, 'group'),
      th(t('worklog_completed'), down, 'num'), th(t('worklog_handovers'), { colspan: 2 }, 'group'),
      th(t('worklog_at_window'), { colspan: 2 }, 'group'), th(t('worklog_note'), down)),
    h('tr', {}, [t('worklog_served'), t('worklog_average'), t('case_mode_instant'), t('case_mode_deadline'),
                 t('case_mode_supplement'), t('case_mode_return'), t('worklog_sent'), t('worklog_confirmed')]
      .map((x) => th(x, {}, 'num')), th(t('worklog_signed_in')), th(t('worklog_minutes'), {}, 'num')));
  const rowsOut = rows.map((r) => h('tr', { dataset: { staff: r.staff } },
    h('td', {}, r.staff), h('td', {}, r.name), h('td', {}, r.unit),
    num(r.tickets_served), num(r.average_service_min),
    num(r.cases_opened.instant), num(r.cases_opened.deadline), num(r.cases_opened.supplement), num(r.cases_opened.return),
    num(r.cases_completed), num(r.handovers_sent), num(r.handovers_confirmed),
    h('td', { class: 'nowrap' }, r.first_in ? `${r.first_in}–${r.last_out || t('worklog_still_in')}` : '—'),
    num(r.signed_in_min), h('td', { class: 'note-cell' }, note(r))));
  show(body, h('div', { class: 'table-wrap' }, h('table', { class: 'grouped' }, head,
    h('tbody', {}, rowsOut.length ? rowsOut : h('tr', { class: 'off' }, h('td', { colspan: 15 }, t('worklog_none')))))));
}
