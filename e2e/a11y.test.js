// Automated accessibility checks with axe-core: no serious or critical violation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import axe from 'axe-core';

import { launchBrowser, newPage } from './support/browser.js';
import { startServer } from './support/server.js';

const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

/** Runs axe on the current page and returns its violations. */
async function axeViolations(page) {
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations;
}

/** One readable paragraph per violation: rule, impact, help link and the nodes at fault. */
function describeViolations(violations) {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .map((node) => `    - ${node.target.join(' ')}\n      ${node.failureSummary?.replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `[${violation.impact}] ${violation.id}: ${violation.help}\n    ${violation.helpUrl}\n${nodes}`;
    })
    .join('\n\n');
}

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

      const violations = await axeViolations(page);
      const blocking = violations.filter((violation) => BLOCKING_IMPACTS.has(violation.impact));
      const minor = violations.filter((violation) => !BLOCKING_IMPACTS.has(violation.impact));
      if (minor.length > 0) {
        console.log(`minor accessibility issues (not failing the test):\n${describeViolations(minor)}`);
      }
      assert.equal(
        blocking.length,
        0,
        `serious or critical accessibility violations on /connexion:\n\n${describeViolations(blocking)}`,
      );
    } finally {
      await page.context().close();
    }
  });
});
