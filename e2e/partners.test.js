// Partners in the browser: a partner of one organisation signs in and finds
// only the project the town shares with it (not the internal one, not another
// organisation's), without its internal sections; records a measurement and
// writes to the project team; and cannot open another organisation's project
// by its address; they keep their organisation's record up to date. The
// partner's project page has no serious or critical accessibility violation.
// An administrator invites a partner, who sets a password through the
// one-time link and signs in; creates an API key whose secret is shown once;
// and answers a contact's requests for their personal data and its erasure.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import { assertAccessible } from './support/axe.js';
import { launchBrowser, newPage } from './support/browser.js';
import { startServer } from './support/server.js';
import { apiCall, apiCreate } from './support/session.js';

const PARTNER = {
  email: 'camille.durand@tanneurs.example',
  display_name: 'Camille Durand',
  role: 'partner',
};
const PASSWORD = 'Atelier-des-Tanneurs-2025!';

describe('partners', () => {
  let server;
  let browser;
  let admin;
  let shared;
  let internal;
  let others;
  let actorA;

  async function login(email, password) {
    const response = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()).access_token;
  }

  const call = (token, method, path, body, headers) => apiCall(server, token, method, path, body, headers);

  const created = (path, body) => apiCreate(server, admin, path, body);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await login(server.email, server.password);

    actorA = await created('/api/v1/actors', { name: 'Association des Tanneurs', kind: 'association' });
    const actorB = await created('/api/v1/actors', { name: 'Entreprise Bâtir Demain', kind: 'company' });
    const project = (title, visibility) =>
      created('/api/v1/projects', {
        title,
        axis: 'Innovation',
        commission_date: '2025-01-15',
        summary: `${title} : le résumé partagé.`,
        description: 'Analyse interne du service.',
        tags: ['sensible'],
        total_cost_cents: 400_000_00,
        visibility,
      });
    shared = await project('Atelier partagé des Tanneurs', 'partners');
    internal = await project('Étude interne des Tanneurs', 'internal');
    others = await project('Chantier école de Bâtir Demain', 'partners');
    for (const [target, actor] of [
      [shared, actorA],
      [internal, actorA],
      [others, actorB],
    ]) {
      await created(`/api/v1/projects/${target.id}/participants`, { actor_id: actor.id, role: 'partner' });
    }

    const base = `/api/v1/projects/${shared.id}`;
    await created(`${base}/transitions`, { to: 'cadrage', date: '2025-02-01', motivation: 'Arbitrage budgétaire confidentiel' });
    await created(`${base}/milestones`, { title: 'Ouverture de l’atelier', due_date: '2026-09-01' });
    await created(`${base}/funding-lines`, {
      funder_id: actorA.id,
      category: 'private',
      amount_cents: 25_000_00,
      status: 'granted',
    });
    await created(`${base}/funding-lines`, {
      funder_id: actorB.id,
      category: 'private',
      amount_cents: 90_000_00,
      status: 'requested',
    });
    await created(`${base}/journal`, { kind: 'note', body: 'Note interne : vigilance sur le budget.' });
    await created(`${base}/journal`, { kind: 'partner', body: 'Compte rendu du comité partagé avec les partenaires.' });
    await created(`${base}/indicators`, {
      name: 'Personnes formées',
      unit: 'personnes',
      level: 'output',
      direction: 'increase',
      baseline_value: '0',
      baseline_date: '2024-01-01',
      target_value: '120',
      target_date: '2027-12-31',
    });

    await created(`/api/v1/actors/${actorA.id}/contacts`, {
      name: 'Lou Garnier',
      role: 'Trésorière',
      email: 'lou.garnier@tanneurs.example',
    });
    await created('/api/v1/users', { ...PARTNER, password: PASSWORD, actor_id: actorA.id });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(page, email, password) {
    await page.goto(`${server.baseUrl}/connexion`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    await page.locator('form [type="submit"]').click();
    await page.getByTestId('current-user').waitFor();
  }

  test('a partner sees only the project shared with their organisation', async () => {
    const page = await newPage(browser, { bypassCSP: true });
    try {
      await signIn(page, PARTNER.email, PASSWORD);
      // Partners have no dashboard: they land on their projects.
      await page.waitForURL((url) => url.pathname === '/projets');
      assert.equal(await page.getByTestId('current-role').innerText(), 'Partenaire');
      const menu = await page
        .getByRole('navigation', { name: 'Navigation principale' })
        .getByRole('link')
        .allInnerTexts();
      assert.deepEqual(menu, ['Mes projets', 'Feuille de route', 'Mon organisation']);
      await page.getByRole('heading', { level: 1, name: 'Mes projets' }).waitFor();

      // Their roadmap holds the shared project alone.
      await page.getByRole('link', { name: 'Feuille de route', exact: true }).click();
      await page.getByTestId(`roadmap-row-${shared.id}`).waitFor();
      assert.equal(await page.locator('[data-testid^="roadmap-row-"]').count(), 1);
      await page.getByRole('link', { name: 'Mes projets', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Mes projets' }).waitFor();

      // Exactly one project: the shared one, not the internal one nor B's.
      const rows = page.locator('[data-testid="my-projects"] tbody tr');
      await rows.first().waitFor();
      assert.equal(await rows.count(), 1);
      assert.match(await page.getByTestId('my-projects').innerText(), /1 projet\b/);
      assert.match(await rows.first().innerText(), /Atelier partagé des Tanneurs/);

      await rows.first().getByRole('link').click();
      await page.waitForURL(new RegExp(`/projets/${shared.id}$`));
      await page.getByRole('heading', { level: 1, name: 'Atelier partagé des Tanneurs' }).waitFor();
      await page.getByTestId('timeline').filter({ hasText: 'Cadrage' }).waitFor();
      await page.locator('[data-testid="indicator-row"]').first().waitFor();
      await page.getByTestId('journal').waitFor();
      await page.getByTestId('partner-funding').waitFor();

      // No internal sections, nor what they would hold.
      for (const section of ['#evaluations', '#documents']) {
        assert.equal(await page.locator(section).count(), 0, `${section} is shown to a partner`);
      }
      assert.equal(await page.getByTestId('change-phase').count(), 0);
      const text = await page.getByTestId('project-page').innerText();
      for (const hidden of ['Arbitrage budgétaire confidentiel', 'Note interne', 'Analyse interne', 'sensible', 'Bâtir Demain']) {
        assert.ok(!text.includes(hidden), `the partner reads “${hidden}”`);
      }
      assert.match(text, /Compte rendu du comité partagé/);
      // Their own funding line only.
      const lines = page.locator('[data-testid="partner-funding"] tbody tr');
      assert.equal(await lines.count(), 1);
      assert.match(await lines.first().innerText(), /25\s000\s€/);

      await assertAccessible(page, "the partner's project page");

      // A message to the project team, shared as an exchange with partners.
      await page.locator('#journal-body').fill('Les bénévoles de l’association sont prêts pour la rentrée.');
      await page.getByTestId('journal-form').locator('[type="submit"]').click();
      await page.getByTestId('journal').filter({ hasText: 'prêts pour la rentrée' }).waitFor();

      // A measurement of the indicator, from its page.
      await page.getByTestId('open-indicator').first().click();
      await page.getByTestId('indicator-page').waitFor();
      await page.locator('#measurement-value').fill('42');
      await page.locator('#measurement-comment').fill('Première session de formation');
      await page.getByTestId('add-measurement').click();
      await page.getByRole('status').filter({ hasText: /Mesure du .* ajoutée/ }).waitFor();
      await page.getByTestId('latest-value').filter({ hasText: '42' }).waitFor();
      assert.equal(await page.locator('[data-testid="measurements"] tbody tr').count(), 1);

      // Another organisation's project, and the internal one, do not exist for them.
      for (const hidden of [others, internal]) {
        await page.goto(`${server.baseUrl}/projets/${hidden.id}`);
        await page.getByTestId('project-not-found').waitFor();
        await page.getByRole('heading', { level: 1, name: 'Projet introuvable' }).waitFor();
        assert.equal(await page.getByText(hidden.title).count(), 0);
      }

      // Their organisation, which they keep up to date.
      await page.getByRole('link', { name: 'Mon organisation' }).click();
      await page.getByRole('heading', { level: 1, name: 'Association des Tanneurs' }).waitFor();
      assert.equal(await page.getByRole('heading', { name: "Supprimer l'acteur" }).count(), 0);
      await page.getByRole('button', { name: 'Modifier la fiche' }).click();
      assert.equal(await page.locator('#actor-notes').count(), 0, 'the staff notes are not theirs');
      await page.locator('#actor-website').fill('https://tanneurs.example');
      await page.getByTestId('save-actor').click();
      await page.getByRole('link', { name: 'https://tanneurs.example' }).waitFor();
      await page.getByTestId('contacts').filter({ hasText: 'Lou Garnier' }).waitFor();
    } finally {
      await page.context().close();
    }

    // What the partner recorded reached the town.
    const indicators = await call(admin, 'GET', `/api/v1/projects/${shared.id}/indicators`);
    const [indicator] = await indicators.json();
    assert.equal(Number(indicator.latest_value), 42);
    assert.equal(indicator.measurements_count, 1);
  });

  test('an administrator creates an API key, sees its secret once, and answers a contact\'s data requests', async () => {
    const page = await newPage(browser, { bypassCSP: true, acceptDownloads: true });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
    try {
      await signIn(page, server.email, server.password);
      await page.goto(`${server.baseUrl}/administration/cles-api`);
      await page.getByRole('heading', { level: 1, name: "Clés d'API" }).waitFor();
      await page.locator('#api-key-name').fill('SIG de la ville');
      await page.getByLabel('Lire les projets et leurs suivis').check();
      await page.getByTestId('create-api-key').click();

      const panel = page.getByTestId('api-key-secret-panel');
      await panel.waitFor();
      const secret = await page.locator('#api-key-secret').inputValue();
      await assertAccessible(page, 'the API keys page with a new secret');
      assert.ok(secret.length >= 20, `a real secret: ${secret}`);
      assert.match(await panel.innerText(), /ne sera plus jamais affichée/);
      // Focus is on the secret, ready to be copied.
      assert.equal(await page.evaluate(() => document.activeElement.id), 'api-key-secret');
      await panel.getByTestId('copy-secret').click();
      await panel.getByRole('status').filter({ hasText: /Copié|sélectionné/ }).waitFor();

      // The key works, within its scope.
      const projects = await fetch(`${server.baseUrl}/api/v1/projects`, { headers: { Authorization: `Bearer ${secret}` } });
      assert.equal(projects.status, 200);
      const actors = await fetch(`${server.baseUrl}/api/v1/actors`, { headers: { Authorization: `Bearer ${secret}` } });
      assert.equal(actors.status, 403);

      // Listed by its prefix; the secret is gone once the panel is closed, and after a reload.
      const row = page.locator('tr[data-testid^="api-key-"]').filter({ hasText: 'SIG de la ville' });
      await row.waitFor();
      const prefix = (await row.locator('code').innerText()).replace('…', '');
      assert.ok(secret.startsWith(prefix));
      await panel.getByRole('button', { name: /masquer/ }).click();
      await panel.waitFor({ state: 'detached' });
      assert.ok(!(await page.content()).includes(secret));
      await page.reload();
      await row.waitFor();
      assert.ok(!(await page.content()).includes(secret));

      // The partner's account, with their organisation, among the users.
      await page.getByRole('navigation', { name: "Rubriques de l'administration" }).getByRole('link', { name: 'Utilisateurs' }).click();
      const partnerRow = page.locator('[data-testid="users-table"] tbody tr').filter({ hasText: PARTNER.email });
      await partnerRow.waitFor();
      await partnerRow.getByRole('link', { name: 'Association des Tanneurs' }).waitFor();
      assert.match(await partnerRow.innerText(), /Partenaire/);

      // A contact's right of access and erasure, from their organisation's page.
      await page.goto(`${server.baseUrl}/acteurs/${actorA.id}`);
      const contact = page.locator('[data-testid="contacts"] tbody tr').filter({ hasText: 'Lou Garnier' });
      await contact.waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        contact.getByTestId('export-personal-data').click(),
      ]);
      assert.match(download.suggestedFilename(), /^donnees-personnelles-contact-\d+\.json$/);
      const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
      assert.equal(exported.contact.email, 'lou.garnier@tanneurs.example');
      page.once('dialog', (dialog) => dialog.accept());
      await contact.getByTestId('erase-contact').click();
      await page.getByRole('status').filter({ hasText: 'Données personnelles de Lou Garnier effacées.' }).waitFor();
      await contact.waitFor({ state: 'detached' });
      assert.equal(await page.getByText('lou.garnier@tanneurs.example').count(), 0);
    } finally {
      await page.context().close();
    }
  });

  test('an invited partner sets their password through the link and signs in', async () => {
    const invited = { email: 'dominique.roux@tanneurs.example', name: 'Dominique Roux' };
    const adminPage = await newPage(browser, { bypassCSP: true });
    let link;
    try {
      await signIn(adminPage, server.email, server.password);
      await adminPage.goto(`${server.baseUrl}/administration/invitations`);
      await adminPage.getByRole('heading', { level: 1, name: 'Invitations' }).waitFor();
      await adminPage.locator('#invitation-email').fill(invited.email);
      await adminPage.locator('#invitation-name').fill(invited.name);
      await adminPage.locator('#invitation-actor-search').fill('Tanneurs');
      const option = adminPage.locator('#invitation-actor option', { hasText: 'Association des Tanneurs' });
      await option.waitFor({ state: 'attached' });
      await adminPage.locator('#invitation-actor').selectOption(await option.getAttribute('value'));
      await adminPage.getByTestId('send-invitation').click();

      // No mail relay here: the link is shown once, to pass on.
      const panel = adminPage.getByTestId('invitation-link-panel');
      await panel.waitFor();
      link = await adminPage.locator('#invitation-link').inputValue();
      assert.match(link, /\/invitation\?token=[^&\s]+$/);
      const row = adminPage.locator('[data-testid="invitations"] tbody tr').filter({ hasText: invited.email });
      await row.filter({ hasText: 'En attente' }).waitFor();
      await row.getByRole('link', { name: 'Association des Tanneurs' }).waitFor();
      await assertAccessible(adminPage, 'the invitations page');
    } finally {
      await adminPage.context().close();
    }

    const page = await newPage(browser);
    try {
      await page.goto(link);
      await page.getByRole('heading', { level: 1, name: 'Choisir votre mot de passe' }).waitFor();
      // The confirmation must match.
      await page.locator('#invitation-password').fill('Un-long-mot-de-passe-2025');
      await page.locator('#invitation-password-confirmation').fill('Un-autre-mot-de-passe-2025');
      await page.getByTestId('invitation-form').locator('[type="submit"]').click();
      await page.locator('#invitation-password-confirmation-error').waitFor();
      assert.equal(await page.evaluate(() => document.activeElement.id), 'invitation-password-confirmation');
      await page.locator('#invitation-password-confirmation').fill('Un-long-mot-de-passe-2025');
      await page.getByTestId('invitation-form').locator('[type="submit"]').click();
      await page.getByTestId('invitation-accepted').waitFor();

      // The link works once.
      const again = await fetch(`${server.baseUrl}/api/v1/invitations/accept`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token: new URL(link).searchParams.get('token'), password: 'Encore-un-mot-de-passe-2025' }),
      });
      assert.equal(again.status, 404);

      await page.getByRole('link', { name: 'Se connecter' }).click();
      await page.waitForURL((url) => url.pathname === '/connexion');
      await page.locator('#email').fill(invited.email);
      await page.locator('#password').fill('Un-long-mot-de-passe-2025');
      await page.locator('form [type="submit"]').click();
      await page.waitForURL((url) => url.pathname === '/projets');
      assert.equal(await page.getByTestId('current-user').innerText(), invited.name);
      await page.locator('[data-testid="my-projects"] tbody tr').filter({ hasText: 'Atelier partagé des Tanneurs' }).waitFor();
    } finally {
      await page.context().close();
    }
  });
});
