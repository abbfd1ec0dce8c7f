// Complaints (第四十一、四十二条), a section of the quality page: every complaint with its unit
// and due date, overdue ones marked. The office enters phone calls (投诉电话) and box letters
// and re-routes one to another unit; the unit handling it (or the office, for the hall's own)
// asks the complainant for more (the clock stops), resumes, and answers with the finding, the
// action taken and the reply the complainant reads on their page.
import { api, failure, unitNames } from '../api.js';
import { formData, h, show, table } from '../dom.js';
import { pick, t, when } from '../i18n.js';

const kAbout = ['window', 'service', 'staff', 'hall'];

// {"window":3} … from the intake form's kind and value.
function aboutOf(kind, value) {
  if (kind === 'hall') return {};
  return { [kind]: kind === 'window' ? Number(value) : value.trim() };
}

export async function complaints(box, { me }) {
  const office = me.role === 'office';
  const all = box.querySelector('input[name=complaints_all]')?.checked || false;
  const [res, units] = await Promise.all([api('GET', `/api/v1/complaints${all ? '?status=all' : ''}`), unitNames()]);
  if (res.status !== 200) return show(box, h('p', { class: 'notice-box' }, failure(res)));
  const message = h('p', { class: 'error', role: 'alert' });
  const reload = () => complaints(box, { me });
  const unitName = (code) => (code ? (units.has(code) ? pick(units.get(code)) : code) : t('hall_office'));
  const acts = (c) => office || (me.role === 'unit' && me.unit === c.unit);

  const stepForm = (c, verb, fields, extra = {}) => {
    const form = h('form', { class: 'toolbar', dataset: { step: verb } }, fields,
      h('button', { type: 'submit', class: 'primary' }, t(`complaint_${verb}`)));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const r = await api('POST', `/api/v1/complaints/${c.id}/${verb}`, { ...formData(form), ...extra });
      message.textContent = r.status === 200 ? '' : failure(r);
      await reload();
    });
    return form;
  };
  const field = (name, required = true) => h('label', { class: 'grow' }, t(`complaint_field_${name}`),
    h('input', { name, required, maxlength: 1000 }));

  const actions = (c) => {
    if (c.status === 'answered' || !acts(c)) return null;
    const forms = [stepForm(c, 'answer', [
      h('label', {}, t('complaint_field_finding'), h('select', { name: 'finding' },
        ['substantiated', 'unfounded'].map((f) => h('option', { value: f }, t(`finding_${f}`))))),
      field('action', false), field('reply')])];
    if (c.status === 'open') forms.push(stepForm(c, 'wait', [field('note')]));
    if (c.status === 'waiting') forms.push(stepForm(c, 'resume', [field('note', false)]));
    if (office) {
      forms.push(stepForm(c, 'route', [h('label', {}, t('unit'), h('select', { name: 'unit' },
        h('option', { value: '' }, t('hall_office')),
        [...units.keys()].map((code) => h('option', { value: code, selected: code === c.unit }, unitName(code)))))]));
    }
    return forms;
  };
  const said = (c) => [
    h('div', { class: 'said' }, c.text),
    c.contact && h('div', { class: 'muted' }, `${t('contact')}：${c.contact}`),
    c.finding && h('div', {}, `${t(`finding_${c.finding}`)}：${c.action || '—'}`),
    c.reply && h('div', {}, `${t('complaint_field_reply')}：${c.reply}`)];

  const rows = res.body.complaints.map((c) => [
    h('tr', { dataset: { complaint: c.id }, class: c.overdue ? 'overdue' : null },
      h('td', {}, c.number), h('td', {}, t(`channel_${c.channel}`)), h('td', {}, c.about),
      h('td', {}, unitName(c.unit)), h('td', {}, when(c.received_at)),
      h('td', {}, c.due_date, c.overdue ? h('span', { class: 'badge closed' }, t('overdue')) : null),
      h('td', {}, t(`complaint_status_${c.status}`)), h('td', {}, said(c))),
    actions(c) && h('tr', { class: 'actions-row', dataset: { complaintActions: c.id } },
      h('td', { colspan: 8 }, actions(c)))].filter(Boolean)).flat();

  // The office enters what came by phone or in the box, as the complainant said it.
  let intake = null;
  if (office) {
    const kind = h('select', { name: 'kind' }, kAbout.map((k) => h('option', { value: k }, t(`about_${k}`))));
    intake = h('form', { class: 'toolbar', id: 'complaint-intake' },
      h('label', {}, t('channel'), h('select', { name: 'channel' },
        ['phone', 'box'].map((c) => h('option', { value: c }, t(`channel_${c}`))))),
      h('label', {}, t('complaint_about'), kind),
      h('label', {}, t('complaint_about_value'), h('input', { name: 'value', maxlength: 16 })),
      h('label', { class: 'grow' }, t('complaint_text'), h('input', { name: 'text', required: true, maxlength: 2000 })),
      h('label', {}, t('contact'), h('input', { name: 'contact', maxlength: 100 })),
      h('button', { type: 'submit', class: 'primary' }, t('complaint_enter')));
    intake.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const f = formData(intake);
      const body = { channel: f.channel, about: aboutOf(f.kind, f.value || ''), text: f.text };
      if (f.contact) body.contact = f.contact;
      const r = await api('POST', '/api/v1/complaints', body);
      if (r.status !== 201) {
        message.textContent = failure(r);
        return;
      }
      // The list is drawn again (with a new message line): say so on the new one.
      await reload();
      box.querySelector('[role=alert]').textContent = t('complaint_entered', { number: r.body.complaint.number });
    });
  }

  const allBox = h('input', { type: 'checkbox', name: 'complaints_all', checked: all });
  allBox.addEventListener('change', reload);
  show(box, h('h2', {}, t('complaints')), h('p', { class: 'muted' }, t('complaints_hint')), intake,
    h('div', { class: 'toolbar' }, h('label', { class: 'inline' }, allBox, t('followups_all'))), message,
    h('div', { class: 'table-wrap' }, table(
      [t('complaint_number'), t('channel'), t('complaint_about'), t('unit'), t('received_at'), t('complaint_due'),
       t('status'), t('complaint_text')], rows, t('complaints_none'))));
}
