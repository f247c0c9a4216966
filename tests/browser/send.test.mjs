// send() in headless Chromium: a page sends to a route that answers 429 then 200,
// waits the stated delay (through an injected sleep, so instantly) and shows the result.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open } from './harness.mjs';

const hits = [];
const server = await serve({
  '/flaky': (req, res) => {
    hits.push(req.headers.authorization);
    if (hits.length === 1) {
      res.writeHead(429, { 'retry-after': '3', 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'rate_limited', message: 'Too many requests' } }));
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 42 }));
    }
  },
  '/page.html': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>send</title><output id="out"></output><script type="module">
      import init, { send } from '/pkg/index.js';
      await init();
      const waits = [];
      const progress = [];
      const { response, result } = await send('/flaky', { headers: { accept: 'application/json' } }, {
        getToken: () => 'opaque-token',
        sleep: async (ms) => { waits.push(ms); },
        onRetry: ({ attempt, delayMs, result }) => progress.push([attempt, delayMs, result.category]),
      });
      const data = await response.json();
      document.getElementById('out').textContent = result.ok ? 'Saved order ' + data.id : result.message;
      window.done = { ok: result.ok, status: result.status, aborted: result.aborted, waits, progress, data };
    </script>`);
  },
});
const browser = await launch();
after(async () => { await browser.close(); await server.close(); });

test('send() retries a 429 after its Retry-After and shows the result', async () => {
  const { page, errors } = await open(browser, `${server.url}/page.html`);
  const done = await page.waitForFunction(() => window.done).then((h) => h.jsonValue());
  assert.deepEqual(done, {
    ok: true, status: 200, aborted: false, waits: [3000], progress: [[1, 3000, 'rate_limited']], data: { id: 42 },
  });
  assert.equal(await page.textContent('#out'), 'Saved order 42');
  assert.deepEqual(hits, ['Bearer opaque-token', 'Bearer opaque-token']);
  // Chromium logs every non-2xx fetch as a console error; that one is expected.
  assert.deepEqual(errors.filter((e) => !/status of 429/.test(e.message)), []);
});
