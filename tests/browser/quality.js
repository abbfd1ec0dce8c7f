// Drives Debian's chromium through the quality loop for quality_test.cpp: on a phone, a
// complaint about window 1 from the phone page (as the ticket page links it) lands on its own
// page with a number; the office sees it on the 好差评 page and enters a phone call about the
// hall; the unit's lead answers the complaint as substantiated; the phone's page shows the
// answer; the scorecard page shows window 1's deduction traced to the complaint, in both
// languages. One argument, JSON: {"hub","out","office":{"login","password"},
// "unit":{"login","password"},"month"}. Prints one JSON line of what the pages showed.
'use strict';
const config = JSON.parse(process.argv[2]);
const { kDesk, kWait, open, signIn, visit, shot, setLang, launch } = require('./office_tools')(config);
const kPhone = { width: 390, height: 844 };

async function until(page, selector, text) {
  await page.waitForFunction(([s, x]) => document.querySelector(s)?.textContent.includes(x), [selector, text],
                             { timeout: kWait });
  return page.textContent(selector);
}

async function main() {
  const browser = await launch();
  const result = { screenshots: [] };
  const errors = [];
  process.on('exit', (code) => { if (code) process.stderr.write(`page errors: ${JSON.stringify(errors)}\n`); });
  try {
    // The complainant, on a phone.
    const phone = (await open(browser, kPhone, errors)).page;
    await phone.goto(`${config.hub}/complaint?window=1`);
    result.form_window = await phone.inputValue('#complain input[name=window]');
    result.screenshots.push(await shot(phone, 'complaint-form-zh'));
    await phone.fill('#complain textarea[name=text]', '11月27日上午在1号窗口，工作人员态度生硬');
    await phone.fill('#complain input[name=contact]', '13800001111');
    // A window the hall does not have: the refusal in the page's words, not the hub's English.
    await phone.fill('#complain input[name=window]', '99');
    await phone.click('#complain button[type=submit]');
    await phone.waitForFunction(() => document.getElementById('error').textContent !== '', null, { timeout: kWait });
    result.refused = await phone.textContent('#error');
    // The browser logs the 422 it was sent on purpose: that one is no page error.
    const asked = errors.findIndex((e) => e.includes('status of 422'));
    if (asked >= 0) errors.splice(asked, 1);
    await phone.fill('#complain input[name=window]', '1');
    await phone.click('#complain button[type=submit]');
    await phone.waitForURL(/\/complaint\/\d+\?c=/, { timeout: kWait });
    result.number = (await phone.textContent('#complaint .number')).trim();
    result.status = await phone.textContent('#status');
    result.screenshots.push(await shot(phone, 'complaint-page-zh'));

    // The office: the complaint listed; a phone call about the hall entered.
    const office = (await open(browser, kDesk, errors)).page;
    await signIn(office, config.office);
    await visit(office, 'quality');
    await office.waitForSelector('#complaints tr[data-complaint]', { timeout: kWait });
    result.office_row = await office.textContent('#complaints tr[data-complaint]');
    await office.selectOption('#complaint-intake select[name=channel]', 'phone');
    await office.selectOption('#complaint-intake select[name=kind]', 'hall');
    await office.fill('#complaint-intake input[name=text]', '来电反映：大厅空调温度过低');
    await office.click('#complaint-intake button[type=submit]');
    result.entered = await until(office, '#complaints [role=alert]', 'TS-');
    await office.waitForFunction(() => document.querySelectorAll('#complaints tr[data-complaint]').length === 2,
                                 null, { timeout: kWait });
    result.screenshots.push(await shot(office, 'quality-complaints-zh'));

    // The unit's lead answers its own: substantiated, with the action and the reply.
    const lead = (await open(browser, kDesk, errors)).page;
    await signIn(lead, config.unit);
    await visit(lead, 'quality');
    await lead.waitForSelector('#complaints tr[data-complaint-actions] form[data-step=answer]', { timeout: kWait });
    result.lead_rows = await lead.$$eval('#complaints tr[data-complaint]', (l) => l.length);
    const answer = '#complaints form[data-step=answer]';
    await lead.selectOption(`${answer} select[name=finding]`, 'substantiated');
    await lead.fill(`${answer} input[name=action]`, '约谈当事人，开展服务规范培训');
    await lead.fill(`${answer} input[name=reply]`, '经核实情况属实，已对当事人批评教育，感谢您的监督');
    await lead.click(`${answer} button[type=submit]`);
    await lead.waitForFunction(() => !document.querySelector('#complaints tr[data-complaint]'), null, { timeout: kWait });
    result.screenshots.push(await shot(lead, 'quality-answered-zh'));

    // The complainant reads the answer.
    await phone.reload();
    result.answered = await until(phone, '#complaint', '感谢您的监督');
    result.screenshots.push(await shot(phone, 'complaint-answered-zh'));
    await phone.click('header a');
    result.answered_en = await until(phone, '#status', 'Answered');
    result.screenshots.push(await shot(phone, 'complaint-answered-en'));

    // The scorecard: window 1 loses the complaint's points, traced to its number.
    await visit(office, `scorecard/date=${config.month}`);
    await office.waitForSelector('#page tr[data-score="1"]', { timeout: kWait });
    result.window1 = await office.textContent('#page tr[data-score="1"]');
    await office.click('#page tr[data-score="1"]');
    result.window1_detail = await office.textContent('#page tr[data-detail="1"]');
    result.charts = await office.$$eval('.chart svg', (l) => l.length);
    result.year_rows = await office.$$eval('#scorecard-year tr[data-year]', (l) => l.length);
    result.xlsx = await office.getAttribute('#scorecard-xlsx', 'href');
    result.screenshots.push(await shot(office, 'scorecard-zh'));
    await setLang(office, 'en');
    await office.reload();
    await office.waitForFunction(() => document.body.dataset.ready === 'yes', null, { timeout: kWait });
    await office.waitForSelector('#page tr[data-score="1"]', { timeout: kWait });
    result.heading_en = await office.textContent('h1');
    result.screenshots.push(await shot(office, 'scorecard-en'));
    await setLang(office, 'zh');
  } finally {
    await browser.close();
  }
  result.errors = errors;
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(1);
});
