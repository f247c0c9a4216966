// examples/webpack: webpack 5 with no configuration file (src/index.js → dist/main.js); the wasm
// is an emitted asset found from the script's own URL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { assertRan, driveBoundForm, example, launch, open, run, serveStatic } from './harness.mjs';
import { checkAotPage, kindOf, wasmFiles } from './aot.mjs';

const dir = example('webpack');
const browser = await launch();
after(() => browser.close());

test('webpack --mode production, then the built app in Chromium', async (t) => {
  const built = await run(dir, 'webpack', ['--mode', 'production']);
  assertRan(built, 'webpack');
  assert.ok(readdirSync(join(dir, 'dist')).some((f) => f.endsWith('.wasm')), 'the wasm is emitted');
  // The one warning webpack gives is its 244 KiB size hint for the wasm (README: "webpack").
  const warnings = built.output.match(/WARNING in [^\n]*/g) ?? [];
  t.diagnostic(`webpack warnings: ${warnings.join('; ') || 'none'}`);
  assert.ok(warnings.every((w) => /asset size limit|entrypoint size limit|webpack performance recommendations/.test(w)), warnings.join('\n'));
  const server = await serveStatic(dir);
  try {
    const { page, errors } = await open(browser, `${server.url}/`);
    await driveBoundForm(page, errors);
    assert.deepEqual(errors, []);
  } finally {
    await server.close();
  }
});

test("the README's performance.assetFilter drops the size hint for the wasm, and only that", async () => {
  const built = await run(dir, 'webpack', ['--mode', 'production', '--config', 'webpack.size-hint.config.js']);
  assertRan(built, 'webpack --config webpack.size-hint.config.js');
  assert.deepEqual(built.output.match(/WARNING in [^\n]*/g) ?? [], []);
  assert.ok(readdirSync(join(dir, 'dist')).some((f) => f.endsWith('.wasm')), 'the wasm is still emitted');
});

test('a schema compiled ahead of time by the webpack loader: same answers as compile(), runtime only', async () => {
  rmSync(join(dir, 'dist-aot'), { recursive: true, force: true }); // webpack keeps older hashed files
  const built = await run(dir, 'webpack', ['--config', 'webpack.aot.config.js']);
  assertRan(built, 'webpack --config webpack.aot.config.js');
  // The runtime and, for bindForm, the server-error module; never the schema compiler.
  const emitted = wasmFiles(join(dir, 'dist-aot')).map((f) => kindOf(readFileSync(join(dir, 'dist-aot', f)))).sort();
  assert.deepEqual(emitted, ['errors', 'runtime']);
  const server = await serveStatic(dir);
  try {
    await checkAotPage(browser, `${server.url}/aot.html`, join(dir, 'signup.schema.json'));
  } finally {
    await server.close();
  }
});

test('a schema that cannot be used fails the webpack build, naming the place', async () => {
  const bad = await run(dir, 'webpack', ['--config', 'webpack.aot.config.js', '--entry', './src/bad.js', '--output-path', 'dist-bad']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.output, /broken\.schema\.json: .*\/properties\/zip\/pattern/);
});
