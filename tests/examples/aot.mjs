// Shared by the webpack and Vite examples' ahead-of-time pages: a page whose validator was compiled
// at build time answers exactly as compile(schema) does, and downloads only the runtime module.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from 'fieldnote';
import { open } from './harness.mjs';

export const PAYLOADS = [{}, { name: '', email: 'nope', age: 12 }, { name: 'Ada', email: 'ada@example.com', age: 36 }, { age: 'x' }];

/** Loads `url`, checks the precompiled answers against compile() and which wasm files came. */
export async function checkAotPage(browser, url, schemaFile) {
  const { page, errors } = await open(browser, url);
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  await page.reload();
  const results = await page.waitForFunction(() => window.results).then((h) => h.jsonValue());
  const v = compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  const expected = PAYLOADS.map((p) => ({ validate: v.validate(p), issues: v.issues(p), standard: v['~standard'].validate(p) }));
  assert.deepEqual(results, JSON.parse(JSON.stringify(expected)));
  // Not trivially equal: the schema's own errorMessage reaches the page.
  assert.ok(results[1].validate.error.details.some((d) => d.message === 'You must be 18 or over to sign up'));
  // The page fetched the runtime (and, for bindForm, the server-error module), never the schema
  // compiler: bundlers hash the file names, so each module is told by what it exports.
  const kinds = [];
  for (const url of new Set(wasm)) kinds.push(kindOf(await (await fetch(url)).arrayBuffer()));
  assert.ok(kinds.includes('runtime'), kinds.join(', '));
  assert.ok(!kinds.includes('compiler'), `no schema compiler on the page: ${kinds.join(', ')}`);
  // The form works with the precompiled validator.
  await page.click('button[type=submit]');
  assert.equal(await page.locator('.fieldnote-error-summary li').first().textContent(), 'Enter full name');
  await page.fill('#name', 'Ada');
  await page.fill('#email', 'ada@example.com');
  await page.locator('#email').blur();
  await page.click('button[type=submit]');
  await page.locator('#done').waitFor({ state: 'visible', timeout: 5000 });
  assert.deepEqual(errors, []);
}

/** Which of the package's modules a wasm file is, from its exports. */
export function kindOf(bytes) {
  const names = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
  if (names.includes('compiledschema_new')) return 'compiler';
  if (names.includes('compiledschema_fromImage')) return 'runtime';
  if (names.includes('normalize')) return 'errors';
  return 'unknown';
}

/** The names of the .wasm files in `dir` and its `assets/` folder. */
export function wasmFiles(dir) {
  const out = [];
  for (const sub of ['', 'assets']) {
    let names = [];
    try { names = readdirSync(join(dir, sub)); } catch { /* no such folder */ }
    out.push(...names.filter((f) => f.endsWith('.wasm')));
  }
  return out;
}
