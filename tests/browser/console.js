// Drives Debian's chromium (headless, 1366×768) through the office console /office/ for
// console_test.cpp. One argument, JSON:
//   {"hub","out","kiosk","admin","session","office":{"login","password"},"unit":{"login","password"},
//    "material":{"zh","en"}}
// `session` is a staff session at window 1 (it calls numbers). Prints one JSON line with what
// the console did and showed; exits 1 with the reason on stderr when a page does not do what
// is waited for within its time.
'use strict';
const { randomUUID } = require('crypto');
const path = require('path');

const config = JSON.parse(process.argv[2]);
const kPages = ['hall', 'services', 'services/A', 'windows', 'cases', 'staff', 'roster', 'attendance', 'leave',
                'worklog', 'quality', 'scorecard', 'notices', 'figures', 'devices', 'audit', 'accounts'];
const { kDesk, kTablet, kWait, hub, open, signIn, visit, shot, setLang, dropRefusal, launch } =
  require('./office_tools')(config);

async function main() {
  const browser = await launch();
  const result = { screenshots: [] };
  const errors = [];        // on the office account's pages: none expected
  const unitErrors = [];    // the unit account's: refusals log their 403s
  try {
    const { page } = await open(browser, kDesk, errors);

    // Signed out, /office/ is the sign-in page, in both languages.
    await page.goto(`${config.hub}/office/`);
    await page.waitForSelector('#login');
    result.screenshots.push(await shot(page, 'login-zh', false));
    await page.click('#lang');
    result.login_en_button = (await page.textContent('button[type=submit]')).trim();
    result.screenshots.push(await shot(page, 'login-en', false));
    await page.click('#lang');
    const refused = errors.length;
    await page.fill('input[name=login]', config.office.login);
    await page.fill('input[name=password]', 'wrong-password');
    await page.click('button[type=submit]');
    await page.waitForFunction(() => document.getElementById('error').textContent !== '', null, { timeout: kWait });
    result.wrong_password = await page.textContent('#error');
    dropRefusal(errors, refused, 401);
    await signIn(page, config.office);
    result.signed_in_as = await page.textContent('#who');

    // The live hall shows a call at window 1 without a reload.
    await visit(page, 'hall');
    await page.evaluate(() => { window.__stayed = true; });
    const issued = await hub('POST', '/api/v1/tickets', config.kiosk,
                             { service: 'A', priority: false, request_id: randomUUID() });
    if (issued.status !== 201) throw new Error(`issue answered ${issued.status}`);
    const started = Date.now();
    const called = await hub('POST', '/api/v1/windows/1/call-next', config.session);
    if (called.status !== 200) throw new Error(`call-next answered ${called.status}`);
    await page.waitForFunction((n) => document.querySelector('[data-window="1"] .current')?.textContent === n,
                               called.body.ticket.number, { timeout: kWait });
    result.call = { number: called.body.ticket.number, shown_ms: Date.now() - started,
                    reloaded: !(await page.evaluate(() => window.__stayed === true)) };

    // The closing round (第三十九条) given at window 1's counter shows on the live hall: the
    // check not done and the note.
    const closed = await hub('POST', '/api/v1/hall/closings', config.session,
                             { doors_windows: true, lights: true, air_conditioning: false, other_power: true,
                               note: '空调遥控器没电' });
    if (closed.status !== 201) throw new Error(`the closing round answered ${closed.status}`);
    await page.waitForSelector('#closing[data-status=incomplete]', { timeout: kWait });
    result.closing = { box: await page.textContent('#closing'),
                       alert: await page.textContent('.alerts li.closing_incomplete') };

    // The service guide: a new material for service A, seen at once by kiosks.
    await visit(page, 'services/A');
    await page.click('[data-rows=materials] + button');
    await page.fill('[data-rows=materials] .row:last-child [data-lang=zh]', config.material.zh);
    await page.fill('[data-rows=materials] .row:last-child [data-lang=en]', config.material.en);
    await page.click('#service-form button[type=submit]');
    await page.waitForSelector('#message.ok, #message.notice-box', { timeout: kWait });
    result.service_saved = await page.textContent('#message');
    await page.waitForSelector('#versions [data-version]', { timeout: kWait }).catch(() => {});
    result.versions_shown = await page.$$eval('#versions [data-version]', (l) => l.length);
    const services = await hub('GET', '/api/v1/services', config.kiosk);
    result.kiosk_materials = services.body.services.find((s) => s.code === 'A').materials;

    // A device: its token shown once, as text and QR; it works until revoked.
    await visit(page, 'devices');
    await page.fill('#new-device input[name=name]', '测试脚本');
    await page.selectOption('#new-device select[name=role]', 'admin');
    await page.click('#new-device button[type=submit]');
    await page.waitForSelector('#token', { timeout: kWait });
    const token = (await page.textContent('#token')).trim();
    result.token_length = token.length;
    result.qr_file = path.join(config.out, 'console-device-token-qr.png');
    await page.locator('#token-qr').screenshot({ path: result.qr_file });
    result.screenshots.push(await shot(page, 'devices-created-zh'));
    result.token_before_revoke = (await hub('GET', '/api/v1/devices', token)).status;
    await page.click('tr[data-name="测试脚本"] button.revoke');
    await page.waitForSelector('tr.off[data-name="测试脚本"]', { timeout: kWait });
    result.token_after_revoke = (await hub('GET', '/api/v1/devices', token)).status;

    // Window 2 closes on Friday afternoons from tomorrow: a plan the hub keeps, scheduled.
    await visit(page, 'windows');
    await page.click('tr[data-window="2"] button:not(.danger)');
    await page.fill('#window-form input[name=hours_fri]', '08:30-11:30');
    await page.click('#window-form button[type=submit]');
    await page.waitForSelector('#window-edit .notice-box.ok', { timeout: kWait });
    result.window_plan = (await hub('GET', '/api/v1/office/windows', config.admin)).body.plans
      .map((p) => ({ window: p.window, in_effect: p.in_effect, fri: p.plan?.hours?.fri }));
    // The ok message shows before the list has reloaded: wait for the plan's row.
    await page.waitForSelector('#windows-list tr[data-plan]', { timeout: kWait }).catch(() => {});
    result.window_plan_shown = await page.$$eval('#windows-list tr[data-plan]', (l) => l.length);

    // Figures drill down: per unit → that unit's staff → one person's days.
    await visit(page, 'figures/by=unit');
    await page.click('#figures tr[data-key="JWC"] a');
    await page.waitForFunction(() => location.hash.includes('unit=JWC') && document.body.dataset.ready === 'yes', null, { timeout: kWait });
    result.unit_staff_rows = await page.$$eval('#figures tbody tr', (l) => l.map((r) => r.dataset.key));
    await page.click('#figures tbody tr a');
    await page.waitForFunction(() => location.hash.includes('staff=') && document.body.dataset.ready === 'yes', null, { timeout: kWait });
    result.person_filter = await page.textContent('#staff-filter');

    // A change sent with the cookie but without X-CSRF-Token is refused.
    const before = errors.length;
    result.csrf = await page.evaluate(async () => {
      const r = await fetch('/api/v1/devices', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                                 body: JSON.stringify({ role: 'kiosk', name: 'csrf' }) });
      return { status: r.status, code: (await r.json()).error.code };
    });
    dropRefusal(errors, before, 403);

    // Every page in both languages: a screenshot each, no errors, nothing left loading.
    result.pages = {};
    for (const lang of ['zh', 'en']) {
      await setLang(page, lang);
      await page.reload();
      await page.waitForSelector('#nav a');
      for (const p of kPages) {
        await visit(page, p);
        const name = p.replace('/', '-');
        result.screenshots.push(await shot(page, `${name}-${lang}`));
        result.pages[`${name}-${lang}`] = {
          heading: await page.textContent('#page h1'),
          failed: await page.$$eval('#page .notice-box:not(.ok):not(.info)', (l) => l.map((e) => e.textContent)),
        };
      }
      // A4 print of the figures.
      await visit(page, 'figures');
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: 794, height: 1123 });
      result.screenshots.push(await shot(page, `figures-print-${lang}`));
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize(kDesk);
    }
    result.errors = errors;

    // A tablet, upright.
    const tablet = await open(browser, kTablet, errors);
    await signIn(tablet.page, config.office);
    for (const p of ['hall', 'services/A']) {
      await visit(tablet.page, p);
      result.screenshots.push(await shot(tablet.page, `tablet-${p.replace('/', '-')}-zh`));
    }
    await tablet.context.close();

    // A unit account (JWC) is refused another unit's service and the office's pages.
    const unit = await open(browser, kDesk, unitErrors);
    await signIn(unit.page, config.unit);
    result.unit_nav = await unit.page.$$eval('#nav a', (l) => l.map((a) => a.getAttribute('href')));
    await visit(unit.page, 'services/B');
    result.screenshots.push(await shot(unit.page, 'unit-other-service-zh'));
    result.unit_other_service = {
      note: await unit.page.textContent('#page .notice-box.info'),
      save_buttons: await unit.page.$$eval('#service-form button[type=submit]', (l) => l.length),
    };
    result.unit_put_other = await unit.page.evaluate(async () => {
      const me = await (await fetch('/api/v1/me')).json();
      const r = await fetch('/api/v1/services/B', {
        method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf },
        body: JSON.stringify({ materials: [{ zh: '越权', en: 'Not mine' }] }) });
      return r.status;
    });
    await visit(unit.page, 'devices');
    result.unit_devices = await unit.page.textContent('#page .notice-box');
    result.unit_devices_forms = await unit.page.$$eval('#page form', (l) => l.length);
    result.screenshots.push(await shot(unit.page, 'unit-refused-zh'));
    result.unit_page_errors = unitErrors.filter((e) => !e.includes('Failed to load resource'));
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(result));
}

main().catch((e) => {
  console.error(`console.js: ${e.stack || e}`);
  process.exit(1);
});
