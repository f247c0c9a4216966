// examples/nextjs: Next.js (app router). A server component calls compile and normalize while
// the page is prerendered, a route handler validates the posted body, and a client component
// binds the form. `next build` with webpack and with Turbopack, then `next start` on 127.0.0.1
// (the Turbopack build), driven in Chromium.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertRan, driveBoundForm, example, freePort, launch, open, run, start } from './harness.mjs';

const dir = example('nextjs');
let built = false;

test('next build --webpack (the bundler Next.js had before Turbopack)', async () => {
  assertRan(await run(dir, 'next', ['build', '--webpack']), 'next build --webpack');
});

test('next build (Turbopack)', async () => {
  assertRan(await run(dir, 'next', ['build']), 'next build');
  built = true;
});

test('next start: server-rendered messages, then the form in the browser', async () => {
  assert.ok(built, 'next build failed: nothing to start');
  const port = await freePort();
  const server = await start(dir, 'next', ['start', '-H', '127.0.0.1', '-p', String(port)], { ready: /Ready in|✓ Ready/ });
  const browser = await launch();
  try {
    const { page, errors } = await open(browser, `http://127.0.0.1:${port}/`);
    assert.equal(await page.textContent('#server-validation'), 'Enter email address');
    assert.match(await page.textContent('#server-normalize'), /30 seconds/);
    await driveBoundForm(page, errors);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
