// The dashboard and the actor network on the demo portfolio: every headline
// figure the page shows is the API's, written the French way; the network's
// picture has one node per actor and its list the same actors; neither page
// has a serious or critical accessibility violation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertAccessible } from './support/axe.js';
import { launchBrowser, newPage } from './support/browser.js';
import { startServer } from './support/server.js';
import { apiGet, apiToken, signIn } from './support/session.js';

// French number formatting, as the app's format.rs writes it: thousands
// grouped with a narrow no-break space, decimal comma, no-break space before
// units. Compared after normalising spaces (see `same`).
const integer = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
const decimal = (value, digits) => value.toFixed(digits).replace('.', ',');
const millions = (cents) => `${decimal(cents / 100_000_000, 1)}\u00a0M€`;
const leverage = (value) => (value == null ? '—' : `1\u00a0€ → ${decimal(value, 2)}\u00a0€`);
const dividedBy = (value) => (value == null ? '—' : `÷\u00a0${decimal(value, 1)}`);
const times = (value) => (value == null ? '—' : `×\u00a0${decimal(value, 2)}`);
const days = (n) => `${n}\u00a0${Math.abs(n) <= 1 ? 'jour' : 'jours'}`;

/** The same text, whatever kind of space separates its parts. */
function same(actual, expected, what) {
  const normalise = (text) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  assert.equal(normalise(actual), normalise(expected), what);
}

describe('dashboard and network', () => {
  let server;
  let browser;
  let token;

  before(async () => {
    server = await startServer({ seedDemo: true });
    browser = await launchBrowser();
    token = await apiToken(server);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const api = (path) => apiGet(server, token, path);

  /** Every headline card shows the API's figure. */
  async function assertHeadline(page, figures) {
    const text = async (id) => page.getByTestId(id).innerText();
    same(await text('projects-total'), integer(figures.projects_total), 'projects');
    same(await text('investment'), millions(figures.investment_cents), 'investment');
    same(await text('leverage'), leverage(figures.leverage), 'leverage');
    same(await text('actors-engaged'), integer(figures.actors_engaged), 'actors engaged');
    same(await text('overdue-milestones'), integer(figures.overdue_milestones), 'overdue milestones');
    same(await text('funding-gap'), millions(figures.gap_cents), 'funding gap');
    same(await text('investment-capacity-ratio'), times(figures.investment_capacity_ratio), 'investment capacity ratio');
    const last = figures.instruction_days.at(-1);
    same(await text('instruction-median'), last ? days(Math.round(last.median)) : '—', 'instruction median');
    if (figures.instruction_median_ratio == null) {
      assert.equal(await page.getByTestId('instruction-ratio').count(), 0);
    } else {
      same(await text('instruction-ratio'), dividedBy(figures.instruction_median_ratio), 'instruction ratio');
    }
  }

  test('the dashboard shows the API figures, filters through the URL and is accessible', async () => {
    const figures = await api('/api/v1/dashboard');
    // The demo portfolio is the source document's: 96 projects, 1 € → 5 €, ÷ 4.
    assert.equal(figures.projects_total, 96);

    const page = await newPage(browser, { bypassCSP: true });
    try {
      await signIn(page, server);
      await page.goto(`${server.baseUrl}/`);
      await page.getByTestId('projects-total').waitFor();
      await assertHeadline(page, figures);
      same(await page.getByTestId('leverage').innerText(), '1 € → 5,00 €', 'the seed document’s claim');

      // Nine charts (the portfolio's six, the ex-ante scores, the indicators
      // by status, and the CP paid by year of the demo portfolio's
      // programme), each an image with a name and its figures in a table.
      const charts = page.locator('section.chart');
      assert.equal(await charts.count(), 9);
      for (const chart of await charts.all()) {
        const svg = chart.locator('svg[role="img"]');
        assert.ok(await svg.getAttribute('aria-labelledby'));
        assert.ok((await svg.locator('desc').textContent()).trim().length > 0);
        await chart.locator('summary', { hasText: 'Voir les données' }).click();
        assert.ok((await chart.locator('table tbody tr').count()) > 0);
      }
      // The phases table holds the API's counts, in lifecycle order.
      const phaseRows = await page
        .getByTestId('chart-phases')
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((row) => [row.cells[0].textContent, row.cells[1].textContent]));
      assert.deepEqual(phaseRows.slice(0, 3), [
        ['Commande', String(figures.projects_by_phase.commande)],
        ['Cadrage', String(figures.projects_by_phase.cadrage)],
        ['Instruction', String(figures.projects_by_phase.instruction)],
      ]);

      await assertAccessible(page, '/ (dashboard)');

      // A filter goes to the URL, and the figures follow.
      await page.locator('#dashboard-axis').selectOption('Innovation');
      await page.locator('#dashboard-year').fill('2020');
      await page.getByTestId('apply-filters').click();
      await page.waitForURL((url) => url.searchParams.get('axis') === 'Innovation' && url.searchParams.get('year') === '2020');
      const filtered = await api('/api/v1/dashboard?axis=Innovation&year=2020');
      await page.waitForFunction(
        (expected) => document.querySelector('[data-testid="projects-total"]')?.textContent.trim() === expected,
        String(filtered.projects_total),
      );
      await assertHeadline(page, filtered);

      // The URL alone reproduces the view.
      await page.goto(`${server.baseUrl}/?axis=Innovation&year=2020`);
      await page.getByTestId('projects-total').waitFor();
      await assertHeadline(page, filtered);
      assert.equal(await page.locator('#dashboard-axis').inputValue(), 'Innovation');
    } finally {
      await page.context().close();
    }
  });

  test('the network shows the API counts, one node per actor, a list view, and is accessible', async () => {
    const network = await api('/api/v1/network');
    assert.ok(network.nodes.length > 100, `expected the demo network, got ${network.nodes.length} nodes`);

    const page = await newPage(browser, { bypassCSP: true });
    try {
      await signIn(page, server);
      // Through the main navigation, between Acteurs and Programmation.
      const nav = page.getByRole('navigation', { name: 'Navigation principale' });
      const entries = await nav.getByRole('link').allInnerTexts();
      assert.deepEqual(entries.slice(1, 7), ['Projets', 'Feuille de route', 'Acteurs', 'Réseau', 'Programmation', 'Évaluations']);
      await nav.getByRole('link', { name: 'Réseau' }).click();
      await page.waitForURL((url) => url.pathname === '/reseau');
      await page.getByTestId('network-graph').waitFor();

      same(await page.getByTestId('network-nodes').innerText(), integer(network.metrics.node_count), 'nodes');
      same(await page.getByTestId('network-edges').innerText(), integer(network.metrics.edge_count), 'links');
      same(await page.getByTestId('network-isolated').innerText(), integer(network.metrics.isolated), 'isolated');

      // One SVG node per actor of the network, and the same actors.
      const drawn = await page
        .getByTestId('graph-node')
        .evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-actor-id'))));
      assert.equal(drawn.length, network.nodes.length);
      assert.deepEqual(
        [...drawn].sort((a, b) => a - b),
        network.nodes.map((node) => node.actor_id).sort((a, b) => a - b),
      );
      // The most connected actors are listed with links to their pages.
      const top = page.getByTestId('top-connected').getByRole('link');
      assert.equal(await top.count(), network.metrics.top_connected.length);
      assert.equal(await top.first().innerText(), network.metrics.top_connected[0].name);

      // Hovering an actor brings out its partners and names it.
      const hub = network.metrics.top_connected[1];
      await page.locator(`[data-testid="graph-node"][data-actor-id="${hub.actor_id}"] path`).hover();
      await page.getByTestId('graph-info').filter({ hasText: hub.name }).waitFor();
      const dimmed = await page.locator('[data-testid="graph-node"].graph-node--dim').count();
      assert.equal(dimmed, network.nodes.length - 1 - hub.degree);

      await assertAccessible(page, '/reseau (graph)');

      // The list view lists the same actors, with their figures.
      await page.getByTestId('view-list').click();
      const rows = page.getByTestId('network-row');
      await rows.first().waitFor();
      assert.equal(await rows.count(), network.nodes.length);
      const listed = await rows.evaluateAll((rows) => rows.map((row) => row.cells[0].textContent.trim()));
      assert.deepEqual([...listed].sort(), network.nodes.map((node) => node.name).sort());
      const first = network.nodes.find((node) => node.name === listed[0]);
      same(await rows.first().locator('td').nth(1).innerText(), integer(first.degree), 'degree of the first row');
      assert.equal(await page.getByTestId('view-list').getAttribute('aria-pressed'), 'true');

      await assertAccessible(page, '/reseau (list)');

      // Filters go to the URL and the counts follow the API.
      await page.locator('#network-from').fill('2020-01-01');
      await page.locator('#network-to').fill('2021-12-31');
      await page.getByTestId('apply-filters').click();
      await page.waitForURL((url) => url.searchParams.get('from') === '2020-01-01' && url.searchParams.get('to') === '2021-12-31');
      const filtered = await api('/api/v1/network?from=2020-01-01&to=2021-12-31');
      await page.waitForFunction(
        (expected) => document.querySelectorAll('[data-testid="network-row"]').length === expected,
        filtered.nodes.length,
      );
      same(await page.getByTestId('network-edges').innerText(), integer(filtered.metrics.edge_count), 'filtered links');
      await page.getByTestId('view-graph').click();
      await page.getByTestId('network-graph').waitFor();
      assert.equal(await page.getByTestId('graph-node').count(), filtered.nodes.length);
    } finally {
      await page.context().close();
    }
  });
});
