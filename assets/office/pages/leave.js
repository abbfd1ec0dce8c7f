// Leave (第三十、三十一条) and missed-punch corrections: the requests with their status; the
// office confirms for a substitute, approves or refuses, and asks leave for someone. Below,
// the office's meetings and trainings with their sign-in sheets (meetings.js).
import { api, failure } from '../api.js';
import { formData, h, show, table } from '../dom.js';
import { t, when } from '../i18n.js';
import { meetings } from './meetings.js';

export async function render(root, { me }) {
  const office = me.role === 'office';
  const leaveBox = h('section', { id: 'leave' });
  const fixBox = h('section', { id: 'corrections' });
  const message = h('p', { class: 'error', role: 'alert' });

  // A button that posts `path` and reloads the lists.
  const act = (label, path, cls = null) => h('button', { type: 'button', class: cls, onclick: async () => {
    const r = await api('POST', path);
    message.textContent = r.status === 200 ? '' : failure(r);
    await load();
  } }, t(label));

  async function load() {
    const [leave, fixes] = await Promise.all([api('GET', '/api/v1/leave'), api('GET', '/api/v1/attendance/corrections')]);
    if (leave.status !== 200) show(leaveBox, h('p', { class: 'notice-box' }, failure(leave)));
    else show(leaveBox, h('h2', {}, t('leave_requests')), h('div', { class: 'table-wrap' }, table(
      [t('staff_number'), t('from'), t('to'), t('leave_kind'), t('reason'), t('substitute'), t('status'), t('asked_at'), ''],
      leave.body.leave.map((l) => h('tr', { dataset: { leave: l.id } },
        h('td', {}, l.staff), h('td', {}, l.from), h('td', {}, l.to), h('td', {}, l.kind), h('td', {}, l.reason),
        h('td', {}, l.substitute || '—'), h('td', {}, t(`status_${l.status}`)), h('td', {}, when(l.asked_at)),
        h('td', {}, office && l.status === 'awaiting_substitute' && act('confirm_for', `/api/v1/leave/${l.id}/confirm`),
          office && l.status === 'awaiting_approval' && act('approve', `/api/v1/leave/${l.id}/approve`, 'primary'),
          office && l.status.startsWith('awaiting') && act('refuse', `/api/v1/leave/${l.id}/refuse`, 'danger')))))));
    if (fixes.status !== 200) show(fixBox, h('p', { class: 'notice-box' }, failure(fixes)));
    else show(fixBox, h('h2', {}, t('corrections')), h('div', { class: 'table-wrap' }, table(
      [t('staff_number'), t('date'), t('half'), t('window'), t('check_in'), t('check_out'), t('reason'), t('status'), ''],
      fixes.body.corrections.map((c) => h('tr', { dataset: { correction: c.id } },
        h('td', {}, c.staff), h('td', {}, c.date), h('td', {}, t(`half_${c.half}`)), h('td', {}, c.window),
        h('td', {}, c.check_in), h('td', {}, c.check_out), h('td', {}, c.reason), h('td', {}, t(`status_${c.status}`)),
        h('td', {}, office && c.status === 'pending' && [act('approve', `/api/v1/attendance/corrections/${c.id}/approve`, 'primary'),
                                                        act('refuse', `/api/v1/attendance/corrections/${c.id}/refuse`, 'danger')]))))));
  }

  const form = office && h('form', { class: 'panel no-print', id: 'new-leave' },
    h('h2', {}, t('new_leave')),
    h('div', { class: 'edit-grid' },
      h('label', {}, t('staff_number'), h('input', { name: 'staff', required: true, maxlength: 16 })),
      h('label', {}, t('from'), h('input', { name: 'from', required: true, placeholder: '2026-12-01am' })),
      h('label', {}, t('to'), h('input', { name: 'to', required: true, placeholder: '2026-12-01pm' })),
      h('label', {}, t('leave_kind'), h('input', { name: 'kind', required: true, placeholder: '事假' })),
      h('label', {}, t('reason'), h('input', { name: 'reason', required: true, maxlength: 200 })),
      h('label', {}, t('substitute'), h('input', { name: 'substitute', maxlength: 16 }))),
    h('button', { type: 'submit', class: 'primary' }, t('save')));
  if (form) form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = formData(form);
    if (!f.substitute) delete f.substitute;
    const res = await api('POST', '/api/v1/leave', f);
    message.textContent = res.status === 201 ? '' : failure(res);
    if (res.status === 201) form.reset();
    await load();
  });

  const meetingBox = h('section', { id: 'meetings' });
  show(root, h('h1', {}, t('nav_leave')), form, message, leaveBox, fixBox, meetingBox);
  await Promise.all([load(), meetings(meetingBox, { me })]);
}
