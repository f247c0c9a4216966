// The Chromium side of `make bench`: one page runs the throughput workloads with every adapter
// (bundles in out/browser/, interleaved round by round); a fresh browser context per cold start.
import { launch, serve } from '../tests/browser/harness.mjs';
import { PEERS } from './gen.mjs';

const PAGE = '/bench/page.html';

/** Runs the in-page workloads and `coldRounds` cold starts per adapter. */
export async function runChromium({ rounds, batchMs, rows, coldRounds, log = () => {} }) {
  const server = await serve();
  const browser = await launch();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(new Error(m.text())); });
    await page.goto(server.url + PAGE);
    log('chromium: throughput');
    const result = await page.evaluate(
      (opts) => window.bench(opts),
      { peers: PEERS, rounds, batchMs, rows },
    );
    await context.close();
    if (errors.length) throw errors[0];
    log('chromium: cold start');
    const cold = Object.fromEntries(PEERS.map((p) => [p, []]));
    const coldErrors = {};
    for (let r = 0; r < coldRounds; r++) {
      for (let k = 0; k < PEERS.length; k++) {
        const peer = PEERS[(k + r) % PEERS.length];
        // A fresh context: an empty HTTP cache and no V8 code cache (a first visit).
        const ctx = await browser.newContext();
        const p = await ctx.newPage();
        await p.goto(`${server.url}/bench/cold.html`);
        const one = await p.evaluate((peer) => window.cold(peer), peer);
        await ctx.close();
        cold[peer].push(one.ms);
        coldErrors[peer] = one.errors;
      }
    }
    return { ...result, cold, coldErrors, version: browser.version() };
  } finally {
    await browser.close();
    await server.close();
  }
}
