// The package in a Vite-built app (tests/vite): `import ... from 'fieldnote'` as a user writes it,
// built by Vite into a temporary directory, served, and run in headless Chromium. The wasm is an
// emitted asset, each locale a chunk of its own loaded only when asked for.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launch, open } from './harness.mjs';

const outDir = mkdtempSync(join(tmpdir(), 'fieldnote-vite-'));
await build({
  root: fileURLToPath(new URL('../vite/', import.meta.url)),
  configFile: false,
  logLevel: 'warn',
  build: { outDir, emptyOutDir: true },
});

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = normalize(join(outDir, path === '/' ? 'index.html' : path));
  if (!file.startsWith(outDir + sep)) return void res.writeHead(403).end();
  try {
    const body = readFileSync(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();
after(async () => {
  await browser.close();
  await new Promise((r) => server.close(r));
  rmSync(outDir, { recursive: true, force: true });
});

test('Vite emits the wasm as an asset and each locale as a chunk of its own', () => {
  const assets = readdirSync(join(outDir, 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), assets.join(' '));
  const js = assets.filter((f) => f.endsWith('.js'));
  const german = js.filter((f) => readFileSync(join(outDir, 'assets', f), 'utf8').includes('Füllen Sie das Feld'));
  assert.equal(german.length, 1, 'German is in exactly one chunk');
  const entry = readFileSync(join(outDir, 'index.html'), 'utf8').match(/src="\/assets\/([^"]+\.js)"/)[1];
  assert.notEqual(german[0], entry, 'and not in the entry chunk');
});

test('the validator works in the built app; locales load on demand', async () => {
  const { page, errors } = await open(browser, url);
  await page.waitForFunction(() => window.results || window.failure);
  const failure = await page.evaluate(() => window.failure);
  assert.equal(failure, undefined);
  const r = await page.evaluate(() => window.results);
  assert.equal(r.valid, null);
  assert.deepEqual(r.invalid.error.details.map((d) => d.field), ['name', 'quantity', 'email']);
  assert.equal(r.invalid.error.details[1].message, 'Quantity must be 1 or more');
  assert.equal(r.fromText.error.details[0].message, 'Quantity must be a whole number, like 12');
  assert.deepEqual(r.types, ['integer']);
  assert.deepEqual(r.standard.issues[0].path, ['quantity']);
  assert.ok(r.chunksBeforeLocale.some((p) => p.endsWith('.wasm')), 'the wasm came from the emitted asset');
  assert.equal(r.locale, 'de');
  assert.equal(r.german, 'Füllen Sie das Feld „Name“ aus');
  assert.ok(r.chunksAfterLocale.length > r.chunksBeforeLocale.length, 'the German chunk loaded when asked for');
  // The forms layer in the same app: typeAt types the text.
  await page.fill('#quantity', '7');
  await page.click('button[type=submit]');
  assert.deepEqual(await page.waitForFunction(() => window.submitted).then((h) => h.jsonValue()), { quantity: 7 });
  assert.deepEqual(errors, []);
});
