// Time to first render of the web app in headless Chromium: from the start of
// the navigation to the sign-in page until its e-mail field is in the page
// (the app is a WebAssembly bundle: nothing meaningful shows before it has
// been downloaded, compiled and has rendered). Also reports the first
// contentful paint. Usage: node scripts/bench/first_render.mjs URL [RUNS]
// Prints one JSON line per network: every run's figures (ms), their
// medians, and the bytes transferred.
import { launchBrowser, newPage } from '../../e2e/support/browser.js';

const url = process.argv[2];
const runs = Number(process.argv[3] || 9);
if (!url) {
  console.error('usage: first_render.mjs URL [RUNS]');
  process.exit(2);
}

// Runs in the page before any of its scripts: notes when the field appears,
// on the page's own clock (milliseconds since the navigation started).
const WATCH = () => {
  const seen = () => {
    if (!window.__firstRender && document.querySelector('#email')) {
      window.__firstRender = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// The network each series of runs goes through: loopback as it is, then a
// good office or home connection (20 Mbit/s down, 5 up, 40 ms round trip),
// emulated by Chromium itself.
const NETWORKS = [
  { name: 'loopback', conditions: null },
  {
    name: '20 Mbit/s, 40 ms',
    conditions: { offline: false, latency: 40, downloadThroughput: 2_500_000, uploadThroughput: 625_000 },
  },
];

const browser = await launchBrowser();
const results = [];
try {
  for (const network of NETWORKS) {
    const rendered = [];
    const paints = [];
    let transferred = 0;
    for (let run = 0; run < runs; run += 1) {
      // A fresh context each time: empty cache, as on a first visit.
      const page = await newPage(browser);
      if (network.conditions) {
        const session = await page.context().newCDPSession(page);
        await session.send('Network.enable');
        await session.send('Network.emulateNetworkConditions', network.conditions);
      }
      await page.addInitScript(WATCH);
      await page.goto(url, { waitUntil: 'commit' });
      await page.locator('#email').waitFor();
      const figures = await page.evaluate(() => ({
        rendered: window.__firstRender,
        paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
        // Bytes on the wire: compressed where the server compressed.
        transferred: performance
          .getEntriesByType('resource')
          .concat(performance.getEntriesByType('navigation'))
          .reduce((sum, entry) => sum + (entry.transferSize || 0), 0),
      }));
      rendered.push(Math.round(figures.rendered));
      if (figures.paint !== null) paints.push(Math.round(figures.paint));
      transferred = figures.transferred;
      await page.context().close();
    }
    results.push({
      network: network.name,
      runs,
      first_render_ms: rendered,
      first_render_median_ms: median(rendered),
      first_contentful_paint_median_ms: paints.length ? median(paints) : null,
      transferred_bytes: transferred,
    });
  }
} finally {
  await browser.close();
}
for (const result of results) console.log(JSON.stringify(result));
