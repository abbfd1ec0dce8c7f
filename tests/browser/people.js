// Drives Debian's chromium through the people pages for people_test.cpp: the office adds a
// term and edits window 1's roster in the console (saved as a draft, published; changed
// again mid-term, refused a direct publish, asked for as a change and approved); a unit lead
// sees only its own windows; on phones, S001 signs in to the my page and asks for leave
// naming S002, S002 confirms on theirs, the office approves on the leave page and S001 sees
// it approved; the office adds a training and ticks who came, S001's page lists it; the
// office publishes the month's sheet. One argument, JSON:
//   {"hub","out","office":{"login","password"},"unit":{"login","password"},"today","tomorrow",
//    "meeting_day"} (meeting_day: after the phones' today, so their my page lists it)
// Prints one JSON line with what the pages showed; exits 1 with the reason on stderr.
'use strict';
const config = JSON.parse(process.argv[2]);
const { kDesk, kWait, open, signIn, visit, shot, setLang, dropRefusal, launch } = require('./office_tools')(config);
const kPhone = { width: 390, height: 844 };

// Clicks `button` and waits until the roster editor has drawn itself again (its answer came).
async function redrawn(page, button) {
  // Every muted line is marked: the editor has two (its status and a hint), and an unmarked
  // hint would match at once, before the answer came.
  await page.$$eval('#roster-body p.muted', (l) => l.forEach((el) => { el.dataset.old = 'yes'; }));
  await page.click(button);
  await page.waitForSelector('#roster-body p.muted:not([data-old])', { timeout: kWait });
}

// Waits until `selector`'s text has `text` in it; that text.
async function until(page, selector, text) {
  await page.waitForFunction(([s, x]) => document.querySelector(s)?.textContent.includes(x), [selector, text],
                             { timeout: kWait });
  return page.textContent(selector);
}

async function myPage(browser, staff, errors) {
  const { page } = await open(browser, kPhone, errors);
  const signedOut = errors.length;
  await page.goto(`${config.hub}/me`);
  await page.fill('#me-login input[name=staff]', staff);
  await page.fill('#me-login input[name=pin]', '1234');
  await page.click('#me-login button[type=submit]');
  await page.waitForSelector('body[data-ready=yes] #my-leave h2', { timeout: kWait });
  dropRefusal(errors, signedOut, 401);  // the page asks who is signed in before anyone is
  return page;
}

async function main() {
  const browser = await launch();
  const result = { screenshots: [] };
  const errors = [];
  process.on('exit', (code) => { if (code) process.stderr.write(`page errors: ${JSON.stringify(errors)}\n`); });
  try {
    const { page } = await open(browser, kDesk, errors);
    await signIn(page, config.office);
    await visit(page, 'roster');
    await page.fill('#new-term input[name=name]', '2026秋');
    await page.fill('#new-term input[name=start]', '2026-09-07');
    await page.fill('#new-term input[name=end]', '2027-01-15');
    await page.click('#new-term button[type=submit]');
    await page.waitForSelector('#roster-edit input[name="1/1/am"]', { timeout: kWait });

    // Window 1: S001 every weekday, both half days; a draft first, then published.
    for (let day = 1; day <= 5; ++day)
      for (const half of ['am', 'pm']) await page.fill(`#roster-edit input[name="1/${day}/${half}"]`, 'S001');
    await page.fill('#roster-edit textarea[name=duty]', '2027-01-25 am S002');
    await redrawn(page, '#roster-edit button.primary');
    result.draft = await page.textContent('#roster-body p.muted');
    await redrawn(page, '#roster-edit #roster-body p button:not(.primary)');
    result.published = await until(page, '#roster-edit [role=alert]', '已发布');
    result.week_window1 = await until(page, '#week tr[data-window="1"]', 'S001');
    result.screenshots.push(await shot(page, 'roster-edited-zh'));

    // Mid-term: Wednesday afternoon emptied; a direct publish is refused (第十五条), the
    // change is asked for from tomorrow with a reason, and the office approves it.
    await page.fill('#roster-edit input[name="1/3/pm"]', '');
    await redrawn(page, '#roster-edit button.primary');
    const refused = errors.length;
    await redrawn(page, '#roster-edit #roster-body p button:not(.primary)');
    dropRefusal(errors, refused, 409);
    result.publish_refused = await until(page, '#roster-edit [role=alert]', '变更申请');
    await page.fill('#roster-change input[name=effective]', config.tomorrow);
    await page.fill('#roster-change input[name=reason]', '周三下午参加培训');
    await page.click('#roster-change button[type=submit]');
    result.change_row = await until(page, '#roster-changes tbody tr[data-change]', '待审批');
    await page.click('#roster-changes tr[data-change] button.primary');
    result.change_approved = await until(page, '#roster-changes tbody tr[data-change]', '已批准');
    result.screenshots.push(await shot(page, 'roster-change-zh'));
    await setLang(page, 'en');
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.ready === 'yes', null, { timeout: kWait });
    await page.waitForSelector('#roster-edit input[name="1/1/am"]', { timeout: kWait });
    result.screenshots.push(await shot(page, 'roster-edited-en'));
    await setLang(page, 'zh');

    // A unit lead drafts only its own windows and does not publish.
    const lead = await open(browser, kDesk, errors);
    await signIn(lead.page, config.unit);
    await visit(lead.page, 'roster');
    await lead.page.waitForSelector('#roster-edit select[name=window] option', { state: 'attached', timeout: kWait });
    result.unit_windows = await lead.page.$$eval('#roster-edit select[name=window] option', (l) => l.map((o) => o.value));
    result.unit_publish_buttons = await lead.page.$$eval('#roster-body p button', (l) => l.length);

    // Leave on phones: S001 asks, S002 confirms, the office approves, S001 sees it.
    const s1 = await myPage(browser, 'S001', errors);
    result.my_roster = await s1.textContent('#my-roster');
    // Today's work log note, kept in versions.
    await s1.fill('#worklog-note textarea[name=note]', '上午受理 6 件；下午整理档案');
    await s1.click('#worklog-note button[type=submit]');
    result.worklog_saved = await until(s1, '#my-worklog', '已于');
    result.screenshots.push(await shot(s1, 'me-S001-zh'));
    await s1.fill('#ask-leave input[name=from]', config.tomorrow);
    await s1.selectOption('#ask-leave select[name=from_half]', 'am');
    await s1.fill('#ask-leave input[name=to]', config.tomorrow);
    await s1.selectOption('#ask-leave select[name=to_half]', 'am');
    await s1.fill('#ask-leave input[name=reason]', '带孩子看病');
    await s1.fill('#ask-leave input[name=substitute]', 'S002');
    await s1.click('#ask-leave button[type=submit]');
    result.asked = await until(s1, '#my-leave li[data-leave]', '待替班人确认');
    const s2 = await myPage(browser, 'S002', errors);
    result.stand_in = await s2.textContent('#my-leave li[data-leave]');
    await s2.click('#my-leave li[data-leave] button');
    result.confirmed = await until(s2, '#my-leave li[data-leave]', '待北区办审批');
    result.screenshots.push(await shot(s2, 'me-S002-zh'));
    await visit(page, 'leave');
    await page.click('#leave tr[data-leave] button.primary');
    result.office_row = await until(page, '#leave tr[data-leave]', '已批准');
    // A training for both, its sign-in sheet kept by the office (第三十一条).
    await page.fill('#new-meeting input[name=date]', config.meeting_day);
    await page.selectOption('#new-meeting select[name=half]', 'pm');
    await page.fill('#new-meeting input[name=topic]', '政务服务礼仪培训');
    await page.fill('#new-meeting input[name=must_attend]', 'S001 S002');
    await page.click('#new-meeting button[type=submit]');
    await page.waitForSelector('#meetings tr[data-meeting] input[name=S001]', { timeout: kWait });
    await page.check('#meetings tr[data-meeting] input[name=S001]');
    await page.click('#meetings tr[data-meeting] button');
    result.meeting_row = await until(page, '#meetings tr[data-meeting]', '1 / 应到 2');
    result.screenshots.push(await shot(page, 'leave-meetings-zh'));
    await s1.reload();
    result.my_meetings = await until(s1, '#my-meetings', '政务服务礼仪培训');
    result.approved = await until(s1, '#my-leave li[data-leave]', '已批准');
    await s1.click('#lang');
    result.approved_en = await until(s1, '#my-leave li[data-leave]', 'Approved');
    result.screenshots.push(await shot(s1, 'me-S001-en'));

    // The month's sheet published by the office; then it stays as published.
    await visit(page, 'attendance');
    await page.click('#sheet button.primary');
    result.sheet_published = await until(page, '#sheet .notice-box.ok', '公布');
    result.sheet_s001 = await page.textContent('#sheet tr[data-staff="S001"]');
    result.screenshots.push(await shot(page, 'attendance-published-zh'));
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
