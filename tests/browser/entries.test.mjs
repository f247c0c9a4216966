// Every entry point (fieldnote, fieldnote/errors, fieldnote/validator, fieldnote/runtime,
// fieldnote/dom) in headless Chromium and headless Firefox, with the validator's wasm held back
// so that compile() at module scope runs before it arrives (project issue #14).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, open, root, serve } from './harness.mjs';
import { firefox } from './firefox.mjs';

/** Serves the validator's wasm 400 ms late: the page's module-scope code has run by then. */
async function late(req, res) {
  await new Promise((r) => setTimeout(r, 400));
  res.writeHead(200, { 'content-type': 'application/wasm', 'cache-control': 'no-store' });
  res.end(await readFile(new URL('pkg/fieldnote_validator_bg.wasm', `file://${root}`)));
}
const server = await serve({ '/pkg/fieldnote_validator_bg.wasm': late });
after(() => server.close());
const URL_ = `${server.url}/tests/browser/pages/entries.html`;

function check(r) {
  assert.equal(r.error, undefined, r.error);
  assert.equal(r.earlyIsNotReady, true, `synchronous validate before the wasm arrived: ${r.earlyValidate}`);
  assert.match(r.earlyValidate, /still loading; `await ready`/);
  assert.equal(r.standardIsPromise, true, "Standard Schema's validate returns a Promise while loading");
  assert.deepEqual(r.standardAfterLoad, { issues: [{ message: 'Enter full name', path: ['name'] }] });
  assert.deepEqual(r.validate.error.details, [{ field: 'name', message: 'Full name must be 2 characters or more' }]);
  assert.equal(r.validateJson.error.details[0].message, 'Enter full name');
  assert.deepEqual(r.typeAt, ['string']);
  assert.deepEqual(r.normalize, { ok: false, category: 'validation', fields: { name: ['Enter your name'] } });
  assert.deepEqual(r.plan, [{ path: 'name', message: 'Enter your name', href: '#name' }]);
  assert.deepEqual(r.formErrors, { name: { type: 'server', message: 'Enter your name' } });
  assert.equal(r.canonical, 'items.0.name');
  assert.equal(r.runtimeSame, true);
  assert.equal(r.indexCompile, 'Enter full name');
  assert.equal(r.indexNormalize, 'not_found');
  assert.deepEqual(r.summary, ['Enter full name']);
}

test('every entry point in headless Chromium, compile() at module scope before the wasm arrives', async () => {
  const browser = await launch();
  try {
    const { page, errors } = await open(browser, URL_);
    const r = await page.waitForFunction(() => window.entryResults).then((h) => h.jsonValue());
    check(r);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('every entry point in headless Firefox ESR, the same', async () => {
  const ff = await firefox();
  try {
    check(await ff.run(URL_, 'entryResults'));
  } finally {
    await ff.close();
  }
});
