// The console's shell: who is signed in, the pages that role may open, the language switch,
// and a hash router (#hall, #services/A, …) that loads each page's module on demand.
import { api, failure, setCsrf } from './api.js';
import { h, show } from './dom.js';
import { t, translateStatic } from './i18n.js';
import { startShell } from './shell.js';

// Page name → the roles whose nav shows it. The hub decides what each role may do; the nav
// only leaves out pages a role would be refused.
const kPages = [
  ['hall', ['office', 'unit', 'viewer']],
  ['services', ['office', 'unit', 'viewer']],
  ['windows', ['office', 'unit', 'viewer']],
  ['cases', ['office', 'unit', 'viewer']],
  ['staff', ['office', 'unit', 'viewer']],
  ['roster', ['office', 'unit', 'viewer']],
  ['attendance', ['office', 'unit', 'viewer']],
  ['leave', ['office', 'unit', 'viewer']],
  ['worklog', ['office', 'unit', 'viewer']],
  ['quality', ['office', 'unit', 'viewer']],
  ['scorecard', ['office', 'unit', 'viewer']],
  ['notices', ['office', 'viewer']],
  ['figures', ['office', 'unit', 'viewer']],
  ['assets', ['office', 'unit', 'viewer']],
  ['devices', ['office']],
  ['audit', ['office', 'viewer']],
  ['accounts', ['office']],
];

const root = document.getElementById('page');
let me = null;
let leave = null;  // the current page's clean-up (closes its event stream, timers)
let shown = 0;     // counts routings, so a page that finishes loading after the next one began
                   // cleans up instead of staying live behind it

function nav() {
  const current = location.hash.slice(1).split('/')[0] || 'hall';
  show(document.getElementById('nav'), kPages
    .filter(([, roles]) => roles.includes(me.role))
    .map(([name]) => h('a', { href: `#${name}`, class: name === current ? 'current' : null,
                             'aria-current': name === current ? 'page' : null }, t(`nav_${name}`))));
  const unit = me.unit ? ` · ${me.unit}` : '';
  document.getElementById('who').textContent = `${me.name}（${t(`role_${me.role}`)}${unit}）`;
}

async function route() {
  if (leave) leave();
  leave = null;
  const [name, ...params] = location.hash.slice(1).split('/').map(decodeURIComponent);
  const page = name || 'hall';
  nav();
  // data-ready tells a test (or a person's script) that the page has its answer.
  document.body.dataset.page = page;
  delete document.body.dataset.ready;
  if (!kPages.some(([p]) => p === page)) {
    show(root, h('p', { class: 'error' }, t('no_page')));
    return;
  }
  // Each routing draws into a box of its own, so a page still loading when the next one
  // began finishes into a box no longer shown instead of over the newer page.
  const box = h('div', {}, h('p', { class: 'muted' }, t('loading')));
  show(root, box);
  const seq = ++shown;
  const module = await import(`./pages/${page}.js`);
  const done = await module.render(box, { me, params, rerender: route });
  if (seq === shown) {
    leave = done || null;
    document.body.dataset.ready = 'yes';
  } else if (done) {
    done();
  }
}

async function start() {
  translateStatic();
  const res = await api('GET', '/api/v1/me');
  if (res.status === 401) return location.reload();  // signed out meanwhile: the sign-in page
  if (res.status !== 200) {
    show(root, h('p', { class: 'error' }, failure(res)));
    return;
  }
  me = res.body.account;
  setCsrf(res.body.csrf);
  startShell(route);
}

start();
