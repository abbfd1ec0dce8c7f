// The campus console (onestop-campus serve): a month of every hall and unit — charts per hall
// and per unit, the year's trend per hall, the table with Excel and CSV exports — from the
// campus API. The words, API calls, table and charts are the hall console's own (/office/…).
import { api, failure } from '/office/api.js';
import { chart, keepSized, loadCharts } from '/office/charts.js';
import { formData, h, show, table } from '/office/dom.js';
import { lang, t, translateStatic } from '/office/i18n.js';
import { startShell } from '/office/shell.js';

const root = document.getElementById('page');
let me = null;
let leave = null;  // the shown month's clean-up (its charts, its refresh)
let shown = 0;     // counts loads: one that ends after the next began draws nothing

const percent = (rate) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`);
const orDash = (value) => (value === null || value === undefined ? '—' : value);

function thisMonth() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

// The twelve months ending with `month`, oldest first.
function yearTo(month) {
  let [y, m] = month.split('-').map(Number);
  const out = [];
  for (let i = 0; i < 12; ++i) {
    out.unshift(`${y}-${String(m).padStart(2, '0')}`);
    if (--m === 0) [y, m] = [y - 1, 12];
  }
  return out;
}

const kColumns = ['tickets', 'campus_called', 'average_wait', 'campus_ratings', 'campus_rating_average',
                  'campus_bad_ratings', 'case_count', 'case_completed_promised', 'case_on_time_rate'];

function figureCells(f) {
  return [f.tickets, f.called, orDash(f.average_wait_min), f.ratings,
          f.rating_average === null ? '—' : f.rating_average.toFixed(2), f.bad_ratings, f.cases,
          f.cases_completed, percent(f.on_time_rate)].map((v) => h('td', { class: 'num' }, v));
}

// The office records beside the event figures: follow-ups and complaints (opened, closed, on
// time) and the ended month's scorecards (scored, average points, who was honoured).
const kOfficeColumns = ['campus_followups_opened', 'campus_followups_closed', 'campus_complaints_opened',
                        'campus_complaints_answered', 'campus_windows_scored', 'campus_staff_scored'];

const closedOnTime = (tally) => (tally.closed ? t('campus_closed_on_time', { n: tally.closed, on_time: tally.on_time }) : '0');
const scored = (n, average) => (n ? t('campus_scored_average', { n, points: average.toFixed(2) }) : '—');
const honoured = (list) => (list.length ? list.map((w) => w.name || w.number).join(lang() === 'zh' ? '、' : ', ') : '—');

function officeCells(f) {
  const sc = f.scorecard;
  return [
    ...[f.followups.opened, closedOnTime(f.followups), f.complaints.opened, closedOnTime(f.complaints),
        scored(sc.windows, sc.window_average), scored(sc.staff, sc.staff_average)]
      .map((v) => h('td', { class: 'num' }, v)),
    h('td', {}, honoured(sc.red_flag_windows)), h('td', {}, honoured(sc.service_stars))];
}

// "as of": when the hall's hub last said the campus held all it had, or its last batch; a
// connected hub says so every 30 s, so five minutes without means its figures are behind.
function asOf(state) {
  const at = state?.complete_at || state?.shipped_at;
  const late = (state?.behind_seconds ?? Infinity) > 300;
  return h('td', { class: late ? 'late' : null, title: late ? t('campus_behind') : null },
    at ? new Date(at).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB') : '—');
}

async function render(month) {
  if (leave) leave();
  leave = null;
  const seq = ++shown;
  delete document.body.dataset.ready;
  const path = `/api/v1/report?date=${month}`;
  const form = h('form', { class: 'toolbar', id: 'month-form' },
    h('label', {}, t('month'), h('input', { name: 'month', type: 'month', value: month, required: true })),
    h('button', { type: 'submit', class: 'primary' }, t('show')),
    h('span', { class: 'grow' }),
    h('a', { href: `${path}&format=xlsx`, download: '', id: 'xlsx' }, t('export_xlsx')),
    h('a', { href: `${path}&format=csv`, download: '', id: 'csv' }, t('export_csv')),
    h('button', { type: 'button', onclick: () => window.print() }, t('print')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = formData(form).month;
  });
  const body = h('section', { id: 'campus' }, h('p', { class: 'muted' }, t('loading')));
  show(root, h('h1', {}, t('campus_month', { month })), form, body);

  const months = yearTo(month);
  const [halls, echarts, ...reports] = await Promise.all([
    api('GET', '/api/v1/halls'), loadCharts(), ...months.map((m) => api('GET', `/api/v1/report?date=${m}`))]);
  if (seq !== shown) return;
  const report = reports[reports.length - 1];
  const failed = [halls, report].find((r) => r.status !== 200);
  if (failed) return show(body, h('p', { class: 'notice-box' }, failure(failed)));
  const states = new Map(halls.body.halls.map((s) => [s.hub_id, s]));
  const list = report.body.halls;
  // A unit's chart label: its code over its hall's name (two lines, so many units still fit).
  const units = list.flatMap((hall) => hall.units.map((u) => ({ ...u, label: `${u.unit || '—'}\n${hall.hall}` })));

  const boxes = ['halls', 'units', 'trend', 'trend-waits', 'office', 'trend-scores']
    .map((id) => h('div', { class: 'chart', id: `chart-${id}` }));
  show(body,
    echarts ? h('div', { class: 'charts' }, ...boxes) : h('p', { class: 'notice-box info' }, t('no_charts')),
    h('div', { class: 'table-wrap' }, table(
      [`${t('campus_hall')} / ${t('unit')}`, ...kColumns.map((k) => ({ text: t(k), num: true })), t('campus_as_of')],
      list.flatMap((hall) => [
        h('tr', { class: 'total', dataset: { hall: hall.hub_id } }, h('td', {}, hall.hall), figureCells(hall),
          asOf(states.get(hall.hub_id))),
        ...hall.units.map((u) => h('tr', { dataset: { unit: u.unit } }, h('td', { class: 'indent' }, u.unit || '—'),
          figureCells(u), h('td', {})))]),
      t('campus_no_halls'))),
    h('h2', {}, t('campus_office', { month })),
    h('div', { class: 'table-wrap', id: 'office' }, table(
      [`${t('campus_hall')} / ${t('unit')}`, ...kOfficeColumns.map((k) => ({ text: t(k), num: true })),
       t('campus_red_flag'), t('campus_service_stars')],
      list.flatMap((hall) => [
        h('tr', { class: 'total', dataset: { hall: hall.hub_id } }, h('td', {}, hall.hall), officeCells(hall)),
        ...hall.units.map((u) => h('tr', { dataset: { unit: u.unit } }, h('td', { class: 'indent' }, u.unit || '—'),
          officeCells(u)))]),
      t('campus_no_halls'))));

  const charts = [];
  if (echarts && list.length) {
    const names = list.map((hall) => hall.hall);
    charts.push(chart(echarts, boxes[0], t('campus_halls_chart', { month }), names,
      [[t('tickets'), list.map((x) => x.tickets)], [t('campus_called'), list.map((x) => x.called)],
       [t('case_count'), list.map((x) => x.cases)]]));
    charts.push(chart(echarts, boxes[1], t('campus_units_chart', { month }), units.map((u) => u.label),
      [[t('tickets'), units.map((u) => u.tickets)], [t('campus_called'), units.map((u) => u.called)],
       [t('case_count'), units.map((u) => u.cases)]]));
    // The year per hall, by the hall's name (a month where a hall is missing shows a gap).
    const series = (key) => names.map((name) => [name, reports.map((r) =>
      (r.status === 200 ? r.body.halls.find((x) => x.hall === name)?.[key] ?? null : null)), 'line']);
    const labels = months.map((m) => m.slice(2));
    charts.push(chart(echarts, boxes[2], t('campus_trend_chart'), labels, series('tickets')));
    charts.push(chart(echarts, boxes[3], t('campus_trend_waits'), labels, series('average_wait_min')));
    charts.push(chart(echarts, boxes[4], t('campus_office_chart', { month }), names,
      [[t('campus_followups_opened'), list.map((x) => x.followups.opened)],
       [t('campus_followups_closed'), list.map((x) => x.followups.closed)],
       [t('campus_complaints_opened'), list.map((x) => x.complaints.opened)],
       [t('campus_complaints_answered'), list.map((x) => x.complaints.closed)]]));
    const scores = names.map((name) => [name, reports.map((r) =>
      (r.status === 200 ? r.body.halls.find((x) => x.hall === name)?.scorecard?.window_average ?? null : null)), 'line']);
    charts.push(chart(echarts, boxes[5], t('campus_trend_scores'), labels, scores));
  }
  const cleanup = keepSized(charts);
  const refresh = setInterval(() => { if (!document.hidden) render(month); }, 60000);
  leave = () => { clearInterval(refresh); cleanup(); };
  document.body.dataset.ready = 'yes';
}

function route() {
  const month = /^\d{4}-\d{2}$/.test(location.hash.slice(1)) ? location.hash.slice(1) : thisMonth();
  render(month);
}

async function start() {
  translateStatic();
  const res = await api('GET', '/api/v1/me');
  if (res.status === 401) return location.reload();  // signed out meanwhile: the sign-in page
  if (res.status !== 200) return show(root, h('p', { class: 'error' }, failure(res)));
  me = res.body.account;
  const who = () => {
    document.getElementById('who').textContent = `${me.name}（${t(`role_${me.role}`)} · ${me.hall}）`;
  };
  who();
  startShell(route, who);
}

start();
