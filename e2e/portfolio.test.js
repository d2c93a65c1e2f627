// The portfolio in the browser: an actor and a project created through the
// forms, a lifecycle move through the "Changer de phase" dialog, and the
// financing plan whose leverage figure follows the funding lines.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, newPage } from './support/browser.js';
import { startServer } from './support/server.js';
import { apiToken, signIn } from './support/session.js';

// A real SIRET (its Luhn key is right), as the server checks it.
const SIRET = '732 829 320 00074';

describe('portfolio', () => {
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

  /** Other funders, created through the API: the form is exercised once, below. */
  async function createActorsByApi(actors) {
    const token = await apiToken(server);
    for (const actor of actors) {
      const created = await fetch(`${server.baseUrl}/api/v1/actors`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(actor),
      });
      assert.equal(created.status, 201, await created.clone().text());
    }
  }

  /** Picks `name` in an actor picker: search, then choose among the matches. */
  async function pickActor(page, id, name) {
    await page.locator(`#${id}-search`).fill(name);
    const option = page.locator(`#${id} option`, { hasText: name });
    await option.first().waitFor({ state: 'attached' });
    await page.locator(`#${id}`).selectOption(await option.first().getAttribute('value'));
  }

  async function addFundingLine(page, { funder, category, amount, status }) {
    const rows = page.locator('[data-testid="funding-lines"] tbody tr');
    const before = await rows.count();
    await pickActor(page, 'funding-funder', funder);
    await page.locator('#funding-category').selectOption(category);
    await page.locator('#funding-amount').fill(amount);
    await page.locator('#funding-status').selectOption(status);
    await page.getByTestId('submit-funding-line').click();
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="funding-lines"] tbody tr').length === count,
      before + 1,
    );
  }

  test('an actor, a project, a phase change and a financing plan with its leverage', async () => {
    const page = await newPage(browser);
    try {
      await signIn(page, server);

      // A new actor, through "Nouvel acteur".
      await page.goto(`${server.baseUrl}/acteurs`);
      await page.getByTestId('new-actor').click();
      await page.locator('#actor-name').fill('Ville de Romans-sur-Isère');
      await page.locator('#actor-kind').selectOption('municipality');
      await page.locator('#actor-siret').fill(SIRET);
      await page.locator('#actor-commune').fill('26281');
      await page.getByTestId('save-actor').click();
      await page.waitForURL(/\/acteurs\/\d+$/);
      await page.getByRole('heading', { level: 1, name: 'Ville de Romans-sur-Isère' }).waitFor();
      assert.equal(await page.getByTestId('actor-siret').innerText(), '73282932000074');

      // The same SIRET again: the server refuses, and says so next to the field.
      await page.goto(`${server.baseUrl}/acteurs`);
      await page.getByTestId('new-actor').click();
      await page.locator('#actor-name').fill('Doublon');
      await page.locator('#actor-kind').selectOption('company');
      await page.locator('#actor-siret').fill(SIRET);
      await page.getByTestId('save-actor').click();
      await page.locator('#actor-siret-error').waitFor();
      assert.equal(await page.locator('#actor-siret').getAttribute('aria-invalid'), 'true');
      assert.match(await page.locator('#actor-siret').getAttribute('aria-describedby'), /actor-siret-error/);
      // ...and points to the actor that has it.
      await page.getByTestId('siret-holder').filter({ hasText: 'Ville de Romans-sur-Isère' }).waitFor();
      assert.match(new URL(page.url()).pathname, /^\/acteurs$/);

      await createActorsByApi([
        { name: 'Région Auvergne-Rhône-Alpes', kind: 'region_department' },
        { name: 'Fondation des Territoires', kind: 'funder' },
      ]);

      // A new project, through "Nouveau projet".
      await page.goto(`${server.baseUrl}/projets`);
      await page.getByRole('link', { name: 'Nouveau projet' }).click();
      await page.waitForURL(/\/projets\/nouveau$/);
      await page.locator('#project-title').fill('Tiers-lieu numérique des Tanneurs');
      await page.locator('#project-axis').selectOption('Innovation');
      await page.getByLabel('Sociale').check();
      await page.locator('#project-total-cost').fill('600 000');
      await page.getByTestId('save-project').click();
      await page.waitForURL(/\/projets\/\d+$/);
      await page.getByRole('heading', { level: 1, name: 'Tiers-lieu numérique des Tanneurs' }).waitFor();
      assert.match(await page.getByTestId('project-phase').innerText(), /Commande/);
      assert.match(await page.getByTestId('project-reference').innerText(), /\d{4}-\d{3}/);

      // "Changer de phase" offers only the allowed moves.
      await page.getByTestId('change-phase').click();
      const dialog = page.getByRole('dialog', { name: 'Changer de phase' });
      await dialog.waitFor();
      const offered = await dialog.locator('input[name="transition-to"]').evaluateAll((inputs) =>
        inputs.map((input) => input.value),
      );
      assert.deepEqual(offered, ['cadrage', 'suspendu', 'abandonne']);
      await dialog.getByLabel('Cadrage').check();
      await dialog.locator('#transition-motivation').fill('Lettre de commande signée, comité de lancement tenu.');
      await dialog.getByTestId('confirm-transition').click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByTestId('project-phase').filter({ hasText: 'Cadrage' }).waitFor();
      await page.getByTestId('timeline').filter({ hasText: 'comité de lancement' }).waitFor();

      // The financing plan: no city money yet, so no leverage.
      const leverage = page.getByTestId('leverage');
      assert.equal((await leverage.innerText()).trim(), '—');

      await addFundingLine(page, {
        funder: 'Ville de Romans-sur-Isère',
        category: 'city',
        amount: '100 000',
        status: 'granted',
      });
      await leverage.filter({ hasText: '0,00' }).waitFor();

      await addFundingLine(page, {
        funder: 'Région Auvergne-Rhône-Alpes',
        category: 'public',
        amount: '300 000',
        status: 'granted',
      });
      await addFundingLine(page, {
        funder: 'Fondation des Territoires',
        category: 'private',
        amount: '200 000',
        status: 'granted',
      });
      // 1 € of the town's brings 5 € from the others, as in the source document.
      await leverage.filter({ hasText: '5,00' }).waitFor();
      assert.match(await leverage.innerText(), /1\s€ → 5,00\s€/);
      assert.match(await page.getByTestId('finance-secured').innerText(), /^600\s000\s€$/);
      assert.match(await page.getByTestId('finance-gap').innerText(), /^0\s€$/);
    } finally {
      await page.context().close();
    }
  });
});
