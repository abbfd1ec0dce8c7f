// The live hall: every window (state, who is on duty, the number being served), waiting per
// service and the alerts, from GET /api/v1/office/hall; fetched again on every event of
// GET /api/v1/events and every 30 s.
import { api, failure } from '../api.js';
import { h, show, table } from '../dom.js';
import { pick, t, when } from '../i18n.js';

const kEvery = 30000;

function windowCard(w, serviceName) {
  const status = ['open', 'paused', 'closed'].includes(w.status) ? w.status : 'closed';
  return h('article', { class: `win ${status}`, dataset: { window: w.number } },
    h('h3', {}, t('window_n', { n: w.number }), h('span', { class: `badge ${status}` }, t(`status_${status}`))),
    h('p', { class: 'wname' }, pick(w.name), w.unit ? ` · ${w.unit}` : ''),
    h('div', { class: w.current ? 'current' : 'current none' }, w.current ? w.current.number : '—'),
    w.current && h('p', {}, `${serviceName(w.current.service)} · ${t('called_at', { time: when(w.current.called_at).slice(11) })}`),
    status === 'paused' && w.pause_reason && h('p', { class: 'reason' }, t('pause_reason', { reason: pick(w.pause_reason_text) || w.pause_reason })),
    status === 'paused' && w.paused_at && h('p', {}, t('paused_since', { time: when(w.paused_at).slice(11) })),
    h('p', {}, w.staff ? t('on_duty', { name: w.staff.name, number: w.staff.number }) : t('nobody')),
    h('p', { class: 'muted' }, t('window_waiting', { n: w.waiting ?? 0 }), ' · ', t('served_today', { n: w.served_today ?? 0 })));
}

// Today's closing round (第三十九条): who closed and when with the four answers and the note,
// or where it stands.
function closingBox(c) {
  if (!c) return null;
  const status = ['done', 'incomplete', 'overdue', 'pending', 'not_needed'].includes(c.status) ? c.status : 'pending';
  const badge = { done: 'open', incomplete: 'closed', overdue: 'closed', pending: 'paused', not_needed: 'paused' }[status];
  const last = c.last;
  return h('div', { class: 'panel', id: 'closing', dataset: { status } },
    h('p', {}, h('span', { class: `badge ${badge}` }, t('closing_round')), ' ',
      last ? t(last.all_done ? 'closing_done' : 'closing_incomplete',
               { name: last.name, staff: last.staff, time: when(last.at).slice(11) })
           : t(`closing_${status}`, { due: c.due })),
    last && h('ul', { class: 'checks' }, ['doors_windows', 'lights', 'air_conditioning', 'other_power'].map((k) =>
      h('li', { class: last.checks[k] ? 'ok' : 'bad' }, `${last.checks[k] ? '✓' : '✗'} ${t(`closing_${k}`)}`))),
    last && last.note && h('p', {}, t('closing_note', { note: last.note })));
}

function paintHall(view, hall, live) {
  const alerts = hall.alerts || [];
  const names = new Map((hall.services || []).map((s) => [s.code, pick(s.name)]));
  const serviceName = (code) => names.get(code) || code;
  show(view,
    h('div', { class: 'hall-head' },
      h('h1', {}, t('nav_hall')),
      h('span', { class: `live ${live ? 'on' : 'off'}` }, live ? t('live_on') : t('live_off')),
      h('span', { class: 'muted', id: 'updated' }, t('updated_at', { time: when(hall.now).slice(11) }))),
    h('h2', {}, t('alerts')),
    alerts.length
      ? h('ul', { class: 'alerts' }, alerts.map((a) => h('li', { class: a.kind },
          pick(a.message), a.since ? h('span', { class: 'muted' }, ` · ${when(a.since).slice(11)}`) : '')))
      : h('p', { class: 'muted' }, t('no_alerts')),
    h('h2', {}, t('closing_round')),
    closingBox(hall.closing),
    h('h2', {}, t('windows')),
    h('div', { class: 'windows', id: 'windows' }, (hall.windows || []).map((w) => windowCard(w, serviceName))),
    h('h2', {}, t('services')),
    h('div', { class: 'table-wrap' }, table(
      [t('code'), t('service'), t('unit'), { text: t('waiting'), num: true }, { text: t('longest_wait'), num: true },
       { text: t('average_wait_today'), num: true }, t('open_now')],
      (hall.services || []).map((s) => h('tr', { dataset: { service: s.code } },
        h('td', {}, s.code), h('td', {}, pick(s.name)), h('td', {}, s.unit),
        h('td', { class: 'num' }, s.waiting), h('td', { class: 'num' }, s.longest_wait_min ?? '—'),
        h('td', { class: 'num' }, s.average_wait_today_min ?? '—'),
        h('td', {}, h('span', { class: `badge ${s.open ? 'open' : 'closed'}` }, s.open ? t('yes') : t('no'))))))));
}

export async function render(root) {
  const view = h('section', {});
  let live = false, last = null, stopped = false, pending = null;
  async function refresh() {
    pending = null;
    const res = await api('GET', '/api/v1/office/hall');
    if (stopped) return;
    if (res.status !== 200) {
      show(view, h('h1', {}, t('nav_hall')), h('p', { class: 'notice-box' }, failure(res)));
      return;
    }
    last = res.body;
    paint();
  }
  function paint() {
    if (last) paintHall(view, last, live);
    view.dataset.loaded = 'yes';
  }
  // Bursts of events (a call is several) bring one fetch.
  function soon() { if (!pending) pending = setTimeout(refresh, 150); }

  show(root, view);
  await refresh();
  const stream = new EventSource('/api/v1/events');
  stream.onopen = () => { live = true; paint(); };
  stream.onerror = () => { live = false; paint(); };
  stream.onmessage = soon;
  // Named events (ticket.called, window.paused, …) do not reach onmessage.
  const names = ['ticket.issued', 'ticket.called', 'ticket.recalled', 'ticket.no_show',
                 'ticket.transferred', 'ticket.finished', 'ticket.rejoined', 'ticket.cancelled',
                 'window.paused', 'window.resumed', 'session.started', 'session.ended',
                 'device.alert', 'services.updated', 'hall.closed', 'hall.closing_overdue'];
  for (const name of names) stream.addEventListener(name, soon);
  const timer = setInterval(refresh, kEvery);
  return () => {
    stopped = true;
    stream.close();
    clearInterval(timer);
    clearTimeout(pending);
  };
}
