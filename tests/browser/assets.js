// Drives Debian's chromium through the console's 资产 page for assets_test.cpp: the register,
// an asset's page with its labels, a requisition approved (its slip linked) and a change
// request, and a stock-take — the office opens it, a USB scanner (typed
// keys and Enter into the scan field) records a tag where it belongs, a label's whole address
// at another window, and a tag the register lacks; a staff member scans one more on the phone
// page; the result shows found, missing, found elsewhere and unknown; the office closes it.
// Both languages, the nav on one line at 1366 px. One argument, JSON: {"hub","out","admin",
// "office":{"login","password"},"staff":{"number","pin"}}. Prints one JSON line.
'use strict';
const config = JSON.parse(process.argv[2]);
const { kDesk, kWait, hub, open, signIn, visit, shot, setLang, dropRefusal, launch } = require('./office_tools')(config);
const kPhone = { width: 390, height: 844 };

const navOneLine = (page) => page.$$eval('#nav a', (l) => new Set(l.map((a) => a.offsetTop)).size === 1);
const listed = (page, key) => page.$$eval(`#stocktake-result [data-list=${key}] strong`, (l) => l.map((x) => x.textContent));

// What a USB scanner does: types the label's content into the focused field, then Enter.
async function scanner(page, text) {
  await page.focus('#scan-form input[name=tag]');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.waitForFunction((t) => document.querySelector('.scan-last')?.textContent.includes(t.split('/').pop()),
                             text, { timeout: kWait });
  return page.textContent('.scan-last');
}

async function main() {
  const browser = await launch();
  const result = { screenshots: [], lang: {} };
  const errors = [];
  process.on('exit', (code) => { if (code) process.stderr.write(`page errors: ${JSON.stringify(errors)}\n`); });
  try {
    const office = (await open(browser, kDesk, errors)).page;
    await signIn(office, config.office);
    await visit(office, 'assets');
    await office.waitForSelector('#asset-list tr[data-tag]', { timeout: kWait });
    result.register = await office.$$eval('#asset-list tr[data-tag]', (l) => l.map((r) => r.dataset.tag));

    // The requisition and the change request staff sent; the office approves the requisition.
    await office.waitForSelector('#requisitions tr[data-request]', { timeout: kWait });
    result.requisition = await office.textContent('#requisitions tr[data-request]');
    result.change = await office.textContent('#change-requests tr[data-request]');
    await office.click('#requisitions tr[data-request] button.primary');
    await office.waitForSelector('#requisitions a.slip', { timeout: kWait });
    result.requisition_approved = await office.textContent('#requisitions tr[data-request]');
    result.slip = await office.getAttribute('#requisitions a.slip', 'href');

    // The stock-take opens with the register as it is now.
    await office.click('#stocktake-open');
    await office.waitForSelector('#scan-form', { timeout: kWait });
    await office.fill('#scan-form input[name=location]', '1');
    result.scan_found = await scanner(office, 'ZC-000001');
    result.scan_misplaced = await scanner(office, `${config.hub}/office/#assets/ZC-000003`);
    result.scan_unknown = await scanner(office, 'ZC-000099');

    // A staff member on the phone page, signed in with number and PIN.
    const phone = (await open(browser, kPhone, errors)).page;
    const before = errors.length;
    await phone.goto(`${config.hub}/office/scan.html`);
    await phone.waitForSelector('#me-login', { timeout: kWait });
    result.screenshots.push(await shot(phone, 'assets-scan-signin-zh'));
    dropRefusal(errors, before, 401);  // not signed in yet: the page asks who it is
    await phone.fill('#me-login input[name=staff]', config.staff.number);
    await phone.fill('#me-login input[name=pin]', config.staff.pin);
    await phone.click('#me-login button[type=submit]');
    await phone.waitForSelector('#scan-form', { timeout: kWait });
    await phone.fill('#scan-form input[name=location]', '2');
    await phone.fill('#scan-form input[name=tag]', 'ZC-000004');
    await phone.click('#scan-form button[type=submit]');
    await phone.waitForFunction(() => document.querySelector('.scan-last')?.textContent.includes('ZC-000004'), null,
                                { timeout: kWait });
    result.phone = await phone.textContent('.scan-last');
    result.screenshots.push(await shot(phone, 'assets-scan-phone-zh'));
    await setLang(phone, 'en');
    await phone.reload();
    await phone.waitForSelector('#scan-form', { timeout: kWait });
    result.phone_en = await phone.textContent('#scan-form');
    result.screenshots.push(await shot(phone, 'assets-scan-phone-en'));

    for (const lang of ['zh', 'en']) {
      await setLang(office, lang);
      await office.reload();
      await office.waitForSelector('#nav a', { timeout: kWait });
      await visit(office, 'assets');
      await office.waitForSelector('#stocktake-result [data-list=found]', { timeout: kWait });
      const seen = {};
      seen.nav = await office.$$eval('#nav a', (l) => l.map((a) => a.getAttribute('href')));
      seen.nav_one_line = await navOneLine(office);
      for (const key of ['found', 'missing', 'misplaced', 'unknown']) seen[key] = await listed(office, key);
      seen.heading = await office.textContent('#page h2');
      result.lang[lang] = seen;
      result.screenshots.push(await shot(office, `assets-${lang}`));
      await visit(office, 'assets/ZC-000001');
      await office.waitForFunction(() => [...document.querySelectorAll('.labels img')].every((i) => i.complete && i.naturalWidth > 0),
                                   null, { timeout: kWait });
      seen.label_widths = await office.$$eval('.labels img', (l) => l.map((i) => i.naturalWidth));
      seen.history = await office.$$eval('#asset-history tbody tr', (l) => l.length);
      result.screenshots.push(await shot(office, `asset-page-${lang}`));
    }

    // The office confirms it: the result kept, who confirmed it.
    await setLang(office, 'zh');
    await office.reload();
    await office.waitForSelector('#nav a', { timeout: kWait });
    await visit(office, 'assets');
    await office.waitForSelector('#stocktake-close', { timeout: kWait });
    await office.click('#stocktake-close');
    await office.waitForFunction(() => !document.querySelector('#stocktake-close') && document.querySelector('#stocktake-open'),
                                 null, { timeout: kWait });
    const closed = await hub('GET', '/api/v1/stocktakes', config.admin);
    result.closed = closed.body.stocktakes[0];
    result.screenshots.push(await shot(office, 'assets-closed-zh'));
  } finally {
    result.errors = errors;
    await browser.close();
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e) => { process.stderr.write(`${e.stack}\n`); process.exit(1); });
