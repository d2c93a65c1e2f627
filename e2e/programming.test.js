// The programme in the browser: the projects × years grid edited with the
// keyboard alone (arrows, Enter, typing, Tab, Escape), a year going over the
// investment capacity and flagged in words, a refusal of the server shown on
// its cell, a stale row reported, the spreadsheet downloaded, and a scenario
// built and compared with the plan. The page has no serious or critical
// accessibility violation.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import { assertAccessible } from './support/axe.js';
import { launchBrowser, newPage } from './support/browser.js';
import { startServer } from './support/server.js';
import { apiToken, signIn } from './support/session.js';

const EUROS = 100;

/** The same text, whatever kind of space separates its parts. */
function same(actual, expected, what) {
  const normalise = (text) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  assert.equal(normalise(actual), normalise(expected), what);
}

describe('programme', () => {
  let server;
  let browser;
  let token;
  let p1;
  let p2;

  async function api(method, path, body, version) {
    const headers = { Authorization: `Bearer ${token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (version !== undefined) headers['If-Match'] = `"${version}"`;
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
    return response.status === 204 ? null : response.json();
  }

  async function setCredits(project, years) {
    const current = await api('GET', `/api/v1/projects/${project.id}/payment-credits`);
    return api('PUT', `/api/v1/projects/${project.id}/payment-credits`, { years }, current.version);
  }

  const credit = (year, planned, paid = 0) => ({ year, planned_cents: planned * EUROS, paid_cents: paid * EUROS });

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    token = await apiToken(server);

    // Two programmed projects: the media library under an AP of 1 M€, with a
    // Region grant expected in 2026; the gymnasium without an AP.
    const region = await api('POST', '/api/v1/actors', { name: 'Région Auvergne-Rhône-Alpes', kind: 'region_department' });
    p1 = await api('POST', '/api/v1/projects', {
      title: 'Médiathèque des Tanneurs',
      axis: 'Investissement',
      commission_date: '2024-01-15',
      total_cost_cents: 1_000_000 * EUROS,
    });
    p2 = await api('POST', '/api/v1/projects', {
      title: 'Gymnase Jean Jaurès',
      axis: 'Investissement',
      commission_date: '2024-02-01',
      total_cost_cents: 800_000 * EUROS,
    });
    await api('POST', `/api/v1/projects/${p1.id}/ap-revisions`, {
      amount_cents: 1_000_000 * EUROS,
      voted_on: '2024-03-20',
      deliberation_ref: 'DEL-2024-031',
    });
    await setCredits(p1, [credit(2025, 400_000), credit(2026, 300_000)]);
    await setCredits(p2, [credit(2025, 200_000), credit(2026, 100_000)]);
    const line = await api('POST', `/api/v1/projects/${p1.id}/funding-lines`, {
      funder_id: region.id,
      category: 'public',
      amount_cents: 300_000 * EUROS,
      status: 'granted',
      scheme: 'Contrat de territoire',
    });
    await api(
      'PUT',
      `/api/v1/projects/${p1.id}/funding-lines/${line.id}/schedule`,
      { years: [{ year: 2026, expected_cents: 200_000 * EUROS, received_cents: 0 }] },
      line.version,
    );
    await api('PUT', '/api/v1/settings/investment-capacity', {
      years: [
        { year: 2025, capacity_cents: 700_000 * EUROS },
        { year: 2026, capacity_cents: 500_000 * EUROS },
        { year: 2027, capacity_cents: 300_000 * EUROS },
      ],
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The id of the element that has the keyboard. */
  const focused = (page) => page.evaluate(() => document.activeElement?.id ?? '');

  /** Waits until the totals row `key` shows `text` for `year`. */
  async function total(page, key, year, text) {
    const cell = page.getByTestId(`total-${key}-${year}`);
    const normalise = (value) => value.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
    await page.waitForFunction(
      ([id, expected]) =>
        document.querySelector(`[data-testid="${id}"]`)?.textContent.replace(/[\s\u00a0\u202f]+/g, ' ').trim() ===
        expected,
      [`total-${key}-${year}`, normalise(text)],
    );
    return cell;
  }

  test('the grid is edited by keyboard, flags the years over capacity and builds a scenario', async () => {
    const page = await newPage(browser, { bypassCSP: true });
    try {
      await signIn(page, server);
      // Through the main navigation.
      await page.getByRole('link', { name: 'Programmation', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/programmation');
      await page.getByTestId('programme-grid').waitFor();
      // Four years: the fourth has room for a project moved by a scenario.
      await page.locator('#programme-from').fill('2025');
      await page.locator('#programme-to').fill('2028');
      await page.getByTestId('apply-filters').click();
      await page.waitForURL((url) => url.search.includes('to=2028'));
      await page.getByTestId('year-header-2028').waitFor();

      const grid = page.getByTestId('programme-grid');
      assert.equal(await grid.getAttribute('role'), 'grid');
      await total(page, 'planned', 2025, '600 000 €');
      await total(page, 'need', 2026, '200 000 €');
      same(await page.getByTestId('capacity-state-2025').innerText(), 'Dans la capacité');
      assert.equal(await page.getByTestId('over-capacity-years').count(), 0);

      // Columns: project, AP, 2025 … 2028, total. The keyboard starts on
      // the media library's 2025 cell, then moves down and right.
      await page.getByTestId(`cell-${p1.id}-2025`).click();
      assert.equal(await focused(page), 'grid-cell-0-2');
      await page.keyboard.press('ArrowDown');
      assert.equal(await focused(page), 'grid-cell-1-2');
      await page.keyboard.press('ArrowRight');
      assert.equal(await focused(page), 'grid-cell-1-3');
      assert.equal(await page.locator('#grid-cell-1-3').getAttribute('tabindex'), '0');
      assert.equal(await page.locator('#grid-cell-0-2').getAttribute('tabindex'), '-1');

      // Enter edits the gymnasium's 2026 from its value; typing replaces it;
      // Enter keeps it and saves the row.
      await page.keyboard.press('Enter');
      const editor = page.locator('#grid-editor');
      await editor.waitFor();
      assert.equal(await focused(page), 'grid-editor');
      same(await editor.inputValue(), '100 000');
      assert.match(await editor.getAttribute('aria-label'), /2026/);
      await page.keyboard.type('250000');
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'Gymnase Jean Jaurès enregistrés' }).waitFor();
      await total(page, 'planned', 2026, '550 000 €');
      await total(page, 'need', 2026, '350 000 €');
      same(await page.getByTestId(`cell-${p2.id}-2026`).innerText(), '250 000 €');

      // Typing a digit on a cell starts editing from it; Tab keeps the
      // value and moves right. 2027: 400 000 € needed for 300 000 € of
      // capacity, flagged in words and for screen readers.
      await page.getByTestId(`cell-${p2.id}-2027`).click();
      await page.keyboard.press('4');
      await editor.waitFor();
      await page.keyboard.type('00000');
      await page.keyboard.press('Tab');
      await page.getByTestId('capacity-state-2027').filter({ hasText: 'Au-delà de la capacité' }).waitFor();
      assert.equal(await focused(page), 'grid-cell-1-5');
      await total(page, 'need', 2027, '400 000 €');
      const header = page.getByTestId('year-header-2027');
      assert.match(await header.innerText(), /⚠/);
      assert.match(await header.textContent(), /au-delà de la capacité/);
      assert.match(await page.getByTestId('over-capacity-years').innerText(), /2027/);
      const flagged = await page.getByTestId('chart-need').locator('desc').textContent();
      assert.match(flagged, /2027 400\s000\s€ pour une capacité de 300\s000\s€, au-delà/);

      // Escape gives the typed value up: nothing is sent.
      await page.getByTestId(`cell-${p1.id}-2025`).click();
      await page.keyboard.press('Enter');
      await editor.waitFor();
      await page.keyboard.type('999');
      await page.keyboard.press('Escape');
      await editor.waitFor({ state: 'detached' });
      assert.equal(await focused(page), 'grid-cell-0-2');
      same(await page.getByTestId(`cell-${p1.id}-2025`).innerText(), '400 000 €');

      // Over the AP: the server's refusal is shown on the cell it concerns.
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      assert.equal(await focused(page), 'grid-cell-0-4');
      await page.keyboard.type('500000');
      await page.keyboard.press('Enter');
      const problem = page.getByTestId(`grid-problem-${p1.id}`);
      await problem.filter({ hasText: "dépassent au total l'autorisation de programme" }).waitFor();
      const refused = page.getByTestId(`cell-${p1.id}-2027`);
      assert.equal(await refused.getAttribute('aria-invalid'), 'true');
      const describedBy = await refused.getAttribute('aria-describedby');
      assert.match(await page.locator(`#${describedBy}`).innerText(), /2027/);
      // Corrected, it is saved and the problem goes.
      await refused.click();
      await page.keyboard.press('Enter');
      await editor.waitFor();
      same(await editor.inputValue(), '500000');
      await page.keyboard.type('300000');
      await page.keyboard.press('Enter');
      await problem.waitFor({ state: 'detached' });
      same(await refused.innerText(), '300 000 €');
      await total(page, 'planned', 2027, '700 000 €');
      const saved = await api('GET', `/api/v1/projects/${p1.id}/payment-credits`);
      assert.deepEqual(
        saved.years.map((y) => [y.year, y.planned_cents / EUROS]),
        [
          [2025, 400_000],
          [2026, 300_000],
          [2027, 300_000],
        ],
      );

      // Someone else changes the gymnasium meanwhile: the grid's version is
      // stale, the row is not saved and the page says so.
      await setCredits(p2, [credit(2025, 150_000), credit(2026, 250_000), credit(2027, 400_000)]);
      await page.getByTestId(`cell-${p2.id}-2025`).click();
      await page.keyboard.type('1');
      await page.keyboard.press('Enter');
      await page.getByTestId(`grid-problem-${p2.id}`).filter({ hasText: 'modifié ce projet entre-temps' }).waitFor();
      await page.getByTestId('grid-reload').click();
      await page.getByTestId(`grid-problem-${p2.id}`).waitFor({ state: 'detached' });
      await total(page, 'planned', 2025, '550 000 €');
      same(await page.getByTestId(`cell-${p2.id}-2025`).innerText(), '150 000 €');

      // The grid as a spreadsheet.
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
      assert.match(xlsx.suggestedFilename(), /^programmation-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const workbook = await readFile(await xlsx.path());
      assert.equal(workbook.subarray(0, 2).toString(), 'PK', 'an XLSX file is a zip archive');

      // A scenario: the media library a year later, the gymnasium left out.
      await page.locator(`#scenario-name`).fill('Report de la médiathèque');
      await page.locator(`#scenario-shift-${p1.id}`).fill('1');
      await page.locator(`#scenario-exclude-${p2.id}`).check();
      await page.getByTestId('create-scenario').click();
      const item = page.getByTestId('scenario-list').locator('li', { hasText: 'Report de la médiathèque' });
      await item.waitFor();
      assert.match(await item.innerText(), /décalé d'un an/);
      assert.match(await item.innerText(), /Gymnase Jean Jaurès laissé de côté/);
      const difference = item.locator('table[data-testid^="scenario-difference-"]');
      await difference.waitFor();
      // Plan: 2025 550 000 €, 2026 550 000 − 200 000 €, 2027 700 000 €, 2028 0.
      // Scenario: the media library's CP and its Region receipt a year later.
      const cell = (name, year) => difference.locator(`[data-testid="${name}-${year}"]`);
      same(await cell('scenario-need-difference', 2025).innerText(), '-550 000 €');
      same(await cell('scenario-need-difference', 2026).innerText(), '+50 000 €');
      same(await cell('scenario-need-difference', 2027).innerText(), '-600 000 €');
      same(await cell('scenario-need-difference', 2028).innerText(), '+300 000 €');
      same(await cell('scenario-cp-difference', 2028).innerText(), '+300 000 €');
      same(await cell('scenario-state', 2027).innerText(), 'Dans la capacité');
      const toggle = item.getByRole('button', { name: /Masquer les écarts/ });
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      // Nothing in the plan moved.
      await total(page, 'need', 2027, '700 000 €');
      await toggle.click();
      await difference.waitFor({ state: 'detached' });
      assert.equal(await item.getByRole('button', { name: /Voir les écarts/ }).getAttribute('aria-expanded'), 'false');

      // The page, its grid, chart and scenarios, for assistive technologies.
      await assertAccessible(page, 'the programme');

      // Deleted, it leaves the list.
      page.once('dialog', (dialog) => dialog.accept());
      await item.getByRole('button', { name: /Supprimer/ }).click();
      await page.getByTestId('no-scenarios').waitFor();
    } finally {
      await page.context().close();
    }
  });

  test('the project page shows the AP votes, the CP by year and the schedules', async () => {
    const page = await newPage(browser);
    try {
      await signIn(page, server);
      await page.goto(`${server.baseUrl}/projets/${p1.id}`);
      await page.getByTestId('ap-revisions').waitFor();
      same(await page.getByTestId('ap-in-force').innerText(), '1 000 000 €');

      // A new vote raises the AP.
      await page.locator('#ap-amount').fill('1 200 000');
      await page.locator('#ap-voted-on').fill('2025-03-10');
      await page.locator('#ap-deliberation').fill('DEL-2025-012');
      await page.getByTestId('submit-ap-revision').click();
      await page.getByTestId('ap-in-force').filter({ hasText: '200' }).waitFor();
      same(await page.getByTestId('ap-in-force').innerText(), '1 200 000 €');
      assert.equal(await page.getByTestId('ap-revisions').locator('tbody tr').count(), 2);

      // The CP table: 2025 paid beyond what was planned is refused on its input.
      await page.locator('#cp-0-paid_cents').fill('450 000');
      await page.getByTestId('save-credits').click();
      await page.locator('#cp-0-paid_cents-error').waitFor();
      assert.equal(await page.locator('#cp-0-paid_cents').getAttribute('aria-invalid'), 'true');
      await page.locator('#cp-0-paid_cents').fill('350 000');
      await page.getByTestId('save-credits').click();
      await page.getByRole('status').filter({ hasText: 'Crédits de paiement enregistrés.' }).waitFor();
      const credits = await api('GET', `/api/v1/projects/${p1.id}/payment-credits`);
      assert.equal(credits.years[0].paid_cents, 350_000 * EUROS);

      // The Region line's schedule: its receipt received in 2026.
      const schedule = page.locator('[data-testid^="schedule-of-"]').first();
      await schedule.locator('input[id$="-0-received_cents"]').waitFor();
      await schedule.locator('input[id$="-0-received_cents"]').fill('200 000');
      await schedule.getByRole('button', { name: "Enregistrer l'échéancier" }).click();
      await schedule.getByRole('status').filter({ hasText: 'enregistré' }).waitFor();
      assert.match(await page.getByTestId('funding-lines').innerText(), /Contrat de territoire/);
    } finally {
      await page.context().close();
    }
  });
});
