// The interactive API documentation works offline: Swagger UI renders the
// OpenAPI document and the page loads nothing from outside this machine.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, newPage } from './support/browser.js';
import { startServer } from './support/server.js';

/** Whether a URL the page requested stays on this machine. */
function isLocal(url) {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

describe('API documentation', () => {
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

  test('/api/docs/ renders Swagger UI with local assets only', async () => {
    const page = await newPage(browser);
    const requested = [];
    page.on('request', (request) => requested.push(request.url()));
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      const openapi = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/openapi.json');
      const response = await page.goto(`${server.baseUrl}/api/docs/`);
      assert.equal(response.status(), 200);
      assert.equal((await openapi).status(), 200, 'the OpenAPI document could not be loaded');

      // Swagger UI has parsed the document and shows its title.
      const title = page.locator('.swagger-ui .info .title');
      await title.filter({ hasText: /\S/ }).waitFor();
      assert.match(await title.innerText(), /Innov.Action/i);
      assert.equal(await page.title(), "Innov'Action — API");
      // At least one operation is listed.
      await page.locator('.swagger-ui .opblock').first().waitFor();

      assert.deepEqual(pageErrors, [], 'the page raised JavaScript errors');
      const external = requested.filter((url) => !isLocal(url));
      assert.deepEqual(external, [], 'the page requested resources outside 127.0.0.1');
      assert.ok(requested.some((url) => url.endsWith('/swagger-ui-bundle.js')), 'swagger-ui-bundle.js was not loaded');
    } finally {
      await page.context().close();
    }
  });
});
