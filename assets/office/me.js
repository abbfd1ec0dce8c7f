// A staff member's "my page" (第二十六–三十一条), phone-sized: signed in with staff number
// and PIN (POST /api/v1/me/login, the counter's PIN and lockout), they see their own half
// days on the published rosters, their month's attendance, and their leave; they ask for
// leave naming a substitute, and confirm where they are named as one; the meetings and
// trainings they must attend are listed. The hub answers a
// staff session with their own records only.
import { api, failure, setCsrf } from './api.js';
import { formData, h, show } from './dom.js';
import { lang, setLang, t, translateStatic, when } from './i18n.js';

const root = document.getElementById('page');
const kMarks = { present: 'att_present', late: 'att_late', early: 'att_early', absent: 'att_absent', leave: 'att_leave' };

// The phone's own date (the hall's, as its staff carry it), not UTC's.
function isoDay(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const kDays = ['day_sun', 'day_mon', 'day_tue', 'day_wed', 'day_thu', 'day_fri', 'day_sat'];
function weekday(date) {
  return t(kDays[new Date(`${date}T00:00:00Z`).getUTCDay()]);
}

// "2026-11-28am" → "2026-11-28 上午"; a span of one half day or one day shown once.
function halfDay(text) {
  return text.length > 10 ? `${text.slice(0, 10)} ${t(`half_${text.slice(10)}`)}` : text;
}
function span(from, to) {
  return from === to ? halfDay(from) : `${halfDay(from)} – ${halfDay(to)}`;
}

function minutes(m) { return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`; }

function signInForm() {
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { id: 'me-login', class: 'signin-box' },
    h('label', {}, t('staff_number'), h('input', { name: 'staff', required: true, autocomplete: 'username', maxlength: 16, autofocus: true })),
    h('label', {}, t('pin'), h('input', { name: 'pin', type: 'password', inputmode: 'numeric', required: true, autocomplete: 'current-password', maxlength: 12 })),
    error, h('button', { type: 'submit', class: 'primary' }, t('sign_in')),
    h('p', { class: 'hint' }, t('my_hint')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const res = await api('POST', '/api/v1/me/login', formData(form));
    if (res.status === 200) return start();
    error.textContent = res.status === 401 ? t('wrong_pin')
      : res.status === 429 ? t('too_many_pins') : failure(res);
  });
  show(root, form);
}

async function roster(box) {
  const from = new Date();
  const to = new Date(from.getTime() + 13 * 86400000);
  const res = await api('GET', `/api/v1/schedule?from=${isoDay(from)}&to=${isoDay(to)}`);
  if (res.status !== 200) return show(box, h('p', { class: 'notice-box' }, failure(res)));
  const rows = res.body.schedule.sort((a, b) => (a.date + a.half).localeCompare(b.date + b.half));
  show(box, h('h2', {}, t('my_roster')), rows.length
    ? h('ul', { class: 'my-list' }, rows.map((s) => h('li', { dataset: { date: s.date, half: s.half } },
      h('strong', {}, `${s.date.slice(5)} ${weekday(s.date)} ${t(`half_${s.half}`)}`),
      ` ${t('window_n', { n: s.window })} ${minutes(s.start)}–${minutes(s.end)}`)))
    : h('p', { class: 'muted' }, t('my_roster_none')));
}

async function attendance(box, me) {
  const res = await api('GET', '/api/v1/reports/attendance');
  if (res.status !== 200) return show(box, h('p', { class: 'notice-box' }, failure(res)));
  const mine = res.body.staff.find((s) => s.number === me.number);
  const days = (mine?.days || []).filter((d) => kMarks[d.am] || kMarks[d.pm]);
  show(box, h('h2', {}, t('my_attendance', { month: res.body.date.slice(0, 7) })),
    mine ? h('p', {}, t('my_hours', { hours: mine.hours, required: mine.required_hours })) : null,
    days.length ? h('ul', { class: 'my-list' }, days.map((d) => h('li', {},
      h('strong', {}, `${d.date.slice(5)} ${weekday(d.date)}`),
      ` ${t('half_am')} ${kMarks[d.am] ? t(kMarks[d.am]) : '—'}　${t('half_pm')} ${kMarks[d.pm] ? t(kMarks[d.pm]) : '—'}`)))
      : h('p', { class: 'muted' }, t('my_attendance_none')),
    res.body.published ? h('p', { class: 'muted' }, t('published_at', { at: when(res.body.published.at), who: res.body.published.who })) : null);
}

async function leave(box, me, message) {
  const res = await api('GET', '/api/v1/leave');
  if (res.status !== 200) return show(box, h('p', { class: 'notice-box' }, failure(res)));
  const item = (l) => {
    const mine = l.staff === me.number;
    const confirm = !mine && l.status === 'awaiting_substitute' && h('button', { type: 'button', class: 'primary', onclick: async () => {
      const r = await api('POST', `/api/v1/leave/${l.id}/confirm`);
      message.textContent = r.status === 200 ? '' : failure(r);
      await leave(box, me, message);
    } }, t('confirm_substitute'));
    return h('li', { dataset: { leave: l.id } },
      h('strong', {}, mine ? `${span(l.from, l.to)} ${l.kind}` : t('stand_in_for', { staff: l.staff, when: span(l.from, l.to) })),
      h('br'), `${l.reason}${mine && l.substitute ? ` · ${t('substitute')} ${l.substitute}` : ''} · `,
      h('span', { class: 'status' }, t(`status_${l.status}`)), l.note ? ` · ${l.note}` : '', confirm ? h('br') : null, confirm);
  };
  show(box, h('h2', {}, t('my_leave')), res.body.leave.length
    ? h('ul', { class: 'my-list' }, res.body.leave.map(item)) : h('p', { class: 'muted' }, t('none')));
}

async function myMeetings(box) {
  const res = await api('GET', '/api/v1/meetings');
  if (res.status !== 200) return show(box, h('p', { class: 'notice-box' }, failure(res)));
  const today = isoDay(new Date());
  const coming = res.body.meetings.filter((m) => m.date >= today).sort((a, b) => (a.date + a.half).localeCompare(b.date + b.half));
  show(box, coming.length ? [h('h2', {}, t('my_meetings')),
    h('ul', { class: 'my-list' }, coming.map((m) => h('li', { dataset: { meeting: m.id } },
      h('strong', {}, `${m.date.slice(5)} ${weekday(m.date)} ${t(`half_${m.half}`)}`), ` ${m.topic}`))),
    h('p', { class: 'muted' }, t('my_meeting_leave'))] : null);
}

// Today's work log (工作日志, 第十八条): what the records say of the day, and the note the
// staff member adds before signing out — each save a new version, the earlier ones kept.
async function worklog(box, me, message) {
  const res = await api('GET', `/api/v1/worklog?staff=${encodeURIComponent(me.number)}`);
  if (res.status !== 200) return show(box, h('p', { class: 'notice-box' }, failure(res)));
  const row = res.body.rows[0];
  const note = h('textarea', { name: 'note', maxlength: 2000, rows: 3 }, row?.note || '');
  const form = h('form', { id: 'worklog-note' }, h('label', {}, t('my_worklog_note'), note),
    h('button', { type: 'submit', class: 'primary' }, t('save')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const r = await api('PUT', `/api/v1/worklog/${encodeURIComponent(me.number)}/${res.body.date}/note`, { note: note.value });
    message.textContent = r.status === 200 ? '' : failure(r);
    if (r.status === 200) await worklog(box, me, message);
  });
  const counts = row ? t('my_worklog_counts', {
    served: row.tickets_served,
    cases: Object.values(row.cases_opened).reduce((a, b) => a + b, 0),
    minutes: row.signed_in_min,
  }) : t('worklog_none');
  show(box, h('h2', {}, t('my_worklog', { date: res.body.date })), h('p', { class: 'muted' }, counts),
    row?.note && h('p', { class: 'muted', id: 'worklog-saved' }, t('my_worklog_saved', { at: row.note_versions.at(-1).at.slice(11, 16) })),
    form);
}

// Requisitions (领用单, 第三十五条): the staff member asks the office for an item by its tag,
// and sees what became of what they asked; an approved one's slip opens to print and sign.
async function requisitions(box, message) {
  const res = await api('GET', '/api/v1/requisitions');
  if (res.status !== 200) return show(box, h('p', { class: 'notice-box' }, failure(res)));
  const form = h('form', { id: 'ask-requisition', class: 'panel' }, h('h2', {}, t('my_requisition')),
    h('label', {}, t('asset_tag'), h('input', { name: 'tag', required: true, maxlength: 32 })),
    h('label', {}, t('asset_quantity'), h('input', { name: 'quantity', type: 'number', min: 1, value: 1 })),
    h('label', {}, t('reason'), h('input', { name: 'reason', required: true, maxlength: 500 })),
    h('button', { type: 'submit', class: 'primary' }, t('send')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = formData(form);
    const r = await api('POST', '/api/v1/requisitions', { tag: f.tag, quantity: Number(f.quantity || 1), reason: f.reason });
    message.textContent = r.status === 201 ? '' : failure(r);
    if (r.status === 201) await requisitions(box, message);
  });
  show(box, form, h('ul', { class: 'my-list' }, res.body.requisitions.map((r) => h('li', { dataset: { requisition: r.id } },
    h('strong', {}, `${r.name} × ${r.quantity}`), ` ${t(`request_${r.status}`)}`,
    r.decision_reason ? ` · ${r.decision_reason}` : '',
    r.status === 'approved' ? [' · ', h('a', { href: `/api/v1/requisitions/${r.id}/slip?format=png`, target: '_blank' }, t('requisition_slip'))] : null))));
}

function leaveForm(me, message, reload) {
  const half = (name) => h('select', { name }, h('option', { value: '' }, t('whole_day')),
    h('option', { value: 'am' }, t('half_am')), h('option', { value: 'pm' }, t('half_pm')));
  const form = h('form', { id: 'ask-leave', class: 'panel' }, h('h2', {}, t('ask_leave')),
    h('label', {}, t('from'), h('input', { name: 'from', type: 'date', required: true }), half('from_half')),
    h('label', {}, t('to'), h('input', { name: 'to', type: 'date', required: true }), half('to_half')),
    h('label', {}, t('leave_kind'), h('select', { name: 'kind' }, me.leave_kinds.map((k) => h('option', { value: k }, k)))),
    h('label', {}, t('reason'), h('input', { name: 'reason', required: true, maxlength: 200 })),
    h('label', {}, t('substitute'), h('input', { name: 'substitute', maxlength: 16, placeholder: t('substitute_hint') })),
    h('button', { type: 'submit', class: 'primary' }, t('send')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = formData(form);
    const body = { from: f.from + f.from_half, to: f.to + f.to_half, kind: f.kind, reason: f.reason };
    if (f.substitute) body.substitute = f.substitute;
    const res = await api('POST', '/api/v1/leave', body);
    message.textContent = res.status === 201 ? t('leave_sent') : failure(res);
    if (res.status === 201) form.reset();
    await reload();
  });
  return form;
}

async function start() {
  translateStatic();
  document.title = t('my_title');
  const res = await api('GET', '/api/v1/me');
  if (res.status === 401) return signInForm();
  if (res.status !== 200) return show(root, h('p', { class: 'error' }, failure(res)));
  if (!res.body.staff) {  // this browser holds an office account's session
    return show(root, h('p', { class: 'notice-box' }, t('my_office_session')),
      h('a', { href: '/office/' }, t('title')));
  }
  const me = res.body.staff;
  setCsrf(res.body.csrf);
  const message = h('p', { class: 'error', role: 'alert' });
  const boxes = { roster: h('section', { id: 'my-roster' }), meetings: h('section', { id: 'my-meetings' }),
                  attendance: h('section', { id: 'my-attendance' }), leave: h('section', { id: 'my-leave' }),
                  worklog: h('section', { id: 'my-worklog', class: 'panel' }),
                  requisitions: h('section', { id: 'my-requisitions' }) };
  const signOut = h('button', { type: 'button', onclick: async () => { await api('POST', '/api/v1/logout'); location.reload(); } }, t('sign_out'));
  show(root, h('p', { class: 'my-who' }, h('strong', {}, `${me.name}`), ` ${me.number} · ${me.unit} `, signOut), message,
    boxes.roster, boxes.worklog, boxes.meetings, boxes.leave, leaveForm(me, message, () => leave(boxes.leave, me, message)),
    boxes.requisitions, boxes.attendance);
  await Promise.all([roster(boxes.roster), worklog(boxes.worklog, me, message), myMeetings(boxes.meetings),
                     attendance(boxes.attendance, me), leave(boxes.leave, me, message),
                     requisitions(boxes.requisitions, message)]);
  document.body.dataset.ready = 'yes';
}

document.getElementById('lang').addEventListener('click', () => {
  setLang(lang() === 'zh' ? 'en' : 'zh');
  start();
});
start();
