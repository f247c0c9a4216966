// The package as published: the tarball .ci/examples packs (npm pack pkg → examples/fieldnote.tgz), checked for what a
// user gets (README, LICENSE, types, nothing else) and by publint and Are the Types Wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './harness.mjs';

const manifest = JSON.parse(readFileSync(join(root, 'pkg', 'package.json'), 'utf8'));
const tarball = join(root, 'examples', 'fieldnote.tgz');
const bin = (name) => join(root, 'tests', 'node_modules', '.bin', name);

test('the tarball exists (made by .ci/examples)', () => {
  assert.ok(existsSync(tarball), `${tarball}: run .ci/examples`);
});

test('the tarball holds README, LICENSE, types, the wasm and nothing users do not need', () => {
  const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n').map((f) => f.replace(/^package\//, ''));
  for (const need of ['README.md', 'LICENSE', 'package.json', 'index.js', 'index.d.ts', 'dom.js', 'dom.d.ts']) {
    assert.ok(files.includes(need), `${need} is in the tarball: ${files.join(' ')}`);
  }
  assert.ok(files.some((f) => f.endsWith('.wasm')), 'a wasm module');
  // JavaScript (the Node entries with the wasm inlined, the webpack loader in CommonJS), its
  // declarations, wasm, the stylesheet, the locale modules, the asset URLs, the command; no
  // sources, tests, maps or tarballs.
  const allowed = /^(README\.md|LICENSE|package\.json|[\w-]+(\.node|_bg\.wasm\.b64)?\.(js|cjs|d\.ts|wasm|wasm\.d\.ts|css)|(locales|sources)\/[\w-]+\.(js|d\.ts)|bin\/fieldnote\.js)$/;
  assert.deepEqual(files.filter((f) => !allowed.test(f)), []);
  // Every entry point in `exports` has its types, and every file it names is in the tarball.
  const targets = (entry) => typeof entry === 'string' ? [entry] : Object.values(entry).flatMap(targets);
  for (const [path, entry] of Object.entries(manifest.exports)) {
    // Assets (wasm, the stylesheet) and the webpack loader (webpack's, not an import) have no types.
    if (path === './package.json' || /\.(wasm|css)$/.test(path) || path === './webpack-loader') continue;
    assert.equal(typeof entry, 'object', `exports["${path}"] has conditions`);
    assert.ok(entry.types, `exports["${path}"] has types`);
    for (const file of targets(entry)) assert.ok(files.includes(file.replace(/^\.\//, '')), `${file} (exports["${path}"]) is in the tarball`);
  }
});

test('LICENSE is MIT, "fieldnote contributors", the same text at the root and in the package', () => {
  const license = readFileSync(join(root, 'LICENSE'), 'utf8');
  assert.match(license, /^MIT License/);
  assert.match(license, /Copyright \(c\) \d{4} fieldnote contributors/);
  assert.equal(readFileSync(join(root, 'pkg', 'LICENSE'), 'utf8'), license);
  assert.equal(manifest.license, 'MIT');
});

test('package.json says where the code is and which Node versions run it', () => {
  assert.match(manifest.repository?.url ?? '', /^git\+https:\/\/.+\.git$/);
  assert.equal(manifest.engines?.node, '^20.19.0 || >=22.12.0');
  assert.equal(manifest.type, 'module');
  for (const f of ['README.md', 'LICENSE']) assert.ok(manifest.files.includes(f), f);
});

test('publint: no warnings or errors', () => {
  const r = spawnSync(bin('publint'), ['run', tarball, '--level', 'warning', '--strict'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, /Warnings:|Errors:/);
});

test('Are the Types Wrong: every entry point resolves to its types (ESM and bundlers)', () => {
  // The package is ESM only (README: "Node"): a CommonJS `require` reaches it through Node's
  // require(esm), which attw's TypeScript (5.6) does not model, so that one rule is off. A wasm
  // export is an asset (for preloading), not a module: it has no types to find.
  const assets = Object.keys(manifest.exports).filter((path) => /\.(wasm|css)$/.test(path) || path === './webpack-loader');
  const r = spawnSync(bin('attw'), [tarball, '--format', 'json', '--ignore-rules', 'cjs-resolves-to-esm',
    ...(assets.length ? ['--exclude-entrypoints', ...assets] : [])], { encoding: 'utf8' });
  const report = JSON.parse(r.stdout);
  const problems = report.analysis?.problems ?? [];
  assert.deepEqual(problems.filter((p) => p.kind !== 'CJSResolvesToESM'), [], JSON.stringify(problems, null, 1).slice(0, 3000));
  assert.equal(r.status, 0, r.stdout.slice(0, 2000) + r.stderr);
});

test("CommonJS: require('fieldnote') works through Node's require(esm), as engines promises", () => {
  // examples/html has the tarball installed and nothing else.
  const code = `const { compile, normalize } = require('fieldnote');
    const e = compile({ type: 'object', required: ['name'], properties: { name: { title: 'Full name' } } }).validate({});
    console.log(JSON.stringify([e.error.details[0].message, normalize({ status: 204, body: '' }).ok]));`;
  const r = spawnSync(process.execPath, ['--input-type=commonjs', '-e', code], { cwd: join(root, 'examples', 'html'), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), ['Enter full name', true]);
});
