// Notices for the boards' ticker, each with its start and end: the office publishes and ends
// them; viewers read them.
import { api, failure } from '../api.js';
import { formData, h, show, table } from '../dom.js';
import { t, when } from '../i18n.js';

// <input type=datetime-local> "2026-11-27T12:00" → ISO 8601 with the browser's offset (the
// hall's, on the office's own PCs); "" stays unset.
function isoLocal(value) {
  if (!value) return undefined;
  const offset = -new Date(value).getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-', abs = Math.abs(offset);
  const pad = (n) => String(n).padStart(2, '0');
  return `${value}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export async function render(root, { me }) {
  const office = me.role === 'office';
  const listBox = h('section', { id: 'notices' });
  const message = h('p', { class: 'error', role: 'alert' });

  async function load() {
    const res = await api('GET', '/api/v1/notices');
    if (res.status !== 200) return show(listBox, h('p', { class: 'notice-box' }, failure(res)));
    show(listBox, h('div', { class: 'table-wrap' }, table(
      [t('zh'), t('en'), t('starts_at'), t('ends_at'), t('status'), ''],
      res.body.notices.map((n) => h('tr', { class: n.active ? null : 'off', dataset: { notice: n.id } },
        h('td', {}, n.text?.zh), h('td', {}, n.text?.en), h('td', {}, when(n.starts_at || n.created_at)), h('td', {}, when(n.ends_at) || '—'),
        h('td', {}, n.active ? h('span', { class: 'badge open' }, t('now_showing'))
                             : n.ended_at ? `${t('ended_at')} ${when(n.ended_at)}` : ''),
        h('td', {}, office && !n.ended_at && h('button', { type: 'button', class: 'danger', onclick: async () => {
          const r = await api('POST', `/api/v1/notices/${n.id}/end`);
          message.textContent = r.status === 200 ? '' : failure(r);
          await load();
        } }, t('end_notice'))))))));
  }

  const form = office && h('form', { class: 'panel no-print', id: 'new-notice' },
    h('h2', {}, t('new_notice')),
    h('div', { class: 'edit-grid' },
      h('label', {}, t('notice_zh'), h('textarea', { name: 'zh', required: true, maxlength: 200 })),
      h('label', {}, t('notice_en'), h('textarea', { name: 'en', required: true, maxlength: 400 })),
      h('label', {}, t('starts_at'), h('input', { name: 'starts_at', type: 'datetime-local' })),
      h('label', {}, t('ends_at'), h('input', { name: 'ends_at', type: 'datetime-local' }))),
    h('p', { class: 'muted' }, t('optional_time')),
    h('button', { type: 'submit', class: 'primary' }, t('publish')));
  if (form) form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = formData(form);
    const res = await api('POST', '/api/v1/notices',
                          { text: { zh: f.zh, en: f.en }, starts_at: isoLocal(f.starts_at), ends_at: isoLocal(f.ends_at) });
    message.textContent = res.status === 201 ? '' : failure(res);
    if (res.status === 201) form.reset();
    await load();
  });

  show(root, h('h1', {}, t('nav_notices')), form, message, listBox);
  await load();
}
