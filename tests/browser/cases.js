// Drives Debian's chromium (headless, 1366×768) through the console's cases and work-log
// pages and the applicant's case page, for cases_test.cpp. One argument, JSON:
//   {"hub","out","office":{"login","password"},"unit":{"login","password"},
//    "supplement":{"id","number","code"},"deadline":{"id","number"}}
// Prints one JSON line with what the pages showed; exits 1 with the reason on stderr when a
// page does not do what is waited for within its time.
'use strict';
const path = require('path');

const config = JSON.parse(process.argv[2]);
const kPhone = { width: 390, height: 844 };
const { kDesk, kWait, open, signIn, visit, shot, setLang, launch } = require('./office_tools')(config);

async function signInAs(page, account, lang) {
  await page.goto(`${config.hub}/office/`);
  await setLang(page, lang);
  await signIn(page, account);
}

const texts = (page, selector) => page.$$eval(selector, (l) => l.map((e) => e.textContent.trim()));

// Whether every nav tab sits on the first line (the nav did not wrap at 1366 px).
const navOneLine = (page) => page.$$eval('#nav a', (l) => new Set(l.map((a) => a.offsetTop)).size === 1);

async function main() {
  const browser = await launch();
  const result = { screenshots: [], lang: {} };
  const errors = [];
  try {
    for (const lang of ['zh', 'en']) {
      const { page, context } = await open(browser, kDesk, errors);
      await signInAs(page, config.office, lang);
      const seen = {};
      seen.nav_one_line = await navOneLine(page);
      seen.nav = await page.$$eval('#nav a', (l) => l.map((a) => a.getAttribute('href')));

      // The list: every case with its counts; a count narrows to its status.
      await visit(page, 'cases');
      seen.numbers = await page.$$eval('#cases tr[data-number]', (l) => l.map((r) => r.dataset.number));
      seen.counts = await texts(page, '#case-counts [data-count]');
      result.screenshots.push(await shot(page, `cases-list-${lang}`));
      await page.click('#case-counts [data-count=awaiting_supplement]');
      await page.waitForFunction(() => location.hash.includes('status=awaiting_supplement') && document.body.dataset.ready === 'yes',
                                 null, { timeout: kWait });
      seen.awaiting = await page.$$eval('#cases tr[data-number]', (l) => l.map((r) => r.dataset.number));

      // The joint case's history: steps, hand-overs pending and confirmed.
      await visit(page, 'cases');
      await page.click(`#cases tr[data-number="${config.deadline.number}"] a`);
      await page.waitForSelector('#case-steps', { timeout: kWait });
      seen.heading = await page.textContent('#page h1');
      seen.steps = await page.$$eval('#case-steps tr[data-what]', (l) => l.map((r) => r.dataset.what));
      seen.step_texts = await texts(page, '#case-steps tr[data-what]');
      seen.handovers = await page.$$eval('#case-handovers tr[data-handover]', (l) => l.map((r) => r.dataset.status));
      seen.handover_texts = await texts(page, '#case-handovers tr[data-handover]');
      seen.facts = await page.textContent('#case-info');
      result.screenshots.push(await shot(page, `case-history-${lang}`));
      if (lang === 'zh') {
        // The office completes it from the console.
        await page.fill('#complete-form input[name=result]', '请凭回执到 3 号窗口领取');
        await page.click('#complete-form button[type=submit]');
        await page.waitForSelector('#case-steps tr[data-what=completed], #page p.error:not(:empty)', { timeout: kWait });
        seen.complete_message = await page.textContent('#page p.error');
        seen.after_complete = await page.$$eval('#case-steps tr[data-what]', (l) => l.map((r) => r.dataset.what));
        // A second 补正 request, allowed by the office on the waiting case.
        await visit(page, `cases/${config.supplement.id}`);
        await page.click('#allow-supplement');
        await page.waitForSelector('#case-steps tr[data-what=supplement_allowed]', { timeout: kWait });
        seen.allowed = true;
        result.screenshots.push(await shot(page, `case-supplement-${lang}`));
      }

      // The work log of today, with the note; the case figures on the figures page.
      await visit(page, 'worklog');
      seen.worklog_staff = await page.$$eval('#worklog tr[data-staff]', (l) => l.map((r) => r.dataset.staff));
      seen.worklog_s001 = await texts(page, '#worklog tr[data-staff=S001] td');
      seen.worklog_csv = await page.getAttribute('#worklog-csv', 'href');
      result.screenshots.push(await shot(page, `worklog-${lang}`));
      await visit(page, 'figures');
      seen.case_figures = await page.$$eval('#case-figures tr[data-unit]', (l) => l.map((r) => r.dataset.unit));
      seen.case_figures_xlsx = await page.getAttribute('#cases-xlsx', 'href');
      result.screenshots.push(await shot(page, `figures-cases-${lang}`));
      seen.failed = await page.$$eval('#page .notice-box:not(.ok):not(.info)', (l) => l.map((e) => e.textContent));
      result.lang[lang] = seen;
      await context.close();
    }

    // A unit's lead: their own unit's cases, no unit to pick.
    const unit = await open(browser, kDesk, errors);
    await signInAs(unit.page, config.unit, 'zh');
    await visit(unit.page, 'cases');
    result.unit = {
      units: await unit.page.$$eval('#cases tr[data-number] td:nth-child(3)', (l) => l.map((e) => e.textContent)),
      pickers: await unit.page.$$eval('#cases-form select[name=unit]', (l) => l.length),
    };
    await visit(unit.page, 'worklog');
    result.unit.worklog = await unit.page.$$eval('#worklog tr[data-staff] td:nth-child(3)', (l) => l.map((e) => e.textContent));
    result.screenshots.push(await shot(unit.page, 'cases-unit-zh'));
    await unit.context.close();

    // The applicant's page from the slip's QR, on a phone, in both languages.
    result.applicant = {};
    const phone = await open(browser, kPhone, errors);
    for (const lang of ['zh', 'en']) {
      const c = config.supplement;
      await phone.page.goto(`${config.hub}/c/${c.id}?c=${c.code}${lang === 'en' ? '&lang=en' : ''}`);
      await phone.page.waitForSelector('#case', { timeout: kWait });
      result.applicant[lang] = {
        number: (await phone.page.textContent('#case .number')).trim(),
        progress: await texts(phone.page, '#case .progress li'),
        now: (await phone.page.textContent('#case .progress li.now')).trim(),
        missing: await texts(phone.page, '#missing li'),
        text: await phone.page.textContent('#case'),
        // The number on one line, inside its card.
        fits: await phone.page.evaluate(() => {
          const n = document.querySelector('#case .number');
          const lines = document.createRange();
          lines.selectNodeContents(n);
          return lines.getClientRects().length === 1 && n.scrollWidth <= n.clientWidth;
        }),
      };
      const file = path.join(config.out, `case-page-${lang}.png`);
      await phone.page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
      result.screenshots.push(file);
    }
    await phone.context.close();
    result.errors = errors;
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(result));
}

main().catch((e) => {
  console.error(`cases.js: ${e.stack || e}`);
  process.exit(1);
});
