// The console's accounts (office only): who may sign in with which role, new accounts and
// disabling one (its sessions end).
import { api, failure } from '../api.js';
import { formData, h, show, table } from '../dom.js';
import { pick, t, when } from '../i18n.js';

const kRoles = ['office', 'unit', 'viewer'];

export async function render(root) {
  const listBox = h('section', { id: 'accounts' });
  const message = h('p', { class: 'error', role: 'alert' });
  const services = await api('GET', '/api/v1/services');
  const units = new Map();
  if (services.status === 200) for (const s of services.body.services) units.set(s.unit, s.unit_name);

  // True when the list came; a refused page shows the refusal and no form.
  async function load() {
    const res = await api('GET', '/api/v1/accounts');
    if (res.status !== 200) {
      show(listBox, h('p', { class: 'notice-box' }, failure(res)));
      return false;
    }
    show(listBox, h('div', { class: 'table-wrap' }, table(
      [t('login'), t('display_name'), t('account_role'), t('unit'), t('created_at'), t('status'), ''],
      res.body.accounts.map((a) => h('tr', { class: a.disabled_at ? 'off' : null, dataset: { account: a.login } },
        h('td', {}, a.login), h('td', {}, a.name), h('td', {}, t(`role_${a.role}`)),
        h('td', {}, a.unit ? pick(units.get(a.unit)) || a.unit : ''), h('td', {}, when(a.created_at)),
        h('td', {}, a.disabled_at ? h('span', { class: 'badge off' }, `${t('disabled')} ${when(a.disabled_at)}`) : t('active')),
        h('td', {}, !a.disabled_at && h('button', { type: 'button', class: 'danger', onclick: async () => {
          if (!confirm(t('disable_confirm', { name: a.name }))) return;
          const r = await api('POST', `/api/v1/accounts/${encodeURIComponent(a.login)}/disable`);
          message.textContent = r.status === 200 ? '' : failure(r);
          await load();
        } }, t('disable'))))))));
    return true;
  }

  const unitSelect = h('select', { name: 'unit', disabled: true },
    h('option', { value: '' }, '—'), [...units].map(([code, name]) => h('option', { value: code }, pick(name) || code)));
  const roleSelect = h('select', { name: 'role', onchange: () => { unitSelect.disabled = roleSelect.value !== 'unit'; } },
    kRoles.map((r) => h('option', { value: r }, t(`role_${r}`))));
  const form = h('form', { class: 'panel no-print', id: 'new-account' },
    h('h2', {}, t('new_account')),
    h('div', { class: 'toolbar' },
      h('label', {}, t('login'), h('input', { name: 'login', required: true, autocomplete: 'off' })),
      h('label', {}, t('display_name'), h('input', { name: 'name', required: true })),
      h('label', {}, t('account_role'), roleSelect),
      h('label', {}, `${t('unit')} ${t('unit_only')}`, unitSelect),
      h('label', {}, t('password'), h('input', { name: 'password', type: 'password', required: true, minlength: 8, autocomplete: 'new-password' })),
      h('button', { type: 'submit', class: 'primary' }, t('create'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = formData(form);
    if (f.role !== 'unit') delete f.unit;
    const res = await api('POST', '/api/v1/accounts', f);
    message.textContent = res.status === 201 ? '' : failure(res);
    if (res.status === 201) { form.reset(); unitSelect.disabled = true; }
    await load();
  });

  show(root, h('h1', {}, t('nav_accounts')), message, listBox);
  if (await load()) message.before(form);
}
