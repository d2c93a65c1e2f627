// Evaluations in the browser: two engineers score a project in instruction
// against the default ex-ante grid with the keyboard only, blind to each
// other until they have submitted; a manager reads the consolidated view
// (radar chart, both evaluators) and moves the project to decision. The
// evaluation form and the consolidated view have no serious or critical
// accessibility violation. An admin sets the decision gate from the
// evaluations page; a manager reads the rule there.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertAccessible } from './support/axe.js';
import { launchBrowser, newPage } from './support/browser.js';
import { startServer } from './support/server.js';

// The default ex-ante grid's weights, in its order (shared/src/evaluation.rs).
const WEIGHTS = [3, 3, 2, 2, 2, 2, 1, 2];

const ALICE = { email: 'alice.martin@e2e.test', display_name: 'Alice Martin', role: 'engineer' };
const BRUNO = { email: 'bruno.petit@e2e.test', display_name: 'Bruno Petit', role: 'engineer' };
const MONA = { email: 'mona.leroy@e2e.test', display_name: 'Mona Leroy', role: 'manager' };
const PASSWORD = 'Vergers-du-Pic-2025!';

/** Σ weight·score ÷ (5·Σ weight) × 100, two decimals, written the French way. */
function weightedScore(scores) {
  const weighted = scores.reduce((sum, score, index) => sum + WEIGHTS[index] * score, 0);
  const total = WEIGHTS.reduce((sum, weight) => sum + weight, 0);
  return Math.round((weighted / (5 * total)) * 100 * 100) / 100;
}
const written = (score) => `${score.toFixed(2).replace('.', ',')}/100`;

describe('evaluations', () => {
  let server;
  let browser;
  let projectId;

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

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = await login(server.email, server.password);
    for (const user of [ALICE, BRUNO, MONA]) {
      await created(admin, '/api/v1/users', { ...user, password: PASSWORD });
    }
    const actor = await created(admin, '/api/v1/actors', { name: 'Coopérative des Vergers', kind: 'association' });
    const project = await created(admin, '/api/v1/projects', {
      title: 'Vergers partagés du Pic',
      axis: 'Innovation',
      innovation_types: ['social'],
      commission_date: '2025-01-15',
      total_cost_cents: 250_000_00,
    });
    projectId = project.id;
    await created(admin, `/api/v1/projects/${projectId}/participants`, { actor_id: actor.id, role: 'lead' });
    for (const [to, date] of [['cadrage', '2025-02-01'], ['instruction', '2025-03-01']]) {
      await created(admin, `/api/v1/projects/${projectId}/transitions`, { to, date, motivation: `Passage en ${to}` });
    }
    // The gate: no decision before the ex-ante evaluation.
    const refused = await call(admin, 'POST', `/api/v1/projects/${projectId}/transitions`, {
      to: 'decision',
      date: '2025-04-01',
      motivation: 'Trop tôt',
      outcome: 'go',
    });
    assert.equal(refused.status, 409, await refused.clone().text());
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(page, email, password = PASSWORD) {
    await page.goto(`${server.baseUrl}/connexion`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    await page.locator('form [type="submit"]').click();
    await page.getByTestId('current-user').waitFor();
  }

  async function openProject(page) {
    await page.goto(`${server.baseUrl}/projets/${projectId}`);
    await page.getByTestId('project-page').waitFor();
    await page.locator('#evaluations').waitFor();
    // The list has arrived (a table, or the notice that there is none).
    await page.locator('#evaluations [data-testid="evaluations"], #evaluations [data-testid="no-evaluations"]').first().waitFor();
  }

  /** Starts an ex-ante evaluation with the default grid, from the project page. */
  async function startEvaluation(page) {
    const form = page.getByTestId('start-evaluation-form');
    assert.equal(await form.locator('#start-kind').inputValue(), 'ex_ante');
    assert.match(await form.locator('#start-grid option:checked').innerText(), /ex-ante/i);
    await page.getByTestId('start-evaluation').click();
    await page.waitForURL(/\/projets\/\d+\/evaluations\/\d+$/);
    await page.getByTestId('evaluation-form').waitFor();
  }

  /**
   * Scores every criterion from the keyboard: a digit sets the score of the
   * focused group, Tab goes to its comment, Tab again to the next criterion.
   * On the third criterion the score is set with a digit then moved with an
   * arrow key. Ends on the recommendation, chosen with Space.
   */
  async function scoreWithKeyboard(page, scores) {
    const criteria = page.locator('[data-testid^="criterion-"]');
    assert.equal(await criteria.count(), scores.length);
    const keys = await criteria.evaluateAll((nodes) =>
      nodes.map((node) => node.getAttribute('data-testid').replace('criterion-', '')),
    );
    await page.locator(`input[name="score-${keys[0]}"]`).first().focus();
    for (const [index, score] of scores.entries()) {
      if (index === 2) {
        await page.keyboard.press(String(score - 1));
        await page.keyboard.press('ArrowRight');
      } else {
        await page.keyboard.press(String(score));
      }
      await page
        .locator(`input[name="score-${keys[index]}"][value="${score}"]:checked`)
        .waitFor({ state: 'attached' });
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.id), `comment-${keys[index]}`);
      if (index === 0) await page.keyboard.type('Cohérent avec le projet de territoire.');
      await page.keyboard.press('Tab');
    }
    // After the last comment: the recommendation group.
    assert.equal(await page.evaluate(() => document.activeElement.name), 'recommendation');
    await page.keyboard.press('Space');
    await page.locator('input[name="recommendation"][value="go"]:checked').waitFor({ state: 'attached' });
  }

  async function submit(page) {
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByTestId('submit-evaluation').click();
    await page.getByTestId('evaluation-readonly').waitFor();
    assert.match(await page.getByTestId('evaluation-status').innerText(), /Soumise/);
  }

  test('two engineers evaluate blind, a manager consolidates and moves the project to decision', async () => {
    const aliceScores = [4, 5, 3, 4, 5, 3, 2, 4];
    const brunoScores = [2, 3, 3, 2, 4, 3, 3, 2];

    // Alice scores every criterion with the keyboard and submits.
    const alice = await newPage(browser, { bypassCSP: true });
    try {
      await signIn(alice, ALICE.email);
      await openProject(alice);
      assert.match(await alice.getByTestId('evaluation-gate').innerText(), /1 évaluation ex-ante soumise requise/);
      await startEvaluation(alice);
      await scoreWithKeyboard(alice, aliceScores);
      await alice.getByTestId('live-score').filter({ hasText: written(weightedScore(aliceScores)) }).waitFor();
      await assertAccessible(alice, 'the evaluation form');
      await submit(alice);
      assert.equal(await alice.getByTestId('weighted-score').innerText(), written(weightedScore(aliceScores)));
      assert.match(await alice.getByTestId('evaluation-scores').innerText(), /Cohérent avec le projet de territoire/);
    } finally {
      await alice.context().close();
    }

    // Bruno does not see Alice's evaluation until he has submitted his own.
    const bruno = await newPage(browser, { bypassCSP: true });
    try {
      await signIn(bruno, BRUNO.email);
      await openProject(bruno);
      assert.equal(await bruno.getByTestId('evaluation-row').count(), 0);
      assert.equal(await bruno.locator('#evaluations').getByText(ALICE.display_name).count(), 0);
      await startEvaluation(bruno);
      await scoreWithKeyboard(bruno, brunoScores);
      await bruno.getByTestId('live-score').filter({ hasText: written(weightedScore(brunoScores)) }).waitFor();
      await bruno.getByTestId('save-evaluation').click();
      await bruno.getByRole('status').filter({ hasText: 'Brouillon enregistré' }).waitFor();
      const evaluationUrl = bruno.url();

      // His draft is listed; Alice's evaluation and scores are not.
      await openProject(bruno);
      const rows = bruno.getByTestId('evaluation-row');
      assert.equal(await rows.count(), 1);
      assert.equal(await rows.first().getAttribute('data-evaluator'), BRUNO.display_name);
      assert.equal(await bruno.getByText(ALICE.display_name).count(), 0);
      assert.equal(await bruno.getByText(written(weightedScore(aliceScores))).count(), 0);
      // Nor the consolidated view.
      await bruno.getByTestId('consolidated-link').click();
      await bruno.getByTestId('consolidation-forbidden').waitFor();
      assert.equal(await bruno.getByText(ALICE.display_name).count(), 0);

      await bruno.goto(evaluationUrl);
      await bruno.getByTestId('evaluation-form').waitFor();
      await submit(bruno);

      // Now Alice's evaluation is there, with her score.
      await openProject(bruno);
      const alicesRow = bruno.locator(`[data-testid="evaluation-row"][data-evaluator="${ALICE.display_name}"]`);
      await alicesRow.waitFor();
      assert.equal(await alicesRow.getByTestId('evaluation-score').innerText(), written(weightedScore(aliceScores)));
      assert.match(await bruno.getByTestId('gate-count').innerText(), /^2 évaluations ex-ante soumises sur 1 requise/);
    } finally {
      await bruno.context().close();
    }

    // Mona, a manager, reads the consolidated view and takes the project to decision.
    const mona = await newPage(browser, { bypassCSP: true });
    try {
      await signIn(mona, MONA.email);
      await openProject(mona);
      assert.equal(await mona.getByTestId('evaluation-row').count(), 2);
      await mona.getByTestId('consolidated-link').click();
      await mona.waitForURL((url) => url.pathname.endsWith('/evaluations/consolidee') && url.searchParams.get('kind') === 'ex_ante');
      const radar = mona.getByTestId('radar-chart');
      await radar.waitFor();
      const svg = radar.locator('svg[role="img"]');
      assert.ok(await svg.getAttribute('aria-labelledby'));
      assert.ok((await svg.locator('title').textContent()).trim().length > 0);
      assert.equal(await radar.locator('table tbody tr').count(), WEIGHTS.length);
      const evaluators = await mona
        .getByTestId('evaluator-row')
        .evaluateAll((rows) => rows.map((row) => row.cells[0].textContent.trim()).sort());
      assert.deepEqual(evaluators, [ALICE.display_name, BRUNO.display_name]);
      const mean = Math.round(((weightedScore(aliceScores) + weightedScore(brunoScores)) / 2) * 100) / 100;
      assert.equal(await mona.getByTestId('mean-weighted-score').innerText(), written(mean));
      // Scores 2 apart or more are flagged in words.
      assert.ok((await mona.getByTestId('high-spread').count()) > 0);
      await assertAccessible(mona, 'the consolidated view');

      await openProject(mona);
      await mona.getByTestId('change-phase').click();
      const dialog = mona.getByRole('dialog', { name: 'Changer de phase' });
      await dialog.waitFor();
      await dialog.getByLabel('Décision', { exact: true }).check();
      await dialog.getByLabel('Favorable (go)').check();
      await dialog.locator('#transition-motivation').fill('Deux évaluations ex-ante favorables, comité du 3 avril.');
      await dialog.getByTestId('confirm-transition').click();
      await dialog.waitFor({ state: 'detached' });
      await mona.getByTestId('project-phase').filter({ hasText: 'Décision' }).waitFor();
    } finally {
      await mona.context().close();
    }
  });

  test('an admin sets how many ex-ante evaluations the decision needs; a manager reads the rule', async () => {
    const admin = await newPage(browser, { bypassCSP: true });
    try {
      await signIn(admin, server.email, server.password);
      await admin.goto(`${server.baseUrl}/evaluations`);
      const form = admin.getByTestId('gate-form');
      await form.waitFor();
      const minimum = form.locator('#gate-minimum');
      assert.equal(await minimum.inputValue(), '1');
      // Out of the rule's bounds: refused in the page, nothing sent.
      await minimum.fill('21');
      await minimum.press('Enter');
      await admin.locator('#gate-minimum[aria-invalid="true"]').waitFor();
      assert.equal(await admin.evaluate(() => document.activeElement.id), 'gate-minimum');
      await minimum.fill('2');
      await minimum.press('Enter');
      await admin.getByTestId('decision-gate').getByRole('status').filter({ hasText: 'Réglages enregistrés' }).waitFor();
      assert.equal(await admin.locator('#gate-minimum[aria-invalid="true"]').count(), 0);
      await assertAccessible(admin, 'the evaluations page with the gate form');
    } finally {
      await admin.context().close();
    }
    const token = await login(server.email, server.password);
    const gate = await (await call(token, 'GET', '/api/v1/settings/evaluation-gate')).json();
    assert.deepEqual(gate, { min_ex_ante_evaluations: 2 });

    const mona = await newPage(browser, { bypassCSP: true });
    try {
      await signIn(mona, MONA.email);
      await mona.goto(`${server.baseUrl}/evaluations`);
      const rule = mona.getByTestId('gate-rule');
      await rule.waitFor();
      assert.match(await rule.innerText(), /au moins 2 évaluations ex ante soumises/);
      assert.equal(await mona.getByTestId('gate-form').count(), 0, 'only admins change the gate');
    } finally {
      await mona.context().close();
    }
  });
});
