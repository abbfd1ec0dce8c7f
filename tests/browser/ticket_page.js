// Drives Debian's chromium (headless, phone-sized) through the ticket page /t/{id}?c=CODE
// while it calls numbers at a window, for ticket_page_test.cpp. One argument, JSON:
//   {"hub","window","session","out","pages":[{"lang","id","code"}, …]}
// The pages' tickets must be waiting in call order, one per call after the first.
// Prints one JSON line with what each page showed; exits 1 with the reason on stderr when
// a page does not do what is waited for within its time.
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');

const config = JSON.parse(process.argv[2]);
const kChromium = '/usr/bin/chromium';
const kPhone = { width: 390, height: 844 };
const kWait = 5000;  // long enough to measure a slow page rather than fail without a figure

// Runs before the page's own scripts: notes vibrations and chime tones instead of making
// them, and marks the document so a reload would show.
function instrument() {
  window.__vibrations = [];
  window.__tones = 0;
  Object.defineProperty(Navigator.prototype, 'vibrate', {
    configurable: true,
    value: function (pattern) { window.__vibrations.push(pattern); return true; },
  });
  const Context = window.AudioContext;
  if (Context) {
    const create = Context.prototype.createOscillator;
    Context.prototype.createOscillator = function () { window.__tones++; return create.call(this); };
  }
}

async function callNext() {
  const r = await fetch(`${config.hub}/api/v1/windows/${config.window}/call-next`, {
    method: 'POST', headers: { Authorization: `Bearer ${config.session}` } });
  if (r.status !== 200) throw new Error(`call-next answered ${r.status}: ${await r.text()}`);
  return (await r.json()).ticket;
}

function url(p) {
  return `${config.hub}/t/${p.id}?c=${p.code}${p.lang === 'en' ? '&lang=en' : ''}`;
}

async function screenshot(page, name) {
  const file = path.join(config.out, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled' });
  return file;
}

const text = (page, id) => page.$eval('#' + id, (e) => e.textContent);

async function main() {
  const browser = await chromium.launch({ executablePath: kChromium, headless: true,
                                          args: ['--no-sandbox'] });
  const result = { pages: [] };
  try {
    // Without scripts the page refreshes itself every 15 s.
    const plain = await browser.newContext({ viewport: kPhone, javaScriptEnabled: false });
    const still = await plain.newPage();
    await still.goto(url(config.pages[0]));
    result.refresh_without_scripts = await still.$$eval('meta[http-equiv="refresh"]',
                                                        (m) => m.map((e) => e.content));
    await plain.close();

    const pages = [];
    for (const p of config.pages) {
      const context = await browser.newContext({ viewport: kPhone, deviceScaleFactor: 2,
                                                 isMobile: true, hasTouch: true });
      await context.addInitScript(instrument);
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url(p));
      await page.waitForSelector('#ticket[data-following="yes"]', { timeout: kWait });
      await page.evaluate(() => { window.__stayed = true; });
      const out = { lang: p.lang, id: p.id, page, errors };
      out.refresh_with_scripts = await page.$$eval('meta[http-equiv="refresh"]', (m) => m.length);
      out.arm_shown = await page.isVisible('#arm');
      out.waiting = await text(page, 'status');
      out.note = await text(page, 'note');
      out.screenshots = [await screenshot(page, `ticket-waiting-${p.lang}`)];
      pages.push(out);
    }
    // The first page's applicant taps the page (which arms the chime); the others do not.
    if (pages[0].arm_shown) {
      await pages[0].page.tap('#arm');
      await pages[0].page.waitForSelector('#arm', { state: 'hidden', timeout: kWait });
    }

    // Each call moves every page's place in line; the page whose ticket is called shows it.
    let first = await callNext();
    for (const out of pages) {
      if (first.id === out.id) throw new Error('the first call must be for a ticket without a page');
      await out.page.waitForFunction((before) => document.getElementById('status').textContent !== before,
                                     out.waiting, { timeout: kWait });
      out.moved_up = await text(out.page, 'status');
    }
    for (const out of pages) {
      const page = out.page;
      const tones = await page.evaluate(() => window.__tones);
      const started = Date.now();
      const ticket = await callNext();
      if (ticket.id !== out.id) throw new Error(`call-next called ticket ${ticket.id}, not ${out.id}`);
      await page.waitForFunction(() => !document.getElementById('call').hidden, null,
                                 { timeout: kWait });
      out.call_ms = Date.now() - started;
      out.call = await text(page, 'call');
      out.status = await text(page, 'status');
      out.vibrations = await page.evaluate(() => window.__vibrations);
      // The chime's tones start once the audio runs (after a tap, or where autoplay is allowed).
      await page.waitForFunction((n) => window.__tones > n, tones, { timeout: 1000 }).catch(() => {});
      out.chime_tones = (await page.evaluate(() => window.__tones)) - tones;
      out.reloaded = !(await page.evaluate(() => window.__stayed === true));
      out.screenshots.push(await screenshot(page, `ticket-called-${out.lang}`));
    }
    // The next call finished the first page's ticket: that page reloads into the rating form.
    const done = pages[0];
    await done.page.waitForSelector('#rate', { timeout: kWait });
    done.final_status = await text(done.page, 'status');
    done.screenshots.push(await screenshot(done.page, `ticket-done-${done.lang}`));

    for (const out of pages) {
      delete out.page;
      result.pages.push(out);
    }
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(result));
}

main().catch((e) => {
  console.error(`ticket_page.js: ${e.stack || e}`);
  process.exit(1);
});
