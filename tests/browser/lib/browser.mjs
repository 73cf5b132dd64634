// Launches Debian's Chromium through playwright-core (no browser download),
// with a fresh profile that is removed on close, and watches pages for
// problems: console errors, uncaught exceptions, failed requests and HTTP
// error responses.
//
// Environment: CHROMIUM  path of the browser (default /usr/bin/chromium)
//              HEADED=1  show the browser window (needs a display)

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// Returns {context, newPage(), close()}. Always call close(), e.g. in after().
export async function launchBrowser({ locale = 'en-US' } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'bsg-chromium-'));
  const headed = process.env.HEADED === '1';
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: !headed,
      args: headed ? ARGS : ['--headless', ...ARGS],
      locale,
      viewport: { width: 1280, height: 800 },
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    error.message = `could not launch Chromium at ${CHROMIUM} (set CHROMIUM to its path): ${error.message}`;
    throw error;
  }
  context.setDefaultTimeout(Number(process.env.BSG_UI_TIMEOUT_MS || 10_000));

  async function newPage() {
    // A persistent context opens with one blank page; use it first.
    const blank = context.pages().find((p) => p.url() === 'about:blank');
    return blank ?? context.newPage();
  }

  async function close() {
    try {
      await context.close();
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  }

  return { context, newPage, close };
}

// For use inside a describe(): launches the browser before the suite's tests
// and closes it after them. Returns a function that gives {browser, page,
// problems} to a test or throws the launch error (see useServer()).
export function useBrowser(options) {
  let state;
  let failure;
  before(async () => {
    try {
      const browser = await launchBrowser(options);
      const page = await browser.newPage();
      state = { browser, page, problems: watchProblems(page, options) };
    } catch (error) {
      failure = error;
    }
  });
  after(async () => {
    await state?.browser.close();
  });
  return () => {
    if (failure) throw failure;
    return state;
  };
}

// Records what went wrong on `page`. Returns {list(), clear(), assertNone()}.
// Requests the page itself aborted (net::ERR_ABORTED) are not counted.
// `ignore` holds regular expressions for expected entries (matched against the
// text of each problem).
export function watchProblems(page, { ignore = [] } = {}) {
  const problems = [];
  const add = (text) => {
    if (!ignore.some((re) => re.test(text))) problems.push(text);
  };
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const where = message.location();
      add(`console error: ${message.text()}${where?.url ? ` (${where.url}:${where.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (error) => add(`uncaught exception: ${error.stack || error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'unknown';
    // The app aborts a request whose answer it no longer needs (a filter changed,
    // the page was left): not a failure.
    if (reason === 'net::ERR_ABORTED') return;
    add(`request failed: ${request.method()} ${request.url()}: ${reason}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) add(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return {
    list: () => [...problems],
    clear: () => {
      problems.length = 0;
    },
    assertNone(message = 'the page reported problems') {
      if (problems.length > 0) throw new Error(`${message}:\n  ${problems.join('\n  ')}`);
    },
  };
}

// Waits until `selector` exists and its trimmed text equals `text`.
export async function waitForText(page, selector, text, { timeout } = {}) {
  try {
    await page.waitForFunction(
      ([sel, want]) => document.querySelector(sel)?.textContent?.trim() === want,
      [selector, text],
      timeout === undefined ? {} : { timeout },
    );
  } catch (error) {
    const actual = await page
      .locator(selector)
      .first()
      .textContent({ timeout: 100 })
      .catch(() => '(element not found)');
    error.message = `expected ${selector} to read "${text}", found "${actual?.trim()}": ${error.message}`;
    throw error;
  }
}
