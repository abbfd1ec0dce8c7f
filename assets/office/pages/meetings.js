// The office's meetings and trainings (第三十一条), a section of the leave page: a month's
// meetings with who must attend and who came; the office adds one and keeps its sign-in
// sheet (ticks who came), which the monthly sheet counts. Leave from a meeting is asked like
// any leave, for that half day, without a substitute.
import { api, failure } from '../api.js';
import { formData, h, show, table } from '../dom.js';
import { t } from '../i18n.js';

export async function meetings(box, { me }) {
  const office = me.role === 'office';
  const month = box.querySelector('input[name=meetings_month]')?.value || '';
  const res = await api('GET', `/api/v1/meetings${month ? `?date=${month}` : ''}`);
  if (res.status !== 200) return show(box, h('p', { class: 'notice-box' }, failure(res)));
  const message = h('p', { class: 'error', role: 'alert' });
  const reload = () => meetings(box, { me });

  // The sign-in sheet: one box per person asked; saved as a whole.
  const sheet = (m) => {
    const boxes = m.must_attend.map((n) => h('label', { class: 'inline' },
      h('input', { type: 'checkbox', name: n, checked: m.came.includes(n), disabled: !office }), n));
    const save = office && h('button', { type: 'button', onclick: async () => {
      const came = boxes.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.name);
      const r = await api('PUT', `/api/v1/meetings/${m.id}/attendance`, { came });
      message.textContent = r.status === 200 ? '' : failure(r);
      await reload();
    } }, t('save_sign_in'));
    return h('div', { class: 'sign-in-sheet' }, boxes, save);
  };
  const picker = h('input', { type: 'month', name: 'meetings_month', value: month });
  picker.addEventListener('change', reload);
  const form = office && h('form', { class: 'panel no-print', id: 'new-meeting' }, h('h3', {}, t('new_meeting')),
    h('div', { class: 'edit-grid' },
      h('label', {}, t('date'), h('input', { type: 'date', name: 'date', required: true })),
      h('label', {}, t('half'), h('select', { name: 'half' }, h('option', { value: 'am' }, t('half_am')), h('option', { value: 'pm' }, t('half_pm')))),
      h('label', {}, t('meeting_topic'), h('input', { name: 'topic', required: true, maxlength: 200 })),
      h('label', {}, t('must_attend'), h('input', { name: 'must_attend', required: true, placeholder: 'S001 S002' }))),
    h('button', { type: 'submit', class: 'primary' }, t('save')));
  if (form) form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = formData(form);
    const r = await api('POST', '/api/v1/meetings', { ...f, must_attend: f.must_attend.split(/[\s,，]+/).filter(Boolean) });
    message.textContent = r.status === 201 ? '' : failure(r);
    if (r.status === 201) await reload();
  });
  show(box, h('h2', {}, t('meetings')), h('div', { class: 'toolbar no-print' }, h('label', {}, t('month'), picker)), message,
    h('div', { class: 'table-wrap' }, table(
      [t('date'), t('half'), t('meeting_topic'), t('meeting_sign_in')],
      res.body.meetings.map((m) => h('tr', { dataset: { meeting: m.id } },
        h('td', {}, m.date), h('td', {}, t(`half_${m.half}`)), h('td', {}, m.topic),
        h('td', {}, sheet(m), h('div', { class: 'muted' }, t('came_of', { came: m.came.length, must: m.must_attend.length }))))))),
    form);
}
