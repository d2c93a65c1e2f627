// The accessibility scan of a page with axe-core, as every browser test runs
// it. axe is injected as an inline script: pages whose CSP forbids that are
// opened with { bypassCSP: true }.
import assert from 'node:assert/strict';

import axe from 'axe-core';

const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

export async function axeViolations(page) {
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations;
}

export function describeViolations(violations) {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .slice(0, 5)
        .map((node) => `    - ${node.target.join(' ')}\n      ${node.failureSummary?.replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `[${violation.impact}] ${violation.id}: ${violation.help}\n    ${violation.helpUrl}\n${nodes}`;
    })
    .join('\n\n');
}

/**
 * Fails on serious or critical violations and prints the minor ones; with
 * { all: true }, fails on any violation at all.
 */
export async function assertAccessible(page, where, { all = false } = {}) {
  const violations = await axeViolations(page);
  const failing = all ? violations : violations.filter((violation) => BLOCKING_IMPACTS.has(violation.impact));
  const minor = violations.filter((violation) => !failing.includes(violation));
  if (minor.length > 0) {
    console.log(`minor accessibility issues on ${where} (not failing the test):\n${describeViolations(minor)}`);
  }
  assert.equal(failing.length, 0, `accessibility violations on ${where}:\n\n${describeViolations(failing)}`);
}
