// The printed reports in the browser, on the demo portfolio: from the
// dashboard the annual report of a chosen year downloads as a PDF, and from a
// project's page its sheet; each in the interface's language, the progress
// said in a status line. When poppler's pdftotext is here (CI installs it),
// the files' text is read back and holds the project's title and the year's
// figures as the API answers them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, newPage } from './support/browser.js';
import { startServer } from './support/server.js';
import { apiGet, apiToken, signIn } from './support/session.js';

/** The PDF's text with every run of spaces as one, or null without poppler. */
function pdfText(path) {
  try {
    return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0\u202f]+/g, ' ');
  } catch (error) {
    if (error.code === 'ENOENT' && process.env.CI !== 'true') return null;
    throw error;
  }
}

describe('printed reports', () => {
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

  async function download(page, testId) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    const path = await file.path();
    const bytes = await readFile(path);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    return { name: file.suggestedFilename(), path };
  }

  test('the annual report of a chosen year and a project sheet download as PDF', async () => {
    const page = await newPage(browser);
    try {
      await signIn(page, server);
      await page.goto(`${server.baseUrl}/`);
      const year = new Date().getFullYear() - 1;
      await page.getByLabel('Année du rapport').selectOption(String(year));
      const annual = await download(page, 'annual-report-pdf');
      assert.equal(annual.name, `rapport-annuel-${year}.pdf`);
      await page.getByRole('status').filter({ hasText: `rapport-annuel-${year}.pdf` }).waitFor();
      const text = pdfText(annual.path);
      if (text !== null) {
        const figures = await api(`/api/v1/dashboard?year=${year}`);
        assert.match(text, new RegExp(`Rapport annuel ${year}`));
        assert.match(text, new RegExp(`Projets ${figures.projects_total} `), 'the year\'s project count');
      }

      const list = await api('/api/v1/projects?per_page=1&sort=reference');
      const project = list.items[0];
      await page.goto(`${server.baseUrl}/projets/${project.id}`);
      await page.getByTestId('project-page').waitFor();
      const sheet = await download(page, 'project-sheet-pdf');
      assert.equal(sheet.name, `fiche-projet-${project.reference}.pdf`);
      const sheetText = pdfText(sheet.path);
      if (sheetText !== null) {
        assert.ok(sheetText.includes(project.title.replace(/\s+/g, ' ')), sheetText.slice(0, 400));
        assert.ok(sheetText.includes('Plan de financement'));
      }
    } finally {
      await page.close();
    }
  });
});
