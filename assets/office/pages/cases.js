// Cases (办件, 第二十一、二十五条): the list by unit, status and due state with the counts, and
// one case's whole history — every step (when, who, what), the partner units' tasks, the
// hand-overs pending or confirmed. The office allows a second 补正 request (一次告知 is the
// rule) and completes a case from here.
import { api, failure, unitNames } from '../api.js';
import { formData, h, show, table } from '../dom.js';
import { pick, t, when } from '../i18n.js';

const kStatuses = ['accepted', 'awaiting_supplement', 'completed', 'returned'];
const kDue = ['', 'due', 'overdue'];
const kBadge = { accepted: 'open', awaiting_supplement: 'paused', completed: 'off', returned: 'bad',
                 overdue: 'bad', due_today: 'paused', due_tomorrow: 'paused', pending: 'paused', confirmed: 'open' };

const badge = (key, text) => h('span', { class: `badge ${kBadge[key] || 'off'}` }, text);

// A step's detail in words: the materials asked for or supplied, the hand-over's way, the
// result or the reason.
function stepDetail(s) {
  const d = s.detail || {};
  const parts = [];
  if (d.mode) parts.push(t(`case_mode_${d.mode}`));
  if (d.missing?.length) parts.push(`${t('case_missing')}${t('colon')}${d.missing.join('、')}`);
  if (d.supplied?.length) parts.push(`${t('case_supplied')}${t('colon')}${d.supplied.join('、')}`);
  if (d.reason) parts.push(`${t('reason')}${t('colon')}${d.reason}`);
  if (d.to_unit) parts.push(`→ ${d.to_unit}${d.items?.length ? `（${d.items.join('、')}）` : ''}`);
  if (d.staff) parts.push(t('case_signed_by', { staff: d.staff }));
  if (d.unit) parts.push(d.unit);
  if (d.result) parts.push(d.result);
  return parts.join(' · ');
}

async function services() {
  const res = await api('GET', '/api/v1/services');
  const out = new Map();
  if (res.status === 200) for (const s of res.body.services) out.set(s.code, s.name);
  return out;
}

function dueBadge(c) {
  return c.due ? badge(c.due, t(`case_due_${c.due}`)) : '';
}

async function renderCase(root, id, me) {
  const message = h('p', { class: 'error', role: 'alert' });
  const res = await api('GET', `/api/v1/cases/${encodeURIComponent(id)}`);
  if (res.status !== 200) {
    show(root, h('h1', {}, t('nav_cases')), h('p', { class: 'notice-box' }, failure(res)),
         h('a', { href: '#cases' }, t('back_to_list')));
    return;
  }
  const c = res.body.case;
  const names = await services();
  const open = c.status === 'accepted' || c.status === 'awaiting_supplement';
  const office = me.role === 'office';
  const act = async (path, body) => {
    const r = await api('POST', `/api/v1/cases/${c.id}/${path}`, body);
    if (r.status !== 200) message.textContent = failure(r);
    else await renderCase(root, id, me);
  };
  const completeForm = office && c.status === 'accepted' ? h('form', { class: 'toolbar', id: 'complete-form' },
    h('label', { class: 'grow' }, t('case_result'),
      h('input', { name: 'result', required: true, maxlength: 500, placeholder: t('case_result_hint') })),
    h('button', { type: 'submit', class: 'primary' }, t('case_complete'))) : null;
  completeForm?.addEventListener('submit', (ev) => {
    ev.preventDefault();
    act('complete', { result: formData(completeForm).result });
  });
  const info = [
    [t('service'), `${c.service} ${pick(names.get(c.service))}`],
    [t('unit'), c.unit],
    [t('window'), c.window ? t('window_n', { n: c.window }) : '—'],
    [t('case_staff'), c.staff || '—'],
    [t('case_mode'), t(`case_mode_${c.mode}`)],
    [t('case_opened'), when(c.opened_at)],
    [t('case_promised'), c.promised_date || '—'],
    [t('case_missing'), c.missing?.length ? c.missing.join('、') : '—'],
    c.reason && [t('reason'), c.reason],
    c.result && [t('case_result'), c.result],
    c.completed_at && [t('case_completed_at'), when(c.completed_at)],
  ].filter(Boolean);
  show(root,
    h('p', { class: 'no-print' }, h('a', { href: '#cases' }, `← ${t('back_to_list')}`)),
    h('h1', {}, `${t('case_heading', { number: c.number })} `, badge(c.status, t(`case_status_${c.status}`)), ' ', dueBadge(c)),
    message,
    h('section', { class: 'panel', id: 'case-info' },
      h('dl', { class: 'facts' }, info.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))),
    office && open && h('section', { class: 'panel no-print', id: 'case-actions' },
      h('h2', {}, t('actions')),
      completeForm,
      h('div', { class: 'toolbar' },
        h('button', { type: 'button', id: 'allow-supplement', onclick: () => act('allow-supplement') },
          t('case_allow_supplement')),
        h('span', { class: 'muted' }, t('case_allow_hint')))),
    h('h2', {}, t('case_history')),
    h('div', { class: 'table-wrap', id: 'case-steps' }, table(
      [t('at'), t('who'), t('action'), t('case_detail')],
      c.steps.map((s) => h('tr', { dataset: { what: s.what } },
        h('td', {}, when(s.at)), h('td', {}, s.who), h('td', {}, t(`case_step_${s.what}`)), h('td', {}, stepDetail(s)))))),
    c.tasks.length > 0 && [h('h2', {}, t('case_tasks')), h('div', { class: 'table-wrap', id: 'case-tasks' }, table(
      [t('unit'), t('case_due_date'), t('status'), t('case_done_at')],
      c.tasks.map((k) => h('tr', { dataset: { unit: k.unit } },
        h('td', {}, k.unit), h('td', {}, k.due_date),
        h('td', {}, badge(k.status === 'done' ? 'confirmed' : 'pending', t(`case_task_${k.status}`))),
        h('td', {}, when(k.done_at) || '—')))))],
    h('h2', {}, t('case_handovers')),
    h('div', { class: 'table-wrap', id: 'case-handovers' }, table(
      [t('case_items'), t('case_from'), t('case_to'), t('status'), t('at'), t('case_confirmed_at')],
      c.handovers.map((x) => h('tr', { dataset: { handover: x.id, status: x.status } },
        h('td', {}, x.items.join('、')), h('td', {}, `${x.from_unit} · ${x.from_staff}`),
        h('td', {}, `${x.to_unit}${x.to_staff ? ` · ${x.to_staff}` : ''}`),
        h('td', {}, badge(x.status, t(`handover_${x.status}`))), h('td', {}, when(x.at)),
        h('td', {}, when(x.confirmed_at) || '—'))))));
}

export async function render(root, { me, params }) {
  if (/^\d+$/.test(params[0] || '')) return renderCase(root, params[0], me);
  const query = new URLSearchParams(params[0] || '');
  const status = kStatuses.includes(query.get('status')) ? query.get('status') : '';
  const due = kDue.includes(query.get('due')) ? query.get('due') : '';
  const unit = me.role === 'unit' ? '' : query.get('unit') || '';
  const [units, names] = await Promise.all([unitNames(), services()]);
  const go = (next) => {
    const q = new URLSearchParams({ status, due, unit, ...next });
    for (const [k, v] of [...q]) if (!v) q.delete(k);
    location.hash = `cases/${q}`;
  };

  const form = h('form', { class: 'toolbar', id: 'cases-form' },
    h('label', {}, t('status'), h('select', { name: 'status' },
      h('option', { value: '' }, t('case_all')),
      kStatuses.map((s) => h('option', { value: s, selected: s === status }, t(`case_status_${s}`))))),
    h('label', {}, t('case_due'), h('select', { name: 'due' },
      kDue.map((d) => h('option', { value: d, selected: d === due }, t(`case_filter_${d || 'all'}`))))),
    // A unit's lead reads only their own unit: no choice to offer.
    me.role !== 'unit' && h('label', {}, t('unit'), h('select', { name: 'unit' },
      h('option', { value: '' }, t('all_units')),
      [...units].map(([code, name]) => h('option', { value: code, selected: code === unit }, `${code} ${pick(name)}`)))),
    h('button', { type: 'submit', class: 'primary' }, t('show')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = formData(form);
    go({ status: f.status, due: f.due, unit: f.unit || '' });
  });
  const counts = h('div', { class: 'toolbar', id: 'case-counts' });
  const body = h('section', { id: 'cases' });
  show(root, h('h1', {}, t('nav_cases')), form, counts, body);

  // The status counts come from the same list: one request, the status narrowed here.
  const asked = new URLSearchParams();
  if (unit) asked.set('unit', unit);
  if (due) asked.set(due, '1');
  const res = await api('GET', `/api/v1/cases?${asked}`);
  if (res.status !== 200) return show(body, h('p', { class: 'notice-box' }, failure(res)));
  const all = res.body.cases;
  const tally = (s) => all.filter((c) => c.status === s).length;
  show(counts,
    h('a', { href: '#', class: `chip${status ? '' : ' current'}`, dataset: { count: 'all' },
             onclick: (ev) => { ev.preventDefault(); go({ status: '' }); } }, `${t('case_all')} ${all.length}`),
    kStatuses.map((s) => h('a', { href: '#', class: `chip${s === status ? ' current' : ''}`, dataset: { count: s },
                                 onclick: (ev) => { ev.preventDefault(); go({ status: s }); } },
                           `${t(`case_status_${s}`)} ${tally(s)}`)),
    h('span', { class: 'chip', dataset: { count: 'overdue' } },
      `${t('case_due_overdue')} ${all.filter((c) => c.due === 'overdue').length}`));
  const rows = status ? all.filter((c) => c.status === status) : all;
  show(body, h('div', { class: 'table-wrap' }, table(
    [t('case_number'), t('service'), t('unit'), t('window'), t('case_staff'), t('case_mode'), t('status'),
     t('case_opened'), t('case_promised'), ''],
    rows.map((c) => h('tr', { dataset: { case: c.id, number: c.number } },
      h('td', {}, h('a', { href: `#cases/${c.id}` }, c.number)),
      h('td', {}, `${c.service} ${pick(names.get(c.service))}`), h('td', {}, c.unit),
      h('td', {}, c.window || '—'), h('td', {}, c.staff || '—'), h('td', {}, t(`case_mode_${c.mode}`)),
      h('td', {}, badge(c.status, t(`case_status_${c.status}`))), h('td', {}, when(c.opened_at)),
      h('td', {}, c.promised_date || '—'), h('td', {}, dueBadge(c)))),
    t('case_none'))));
}
