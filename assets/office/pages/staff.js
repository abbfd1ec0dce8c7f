// Window staff (第十二–十七条): the list with unit, window lead and training; the office (and a
// unit lead for its own unit) adds people, makes or removes the lead, disables, resets a PIN
// and records training (上岗培训).
import { api, failure, unitNames } from '../api.js';
import { formData, h, show, table } from '../dom.js';
import { pick, t } from '../i18n.js';

export async function render(root, { me }) {
  const changes = me.role === 'office' || me.role === 'unit';
  const message = h('p', { class: 'error', role: 'alert' });
  const listBox = h('section', { id: 'staff' });
  const units = await unitNames();
  const unitName = (code) => pick(units.get(code)) || code;

  async function act(method, path, body) {
    const res = await api(method, path, body);
    message.textContent = res.status === 200 || res.status === 201 ? '' : failure(res);
    await load();
    return res;
  }

  function trainingRow(s) {
    const form = changes && h('form', { class: 'toolbar', dataset: { training: s.number } },
      h('label', {}, t('date'), h('input', { name: 'date', type: 'date', required: true })),
      h('label', { class: 'grow' }, t('topic'), h('input', { name: 'topic', required: true })),
      h('label', { class: 'check' }, h('input', { name: 'passed', type: 'checkbox', checked: true }), t('passed')),
      h('button', { type: 'submit' }, t('add_training')));
    if (form) form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const f = formData(form);
      act('POST', `/api/v1/staff/${encodeURIComponent(s.number)}/training`, { date: f.date, topic: f.topic, passed: f.passed });
    });
    const records = s.training || [];
    return h('tr', { class: 'training', hidden: true, dataset: { of: s.number } }, h('td', { colspan: 7 },
      table([t('date'), t('topic'), t('passed')], records.map((r) => [r.date, r.topic, r.passed ? t('yes') : t('no')])),
      form));
  }

  function row(s) {
    const pinForm = h('form', { class: 'toolbar', hidden: true },
      h('input', { name: 'pin', inputmode: 'numeric', pattern: '[0-9]{4,12}', required: true, 'aria-label': t('new_pin'), placeholder: t('new_pin') }),
      h('button', { type: 'submit' }, t('save')));
    pinForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const res = await act('POST', `/api/v1/staff/${encodeURIComponent(s.number)}/pin`, { pin: formData(pinForm).pin });
      if (res.status === 200) message.textContent = t('pin_reset');
    });
    const path = `/api/v1/staff/${encodeURIComponent(s.number)}`;
    const off = Boolean(s.disabled_at);
    const training = s.training || [];
    return [
      h('tr', { class: off ? 'off' : null, dataset: { staff: s.number } },
        h('td', {}, s.number), h('td', {}, s.name), h('td', {}, unitName(s.unit)),
        h('td', {}, s.lead ? h('span', { class: 'badge open' }, t('lead')) : ''),
        h('td', {}, off ? h('span', { class: 'badge off' }, t('disabled')) : t('active')),
        h('td', {}, h('button', { type: 'button', class: 'link', onclick: (ev) => {
          const tr = ev.target.closest('tr').nextElementSibling;
          tr.hidden = !tr.hidden;
        } }, t('training_n', { n: training.length }))),
        h('td', { class: 'no-print' }, changes && !off && [
          h('button', { type: 'button', onclick: () => act('PUT', path, { lead: !s.lead }) }, s.lead ? t('unmake_lead') : t('make_lead')), ' ',
          h('button', { type: 'button', onclick: () => { pinForm.hidden = !pinForm.hidden; } }, t('reset_pin')), ' ',
          h('button', { type: 'button', class: 'danger', onclick: () => {
            if (confirm(t('disable_confirm', { name: s.name }))) act('POST', `${path}/disable`);
          } }, t('disable')),
          pinForm])),
      trainingRow(s)];
  }

  async function load() {
    const res = await api('GET', '/api/v1/staff');
    if (res.status !== 200) return show(listBox, h('p', { class: 'notice-box' }, failure(res)));
    show(listBox, h('div', { class: 'table-wrap' }, table(
      [t('staff_number'), t('display_name'), t('unit'), t('lead'), t('status'), t('training'), t('actions')],
      res.body.staff.flatMap(row))));
  }

  const unitChoices = me.role === 'unit' ? [me.unit] : [...units.keys()];
  const add = changes && h('form', { class: 'panel no-print', id: 'new-staff' },
    h('h2', {}, t('new_staff')),
    h('div', { class: 'toolbar' },
      h('label', {}, t('staff_number'), h('input', { name: 'number', required: true, pattern: '[A-Za-z0-9]+', style: 'width:7rem' })),
      h('label', {}, t('display_name'), h('input', { name: 'name', required: true })),
      h('label', {}, t('unit'), h('select', { name: 'unit' }, unitChoices.map((u) => h('option', { value: u }, unitName(u))))),
      h('label', {}, t('pin'), h('input', { name: 'pin', required: true, inputmode: 'numeric', pattern: '[0-9]{4,12}', style: 'width:9rem' })),
      h('button', { type: 'submit', class: 'primary' }, t('add'))));
  if (add) add.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const res = await act('POST', '/api/v1/staff', formData(add));
    if (res.status === 201) add.reset();
  });

  show(root, h('h1', {}, t('nav_staff')), add, message, listBox);
  await load();
}
