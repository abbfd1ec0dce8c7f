// Drives Debian's chromium (headless, 1366×768) through the campus view (onestop-campus serve)
// for campus_test.cpp. One argument, JSON:
//   {"campus","out","month","viewer":{"login","password"},"unit":{"login","password"}}
// Prints one JSON line with what the pages did and showed; exits 1 with the reason on stderr
// when a page does not do what is waited for within its time.
'use strict';
const fs = require('fs');
const path = require('path');

const config = JSON.parse(process.argv[2]);
const { kDesk, kWait, open, setLang, dropRefusal, launch } = require('./office_tools')(config);

async function shot(page, name) {
  const file = path.join(config.out, `campus-${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

async function tryLogin(page, account) {
  await page.fill('input[name=login]', account.login);
  await page.fill('input[name=password]', account.password);
  await page.evaluate(() => { document.getElementById('error').textContent = ''; });
  await page.click('button[type=submit]');
}

// The month's page, drawn: its figures, charts and words.
async function month(page, lang) {
  await setLang(page, lang);
  await page.goto(`${config.campus}/?lang=${lang}#${config.month}`);  // a new page in that language
  await page.waitForFunction(() => document.body.dataset.ready === 'yes', null, { timeout: kWait });
  return page.evaluate(() => ({
    heading: document.querySelector('h1').textContent,
    who: document.getElementById('who').textContent,
    title: document.title,
    columns: [...document.querySelectorAll('thead th')].map((th) => th.textContent),
    halls: [...document.querySelectorAll('.table-wrap:not(#office) tr.total')].map((tr) => [...tr.cells].map((td) => td.textContent)),
    units: [...document.querySelectorAll('.table-wrap:not(#office) tr[data-unit]')].map((tr) => tr.dataset.unit),
    office_heading: document.querySelector('h2')?.textContent,
    office_columns: [...document.querySelectorAll('#office thead th')].map((th) => th.textContent),
    office: [...document.querySelectorAll('#office tr')].filter((tr) => tr.cells.length && tr.cells[0].tagName === 'TD')
      .map((tr) => [...tr.cells].map((td) => td.textContent)),
    charts: [...document.querySelectorAll('.chart')].filter((c) => c.querySelector('svg')).map((c) => c.id),
    failed: [...document.querySelectorAll('.notice-box, .error')].map((e) => e.textContent),
  }));
}

async function main() {
  const browser = await launch();
  const result = { screenshots: [] };
  const errors = [];
  try {
    const { page } = await open(browser, kDesk, errors);

    // Signed out, / is the sign-in page, in both languages.
    await page.goto(`${config.campus}/`);
    await page.waitForSelector('#login');
    await page.waitForFunction(() => document.querySelector('.hint').textContent !== '');
    result.screenshots.push(await shot(page, 'login-zh'));
    result.login_title = await page.title();
    await page.click('#lang');
    result.login_en_hint = await page.textContent('.hint');
    result.screenshots.push(await shot(page, 'login-en'));
    await page.click('#lang');

    // A unit lead's account is refused like a wrong password.
    const refused = errors.length;
    await tryLogin(page, config.unit);
    await page.waitForFunction(() => document.getElementById('error').textContent !== '', null, { timeout: kWait });
    result.unit_refused = await page.textContent('#error');
    dropRefusal(errors, refused, 401);

    // The committee's viewer signs in: the month per hall and unit, charts, a table.
    await tryLogin(page, config.viewer);
    await page.waitForSelector('#campus', { timeout: kWait });
    result.zh = await month(page, 'zh');
    result.screenshots.push(await shot(page, 'month-zh'));
    result.en = await month(page, 'en');
    result.screenshots.push(await shot(page, 'month-en'));

    // The Excel export of the month, as the browser downloads it.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: kWait }), page.click('#xlsx')]);
    const file = path.join(config.out, 'campus-month.xlsx');
    await download.saveAs(file);
    result.xlsx = { file, name: download.suggestedFilename(), zip: fs.readFileSync(file).subarray(0, 2).toString() };

    // Signing out returns to the sign-in page.
    await setLang(page, 'zh');
    await page.click('#logout');
    await page.waitForSelector('#login', { timeout: kWait });
    result.signed_out = true;
  } finally {
    result.errors = errors;
    await browser.close();
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(1);
});
