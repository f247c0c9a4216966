// bindForm on forms made of GOV.UK Frontend's own components (govuk-frontend from npm, its
// Nunjucks macros, CSS and JS), in headless Chromium. The reference for every error is the markup
// GOV.UK Frontend's macro renders when called with `errorMessage` (and the error summary macro):
// bindForm must put the same messages in the same places with the same classes and
// aria-describedby, at 1280 and 375 px, with axe-core at 0 violations. A page rendered with those
// errors by a server (progressive enhancement) is adopted, not doubled.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { AxeBuilder } from '@axe-core/playwright';
import { serve, launch, root } from './harness.mjs';

const env = nunjucks.configure([join(root, 'tests/node_modules/govuk-frontend/dist'), join(root, 'tests/browser/pages')], { autoescape: true });
const render = (ctx = {}) => env.render('govuk-form.njk', { e: {}, checked: { method: 'post' }, dobParts: [], summary: null, ...ctx });

// One error per component; the date's is about its year only.
const ERRORS = {
  cost: 'Enter a cost per item, in pounds',
  password: 'Enter a password',
  details: 'Detail must be 200 characters or fewer',
  method: 'Select how we should send your licence',
  postcode: 'Enter a real postcode',
  topics: 'Select which topics interest you',
  'dob.year': 'Date of birth must include a year',
  evidence: 'Select a photo of your ID',
  country: 'Select a country',
  more: 'Tell us anything else, or write “none”',
  terms: 'Select if you accept the terms and conditions',
};
const HREFS = ['#cost', '#password', '#details', '#method', '#postcode', '#topics', '#dob-year', '#evidence', '#country', '#more', '#terms'];
const reference = {
  e: Object.fromEntries(Object.entries(ERRORS).map(([k, text]) => [k === 'dob.year' ? 'dob' : k, { text }])),
  dobParts: ['year'],
};
const summaryList = Object.values(ERRORS).map((text, i) => ({ text, href: HREFS[i] }));

const html = (body) => (req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
const server = await serve({
  "/govuk-blank": html(render({ checked: {} })),
  '/govuk': html(render()),
  '/govuk-reference': html(render(reference)),
  '/govuk-server': html(render({ ...reference, summary: summaryList })),
});
const browser = await launch();
after(async () => { await browser.close(); await server.close(); });

async function open(path, width) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.on('close', () => context.close().catch(() => {}));
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  // GOV.UK's CSS asks for its fonts at /assets/: not served here.
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(new Error(m.text())); });
  await page.goto(server.url + path);
  await page.evaluate(() => window.readyP);
  return { page, errors };
}

const envelope = () => ({
  error: { code: 'validation_failed', message: 'Validation failed', details: Object.entries(ERRORS).map(([field, message]) => ({ field, message })) },
});

/** The markup that matters, as lines: element, id, classes (sorted), aria-describedby, href,
 * role, and the text of error messages and summary lines. Styles, aria-invalid, data-* and
 * tabindex are left out (GOV.UK's JS and ours set them at different times). */
function shape(page, selector) {
  return page.evaluate((sel) => {
    const out = [];
    const walk = (node, depth) => {
      for (const child of node.children) {
        if (child.localName === 'script') continue;
        const attrs = [];
        for (const a of ['id', 'class', 'aria-describedby', 'href', 'role', 'for', 'name', 'type']) {
          const v = child.getAttribute(a)?.trim();
          if (!v) continue;
          attrs.push(`${a}=${a === 'class' ? v.split(/\s+/).sort().join('.') : v.split(/\s+/).join(' ')}`);
        }
        const texty = /error-message|error-summary__title/.test(child.className) || child.localName === 'a';
        out.push(`${'  '.repeat(depth)}${child.localName} ${attrs.join(' ')}${texty ? ` "${child.textContent.trim().replace(/\s+/g, ' ')}"` : ''}`);
        walk(child, depth + 1);
      }
    };
    const el = document.querySelector(sel);
    if (el) walk(el, 0);
    return out;
  }, selector);
}

/** Ids used more than once, tokens repeated in an aria-describedby, "Error: Error:" anywhere. */
const doubles = (page) => page.evaluate(() => {
  const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
  return {
    ids: ids.filter((id, i) => ids.indexOf(id) !== i),
    describedBy: [...document.querySelectorAll('[aria-describedby]')].map((e) => e.getAttribute('aria-describedby'))
      .filter((v) => new Set(v.split(/\s+/)).size !== v.split(/\s+/).length),
    errorError: /Error:\s*Error:/.test(document.title) || [...document.querySelectorAll('.govuk-error-message')].some((p) => /Error:\s*Error:/.test(p.textContent)),
    summaries: document.querySelectorAll('.govuk-error-summary').length,
    messages: document.querySelectorAll('.govuk-error-message').length,
  };
});

async function axe(page, what) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  // One finding is GOV.UK Frontend's own, with or without fieldnote: its JS sets aria-expanded on
  // radios that reveal a conditional question, which axe-core does not allow on role=radio.
  const own = (n) => /^<input class="govuk-radios__input"/.test(n.html) && /^Fix all of the following:\s+ARIA attribute is not allowed: aria-expanded="(true|false)"$/.test(n.failureSummary);
  for (const v of violations) v.nodes = v.nodes.filter((n) => !(v.id === 'aria-allowed-attr' && own(n)));
  assert.deepEqual(violations.filter((v) => v.nodes.length).map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], what);
}

for (const width of [1280, 375]) {
  test(`GOV.UK components at ${width} px: the same markup as GOV.UK Frontend's macros render for the same errors`, async () => {
    const ref = await open('/govuk-reference', width);
    const { page, errors } = await open('/govuk', width);
    await axe(page, 'no errors');
    await page.evaluate((env) => {
      window.bindForm(document.getElementById('apply'), { classPrefix: 'govuk-' }).showErrors(env);
    }, envelope());
    // Every component: message, classes and aria-describedby as GOV.UK Frontend renders them.
    const ours = await shape(page, '#apply');
    const theirs = await shape(ref.page, '#apply');
    assert.equal(ours.filter((line) => line.includes('govuk-error-message')).length, 11, 'one message per component');
    assert.deepEqual(ours, theirs);
    // The summary: the macro's markup (data-module aside), at the top of the column above the h1.
    const summary = await shape(page, '.govuk-grid-column-two-thirds');
    const refSummary = (await shape(await (async () => {
      const p = await open('/govuk-server', width);
      return p.page;
    })(), '.govuk-grid-column-two-thirds'));
    assert.deepEqual(summary, refSummary);
    assert.equal(await page.evaluate(() => document.activeElement.className), 'govuk-error-summary');
    assert.equal(await page.title(), 'Error: Apply for a licence – GOV.UK');

    // Layout: messages above the wrappers, prefix, input and suffix on one line, the lone
    // checkbox's box clear of its message, nothing wider than the screen.
    const layout = await page.evaluate(() => {
      const box = (sel) => document.querySelector(sel).getBoundingClientRect();
      const cost = box('#cost'); const prefix = box('.govuk-input__prefix'); const suffix = box('.govuk-input__suffix');
      return {
        costAbove: box('#cost-error').bottom <= box('.govuk-input__wrapper').top,
        oneLine: Math.abs(prefix.top - cost.top) < 2 && Math.abs(suffix.top - cost.top) < 2,
        passwordAbove: box('#password-error').bottom <= box('.govuk-password-input__wrapper').top,
        termsAbove: box('#terms-error').bottom <= box('#terms').top,
        overflow: document.documentElement.scrollWidth - window.innerWidth,
      };
    });
    assert.deepEqual(layout, { costAbove: true, oneLine: true, passwordAbove: true, termsAbove: true, overflow: 0 });
    await axe(page, 'with every error');
    assert.deepEqual(errors, []);
    assert.deepEqual(ref.errors, []);
    await ref.page.close();
    await page.close();
  });
}

test('client validation on GOV.UK components: file inputs, dates at fault part by part, no aria-invalid on groups', async () => {
  const { page, errors } = await open('/govuk-blank', 1280);
  const state = await page.evaluate(() => {
    const { compile } = window.fieldnote;
    const validator = compile({
      type: 'object',
      required: ['cost', 'method', 'dob', 'topics', 'terms'],
      properties: {
        cost: { type: 'number', title: 'Cost per item' },
        method: { enum: ['post', 'email'], title: 'How we should send your licence' },
        dob: { type: 'object', required: ['day', 'month', 'year'], title: 'Date of birth', properties: { day: { type: 'integer' }, month: { type: 'integer' }, year: { type: 'integer', minimum: 1900 } } },
        topics: { type: 'array', minItems: 1, title: 'Topics' },
        terms: { const: true, title: 'The terms' },
      },
    });
    document.getElementById('dob-day').value = '27';
    document.getElementById('dob-month').value = '3';
    const controller = window.bindForm(document.getElementById('apply'), { classPrefix: 'govuk-', validator });
    window.controller = controller;
    document.getElementById('apply').requestSubmit();
    const marked = (sel) => [...document.querySelectorAll(sel)].map((e) => `${e.id}:${e.className.includes('--error') ? 'error' : '-'}:${e.getAttribute('aria-invalid')}`);
    return {
      summary: [...document.querySelectorAll('.govuk-error-summary a')].map((a) => a.getAttribute('href')),
      dob: marked('.govuk-date-input__input'),
      outer: document.querySelector('#dob').closest('fieldset').parentElement.className,
      radios: marked('[name=method]'),
      boxes: marked('[name=topics], [name=terms]'),
      submitted: location.pathname,
    };
  });
  assert.deepEqual(state.summary, ['#cost', '#method', '#topics', '#dob-year', '#terms']);
  // Only the empty part is highlighted; the class is on the outer form group; no aria-invalid.
  assert.deepEqual(state.dob, ['dob-day:-:null', 'dob-month:-:null', 'dob-year:error:null']);
  assert.match(state.outer, /govuk-form-group--error/);
  assert.deepEqual(state.radios, ['method:-:null', 'method-2:-:null']);
  assert.deepEqual(state.boxes, ['topics:-:null', 'topics-2:-:null', 'topics-3:-:null', 'terms:-:null']);
  assert.equal(state.submitted, '/govuk-blank');

  // A server error on the file input: message, class, aria-describedby and a summary link.
  const file = await page.evaluate(() => {
    window.controller.showErrors({ error: { code: 'validation_failed', message: 'x', details: [{ field: 'evidence', message: 'The selected file must be smaller than 2MB' }] } });
    const input = document.getElementById('evidence');
    return [input.className, input.getAttribute('aria-describedby'), document.getElementById('evidence-error').nextElementSibling === input,
      document.querySelector('.govuk-error-summary a').getAttribute('href')];
  });
  assert.deepEqual(file, ['govuk-file-upload govuk-file-upload--error', 'evidence-error', true, '#evidence']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('progressive enhancement: a server-rendered summary and messages are adopted, never doubled', async () => {
  const { page, errors } = await open('/govuk-server', 1280);
  const before = await doubles(page);
  assert.deepEqual(before, { ids: [], describedBy: [], errorError: false, summaries: 1, messages: 11 });
  await page.evaluate(() => {
    const { compile } = window.fieldnote;
    window.controller = window.bindForm(document.getElementById('apply'), {
      classPrefix: 'govuk-',
      validator: compile({ type: 'object', required: ['cost', 'password'], properties: { cost: { type: 'number', title: 'Cost per item' }, password: { type: 'string', title: 'Password' } } }),
    });
  });
  assert.deepEqual(await doubles(page), before, 'binding changes nothing on screen');
  await page.fill('#password', 'correct horse battery staple');
  await page.click('button[type=submit]');
  const after = await doubles(page);
  assert.deepEqual(after, { ids: [], describedBy: [], errorError: false, summaries: 1, messages: 1 });
  assert.deepEqual(await page.evaluate(() => {
    const s = document.querySelector('.govuk-error-summary');
    const input = document.getElementById('cost');
    return [document.title, s.nextElementSibling.localName, [...s.querySelectorAll('a')].map((a) => a.textContent),
      input.getAttribute('aria-describedby'), document.getElementById('password').getAttribute('aria-describedby'),
      input.closest('.govuk-form-group').className, document.getElementById('password').className];
  }), ['Error: Apply for a licence – GOV.UK', 'h1', ['Enter cost per item'], 'cost-hint cost-error', null,
    'govuk-form-group govuk-form-group--error', 'govuk-input govuk-password-input__input govuk-js-password-input-input']);
  await axe(page, 'after the first client submit');
  assert.deepEqual(errors, []);
  await page.close();
});

test('screenshot for the README: GOV.UK components with errors drawn by bindForm', async () => {
  const { page, errors } = await open('/govuk', 640);
  await page.evaluate((env) => {
    window.bindForm(document.getElementById('apply'), { classPrefix: 'govuk-', focusSummary: false }).showErrors(env);
  }, envelope());
  const box = await page.evaluate(() => {
    const r = document.getElementById('password').closest('.govuk-form-group').getBoundingClientRect();
    return { x: 0, y: 0, width: 640, height: Math.ceil(r.bottom + window.scrollY + 10) };
  });
  await page.screenshot({ path: join(root, 'tests/e2e/screenshots/govuk-components.png'), clip: box, fullPage: true, animations: 'disabled', caret: 'hide' });
  assert.deepEqual(errors, []);
  await page.close();
});
