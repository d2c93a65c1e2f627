// Automated accessibility checks with axe-core: no serious or critical violation.
import { after, before, describe, test } from 'node:test';

import { assertAccessible } from './support/axe.js';
import { launchBrowser, newPage } from './support/browser.js';
import { startServer } from './support/server.js';

describe('accessibility', () => {
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

  test('the sign-in page has no serious or critical axe violation', async () => {
    // The server's Content-Security-Policy rightly forbids inline scripts,
    // which is how axe is injected: lift it for this page only.
    const page = await newPage(browser, { bypassCSP: true });
    try {
      await page.goto(`${server.baseUrl}/connexion`);
      // The SPA renders after its WebAssembly module has loaded.
      await page.locator('#email').waitFor();
      await page.locator('#password').waitFor();

      await assertAccessible(page, '/connexion');
    } finally {
      await page.context().close();
    }
  });
});
