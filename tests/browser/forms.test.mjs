// bindForm on a real page in headless Chromium, validated by the real validator (compile() of
// pages/forms-schema.json): the GOV.UK error pattern for client validation and server responses,
// focus, live regions, safety, and axe-core with zero violations.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { serve, launch, root } from './harness.mjs';
import { bindForm } from '../../pkg/dom.js';

const server = await serve();
const browser = await launch();
after(async () => { await browser.close(); await server.close(); });

const PAGE = '/tests/browser/pages/forms.html';
const TITLE = 'Apply for a licence';
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** Opens the fixture form; with `clock`, timers are Playwright's fake ones. */
async function openForm({ clock = false } = {}) {
  // A context of its own: axe-core's runner needs one.
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  const page = await context.newPage();
  // Closing may race the browser's own close in after(): nothing to report then.
  page.on('close', () => context.close().catch(() => {}));
  const errors = [];
  const dialogs = [];
  page.on('pageerror', (e) => errors.push(e));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(new Error(m.text())); });
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  if (clock) await page.clock.install({ time: T0 });
  await page.goto(server.url + PAGE);
  await page.evaluate(() => window.readyP);
  return { page, errors, dialogs };
}

/** The error summary as data: lines of [text, href], heading, roles, focus. */
function summary(page) {
  return page.evaluate(() => {
    const s = document.querySelector('.fieldnote-error-summary');
    if (!s) return null;
    return {
      // GOV.UK's place: top of the main column, above the h1.
      placed: s.parentElement.localName === 'main' && s.nextElementSibling?.localName === 'h1',
      role: s.getAttribute('role'),
      innerRole: s.firstElementChild.getAttribute('role'),
      heading: s.querySelector('h2').textContent,
      lines: [...s.querySelectorAll('li')].map((li) => [li.textContent, li.querySelector('a')?.getAttribute('href') ?? null]),
      focused: document.activeElement === s,
      tabindex: s.getAttribute('tabindex'),
    };
  });
}

/** A server response, normalized in the page. */
function showServer(page, response) {
  return page.evaluate((r) => document.getElementById('apply').showErrors(window.fieldnote.normalize(r)), response);
}

const envelope = (details, code = 'validation_failed', message = 'Validation failed') =>
  JSON.stringify({ error: { code, message, details } });

const inView = (page, selector) => page.evaluate((sel) => {
  const r = document.querySelector(sel).getBoundingClientRect();
  return r.top >= -1 && r.bottom <= window.innerHeight + 1; // scrolling lands on sub-pixels
}, selector);

async function fillValid(page) {
  await page.fill('#full-name', 'Ada Lovelace');
  await page.fill('#dob-day', '27');
  await page.fill('#dob-month', '3');
  await page.fill('#dob-year', '1990');
  await page.check('#contact-phone');
  await page.fill('#item-0-name', 'First');
  await page.check('#terms');
}

test('a failed submit shows the GOV.UK error summary, inline messages and title prefix', async () => {
  const { page, errors } = await openForm();
  await page.fill('#email', 'not-an-email');
  await page.fill('#item-1-name', 'Second');
  await page.click('button[type=submit]');
  const s = await summary(page);
  assert.equal(s.placed, true, 'summary is above the h1 in main');
  assert.equal(s.role, null);
  assert.equal(s.innerRole, 'alert', 'role=alert on the inner wrapper');
  assert.equal(s.heading, 'There is a problem');
  assert.deepEqual(s.lines, [ // page order, not the validator's order
    ['Enter your full name', '#full-name'],
    ['Enter an email address in the correct format, like name@example.com', '#email'],
    ['Enter your date of birth', '#dob-day'],
    ['Select how we should contact you', '#contact-email'],
    ['Enter a name for item 1', '#item-0-name'],
    ['Select if you accept the terms', '#terms'],
  ]);
  // The validator reports missing answers first, then wrong ones; the summary above is sorted
  // into page order.
  assert.deepEqual(await page.evaluate(() => window.validators.apply.validate(window.controller.value()).error.details.map((d) => d.field)),
    ['fullName', 'dob', 'contact', 'email', 'items.0', 'terms']);
  assert.equal(s.focused, true, 'focus moves to the summary');
  assert.equal(s.tabindex, '-1');
  assert.equal(await page.title(), `Error: ${TITLE}`);

  const inline = await page.evaluate(() => {
    const p = document.getElementById('full-name-error');
    const span = p.firstElementChild;
    const cs = getComputedStyle(span);
    const input = document.getElementById('full-name');
    const dob = document.getElementById('dob');
    const contact = document.getElementById('contact-email').closest('fieldset');
    return {
      tag: p.localName, cls: p.className, text: p.textContent, span: [span.localName, span.className, span.textContent],
      hidden: [cs.position, cs.width, cs.height, cs.overflow, cs.clipPath],
      beforeInput: p.nextElementSibling === input,
      describedBy: input.getAttribute('aria-describedby'),
      invalid: input.getAttribute('aria-invalid'),
      inputClass: input.className,
      groupClass: input.parentElement.className,
      dob: [dob.getAttribute('aria-describedby'), document.getElementById('dob-error').previousElementSibling.id,
        [...dob.querySelectorAll('input')].map((i) => i.getAttribute('aria-invalid')).join(),
        dob.querySelector('input').getAttribute('aria-describedby')],
      contact: [contact.getAttribute('aria-describedby'), document.getElementById('contact-email-error').previousElementSibling.id],
      interests: document.getElementById('interest-news').getAttribute('aria-invalid'),
      values: [document.getElementById('email').value, document.getElementById('item-1-name').value],
      count: document.querySelectorAll('.fieldnote-error-message').length,
      submitted: window.submitted.length,
      path: location.pathname,
    };
  });
  assert.deepEqual(inline, {
    tag: 'p', cls: 'fieldnote-error-message', text: 'Error: Enter your full name',
    span: ['span', 'fieldnote-visually-hidden', 'Error:'],
    hidden: ['absolute', '1px', '1px', 'hidden', 'inset(50%)'],
    beforeInput: true,
    describedBy: 'full-name-hint full-name-error', // kept alongside the hint
    invalid: 'true',
    inputClass: 'fieldnote-input--error',
    groupClass: 'fieldnote-form-group fieldnote-form-group--error',
    dob: ['dob-hint dob-error', 'dob-hint', ',,', null], // one message on the fieldset, after legend and hint; no aria-invalid on parts
    contact: ['contact-hint contact-email-error', 'contact-hint'],
    interests: null,
    values: ['not-an-email', 'Second'], // nothing is wiped
    count: 6,
    submitted: 0,
    path: PAGE,
  });
  // The summary gives up its tabindex once focus leaves, as GOV.UK's does.
  await page.focus('#notes');
  assert.equal((await summary(page)).tabindex, null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the form is read into JSON: paths in every syntax, checkboxes, radios, selects, numbers, typeAt', async () => {
  const { page, errors } = await openForm();
  assert.deepEqual(await page.evaluate(() => window.controller.value()), { terms: false }, 'empty text is left out');
  await fillValid(page);
  await page.check('#interest-news');
  await page.fill('#age', '30');
  await page.fill('#quantity', '12');
  await page.selectOption('#subscribe', 'true');
  await page.selectOption('#country', 'uk');
  await page.selectOption('#languages', ['en', 'ga']);
  await page.fill('#item-1-name', 'Second');
  await page.fill('#item-2-name', 'Third');
  await page.evaluate(() => { window.nextResult = () => ({ ok: true }); });
  await page.click('button[type=submit]');
  const submitted = await page.evaluate(() => window.submitted);
  assert.deepEqual(submitted, [{
    fullName: 'Ada Lovelace',
    dob: { day: 27, month: 3, year: 1990 }, // typeAt says integer
    contact: 'phone',
    interests: ['news'],
    age: 30,
    quantity: 12,
    subscribe: true, // typeAt says boolean
    address: { country: 'uk' },
    languages: ['en', 'ga'],
    items: [{ name: 'First' }, { name: 'Second' }, { name: 'Third' }], // items[0][name], items.1.name, items[2].name
    terms: true,
  }]);
  assert.equal(await summary(page), null);
  assert.equal(await page.title(), TITLE);
  // The types come from the compiled schema: typeAt of the real validator.
  assert.deepEqual(await page.evaluate(() => ['dob.day', 'dob.year', 'quantity', 'age', 'subscribe', 'contact', 'items.2.name', 'nothing']
    .map((path) => window.validators.apply.typeAt(path))),
  [['integer'], ['integer'], ['integer'], ['number'], ['boolean'], ['string'], ['string'], null]);
  // Text that is not a number stays text (and the validator says so).
  await page.fill('#quantity', 'twelve');
  assert.equal(await page.evaluate(() => window.controller.value().quantity), 'twelve');
  await page.click('button[type=submit]');
  assert.deepEqual((await summary(page)).lines, [['Number of copies must be a whole number, like 12', '#quantity']]);
  assert.equal(await page.evaluate(() => window.submitted.length), 1, 'an invalid form is not submitted');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the schema\'s limits: a real date, an age minimum, a whole number of copies, in page order', async () => {
  const { page, errors } = await openForm();
  await fillValid(page);
  await page.fill('#dob-day', '32');
  await page.fill('#age', '15');
  await page.fill('#quantity', '2.5');
  await page.click('button[type=submit]');
  assert.deepEqual((await summary(page)).lines, [
    ['Date of birth must be a real date', '#dob-day'],
    ['Age must be 16 or more', '#age'],
    ['Number of copies must be a whole number, like 12', '#quantity'],
  ]);
  assert.deepEqual(await page.evaluate(() => ['dob', 'age', 'quantity'].map((id) => document.getElementById(`${id}-error`).textContent)), [
    'Error: Date of birth must be a real date', 'Error: Age must be 16 or more', 'Error: Number of copies must be a whole number, like 12',
  ]);
  assert.equal(await page.evaluate(() => window.submitted.length), 0);

  // Each fix re-validates its own field; a new wrong value gets the schema's next message.
  await page.fill('#age', '16');
  await page.locator('#age').blur();
  await page.waitForFunction(() => !document.getElementById('age-error'));
  // Still wrong, in a new way: the message changes on the next submit, not on leaving the field.
  await page.fill('#quantity', '0');
  await page.locator('#quantity').blur();
  await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
  assert.equal(await page.textContent('#quantity-error'), 'Error: Number of copies must be a whole number, like 12');
  await page.click('button[type=submit]');
  assert.deepEqual((await summary(page)).lines.map(([t]) => t), ['Date of birth must be a real date', 'Number of copies must be 1 or more']);
  await page.fill('#dob-day', '31');
  await page.locator('#dob-day').blur();
  await page.fill('#quantity', '2');
  await page.locator('#quantity').blur();
  await page.waitForFunction(() => !document.querySelector('.fieldnote-error-summary'));
  await page.evaluate(() => { window.nextResult = () => ({ ok: true }); });
  await page.click('button[type=submit]');
  assert.deepEqual(await page.evaluate(() => window.submitted.map((v) => [v.dob, v.age, v.quantity])), [[{ day: 31, month: 3, year: 1990 }, 16, 2]]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('summary links focus the field and scroll its label or legend into view', async () => {
  const { page, errors } = await openForm();
  await page.click('button[type=submit]');
  assert.equal(await inView(page, '#dob legend'), false);
  await page.click('.fieldnote-error-summary a[href="#dob-day"]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'dob-day');
  assert.equal(await inView(page, '#dob legend'), true, 'the question is in view, not just the input');
  await page.click('.fieldnote-error-summary a[href="#contact-email"]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'contact-email');
  assert.equal(await inView(page, '#contact-hint'), true);
  await page.click('.fieldnote-error-summary a[href="#full-name"]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'full-name');
  assert.equal(await inView(page, 'label[for=full-name]'), true);
  assert.equal(await page.evaluate(() => location.hash), '', 'the link is handled, not followed');
  assert.deepEqual(errors, []);
  await page.close();
});

test('revalidate: "change" checks each field as the person leaves it; fixed messages go', async () => {
  const { page, errors } = await openForm();
  await page.evaluate(() => window.rebind({ revalidate: 'change' }));
  await page.fill('#notes', 'typed before submitting');
  await page.click('button[type=submit]');
  assert.equal((await summary(page)).lines.length, 5);

  await page.fill('#full-name', 'Ada');
  await page.locator('#full-name').blur();
  await page.waitForFunction(() => !document.getElementById('full-name-error'));
  let s = await summary(page);
  assert.deepEqual(s.lines.map(([, href]) => href), ['#dob-day', '#contact-email', '#item-0-name', '#terms']);
  assert.deepEqual(await page.evaluate(() => {
    const input = document.getElementById('full-name');
    return [input.getAttribute('aria-describedby'), input.getAttribute('aria-invalid'), input.getAttribute('class')];
  }), ['full-name-hint', null, null], 'the original attributes come back');

  // A field that had no message gets one when it changes to something wrong, in page order.
  await page.fill('#email', 'ada');
  await page.locator('#email').blur();
  await page.waitForFunction(() => document.getElementById('email-error'));
  s = await summary(page);
  assert.deepEqual(s.lines[0], ['Enter an email address in the correct format, like name@example.com', '#email']);
  assert.equal(s.lines.length, 5);

  // Editing a field does not touch the others' messages.
  await page.check('#contact-email');
  await page.locator('#contact-email').blur();
  await page.waitForFunction(() => !document.getElementById('contact-email-error'));
  assert.ok(await page.$('#dob-error'));
  assert.equal(await page.title(), `Error: ${TITLE}`);

  // Part of a date fixes part of the group's message: the group now says what is missing,
  // one part at a time (the schema's errorMessage per missing part).
  const dobMessage = () => page.evaluate(() => [document.getElementById('dob-error')?.textContent,
    [...document.querySelectorAll('.fieldnote-error-summary a[href="#dob-day"]')].map((a) => a.textContent).join()]);
  await page.fill('#dob-day', '27');
  await page.locator('#dob-day').blur();
  await page.waitForFunction(() => document.getElementById('dob-error')?.textContent !== 'Error: Enter your date of birth');
  assert.deepEqual(await dobMessage(), ['Error: Date of birth must include a month', 'Date of birth must include a month']);
  await page.fill('#dob-month', '3');
  await page.locator('#dob-month').blur();
  await page.waitForFunction(() => document.getElementById('dob-error')?.textContent !== 'Error: Date of birth must include a month');
  assert.deepEqual(await dobMessage(), ['Error: Date of birth must include a year', 'Date of birth must include a year']);
  // A part that is not a whole number stays text (typeAt) and the date is not a real one.
  await page.fill('#dob-year', 'nineteen');
  await page.locator('#dob-year').blur();
  await page.waitForFunction(() => document.getElementById('dob-error')?.textContent !== 'Error: Date of birth must include a year');
  assert.deepEqual(await dobMessage(), ['Error: Date of birth must be a real date', 'Date of birth must be a real date']);
  assert.deepEqual(await page.evaluate(() => window.controller.value().dob), { day: 27, month: 3, year: 'nineteen' });
  await page.fill('#dob-year', '1990');
  await page.locator('#dob-year').blur();
  await page.waitForFunction(() => !document.getElementById('dob-error'));
  await page.fill('#email', 'ada@example.com');
  await page.fill('#item-0-name', 'First');
  await page.check('#terms');
  await page.locator('#terms').blur();
  await page.waitForFunction(() => !document.querySelector('.fieldnote-error-summary'));
  assert.equal(await page.title(), TITLE, 'the prefix goes when every error is fixed');
  assert.equal(await page.$$eval('.fieldnote-error-message', (e) => e.length), 0);
  assert.equal(await page.inputValue('#notes'), 'typed before submitting');
  assert.deepEqual(errors, []);
  await page.close();
});

test('server errors land on fields whatever path syntax either side uses; edits clear them', async () => {
  const { page, errors } = await openForm();
  assert.equal(await page.evaluate(() => typeof document.getElementById('apply').showErrors), 'function');
  const plan = await showServer(page, {
    status: 422,
    headers: { 'content-type': 'application/json' },
    body: envelope([
      { field: 'items.0.name', message: 'Item 1 is out of stock' },
      { field: '/items/2/name', message: 'Item 3 is discontinued' },
      { field: 'coupon', message: 'This coupon has expired' },
      { field: '', message: 'Orders close at 5pm' },
      { field: 'reference', message: 'Enter a reference like AB-123' },
    ]),
  });
  assert.equal(plan.focus, 'summary');
  const s = await summary(page);
  const ref = await page.getAttribute('input[name=reference]', 'id'); // it had none: one is made for the link
  assert.match(ref, /^fieldnote-field-\d+$/);
  assert.deepEqual(s.lines, [
    ['Orders close at 5pm', null],
    ['Item 1 is out of stock', '#item-0-name'], // the input is named items[0][name]
    ['Item 3 is discontinued', '#item-2-name'], // items[2].name
    ['Enter a reference like AB-123', `#${ref}`],
    ['This coupon has expired', null], // the form has no such field
  ]);
  assert.equal(await page.evaluate((id) => document.getElementById(`${id}-error`).nextElementSibling.localName, ref), 'label',
    'a message goes before the label wrapping its input');
  await page.click(`.fieldnote-error-summary a[href="#${ref}"]`);
  assert.equal(await page.evaluate(() => document.activeElement.name), 'reference');
  assert.equal(s.focused, true);
  assert.equal(await page.textContent('#item-0-name-error'), 'Error: Item 1 is out of stock');
  assert.equal(await page.getAttribute('#item-0-name', 'aria-invalid'), 'true');

  await page.fill('#item-0-name', 'Lamp');
  await page.locator('#item-0-name').blur();
  await page.waitForFunction(() => !document.getElementById('item-0-name-error'));
  assert.deepEqual((await summary(page)).lines.map(([t]) => t),
    ['Orders close at 5pm', 'Item 3 is discontinued', 'Enter a reference like AB-123', 'This coupon has expired']);
  assert.ok(await page.$('#item-2-name-error'), 'other fields keep their server errors');
  assert.equal(await page.inputValue('#item-0-name'), 'Lamp');

  // The same through onSubmit: a promise of a normalize result.
  await fillValid(page);
  await page.evaluate(() => {
    window.nextResult = async () => window.fieldnote.normalize({
      status: 409, headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: { code: 'conflict', message: 'Conflict', details: [{ field: 'fullName', message: 'An application in this name already exists' }] } }),
    });
  });
  await page.click('button[type=submit]');
  await page.waitForFunction(() => document.getElementById('full-name-error'));
  assert.deepEqual((await summary(page)).lines, [['An application in this name already exists', '#full-name']]);
  assert.equal(await page.evaluate(() => window.submitted.length), 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('unauthenticated: a sign-in prompt that keeps every value', async () => {
  const { page, errors } = await openForm();
  await fillValid(page);
  await page.evaluate(() => { window.nextResult = async () => window.fieldnote.normalize({ status: 401, body: '' }); });
  await page.click('button[type=submit]');
  await page.waitForSelector('.fieldnote-error-summary');
  const panel = await page.evaluate(() => {
    const s = document.querySelector('.fieldnote-error-summary');
    const a = s.querySelector('a');
    return { message: s.querySelector('.fieldnote-error-summary__message').textContent, text: a.textContent, href: a.href, target: a.target, rel: a.rel };
  });
  assert.deepEqual(panel, {
    message: 'Your session has ended. Sign in again to continue.',
    text: 'Sign in (opens in new tab)',
    href: `${server.url}/sign-in?next=%2Fapply`,
    target: '_blank',
    rel: 'noopener',
  });
  assert.equal(await page.inputValue('#full-name'), 'Ada Lovelace');
  assert.equal(await page.isChecked('#contact-phone'), true);
  assert.equal(await page.title(), `Error: ${TITLE}`);

  // With a callback, a button; a javascript: address is never linked.
  await page.evaluate(() => window.rebind({ onSignIn: true }));
  await showServer(page, { status: 401, body: '' });
  await page.click('.fieldnote-error-summary button');
  assert.equal(await page.evaluate(() => window.signIns), 1);
  await page.evaluate(() => window.rebind({ signInUrl: 'javascript:alert(1)' }));
  await showServer(page, { status: 401, body: '' });
  assert.equal(await page.$$eval('.fieldnote-error-summary a, .fieldnote-error-summary button', (e) => e.length), 0);
  assert.equal(await page.inputValue('#full-name'), 'Ada Lovelace');
  assert.deepEqual(errors, []);
  await page.close();
});

test('rate limited: the submit button waits out a countdown announced politely', async () => {
  const { page, errors } = await openForm({ clock: true });
  await page.clock.pauseAt(T0 + 60_000);
  await fillValid(page);
  await showServer(page, { status: 429, headers: { 'retry-after': '25' }, body: '' });
  // Record what the live region says, and when.
  await page.evaluate(() => {
    const live = document.querySelector('[aria-live=polite]');
    window.spoken = [live.textContent];
    new MutationObserver(() => window.spoken.push(live.textContent)).observe(live, { childList: true, characterData: true, subtree: true });
  });
  const state = () => page.evaluate(() => ({
    disabled: document.querySelector('button[type=submit]').disabled,
    counter: document.querySelector('.fieldnote-error-summary__countdown').textContent,
    hidden: document.querySelector('.fieldnote-error-summary__countdown').getAttribute('aria-hidden'),
    inAlert: !!document.querySelector('[role=alert] [aria-live]'),
  }));
  assert.deepEqual(await state(), { disabled: true, counter: 'You can try again in 25 seconds.', hidden: 'true', inAlert: false });
  assert.equal(await page.textContent('.fieldnote-error-summary__message'), 'There have been too many attempts in a short time.');
  // One number on screen (the counter), and the disabled button says why, beside it.
  const onScreen = () => page.evaluate(() => {
    const copy = document.querySelector('main').cloneNode(true);
    for (const n of copy.querySelectorAll('.fieldnote-visually-hidden, script')) n.remove();
    return copy.textContent.match(/\d+ seconds?/g);
  });
  assert.deepEqual(await onScreen(), ['25 seconds']);
  assert.deepEqual(await page.evaluate(() => {
    const b = document.querySelector('button[type=submit]');
    const note = document.getElementById(b.getAttribute('aria-describedby'));
    return [note.textContent, b.nextElementSibling === note];
  }), ['This button works again when the countdown above ends.', true]);
  await page.clock.runFor(1000);
  assert.equal((await state()).counter, 'You can try again in 24 seconds.', 'the visible counter ticks every second');
  assert.deepEqual(await onScreen(), ['24 seconds']);
  await page.click('button[type=submit]', { force: true });
  assert.equal(await page.evaluate(() => window.submitted.length), 0, 'no submitting while waiting');
  // Enter in a field is not silently ignored: the live region says the wait again.
  await page.press('#full-name', 'Enter');
  await page.clock.runFor(200);
  assert.deepEqual((await page.evaluate(() => window.spoken)).slice(-2), ['', 'You can try again in 24 seconds.']);
  await page.evaluate(() => { window.spoken = [window.spoken[0]]; });
  await page.clock.runFor(22_800);
  assert.equal((await state()).counter, 'You can try again in 1 second.', 'CLDR plural');
  assert.equal((await state()).disabled, true);
  await page.clock.runFor(1000);
  assert.deepEqual(await state(), { disabled: false, counter: 'You can try again now.', hidden: 'true', inAlert: false });
  assert.equal(await page.getAttribute('button[type=submit]', 'aria-describedby'), null, 'the note goes with the wait');
  assert.deepEqual(await page.evaluate(() => window.spoken), [
    'You can try again in 25 seconds.', 'You can try again in 20 seconds.', 'You can try again in 10 seconds.', 'You can try again now.',
  ], 'the live region speaks at the start, every 10 s and at the end');
  await page.click('button[type=submit]');
  assert.equal(await page.evaluate(() => window.submitted.length), 1);

  // Retry-After past an hour (or hostile): "try again later", and the button is not locked.
  await showServer(page, { status: 429, headers: { 'retry-after': '99999999999' }, body: '' });
  assert.deepEqual(await page.evaluate(() => [
    document.querySelector('.fieldnote-error-summary__message').textContent,
    document.querySelector('button[type=submit]').disabled,
    !!document.querySelector('.fieldnote-error-summary__countdown'),
  ]), ['There have been too many attempts in a short time. Try again later.', false, false]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('server errors: a support panel with the report, copied with the clipboard or by selection', async () => {
  const { page, errors } = await openForm();
  await showServer(page, { status: 500, headers: { 'x-request-id': 'req-8f14e45f' }, body: 'Internal Server Error' });
  const panel = await page.evaluate(() => {
    const area = document.querySelector('.fieldnote-error-summary textarea');
    return { readOnly: area.readOnly, value: area.value, label: area.labels[0].textContent, button: document.querySelector('.fieldnote-error-summary button').textContent };
  });
  assert.equal(panel.readOnly, true);
  assert.match(panel.value, /req-8f14e45f/);
  assert.match(panel.value, /^Support report/);
  assert.deepEqual([panel.label, panel.button], ['Report for support', 'Copy report']);

  await page.evaluate(() => {
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t) => { window.copied = t; } } });
  });
  await page.click('text=Copy report');
  await page.waitForFunction(() => document.querySelector('[role=status]').textContent === 'Report copied');
  assert.equal(await page.evaluate(() => window.copied), panel.value);

  // No clipboard API: select the text and copy it the old way.
  await page.evaluate(() => {
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: undefined });
    document.querySelector('[role=status]').textContent = '';
    document.execCommand = (command) => { window.execCommand = command; return true; };
  });
  await page.click('text=Copy report');
  await page.waitForFunction(() => document.querySelector('[role=status]').textContent === 'Report copied');
  assert.deepEqual(await page.evaluate(() => {
    const area = document.querySelector('.fieldnote-error-summary textarea');
    return [window.execCommand, area.selectionStart, area.selectionEnd === area.value.length];
  }), ['copy', 0, true]);
  // Both fail: say so, with the way out.
  await page.evaluate(() => { document.execCommand = () => false; });
  await page.click('text=Copy report');
  await page.waitForFunction(() => document.querySelector('[role=status]').textContent.startsWith('The report could not be copied'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('conflict and not found: a clear message and the next step', async () => {
  const { page, errors } = await openForm();
  for (const [status, want] of [[409, /Reload it to see the latest version/], [404, /Check the link or address is correct/]]) {
    await showServer(page, { status, body: '' });
    const s = await page.evaluate(() => ({
      message: document.querySelector('[role=alert] .fieldnote-error-summary__message').textContent,
      lines: document.querySelectorAll('.fieldnote-error-summary li').length,
      focused: document.activeElement.classList.contains('fieldnote-error-summary'),
    }));
    assert.match(s.message, want);
    assert.equal(s.lines, 0);
    assert.equal(s.focused, true);
  }
  // An ok result clears everything.
  await page.evaluate(() => document.getElementById('apply').showErrors({ ok: true }));
  assert.equal(await summary(page), null);
  assert.equal(await page.title(), TITLE);
  assert.deepEqual(errors, []);
  await page.close();
});

test('server and user text reaches the page only as text', async () => {
  const { page, errors, dialogs } = await openForm();
  const EVIL = '<img src=x onerror=alert(1)>';
  const before = await page.evaluate(() => document.querySelectorAll('*').length);
  // Client messages from the real validator: a label passed to bindForm, a schema title, and a
  // property name that are markup (the schema is in forms.html).
  await page.evaluate(() => window.rebind({ validator: 'evil', labels: { fullName: '<img src=x onerror=alert(2)>' } }));
  await page.click('button[type=submit]');
  let s = await summary(page);
  assert.deepEqual(s.lines, [
    ['Enter <img src=x onerror=alert(2)>', '#full-name'],
    ['Enter <svg onload=alert(3)>', '#notes'],
    [`${EVIL} field`, null], // errorMessage '{label} field' for the property named EVIL: no such field
  ]);
  assert.equal(await page.textContent('#full-name-error'), 'Error: Enter <img src=x onerror=alert(2)>');
  assert.equal(await page.textContent('#notes-error'), 'Error: Enter <svg onload=alert(3)>');
  assert.deepEqual(await page.evaluate(() => ['img', 'svg', 'script'].map((t) => document.querySelectorAll(t).length)), [0, 0, 2]);
  // Server messages, field names, a label on a default message, the report.
  const body = envelope([{ field: EVIL, message: EVIL }, { field: 'fullName', message: '' }, { field: '', message: `<script>alert(3)</script>` }], 'internal', EVIL);
  await showServer(page, { status: 500, headers: { 'content-type': 'application/json', 'x-request-id': EVIL }, body });
  s = await summary(page);
  // Server messages holding markup are never shown: the field gets the default sentence and a
  // form-level one says nothing (normalize's internals filter); labels stay, as text.
  assert.deepEqual(s.lines.map(([t]) => t), ['Check your answer to <img src=x onerror=alert(2)>', 'Check this answer']);
  assert.match(await page.inputValue('.fieldnote-error-summary textarea'), /<img src=x onerror=alert\(1\)>/);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
  const after = await page.evaluate(() => ({
    img: document.querySelectorAll('img, svg').length,
    script: document.querySelectorAll('script').length,
    all: document.querySelectorAll('*').length,
    added: [...document.querySelectorAll('.fieldnote-error-summary *, .fieldnote-error-message, .fieldnote-error-message *')].map((e) => e.localName).sort().join(),
  }));
  assert.equal(after.img, 0);
  assert.equal(after.script, 2, 'only the page\'s own scripts');
  assert.equal(after.added, 'a,button,div,div,h2,label,li,li,p,p,p,span,textarea,ul');
  assert.equal(after.all, before + 15, 'exactly the elements bindForm draws');
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('axe-core: no violations before, with client errors, and with each server panel', async () => {
  const { page, errors } = await openForm();
  const check = async (what) => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], what);
  };
  await check('no errors');
  await page.click('button[type=submit]');
  await check('client errors');
  await showServer(page, { status: 422, body: envelope([{ field: 'items.0.name', message: 'Item 1 is out of stock' }, { field: '', message: 'Orders close at 5pm' }]) });
  await check('server field errors');
  for (const [status, headers] of [[401, {}], [429, { 'retry-after': '30' }], [500, {}], [409, {}]]) {
    await showServer(page, { status, headers, body: '' });
    await check(`server ${status}`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('nativeValidation mirrors messages into the Constraint Validation API', async () => {
  const { page, errors } = await openForm();
  assert.equal(await page.getAttribute('#apply', 'novalidate'), '', 'novalidate: no native bubbles fighting the summary');
  await page.click('button[type=submit]');
  assert.equal(await page.evaluate(() => document.getElementById('full-name').validationMessage), '', 'off by default');
  await page.evaluate(() => window.rebind({ nativeValidation: true }));
  await page.click('button[type=submit]');
  assert.deepEqual(await page.evaluate(() => [
    document.getElementById('full-name').validationMessage, document.getElementById('contact-phone').validity.customError,
  ]), ['Enter your full name', true]);
  await page.fill('#full-name', 'Ada');
  await page.locator('#full-name').blur();
  await page.waitForFunction(() => document.getElementById('full-name').validity.valid);
  assert.deepEqual(errors, []);
  await page.close();
});

test('destroy() removes listeners and everything bindForm added', async () => {
  const { page, errors } = await openForm();
  await page.fill('#full-name', 'Ada');
  await page.click('button[type=submit]');
  await showServer(page, { status: 429, headers: { 'retry-after': '30' }, body: '' });
  assert.equal(await page.title(), `Error: ${TITLE}`);
  const state = await page.evaluate(() => {
    window.rebind(null);
    const form = document.getElementById('apply');
    form.addEventListener('submit', (e) => { window.nativeSubmits = (window.nativeSubmits ?? 0) + 1; e.preventDefault(); });
    form.requestSubmit();
    // The fixture's own value is the one difference from the page as loaded.
    document.getElementById('full-name').value = '';
    return {
      html: form.outerHTML === window.originalHTML,
      title: document.title,
      showErrors: 'showErrors' in form,
      summary: !!document.querySelector('.fieldnote-error-summary'),
      nativeSubmits: window.nativeSubmits,
      submitted: window.submitted.length,
      disabled: document.querySelector('button[type=submit]').disabled,
    };
  });
  assert.deepEqual(state, { html: true, title: TITLE, showErrors: false, summary: false, nativeSubmits: 1, submitted: 0, disabled: false });
  assert.deepEqual(errors, []);
  await page.close();
});

test('renderPlan, toFormErrors and messageText give frameworks the same decisions', async () => {
  const { page, errors } = await openForm();
  const out = await page.evaluate(() => {
    const { normalize, renderPlan, toFormErrors, messageText } = window.fieldnote;
    const result = normalize({
      status: 422, headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: { code: 'validation_failed', message: 'Validation failed', details: [
        { field: 'items[1].name', message: 'Enter a name' }, { field: 'email', message: 'Enter an email address' }, { field: '', message: 'Orders close at 5pm' }] } }),
    });
    return {
      plan: renderPlan(result, { fieldOrder: ['email', { path: 'items.1.name', id: 'item-2' }], title: 'Checkout' }),
      free: renderPlan(result).summary.map((i) => i.path),
      ok: renderPlan({ ok: true }),
      rhf: toFormErrors(result),
      bracket: Object.keys(toFormErrors(result, { style: 'bracket', root: '' })),
      badStyle: (() => { try { toFormErrors(result, { style: 'nope' }); return null; } catch (e) { return e.message; } })(),
      countdown: renderPlan(normalize({ status: 503, headers: { 'retry-after': '90' }, body: '' })).panel,
      texts: [messageText('form.countdown', 'en', { n: 1 }), messageText('form.countdown', 'en-GB', { n: 2 }), messageText('form.summary_title')],
    };
  });
  assert.deepEqual(out.plan, {
    title: 'Error: Checkout', heading: 'There is a problem', errorPrefix: 'Error:',
    summary: [
      { path: '', message: 'Orders close at 5pm' },
      { path: 'email', message: 'Enter an email address', href: '#email' },
      { path: 'items.1.name', message: 'Enter a name', href: '#item-2' },
    ],
    fields: { email: 'Enter an email address', 'items.1.name': 'Enter a name' },
    focus: 'summary', panel: null, parts: {},
  });
  assert.deepEqual(out.free, ['', 'items.1.name', 'email'], 'without fieldOrder: the server\'s order');
  assert.deepEqual(out.ok, { title: null, heading: '', errorPrefix: '', summary: [], fields: {}, focus: null, panel: null, parts: {} });
  assert.deepEqual(out.rhf, {
    'items.1.name': { type: 'server', message: 'Enter a name' },
    email: { type: 'server', message: 'Enter an email address' },
    'root.server': { type: 'server', message: 'Orders close at 5pm' },
  });
  assert.deepEqual(out.bracket, ['items[1].name', 'email']);
  assert.match(out.badStyle, /style must be/);
  assert.equal(out.countdown.kind, 'countdown');
  assert.equal(out.countdown.seconds, 90);
  assert.equal(out.countdown.announceEvery, 10);
  assert.deepEqual(out.texts, ['You can try again in 1 second.', 'You can try again in 2 seconds.', 'There is a problem']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('revalidate (default "corrected"): messages change on submit; a corrected field clears quietly, nothing moves under the caret', async () => {
  const { page, errors } = await openForm();
  await page.click('button[type=submit]');
  const count = async () => (await summary(page)).lines.length;
  assert.equal(await count(), 5);
  // Leaving a field that had no message (optional, still empty) adds nothing.
  await page.focus('#email');
  await page.press('#email', 'Tab');
  assert.equal(await count(), 5);
  assert.equal(await page.$('#email-error'), null);
  // The summary spoke once: later updates must not be re-read as an alert.
  await page.evaluate(() => {
    // Changes made while the region is still role=alert (records come in order).
    window.alertMutations = 0;
    let live = true;
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes' && r.attributeName === 'role') live = r.target.getAttribute('role') === 'alert';
        else if (live) window.alertMutations++;
      }
    }).observe(document.querySelector('[role=alert]'), { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['role'] });
  });
  await page.evaluate(() => window.scrollTo(0, 120));
  const top = (sel) => page.evaluate((s) => Math.round(document.querySelector(s).getBoundingClientRect().top), sel);
  const nameTop = await top('#full-name');
  await page.click('#full-name');
  await page.keyboard.type('Ada Lovelace', { delay: 5 });
  assert.equal(await top('#full-name'), nameTop, 'nothing changes while typing');
  assert.ok(await page.$('#full-name-error'));
  const emailTop = await top('#email');
  await page.click('#email'); // leaving the corrected field: its message goes quietly
  await page.waitForFunction(() => !document.getElementById('full-name-error'));
  assert.equal(await top('#email'), emailTop, 'the field clicked into stays where it was');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'email');
  assert.equal(await count(), 4);
  assert.deepEqual(await page.evaluate(() => [window.alertMutations, document.querySelectorAll('.fieldnote-error-summary [role=alert]').length]), [0, 0]);
  // A wrong answer that changes stays as it was until the next submit.
  await page.fill('#email', 'ada');
  await page.locator('#email').blur();
  assert.equal(await page.$('#email-error'), null, 'no new message on leaving a field');
  await page.click('button[type=submit]');
  assert.equal((await summary(page)).lines[0][0], 'Enter an email address in the correct format, like name@example.com');

  // 'submit': nothing changes until the next submit.
  await page.evaluate(() => window.rebind({ revalidate: 'submit' }));
  await page.click('button[type=submit]');
  await page.fill('#full-name', '');
  await page.fill('#email', 'ada@example.com');
  await page.locator('#email').blur();
  assert.ok(await page.$('#email-error'));
  await assert.rejects(page.evaluate(() => window.rebind({ revalidate: 'blur' })), /revalidate must be 'corrected', 'submit' or 'change'/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('summary placement: above the h1 in main, in a given container, at the top of the form without main; focus optional', async () => {
  const { page, errors } = await openForm();
  await page.evaluate(() => {
    const slot = document.createElement('div');
    slot.id = 'slot';
    document.body.prepend(slot);
    window.rebind({ summaryContainer: slot, focusSummary: false });
  });
  await page.click('button[type=submit]');
  assert.deepEqual(await page.evaluate(() => [document.querySelector('.fieldnote-error-summary').parentElement.id, document.activeElement.type]), ['slot', 'submit']);
  await page.evaluate(() => {
    const form = document.getElementById('apply');
    document.body.append(form);
    document.querySelector('main').remove();
    window.rebind();
  });
  await page.click('button[type=submit]');
  assert.equal(await page.evaluate(() => document.getElementById('apply').firstElementChild.className), 'fieldnote-error-summary');
  assert.deepEqual(errors, []);
  await page.close();
});

test('long and hostile text: long words wrap, the summary is capped, huge indices are bounded', async () => {
  const { page, errors } = await openForm();
  const word = 'W'.repeat(500);
  await page.evaluate((w) => document.getElementById('apply').showErrors({ error: { code: 'validation_failed', message: 'x', details: [{ field: 'fullName', message: w }, { field: '', message: w }] } }), word);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0, 'no page wider than the screen');
  // 70,000 field errors: 20 lines and a count, in one go.
  const shown = await page.evaluate(() => {
    const details = Array.from({ length: 70_000 }, (_, i) => ({ field: `x${i}`, message: `Problem ${i}` }));
    document.getElementById('apply').showErrors({ error: { code: 'validation_failed', message: 'x', details } });
    const lis = document.querySelectorAll('.fieldnote-error-summary li');
    return [lis.length, lis[lis.length - 1].textContent];
  });
  assert.deepEqual(shown, [21, 'and 69980 more problems']);
  // A name with a huge index: no list of a hundred million slots; the form is checked as usual.
  await page.fill('#item-0-name', 'First');
  const read = await page.evaluate(() => {
    const form = document.getElementById('apply');
    for (const name of ['items[99999999]', 'big[99999999]']) {
      const input = document.createElement('input');
      input.name = name;
      input.value = 'x';
      form.append(input);
    }
    const value = window.controller.value();
    return [value.items.length, value.big];
  });
  assert.deepEqual(read, [1, { 99999999: 'x' }]);
  await page.click('button[type=submit]');
  assert.equal(await page.evaluate(() => location.pathname), PAGE, 'no native submit');
  assert.equal(await page.evaluate(() => window.submitted.length), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('fallbacks: markup-like messages are text and shown, default messages name their field, no aria-invalid on groups', async () => {
  const { page, errors } = await openForm();
  await page.evaluate(() => document.getElementById('apply').showErrors({ error: { code: 'validation_failed', message: 'x', details: [
    { field: 'email', message: 'Use a <work> email' }, { field: '', message: 'Orders from <b>today</b> are closed' },
    { field: 'fullName', message: '' }, { field: 'reference', message: '' }] } }));
  assert.deepEqual((await summary(page)).lines.map(([t]) => t), [
    'Orders from <b>today</b> are closed', 'Check your answer to Full name', 'Use a <work> email', 'Check your answer to Reference (optional)',
  ]);
  assert.equal(await page.evaluate(() => document.querySelectorAll('b').length), 0);
  await page.click('button[type=submit]');
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('[name=contact], #terms, #dob input')].map((e) => e.getAttribute('aria-invalid'))),
    [null, null, null, null, null, null]);
  // A lone checkbox's message goes before its item, not between box and label.
  assert.equal(await page.evaluate(() => document.getElementById('terms-error').nextElementSibling.contains(document.getElementById('terms'))), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('failures are shown: a rejected onSubmit, a validator that throws (no native submit), no CSS.escape', async () => {
  const { page, errors } = await openForm();
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await fillValid(page);
  await page.evaluate(() => { window.nextResult = () => Promise.reject(new TypeError('Failed to fetch')); });
  await page.click('button[type=submit]');
  await page.waitForSelector('.fieldnote-error-summary');
  assert.equal(await page.textContent('.fieldnote-error-summary__message'), 'The service could not be reached. Check your connection, then try again.');
  await page.evaluate(() => {
    window.validators.broken = { validate() { throw new Error('validator bug'); } };
    window.rebind({ validator: 'broken' });
  });
  await page.click('button[type=submit]');
  assert.equal(await page.evaluate(() => location.pathname), PAGE, 'no native submit');
  assert.match(await page.textContent('.fieldnote-error-summary__message'), /^Something unexpected happened/);
  assert.equal(warnings.length, 2, 'the developer gets the errors in the console');
  // jsdom (Vitest, Jest) has no CSS.escape: the first failed submit still draws everything.
  await page.evaluate(() => { delete window.CSS; window.rebind(); });
  await page.fill('#full-name', '');
  await page.click('button[type=submit]');
  assert.equal(await page.title(), `Error: ${TITLE}`);
  assert.equal(await page.evaluate(() => document.getElementById('full-name').closest('.fieldnote-form-group').className), 'fieldnote-form-group fieldnote-form-group--error');
  assert.deepEqual(errors, []);
  await page.close();
});

test('bindForm without a DOM says so', () => {
  assert.throws(() => bindForm({}), /bindForm needs a browser DOM \(document, HTMLFormElement\)/);
});

test('dom.css: the plain form gets the GOV.UK look, reflows at 320 CSS px, works in forced colours', async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 700 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(new Error(m.text())); });
  await page.goto(`${server.url}/tests/browser/pages/plain.html`);
  await page.evaluate(() => window.readyP);
  await page.fill('#length', '0.5');
  await page.click('button[type=submit]');
  await page.screenshot({ path: `${root}tests/e2e/screenshots/dom-css.png`, fullPage: true, animations: 'disabled', caret: 'hide' });
  await page.fill('#boat-name', `The ${'Unsinkable'.repeat(20)}`);
  // A 120-character label without a space wraps too.
  await page.evaluate(() => { document.querySelector('label[for=length]').textContent = 'L'.repeat(120); });
  await page.evaluate(() => window.controller.showErrors({ error: { code: 'validation_failed', message: 'x', details: [
    { field: 'name', message: `Boat names must be 30 characters or fewer, not ${'W'.repeat(200)}` },
    { field: 'length', message: 'Enter the length' }, { field: 'hull', message: 'Select the hull material' }, { field: 'mooring', message: 'Select a home mooring' }] } }));
  const look = await page.evaluate(() => {
    const cs = (sel) => getComputedStyle(document.querySelector(sel));
    return {
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      summary: [cs('.fieldnote-error-summary').borderTopWidth, cs('.fieldnote-error-summary').borderTopColor],
      message: [cs('.fieldnote-error-message').color, cs('.fieldnote-error-message').fontWeight],
      group: [cs('.fieldnote-form-group--error').borderLeftWidth, cs('.fieldnote-form-group--error').borderLeftColor],
      input: cs('.fieldnote-input--error').borderTopColor,
    };
  });
  assert.deepEqual(look, {
    overflow: 0, summary: ['5px', 'rgb(212, 53, 28)'], message: ['rgb(212, 53, 28)', '700'],
    group: ['5px', 'rgb(212, 53, 28)'], input: 'rgb(212, 53, 28)',
  });
  const axe = async (what) => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], what);
  };
  await axe('320 px with errors');
  // Forced colours: the summary's border and the error bar stay (borders, not shadows or fills).
  await page.emulateMedia({ forcedColors: 'active' });
  assert.deepEqual(await page.evaluate(() => [
    getComputedStyle(document.querySelector('.fieldnote-error-summary')).borderTopStyle,
    getComputedStyle(document.querySelector('.fieldnote-form-group--error')).borderLeftStyle,
    matchMedia('(forced-colors: active)').matches,
  ]), ['solid', 'solid', true]);
  await axe('forced colours');
  assert.deepEqual(errors, []);
  await context.close();
});
