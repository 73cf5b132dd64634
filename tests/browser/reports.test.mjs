// The reports pages against the real server with the demo data: the dashboard opens on the demo
// programme's latest year with activity and shows the server's numbers (with their provenance)
// and drawings; the progress report page previews the report (Table 2 with its planned rows, the
// two forums) and every download answers with its content type; a window without events says
// so; the demo admin changes the wording and sees it in the preview, a bad placeholder is
// refused with the template and placeholder named and nothing saved; visitors read the wording
// but cannot change it, and the server refuses a change without a session or CSRF token.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useBrowser, waitForText } from './lib/browser.mjs';
import { useServer } from './lib/server.mjs';
import { signIn, signOut } from './lib/session.mjs';

const WINDOW = 'since=2019-09-01&until=2020-03-31';
const TEMPLATES = '/api/reports/progress/templates';

// The refused save of a bad placeholder is expected: its 422 and Chromium's console line for it.
const EXPECTED = [
  /^HTTP 422: PUT \S+\/api\/reports\/progress\/templates$/,
  /status of 422 .*\/api\/reports\/progress\/templates/,
];

// Every download link of the report page, fetched from the page: status, type, first bytes.
async function fetchDownloads(page) {
  return page.$$eval('[data-testid="report-download"]', async (links) =>
    Promise.all(
      links.map(async (a) => {
        const response = await fetch(a.href);
        const bytes = new Uint8Array(await response.arrayBuffer());
        return {
          format: a.dataset.format,
          name: a.getAttribute('download'),
          status: response.status,
          type: response.headers.get('Content-Type'),
          disposition: response.headers.get('Content-Disposition'),
          head: String.fromCharCode(...bytes.slice(0, 5)),
          size: bytes.length,
        };
      }),
    ),
  );
}

// The text of the preview frame once its document has loaded.
async function previewText(page, expected) {
  const frame = page.frameLocator('[data-testid="report-preview"]');
  if (expected) await frame.locator('body', { hasText: expected }).waitFor();
  return frame.locator('body').innerText();
}

async function openSection(page, section) {
  const details = page.locator(`details[data-section="${section}"]`);
  if ((await details.getAttribute('open')) === null) await details.locator(':scope > summary').click();
  return details;
}

describe('reports pages', () => {
  const browser = useBrowser({ ignore: EXPECTED }); // first, so that it is closed first
  const server = useServer({ seed: true });
  const ready = () => {
    const s = server();
    return { url: s.url, admin: s.admin, ...browser() };
  };

  it('opens the dashboard on the latest year with activity, with the numbers and drawings of the server', async () => {
    const { page, url } = ready();
    await page.goto(`${url}/`);
    await page.click('[data-testid="main-nav"] a[href="/dashboard"]');
    const note = page.locator('[data-testid="dashboard-window"]');
    await note.waitFor();
    assert.equal(new URL(page.url()).search, '', 'opened without a window');
    // The demo programme's last held event ended on 17 March 2020: nothing in the last 12 months.
    assert.equal(await note.getAttribute('data-basis'), 'latest_held_event');
    const said = await note.textContent();
    assert.match(said, /Showing Mar 19, 2019 to Mar 17, 2020\./);
    assert.match(said, /most recent event held \(Mar 17, 2020\)/);
    assert.equal(await page.inputValue('#dashboard-since'), '2019-03-19');
    assert.equal(await page.inputValue('#dashboard-until'), '2020-03-17');

    const countries = page.locator('[data-testid="stat-countries"] .provenance__value');
    assert.equal((await countries.textContent()).trim(), '74');
    assert.equal((await page.locator('[data-testid="stat-delegates"] .provenance__value').textContent()).trim(), '750');
    for (const id of ['regional-meetings', 'forums', 'in-person', 'remote', 'remote-share', 'management-current']) {
      assert.equal(await page.locator(`[data-testid="stat-${id}"]`).count(), 1, `key number ${id}`);
    }
    // The provenance shows on hover and on keyboard focus.
    const tip = page.locator('[data-testid="stat-countries"] [role="tooltip"]');
    assert.equal(await tip.isVisible(), false);
    await countries.hover();
    await tip.waitFor({ state: 'visible' });
    assert.match(await tip.textContent(), /750 distinct people registered as delegates/);
    await page.mouse.move(0, 0);
    await tip.waitFor({ state: 'hidden' });
    await countries.focus();
    await tip.waitFor({ state: 'visible' });
    assert.equal(await countries.getAttribute('aria-describedby'), await tip.getAttribute('id'));
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });

    // The figures are the server's drawings: the map among them, as SVG.
    const map = page.locator('[data-testid="figure-meetings-map"] img');
    await page.waitForFunction(() => document.querySelector('[data-testid="figure-meetings-map"] img')?.naturalWidth > 0);
    const svg = await page.evaluate(async (src) => {
      const response = await fetch(src);
      return { type: response.headers.get('Content-Type'), text: await response.text() };
    }, await map.getAttribute('src'));
    assert.match(svg.type, /^image\/svg\+xml/);
    assert.ok(svg.text.includes('<svg'), 'an SVG drawing');
    assert.match(await map.getAttribute('src'), /since=2019-03-19&until=2020-03-17/);
    assert.equal(await page.locator('.report-figure').count(), 3);
  });

  it('previews the progress report with Table 2 and the two forums, and every download answers', async () => {
    const { page, url } = ready();
    await page.goto(`${url}/reports/progress?${WINDOW}`);
    await waitForText(page, 'h1', 'Progress report');
    const text = await previewText(page, 'planned trainings');
    assert.match(text, /Colombo, Sri Lanka, 1 October 2019/);
    assert.match(text, /Dubai, United Arab Emirates, 22 October 2019/);

    const frame = page.frameLocator('[data-testid="report-preview"]');
    const table2 = frame.locator('table', { hasText: 'Related Study Group/Event' });
    assert.match(await table2.locator('caption').textContent(), /Table 2/);
    const dates = (await table2.locator('tbody tr td:first-child').allTextContents()).map((d) => d.trim());
    assert.deepEqual(
      dates.filter((d) => d.endsWith('*')),
      ['February 2020*', '4 March 2020*', 'July 2020*'],
    );
    assert.ok(dates.includes('16 March 2020'), dates.join(', '));
    // The frame grew to the report's height.
    const height = await page.locator('[data-testid="report-preview"]').evaluate((f) => f.getBoundingClientRect().height);
    assert.ok(height > 1500, `the preview is ${height}px high`);

    const files = await fetchDownloads(page);
    const types = { pdf: 'application/pdf', html: 'text/html', csv: 'text/csv', svg: 'image/svg+xml', png: 'image/png' };
    assert.equal(files.length, 2 + 2 + 3 * 3, 'PDF, HTML, two tables, three figures in three formats');
    for (const f of files) {
      assert.equal(f.status, 200, `${f.name}: ${f.status}`);
      assert.ok(f.type.startsWith(types[f.format]), `${f.name}: ${f.type}`);
      assert.ok(f.disposition.includes(`filename="${f.name}"`), `${f.name}: ${f.disposition}`);
      assert.ok(f.size > 0, f.name);
    }
    const byName = Object.fromEntries(files.map((f) => [f.name, f]));
    assert.equal(byName['bsg-progress-report_2019-09-01_2020-03-31.pdf'].head, '%PDF-');
    assert.ok(byName['bsg-progress-report_2019-09-01_2020-03-31_table-2.csv']);
    assert.equal(byName['bsg-progress-report_2019-09-01_2020-03-31_figure-1.png'].head.slice(1, 4), 'PNG');
    assert.ok(byName['bsg-progress-report_2019-09-01_2020-03-31_figure-3.svg']);
  });

  it('checks the window before asking, and says when a window has no events', async () => {
    const { page, url } = ready();
    await page.goto(`${url}/reports/progress?${WINDOW}`);
    await previewText(page, 'planned trainings');
    await page.fill('#report-since', '2020-03-31');
    await page.fill('#report-until', '2019-09-01');
    await page.click('[data-testid="report-show"]');
    await waitForText(page, '#report-until-error', 'The end must not be before the start.');
    assert.equal(await page.getAttribute('#report-until', 'aria-invalid'), 'true');
    assert.equal(new URL(page.url()).search, `?${WINDOW}`, 'nothing asked of the server');

    await page.fill('#report-since', '2024-01-01');
    await page.fill('#report-until', '2024-12-31');
    await page.click('[data-testid="report-show"]');
    await page.waitForSelector('[data-testid="report-no-events"]');
    assert.equal(new URL(page.url()).search, '?since=2024-01-01&until=2024-12-31');
    const text = await previewText(page, 'No regional group meetings were held in this period.');
    assert.match(text, /No BSG trainings were held in this period\./);
    assert.equal(await page.locator('[data-testid="report-downloads"] li[data-kind="figure"]').count(), 0);

    await page.goto(`${url}/dashboard?since=2024-01-01&until=2024-12-31`);
    const empty = page.locator('[data-testid="dashboard-no-events"]');
    await empty.waitFor();
    assert.match(await empty.textContent(), /No events were held between Jan 1, 2024 and Dec 31, 2024\./);
    assert.match(await empty.textContent(), /The most recent event held ended on Mar 17, 2020\./);
    assert.equal(await page.getAttribute('[data-testid="dashboard-window"]', 'data-basis'), 'requested');
    assert.equal(await page.locator('[data-testid="stat-regional-meetings"]').count(), 0, 'no zeros shown');
    assert.equal(await page.locator('.report-figure').count(), 0);
    const shown = (await page.locator('.stat .provenance__value').allTextContents()).map((v) => v.trim());
    assert.ok(shown.length > 0 && !shown.includes('0'), `no number shown as 0: ${shown.join(', ')}`);
  });

  it('lets the demo admin change the wording and shows it in the preview', async () => {
    const { page, url, admin, browser: b } = ready();
    await signIn(page, url, admin);
    await page.goto(`${url}/reports/progress?${WINDOW}`);
    await previewText(page, 'Over 700 delegates have been trained');
    await openSection(page, 'programme3.training');
    const item = page.locator('[data-testid="template-p3.training.total.other"]');
    const area = item.locator('textarea');
    await area.fill('So far {events.training.delegates_trained|floor100}+ delegates from ');
    await area.press('End');
    await item.locator('button.chip', { hasText: '{events.training.countries}' }).click();
    await area.press('End');
    await area.pressSequentially(' countries.');
    assert.equal(
      await area.inputValue(),
      'So far {events.training.delegates_trained|floor100}+ delegates from {events.training.countries} countries.',
    );
    await waitForText(page, '[data-testid="wording-pending"]', 'Unsaved changes: 1');
    await page.click('[data-testid="wording-save"]');
    await page.waitForSelector('[data-testid="wording-saved"]');
    await previewText(page, 'So far 700+ delegates from 74 countries.');
    assert.equal(await item.locator('.badge--info').count(), 1, 'marked as changed by an officer');

    // The server refuses a change with the session but without the CSRF token.
    const refused = await b.context.request.put(`${url}${TEMPLATES}`, {
      data: { templates: [{ key: 'report.title', text: 'No token' }] },
    });
    assert.equal(refused.status(), 403);
  });

  it('refuses a bad placeholder, naming the template and placeholder, and saves nothing', async () => {
    const { page, url } = ready();
    await openSection(page, 'report');
    await page.locator('[data-testid="template-report.title"] textarea').fill('Progress of the BSG programme');
    await openSection(page, 'programme1.geography');
    const item = page.locator('[data-testid="template-p1.geo.meetings.none"]');
    await item.locator('textarea').fill('Nothing was held ({events.no_such_value}).');
    await page.click('[data-testid="wording-save"]');
    const box = page.locator('.wording__bar [data-testid="error-box"]');
    await box.waitFor();
    const said = await box.textContent();
    assert.match(said, /values this template does not offer/);
    assert.match(said, /templates\.p1\.geo\.meetings\.none/);
    assert.match(said, /\{events\.no_such_value\}/);
    assert.match(await item.locator('[data-testid="template-error"]').textContent(), /\{events\.no_such_value\}/);
    assert.equal(await item.locator('textarea').getAttribute('aria-invalid'), 'true');

    const stored = await page.evaluate(async (path) => (await fetch(path)).json(), TEMPLATES);
    const byKey = Object.fromEntries(stored.templates.map((t) => [t.key, t]));
    assert.equal(byKey['report.title'].overridden, false, 'all or nothing: the good change was not saved either');
    assert.equal(byKey['p1.geo.meetings.none'].overridden, false);
    assert.equal(byKey['p3.training.total.other'].overridden, true);
  });

  it('shows visitors the wording read-only, and the server refuses their changes', async () => {
    const { page, url } = ready();
    await signOut(page);
    await page.goto(`${url}/reports/progress?${WINDOW}`);
    await previewText(page, 'So far 700+ delegates from 74 countries.');
    await openSection(page, 'programme3.training');
    const item = page.locator('[data-testid="template-p3.training.total.other"]');
    assert.match(await item.locator('.template__wording').textContent(), /^So far \{events\.training\.delegates_trained\|floor100\}\+/);
    assert.equal(await page.locator('[data-testid="wording-save"]').count(), 0, 'no save button');
    assert.equal(await page.locator('[data-testid="wording"] textarea').count(), 0, 'nothing to edit');
    assert.equal(await page.locator('[data-testid="wording"] button.chip').count(), 0);

    const anonymous = await fetch(`${url}${TEMPLATES}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ templates: [{ key: 'report.title', text: 'Anonymous' }] }),
    });
    assert.equal(anonymous.status, 401);
    assert.equal((await anonymous.json()).reason, 'auth.required');
  });

  it('logged no console errors and made no failing requests', () => {
    ready().problems.assertNone();
  });
});
