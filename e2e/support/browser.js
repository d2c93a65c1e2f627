// Launches the system's Chromium (Debian's `chromium` package) through
// playwright-core, which never downloads a browser of its own.
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Chromium otherwise reaches out to Google's services at start-up and in the
// background; on a closed network those connections fail, slowly and noisily.
// --no-sandbox: the tests may run as root (CI), where the sandbox refuses to start.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

/**
 * A fresh context (no cookies, no storage) and a page in it, with short
 * timeouts: a local page that takes longer than this is a failure anyway.
 * `options` go to browser.newContext (e.g. { bypassCSP: true }).
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.setDefaultNavigationTimeout(20_000);
  return page;
}
