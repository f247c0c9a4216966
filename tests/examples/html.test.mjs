// examples/html: no build step, the package's files served as they are and imported by URL, under
// the strict Content-Security-Policy the README gives; and under one without 'wasm-unsafe-eval',
// where the failed start must say which directive is missing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { driveBoundForm, example, launch, open, serveStatic } from './harness.mjs';

const dir = example('html');
const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'";
const TOO_STRICT = "default-src 'self'; script-src 'self'; object-src 'none'";
const server = await serveStatic(dir, {
  headers: (req) => ({ 'content-security-policy': req.url.includes('too-strict') ? TOO_STRICT : STRICT }),
});
const browser = await launch();
after(async () => { await browser.close(); await server.close(); });

test("the form works under script-src 'self' 'wasm-unsafe-eval'", async () => {
  const { page, errors } = await open(browser, `${server.url}/`);
  await page.waitForFunction(() => document.getElementById('status').textContent !== '');
  assert.equal(await page.textContent('#status'), 'ready');
  await driveBoundForm(page, errors);
  assert.deepEqual(errors, []);
});

test("without 'wasm-unsafe-eval' the start fails naming the directive to add", async () => {
  const { page } = await open(browser, `${server.url}/index.html?too-strict`);
  await page.waitForFunction(() => document.getElementById('status').textContent !== '');
  const message = await page.textContent('#status');
  assert.match(message, /'wasm-unsafe-eval'/, `init() rejected with: ${message}`);
  assert.doesNotMatch(message, /add 'unsafe-eval'/i);
});

test('after a failed submit, fixing the fields and clicking the button submits at the first click', async () => {
  // Leaving the last field re-validates it on `change`, which fires on the button's mousedown. If
  // that removes the summary and messages above, the button moves before the mouseup and the
  // click is lost: a person clicks "Sign up" and nothing happens.
  const { page, errors } = await open(browser, `${server.url}/`);
  await page.waitForFunction(() => document.getElementById('status').textContent === 'ready');
  await page.click('button[type=submit]');
  await page.locator('.fieldnote-error-summary').waitFor();
  await page.fill('#name', 'Ada Lovelace');
  await page.fill('#email', 'ada@example.com');
  const before = await page.locator('button[type=submit]').boundingBox();
  await page.click('button[type=submit]');
  await page.locator('#done').waitFor({ state: 'visible', timeout: 3000 }).catch(async () => {
    const after = await page.locator('button[type=submit]').boundingBox();
    throw new Error(`the click did not submit: the button moved from y=${before.y} to y=${after.y} under the pointer`);
  });
  assert.deepEqual(errors, []);
});
