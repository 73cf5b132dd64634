// The web front end, served by the real server and driven through Chromium:
// the home page shows the server's health, the language switcher changes
// language and direction, unknown paths show the not-found page, the app runs
// under the server's Content-Security-Policy, and no page logs an error or
// makes a failing request.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useBrowser, waitForText } from './lib/browser.mjs';
import { useServer } from './lib/server.mjs';

describe('web shell', () => {
  const browser = useBrowser(); // first, so that it is closed first
  const server = useServer();
  // Both, or the reason one of them could not start.
  const ready = () => ({ url: server().url, ...browser() });

  it('shows the server health on the home page', async () => {
    const { page, url } = ready();
    await page.goto(`${url}/`);
    await waitForText(page, '[data-testid="health-status"]', 'ok');
    await waitForText(page, '[data-testid="health-database-kind"]', 'sqlite');
    assert.match(await page.textContent('[data-testid="health-schema-version"]'), /^\s*\d+\s*$/);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
    assert.equal(await page.textContent('header .brand__name'), 'BSG Platform');
    const nav = await page.locator('[data-testid="main-nav"] a').allTextContents();
    assert.deepEqual(
      nav,
      ['Home', 'Dashboard', 'Progress report', 'Countries', 'Study Groups', 'Management teams', 'Mandates', 'Events', 'Courses'],
      'the navigation lists the existing pages a visitor may use',
    );
    assert.equal(await page.getAttribute('[data-testid="main-nav"] a', 'aria-current'), 'page');
  });

  it('switches to Arabic, right to left, and keeps the choice across a reload', async () => {
    const { page, url } = ready();
    await page.goto(`${url}/`);
    await waitForText(page, '[data-testid="health-status"]', 'ok');
    await page.selectOption('[data-testid="language-select"]', 'ar');
    await page.waitForSelector('html[lang="ar"][dir="rtl"]');
    await waitForText(page, '[data-testid="main-nav"] a', 'الرئيسية');
    await waitForText(page, 'h1', 'حالة المنصة');

    await page.reload();
    await page.waitForSelector('html[lang="ar"][dir="rtl"]');
    await waitForText(page, '[data-testid="health-status"]', 'ok');
    await waitForText(page, 'h1', 'حالة المنصة');
  });

  it('switches back to English, left to right', async () => {
    const { page } = ready();
    await page.selectOption('[data-testid="language-select"]', 'en');
    await page.waitForSelector('html[lang="en"][dir="ltr"]');
    await waitForText(page, '[data-testid="main-nav"] a', 'Home');
    await waitForText(page, 'h1', 'Platform status');
  });

  it('shows the not-found page for an unknown path, with a way home', async () => {
    const { page, url } = ready();
    const response = await page.goto(`${url}/no/such/page`);
    assert.equal(response.status(), 200, 'the server answers unknown non-API paths with index.html');
    await page.waitForSelector('[data-testid="not-found"]');
    await waitForText(page, 'h1', 'Page not found');
    await page.click('[data-testid="not-found"] a');
    await waitForText(page, '[data-testid="health-status"]', 'ok');
    assert.equal(new URL(page.url()).pathname, '/');
  });

  it('runs under the server\'s Content-Security-Policy with no violation', async () => {
    const { page, url } = ready();
    // Record violations from the first script on (an init script is not subject to the CSP).
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const response = await page.goto(`${url}/countries`);
    const csp = response.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'(;|$)/, `index.html has a strict script-src: "${csp}"`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(response.headers()['referrer-policy'], 'same-origin');
    await page.waitForSelector('[data-testid="main-nav"] a');
    await page.goto(`${url}/`);
    await waitForText(page, '[data-testid="health-status"]', 'ok');
    await page.selectOption('[data-testid="language-select"]', 'ar');
    await page.waitForSelector('html[lang="ar"][dir="rtl"]');
    await page.selectOption('[data-testid="language-select"]', 'en');
    await page.waitForSelector('html[lang="en"][dir="ltr"]');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  });

  it('logged no console errors and made no failing requests', () => {
    ready().problems.assertNone();
  });

  it('server exits with status 0 on SIGTERM', async () => {
    const { code } = await server().stop();
    assert.equal(code, 0);
  });
});
