// The demo page in headless Chromium against the real demo server: every scenario as a person
// sees it (summary, inline messages, focus, countdown, report, sign-in and refresh), values kept,
// client validation, keyboard-only use, axe-core, and the README's screenshot.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer, launch, root } from './harness.mjs';

const server = await startServer();
const browser = await launch();
after(async () => { await browser.close(); await server.close(); });

const TITLE = 'Create an account – fieldnote demo';
const SHOTS = `${root}tests/e2e/screenshots`;
await mkdir(SHOTS, { recursive: true });

/** Opens the demo in a context of its own (axe-core needs one); records API requests and errors. */
async function open({ clock = false, width = 1280 } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (e) => errors.push(e));
  // A 4xx or 5xx answer is logged by Chromium as a failed resource: expected here.
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(new Error(m.text())); });
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/')) requests.push(`${r.method()} ${new URL(r.url()).pathname}`); });
  if (clock) await page.clock.install({ time: Date.now() });
  await page.goto(`${server.url}/`);
  await page.waitForSelector('html[data-ready="true"]');
  return { page, errors, requests };
}

/** Fills the form with answers the schema accepts (two items). Clicks come first: once errors
 * are shown, each fix re-validates after a pause and moves the layout under the pointer. */
async function fillValid(page) {
  await page.check('#plan-standard');
  if (!(await page.$('#items-1-product'))) await page.click('#add-item');
  await page.fill('#full-name', 'Ada Lovelace');
  await page.fill('#email', 'ada@example.com');
  await page.fill('#dob-day', '10');
  await page.fill('#dob-month', '12');
  await page.fill('#dob-year', '1985');
  await page.fill('#line1', '12 Ockham Lane');
  await page.fill('#town', 'Leeds');
  await page.fill('#postcode', 'LS1 4AP');
  await page.selectOption('#items-0-product', 'pen');
  await page.fill('#items-0-quantity', '2');
  await page.selectOption('#items-1-product', 'ink');
  await page.fill('#items-1-quantity', '3');
}

/** Every value in the form, to show nothing was wiped. */
const values = (page) => page.evaluate(() => [...document.getElementById('signup').elements]
  .filter((e) => e.name).map((e) => `${e.name}=${e.type === 'radio' || e.type === 'checkbox' ? e.checked : e.value}`));

async function scenario(page, name) {
  await page.check(`#scenario-${name}`);
}

/** Submits and waits until the exchange is over (the "Sending…" status is gone). */
async function submit(page) {
  await page.click('#submit');
  await page.waitForFunction(() => document.getElementById('sending').textContent === '');
}

/** What a person sees of the error summary: heading, message, lines (text and link), focus. */
function summary(page) {
  return page.evaluate(() => {
    const s = document.querySelector('.fieldnote-error-summary');
    if (!s) return null;
    return {
      heading: s.querySelector('h2').textContent,
      message: s.querySelector('.fieldnote-error-summary__message')?.textContent ?? null,
      lines: [...s.querySelectorAll('li')].map((li) => [li.textContent, li.querySelector('a')?.getAttribute('href') ?? null]),
      focused: document.activeElement === s,
      title: document.title,
    };
  });
}

/** Inline messages by field id. */
const inline = (page) => page.evaluate(() => Object.fromEntries(
  [...document.querySelectorAll('.fieldnote-error-message')].map((p) => [p.id.replace(/-error$/, ''), p.textContent])));

/** The exchange panel: log lines, raw status and body, and what fieldnote made of it. */
const exchange = (page) => page.evaluate(() => ({
  log: [...document.querySelectorAll('#log > li')].map((li) => li.firstChild.textContent + [...li.childNodes].slice(1)
    .filter((n) => n.nodeType === 3).map((n) => n.textContent).join('')),
  notes: [...document.querySelectorAll('#log .log__note')].map((n) => n.textContent),
  status: document.getElementById('raw-status').textContent,
  headers: document.getElementById('raw-headers').textContent,
  body: document.getElementById('raw-body').textContent,
  made: Object.fromEntries([...document.querySelectorAll('#made .summary-list__row')]
    .map((r) => [r.querySelector('dt').textContent, r.querySelector('dd').textContent])),
  json: document.getElementById('made-json').textContent,
}));

const clean = (errors) => assert.deepEqual(errors.map(String), []);

test('client validation: the summary appears without a request, in page order, focused', async () => {
  const { page, errors, requests } = await open();
  await page.fill('#email', 'ada@');
  await page.fill('#dob-day', '31');
  await page.fill('#dob-month', '2');
  await page.fill('#dob-year', '2001');
  await page.fill('#postcode', 'LS1');
  await page.fill('#items-0-quantity', '0');
  await page.click('#submit');
  const s = await summary(page);
  assert.deepEqual(s, {
    heading: 'There is a problem',
    message: null,
    lines: [
      ['Enter your full name', '#full-name'],
      ['Enter an email address in the correct format, like name@example.com', '#email'],
      ['Your date of birth must be a real date, like 27 3 2007', '#dob-day'],
      ['Select a plan', '#plan-basic'],
      ['Enter the first line of the address', '#line1'],
      ['Enter a town or city', '#town'],
      ['Enter a postcode in the correct format', '#postcode'],
      ['Select a product for item 1', '#items-0-product'],
      ['The quantity for item 1 must be 1 or more', '#items-0-quantity'],
    ],
    focused: true,
    title: `Error: ${TITLE}`,
  });
  const messages = await inline(page);
  assert.equal(messages.dob, 'Error: Your date of birth must be a real date, like 27 3 2007', 'one message for the date group');
  assert.equal(messages['items-0-quantity'], 'Error: The quantity for item 1 must be 1 or more');
  assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true');
  assert.deepEqual(requests, ['POST /api/token'], 'nothing was sent to /api/signup');
  const x = await exchange(page);
  assert.deepEqual(x.log, ['No request: the browser’s validation stopped the form']);
  assert.equal(x.status, 'Not sent');

  // A link focuses its field; a corrected field's message goes when the person leaves it (GOV.UK:
  // nothing changes while typing).
  await page.click('.fieldnote-error-summary a[href="#town"]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'town');
  await page.keyboard.type('Leeds');
  assert.ok(await page.$('#town-error'), 'still there while typing');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => !document.getElementById('town-error'));
  assert.equal((await summary(page)).lines.length, 8);
  assert.equal(await page.inputValue('#email'), 'ada@', 'values stay');
  clean(errors);
  await page.context().close();
});

test('the same invalid payload gives identical details in the browser and from the API', async () => {
  const { page, errors } = await open();
  const pairs = await page.evaluate(async () => {
    const payloads = [
      {},
      { fullName: 'Ada', email: 'ada@', dateOfBirth: '1985-02-30', plan: 'gold', shipping: { country: 'XX' }, items: [{}, { product: 'pen', quantity: 1.5 }] },
    ];
    const out = [];
    for (const p of payloads) {
      const res = await fetch('/api/signup', {
        method: 'POST', body: JSON.stringify(p),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${window.demo.state.token}` },
      });
      out.push([window.demo.validator.validate(p), res.status, await res.json()]);
    }
    return out;
  });
  for (const [client, status, server] of pairs) {
    assert.equal(status, 422);
    assert.ok(client.error.details.length > 3);
    assert.deepEqual(server, client);
  }
  clean(errors);
  await page.context().close();
});

test('skip browser validation: the API’s own 422 lands on the same fields with the same words', async () => {
  const { page, errors, requests } = await open();
  await page.fill('#email', 'ada@');
  await page.fill('#items-0-quantity', 'two');
  await page.click('#add-item');
  await page.fill('#items-1-quantity', '5');
  await page.click('#submit');
  const client = await summary(page);
  const clientInline = await inline(page);
  assert.ok(client.lines.some(([t, href]) => href === '#items-1-product' && t === 'Select a product for item 2'));

  await page.check('#skip-validation');
  assert.equal(await page.getAttribute('#skip-validation', 'role'), 'switch');
  await submit(page);
  const server = await summary(page);
  assert.deepEqual(server.lines, client.lines);
  assert.deepEqual(await inline(page), clientInline);
  assert.equal(server.focused, true);
  assert.deepEqual(requests.slice(-1), ['POST /api/signup']);
  const x = await exchange(page);
  assert.equal(x.status, '422 Unprocessable Content');
  assert.equal(x.made.category, 'validation');
  assert.equal(x.made.action, 'fix_fields');
  assert.equal(x.made.dialect, 'spec');
  assert.match(x.made.fields, /items\.1\.product: Select a product for item 2/);
  assert.equal(JSON.parse(x.body).error.code, 'validation_failed');
  assert.equal(await page.inputValue('#items-0-quantity'), 'two');
  clean(errors);
  await page.context().close();
});

test('201: the account is created, focus moves to the confirmation, values stay', async () => {
  const { page, errors } = await open();
  await fillValid(page);
  const before = await values(page);
  await submit(page);
  assert.equal(await summary(page), null);
  assert.equal(await page.isVisible('#done'), true);
  assert.match(await page.textContent('#done'), /Account created\s*Your account number is acc_\d{6}/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'done');
  assert.equal(await page.title(), TITLE);
  assert.deepEqual(await values(page), before);
  const x = await exchange(page);
  assert.deepEqual(x.log, ['POST /api/signup (scenario 201) → 201 Created']);
  assert.equal(x.made.ok, 'true');
  assert.match(x.headers, /^location: \/api\/accounts\/acc_\d{6}$/m);
  clean(errors);
  await page.context().close();
});

test('400, 403, 404, 500: the message and its next step; 400 and 500 offer a report to copy', async () => {
  const { page, errors } = await open();
  await fillValid(page);
  const before = await values(page);
  const cases = [
    ['400', 'The server could not read the sign-up. Reload the page and try again.', 'bad_request', 'contact_support'],
    ['403', 'Your organisation does not let new accounts be created here. Ask your administrator to invite you.', 'forbidden', 'none'],
    ['404', 'This sign-up link does not exist or has expired. Ask for a new invitation link.', 'not_found', 'check_link'],
    ['500', 'There is a problem with the service. Try again later. If it keeps happening, contact support and include the report.', 'server_error', 'contact_support'],
  ];
  for (const [name, message, category, action] of cases) {
    await scenario(page, name);
    await submit(page);
    const s = await summary(page);
    assert.deepEqual([s.heading, s.message, s.lines, s.focused], ['There is a problem', message, [], true], name);
    const x = await exchange(page);
    assert.deepEqual([x.made.category, x.made.action], [category, action], name);
    const report = await page.$('.fieldnote-error-summary textarea');
    assert.equal(!!report, action === 'contact_support', name);
    if (name === '500') {
      const text = await report.inputValue();
      assert.match(text, /^Support report/);
      assert.match(text, /Status: 500/);
      assert.match(text, /X-Request-Id: req-[0-9a-f]{8}/);
      assert.match(text, /POST http:\/\/127\.0\.0\.1:\d+\/api\/signup/);
      assert.doesNotMatch(text, /Bearer ey/, 'the token is redacted');
      await page.click('.fieldnote-error-summary button');
      await page.waitForFunction(() => document.querySelector('.fieldnote-error-summary__status')?.textContent === 'Report copied');
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
      assert.match(x.body, /"message":"Internal Server Error"/, 'the server said something no person should read');
    }
    assert.deepEqual(await values(page), before, name);
  }
  clean(errors);
  await page.context().close();
});

test('401: an expired token is refreshed and the request sent again once, with every value', async () => {
  const { page, errors } = await open();
  await fillValid(page);
  const before = await values(page);
  assert.match(await page.textContent('#token-state'), /^Expires in (1 h|59 min \d+ s)$/);
  await page.click('#advance');
  assert.match(await page.textContent('#token-state'), /^Expires in [45] min \d+ s$/);
  await page.click('#advance');
  assert.equal(await page.textContent('#clock'), 'Real time + 1 h 50 min');
  assert.match(await page.textContent('#token-state'), /^Expired 50 min \d+ s ago$/);
  assert.match(await page.textContent('#token-status'), /The clock is 1 h 50 min ahead\. Token: Expired 50 min/);
  await scenario(page, '401');
  await submit(page);
  const x = await exchange(page);
  assert.deepEqual(x.log, [
    'POST /api/signup (scenario 401) → 401 Unauthorized',
    'POST /api/token → 200 OK',
    'POST /api/signup (scenario 401) → 201 Created',
  ]);
  assert.ok(x.notes.includes('www-authenticate: Bearer realm="fieldnote-demo", error="invalid_token", error_description="The access token expired"'));
  assert.ok(x.notes.includes('The API rejected the token: send() got a new one and sends the same request again.'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'done');
  assert.match(await page.textContent('#token-state'), /^Expires in (1 h|59 min \d+ s)$/);
  assert.deepEqual(await values(page), before);
  clean(errors);
  await page.context().close();
});

test('signed out: a 401 shows a sign-in button; signing in keeps every value and sending works', async () => {
  const { page, errors } = await open();
  await fillValid(page);
  const before = await values(page);
  await page.click('#sign-out');
  assert.equal(await page.textContent('#token-state'), 'None: signed out');
  await submit(page);
  const s = await summary(page);
  assert.equal(s.message, 'Sign in to create an account.');
  assert.equal(s.focused, true);
  assert.deepEqual((await exchange(page)).log, ['POST /api/signup (scenario 201) → 401 Unauthorized'], 'no refresh without a rejected token');
  await page.click('.fieldnote-error-summary button:text("Sign in")');
  await page.waitForFunction(() => !document.querySelector('.fieldnote-error-summary'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'submit');
  assert.equal(await page.textContent('#token-status'), 'Signed in. Your answers are still here: send the form again.');
  assert.deepEqual(await values(page), before);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#done:not([hidden])');
  clean(errors);
  await page.context().close();
});

test('409: the clash lands on the email field, and goes when the email is changed', async () => {
  const { page, errors } = await open();
  await fillValid(page);
  const before = await values(page);
  await scenario(page, '409');
  await submit(page);
  const message = 'An account already exists with this email address. Sign in, or use a different email address';
  assert.deepEqual((await summary(page)).lines, [[message, '#email']]);
  assert.deepEqual(await inline(page), { email: `Error: ${message}` });
  assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true');
  assert.equal((await exchange(page)).made.category, 'conflict');
  assert.deepEqual(await values(page), before);
  await page.click('.fieldnote-error-summary a');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'email');
  await page.fill('#email', 'ada.l@example.com');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => !document.getElementById('email-error'));
  assert.equal(await summary(page), null);
  clean(errors);
  await page.context().close();
});

test('422 from the API’s own rules renders the same in the spec’s envelope, problem+json and Laravel', async () => {
  const { page, errors } = await open();
  await fillValid(page);
  const before = await values(page);
  const seen = [];
  for (const [name, dialect, type] of [['422', 'spec', 'application/json'], ['422-problem', 'problem', 'application/problem+json'], ['422-laravel', 'laravel', 'application/json']]) {
    await scenario(page, name);
    await submit(page);
    const x = await exchange(page);
    assert.equal(x.made.dialect, dialect);
    assert.match(x.headers, new RegExp(`^content-type: ${type.replace('+', '\\+')}$`, 'm'));
    assert.equal(x.status, '422 Unprocessable Content');
    seen.push({ summary: await summary(page), inline: await inline(page), fields: x.made.fields });
  }
  assert.deepEqual(seen[0].summary.lines, [
    ['We cannot deliver to this postcode yet. Enter a different delivery address', '#postcode'],
    ['Only 2 of these are left. Enter 2 or fewer', '#items-1-quantity'],
  ]);
  assert.equal(seen[0].fields, 'shipping.postcode: We cannot deliver to this postcode yet. Enter a different delivery addressitems.1.quantity: Only 2 of these are left. Enter 2 or fewer');
  assert.deepEqual(seen[1], seen[0]);
  assert.deepEqual(seen[2], seen[0]);
  assert.deepEqual(await values(page), before);
  // The raw body is shown as text: problem+json's pointers, not markup.
  await scenario(page, '422-problem');
  await submit(page);
  assert.match((await exchange(page)).body, /"pointer":"#\/items\/1\/quantity"/);
  clean(errors);
  await page.context().close();
});

test('429: a countdown in the form, then the retry backs off and gets through', async () => {
  const { page, errors } = await open({ clock: true });
  await fillValid(page);
  const before = await values(page);
  await scenario(page, '429');
  await submit(page);
  const s = await summary(page);
  // The counter is the one number on screen; the message says why.
  assert.equal(s.message, 'There have been too many attempts in a short time.');
  const countdown = () => page.evaluate(() => ({
    text: document.querySelector('.fieldnote-error-summary__countdown')?.textContent,
    disabled: document.getElementById('submit').disabled,
  }));
  assert.deepEqual(await countdown(), { text: 'You can try again in 15 seconds.', disabled: true });
  await page.clock.runFor(1000);
  assert.deepEqual(await countdown(), { text: 'You can try again in 14 seconds.', disabled: true });
  await page.clock.runFor(14_000);
  assert.deepEqual(await countdown(), { text: 'You can try again now.', disabled: false });
  assert.equal((await exchange(page)).made.retry, 'Yes, after 15 s');

  // Sent again: a 429 with no stated delay, so send() backs off (with jitter) and retries.
  await page.click('#submit');
  // The page's timers run on the fake clock: move it on until the backoff is over and the
  // retry (real network) has come back.
  for (const end = Date.now() + 10_000; Date.now() < end && !(await page.isVisible('#done'));) await page.clock.runFor(100);
  assert.equal(await page.isVisible('#done'), true);
  const x = await exchange(page);
  assert.deepEqual(x.log, ['POST /api/signup (scenario 429) → 429 Too Many Requests', 'POST /api/signup (scenario 429) → 201 Created']);
  assert.ok(x.notes.some((n) => /^send\(\) waits \d\.\d s \(backoff with jitter\), then sends it again\.$/.test(n)), x.notes.join('|'));
  assert.deepEqual(await values(page), before);
  clean(errors);
  await page.context().close();
});

test('502: nginx’s HTML page is retried, then shown as text with a report', async () => {
  const { page, errors } = await open();
  await fillValid(page);
  const before = await values(page);
  await scenario(page, '502');
  await submit(page);
  const s = await summary(page);
  assert.equal(s.message, 'The service could not be reached. Try again in a few minutes. If it keeps happening, contact support and include the report.');
  const x = await exchange(page);
  assert.deepEqual(x.log, Array(3).fill('POST /api/signup (scenario 502) → 502 Bad Gateway'), 'two retries');
  assert.equal(x.notes.filter((n) => n.startsWith('send() waits')).length, 2);
  assert.match(x.body, /<center><h1>502 Bad Gateway<\/h1><\/center>/);
  assert.equal(await page.$$eval('#raw-body *, .fieldnote-error-summary h1', (e) => e.length), 0, 'markup stays text');
  assert.match(await page.inputValue('.fieldnote-error-summary textarea'), /Status: 502/);
  assert.deepEqual([x.made.category, x.made.action], ['bad_gateway', 'contact_support']);
  assert.deepEqual(await values(page), before);
  clean(errors);
  await page.context().close();
});

test('items: rows are added and removed, paths stay in step, focus is managed', async () => {
  const { page, errors } = await open();
  assert.equal(await page.isVisible('.item__remove'), false, 'the only item cannot be removed');
  await page.click('#add-item');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'items-1-product');
  assert.equal(await page.textContent('#items-status'), 'Item 2 added');
  await page.click('#add-item');
  await page.fill('#items-0-quantity', '1');
  await page.fill('#items-2-quantity', '7');
  await page.click('#submit');
  assert.ok((await summary(page)).lines.some(([t]) => t === 'Select a product for item 3'));
  // Remove item 2: item 3 becomes item 2, with its value and its message renumbered.
  await page.click('.item:nth-child(2) .item__remove');
  assert.equal(await page.textContent('#items-status'), 'Item 2 removed');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'add-item');
  assert.deepEqual(await page.$$eval('.item', (rows) => rows.map((r) => [
    r.querySelector('legend').textContent, r.querySelector('input').name, r.querySelector('input').value, r.querySelector('.item__remove').textContent])), [
    ['Item 1', 'items[0][quantity]', '1', 'Remove item 1'],
    ['Item 2', 'items[1][quantity]', '7', 'Remove item 2'],
  ]);
  const lines = (await summary(page)).lines.filter(([, href]) => href?.startsWith('#items-'));
  assert.deepEqual(lines, [['Select a product for item 1', '#items-0-product'], ['Select a product for item 2', '#items-1-product']]);
  for (let i = 2; i < 10; i++) await page.click('#add-item');
  assert.equal(await page.isVisible('#add-item'), false, 'ten items at most');
  assert.deepEqual(await page.evaluate(() => window.demo.payload(window.demo.controller.value()).items.length), 10);
  clean(errors);
  await page.context().close();
});

test('keyboard only: Tab, typing, Space and Enter complete the form and create the account', async () => {
  const { page, errors } = await open();
  const focused = () => page.evaluate(() => document.activeElement.id || document.activeElement.textContent.trim());
  const tab = async (id) => {
    await page.keyboard.press('Tab');
    assert.equal(await focused(), id);
  };
  await tab('Skip to main content');
  await page.keyboard.press('Enter');
  assert.equal(await focused(), 'main');
  await tab('full-name');
  await page.keyboard.type('Ada Lovelace');
  await tab('email');
  await page.keyboard.type('ada@example.com');
  await tab('dob-day');
  await page.keyboard.type('10');
  await tab('dob-month');
  await page.keyboard.type('12');
  await tab('dob-year');
  await page.keyboard.type('1985');
  await tab('plan-basic');
  await page.keyboard.press('Space');
  await tab('line1');
  await page.keyboard.type('12 Ockham Lane');
  await tab('line2');
  await tab('town');
  await page.keyboard.type('Leeds');
  await tab('postcode');
  await page.keyboard.type('LS1 4AP');
  await tab('country');
  await tab('items-0-product');
  await page.keyboard.type('Fountain');
  await tab('items-0-quantity');
  await page.keyboard.type('2');
  await tab('add-item');
  await page.keyboard.press('Enter');
  assert.equal(await focused(), 'items-1-product');
  await page.keyboard.type('Notebook');
  await tab('items-1-quantity');
  await page.keyboard.type('1');
  await tab('Remove item 2');
  await tab('add-item');
  await tab('updates');
  await page.keyboard.press('Space');
  await tab('submit');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#done:not([hidden])');
  assert.equal(await focused(), 'done');
  const sent = JSON.parse(await page.evaluate(() => JSON.stringify(window.demo.payload(window.demo.controller.value()))));
  assert.deepEqual(sent, {
    fullName: 'Ada Lovelace', email: 'ada@example.com', dateOfBirth: '1985-12-10', plan: 'basic',
    shipping: { line1: '12 Ockham Lane', town: 'Leeds', postcode: 'LS1 4AP', country: 'GB' },
    items: [{ product: 'pen', quantity: 2 }, { product: 'notebook', quantity: 1 }], updates: true,
  });
  clean(errors);
  await page.context().close();
});

test('axe-core: no violations on the page, with client errors, with a support report, signed out', async () => {
  const { page, errors } = await open();
  const check = async (when) => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`), [], when);
  };
  await check('fresh page');
  await page.click('#submit');
  await check('client errors shown');
  await fillValid(page);
  await scenario(page, '500');
  await submit(page);
  await check('support report shown');
  await page.click('#sign-out');
  await scenario(page, '201');
  await submit(page);
  await check('sign-in panel shown');
  await page.goto(`${server.url}/normalize.html`);
  await page.waitForSelector('html[data-ready="true"]');
  await check('paste page');
  clean(errors);
  await page.context().close();
});

test('screenshots of the page with errors (the README uses errors.png)', async () => {
  const { page, errors } = await open({ width: 1280 });
  await page.fill('#full-name', 'Ada Lovelace');
  await page.fill('#email', 'ada@example');
  await page.fill('#dob-day', '31');
  await page.fill('#dob-month', '2');
  await page.fill('#dob-year', '1985');
  await page.fill('#postcode', 'LS1');
  await page.selectOption('#items-0-product', 'pen');
  await page.fill('#items-0-quantity', '0');
  await page.click('#submit');
  await page.waitForSelector('.fieldnote-error-summary');
  // The top of the page, the same every run: the token's lifetime (the one thing that changes
  // with the clock) is painted over in the panel's grey.
  await page.screenshot({
    path: `${SHOTS}/errors.png`, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1240 }, animations: 'disabled', caret: 'hide',
    mask: [page.locator('#token-state')], maskColor: '#f3f2f1',
  });
  await page.screenshot({ path: `${SHOTS}/page-client-errors.tmp.png`, fullPage: true });
  await page.check('#skip-validation');
  await scenario(page, '500');
  await submit(page);
  await page.screenshot({ path: `${SHOTS}/page-server-errors.tmp.png`, fullPage: true });
  clean(errors);
  await page.context().close();
});

test('320 CSS px and forced colours: the page reflows with errors shown and every state stays visible', async () => {
  const { page, errors } = await open({ width: 320 });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.equal(await overflow(), 0, 'fresh page');
  await page.click('#add-item');
  await page.click('#submit');
  await page.waitForSelector('.fieldnote-error-summary');
  assert.equal(await overflow(), 0, 'with errors and two items');
  const { violations } = await new AxeBuilder({ page }).analyze();
  assert.deepEqual(violations.map((v) => v.id), [], 'axe at 320 px');
  await page.emulateMedia({ forcedColors: 'active' });
  // The switch draws its state with system colours: on and off must differ.
  const knob = () => page.evaluate(() => {
    const label = document.querySelector('.switch__label');
    return [getComputedStyle(label, '::before').backgroundColor, getComputedStyle(label, '::after').backgroundColor].join();
  });
  const off = await knob();
  await page.evaluate(() => { const s = document.querySelector('.switch__input'); s.checked = !s.checked; });
  const on = await knob();
  assert.notEqual(on, off, 'the switch shows its state in forced colours');
  await page.evaluate(() => { const s = document.querySelector('.switch__input'); s.checked = !s.checked; });
  assert.deepEqual(await page.evaluate(() => [
    getComputedStyle(document.querySelector('.fieldnote-error-summary')).borderTopStyle,
    getComputedStyle(document.querySelector('.fieldnote-form-group--error')).borderLeftStyle,
  ]), ['solid', 'solid']);
  const forced = await new AxeBuilder({ page }).analyze();
  assert.deepEqual(forced.violations.map((v) => v.id), [], 'axe in forced colours');
  clean(errors);
  await page.context().close();
});
