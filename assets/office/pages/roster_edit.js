// Editing a window's roster for a term (第十四、十五、二十九条): the weekly pattern over a
// cycle of weeks (fixed staff: one week; rotating shifts: one slot a week of the cycle),
// exceptions by date and vacation duty, saved as a draft; the office publishes it before
// the term begins, and once it has begun a change goes through a request with a reason that
// the office approves or refuses (第十五条). A unit's lead drafts and asks for its windows.
// Import takes the export's CSV or .xlsx back.
import { api, failure, upload } from '../api.js';
import { formData, h, show, table } from '../dom.js';
import { pick, t, when } from '../i18n.js';

const kDays = ['day_mon', 'day_tue', 'day_wed', 'day_thu', 'day_fri', 'day_sat', 'day_sun'];

// "2026-10-09 pm S003 S004" lines ⇄ [{date, half, staff}] (one slot per staff member; a
// line with no staff: nobody that half day).
function linesOf(slots) {
  const byKey = new Map();
  for (const s of slots) {
    const key = `${s.date} ${s.half}`;
    byKey.set(key, [...(byKey.get(key) || []), s.staff].filter(Boolean));
  }
  return [...byKey].map(([key, staff]) => `${key} ${staff.join(' ')}`.trim()).join('\n');
}

function slotsOf(text, field) {
  const out = [];
  for (const [n, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const [date, half, ...staff] = line.split(/\s+/);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date || '') || !['am', 'pm'].includes(half))
      throw new Error(t('roster_line_bad', { field, n: n + 1 }));
    if (!staff.length) out.push({ date, half, staff: '' });
    for (const s of staff) out.push({ date, half, staff: s });
  }
  return out;
}

export async function editor(box, { me, terms, onChange }) {
  const office = me.role === 'office';
  const res = await api('GET', '/api/v1/office/windows');
  if (res.status !== 200) return show(box, h('p', { class: 'notice-box' }, failure(res)));
  const windows = res.body.windows.filter((w) => office || w.unit === me.unit);
  const message = h('p', { class: 'error', role: 'alert' });
  // What an action did: a refusal in red, a success plainly.
  const say = (text, ok) => { message.textContent = text; message.className = ok ? 'said' : 'error'; };
  const term = h('select', { name: 'term' }, terms.map((x) => h('option', { value: x.id }, x.name)));
  const windowPick = h('select', { name: 'window' }, windows.map((w) => h('option', { value: w.number }, `${w.number} ${pick(w.name)}`)));
  const body = h('div', { id: 'roster-body' });
  const file = h('input', { type: 'file', accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });

  async function load() {
    const got = await api('GET', `/api/v1/rosters/${term.value}/${windowPick.value}`);
    if (got.status !== 200) return show(body, h('p', { class: 'notice-box' }, failure(got)));
    // The newest published version; the draft only when made after it (publishing copies it).
    const published = got.body.published.reduce((a, v) => (!a || v.id > a.id ? v : a), null);
    const draft = got.body.draft && (!published || got.body.draft.id > published.id) ? got.body.draft : null;
    const current = draft || published;
    const roster = current?.roster || { cycle_weeks: 1, pattern: [], exceptions: [], duty: [] };
    const cycle = h('input', { type: 'number', name: 'cycle_weeks', min: 1, max: 8, value: roster.cycle_weeks || 1 });
    const grid = h('div', { class: 'roster-grid' });
    const cells = new Map();  // "week/weekday/half" → input
    const draw = () => {
      const weeks = Math.min(8, Math.max(1, Number(cycle.value) || 1));
      const kept = new Map([...cells].map(([k, el]) => [k, el.value]));
      cells.clear();
      show(grid, [...Array(weeks).keys()].map((w) => h('div', { class: 'table-wrap' }, table(
        [weeks > 1 ? t('cycle_week', { n: w + 1 }) : t('weekday'), t('half_am'), t('half_pm')],
        kDays.map((day, d) => h('tr', {}, h('th', {}, t(day)), ['am', 'pm'].map((half) => {
          const key = `${w + 1}/${d + 1}/${half}`;
          const start = roster.pattern.filter((p) => (p.week || 1) === w + 1 && p.weekday === d + 1 && p.half === half)
            .map((p) => p.staff).join(' ');
          const input = h('input', { name: key, value: kept.get(key) ?? start, maxlength: 80, placeholder: '—', 'aria-label': `${t(day)} ${t(`half_${half}`)}` });
          cells.set(key, input);
          return h('td', {}, input);
        })))))));
    };
    cycle.addEventListener('change', draw);
    draw();
    const exceptions = h('textarea', { name: 'exceptions', rows: 3, placeholder: '2026-10-09 pm S003' }, linesOf(roster.exceptions || []));
    const duty = h('textarea', { name: 'duty', rows: 3, placeholder: '2027-01-25 am S010' }, linesOf(roster.duty || []));

    const collect = () => {
      const pattern = [];
      for (const [key, input] of cells) {
        const [week, weekday, half] = key.split('/');
        for (const staff of input.value.trim().split(/\s+/).filter(Boolean))
          pattern.push({ week: Number(week), weekday: Number(weekday), half, staff });
      }
      return { cycle_weeks: Number(cycle.value) || 1, pattern,
               exceptions: slotsOf(exceptions.value, t('roster_exceptions')), duty: slotsOf(duty.value, t('roster_duty')) };
    };
    const save = async () => {
      let roster;
      try { roster = collect(); } catch (e) { say(e.message, false); return false; }
      const r = await api('PUT', `/api/v1/rosters/${term.value}/${windowPick.value}`, roster);
      say(r.status === 200 ? '' : failure(r), r.status === 200);
      return r.status === 200;
    };
    const saveButton = h('button', { type: 'button', class: 'primary', onclick: async () => { if (await save()) await load(); } }, t('save_draft'));
    const publish = office && h('button', { type: 'button', onclick: async () => {
      const r = await api('POST', `/api/v1/rosters/${term.value}/${windowPick.value}/publish`);
      say(r.status === 200 ? t('roster_published')
        : r.body?.error?.code === 'change_request_needed' ? t('roster_needs_change') : failure(r), r.status === 200);
      await load();
      onChange();
    } }, t('publish'));
    const changeForm = published && h('form', { class: 'panel', id: 'roster-change' },
      h('h3', {}, t('ask_roster_change')),
      h('div', { class: 'edit-grid' },
        h('label', {}, t('effective_from'), h('input', { type: 'date', name: 'effective', required: true })),
        h('label', {}, t('reason'), h('input', { name: 'reason', required: true, maxlength: 200 }))),
      h('button', { type: 'submit' }, t('ask_change')));
    if (changeForm) changeForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const f = formData(changeForm);
      const r = await api('POST', '/api/v1/roster-changes',
                          { term: Number(term.value), window: Number(windowPick.value), effective: f.effective, reason: f.reason });
      say(r.status === 201 ? t('change_asked') : failure(r), r.status === 201);
      if (r.status === 201) changeForm.reset();
      onChange();
    });
    show(body,
      h('p', { class: 'muted' }, draft ? t('roster_draft_of', { at: when(draft.at), who: draft.who }) : '',
        published ? ` ${t('roster_published_from', { from: published.effective, at: when(published.at) })}` : ` ${t('roster_unpublished')}`),
      h('label', { class: 'inline' }, t('cycle_weeks'), cycle), grid,
      h('div', { class: 'edit-grid' }, h('label', {}, t('roster_exceptions'), exceptions), h('label', {}, t('roster_duty'), duty)),
      h('p', { class: 'muted' }, t('roster_edit_hint')),
      h('p', {}, saveButton, ' ', publish), changeForm);
  }

  const importButton = h('button', { type: 'button', onclick: async () => {
    if (!file.files[0]) return say(t('choose_file'), false);
    const r = await upload(`/api/v1/rosters/${term.value}/import`, file.files[0]);
    say(r.status === 200 ? t('roster_imported', { n: r.body.rosters.length }) : failure(r), r.status === 200);
    await load();
  } }, t('import'));
  const pickAnother = () => { say('', true); return load(); };
  term.addEventListener('change', pickAnother);
  windowPick.addEventListener('change', pickAnother);
  show(box, h('h2', {}, t('edit_roster')),
    h('div', { class: 'panel no-print' }, h('div', { class: 'edit-grid' }, h('label', {}, t('term'), term), h('label', {}, t('window'), windowPick),
      h('label', {}, t('import_roster'), file)), importButton), message, body);
  if (terms.length && windows.length) await load();
  else show(body, h('p', { class: 'muted' }, t('roster_needs_term')));
}

// The mid-term change requests (第十五条): the office approves or refuses each, with a reason.
export async function changes(box, { me, onChange }) {
  const res = await api('GET', '/api/v1/roster-changes');
  if (res.status !== 200) return show(box, h('p', { class: 'notice-box' }, failure(res)));
  const message = h('p', { class: 'error', role: 'alert' });
  const decide = (c, verb, cls) => h('button', { type: 'button', class: cls, onclick: async () => {
    const reason = verb === 'refuse' ? prompt(t('refuse_reason')) : '';
    if (reason === null) return;
    const r = await api('POST', `/api/v1/roster-changes/${c.id}/${verb}`, reason ? { reason } : {});
    message.textContent = r.status === 200 ? '' : failure(r);
    await changes(box, { me, onChange });
    onChange();
  } }, t(verb));
  show(box, h('h2', {}, t('roster_changes')), message, h('div', { class: 'table-wrap' }, table(
    [t('window'), t('effective_from'), t('reason'), t('status'), t('asked_at'), ''],
    res.body.changes.map((c) => h('tr', { dataset: { change: c.id } },
      h('td', {}, c.window), h('td', {}, c.effective), h('td', {}, c.reason),
      h('td', {}, t(`status_${c.status}`), c.note ? h('div', { class: 'muted' }, c.note) : null), h('td', {}, when(c.asked_at)),
      h('td', {}, me.role === 'office' && c.status === 'pending' && [decide(c, 'approve', 'primary'), ' ', decide(c, 'refuse', 'danger')]))))));
}
