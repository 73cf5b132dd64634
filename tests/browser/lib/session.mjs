// Signing in and out through the web app's own pages.

import { waitForText } from './browser.mjs';

// Opens /sign-in, submits the form and waits for the account menu to name the user.
export async function signIn(page, url, { email, password }, { name } = {}) {
  await page.goto(`${url}/sign-in`);
  await page.fill('#sign-in-email', email);
  await page.fill('#sign-in-password', password);
  await page.click('[data-testid="sign-in-submit"]');
  await page.waitForSelector('[data-testid="user-menu"]');
  if (name) await waitForText(page, '[data-testid="user-name"]', name);
}

// Signs out through the account menu and waits for the "Sign in" link.
export async function signOut(page) {
  await page.click('[data-testid="user-menu"] summary');
  await page.click('[data-testid="sign-out"]');
  await page.waitForSelector('[data-testid="sign-in-link"]');
}

// The labels of the main navigation, in order.
export function navLabels(page) {
  return page.locator('[data-testid="main-nav"] a').allTextContents();
}

// The CSRF token of the page's session (the readable bsg_csrf cookie).
export async function csrfToken(context) {
  const cookie = (await context.cookies()).find((c) => c.name === 'bsg_csrf');
  return cookie?.value;
}
