// Figures: tickets, waits and service times by day, unit, service, window or staff over a
// span of dates (GET /api/v1/reports/figures), narrowed to one unit or one person: a unit's
// row opens its staff, a person's row their days. As charts (Apache ECharts, served by the hub from npm)
// and a table, with CSV and Excel exports and an A4 print.
import { api, failure, hallToday, unitNames } from '../api.js';
import { formData, h, show, table } from '../dom.js';
import { chart, keepSized, loadCharts } from '../charts.js';
import { pick, t } from '../i18n.js';

const kBy = ['day', 'unit', 'service', 'window', 'staff'];

// Where a row leads: a unit to its staff, a person to their days.
const kDrill = { unit: (key) => ({ by: 'staff', unit: key }), staff: (key) => ({ by: 'day', staff: key }) };

const percent = (rate) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`);

// The cases of the same period (GET /api/v1/reports/cases): per unit by mode, the on-time and
// 补正 rates, the overdue ones; a chosen unit's row only.
async function caseFigures(box, from, to, unit, units) {
  const path = `/api/v1/reports/cases?${new URLSearchParams({ from, to })}`;
  const res = await api('GET', path);
  const head = h('div', { class: 'section-head' }, h('h2', {}, t('case_figures')), h('span', { class: 'grow' }),
    h('a', { href: `${path}&format=csv`, download: '', id: 'cases-csv' }, t('export_csv')),
    h('a', { href: `${path}&format=xlsx`, download: '', id: 'cases-xlsx' }, t('export_xlsx')));
  if (res.status !== 200) return show(box, head, h('p', { class: 'notice-box' }, failure(res)));
  const rows = unit ? res.body.units.filter((u) => u.unit === unit) : [...res.body.units, res.body.total];
  show(box, head, h('div', { class: 'table-wrap' }, table(
    [t('unit'), ...['case_count', 'case_mode_instant', 'case_mode_deadline', 'case_mode_supplement', 'case_mode_return',
                    'case_completed_promised', 'case_on_time', 'case_on_time_rate', 'case_supplement_rate', 'case_due_overdue']
      .map((k) => ({ text: t(k), num: true }))],
    rows.map((r) => h('tr', { dataset: { unit: r.unit || 'total' }, class: r.unit ? null : 'total' },
      h('td', {}, r.unit ? `${r.unit} ${pick(units.get(r.unit)) || ''}` : t('total')),
      [r.cases, r.modes.instant, r.modes.deadline, r.modes.supplement, r.modes.return, r.completed, r.on_time,
       percent(r.on_time_rate), percent(r.supplement_rate), r.overdue].map((v) => h('td', { class: 'num' }, v)))),
    t('no_rows'))));
}

export async function render(root, { me, params }) {
  const query = new URLSearchParams(params[0] || '');
  const today = query.get('from') && query.get('to') ? '' : await hallToday();
  const from = query.get('from') || `${today.slice(0, 8)}01`;  // this month
  const to = query.get('to') || today;
  const by = kBy.includes(query.get('by')) ? query.get('by') : 'day';
  const unit = query.get('unit') || '';
  const staff = query.get('staff') || '';
  const units = await unitNames();
  const asked = new URLSearchParams({ from, to, by });
  if (unit) asked.set('unit', unit);
  if (staff) asked.set('staff', staff);
  const path = `/api/v1/reports/figures?${asked}`;

  const form = h('form', { class: 'toolbar', id: 'figures-form' },
    h('label', {}, t('from'), h('input', { name: 'from', type: 'date', value: from, required: true })),
    h('label', {}, t('to'), h('input', { name: 'to', type: 'date', value: to, required: true })),
    h('label', {}, t('by'), h('select', { name: 'by' }, kBy.map((b) => h('option', { value: b, selected: b === by }, t(`by_${b}`))))),
    // A unit's lead reads only their own unit: no choice to offer.
    me.role !== 'unit' && h('label', {}, t('unit'), h('select', { name: 'unit' },
      h('option', { value: '' }, t('all_units')),
      [...units].map(([code, name]) => h('option', { value: code, selected: code === unit }, `${code} ${pick(name)}`)))),
    staff && h('span', { class: 'chip', id: 'staff-filter' }, t('staff_only', { staff }),
      h('button', { type: 'button', 'aria-label': t('clear'), onclick: () => {
        asked.delete('staff');
        location.hash = `figures/${asked}`;
      } }, '×')),
    h('button', { type: 'submit', class: 'primary' }, t('show')),
    h('span', { class: 'grow' }),
    h('a', { href: `${path}&format=csv`, download: '', id: 'csv' }, t('export_csv')),
    h('a', { href: `${path}&format=xlsx`, download: '', id: 'xlsx' }, t('export_xlsx')),
    h('button', { type: 'button', onclick: () => window.print() }, t('print')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = formData(form);
    const next = new URLSearchParams({ from: f.from, to: f.to, by: f.by });
    if (f.unit) next.set('unit', f.unit);
    if (staff) next.set('staff', staff);
    location.hash = `figures/${next}`;
  });
  const body = h('section', { id: 'figures' });
  const caseBox = h('section', { id: 'case-figures' });
  show(root, h('h1', {}, t('nav_figures')), form,
    h('p', { class: 'print-only' }, t('figures_title', { from, to, by: t(`by_${by}`) }),
      unit && ` · ${unit} ${pick(units.get(unit)) || ''}`, staff && ` · ${t('staff_only', { staff })}`), body,
    !staff && caseBox);
  if (!staff) await caseFigures(caseBox, from, to, unit, units);

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
      rows.map((r, i) => h('tr', { dataset: { key: r.key } },
        h('td', {}, kDrill[by] ? h('a', { href: `#figures/${new URLSearchParams({ from, to, ...kDrill[by](r.key) })}`, title: t(`drill_${by}`) },
                                   by === 'staff' ? `${labels[i]}（${r.key}）` : labels[i])
                               : labels[i]),
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
  return keepSized(charts);
}
