// Exchange files and webhooks in the browser. An engineer-level user (the
// admin here) imports actors from a CSV file through the wizard: a file with a
// mistake is previewed and its dry run points at the line and column, the
// corrected file is checked then imported, and the actors list exports as CSV
// and XLSX downloads. An administrator subscribes a receiver on the test's
// own machine (after allowing private addresses), and its delivery log shows
// the event delivered. The wizard and the webhook page have no serious or
// critical accessibility violation.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';

import { assertAccessible } from './support/axe.js';
import { launchBrowser, newPage } from './support/browser.js';
import { startServer } from './support/server.js';
import { signIn } from './support/session.js';

/** A CSV file for `setInputFiles`, as a French spreadsheet writes it. */
function csvFile(name, lines) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8') };
}

describe('exchange files and webhooks', () => {
  let server;
  let browser;
  let receiver;
  const received = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // A webhook receiver: answers 204 and keeps what it got.
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(204).end();
      });
    });
    await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  test('actors imported from a CSV file, after a dry run, then exported', async () => {
    const page = await newPage(browser, { bypassCSP: true, acceptDownloads: true });
    try {
      await signIn(page, server);
      await page.goto(`${server.baseUrl}/acteurs`);
      await page.getByTestId('import-actors').click();
      await page.waitForURL((url) => url.pathname === '/acteurs/import');
      await page.getByRole('heading', { level: 1, name: 'Importer un fichier CSV' }).waitFor();
      assert.ok(await page.getByLabel('Des acteurs').isChecked());

      // A file with a mistake: previewed, then pointed at by the dry run.
      await page.locator('#import-file').setInputFiles(
        csvFile('acteurs.csv', [
          'name;kind;commune_insee;tags',
          'Fablab des Tanneurs;association;26281;numérique',
          'Coopérative Bâtir Demain;entreprise_inconnue;26281;',
        ]),
      );
      const preview = page.getByTestId('import-preview');
      await preview.waitFor();
      assert.deepEqual(await preview.locator('thead th').allInnerTexts(), ['Ligne', 'name', 'kind', 'commune_insee', 'tags']);
      assert.equal(await preview.locator('tbody tr').count(), 2);
      await page.getByTestId('import-dry-run').click();
      const problem = page.getByTestId('import-error').first();
      await problem.waitFor();
      const cells = await problem.locator('th, td').allInnerTexts();
      assert.deepEqual(cells.slice(0, 2), ['3', 'kind']);
      assert.equal(await page.getByTestId('import-apply').getAttribute('aria-disabled'), 'true');
      await assertAccessible(page, 'the import wizard with errors');

      // The corrected file: checked, then imported.
      await page.locator('#import-file').setInputFiles(
        csvFile('acteurs-corrige.csv', [
          'name;kind;commune_insee;tags',
          'Fablab des Tanneurs;association;26281;numérique',
          'Coopérative Bâtir Demain;company;26281;',
        ]),
      );
      await preview.locator('caption').filter({ hasText: 'acteurs-corrige.csv' }).waitFor();
      await page.getByTestId('import-dry-run').click();
      await page.getByTestId('import-check-ok').filter({ hasText: '2 à créer' }).waitFor();
      await page.getByTestId('import-apply').click();
      await page.getByRole('status').filter({ hasText: 'Import terminé : 2 créés, 0 mis à jour.' }).waitFor();

      // The list has them, and exports them.
      await page.getByRole('link', { name: 'Acteurs', exact: true }).last().click();
      await page.waitForURL((url) => url.pathname === '/acteurs');
      await page.getByRole('link', { name: 'Fablab des Tanneurs' }).waitFor();
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
      assert.match(csv.suggestedFilename(), /^acteurs-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = await readFile(await csv.path(), 'utf8');
      assert.match(text, /Fablab des Tanneurs/);
      assert.match(text, /Coopérative Bâtir Demain/);
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
      assert.match(xlsx.suggestedFilename(), /^acteurs-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const workbook = await readFile(await xlsx.path());
      assert.equal(workbook.subarray(0, 2).toString(), 'PK', 'an XLSX file is a zip archive');
    } finally {
      await page.context().close();
    }
  });

  test('a webhook on the private network, and its delivery log', async () => {
    const page = await newPage(browser, { bypassCSP: true });
    const hook = `http://127.0.0.1:${receiver.address().port}/innovaction`;
    try {
      await signIn(page, server);
      await page.goto(`${server.baseUrl}/administration/webhooks`);
      await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();

      // Receivers on the private network are refused, until the setting allows them.
      await page.locator('#webhook-url').fill(hook);
      await page.getByLabel('Projet créé').check();
      await page.getByTestId('create-webhook').click();
      await page.locator('#webhook-url-error').filter({ hasText: 'réseau privé' }).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement.id), 'webhook-url');
      await page.getByTestId('webhook-settings').waitFor();
      await page.getByLabel('Autoriser les adresses du réseau privé').check();
      await page.getByTestId('webhook-settings').getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByRole('status').filter({ hasText: 'Réglages enregistrés.' }).waitFor();
      await page.getByTestId('create-webhook').click();
      const panel = page.getByTestId('webhook-secret-panel');
      await panel.waitFor();
      const secret = await page.locator('#webhook-secret-value').inputValue();
      assert.ok(secret.length >= 16);

      // An event: a project created through the API.
      const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: server.email, password: server.password }),
      });
      const { access_token: token } = await login.json();
      const created = await fetch(`${server.baseUrl}/api/v1/projects`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ title: 'Ressourcerie du quartier', axis: 'Innovation' }),
      });
      assert.equal(created.status, 201);

      // Its delivery shows in the log.
      await page.locator('[data-testid="webhooks"] tbody tr').filter({ hasText: hook }).getByRole('link', { name: hook, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: `Webhook ${hook}` }).waitFor();
      const delivered = page.locator('[data-testid="delivery-row"]').filter({ hasText: 'Livré' });
      const deadline = Date.now() + 30_000;
      while ((await delivered.count()) === 0) {
        assert.ok(Date.now() < deadline, 'the delivery was not shown as delivered within 30 s');
        await page.waitForTimeout(500);
        await page.getByRole('button', { name: 'Recharger' }).click();
      }
      const row = delivered.first();
      assert.match(await row.innerText(), /Projet créé/);
      assert.match(await row.innerText(), /\b204\b/);
      assert.ok(received.some((delivery) => delivery.body.includes('Ressourcerie du quartier')));
      await assertAccessible(page, 'the webhook page with its deliveries');

      // Paused from its page.
      await page.getByLabel('Actif : envoyer les événements').uncheck();
      await page.getByTestId('edit-webhook-form').getByRole('button', { name: 'Enregistrer les modifications' }).click();
      await page.getByRole('status').filter({ hasText: 'enregistré' }).waitFor();
      await page.getByText('Inactif').first().waitFor();
    } finally {
      await page.context().close();
    }
  });
});
