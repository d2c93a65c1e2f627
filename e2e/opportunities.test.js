// Funding opportunities and notifications in the browser. An engineer adds an
// opportunity to the catalogue through its form; the project it suits, which
// they lead, lists it among its matches with the reasons and the deadline, and
// the bell in the header counts the notification it made. They apply for it,
// and the financing plan shows the planned line with its deadline badge, as
// does the project list. A colleague moves the project's phase through the
// API: one more notification, then two more. The notifications page opens
// one (marking it read), marks one read where it stands, then the rest; the
// preferences page refuses a reminder
// given twice and saves the corrected ones. Another opportunity comes in from
// an Aides-territoires export through the import wizard. The catalogue and the
// notifications page have no serious or critical accessibility violation.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import { assertAccessible } from './support/axe.js';
import { launchBrowser, newPage } from './support/browser.js';
import { startServer } from './support/server.js';
import { signIn } from './support/session.js';

/** `days` from today, as the server counts days (UTC), `YYYY-MM-DD`. */
function inDays(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const COLLEAGUE = {
  email: 'lea.martin@ville.example',
  display_name: 'Léa Martin',
  role: 'engineer',
  password: 'Chantier-des-Tanneurs-2026!',
};

describe('funding opportunities and notifications', () => {
  let server;
  let browser;
  let admin;
  let project;

  async function login(email, password) {
    const response = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()).access_token;
  }

  async function call(token, method, path, body) {
    return fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function created(token, path, body) {
    const response = await call(token, 'POST', path, body);
    assert.equal(response.status, 201, `${path}: ${await response.clone().text()}`);
    return response.json();
  }

  /** Waits until the bell's words say `label`. */
  async function bellSays(page, label) {
    await page.getByTestId('notification-bell-label').filter({ hasText: new RegExp(`^${label}$`) }).waitFor();
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await login(server.email, server.password);
    const me = await (await call(admin, 'GET', '/api/v1/me')).json();
    // Led by the signed-in user: a matching opportunity notifies them.
    project = await created(admin, '/api/v1/projects', {
      title: 'Rénovation énergétique de l’école Jean-Jaurès',
      axis: 'Innovation',
      commission_date: inDays(-60),
      lead_id: me.id,
      commune_insee: '26281',
      total_cost_cents: 600_000_00,
    });
    await created(admin, '/api/v1/users', COLLEAGUE);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a new opportunity, the project that suits it, the application and the notifications', async () => {
    const page = await newPage(browser, { bypassCSP: true });
    const deadline = inDays(20);
    try {
      await signIn(page, server);
      await bellSays(page, 'Aucune notification non lue');

      // The catalogue is empty; an opportunity is added through its form.
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Opportunités' }).click();
      await page.waitForURL((url) => url.pathname === '/opportunites');
      await page.getByTestId('no-opportunities').waitFor();
      await page.getByTestId('new-opportunity').click();
      const form = page.getByTestId('opportunity-form');
      await form.waitFor();
      // Reversed rates are refused before anything is sent.
      await page.locator('#opportunity-name').fill('Fonds vert — rénovation énergétique des écoles');
      await page.locator('#opportunity-funder-name').fill('Préfecture de la Drôme');
      await page.locator('#opportunity-rate-min').fill('60');
      await page.locator('#opportunity-rate-max').fill('40');
      await page.getByTestId('save-opportunity').click();
      await page.locator('#opportunity-rate-max-error').waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'opportunity-rate-max');

      await page.locator('#opportunity-scheme').fill('Fonds vert');
      await form.getByLabel('Subvention').check();
      await form.getByRole('group', { name: 'Axes stratégiques' }).getByLabel('Innovation').check();
      await page.locator('#opportunity-perimeter').fill('26');
      await page.locator('#opportunity-rate-min').fill('20');
      await page.locator('#opportunity-deadline').fill(deadline);
      await page.getByTestId('save-opportunity').click();
      await page.waitForURL(/\/opportunites\/\d+$/);
      const opportunityId = Number(new URL(page.url()).pathname.split('/').pop());
      await page.getByRole('heading', { level: 1, name: 'Fonds vert — rénovation énergétique des écoles' }).waitFor();

      // It suits the project its user leads: the bell counts one, at the next navigation.
      await bellSays(page, '1 notification non lue');
      assert.equal((await page.locator('.bell__count').innerText()).trim(), '1');

      // The project lists it among its matches, with why and until when.
      await page.goto(`${server.baseUrl}/projets/${project.id}`);
      const match = page.getByTestId(`opportunity-match-${opportunityId}`);
      await match.waitFor();
      const reasons = await match.getByTestId('opportunity-reasons').locator('li').allInnerTexts();
      assert.ok(reasons.includes('axe « Innovation »'), reasons.join(' | '));
      assert.ok(reasons.includes('le département du projet est dans le périmètre'), reasons.join(' | '));
      await match.getByTestId('opportunity-deadline').filter({ hasText: 'Clôture dans 20 jours' }).waitFor();

      // Applying, with an amount of its own: the plan shows the planned line.
      const lines = page.locator('[data-testid="funding-lines"] tbody tr');
      assert.equal(await lines.count(), 0);
      await match.getByTestId('apply-opportunity').click();
      await match.getByLabel('Montant demandé en euros (facultatif)').fill('150 000');
      await match.getByTestId('confirm-application').click();
      await match.getByTestId('see-financing').waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'see-financing');
      await page
        .getByRole('status')
        .filter({ hasText: 'une ligne prévue de 150 000 € auprès de Préfecture de la Drôme' })
        .waitFor();
      const line = lines.filter({ hasText: 'Préfecture de la Drôme' });
      await line.waitFor();
      assert.match(await line.innerText(), /150\s000\s€/);
      assert.match(await line.innerText(), /Prévu/);
      await line.locator('[data-testid^="funding-deadline-"]').filter({ hasText: 'Dépôt dans 20 jours' }).waitFor();
      // Applying twice is not offered.
      assert.equal(await match.getByTestId('apply-opportunity').count(), 0);
      await assertAccessible(page, 'the project page with its opportunities');

      // A colleague moves the project on: one more notification for its lead.
      const colleague = await login(COLLEAGUE.email, COLLEAGUE.password);
      await created(colleague, `/api/v1/projects/${project.id}/transitions`, {
        to: 'cadrage',
        date: inDays(0),
        motivation: 'Lettre de commande signée.',
      });

      // The project list flags the coming deadline; the bell counts two.
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Projets' }).click();
      await page.waitForURL((url) => url.pathname === '/projets');
      await page.getByTestId(`project-deadline-${project.id}`).filter({ hasText: 'Dépôt dans 20 jours' }).waitFor();
      await bellSays(page, '2 notifications non lues');

      // The notifications, newest first, both unread.
      await page.getByTestId('notification-bell').click();
      await page.waitForURL((url) => url.pathname === '/notifications');
      const items = page.getByTestId('notifications').locator('> li');
      await items.nth(1).waitFor();
      assert.equal(await items.count(), 2);
      assert.match(await items.nth(0).innerText(), /Commande → Cadrage|commande → cadrage/);
      assert.match(await items.nth(1).innerText(), /Fonds vert — rénovation énergétique des écoles/);
      assert.equal(await page.getByTestId('unread-tag').count(), 2);
      await assertAccessible(page, 'the notifications page');

      // Opening one follows its link and marks it read.
      await items.nth(1).getByTestId('notification-link').click();
      await page.waitForURL((url) => url.pathname === `/projets/${project.id}/opportunites`);
      await page.getByTestId(`opportunity-match-${opportunityId}`).waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'opportunites');
      await bellSays(page, '1 notification non lue');

      // Into instruction: the phase change, and the ex-ante evaluations awaited.
      await created(colleague, `/api/v1/projects/${project.id}/transitions`, {
        to: 'instruction',
        date: inDays(0),
        motivation: 'Cadrage validé en comité.',
      });
      await page.getByTestId('notification-bell').click();
      await page.waitForURL((url) => url.pathname === '/notifications');
      await bellSays(page, '3 notifications non lues');
      await items.nth(3).waitFor();
      assert.equal(await page.getByTestId('unread-tag').count(), 3);

      // One marked read where it stands: focus stays on it.
      const newest = items.nth(0);
      const newestTitle = (await newest.getByTestId('notification-link').innerText()).trim();
      await newest.getByTestId('mark-read').click();
      await page.getByRole('status').filter({ hasText: `« ${newestTitle} » marquée comme lue.` }).waitFor();
      await newest.getByTestId('unread-tag').waitFor({ state: 'detached' });
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'notification-link');
      assert.equal((await page.evaluate(() => document.activeElement?.innerText))?.trim(), newestTitle);
      await bellSays(page, '2 notifications non lues');

      // The rest, all at once.
      assert.equal(await page.getByTestId('unread-tag').count(), 2);
      await page.getByTestId('mark-all-read').click();
      await page.getByRole('status').filter({ hasText: 'Toutes vos notifications sont marquées comme lues.' }).waitFor();
      await bellSays(page, 'Aucune notification non lue');
      assert.equal(await page.getByTestId('unread-tag').count(), 0);
      assert.equal(await page.locator('.bell__count').count(), 0);

      // Preferences: a reminder given twice is refused next to it, then fixed.
      await page.getByTestId('notification-preferences').click();
      await page.waitForURL((url) => url.pathname === '/notifications/preferences');
      await page.getByTestId('notification-preferences-form').waitFor();
      const days = page.getByTestId('reminder-days').locator('input');
      assert.deepEqual(await days.evaluateAll((inputs) => inputs.map((input) => input.value)), ['30', '7', '1']);
      await page.getByLabel('Un résumé par semaine, le lundi').check();
      await page.getByTestId('add-reminder-day').click();
      await page.waitForFunction(() => document.activeElement?.id === 'reminder-day-3');
      await page.locator('#reminder-day-3').fill('7');
      await page.getByLabel('Mention dans le journal').uncheck();
      await page.getByTestId('save-preferences').click();
      await page.locator('#reminder-day-3-error').filter({ hasText: 'Cette valeur figure deux fois.' }).waitFor();
      assert.equal(await page.locator('#reminder-day-3').getAttribute('aria-invalid'), 'true');
      await page.locator('#reminder-day-3').fill('14');
      await page.getByTestId('save-preferences').click();
      await page.getByRole('status').filter({ hasText: 'Préférences enregistrées.' }).waitFor();
      assert.deepEqual(await days.evaluateAll((inputs) => inputs.map((input) => input.value)), ['30', '14', '7', '1']);
      const saved = await (await call(admin, 'GET', '/api/v1/me/notification-preferences')).json();
      assert.equal(saved.email, 'weekly');
      assert.deepEqual(saved.reminder_days, [30, 14, 7, 1]);
      assert.equal(saved.events.mention, false);
      assert.equal(saved.events.opportunity_match, true);
    } finally {
      await page.context().close();
    }
  });

  test('opportunities imported from an Aides-territoires export, then exported', async () => {
    const page = await newPage(browser, { bypassCSP: true, acceptDownloads: true });
    const aids = {
      count: 1,
      results: [
        {
          name: 'Mobilités actives en Drôme',
          financers: [{ name: 'Département de la Drôme' }],
          aid_types: ['Subvention'],
          perimeter: 'Drôme',
          submission_deadline: inDays(45),
          subvention_rate_upper_bound: 50,
          origin_url: 'https://aides.example/mobilites-actives-drome',
        },
      ],
    };
    try {
      await signIn(page, server);
      await page.goto(`${server.baseUrl}/opportunites`);
      await page.getByTestId('import-opportunities').click();
      await page.waitForURL((url) => url.pathname === '/opportunites/import');
      await page.getByRole('heading', { level: 1, name: 'Importer un fichier CSV ou JSON' }).waitFor();
      assert.ok(await page.getByLabel('Des opportunités de financement').isChecked());
      assert.match(await page.locator('#import-file').getAttribute('accept'), /application\/json/);

      await page.locator('#import-file').setInputFiles({
        name: 'aides-territoires.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(aids), 'utf8'),
      });
      const preview = page.getByTestId('import-preview');
      await preview.waitFor();
      assert.deepEqual(await preview.locator('tbody tr').first().locator('td').allInnerTexts(), [
        'Mobilités actives en Drôme',
        'Département de la Drôme',
        'Drôme',
        inDays(45),
      ]);
      await page.getByTestId('import-dry-run').click();
      await page.getByTestId('import-check-ok').filter({ hasText: '1 à créer' }).waitFor();
      await page.getByTestId('import-apply').click();
      await page.getByRole('status').filter({ hasText: 'Import terminé : 1 créé' }).waitFor();

      // Back to the catalogue, which has it and exports it.
      await page.locator('#import-done').getByRole('link', { name: 'Opportunités de financement' }).click();
      await page.waitForURL((url) => url.pathname === '/opportunites');
      const row = page.getByTestId('opportunities-table').locator('tbody tr').filter({ hasText: 'Mobilités actives en Drôme' });
      await row.waitFor();
      assert.match(await row.innerText(), /jusqu'à 50\s%/);
      assert.match(await row.innerText(), /Subvention/);
      await assertAccessible(page, 'the catalogue of opportunities');

      // Filtered by a deadline before the imported one's: only the first is left.
      await page.locator('#opportunity-deadline-before').fill(inDays(30));
      await page.getByTestId('apply-filters').click();
      await page.waitForURL((url) => url.searchParams.get('deadline_before') === inDays(30));
      await row.waitFor({ state: 'detached' });
      await page.getByRole('link', { name: 'Fonds vert — rénovation énergétique des écoles' }).waitFor();

      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
      assert.match(csv.suggestedFilename(), /^opportunites-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = await readFile(await csv.path(), 'utf8');
      assert.match(text, /Fonds vert — rénovation énergétique des écoles/);
      assert.doesNotMatch(text, /Mobilités actives en Drôme/);
    } finally {
      await page.context().close();
    }
  });
});
