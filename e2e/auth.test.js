// Signing in and out through the real sign-in page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, newPage } from './support/browser.js';
import { startServer } from './support/server.js';

describe('authentication', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const onSignInPage = (url) => new URL(url).pathname === '/connexion';

  async function submitSignIn(page, email, password) {
    await page.goto(`${server.baseUrl}/connexion`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    await page.locator('form [type="submit"], form button:not([type])').first().click();
  }

  test('an admin signs in, sees the layout and signs out', async () => {
    const page = await newPage(browser);
    try {
      await submitSignIn(page, server.email, server.password);
      await page.waitForURL((url) => !onSignInPage(url));

      const currentUser = page.getByTestId('current-user');
      await currentUser.filter({ hasText: server.displayName }).waitFor();
      assert.match(await currentUser.innerText(), /Admin E2E/);
      await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();

      await page.getByTestId('sign-out').click();
      await page.waitForURL(onSignInPage);
      await page.locator('#email').waitFor();

      // Signed out for good: the app sends a visitor back to the sign-in page.
      await page.goto(`${server.baseUrl}/`);
      await page.waitForURL(onSignInPage);
      assert.equal(await page.getByTestId('current-user').count(), 0);
    } finally {
      await page.context().close();
    }
  });

  test('a wrong password shows an error and stays on the sign-in page', async () => {
    const page = await newPage(browser);
    try {
      await submitSignIn(page, server.email, `${server.password}-wrong`);

      // An empty live region may be on the page from the start: wait for text.
      const alert = page.getByRole('alert').filter({ hasText: /\S/ });
      await alert.first().waitFor();
      assert.ok(onSignInPage(page.url()), `expected /connexion, got ${page.url()}`);
      assert.equal(await page.getByTestId('current-user').count(), 0);
    } finally {
      await page.context().close();
    }
  });
});
