// Figures: tickets, waits and service times by day, service, window or staff over a span of
// dates (GET /api/v1/reports/figures), as charts (Apache ECharts, served by the hub from npm)
// and a table, with CSV and Excel exports and an A4 print.
import { api, failure } from '../api.js';
import { formData, h, show, table } from '../dom.js';
import { pick, t } from '../i18n.js';

const kBy = ['day', 'service', 'window', 'staff'];

// The hall's today (its clock and zone, not the browser's), "YYYY-MM-DD".
async function hallToday() {
  const res = await api('GET', '/api/v1/queue');
  return res.status === 200 ? res.body.now.slice(0, 10) : new Date().toISOString().slice(0, 10);
}

// The chart library, or null when it is not installed (the tables still show).
async function loadCharts() {
  try {
    return await import('/office/vendor/echarts.esm.min.js');
  } catch (e) {
    return null;
  }
}

function chart(echarts, element, title, labels, series) {
  const c = echarts.init(element, null, { renderer: 'svg' });
  c.setOption({
    color: ['#1a4f8b', '#2f9e69', '#c0392b'],
    title: { text: title, left: 10, top: 8, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { top: 36 },
    grid: { left: 48, right: 16, top: 72, bottom: 56 },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 8 ? 40 : 0 } },
    yAxis: { type: 'value' },
    animation: false,
    series: series.map(([name, data, type]) => ({ name, data, type: type || 'bar' })),
  });
  return c;
}

export async function render(root, { params }) {
  const query = new URLSearchParams(params[0] || '');
  const today = query.get('from') && query.get('to') ? '' : await hallToday();
  const from = query.get('from') || `${today.slice(0, 8)}01`;  // this month
  const to = query.get('to') || today;
  const by = kBy.includes(query.get('by')) ? query.get('by') : 'day';
  const path = `/api/v1/reports/figures?from=${from}&to=${to}&by=${by}`;

  const form = h('form', { class: 'toolbar', id: 'figures-form' },
    h('label', {}, t('from'), h('input', { name: 'from', type: 'date', value: from, required: true })),
    h('label', {}, t('to'), h('input', { name: 'to', type: 'date', value: to, required: true })),
    h('label', {}, t('by'), h('select', { name: 'by' }, kBy.map((b) => h('option', { value: b, selected: b === by }, t(`by_${b}`))))),
    h('button', { type: 'submit', class: 'primary' }, t('show')),
    h('span', { class: 'grow' }),
    h('a', { href: `${path}&format=csv`, download: '', id: 'csv' }, t('export_csv')),
    h('a', { href: `${path}&format=xlsx`, download: '', id: 'xlsx' }, t('export_xlsx')),
    h('button', { type: 'button', onclick: () => window.print() }, t('print')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = `figures/${new URLSearchParams(formData(form))}`;
  });
  const body = h('section', { id: 'figures' });
  show(root, h('h1', {}, t('nav_figures')), form,
    h('p', { class: 'print-only' }, t('figures_title', { from, to, by: t(`by_${by}`) })), body);

  const res = await api('GET', path);
  if (res.status !== 200) return show(body, h('p', { class: 'notice-box' }, failure(res)));
  const rows = res.body.rows || [];
  if (!rows.length) return show(body, h('p', { class: 'muted' }, t('no_rows')));
  const labels = rows.map((r) => pick(r.label) || r.key);
  const charts = [];
  const echarts = await loadCharts();
  const counts = h('div', { class: 'chart', id: 'chart-counts' });
  const waits = h('div', { class: 'chart', id: 'chart-waits' });
  show(body,
    echarts ? h('div', { class: 'charts' }, counts, waits) : h('p', { class: 'notice-box info' }, t('no_charts')),
    h('div', { class: 'table-wrap' }, table(
      [t(`by_${by}`), ...['tickets', 'served', 'no_show', 'average_wait', 'max_wait', 'average_service']
        .map((k) => ({ text: t(k), num: true }))],
      rows.map((r, i) => h('tr', {}, h('td', {}, labels[i]),
        ['tickets', 'served', 'no_show', 'average_wait_min', 'max_wait_min', 'average_service_min']
          .map((k) => h('td', { class: 'num' }, r[k] ?? '—')))))));
  if (echarts) {
    charts.push(chart(echarts, counts, `${t('tickets')} / ${t('served')} / ${t('no_show')}`, labels,
      [[t('tickets'), rows.map((r) => r.tickets)], [t('served'), rows.map((r) => r.served)],
       [t('no_show'), rows.map((r) => r.no_show)]]));
    charts.push(chart(echarts, waits, t('waits_chart'), labels,
      [[t('average_wait'), rows.map((r) => r.average_wait_min), 'line'],
       [t('average_service'), rows.map((r) => r.average_service_min), 'line']]));
  }
  const resize = () => charts.forEach((c) => c.resize());
  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', resize);
  return () => {
    window.removeEventListener('resize', resize);
    window.removeEventListener('beforeprint', resize);
    charts.forEach((c) => c.dispose());
  };
}
