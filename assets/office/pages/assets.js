// Hall assets (第三十三–三十七条): the register with filters, one asset's page (its history of
// moves, issues, loss and stock-take findings, its QR labels), the requisitions and change
// requests waiting for the office's word, and the stock-takes — where a USB scanner types a
// label's tag into the scan field and Enter records it, and the result shows found, missing,
// found elsewhere and unknown tags as they come. The office writes; the committee reads; a
// unit's lead reads its unit's own assets and its requests.
import { api, failure, unitNames } from '../api.js';
import { formData, h, show, table } from '../dom.js';
import { pick, t, when } from '../i18n.js';

const kCategories = ['fixed', 'office', 'it_consumable', 'low_value'];
const kStocks = ['label40x30', 'label50x30', '58mm', '80mm'];

// "window:3" → "3号窗口"; a room as it is.
export function place(location) {
  const m = /^window:(\d+)$/.exec(location || '');
  return m ? t('asset_window', { n: m[1] }) : location || '—';
}

// A location field: a window's number becomes window:N.
export function locationOf(text) {
  const v = (text || '').trim();
  return /^\d+$/.test(v) ? `window:${Number(v)}` : v;
}

function yuan(fen) { return (fen / 100).toFixed(2); }

function deviceCell(d) {
  if (!d) return '';
  const state = d.revoked ? 'revoked' : d.online ? 'online' : 'offline';
  return h('span', { class: `badge ${state === 'online' ? 'open' : 'closed'}`, title: d.last_seen_at || '' },
    `${d.name} · ${t(`device_${state}`)}`);
}

// Only what was filled in, with numbers as numbers (value in 元 → value_fen).
function assetBody(f) {
  const body = {};
  for (const key of ['tag', 'name', 'category', 'model', 'serial', 'keeper', 'acquired', 'owner'])
    if (f[key]) body[key] = f[key];
  if (f.location) body.location = locationOf(f.location);
  if (f.value) body.value_fen = Math.round(Number(f.value) * 100);
  if (f.quantity) body.quantity = Number(f.quantity);
  return body;
}

export async function render(box, { me, params }) {
  if (params[0]) return assetPage(box, me, params[0]);
  const office = me.role === 'office';
  const units = await unitNames();
  const message = h('p', { class: 'error', role: 'alert' });
  const sections = { list: h('section', { id: 'asset-list' }), requisitions: h('section', { id: 'requisitions' }),
                     changes: h('section', { id: 'change-requests' }), stocktakes: h('section', { id: 'stocktakes' }) };
  const unitOptions = () => [h('option', { value: '' }, t('asset_owner_hall')),
    [...units.keys()].map((code) => h('option', { value: code }, pick(units.get(code))))];

  // The register: filters over the list, and (the office) a new asset.
  const filters = h('form', { class: 'toolbar', id: 'asset-filters' },
    h('label', {}, t('asset_category'), h('select', { name: 'category' }, h('option', { value: '' }, t('all')),
      kCategories.map((c) => h('option', { value: c }, t(`category_${c}`))))),
    h('label', {}, t('asset_location'), h('input', { name: 'location', maxlength: 64 })),
    h('label', { class: 'grow' }, t('asset_search'), h('input', { name: 'q', maxlength: 64 })),
    h('button', { type: 'submit' }, t('asset_filter')));
  filters.addEventListener('submit', (ev) => { ev.preventDefault(); list(); });
  const list = async () => {
    const f = formData(filters);
    const q = new URLSearchParams();
    if (f.category) q.set('category', f.category);
    if (f.location) q.set('location', locationOf(f.location));
    if (f.q) q.set('q', f.q);
    const res = await api('GET', `/api/v1/assets?${q}`);
    if (res.status !== 200) return show(sections.list, h('p', { class: 'notice-box' }, failure(res)));
    show(sections.list, h('div', { class: 'table-wrap' }, table(
      [t('asset_tag'), t('asset_name'), t('asset_category'), t('asset_location'), t('asset_keeper'),
       { text: t('asset_quantity'), num: true }, { text: t('asset_value'), num: true }, t('asset_owner'),
       t('status'), t('asset_device')],
      res.body.assets.map((a) => h('tr', { dataset: { tag: a.tag }, class: a.status === 'in_use' ? null : 'off' },
        h('td', {}, h('a', { href: `#assets/${encodeURIComponent(a.tag)}` }, a.tag)), h('td', {}, a.name),
        h('td', {}, t(`category_${a.category}`)), h('td', {}, place(a.location)), h('td', {}, a.keeper || '—'),
        h('td', { class: 'num' }, a.quantity), h('td', { class: 'num' }, yuan(a.value_fen)),
        h('td', {}, a.owner ? pick(units.get(a.owner)) || a.owner : t('asset_owner_hall')),
        h('td', {}, t(`asset_status_${a.status}`)), h('td', {}, deviceCell(a.device)))),
      t('assets_none'))));
  };

  let add = null;
  if (office) {
    add = h('form', { class: 'toolbar', id: 'asset-add' },
      h('label', {}, t('asset_name'), h('input', { name: 'name', required: true, maxlength: 100 })),
      h('label', {}, t('asset_category'), h('select', { name: 'category' },
        kCategories.map((c) => h('option', { value: c }, t(`category_${c}`))))),
      h('label', {}, t('asset_location_hint'), h('input', { name: 'location', required: true, maxlength: 64 })),
      h('label', {}, t('asset_model'), h('input', { name: 'model', maxlength: 100 })),
      h('label', {}, t('asset_serial'), h('input', { name: 'serial', maxlength: 100 })),
      h('label', {}, t('asset_keeper'), h('input', { name: 'keeper', maxlength: 16, size: 6 })),
      h('label', {}, t('asset_value_yuan'), h('input', { name: 'value', type: 'number', min: 0, step: '0.01', size: 8 })),
      h('label', {}, t('asset_acquired'), h('input', { name: 'acquired', type: 'date' })),
      h('label', {}, t('asset_owner'), h('select', { name: 'owner' }, unitOptions())),
      h('label', {}, t('asset_quantity'), h('input', { name: 'quantity', type: 'number', min: 0, size: 4 })),
      h('label', {}, t('asset_own_tag'), h('input', { name: 'tag', maxlength: 32, size: 10 })),
      h('button', { type: 'submit', class: 'primary' }, t('asset_register')));
    add.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const r = await api('POST', '/api/v1/assets', assetBody(formData(add)));
      message.textContent = r.status === 201 ? t('asset_registered', { tag: r.body.asset.tag }) : failure(r);
      if (r.status === 201) add.reset();
      await list();
    });
  }

  show(box, h('h2', {}, t('nav_assets')), h('p', { class: 'muted' }, t('assets_hint')), message,
    add, filters, sections.list,
    h('h2', {}, t('requisitions')), sections.requisitions,
    h('h2', {}, t('change_requests')), sections.changes,
    h('h2', {}, t('stocktakes')), sections.stocktakes);
  await Promise.all([list(), requests(sections.requisitions, office, message, 'requisition'),
                     requests(sections.changes, office, message, 'change'),
                     stocktakes(sections.stocktakes, office, message)]);
}

// Requisitions (领用单) or change requests, the pending ones with the office's two buttons.
async function requests(box, office, message, kind) {
  const base = kind === 'change' ? '/api/v1/change-requests' : '/api/v1/requisitions';
  const res = await api('GET', base);
  if (res.status !== 200) return show(box, h('p', { class: 'notice-box' }, failure(res)));
  const items = res.body[kind === 'change' ? 'change_requests' : 'requisitions'];
  const reload = () => requests(box, office, message, kind);
  const decide = (r) => {
    if (!office || r.status !== 'pending') return null;
    const reason = h('input', { name: 'reason', maxlength: 500, placeholder: t('asset_reason') });
    const act = async (verb) => {
      const body = reason.value.trim() ? { reason: reason.value.trim() } : {};
      const a = await api('POST', `${base}/${r.id}/${verb}`, body);
      message.textContent = a.status === 200 ? '' : failure(a);
      await reload();
    };
    return h('div', { class: 'toolbar' }, reason,
      h('button', { type: 'button', class: 'primary', onclick: () => act('approve') }, t('approve')),
      h('button', { type: 'button', class: 'danger', onclick: () => act('refuse') }, t('refuse')));
  };
  const what = (r) => (kind === 'change'
    ? [h('div', {}, `${t(`change_${r.change}`)}${r.tag ? ` · ${r.tag} ${r.name || ''}` : ''}`), h('div', { class: 'said' }, r.text)]
    : [h('div', {}, `${r.name} · ${r.tag} × ${r.quantity}${r.keeper ? ` → ${r.keeper}` : ''}`), h('div', { class: 'said' }, r.reason)]);
  const slip = (r) => (kind === 'requisition' && r.status === 'approved'
    ? h('a', { href: `/api/v1/requisitions/${r.id}/slip?format=png`, target: '_blank', class: 'slip' }, t('requisition_slip'))
    : null);
  show(box, h('div', { class: 'table-wrap' }, table(
    [t('asset_request_no'), kind === 'change' ? t('window') : t('unit'), t('asset_asked_by'), t('asset_what'),
     t('status'), t('asset_decision'), ''],
    items.map((r) => h('tr', { dataset: { request: r.id } },
      h('td', {}, String(r.id)), h('td', {}, kind === 'change' ? t('asset_window', { n: r.window }) : r.unit || '—'),
      h('td', {}, `${r.asked_name} · ${when(r.asked_at)}`), h('td', {}, what(r)),
      h('td', {}, t(`request_${r.status}`)),
      h('td', {}, r.decided_name ? [r.decided_name, r.decision_reason ? ` · ${r.decision_reason}` : ''] : ''),
      h('td', {}, decide(r) || slip(r)))),
    t('none'))));
}

function tagList(items, key) {
  return h('ul', { class: 'tags', dataset: { list: key } }, items.map((i) => h('li', {},
    h('strong', {}, i.tag), ` ${i.name || ''}`,
    key === 'misplaced' ? ` ${place(i.expected)} → ${place(i.found)}`
      : key === 'missing' ? ` ${place(i.expected)}` : key === 'unknown' ? ` @ ${place(i.found)}` : '')));
}

// The stock-takes: the open one with its scan field and live result; the office opens and closes.
async function stocktakes(box, office, message) {
  const res = await api('GET', '/api/v1/stocktakes');
  if (res.status !== 200) return show(box, h('p', { class: 'notice-box' }, failure(res)));
  const reload = () => stocktakes(box, office, message);
  const open = res.body.stocktakes.find((s) => s.status === 'open');
  const current = open || res.body.stocktakes[0];
  const parts = [h('p', { class: 'muted' }, t('stocktake_hint'))];
  if (office && !open) {
    parts.push(h('button', { type: 'button', class: 'primary', id: 'stocktake-open', onclick: async () => {
      const r = await api('POST', '/api/v1/stocktakes', {});
      message.textContent = r.status === 201 ? '' : failure(r);
      await reload();
    } }, t('stocktake_open')));
  }
  if (!current) return show(box, parts, h('p', { class: 'muted' }, t('stocktakes_none')));
  const result = h('div', { class: 'stocktake-result', id: 'stocktake-result' });
  const draw = async () => {
    const r = await api('GET', `/api/v1/stocktakes/${current.id}`);
    if (r.status !== 200) return show(result, h('p', { class: 'notice-box' }, failure(r)));
    const s = r.body.stocktake;
    show(result, h('p', {}, `${s.name} · ${t(`stocktake_status_${s.status}`)} · ${t('stocktake_counts',
      { expected: s.expected, scans: s.scans })}`, s.closed_by ? ` · ${t('stocktake_closed_by', { who: s.closed_by, at: when(s.closed_at) })}` : ''),
    h('div', { class: 'columns' }, ['found', 'missing', 'misplaced', 'unknown'].map((key) => h('div', { class: `col ${key}` },
      h('h3', {}, `${t(`stocktake_${key}`)} (${r.body[key].length})`), tagList(r.body[key], key)))));
  };
  parts.push(h('h3', {}, current.name));
  if (open) {
    // A USB scanner is a keyboard: it types the label's content into the focused field and
    // presses Enter. The QR may hold the asset's address: its tag is what follows the last /.
    const last = h('p', { class: 'scan-last', role: 'status' });
    const form = h('form', { class: 'toolbar', id: 'scan-form' },
      h('label', {}, t('scan_location'), h('input', { name: 'location', required: true, maxlength: 64, size: 10 })),
      h('label', { class: 'grow' }, t('scan_tag'), h('input', { name: 'tag', required: true, maxlength: 200, autocomplete: 'off' })),
      h('button', { type: 'submit', class: 'primary' }, t('scan_record')));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const f = formData(form);
      const tag = f.tag.split('/').pop();
      const r = await api('POST', `/api/v1/stocktakes/${open.id}/scans`, { tag, location: locationOf(f.location) });
      last.textContent = r.status === 201
        ? `${tag} ${r.body.scan.name || ''}：${t(`scan_${r.body.scan.result}`)}${r.body.scan.expected ? ` (${place(r.body.scan.expected)})` : ''}`
        : failure(r);
      last.className = `scan-last ${r.status === 201 ? r.body.scan.result : 'error'}`;
      form.elements.tag.value = '';
      form.elements.tag.focus();
      await draw();
    });
    parts.push(form, last);
    if (office) {
      const note = h('input', { name: 'note', maxlength: 1000, placeholder: t('stocktake_note') });
      parts.push(h('div', { class: 'toolbar' }, note, h('button', { type: 'button', id: 'stocktake-close', onclick: async () => {
        const r = await api('POST', `/api/v1/stocktakes/${open.id}/close`, { note: note.value.trim() });
        message.textContent = r.status === 200 ? '' : failure(r);
        await reload();
      } }, t('stocktake_close'))));
    }
  }
  parts.push(result);
  show(box, parts);
  await draw();
}

// One asset: its record, history, labels, and (the office) a move and a loss record.
async function assetPage(box, me, tag) {
  const office = me.role === 'office';
  const res = await api('GET', `/api/v1/assets/${encodeURIComponent(tag)}`);
  const back = h('a', { href: '#assets' }, `← ${t('nav_assets')}`);
  if (res.status !== 200) return show(box, back, h('p', { class: 'notice-box' }, failure(res)));
  const a = res.body.asset;
  const message = h('p', { class: 'error', role: 'alert' });
  const reload = () => assetPage(box, me, tag);
  const post = async (path, form) => {
    const r = await api('POST', `/api/v1/assets/${encodeURIComponent(tag)}/${path}`, form);
    message.textContent = r.status === 200 ? '' : failure(r);
    if (r.status === 200) await reload();
  };
  const facts = [
    [t('asset_category'), t(`category_${a.category}`)], [t('asset_location'), place(a.location)],
    [t('asset_keeper'), a.keeper || '—'], [t('asset_model'), a.model || '—'], [t('asset_serial'), a.serial || '—'],
    [t('asset_value'), yuan(a.value_fen)], [t('asset_acquired'), a.acquired || '—'], [t('asset_quantity'), a.quantity],
    [t('asset_owner'), a.owner || t('asset_owner_hall')], [t('status'), t(`asset_status_${a.status}`)],
    [t('asset_device'), a.device ? deviceCell(a.device) : '—']];
  const history = table([t('at'), t('asset_who'), t('asset_step'), t('asset_detail')],
    a.history.map((e) => [when(e.at), e.who, t(`asset_step_${e.what}`), detailText(e)]));
  const labels = h('div', { class: 'labels' }, kStocks.slice(0, 2).map((stock) => h('figure', {},
    h('img', { src: `/api/v1/assets/${encodeURIComponent(tag)}/label?stock=${stock}&format=png`, alt: `${tag} ${stock}` }),
    h('figcaption', {}, stock, ' · ', h('a', { href: `/api/v1/assets/${encodeURIComponent(tag)}/label?stock=${stock}&format=escpos` }, 'ESC/POS')))));
  const forms = [];
  if (office && a.status === 'in_use') {
    const move = h('form', { class: 'toolbar', id: 'asset-move' },
      h('label', {}, t('asset_location_hint'), h('input', { name: 'location', maxlength: 64 })),
      h('label', {}, t('asset_keeper'), h('input', { name: 'keeper', maxlength: 16, size: 6 })),
      h('label', { class: 'grow' }, t('asset_reason'), h('input', { name: 'reason', required: true, maxlength: 500 })),
      h('button', { type: 'submit', class: 'primary' }, t('asset_move')));
    move.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const f = formData(move);
      const body = { reason: f.reason };
      if (f.location) body.location = locationOf(f.location);
      if (f.keeper) body.keeper = f.keeper;
      post('move', body);
    });
    const loss = h('form', { class: 'toolbar', id: 'asset-loss' },
      h('label', {}, t('asset_loss_kind'), h('select', { name: 'kind' },
        ['damaged', 'lost'].map((k) => h('option', { value: k }, t(`asset_status_${k}`))))),
      h('label', { class: 'grow' }, t('asset_loss_what'), h('input', { name: 'what', required: true, maxlength: 1000 })),
      h('label', {}, t('asset_loss_liable'), h('input', { name: 'liable', maxlength: 100 })),
      h('label', { class: 'grow' }, t('asset_loss_decision'), h('input', { name: 'decision', required: true, maxlength: 1000 })),
      h('button', { type: 'submit', class: 'danger' }, t('asset_loss_record')));
    loss.addEventListener('submit', (ev) => { ev.preventDefault(); post('losses', formData(loss)); });
    forms.push(h('h3', {}, t('asset_move_title')), move, h('h3', {}, t('asset_loss_title')), loss);
  }
  show(box, back, h('h2', {}, `${a.tag} · ${a.name}`), message,
    h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    forms, h('h3', {}, t('asset_history')), h('div', { class: 'table-wrap', id: 'asset-history' }, history),
    h('h3', {}, t('asset_labels')), labels);
}

// A history step's detail in words.
function detailText(e) {
  const d = e.detail || {};
  switch (e.what) {
    case 'moved':
      return `${place(d.from?.location)} / ${d.from?.keeper || '—'} → ${place(d.to?.location)} / ${d.to?.keeper || '—'}：${d.reason}`;
    case 'lost':
    case 'damaged':
      return `${d.what}；${t('asset_loss_liable')}：${d.liable || '—'}；${t('asset_loss_decision')}：${d.decision}`;
    case 'issued':
      return d.quantity ? `#${d.requisition} × ${d.quantity}（${d.from} → ${d.to}）` : `#${d.requisition} → ${d.to?.keeper}`;
    case 'stocktake_missing':
      return `#${d.stocktake} ${place(d.expected)}`;
    case 'stocktake_misplaced':
      return `#${d.stocktake} ${place(d.expected)} → ${place(d.found)}`;
    case 'edited':
      return Object.entries(d).map(([k, v]) => `${k}: ${v.from} → ${v.to}`).join('；');
    default:
      return d.name ? `${d.name} · ${place(d.location)}` : '';
  }
}
