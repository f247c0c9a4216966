// compile(schema, options) in headless Chromium after `await init()`: the whole Validator API,
// locales loaded on demand as separate modules, recovery after a trap, and bindForm driven by
// the real validator (typeAt typing form text, messages in the error summary).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open } from './harness.mjs';

const server = await serve({
  '/validator.html': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><title>Order</title>
      <form id="order" novalidate>
        <label for="name">Name</label><input id="name" name="name">
        <label for="quantity">Quantity</label><input id="quantity" name="quantity">
        <label for="email">Email</label><input id="email" name="email">
        <button type="submit">Continue</button>
      </form>
      <script type="module">
        import init, * as fieldnote from '/pkg/index.js';
        import { bindForm } from '/pkg/dom.js';
        await init();
        import * as internal from '/pkg/internal.js';
        // Test hooks (not exported by the package): trap both modules, count restarts and live schemas.
        window.fieldnote = Object.assign({}, fieldnote, {
          __trapForTests() { try { internal.trapErrors(); } catch { /* restarted */ } internal.trapValidator(); },
          __liveSchemasForTests: internal.liveSchemas,
        });
        Object.defineProperty(window.fieldnote, 'generation', { get: () => internal.generations().validator });
        window.memoryBytes = async () => { const m = internal.memoryBytes(); return m.errors + m.validator; };
        window.bindForm = bindForm;
        window.loaded = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
        window.ready = true;
      </script>`);
  },
});
const browser = await launch();
after(async () => { await browser.close(); await server.close(); });

async function page() {
  const p = await open(browser, `${server.url}/validator.html`);
  await p.page.waitForFunction(() => window.ready);
  return p;
}

const SCHEMA = {
  type: 'object',
  required: ['name', 'quantity'],
  properties: {
    name: { type: 'string', minLength: 1, title: 'Full name' },
    quantity: { type: 'integer', minimum: 1 },
    email: { type: 'string', format: 'email' },
    items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string', pattern: '^[A-Z]{3}$' } } } },
  },
};

test('validate, validateJson, issues and typeAt in the browser', async () => {
  const { page: p, errors } = await page();
  const r = await p.evaluate((schema) => {
    const v = fieldnote.compile(schema);
    const out = {
      ok: v.validate({ name: 'Ada', quantity: 2 }),
      bad: v.validate({ quantity: 0, email: 'x', items: [{ sku: 'abc' }] }),
      json: v.validateJson('{"name":"Ada","quantity":"2"}'),
      issues: v.issues({ name: 'Ada', quantity: 1.5 }),
      types: [v.typeAt('quantity'), v.typeAt('items[0].sku'), v.typeAt('nothing')],
      standard: v['~standard'].validate({ name: 'Ada', quantity: 1, items: [{ sku: 'x' }] }),
    };
    try { v.validateJson('{'); } catch (e) { out.notJson = e.message; }
    try { fieldnote.compile({ properties: { a: { minLength: -1 } } }); } catch (e) { out.badSchema = e.message; }
    v.free();
    v.free();
    try { v.validate({}); } catch (e) { out.freed = e.message; }
    out.live = fieldnote.__liveSchemasForTests();
    return out;
  }, SCHEMA);
  assert.equal(r.ok, null);
  assert.deepEqual(r.bad.error.details, [
    { field: 'name', message: 'Enter full name' },
    { field: 'quantity', message: 'Quantity must be 1 or more' },
    { field: 'email', message: 'Enter an email address in the correct format, like name@example.com' },
    { field: 'items.0.sku', message: 'Enter sku for item 1 in the correct format' },
  ]);
  assert.deepEqual(r.json.error.details, [{ field: 'quantity', message: 'Quantity must be a whole number, like 12' }]);
  assert.deepEqual(r.issues.map((i) => [i.path, i.keyword]), [['quantity', 'type']]);
  assert.deepEqual(r.types, [['integer'], ['string'], null]);
  assert.deepEqual(r.standard.issues, [{ message: 'Enter sku for item 1 in the correct format', path: ['items', 0, 'sku'] }]);
  assert.match(r.notJson, /not JSON/);
  assert.match(r.badSchema, /\/properties\/a\/minLength/);
  assert.match(r.freed, /freed/);
  assert.equal(r.live, 0);
  assert.deepEqual(errors, []);
});

test('other locales load on demand as separate modules; unknown locales are English', async () => {
  const { page: p, errors } = await page();
  const r = await p.evaluate(async (schema) => {
    const before = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
    const v = fieldnote.compile(schema, { locale: 'de' });
    const englishFirst = v.validate({ name: 'Ada' }).error.details[0].message;
    const tag = await fieldnote.loadLocale('de-AT');
    const german = v.validate({ name: 'Ada' }).error.details[0].message;
    const french = (await fieldnote.loadLocale('fr'), v.validate({ name: 'Ada' }, { locale: 'fr' }).error.details[0].message);
    const unknown = await fieldnote.loadLocale('xx');
    const after = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
    // Locales survive a restart of the module.
    try { fieldnote.__trapForTests(); } catch { /* restarted */ }
    const germanAfterTrap = v.validate({ name: 'Ada' }).error.details[0].message;
    return { before, after, tag, englishFirst, german, french, unknown, germanAfterTrap };
  }, SCHEMA);
  assert.ok(!r.before.some((p) => p.includes('/locales/')), 'English pages load no locale');
  assert.ok(r.after.includes('/pkg/locales/de.js') && r.after.includes('/pkg/locales/fr.js'));
  assert.equal(r.tag, 'de');
  assert.equal(r.englishFirst, 'Enter quantity');
  assert.notEqual(r.german, r.englishFirst);
  assert.match(r.german, /Quantity|quantity/);
  assert.notEqual(r.french, r.englishFirst);
  assert.equal(r.unknown, 'en');
  assert.equal(r.germanAfterTrap, r.german);
  assert.deepEqual(errors, []);
});

test('a Validator survives a trap in the browser', async () => {
  const { page: p, errors } = await page();
  const r = await p.evaluate((schema) => {
    const v = fieldnote.compile(schema);
    const gen = fieldnote.generation;
    let trapped = '';
    try { fieldnote.__trapForTests(); } catch (e) { trapped = e.message; }
    return { trapped, bumped: fieldnote.generation === gen + 1, after: v.validate({ name: 'Ada' }), types: v.typeAt('quantity') };
  }, SCHEMA);
  assert.match(r.trapped, /restarted/);
  assert.ok(r.bumped);
  assert.deepEqual(r.after.error.details, [{ field: 'quantity', message: 'Enter quantity' }]);
  assert.deepEqual(r.types, ['integer']);
  assert.deepEqual(errors, []);
});

test('bindForm with the real validator: typed values, GOV.UK messages in the summary', async () => {
  const { page: p, errors } = await page();
  await p.evaluate((schema) => {
    window.submitted = null;

    window.bindForm(document.getElementById('order'), {
      validator: fieldnote.compile(schema),
      onSubmit: (value) => { window.submitted = value; },
    });
  }, SCHEMA);
  await p.fill('#quantity', '0');
  await p.fill('#email', 'nope');
  await p.click('button[type=submit]');
  const lines = await p.$$eval('.fieldnote-error-summary li', (li) => li.map((l) => l.textContent));
  assert.deepEqual(lines, ['Enter full name', 'Quantity must be 1 or more', 'Enter an email address in the correct format, like name@example.com']);
  await p.fill('#name', 'Ada');
  await p.fill('#quantity', '3');
  await p.fill('#email', 'ada@example.com');
  await p.locator('#email').blur();
  // A corrected field's message goes when the person leaves it: the summary goes once all are fixed.
  await p.waitForFunction(() => !document.querySelector('.fieldnote-error-summary'));
  await p.click('button[type=submit]');
  const value = await p.waitForFunction(() => window.submitted).then((h) => h.jsonValue());
  assert.deepEqual(value, { name: 'Ada', quantity: 3, email: 'ada@example.com' }, 'typeAt made "3" a number');
  assert.deepEqual(errors, []);
});
