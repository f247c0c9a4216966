// Hostile input in headless Chromium (project issue #9): recovery after a trap, ReDoS through
// the JS API, markup in labels, field names, schema titles and server text drawn only as text,
// and compile/free cycles with no memory growth.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open } from './harness.mjs';

const EVIL = '<img src=x onerror="window.pwned=1">';

const server = await serve({
  '/hardening.html': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><title>Order</title>
      <form id="order" novalidate>
        <label for="name">Name</label><input id="name" name="name">
        <label for="evil">Odd field</label><input id="evil" name="${EVIL.replace(/"/g, '&quot;')}">
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
        window.ready = true;
      </script>`);
  },
});
const browser = await launch();
after(async () => { await browser.close(); await server.close(); });

async function page() {
  const p = await open(browser, `${server.url}/hardening.html`);
  const dialogs = [];
  p.page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await p.page.waitForFunction(() => window.ready);
  return { ...p, dialogs };
}

test('after a trap, normalize works and a validator compiled before it still works', async () => {
  const { page: p, errors } = await page();
  const r = await p.evaluate(() => {
    const v = fieldnote.compile({ type: 'object', required: ['name'], properties: { name: { type: 'string', title: 'Full name' } } });
    const w = fieldnote.compile({ type: 'array', items: { type: 'integer' } });
    const before = v.validate({});
    const gen = fieldnote.generation;
    const out = [];
    for (let i = 0; i < 3; i++) {
      let trapped = '';
      try { fieldnote.__trapForTests(); } catch (e) { trapped = e.message; }
      out.push({
        trapped,
        normalize: fieldnote.normalize({ status: 404 }).category,
        v: v.validate({}).error.details[0].message,
        w: w.validate([1, 'x']).error.details[0].field,
        ok: v.validate({ name: 'Ada' }),
      });
    }
    v.free();
    w.free();
    return { before: before.error.details[0].message, gen: fieldnote.generation - gen, out };
  });
  assert.equal(r.gen, 3);
  for (const o of r.out) {
    assert.match(o.trapped, /internal error.*restarted/);
    assert.deepEqual(o, { trapped: o.trapped, normalize: 'not_found', v: r.before, w: '1', ok: null });
  }
  assert.equal(r.before, 'Enter full name');
  assert.deepEqual(errors, []);
  await p.close();
});

test('ReDoS: ^(a+)+$ against 28 a\'s and ! answers in under 100 ms in Chromium', async () => {
  const { page: p, errors } = await page();
  const r = await p.evaluate(() => {
    const v = fieldnote.compile({ type: 'string', pattern: '^(a+)+$' });
    v.validate('warm up');
    const t = performance.now();
    const e = v.validate(`${'a'.repeat(28)}!`);
    const ms = performance.now() - t;
    const bomb = fieldnote.compile({ pattern: '^(a*)*\\1b$' });
    const t2 = performance.now();
    const [issue] = bomb.issues('a'.repeat(40));
    const bombMs = performance.now() - t2;
    return { ms, failed: e !== null, valid: v.validate('a'.repeat(28)), bombMs, tooComplex: issue.params.tooComplex, message: issue.message };
  });
  console.log(`# Chromium: ^(a+)+$ on 28 a's + '!' in ${r.ms.toFixed(2)} ms; backreference bomb gave up in ${r.bombMs.toFixed(1)} ms`);
  assert.ok(r.ms < 100, `${r.ms} ms`);
  assert.equal(r.failed, true);
  assert.equal(r.valid, null);
  assert.ok(r.bombMs < 2000);
  assert.equal(r.tooComplex, true);
  assert.match(r.message, /too long to check/);
  assert.deepEqual(errors, []);
  await p.close();
});

test('markup in labels, field names and schema titles is drawn as text by bindForm', async () => {
  const { page: p, errors, dialogs } = await page();
  const before = await p.evaluate(() => document.querySelectorAll('*').length);
  await p.evaluate((evil) => {
    const validator = fieldnote.compile({
      type: 'object',
      required: ['name', evil, 'email'],
      properties: { name: { type: 'string', title: `${evil} name` }, [evil]: { type: 'string' }, email: { type: 'string', format: 'email' } },
    }, { labels: { email: `${evil} email` } });
    window.controller = bindForm(document.getElementById('order'), { validator, labels: { name: `${evil} label` }, onSubmit: () => null });
  }, EVIL);
  await p.click('button[type=submit]');
  const s = await p.evaluate(() => ({
    lines: [...document.querySelectorAll('.fieldnote-error-summary li')].map((li) => [li.textContent, li.querySelector('a')?.getAttribute('href') ?? null]),
    inline: [...document.querySelectorAll('.fieldnote-error-message')].map((e) => e.textContent),
    img: document.querySelectorAll('img').length,
    pwned: window.pwned ?? null,
  }));
  // Titles and labels are shown whole; the unlabelled field is named after its path's last
  // segment (the path splits at the dot in `window.pwned`), still as text.
  assert.deepEqual(s.lines.map(([text]) => text), [`Enter ${EVIL} label`, 'Enter pwned=1">', `Enter ${EVIL} email`]);
  assert.deepEqual(s.lines.map(([, href]) => href), ['#name', '#evil', '#email']);
  assert.deepEqual(s.inline, s.lines.map(([text]) => `Error: ${text}`));
  assert.equal(s.img, 0);
  assert.equal(s.pwned, null);

  // Server text for the other panels: sign in, countdown, a message; and a field named in markup.
  for (const response of [
    { status: 401, headers: { 'www-authenticate': `Bearer error="invalid_token", error_description="${EVIL}"` }, body: '' },
    { status: 429, headers: { 'retry-after': '30' }, body: JSON.stringify({ error: { code: 'rate_limited', message: EVIL } }) },
    { status: 409, body: JSON.stringify({ error: { code: 'conflict', message: EVIL, details: [{ field: EVIL, message: EVIL }] } }) },
    { status: 500, headers: { 'x-request-id': EVIL }, body: EVIL },
  ]) {
    const r = await p.evaluate((resp) => {
      const result = fieldnote.normalize(resp);
      window.controller.showErrors(result);
      const summary = document.querySelector('.fieldnote-error-summary');
      return { message: result.message, text: summary?.textContent ?? '', img: document.querySelectorAll('img').length };
    }, response);
    assert.doesNotMatch(r.message, /</, `status ${response.status}`);
    assert.equal(r.img, 0, `status ${response.status}`);
  }
  await p.evaluate(() => new Promise((r) => setTimeout(r, 100)));
  const end = await p.evaluate(() => ({ img: document.querySelectorAll('img').length, script: document.querySelectorAll('script').length, pwned: window.pwned ?? null }));
  assert.deepEqual(end, { img: 0, script: 1, pwned: null });
  await p.evaluate(() => window.controller.destroy());
  assert.equal(await p.evaluate(() => document.querySelectorAll('*').length), before, 'destroy() removes everything');
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await p.close();
});

test('thousands of compile/free cycles in the browser: no wasm memory growth', async () => {
  const { page: p, errors } = await page();
  const r = await p.evaluate(async () => {
    const schema = { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 2, pattern: '^[A-Z]' } } };
    const cycle = () => { const v = fieldnote.compile(schema); v.validate({ name: 'x' }); v.free(); };
    for (let i = 0; i < 200; i++) cycle();
    const live = fieldnote.__liveSchemasForTests();
    const before = await memoryBytes();
    for (let i = 0; i < 3000; i++) cycle();
    const a = fieldnote.compile(schema);
    const b = fieldnote.compile({ type: 'integer', minimum: 1 });
    let mixed = true;
    for (let i = 0; i < 1000; i++) {
      mixed &&= a.validate({ name: 'Ada' }) === null && b.validate(0) !== null && b.validate(i + 1) === null;
    }
    a.free();
    b.free();
    return { before, after: await memoryBytes(), live, liveAfter: fieldnote.__liveSchemasForTests(), mixed };
  });
  console.log(`# Chromium memory: ${r.before} bytes before, ${r.after} after 3000 compile/free cycles`);
  assert.equal(r.mixed, true);
  assert.equal(r.liveAfter, r.live);
  assert.ok(r.after - r.before <= 64 * 1024, `grew by ${r.after - r.before}`);
  assert.deepEqual(errors, []);
  await p.close();
});
