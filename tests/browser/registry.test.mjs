// Registry and groups pages, against the real server with the demo data:
// Vanuatu's LDC graduation on its classification timeline, the management
// teams' representation table with its "not stated" rows, and an import whose
// dry run lists the bad rows of a CSV and imports nothing.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useBrowser, waitForText } from './lib/browser.mjs';
import { useServer } from './lib/server.mjs';
import { csrfToken, signIn } from './lib/session.mjs';

// One good row and two with an unknown country.
const BAD_CSV = [
  'full_name,email,country,gender',
  'Zora Importtest,zora.importtest@example.org,KE,female',
  'Yann Importtest,yann.importtest@example.org,Atlantis,male',
  'Xavi Importtest,xavi.importtest@example.org,Narnia,not_stated',
  '',
].join('\n');

describe('registry pages', () => {
  const browser = useBrowser(); // first, so that it is closed first
  const server = useServer({ seed: true });
  const ready = () => {
    const s = server();
    return { url: s.url, admin: s.admin, ...browser() };
  };

  it('lists countries by class on a date', async () => {
    const { page, url } = ready();
    await page.goto(`${url}/countries`);
    await page.waitForSelector('[data-testid="countries-table"] tr[data-iso2="VU"]');
    await page.selectOption('#countries-class', 'ldc');
    await page.fill('#countries-on', '2019-06-01');
    // The unfiltered list is on screen until the filtered one arrives: wait for France to go.
    await page.waitForSelector('[data-testid="countries-table"] tr[data-iso2="FR"]', { state: 'detached' });
    await page.waitForSelector('[data-testid="countries-table"] tr[data-iso2="VU"]');
    assert.equal(await page.locator('tr[data-iso2="FR"]').count(), 0, 'France is not an LDC');
    await page.fill('#countries-on', '2021-06-01');
    await page.waitForSelector('[data-testid="countries-table"] tr[data-iso2="VU"]', { state: 'detached' });
    await page.waitForSelector('[data-testid="countries-table"] tr[data-iso2="BD"]');
  });

  it("shows Vanuatu's LDC graduation on its timeline", async () => {
    const { page, url } = ready();
    await page.goto(`${url}/countries`);
    await page.fill('#countries-q', 'vanuatu');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="countries-table"] tbody tr').length === 1);
    await page.click('tr[data-iso2="VU"] a');
    await waitForText(page, '[data-testid="country-name"]', 'Vanuatu');
    assert.equal(new URL(page.url()).pathname, '/countries/VU');

    const timeline = page.locator('[data-testid="class-timeline"]');
    await timeline.locator('[data-testid="timeline-row-ldc"] .timeline__bar').waitFor();
    const bar = timeline.locator('[data-testid="timeline-row-ldc"] .timeline__bar');
    assert.equal(await bar.count(), 1);
    assert.ok(!(await bar.getAttribute('class')).includes('timeline__bar--ongoing'), 'the LDC period has ended');
    assert.match(await bar.getAttribute('title'), /LDC: 1985 – Dec 4, 2020/);

    const graduation = timeline.locator('[data-testid="class-events"] li[data-class="ldc"][data-change="leave"]');
    assert.equal(await graduation.locator('time').getAttribute('datetime'), '2020-12-04');
    assert.match(await graduation.textContent(), /Dec 4, 2020: graduated from LDC/);
    // Today Vanuatu is a developing SIDS, no longer an LDC.
    const badges = await page.locator('.facts .badges').textContent();
    assert.ok(badges.includes('SIDS') && badges.includes('Developing') && !badges.includes('LDC'), badges);
  });

  it('shows the management teams representation table with not-stated rows', async () => {
    const { page, url } = ready();
    await page.goto(`${url}/teams`);
    await page.waitForSelector('#teams-period option[value="2017-2020"]', { state: 'attached' });
    await page.selectOption('#teams-period', '2017-2020');
    await page.selectOption('#teams-compare', '2013-2016');
    const table = page.locator('[data-testid="representation-table"]');
    await page.waitForFunction(() => {
      const head = document.querySelector('[data-testid="representation-table"] thead')?.textContent ?? '';
      return head.includes('2017-2020') && head.includes('2013-2016');
    });
    const seats = await table.locator('[data-testid="seats-total"] td').first().textContent();
    assert.ok(Number(seats) > 0, `the demo teams have seats: ${seats}`);
    for (const name of ['development', 'ldc', 'region', 'gender']) {
      const row = table.locator(`[data-testid="not-stated-${name}"]`);
      assert.equal(await row.count(), 1, `a not-stated row for ${name}`);
      assert.equal(await row.locator('th').textContent(), 'Not stated');
    }
    // The demo has seats without a country and without a gender.
    const development = await table.locator('[data-testid="not-stated-development"] td').first().textContent();
    const gender = await table.locator('[data-testid="not-stated-gender"] td').first().textContent();
    assert.ok(Number(development) > 0, `seats with no country: ${development}`);
    assert.ok(Number(gender) > 0, `seats with no gender: ${gender}`);
    const developing = table.locator('[data-breakdown="development"] tr[data-bucket="developing"]');
    assert.match(await developing.textContent(), /Developing countries.*%.*%.*points/);
  });

  it('lists the bad rows of a CSV in a dry run and imports nothing', async () => {
    const { page, url, admin, browser: b } = ready();
    await signIn(page, url, admin);
    await page.click('[data-testid="main-nav"] a[href="/import"]');
    await waitForText(page, 'h1', 'Import records');
    await page.selectOption('#import-kind', 'people');
    await page.setInputFiles('#import-file', { name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
    await page.click('[data-testid="import-check"]');
    await page.waitForSelector('[data-testid="import-errors"]');

    const rows = await page.$$eval('[data-testid="import-errors"] tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
    );
    assert.deepEqual(
      rows.map(([row, column, , value]) => [row, column, value]),
      [
        ['3', 'country', 'Atlantis'],
        ['4', 'country', 'Narnia'],
      ],
    );
    assert.ok(rows.every(([, , reason]) => reason.length > 0), 'every bad row has a reason');
    await waitForText(page, '[data-testid="import-report"] .error-box__title', 'The file has errors. Nothing has been imported.');
    assert.equal(await page.locator('[data-testid="import-run"]').count(), 0, 'no import button for a bad file');

    // Nothing was written, not even the good row; a real import of the same file is refused too.
    const found = async () =>
      (await (await page.request.get(`${url}/api/people?q=importtest`)).json()).total;
    assert.equal(await found(), 0);
    const refused = await page.request.post(`${url}/api/imports/people`, {
      data: BAD_CSV,
      headers: { 'Content-Type': 'text/csv', 'X-CSRF-Token': await csrfToken(b.context) },
    });
    assert.equal(refused.status(), 422);
    const report = await refused.json();
    assert.equal(report.imported, 0);
    assert.equal(report.errors.length, 2);
    assert.equal(await found(), 0);
  });

  it('logged no console errors and made no failing requests', () => {
    ready().problems.assertNone();
  });
});
