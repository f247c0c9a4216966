// examples/vite-react-hook-form: Vite 8 + React + React Hook Form; the validator is the resolver
// (standardSchemaResolver) and the server's errors reach setError through toFormErrors.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assertRan, example, launch, open, run, serveStatic } from './harness.mjs';
import { checkAotPage } from './aot.mjs';

const dir = example('vite-react-hook-form');
const browser = await launch();
after(() => browser.close());

assertRan(await run(dir, 'vite', ['build', '--logLevel', 'warn']), 'vite build');
const server = await serveStatic(join(dir, 'dist'));
after(() => server.close());

const text = (page, selector) => page.locator(selector).textContent({ timeout: 10_000 });

test('empty inputs read as missing: the required messages, nothing for an empty optional number', async () => {
  const { page, errors } = await open(browser, `${server.url}/`);
  await page.click('button[type=submit]');
  assert.equal(await text(page, '#name-error'), 'Enter full name');
  // React Hook Form sends '' for an empty text input and NaN for an empty number input.
  assert.equal(await text(page, '#email-error'), 'Enter email address');
  assert.equal(await page.locator('#age-error').count(), 0, `age: ${await page.locator('#age-error').textContent().catch(() => '')}`);
  assert.deepEqual(errors, []);
});

test('a typed error for a filled field; the server error via toFormErrors; then success', async () => {
  const { page, errors } = await open(browser, `${server.url}/`);
  await page.fill('#name', 'Ada Lovelace');
  await page.fill('#email', 'ada');
  await page.fill('#age', '12');
  await page.click('button[type=submit]');
  assert.equal(await text(page, '#email-error'), 'Enter an email address in the correct format, like name@example.com');
  assert.equal(await text(page, '#age-error'), 'Age must be 18 or more');

  await page.fill('#email', 'taken@example.com');
  await page.fill('#age', '36');
  await page.click('button[type=submit]');
  await page.waitForFunction(() => document.getElementById('email-error')?.textContent === 'This email address is already registered',
    null, { timeout: 10_000 });
  assert.equal(await page.locator('#age-error').count(), 0);

  await page.fill('#email', 'ada@example.com');
  await page.click('button[type=submit]');
  await page.locator('#done').waitFor({ timeout: 10_000 });
  assert.deepEqual(errors, []);
});

test('a schema compiled ahead of time by the Vite plugin: same answers as compile(), runtime only', async () => {
  await checkAotPage(browser, `${server.url}/aot.html`, join(dir, 'signup.schema.json'));
});
