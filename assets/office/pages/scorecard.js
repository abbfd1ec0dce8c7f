// The monthly scorecards (考核, 第十八条; GET /api/v1/reports/scorecard): each window and person
// from the sheet's base points, less each deduction, plus bonuses up to the cap — a row opens
// every point with the record it comes from. The month's picks (红旗窗口, 服务之星), charts of
// the year's trend and of the units this month, the year's roll-up for the year-end review,
// Excel and CSV of both, and an A4 print. A unit's lead sees their own windows and staff.
import { api, failure, hallToday, unitNames } from '../api.js';
import { chart, keepSized, loadCharts } from '../charts.js';
import { h, show, table } from '../dom.js';
import { pick, t } from '../i18n.js';

const kSections = ['discipline', 'service', 'extra'];
const fixed = (v) => (Math.round(v * 100) / 100).toString();
const mean = (list) => (list.length ? Math.round((list.reduce((a, b) => a + b, 0) / list.length) * 100) / 100 : null);

// One table of scores; a row's click shows its lines under it.
function scores(rows, kind, units) {
  const honour = kind === 'windows' ? t('red_flag') : t('service_star');
  const body = rows.map((r) => {
    const lines = [...r.deductions, ...r.bonuses];
    const detail = h('tr', { class: 'detail', hidden: true, dataset: { detail: r.number } },
      h('td', { colspan: 9 }, lines.length
        ? h('ul', {}, lines.map((l) => h('li', {}, `${t(`rule_${l.rule}`)} ${l.points > 0 ? '+' : ''}${fixed(l.points)}　`,
          h('code', {}, l.ref))))
        : t('score_clean')));
    const row = h('tr', { dataset: { score: r.number }, class: 'clickable', title: t('score_open'),
      onclick: () => { detail.hidden = !detail.hidden; } },
      h('td', { class: 'num' }, r.rank),
      h('td', {}, kind === 'windows' ? t('window_n', { n: r.number }) : `${r.name}（${r.number}）`),
      h('td', {}, r.unit ? `${r.unit} ${pick(units.get(r.unit)) || ''}` : '—'),
      kSections.map((s) => h('td', { class: 'num' }, fixed(r.sections[s]))),
      h('td', { class: 'num' }, h('strong', {}, fixed(r.points))),
      h('td', {}, r.honoured ? h('span', { class: 'badge open' }, honour) : ''),
      h('td', { class: 'num' }, lines.length));
    return [row, detail];
  }).flat();
  return h('div', { class: 'table-wrap' }, table(
    [{ text: t('rank'), num: true }, t(kind === 'windows' ? 'window' : 'staff_member'), t('unit'),
     ...kSections.map((s) => ({ text: t(`section_${s}`), num: true })), { text: t('points'), num: true },
     t('honour'), { text: t('score_lines'), num: true }], body, t('no_rows')));
}

export async function render(root, { params }) {
  const today = await hallToday();
  const month = new URLSearchParams(params[0] || '').get('date') || today.slice(0, 7);
  const year = month.slice(0, 4);
  const path = `/api/v1/reports/scorecard?date=${month}`;
  const yearPath = `/api/v1/reports/scorecard?date=${year}`;
  const [res, yearRes, units, echarts] = await Promise.all([api('GET', path), api('GET', yearPath), unitNames(), loadCharts()]);
  const picker = h('input', { type: 'month', name: 'date', value: month, max: today.slice(0, 7) });
  picker.addEventListener('change', () => { if (picker.value) location.hash = `#scorecard/date=${picker.value}`; });
  const head = h('div', { class: 'toolbar no-print' }, h('label', {}, t('month'), picker), h('span', { class: 'grow' }),
    h('a', { href: `${path}&format=xlsx`, download: '', id: 'scorecard-xlsx' }, t('export_xlsx')),
    h('a', { href: `${path}&format=csv`, download: '', id: 'scorecard-csv' }, t('export_csv')),
    h('button', { type: 'button', onclick: () => window.print() }, t('print')));
  if (res.status !== 200) return show(root, h('h1', {}, t('nav_scorecard')), head, h('p', { class: 'notice-box' }, failure(res)));
  const sc = res.body;

  // The year's trend per unit (the mean of its windows each month) and this month's units.
  const trend = h('div', { class: 'chart', id: 'chart-trend' });
  const spread = h('div', { class: 'chart', id: 'chart-units' });
  const charts = [];
  const unitCodes = [...new Set(sc.windows.map((w) => w.unit).filter(Boolean))].sort();
  const unitLabel = (u) => pick(units.get(u)) || u;
  let yearBox = null;
  if (yearRes.status === 200) {
    const y = yearRes.body;
    yearBox = h('section', { id: 'scorecard-year' },
      h('div', { class: 'section-head' }, h('h2', {}, t('score_year', { year })), h('span', { class: 'grow' }),
        h('a', { href: `${yearPath}&format=xlsx`, download: '', id: 'scorecard-year-xlsx', class: 'no-print' }, t('export_xlsx'))),
      ['windows', 'staff'].map((kind) => h('div', { class: 'table-wrap' }, table(
        [{ text: t('rank'), num: true }, t(kind === 'windows' ? 'window' : 'staff_member'),
         ...y.months.map((m) => ({ text: m.slice(5), num: true })), { text: t('average'), num: true }],
        y[kind].map((r) => h('tr', { dataset: { year: r.number } }, h('td', { class: 'num' }, r.rank),
          h('td', {}, kind === 'windows' ? t('window_n', { n: r.number }) : `${r.name}（${r.number}）`),
          y.months.map((m) => h('td', { class: 'num' }, r.months[m] === undefined ? '—' : fixed(r.months[m]))),
          h('td', { class: 'num' }, h('strong', {}, fixed(r.average))))), t('no_rows')))));
  }
  show(root, h('h1', {}, t('nav_scorecard')),
    h('p', { class: 'muted' }, t('scorecard_hint', { base: sc.base, cap: sc.bonus_cap })), head,
    h('p', { class: 'print-only' }, t('score_month', { month })),
    echarts ? h('div', { class: 'charts' }, trend, spread) : h('p', { class: 'notice-box info' }, t('no_charts')),
    h('h2', {}, t('score_windows', { month })), scores(sc.windows, 'windows', units),
    h('h2', {}, t('score_staff', { month })), scores(sc.staff, 'staff', units),
    yearBox);
  if (echarts && yearRes.status === 200) {
    const y = yearRes.body;
    charts.push(chart(echarts, trend, t('score_trend', { year }), y.months.map((m) => m.slice(5)),
      unitCodes.map((u) => [unitLabel(u), y.months.map((m) => mean(y.windows.filter((w) => w.unit === u && w.months[m] !== undefined)
        .map((w) => w.months[m]))), 'line'])));
  }
  if (echarts) {
    charts.push(chart(echarts, spread, t('score_units', { month }), unitCodes.map(unitLabel),
      [[t('window'), unitCodes.map((u) => mean(sc.windows.filter((w) => w.unit === u).map((w) => w.points)))],
       [t('staff_member'), unitCodes.map((u) => mean(sc.staff.filter((s) => s.unit === u).map((s) => s.points)))]]));
  }
  return keepSized(charts);
}
