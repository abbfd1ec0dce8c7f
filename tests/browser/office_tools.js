// What the browser tests of the office pages share: Debian's chromium through playwright-core,
// a context whose page errors are noted, signing in, moving between pages, screenshots into
// the build folder, and calls to the hub's API. `config` holds "hub" (URL) and "out" (folder).
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');

module.exports = (config) => {
  const kChromium = '/usr/bin/chromium';
  const kDesk = { width: 1366, height: 768 };
  const kTablet = { width: 820, height: 1180 };
  const kWait = 5000;
  async function hub(method, route, token, body) {
    const headers = { Authorization: `Bearer ${token}` };
    if (body) headers['Content-Type'] = 'application/json';
    const r = await fetch(`${config.hub}${route}`, { method, headers, body: body && JSON.stringify(body) });
    let json = null;
    try { json = await r.json(); } catch (e) { /* not JSON */ }
    return { status: r.status, body: json };
  }

  // A browser context with its page; every uncaught exception and console error is noted with
  // the page it happened on.
  async function open(browser, viewport, errors) {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
    page.on('dialog', (d) => d.accept());
    return { context, page };
  }

  async function signIn(page, account) {
    await page.goto(`${config.hub}/office/`);
    await page.fill('input[name=login]', account.login);
    await page.fill('input[name=password]', account.password);
    await page.click('button[type=submit]');
    await page.waitForSelector('#nav a', { timeout: kWait });
  }

  async function visit(page, hash) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await page.waitForFunction((p) => document.body.dataset.page === p && document.body.dataset.ready === 'yes',
                               hash.split('/')[0], { timeout: kWait });
  }

  async function shot(page, name, fullPage = true) {
    const file = path.join(config.out, `console-${name}.png`);
    await page.screenshot({ path: file, fullPage, animations: 'disabled' });
    return file;
  }

  async function setLang(page, lang) {
    await page.evaluate((l) => localStorage.setItem('onestop.office.lang', l), lang);
  }

  // The browser logs a refused request itself ("Failed to load resource: … status of 403"): drops
  // those lines noted since `from`, for refusals the test asks for.
  function dropRefusal(errors, from, status) {
    errors.splice(from, errors.length - from,
                  ...errors.slice(from).filter((e) => !e.includes(`status of ${status}`)));
  }

  function launch() {
    return chromium.launch({ executablePath: kChromium, headless: true, args: ['--no-sandbox'] });
  }

  return { kDesk, kTablet, kWait, hub, open, signIn, visit, shot, setLang, dropRefusal, launch };
};
