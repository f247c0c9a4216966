// Property-based tests (fast-check) of fieldnote/dom's writes in headless Chromium: bindForm's
// showErrors with arbitrary field names, ids and messages, markup-looking text included. Whatever
// the server says, no element is made from its text, every id on the page stays unique, and every
// message the plan shows is on the page as text.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { serve, launch } from './harness.mjs';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Props</title></head>
<body><main id="main"></main><script type="module">
import init, { normalize } from '/pkg/index.js';
import { bindForm } from '/pkg/dom.js';
await init();
let controller = null;
// One case: a fresh form with an input per field (DOM APIs only, no markup parsed), bound,
// shown the errors; returns what the page then holds.
window.runCase = ({ fields, details, formErrors, viaNormalize }) => {
  controller?.destroy();
  const main = document.getElementById('main');
  main.replaceChildren();
  const h1 = document.createElement('h1');
  h1.textContent = 'Props';
  main.append(h1);
  const form = document.createElement('form');
  for (const f of fields) {
    const group = document.createElement('div');
    const label = document.createElement('label');
    label.textContent = f.label;
    const input = document.createElement('input');
    input.setAttribute('name', f.name);
    if (f.id !== null) {
      input.id = f.id;
      label.htmlFor = f.id;
    }
    group.append(label, input);
    form.append(group);
  }
  main.append(form);
  const before = new WeakSet(document.querySelectorAll('*'));
  controller = bindForm(form);
  const envelope = { error: { code: 'validation_failed', message: 'Check the form', details } };
  for (const m of formErrors) envelope.error.details.push({ field: '', message: m });
  const input = viaNormalize ? normalize({ status: 422, headers: { 'content-type': 'application/json' }, body: JSON.stringify(envelope) }) : envelope;
  const plan = controller.showErrors(input);
  const created = [...document.querySelectorAll('*')].filter((e) => !before.has(e));
  const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
  const hrefs = [...document.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href').slice(1));
  return {
    createdTags: [...new Set(created.map((e) => e.localName))],
    // Attributes other than the ones bindForm writes, on what it made.
    strangeAttributes: created.flatMap((e) => [...e.attributes].map((a) => a.name)
      .filter((n) => !/^(id|class|href|role|tabindex|aria-[a-z]+|data-fieldnote[a-z-]*|for|hidden|type|readonly|rows|lang|style)$/.test(n))),
    ids,
    hrefsResolve: hrefs.every((id) => document.getElementById(id) !== null),
    text: document.body.textContent,
    messages: [...(plan?.summary ?? []).map((s) => s.message), ...Object.values(plan?.fields ?? {})],
    title: document.title,
  };
};
window.markReady?.();
window.pageReady = true;
</script></body></html>`;

const server = await serve({ '/props.html': (req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE) });
const browser = await launch();
after(async () => { await browser.close(); await server.close(); });

const page = await browser.newPage();
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e));
await page.goto(`${server.url}/props.html`);
await page.waitForFunction(() => window.pageReady === true);

/** The elements bindForm draws (pkg/dom.js `el`): nothing else may appear. */
const DRAWN = new Set(['div', 'h2', 'ul', 'li', 'a', 'p', 'span', 'button', 'label', 'textarea']);

/** Text that looks like markup, entities, script, or ids the page could hold. */
const hostile = fc.oneof(
  fc.constantFrom('<img src=x onerror="window.pwned=1">', '<script>window.pwned=1</script>', '<b>bold</b>',
    '&lt;b&gt;', '"><svg onload=window.pwned=1>', '</li><li>', 'javascript:alert(1)', '{label}', '${x}',
    'fieldnote-error-summary', 'error-summary-title', '#', '0', 'items[0].name', '__proto__', 'constructor'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const words = fc.stringMatching(/^[A-Z][a-z]{2,12}( [a-z]{2,10}){0,5}$/);

const field = fc.record({ name: hostile, label: fc.oneof(words, hostile), id: fc.option(hostile, { nil: null }) });
const caseArb = fc.uniqueArray(field, { minLength: 1, maxLength: 12, selector: (f) => f.name }).chain((fields) => {
  // Ids given by the page are unique (a page with duplicate ids is already broken).
  const seen = new Set();
  for (const f of fields) {
    if (f.id === null || f.id === '' || seen.has(f.id)) f.id = null;
    else seen.add(f.id);
  }
  const detail = fc.record({ field: fc.oneof(fc.constantFrom(...fields.map((f) => f.name)), hostile), message: fc.oneof(words, hostile) });
  return fc.record({
    fields: fc.constant(fields),
    details: fc.array(detail, { maxLength: 30 }),
    formErrors: fc.array(fc.oneof(words, hostile), { maxLength: 3 }),
    viaNormalize: fc.boolean(),
  });
});

test('showErrors makes no element from text, keeps ids unique, shows every message as text', async () => {
  await fc.assert(fc.asyncProperty(caseArb, async (c) => {
    const r = await page.evaluate((arg) => window.runCase(arg), c);
    for (const tag of r.createdTags) assert.ok(DRAWN.has(tag), `bindForm drew a <${tag}>`);
    assert.deepEqual(r.strangeAttributes, [], 'attributes bindForm does not write');
    assert.equal(new Set(r.ids).size, r.ids.length, `duplicate ids: ${JSON.stringify(r.ids)}`);
    assert.ok(r.hrefsResolve, 'a summary link points at no element');
    for (const m of r.messages) assert.ok(r.text.includes(m), `message not on the page as text: ${JSON.stringify(m)}`);
    assert.equal(await page.evaluate(() => window.pwned), undefined, 'markup ran');
  }), { numRuns: 150, seed: 17 });
  assert.deepEqual(pageErrors, []);
});

test('plain messages on named fields reach the page as written', async () => {
  // Words (no markup, not code-like) on fields the form has are shown unchanged.
  const arb = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/), { minLength: 1, maxLength: 8 }).chain((names) =>
    fc.record({ names: fc.constant(names), messages: fc.array(words, { minLength: names.length, maxLength: names.length }) }));
  await fc.assert(fc.asyncProperty(arb, async ({ names, messages }) => {
    const r = await page.evaluate((arg) => window.runCase(arg), {
      fields: names.map((name) => ({ name, label: `Label ${name}`, id: null })),
      details: names.map((name, i) => ({ field: name, message: messages[i] })),
      formErrors: [],
      viaNormalize: false,
    });
    for (const m of messages) assert.ok(r.messages.includes(m) && r.text.includes(m), `${JSON.stringify(m)} not shown as written`);
  }), { numRuns: 60, seed: 17 });
});
