// Events pages, against the real server with the demo data: the list filtered by kind with the
// filter kept in the URL (and across a reload); the calendar showing events in their month and
// the month-only ones apart; the map of events by country (the server's SVG and the same numbers
// in tables); and the whole registration flow in two browsers: the admin creates a delegate
// account and its person record, and a hybrid BSG training today (a first attempt without a title
// shows the server's field error next to the field); the delegate registers remotely; the admin
// checks the delegate in for today; the training outcome page's "delegates trained" and remote
// participation each go up by exactly one. No console error or failed request on the way.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, useBrowser, waitForText, watchProblems } from './lib/browser.mjs';
import { useServer } from './lib/server.mjs';
import { signIn } from './lib/session.mjs';

const DELEGATE = {
  email: 'tala.trainee@example.org',
  password: 'Harbour-Violet-Kettle-73',
  name: 'Tala Trainee',
};
const TRAINING = 'BSG hands-on training (browser test)';

// The server's today (UTC), as the attendance rules use it.
const today = new Date().toISOString().slice(0, 10);

// "1,234" -> 1234
const count = (text) => Number(String(text).replace(/[^\d]/g, ''));

// The expected 422 of the form's first, deliberately incomplete submission.
const EXPECTED = [/HTTP 422: POST \S+\/api\/events$/, /console error: Failed to load resource: .*status of 422/];

describe('events pages', () => {
  const browser = useBrowser({ ignore: EXPECTED }); // first, so that it is closed first
  const server = useServer({ seed: true });
  const ready = () => {
    const s = server();
    return { url: s.url, admin: s.admin, ...browser() };
  };

  // The delegate's own browser.
  let delegate;
  before(async () => {
    try {
      const b = await launchBrowser();
      const page = await b.newPage();
      delegate = { browser: b, page, problems: watchProblems(page) };
    } catch (error) {
      delegate = { error };
    }
  });
  after(async () => {
    await delegate?.browser?.close();
  });
  const delegatePage = () => {
    if (delegate.error) throw delegate.error;
    return delegate;
  };

  it('filters the list by kind and keeps the filter in the URL', async () => {
    const { page, url } = ready();
    await page.goto(`${url}/events`);
    await page.waitForSelector('[data-testid="events-table"] tbody tr');
    const kinds = () => page.$$eval('[data-testid="events-table"] tbody tr', (trs) => trs.map((tr) => tr.dataset.kind));
    assert.ok(new Set(await kinds()).size > 1, 'the demo has several kinds of events');

    await page.selectOption('#events-kind', 'bsg_training');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('kind') === 'bsg_training');
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="events-table"] tbody tr')];
      return rows.length > 0 && rows.every((tr) => tr.dataset.kind === 'bsg_training');
    });
    const trainings = (await kinds()).length;
    const api = await (await page.request.get(`${url}/api/events?kind=bsg_training`)).json();
    assert.equal(trainings, api.count, 'the page lists what the API lists');
    assert.match(await page.getAttribute('[data-testid="events-feed"]', 'href'), /^\/api\/events\.ics\?kind=bsg_training$/);

    // A reload keeps the filter: the view can be shared.
    await page.reload();
    await page.waitForSelector('[data-testid="events-table"] tbody tr');
    assert.equal(await page.inputValue('#events-kind'), 'bsg_training');
    assert.deepEqual(new Set(await kinds()), new Set(['bsg_training']));
    assert.equal((await kinds()).length, trainings);

    // A year narrows it further, also in the URL.
    await page.selectOption('#events-year', '2019');
    await page.waitForFunction(() => new URL(location.href).search === '?kind=bsg_training&year=2019');
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="events-table"] tbody tr').length < n,
      trainings,
    );
  });

  it('shows events in their month on the calendar, with the filters', async () => {
    const { page, url } = ready();
    // From the filtered list, the calendar tab keeps the filters.
    await page.click('[data-testid="events-tabs"] a[href^="/events/calendar"]');
    await page.waitForSelector('[data-testid="calendar"]');
    const params = new URL(page.url()).searchParams;
    assert.equal(params.get('kind'), 'bsg_training');
    assert.equal(await page.getAttribute('[data-testid="calendar"]', 'data-month'), '2019-01');

    await page.goto(`${url}/events/calendar?kind=bsg_training&month=2019-10`);
    await waitForText(page, '[data-testid="calendar-month"]', 'October 2019');
    const day = page.locator('[data-testid="calendar"] td[data-date="2019-10-22"] .calendar__events li');
    await day.first().waitFor();
    assert.match(await day.allTextContents().then((t) => t.join(' | ')), /BSG hands-on training \(SG13, SG11\)/);
    // The filter applies: the forum held that day is not a training.
    assert.doesNotMatch(await day.allTextContents().then((t) => t.join(' | ')), /Inter-Regional Standardization Forum/);

    // Next month, in the URL.
    await page.click('[data-testid="calendar-next"]');
    await waitForText(page, '[data-testid="calendar-month"]', 'November 2019');
    assert.equal(new URL(page.url()).searchParams.get('month'), '2019-11');
    assert.equal(new URL(page.url()).searchParams.get('kind'), 'bsg_training');
    await page.locator('[data-testid="calendar"] td[data-date="2019-11-25"] .calendar__events li').first().waitFor();

    // A training known only to the month is listed apart, not on a day.
    await page.goto(`${url}/events/calendar?kind=bsg_training&month=2020-02`);
    const apart = page.locator('[data-testid="calendar-month-precision"] li');
    await apart.first().waitFor();
    assert.match(await apart.first().textContent(), /BSG training for the SG13 Regional Group for Africa/);
    assert.equal(await page.locator('[data-testid="calendar"] .calendar__events li').count(), 0);
  });

  it('shows the map of events by country with the same numbers in tables', async () => {
    const { page, url } = ready();
    await page.goto(`${url}/events/map?since=2019-08-01&until=2020-07-31`);
    const img = page.locator('[data-testid="events-map"] img');
    await img.waitFor();
    const src = await img.getAttribute('src');
    assert.match(src, /^\/api\/events\/map\.svg\?since=2019-08-01&until=2020-07-31&language=en$/);
    await page.waitForFunction(() => {
      const i = document.querySelector('[data-testid="events-map"] img');
      return i && i.complete && i.naturalWidth > 0;
    });
    assert.ok((await img.getAttribute('alt')).length > 20, 'the map has a text alternative');
    const svg = await page.request.get(`${url}${src}`);
    assert.equal(svg.status(), 200);
    assert.match(svg.headers()['content-type'], /^image\/svg\+xml/);
    assert.match(await svg.text(), /<svg/);

    await page.waitForSelector('[data-testid="geo-countries"] tbody tr');
    const geo = await (await page.request.get(`${url}/api/events/geography?since=2019-08-01&until=2020-07-31`)).json();
    const rows = await page.$$eval('[data-testid="geo-countries"] tbody tr', (trs) =>
      trs.map((tr) => [tr.dataset.iso2, ...[...tr.querySelectorAll('td.num')].map((td) => td.textContent)]),
    );
    assert.deepEqual(
      rows,
      geo.countries.map((c) => [c.iso2, String(c.held), String(c.planned), String(c.cancelled)]),
    );
    const total = await page.$$eval('[data-testid="geo-total"] td', (tds) => tds.map((td) => td.textContent));
    assert.deepEqual(total, [String(geo.total.held), String(geo.total.planned), String(geo.total.cancelled)]);
    assert.equal(await page.locator('[data-testid="geo-regions"] tr[data-region="AFR"]').count(), 1);
  });

  let before_ = {};
  let eventId;

  it('shows the training outcomes and the in-person/remote split of the last twelve months', async () => {
    const { page, url, admin } = ready();
    await signIn(page, url, admin);
    await page.goto(`${url}/events/training`);
    await page.waitForSelector('[data-testid="delegates-trained"]');
    await page.waitForSelector('[data-testid="attended-remote"]');
    before_ = {
      trained: count(await page.textContent('[data-testid="delegates-trained"]')),
      remote: count(await page.textContent('[data-testid="attended-remote"]')),
    };
    // The window is the last twelve months ending today.
    const since = await page.inputValue('#training-since');
    assert.equal(await page.inputValue('#training-until'), today);
    assert.ok(since > `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`, since);
    const api = await (await page.request.get(`${url}/api/events/training-outcomes?since=${since}&until=${today}`)).json();
    assert.equal(before_.trained, api.total.delegates_trained, 'the page shows the API figure');
    // Shares say what they are a share of, with the not-stated count beside them.
    assert.match(await page.textContent('[data-testid="share-women"]'), /not stated: \d+/);
  });

  it('lets the admin create a delegate account linked to a person', async () => {
    const { page, url } = ready();
    await page.goto(`${url}/admin/users/new`);
    await waitForText(page, 'h1', 'New user');
    await page.fill('#user-email', DELEGATE.email);
    await page.fill('#user-name', DELEGATE.name);
    const roles = page.locator('[data-testid="roles"] input[type="checkbox"]');
    for (let i = 0; i < (await roles.count()); i++) {
      const box = roles.nth(i);
      const want = (await box.getAttribute('value')) === 'delegate';
      if ((await box.isChecked()) !== want) await box.click();
    }
    await page.fill('#user-password', DELEGATE.password);
    await page.click('[data-testid="create-user"]');
    await page.waitForSelector('[data-testid="user-created"]');
    const userId = new URL(page.url()).pathname.match(/^\/admin\/users\/(\d+)$/)?.[1];
    assert.ok(userId, `the user's page: ${page.url()}`);

    // The person record in the registry, in Kenya, linked to the account.
    await page.goto(`${url}/people/new`);
    await page.waitForSelector('#person-country option[value="KE"]', { state: 'attached' });
    await page.fill('#person-given', 'Tala');
    await page.fill('#person-family', 'Trainee');
    await page.fill('#person-email', DELEGATE.email);
    await page.selectOption('#person-country', 'KE');
    await page.fill('#person-user', userId);
    await page.click('[data-testid="person-form"] button[type="submit"]');
    await page.waitForURL(/\/people\/\d+$/);
  });

  it('lets the admin create a hybrid BSG training today, showing field errors first', async () => {
    const { page, url } = ready();
    await page.goto(`${url}/events`);
    await page.click('[data-testid="new-event"]');
    await page.waitForSelector('[data-testid="event-form"]');
    await page.waitForSelector('#event-country option[value="CH"]', { state: 'attached' });
    assert.equal(await page.inputValue('#event-kind'), 'bsg_training');
    await page.selectOption('#event-status', 'confirmed');
    await page.fill('#event-start', today);
    await page.fill('#event-zone', 'Europe/Zurich');
    await page.selectOption('#event-mode', 'hybrid');
    await page.fill('#event-city', 'Geneva');
    await page.selectOption('#event-country', 'CH');
    await page.fill('#event-host', 'ITU TSB');
    await page.fill('#event-link', 'https://meet.example.org/bsg-browser-test');

    // No title: the server's 422 names the field, and the message sits next to it.
    await page.click('[data-testid="save-event"]');
    const titleError = page.locator('.field--invalid:has(#event-title) .field__error');
    await titleError.waitFor();
    assert.match(await titleError.textContent(), /required/);
    assert.equal(await page.getAttribute('#event-title', 'aria-invalid'), 'true');
    assert.match(await page.getAttribute('#event-title', 'aria-describedby'), /event-title-error/);

    await page.fill('#event-title', TRAINING);
    await page.click('[data-testid="save-event"]');
    await page.waitForURL(/\/events\/\d+$/);
    eventId = Number(new URL(page.url()).pathname.split('/').pop());
    await waitForText(page, '[data-testid="event-title"]', TRAINING);
    // The officer sees the conference link.
    assert.equal(await page.getAttribute('[data-testid="remote-link"]', 'href'), 'https://meet.example.org/bsg-browser-test');
    assert.equal(await page.getAttribute('[data-testid="event-ics"]', 'href'), `/api/events/${eventId}.ics`);
    const ics = await page.request.get(`${url}/api/events/${eventId}.ics`);
    assert.equal(ics.status(), 200);
    assert.match(await ics.text(), /^BEGIN:VCALENDAR\r\n/);
  });

  it('lets the delegate register remotely in their own browser', async () => {
    const { url } = ready();
    const { page } = delegatePage();
    await signIn(page, url, DELEGATE, { name: DELEGATE.name });
    await page.goto(`${url}/events/${eventId}`);
    await waitForText(page, '[data-testid="event-title"]', TRAINING);
    // Not registered yet: no conference link.
    await page.waitForSelector('[data-testid="remote-hidden"]');
    await page.check('[data-testid="register-mode-remote"]');
    await page.click('[data-testid="register-button"]');
    await waitForText(page, '[data-testid="my-registration-status"]', 'Registered');
    await waitForText(page, '[data-testid="my-registration-mode"]', 'Remotely');
    // Registered now: the link is shown, and the event runs today, so a remote join is offered.
    await page.waitForSelector('[data-testid="remote-link"]');
    await waitForText(page, '[data-testid="join-remote"]', 'Join remotely today');
    assert.equal(await page.isEnabled('[data-testid="join-remote"]'), true);
  });

  it('lets the admin check the delegate in for today', async () => {
    const { page, url } = ready();
    await page.goto(`${url}/events/${eventId}`);
    const row = page.locator('[data-testid="registrations-table"] tbody tr', { hasText: 'Tala Trainee' });
    await row.waitFor();
    assert.match(await row.textContent(), /KE.*Remotely.*Delegate.*Registered/);
    assert.equal(await page.inputValue('#checkin-day'), today, 'the event runs today: today is offered first');
    const rid = await row.getAttribute('data-registration-id');
    await page.click(`[data-testid="checkin-${rid}"]`);
    await page.waitForSelector('[data-testid="registrations-notice"]');
    await page.waitForSelector(`[data-testid="registrations-table"] tr[data-registration-id="${rid}"][data-status="attended"]`);
    const day = row.locator(`.day-list li[data-day="${today}"]`);
    await day.waitFor();
    assert.equal(await day.getAttribute('data-mode'), 'remote');
  });

  it('lists the bad rows of a participant list in a dry run and imports nothing', async () => {
    const { page, url } = ready();
    const csv = [
      'email,full_name,country,mode,role',
      `${DELEGATE.email},${DELEGATE.name},KE,remote,delegate`,
      'nobody.known@example.org,Nobody Known,Atlantis,remote,delegate',
      '',
    ].join('\n');
    const registrations = async () =>
      (await (await page.request.get(`${url}/api/events/${eventId}/registrations`)).json()).count;
    const before = await registrations();
    await page.setInputFiles('#participants-file', { name: 'participants.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('[data-testid="participants-check"]');
    await page.waitForSelector('[data-testid="participants-errors"]');
    const rows = await page.$$eval('[data-testid="participants-errors"] tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
    );
    assert.ok(rows.length > 0 && rows.every(([row]) => row === '3'), `only the third line is bad: ${JSON.stringify(rows)}`);
    assert.ok(rows.some(([, column, , value]) => column === 'country' && value === 'Atlantis'), JSON.stringify(rows));
    assert.ok(rows.every(([, , reason]) => reason.length > 0), 'every bad row has a reason');
    assert.equal(await page.locator('[data-testid="participants-run"]').count(), 0, 'no import button for a bad file');
    assert.equal(await registrations(), before, 'nothing was written');
  });

  it('offers the participant list as a file that lists the delegate and their day', async () => {
    const { page } = ready();
    const href = await page.getAttribute('[data-testid="participants-export-csv"]', 'href');
    const response = await page.request.get(new URL(href, page.url()).toString());
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'], /^text\/csv/);
    assert.match(response.headers()['content-disposition'], /attachment; filename="event-\d+-participants\.csv"/);
    const lines = (await response.text()).trim().split(/\r?\n/);
    assert.equal(lines[0], 'email,full_name,country,organization,gender,mode,role,attended,days');
    const line = lines.find((l) => l.startsWith(`${DELEGATE.email},`));
    assert.ok(line, `the delegate is listed: ${lines.join(' | ')}`);
    assert.match(line, new RegExp(`,remote,delegate,yes,${today}$`));
    const xlsx = await page.request.get(new URL(await page.getAttribute('[data-testid="participants-export-xlsx"]', 'href'), page.url()).toString());
    assert.equal(xlsx.status(), 200);
    assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK', 'an XLSX workbook (a zip file)');
  });

  it("shows the delegate's attendance", async () => {
    const { url } = ready();
    const { page } = delegatePage();
    await page.goto(`${url}/events/${eventId}`);
    await waitForText(page, '[data-testid="my-registration-status"]', 'Attended');
    await waitForText(page, '[data-testid="join-remote"]', 'Joined today');
    assert.equal(await page.isEnabled('[data-testid="join-remote"]'), false);
  });

  it('counts the delegate once more in the training outcomes and the remote participation', async () => {
    const { page, url } = ready();
    await page.goto(`${url}/events/training`);
    await page.waitForSelector('[data-testid="delegates-trained"]');
    await page.waitForSelector('[data-testid="attended-remote"]');
    assert.equal(count(await page.textContent('[data-testid="delegates-trained"]')), before_.trained + 1);
    assert.equal(count(await page.textContent('[data-testid="attended-remote"]')), before_.remote + 1);
    // The new training is in the per-event table with its remote attendee.
    const row = page.locator(`[data-testid="participation-events"] tr[data-event-id="${eventId}"]`);
    await row.waitFor();
    const cells = await row.locator('td.num').allTextContents();
    assert.deepEqual(cells, ['0', '1', '0', '1']);
  });

  it('logged no console errors and made no failing requests', () => {
    ready().problems.assertNone();
    delegatePage().problems.assertNone('the delegate\'s page reported problems');
  });
});
