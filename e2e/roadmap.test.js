// The roadmap in the browser: reached from the main navigation, it draws a
// project's phases as bars, its decision as a diamond and its milestones as
// dots (filled once reached); the project list's filters change its rows and
// stay in the URL; its data is also a table; it prints without the
// navigation and filters; and axe finds nothing wrong with it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertAccessible } from './support/axe.js';
import { launchBrowser, newPage } from './support/browser.js';
import { startServer } from './support/server.js';
import { apiToken, signIn } from './support/session.js';

describe('roadmap', () => {
  let server;
  let browser;
  let token;
  let decided;
  let scoping;

  async function api(method, path, body) {
    const headers = { Authorization: `Bearer ${token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
    return response.status === 204 ? null : response.json();
  }

  /** The default ex-ante grid, every criterion scored: the decision gate opens. */
  async function submitExAnte(project) {
    const [grid] = await api('GET', '/api/v1/evaluation-grids?kind=ex_ante');
    const scores = Object.fromEntries(grid.criteria.map((c) => [c.key, { score: 4, comment: 'vu' }]));
    const draft = await api('POST', `/api/v1/projects/${project.id}/evaluations`, {
      kind: 'ex_ante',
      grid_id: grid.id,
      scores,
      recommendation: 'go',
    });
    await api('POST', `/api/v1/projects/${project.id}/evaluations/${draft.id}/submit`, {});
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    token = await apiToken(server);

    // A project carried out after a go, with a milestone reached and one
    // ahead; another still being scoped, on another axis.
    decided = await api('POST', '/api/v1/projects', {
      title: 'Tiers-lieu des Tanneurs',
      axis: 'Innovation',
      commission_date: '2024-01-15',
    });
    const move = (project, body) => api('POST', `/api/v1/projects/${project.id}/transitions`, body);
    await move(decided, { to: 'cadrage', date: '2024-02-01', motivation: 'Lettre de cadrage' });
    await move(decided, { to: 'instruction', date: '2024-04-01', motivation: 'Études lancées' });
    await submitExAnte(decided);
    await move(decided, { to: 'decision', date: '2024-06-10', motivation: 'Conseil municipal', outcome: 'go' });
    await move(decided, { to: 'realisation', date: '2024-07-01', motivation: 'Travaux' });
    await api('POST', `/api/v1/projects/${decided.id}/milestones`, {
      title: 'Permis de construire',
      due_date: '2024-09-01',
      done_date: '2024-08-20',
    });
    await api('POST', `/api/v1/projects/${decided.id}/milestones`, { title: 'Ouverture', due_date: '2026-03-01' });

    scoping = await api('POST', '/api/v1/projects', {
      title: 'Halle gourmande',
      axis: 'Attractivité',
      commission_date: '2024-09-01',
    });
    await move(scoping, { to: 'cadrage', date: '2024-10-01', motivation: 'Périmètre' });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const rows = (page) => page.locator('[data-testid^="roadmap-row-"]');

  test('draws phases, decisions and milestones, filters like the list, prints and passes axe', async () => {
    // axe is injected as an inline script, which the server's CSP forbids.
    const page = await newPage(browser, { bypassCSP: true });
    try {
      await signIn(page, server);
      await page.getByRole('link', { name: 'Feuille de route', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/feuille-de-route');
      await page.getByTestId('roadmap-chart').waitFor();
      assert.equal(await rows(page).count(), 2);

      // The decided project: its five phases, the go, both milestones.
      const row = page.getByTestId(`roadmap-row-${decided.id}`);
      const phases = await row.locator('rect.roadmap__bar').evaluateAll((bars) => bars.map((b) => b.dataset.phase));
      assert.deepEqual(phases, ['commande', 'cadrage', 'instruction', 'decision', 'realisation']);
      const diamond = row.locator('polygon.roadmap__decision');
      assert.equal(await diamond.count(), 1);
      assert.equal(await diamond.getAttribute('data-kind'), 'go');
      assert.match(await diamond.locator('title').textContent(), /^Go le 10\s+juin\s+2024$/);
      const dots = await row.locator('circle.roadmap__milestone').evaluateAll((c) => c.map((d) => d.dataset.done));
      assert.deepEqual(dots.sort(), ['false', 'true']);
      assert.match(await row.locator('rect.roadmap__bar').first().locator('title').textContent(), /^Commande/);
      await page.getByTestId('roadmap-today').waitFor();

      // Each project's link is a real, focusable link to its page.
      const link = row.getByRole('link', { name: `${decided.reference} Tiers-lieu des Tanneurs` });
      await link.focus();
      assert.equal(await link.evaluate((a) => a === document.activeElement), true);

      // The same data as text.
      await page.getByTestId('roadmap-data').locator('summary').click();
      const table = page.getByTestId('roadmap-table');
      await table.getByText('Permis de construire', { exact: false }).waitFor();
      assert.match(await table.textContent(), /Réalisation\s*:\s*depuis le 1\s+juillet\s+2024/);

      // The list's filters: by phase, then by axis, kept in the URL.
      await page.locator('#project-phase').selectOption('cadrage');
      await page.getByTestId('apply-filters').click();
      await page.waitForURL((url) => url.search.includes('phase=cadrage'));
      await page.getByTestId(`roadmap-row-${scoping.id}`).waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid^="roadmap-row-"]').length === 1);
      await page.locator('#project-phase').selectOption('');
      await page.locator('#project-axis').selectOption('Innovation');
      await page.getByTestId('apply-filters').click();
      await page.waitForURL((url) => url.search.includes('axis=Innovation'));
      await page.getByTestId(`roadmap-row-${decided.id}`).waitFor();
      assert.equal(await rows(page).count(), 1);
      await page.locator('#project-q').fill('introuvable');
      await page.getByTestId('apply-filters').click();
      await page.getByTestId('no-roadmap').waitFor();
      await page.getByRole('button', { name: 'Tout effacer' }).click();
      await page.getByTestId(`roadmap-row-${scoping.id}`).waitFor();
      assert.equal(await rows(page).count(), 2);

      // Printing: the button is there; print media hide the header, the
      // navigation and the filters, and keep the drawing.
      const print = page.getByTestId('print-roadmap');
      assert.equal(await print.textContent(), 'Imprimer');
      await page.emulateMedia({ media: 'print' });
      for (const selector of ['.main-nav', '.app-header', 'form[role="search"]', '[data-testid="print-roadmap"]']) {
        assert.equal(await page.locator(selector).first().isVisible(), false, `${selector} is printed`);
      }
      assert.equal(await page.locator('.main-nav').evaluate((e) => getComputedStyle(e).display), 'none');
      assert.equal(await page.getByTestId('roadmap-chart').isVisible(), true);
      await page.emulateMedia({ media: 'screen' });
      assert.equal(await page.locator('.main-nav').isVisible(), true);

      // Nothing for axe to report, with the data table open.
      await assertAccessible(page, 'the roadmap', { all: true });
    } finally {
      await page.close();
    }
  });
});
