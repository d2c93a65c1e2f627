// The public portal, without signing in. Staff publish a project (through the
// API) and one of its indicators (ticking the indicator form's new box); a
// second indicator stays private. A visitor with no session opens
// /public/projects, searches, opens the project and finds its timeline, its
// funder and the public indicator's chart, not the private one; an unknown
// reference is a "not found" page. axe finds no violation at all on the list
// nor on the sheet.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertAccessible } from './support/axe.js';
import { launchBrowser, newPage } from './support/browser.js';
import { startServer } from './support/server.js';
import { apiCall, apiCreate, apiToken, signIn } from './support/session.js';

/** `days` from today (UTC), `YYYY-MM-DD`. */
function inDays(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('the public portal', () => {
  let server;
  let browser;
  let admin;
  let project;
  let published;

  const call = (token, method, path, body, headers) => apiCall(server, token, method, path, body, headers);

  const created = (path, body) => apiCreate(server, admin, path, body);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await apiToken(server);

    project = await created('/api/v1/projects', {
      title: 'Tiers-lieu des Tanneurs',
      summary: 'Un lieu partagé pour les artisans du centre ancien.',
      area: 'Quartier des Tanneurs',
      axis: 'Innovation',
      commission_date: inDays(-400),
      total_cost_cents: 1_200_000_00,
    });
    await created('/api/v1/projects', { title: 'Jardin partagé de la Monnaie', axis: 'Attractivité', visibility: 'public' });
    await created('/api/v1/projects', { title: 'Étude interne des Tanneurs', axis: 'Prospective' });
    // Staff publish the project: internal until now.
    const patched = await call(admin, 'PATCH', `/api/v1/projects/${project.id}`, { visibility: 'public' }, { 'If-Match': '"1"' });
    assert.equal(patched.status, 200, await patched.clone().text());

    const region = await created('/api/v1/actors', { name: 'Région Auvergne-Rhône-Alpes', kind: 'funder' });
    await created(`/api/v1/projects/${project.id}/funding-lines`, {
      funder_id: region.id, category: 'public', amount_cents: 300_000_00, status: 'granted',
      requested_on: inDays(-300), decided_on: inDays(-250),
    });
    await created(`/api/v1/projects/${project.id}/transitions`, { to: 'cadrage', date: inDays(-350), motivation: 'Lettre de mission signée' });

    const definition = (name) => ({
      name, unit: 'personnes', level: 'output', direction: 'increase',
      baseline_value: '0', baseline_date: inDays(-365), target_value: '400', target_date: inDays(365),
    });
    published = await created(`/api/v1/projects/${project.id}/indicators`, definition('Visiteurs par mois'));
    const secret = await created(`/api/v1/projects/${project.id}/indicators`, definition('Heures de gardiennage'));
    for (const [indicator, date, value] of [[published, inDays(-180), '120'], [published, inDays(-10), '210'], [secret, inDays(-10), '35']]) {
      await created(`/api/v1/projects/${project.id}/indicators/${indicator.id}/measurements`, { date, value, comment: 'Compté par Léa' });
    }
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('staff publish an indicator from its form', async () => {
    const page = await newPage(browser);
    try {
      await signIn(page, server);
      await page.goto(`${server.baseUrl}/projets/${project.id}/indicateurs/${published.id}`);
      await page.getByText("Modifier l'indicateur").click();
      const box = page.getByLabel('Publier sur le portail public');
      assert.equal(await box.isChecked(), false, 'private until ticked');
      await box.check();
      await page.getByTestId('save-indicator').click();
      await page.getByText(/Visiteurs par mois.*enregistré/).waitFor();
      const read = await (await call(admin, 'GET', `/api/v1/projects/${project.id}/indicators/${published.id}`)).json();
      assert.equal(read.public, true);
    } finally {
      await page.context().close();
    }
  });

  test('a visitor searches, opens the project and sees only what is public', async () => {
    // A fresh context: no session, nothing stored.
    const page = await newPage(browser, { bypassCSP: true });
    try {
      await page.goto(`${server.baseUrl}/public/projects`);
      const rows = page.getByTestId('portal-projects').locator('tbody tr');
      await rows.first().waitFor();
      assert.equal(await rows.count(), 2, 'the two public projects, not the internal one');
      assert.equal(await page.locator('nav.main-nav').count(), 0, 'no staff navigation');
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
      // The open-data files and their dictionary are linked.
      const links = page.getByTestId('open-data');
      assert.equal(await links.getByTestId('open-data-projects-csv').getAttribute('href'), '/api/v1/open-data/projects?format=csv');
      assert.equal(await links.getByTestId('schema-projets.json').getAttribute('href'), '/api/v1/open-data/schemas/projets.json');
      assert.equal(await links.getByTestId('schema-subventions.json').getAttribute('href'), '/api/v1/open-data/schemas/subventions.json');
      assert.equal(await links.getByTestId('open-data-dictionary').getAttribute('href'), '/api/v1/open-data/dictionary');
      const schema = await fetch(`${server.baseUrl}/api/v1/open-data/schemas/projets.json`);
      assert.equal(schema.status, 200);

      // A search, by keyboard: type, then Enter.
      await page.getByLabel('Rechercher', { exact: true }).fill('tanneurs');
      await page.getByLabel('Rechercher', { exact: true }).press('Enter');
      await page.waitForURL(/q=tanneurs/);
      await page.getByTestId(`portal-project-${project.reference}`).waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="portal-projects"] tbody tr').length === 1);
      await assertAccessible(page, '/public/projects', { all: true });

      await page.getByRole('link', { name: project.reference }).click();
      const sheet = page.getByTestId('portal-sheet');
      await sheet.waitFor();
      assert.match(page.url(), new RegExp(`/public/projects/${project.reference}$`));
      await page.getByRole('heading', { level: 1, name: 'Tiers-lieu des Tanneurs' }).waitFor();
      await sheet.getByTestId('portal-step-cadrage').waitFor();
      assert.equal(await sheet.getByTestId('portal-timeline').locator('li').count(), 2);
      const funders = sheet.getByTestId('portal-funders-table');
      assert.match(await funders.innerText(), /Région Auvergne-Rhône-Alpes/);
      assert.match(await funders.innerText(), /300\s000/);
      const indicators = sheet.getByTestId('portal-indicators');
      await indicators.getByRole('heading', { level: 3 }).first().waitFor();
      assert.match(await indicators.innerText(), /Visiteurs par mois/);
      assert.equal(await indicators.getByTestId('portal-indicator-0').locator('svg.chart__drawing circle').count(), 2, 'its two measurements');
      const text = await page.locator('main').innerText();
      for (const hidden of ['Heures de gardiennage', 'Compté par Léa', 'Lettre de mission', 'Étude interne', server.email]) {
        assert.ok(!text.includes(hidden), `${hidden} must not show`);
      }
      await assertAccessible(page, `/public/projects/${project.reference}`, { all: true });

      // An unknown or unpublished reference.
      await page.goto(`${server.baseUrl}/public/projects/1999-999`);
      await page.getByTestId('portal-not-found').waitFor();
      await page.getByRole('heading', { level: 1, name: 'Projet introuvable' }).waitFor();
    } finally {
      await page.context().close();
    }
  });
});
