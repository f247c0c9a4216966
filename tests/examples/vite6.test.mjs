// examples/vite6: Vite 6, no framework; fieldnote called at module scope. `vite build` (served
// statically) and `vite dev`, whose dependency pre-bundling needs the one line of config the
// README gives for Vite 5–7 (vite.config.js).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertRan, driveBoundForm, example, freePort, launch, open, root, run, serveStatic, start } from './harness.mjs';

const dir = example('vite6');
const browser = await launch();
after(() => browser.close());

test('vite build, then the built app in Chromium', async () => {
  assertRan(await run(dir, 'vite', ['build', '--logLevel', 'warn']), 'vite build');
  const server = await serveStatic(join(dir, 'dist'));
  try {
    const { page, errors } = await open(browser, `${server.url}/`);
    await driveBoundForm(page, errors);
    assert.deepEqual(errors, []);
  } finally {
    await server.close();
  }
});

test('vite dev (optimizeDeps.exclude, as the README says): the package finds its wasm', async () => {
  const port = await freePort();
  // Vite's dev server has no API to mock: the form's success and server-error paths are covered
  // by the build test; here the page starts and validates.
  const dev = await start(dir, 'vite', ['--host', '127.0.0.1', '--port', String(port), '--strictPort', '--clearScreen', 'false'],
    { ready: /Local:\s+http/ });
  try {
    const { page, errors } = await open(browser, `http://127.0.0.1:${port}/`);
    await page.click('button[type=submit]');
    await page.locator('.fieldnote-error-summary').waitFor({ timeout: 15_000 }).catch(() => {
      throw new Error(`no error summary in vite dev; page errors: ${errors.join(' | ') || 'none'}\n${dev.output()}`);
    });
    assert.deepEqual(await page.locator('.fieldnote-error-summary a').allTextContents(), ['Enter full name', 'Enter email address']);
    assert.deepEqual(errors, []);
  } finally {
    await dev.stop();
  }
});

test('vite build --ssr with every dependency bundled (ssr.noExternal): fieldnote runs in Node', async () => {
  assertRan(await run(dir, 'vite', ['build', '--config', 'vite.ssr.config.js', '--logLevel', 'warn']), 'vite build (ssr)');
  const entry = readdirSync(join(dir, 'dist-ssr')).find((f) => /^server\.m?js$/.test(f));
  const ran = await run(dir, 'node', [join(dir, 'dist-ssr', entry)]);
  assertRan(ran, `node dist-ssr/${entry}`);
  const out = JSON.parse(ran.output.trim().split('\n').pop());
  assert.deepEqual(out.messages, ['Enter email address']);
  assert.match(out.busy, /30 seconds/);
});

test('a linked install (npm install /path/to/pkg) works in vite dev with the plugin fieldnote/vite', async () => {
  // A project whose node_modules/fieldnote is a symlink to the package (what `npm install <dir>`
  // makes) and whose Vite is this example's; its only config is the plugin (README).
  const project = mkdtempSync(join(tmpdir(), 'fieldnote-linked-'));
  try {
    mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
    symlinkSync(join(root, 'pkg'), join(project, 'node_modules', 'fieldnote'), 'dir');
    symlinkSync(join(dir, 'node_modules', 'vite'), join(project, 'node_modules', 'vite'), 'dir');
    symlinkSync(join(dir, 'node_modules', 'vite', 'bin', 'vite.js'), join(project, 'node_modules', '.bin', 'vite'));
    for (const f of ['index.html', 'main.js', 'schema.js']) copyFileSync(join(dir, f), join(project, f));
    writeFileSync(join(project, 'package.json'), '{ "type": "module", "private": true }\n');
    writeFileSync(join(project, 'vite.config.js'), "import fieldnote from 'fieldnote/vite';\nexport default { plugins: [fieldnote()] };\n");
    const port = await freePort();
    const dev = await start(project, 'vite', ['--host', '127.0.0.1', '--port', String(port), '--strictPort', '--clearScreen', 'false'],
      { ready: /Local:\s+http/ });
    try {
      const { page, errors } = await open(browser, `http://127.0.0.1:${port}/`);
      await page.click('button[type=submit]');
      await page.locator('.fieldnote-error-summary').waitFor({ timeout: 15_000 }).catch(() => {
        throw new Error(`no error summary with a linked install; page errors: ${errors.join(' | ') || 'none'}\n${dev.output()}`);
      });
      assert.deepEqual(await page.locator('.fieldnote-error-summary a').allTextContents(), ['Enter full name', 'Enter email address']);
      assert.deepEqual(errors, []);
    } finally {
      await dev.stop();
    }
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
