// The package loads in a real browser page with `await init()`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open } from './harness.mjs';

const server = await serve({
  '/page.html': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>t</title><script type="module">
      import init, { normalize } from '/pkg/index.js';
      await init();
      window.result = normalize({ status: 429, headers: new Headers({ 'Retry-After': '7' }), body: '' });
    </script>`);
  },
});
const browser = await launch();
after(async () => { await browser.close(); await server.close(); });

test('init() then normalize() in headless Chromium', async () => {
  const { page, errors } = await open(browser, `${server.url}/page.html`);
  const result = await page.waitForFunction(() => window.result).then((h) => h.jsonValue());
  assert.equal(result.category, 'rate_limited');
  assert.equal(result.retry.afterSeconds, 7);
  assert.deepEqual(errors, []);
});
