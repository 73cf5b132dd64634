// Identity through the web app, against the real server with the demo data:
// an admin signs in, creates a delegate with a password and signs out; the
// delegate signs in, does not see the admin pages in the navigation, gets the
// "not allowed" page at /admin/users, and the API refuses the same request
// with 403; no console errors or failed requests on the way.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useBrowser, waitForText } from './lib/browser.mjs';
import { useServer } from './lib/server.mjs';
import { navLabels, signIn, signOut } from './lib/session.mjs';

const DELEGATE = {
  email: 'dana.delegate@example.org',
  password: 'Lantern-Meadow-Copper-58',
  name: 'Dana Delegate',
};

describe('identity', () => {
  const browser = useBrowser(); // first, so that it is closed first
  const server = useServer({ seed: true });
  const ready = () => {
    const s = server();
    return { url: s.url, admin: s.admin, ...browser() };
  };

  it('shows visitors only the public pages and a sign-in link', async () => {
    const { page, url } = ready();
    await page.goto(`${url}/`);
    await page.waitForSelector('[data-testid="sign-in-link"]');
    const nav = await navLabels(page);
    assert.ok(nav.includes('Countries'), `public pages are listed: ${nav}`);
    for (const hidden of ['Users', 'Audit', 'Outbox', 'People', 'Import']) {
      assert.ok(!nav.includes(hidden), `${hidden} is not offered to visitors: ${nav}`);
    }
  });

  it('lets the demo admin sign in and see the admin pages', async () => {
    const { page, url, admin } = ready();
    await signIn(page, url, admin, { name: 'Demo administrator' });
    assert.equal(new URL(page.url()).pathname, '/');
    const nav = await navLabels(page);
    for (const shown of ['Users', 'Audit', 'Outbox', 'People', 'Import']) {
      assert.ok(nav.includes(shown), `${shown} is offered to an admin: ${nav}`);
    }
  });

  it('lets the admin create a delegate with a password', async () => {
    const { page } = ready();
    await page.click('[data-testid="main-nav"] a[href="/admin/users"]');
    await waitForText(page, 'h1', 'Users');
    await page.waitForSelector('[data-testid="users-table"]');
    await page.click('[data-testid="new-user"]');
    await waitForText(page, 'h1', 'New user');
    await page.fill('#user-email', DELEGATE.email);
    await page.fill('#user-name', DELEGATE.name);
    // Delegate is the default role; make sure it is the only one.
    const roles = page.locator('[data-testid="roles"] input[type="checkbox"]');
    for (let i = 0; i < (await roles.count()); i++) {
      const box = roles.nth(i);
      const want = (await box.getAttribute('value')) === 'delegate';
      if ((await box.isChecked()) !== want) await box.click();
    }
    await page.fill('#user-password', DELEGATE.password);
    await page.click('[data-testid="create-user"]');
    await page.waitForSelector('[data-testid="user-created"]');
    await waitForText(page, '[data-testid="user-email"]', DELEGATE.email);
    assert.match(new URL(page.url()).pathname, /^\/admin\/users\/\d+$/);

    // The new user is in the list, found by name.
    await page.click('[data-testid="main-nav"] a[href="/admin/users"]');
    await page.fill('#users-q', 'dana');
    await page.waitForFunction(
      (email) => {
        const rows = [...document.querySelectorAll('[data-testid="users-table"] tbody tr')];
        return rows.length === 1 && rows[0].textContent.includes(email);
      },
      DELEGATE.email,
    );
  });

  it('lets the admin sign out', async () => {
    const { page } = ready();
    await signOut(page);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.ok(!(await navLabels(page)).includes('Users'));
  });

  it('lets the delegate sign in, without the admin pages in the navigation', async () => {
    const { page, url } = ready();
    await signIn(page, url, DELEGATE, { name: DELEGATE.name });
    const nav = await navLabels(page);
    assert.ok(nav.includes('Organizations'), `signed-in pages are listed: ${nav}`);
    for (const hidden of ['Users', 'Audit', 'Outbox', 'Import', 'People']) {
      assert.ok(!nav.includes(hidden), `${hidden} is not offered to a delegate: ${nav}`);
    }
    assert.equal(await page.locator('[data-testid="main-nav"] a[href="/admin/users"]').count(), 0);
  });

  it('shows the delegate "not allowed" at /admin/users', async () => {
    const { page, url } = ready();
    await page.goto(`${url}/admin/users`);
    await page.waitForSelector('[data-testid="not-allowed"]');
    await waitForText(page, 'h1', 'Not allowed');
    await waitForText(page, '[data-testid="user-name"]', DELEGATE.name);
    assert.equal(await page.locator('[data-testid="users-table"]').count(), 0);
  });

  it('has the API refuse the delegate the same call with 403', async () => {
    const { page, url } = ready();
    // page.request shares the browser's cookies: this is the delegate's session.
    const me = await page.request.get(`${url}/api/session`);
    assert.equal((await me.json()).user.email, DELEGATE.email);
    const response = await page.request.get(`${url}/api/users`);
    assert.equal(response.status(), 403);
    const body = await response.json();
    assert.equal(body.code, 403);
    assert.equal(typeof body.reason, 'string');
    assert.equal(typeof body.message, 'string');
  });

  it('logged no console errors and made no failing requests', () => {
    ready().problems.assertNone();
  });
});
