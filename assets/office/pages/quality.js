// The quality loop (好差评, 国办发〔2019〕51号): every bad rating's follow-up with its deadline.
// A unit's lead closes its own with the call-back's result and the rectification (整改), or
// appeals a mistaken or malicious rating to the office; the office upholds the appeal (the
// rating leaves the scorecard, the record stays) or rejects it (back to the unit).
import { api, failure } from '../api.js';
import { formData, h, show, table } from '../dom.js';
import { t, when } from '../i18n.js';
import { complaints } from './complaints.js';

export async function render(root, { me }) {
  const all = h('input', { type: 'checkbox', name: 'all' });
  const listBox = h('section', { id: 'followups' });
  const message = h('p', { class: 'error', role: 'alert' });
  const lead = me.role === 'unit';

  // A small form under the row for one step; its fields, then POST …/{verb}.
  const stepForm = (f, verb, fields, extra = {}) => {
    const form = h('form', { class: 'toolbar', dataset: { step: verb } }, fields,
      h('button', { type: 'submit', class: 'primary' }, t(`followup_${verb}`)));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const r = await api('POST', `/api/v1/followups/${f.id}/${verb}`, { ...formData(form), ...extra });
      message.textContent = r.status === 200 ? '' : failure(r);
      await load();
    });
    return form;
  };
  const field = (name, required = true) => h('label', { class: 'grow' }, t(`followup_field_${name}`),
    h('input', { name, required, maxlength: 300 }));

  const actions = (f) => {
    if (lead && f.status === 'open') {
      return [stepForm(f, 'close', [field('callback', false), field('rectification')]),
              stepForm(f, 'appeal', [field('reason')])];
    }
    if (me.role === 'office' && f.status === 'appealed') {
      return [stepForm(f, 'decide', [field('reason')], { upheld: true }),
              h('button', { type: 'button', class: 'danger', onclick: async () => {
                const reason = prompt(t('followup_reject_reason'));
                if (!reason) return;
                const r = await api('POST', `/api/v1/followups/${f.id}/decide`, { upheld: false, reason });
                message.textContent = r.status === 200 ? '' : failure(r);
                await load();
              } }, t('followup_reject'))];
    }
    return null;
  };
  const outcome = (f) => [
    f.contact && f.status === 'open' && h('div', { class: 'muted' }, `${t('followup_contact')}：${f.contact}`),
    f.callback && h('div', {}, `${t('followup_field_callback')}：${f.callback}`),
    f.rectification && h('div', {}, `${t('followup_field_rectification')}：${f.rectification}`),
    f.appeal && h('div', {}, `${t('followup_field_appeal')}：${f.appeal}`),
    f.decision && h('div', {}, `${t(`followup_decision_${f.decision}`)}：${f.decision_reason}（${f.decided_by}）`)];

  async function load() {
    const res = await api('GET', `/api/v1/followups${all.checked ? '?status=all' : ''}`);
    if (res.status !== 200) return show(listBox, h('p', { class: 'notice-box' }, failure(res)));
    show(listBox, h('div', { class: 'table-wrap' }, table(
      [t('ticket'), t('unit'), t('window'), t('rated_at'), t('deadline'), t('status'), t('followup_outcome')],
      res.body.followups.map((f) => [
        h('tr', { dataset: { followup: f.id }, class: f.overdue ? 'overdue' : null },
          h('td', {}, f.number), h('td', {}, f.unit), h('td', {}, f.window || '—'), h('td', {}, when(f.opened_at)),
          h('td', {}, f.deadline, f.overdue ? h('span', { class: 'badge closed' }, t('overdue')) : null),
          h('td', {}, t(`followup_${f.status}`)), h('td', {}, outcome(f))),
        actions(f) && h('tr', { class: 'actions-row', dataset: { followupActions: f.id } },
          h('td', { colspan: 7 }, actions(f)))].filter(Boolean)).flat(),
      t('followups_none'))));
  }

  all.addEventListener('change', load);
  const complaintBox = h('section', { id: 'complaints' });
  show(root, h('h1', {}, t('nav_quality')), h('p', { class: 'muted' }, t('followups_hint'),
    ' ', h('a', { href: '/ratings', target: '_blank', id: 'ratings-summary' }, t('ratings_summary'))),
    h('div', { class: 'toolbar' }, h('label', { class: 'inline' }, all, t('followups_all'))), message, listBox,
    complaintBox);
  await Promise.all([load(), complaints(complaintBox, { me })]);
}
