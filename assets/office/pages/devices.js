// The hall's devices (kiosks, pads, boards, counter programs, admin scripts): every token
// without its secret, a new one shown once as text and as a QR code for the device's set-up
// screen, and revocation (the hub refuses the token from its next request).
import { api, failure } from '../api.js';
import { formData, h, show, table } from '../dom.js';
import { t, when } from '../i18n.js';

const kRoles = ['kiosk', 'pad', 'board', 'counter', 'admin'];

export async function render(root) {
  const listBox = h('section', { id: 'devices' });
  const created = h('div', { id: 'created' });
  const message = h('p', { class: 'error', role: 'alert' });

  // True when the list came; a refused page shows the refusal and no form.
  async function load() {
    const res = await api('GET', '/api/v1/devices');
    if (res.status !== 200) {
      show(listBox, h('p', { class: 'notice-box' }, failure(res)));
      return false;
    }
    show(listBox, h('div', { class: 'table-wrap' }, table(
      [{ text: 'ID', num: true }, t('name'), t('role'), { text: t('window'), num: true }, t('created_at'), t('last_seen'), t('status'), ''],
      res.body.devices.map((d) => h('tr', { class: d.revoked_at ? 'off' : null, dataset: { device: d.id, name: d.name } },
        h('td', { class: 'num' }, d.id), h('td', {}, d.name), h('td', {}, t(`device_${d.role}`)),
        h('td', { class: 'num' }, d.window ?? ''), h('td', {}, when(d.created_at)), h('td', {}, when(d.last_seen_at) || '—'),
        h('td', {}, d.revoked_at ? h('span', { class: 'badge off' }, `${t('revoked')} ${when(d.revoked_at)}`)
                                 : h('span', { class: 'badge open' }, t('active'))),
        h('td', {}, !d.revoked_at && h('button', { type: 'button', class: 'danger revoke', onclick: () => revoke(d) }, t('revoke'))))))));
    return true;
  }

  async function revoke(d) {
    if (!confirm(t('revoke_confirm', { name: d.name }))) return;
    const res = await api('DELETE', `/api/v1/devices/${d.id}`);
    message.textContent = res.status === 200 ? '' : failure(res);
    await load();
  }

  const form = h('form', { class: 'panel no-print', id: 'new-device' },
    h('h2', {}, t('new_device')),
    h('div', { class: 'toolbar' },
      h('label', {}, t('name'), h('input', { name: 'name', required: true, maxlength: 64 })),
      h('label', {}, t('role'), h('select', { name: 'role' }, kRoles.map((r) => h('option', { value: r }, t(`device_${r}`))))),
      h('label', {}, t('window'), h('input', { name: 'window', type: 'number', min: 1, style: 'width:6rem' })),
      h('button', { type: 'submit', class: 'primary' }, t('create'))),
    message, created);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = formData(form);
    const body = { name: f.name, role: f.role };
    if (f.window) body.window = Number(f.window);
    const res = await api('POST', '/api/v1/devices', body);
    if (res.status !== 201) {
      message.textContent = failure(res);
      show(created);
      return;
    }
    message.textContent = '';
    form.reset();
    // The secret is shown here once; it is not kept anywhere in the page after leaving it.
    show(created, h('div', { class: 'notice-box ok token' },
      res.body.qr_svg && h('img', { alt: 'QR', id: 'token-qr',
                                    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(res.body.qr_svg)}` }),
      h('div', {}, h('p', {}, h('strong', {}, res.body.device.name), ' — ', t('token_once')),
        h('code', { id: 'token' }, res.body.token))));
    await load();
  });

  show(root, h('h1', {}, t('nav_devices')), listBox);
  if (await load()) listBox.before(form);
}
