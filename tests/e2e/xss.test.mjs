// Hostile responses and hostile input in the demo page, end to end: the real demo server and
// Debian's Chromium, with `page.route` answering `/api/signup` with markup in every place a
// response can carry text (the spec's envelope, problem+json, an HTML error page, headers) and
// markup typed into the form itself. Whatever the page shows of it must be text: no element is
// added, no handler runs, no dialog opens, and the hostile text reads literally.
//
// The hostile scenarios run with the page's Content-Security-Policy bypassed, so that markup that
// reached the DOM would run (the canaries `window.__xss` and `alert` would fire): they test the
// page's own handling of text, not the CSP. A separate test checks the CSP is sent and holds.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch } from './harness.mjs';

const server = await startServer();
const browser = await launch();
after(async () => { await browser.close(); await server.close(); });

// Each sets the canary and opens a dialog if it ever runs.
const IMG = '<img src=x onerror="window.__xss=1;alert(1)">';
const SCRIPT = '<script>window.__xss=1;alert(2)</script>';
const SVG = '<svg onload="window.__xss=1;alert(3)">';
const IFRAME = '<iframe src="javascript:parent.__xss=1;alert(4)"></iframe>';
const CHECK = 'Check this answer';
const VALIDATION = 'Some answers need correcting. Check the marked fields and try again.';
const SERVER_ERROR = 'There is a problem with the service. Try again later. If it keeps happening, contact support and include the report.';
/** Elements markup could smuggle in; counted before and after, and watched in between. */
const TAGS = ['img', 'script', 'svg', 'iframe', 'object', 'embed', 'style', 'link', 'meta', 'base', 'math', 'video', 'audio'];

/**
 * Opens the demo with `answer(request)` fulfilling each POST to /api/signup (a Playwright
 * `route.fulfill` object, or a function of the request returning one). Records page errors,
 * dialogs and the requests the route saw.
 */
async function open(answer, { bypassCSP = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP });
  const page = await context.newPage();
  const errors = [];
  const dialogs = [];
  const sent = [];
  page.on('pageerror', (e) => errors.push(e));
  // A 4xx or 5xx answer is logged by Chromium as a failed resource: expected here.
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(new Error(m.text())); });
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  if (answer) {
    await page.route('**/api/signup', (route) => {
      const request = route.request();
      sent.push({ method: request.method(), body: request.postData() });
      return route.fulfill(typeof answer === 'function' ? answer(request) : answer);
    });
  }
  const response = await page.goto(`${server.url}/`);
  await page.waitForSelector('html[data-ready="true"]');
  // The baseline: hostile-capable elements now, and a watch for any added later (even briefly).
  const before = await page.evaluate((tags) => {
    window.__added = [];
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType !== 1) continue;
          for (const e of [n, ...n.querySelectorAll('*')]) if (tags.includes(e.localName)) window.__added.push(e.localName);
        }
      }
    }).observe(document, { childList: true, subtree: true });
    return tags.map((t) => document.getElementsByTagName(t).length);
  }, TAGS);
  return { page, context, response, errors, dialogs, sent, before };
}

/** Answers that are not a failure of the harness: every element count as before, nothing ran. */
async function assertInert({ page, context, errors, dialogs, before }) {
  // Give an injected <img src=x> time to fail and an <svg onload> time to load.
  await page.waitForTimeout(300);
  const state = await page.evaluate((tags) => ({
    counts: tags.map((t) => document.getElementsByTagName(t).length),
    added: window.__added,
    xss: window.__xss,
    handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes]
      .filter((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)).map((a) => `${e.localName}[${a.name}]`)),
  }), TAGS);
  assert.deepEqual(state.counts, before, `no new ${TAGS.join('/')} elements`);
  assert.deepEqual(state.added, [], 'none added even for a moment');
  assert.deepEqual(state.handlers, [], 'no inline handlers or javascript: addresses anywhere');
  assert.equal(state.xss, undefined, 'the canary never ran');
  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.deepEqual(errors.map(String), []);
  await context.close();
}

/** Fills the form with answers the schema accepts; `text` overrides the free-text fields. */
async function fillValid(page, text = {}) {
  await page.check('#plan-standard');
  await page.fill('#full-name', text.fullName ?? 'Ada Lovelace');
  await page.fill('#email', 'ada@example.com');
  await page.fill('#dob-day', '10');
  await page.fill('#dob-month', '12');
  await page.fill('#dob-year', '1985');
  await page.fill('#line1', text.line1 ?? '12 Ockham Lane');
  await page.fill('#line2', text.line2 ?? '');
  await page.fill('#town', text.town ?? 'Leeds');
  await page.fill('#postcode', 'LS1 4AP');
  await page.selectOption('#items-0-product', 'pen');
  await page.fill('#items-0-quantity', '2');
}

/** Submits and waits until the exchange (retries included) is over. */
async function submit(page) {
  await page.click('#submit');
  await page.waitForFunction(() => document.getElementById('sending').textContent === '' && document.getElementById('raw-status').textContent !== 'Nothing sent yet');
}

/** Everything the page shows of a response, as text. */
const shown = (page) => page.evaluate(() => {
  const s = document.querySelector('.fieldnote-error-summary');
  const rows = Object.fromEntries([...document.querySelectorAll('#made .summary-list__row')].map((r) => [
    r.querySelector('dt').textContent,
    r.querySelector('dd li') ? [...r.querySelectorAll('dd li')].map((li) => li.textContent) : r.querySelector('dd').textContent,
  ]));
  return {
    message: s?.querySelector('.fieldnote-error-summary__message')?.textContent ?? null,
    lines: s ? [...s.querySelectorAll('li')].map((li) => [li.textContent, li.querySelector('a')?.getAttribute('href') ?? null]) : [],
    inline: Object.fromEntries([...document.querySelectorAll('.fieldnote-error-message')].map((p) => [p.id, p.textContent])),
    report: s?.querySelector('textarea')?.value ?? null,
    status: document.getElementById('raw-status').textContent,
    headers: document.getElementById('raw-headers').textContent,
    body: document.getElementById('raw-body').textContent,
    log: document.getElementById('log').textContent,
    made: rows,
    json: document.getElementById('made-json').textContent,
  };
});

const json = (status, body, headers = {}) => ({ status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

test('the demo is served with a Content-Security-Policy that forbids inline script, and it holds', async () => {
  // The header, on both pages the server serves as HTML.
  for (const path of ['/', '/normalize.html']) {
    const res = await fetch(`${server.url}${path}`);
    assert.equal(res.status, 200, path);
    const csp = res.headers.get('content-security-policy');
    assert.ok(csp, `${path} has a Content-Security-Policy`);
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).filter(([n]) => n).map(([n, ...v]) => [n.toLowerCase(), v]));
    const script = directives['script-src'] ?? directives['default-src'];
    assert.ok(script, `${path}: script-src or default-src`);
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'", '*', 'data:', 'blob:', 'http:', 'https:']) {
      assert.ok(!script.includes(bad), `${path}: script-src must not allow ${bad} (${csp})`);
    }
    assert.ok(!script.some((s) => /^'(nonce|sha\d+)-/.test(s)), `${path}: no nonces or hashes that would let inline script in`);
    assert.ok(!('script-src-elem' in directives) && !('script-src-attr' in directives), `${path}: nothing loosens script-src per kind`);
    assert.deepEqual(directives['default-src'], ["'self'"], `${path}: everything else from the page's own origin`);
    assert.deepEqual(directives['base-uri'], ["'none'"], `${path}: no <base> redirecting the page's scripts`);
    assert.ok(!csp.toLowerCase().includes('report-only'));
    assert.equal(res.headers.get('content-security-policy-report-only'), null, `${path}: enforced, not report-only`);
  }

  // Enforced by the browser: inline script and inline handlers do not run, and each is reported.
  const enforced = await open(null, { bypassCSP: false });
  assert.ok(enforced.response.headers()['content-security-policy']);
  const blocked = await enforced.page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    const box = document.createElement('div');
    box.innerHTML = '<img src="/no-such-image.png" onerror="window.__xss=1">';
    const script = document.createElement('script');
    script.textContent = 'window.__xss=2';
    document.body.append(box, script);
    for (let i = 0; i < 100 && violations.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    box.remove();
    script.remove();
    return { xss: window.__xss, violations: violations.sort() };
  });
  assert.deepEqual(blocked, { xss: undefined, violations: ['script-src-attr', 'script-src-elem'] });
  await enforced.context.close();

  // The canary the other tests rely on is live once the CSP is bypassed: the same markup runs.
  const bare = await open(null);
  const ran = await bare.page.evaluate(async () => {
    const box = document.createElement('div');
    box.innerHTML = '<img src="/no-such-image.png" onerror="window.__xss=1">';
    document.body.append(box);
    for (let i = 0; i < 100 && !window.__xss; i++) await new Promise((r) => setTimeout(r, 20));
    box.remove();
    return window.__xss;
  });
  assert.equal(ran, 1, 'with the CSP bypassed, an injected handler would run: the hostile tests can fail');
  await bare.context.close();
});

test('the spec envelope (422): markup in message, details[].message, details[].field and code stays text', async () => {
  const body = {
    error: {
      code: SCRIPT,
      message: IMG,
      details: [
        { field: 'fullName', message: IMG },
        { field: 'email', message: `Enter ${SVG} again` },
        { field: SVG, message: SCRIPT }, // a field the form does not have
        { field: IFRAME, message: '' }, // no message: the default sentence
        { field: '', message: IFRAME }, // form-level
      ],
    },
  };
  const run = await open(json(422, body, { 'x-request-id': IMG }));
  const { page } = run;
  await fillValid(page);
  await submit(page);
  const s = await shown(page);
  assert.equal(run.sent.length, 1);
  // Messages holding markup are never shown (normalize replaces them with the default sentence;
  // a form-level one says nothing); the hostile field names stay, as text, in the mapping panel.
  assert.deepEqual(s.lines, [
    ['Check your answer to Full name', '#full-name'],
    ['Check your answer to Email address', '#email'],
    ['Check this answer', null],
    ['Check this answer', null],
  ]);
  assert.deepEqual(s.inline, { 'full-name-error': 'Error: Check your answer to Full name', 'email-error': 'Error: Check your answer to Email address' });
  assert.equal(s.message, null, 'a 422 with fields has no panel message');
  assert.equal(s.body, JSON.stringify(body), 'the raw body, as text');
  assert.match(s.headers, new RegExp(`^x-request-id: ${literal(IMG)}$`, 'm'));
  assert.equal(s.made.message, VALIDATION);
  assert.deepEqual(s.made.fields, ['fullName: Check this answer', 'email: Check this answer', `${SVG}: Check this answer`, `${IFRAME}: Check this answer`]);
  assert.equal(s.made.formErrors, 'None', 'the form-level message held markup: nothing is shown for it');
  assert.deepEqual(JSON.parse(s.json).fields, { fullName: [CHECK], email: [CHECK], [SVG]: [CHECK], [IFRAME]: [CHECK] });
  assert.equal(await page.inputValue('#full-name'), 'Ada Lovelace', 'values stay');
  await assertInert(run);
});

test('the spec envelope (500): the message in the summary, code and X-Request-Id in the report, as text', async () => {
  const body = { error: { code: SCRIPT, message: IMG, details: [] } };
  const run = await open(json(500, body, { 'x-request-id': SVG }));
  const { page } = run;
  await fillValid(page);
  await submit(page);
  const s = await shown(page);
  // A server message holding markup is never shown: the catalog's sentence instead.
  assert.equal(s.message, SERVER_ERROR);
  assert.match(s.report, /^Support report\n/);
  assert.ok(s.report.includes(`\nX-Request-Id: ${SVG}\n`), s.report);
  assert.ok(s.report.includes(`\nError code: ${SCRIPT}\n`), s.report);
  assert.ok(s.report.includes(`\nMessage shown: ${SERVER_ERROR}\n`), s.report);
  assert.ok(s.report.includes(`\nResponse body:\n${JSON.stringify(body)}\n`), s.report);
  assert.ok(s.report.includes(`\n  x-request-id: ${SVG}\n`), s.report);
  assert.equal(s.body, JSON.stringify(body));
  assert.equal(s.made.message, SERVER_ERROR);
  // Copying the report copies the same text.
  await page.evaluate(() => {
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t) => { window.copied = t; } } });
  });
  await page.click('.fieldnote-error-summary button');
  await page.waitForFunction(() => document.querySelector('.fieldnote-error-summary__status')?.textContent === 'Report copied');
  assert.equal(await page.evaluate(() => window.copied), s.report);
  await assertInert(run);
});

test('problem+json: markup in title, detail and errors[].pointer stays text', async () => {
  const fields = {
    type: `https://example.com/probs/${SVG}`,
    title: IMG,
    detail: SCRIPT,
    instance: IFRAME,
    errors: [
      { pointer: '#/fullName', detail: IMG },
      { pointer: `#/${SVG}`, detail: `Enter ${IMG} here` },
      { pointer: '/shipping/town', detail: `We cannot deliver to ${SVG}` },
      { pointer: '#/email', detail: SCRIPT }, // internals: the default sentence instead
    ],
  };
  const failure = { type: 'about:blank', title: SVG, detail: IMG, instance: SCRIPT };
  let n = 0;
  const run = await open(() => (++n === 1
    ? { status: 400, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify(fields) }
    : { status: 500, headers: { 'content-type': 'application/problem+json', 'x-request-id': IFRAME }, body: JSON.stringify(failure) }));
  const { page } = run;
  await fillValid(page);
  await submit(page);
  let s = await shown(page);
  assert.equal(s.made.dialect, 'problem');
  assert.deepEqual(s.lines, [
    ['Check your answer to Full name', '#full-name'],
    ['Check your answer to Email address', '#email'],
    ['Check your answer to Town or city', '#town'],
    ['Check this answer', null], // the pointer names no field of the form
  ]);
  assert.deepEqual(s.inline, {
    'full-name-error': 'Error: Check your answer to Full name', 'email-error': 'Error: Check your answer to Email address', 'town-error': 'Error: Check your answer to Town or city',
  });
  assert.deepEqual(s.made.fields, ['fullName: Check this answer', `${SVG}: Check this answer`, 'shipping.town: Check this answer', 'email: Check this answer']);
  assert.equal(s.body, JSON.stringify(fields), 'title, detail and pointers in the raw body, as text');

  // A 500 in problem+json with markup in title and detail: the catalog's sentence is shown; the
  // raw panel and the report carry the body, as text, with the request id.
  await submit(page);
  s = await shown(page);
  assert.equal(s.message, SERVER_ERROR);
  assert.equal(s.made.message, SERVER_ERROR);
  assert.equal(s.body, JSON.stringify(failure));
  assert.ok(s.report.includes(`\nX-Request-Id: ${IFRAME}\n`), s.report);
  assert.ok(s.report.includes(`\nMessage shown: ${SERVER_ERROR}\n`), s.report);
  assert.ok(s.report.includes(`\nResponse body:\n${JSON.stringify(failure)}\n`), s.report);
  await assertInert(run);
});

test('an HTML 502 page, retried, is text in the raw panel and the report', async () => {
  const html = `<!doctype html><html><head><base href="http://evil.example/"><meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">
<style>body{display:none}</style></head><body>${IMG}${SCRIPT}${SVG}${IFRAME}<object data="javascript:window.__xss=1"></object>
<h1>502 Bad Gateway</h1></body></html>`;
  const run = await open({ status: 502, headers: { 'content-type': 'text/html; charset=utf-8', 'x-request-id': SCRIPT }, body: html });
  const { page } = run;
  await fillValid(page);
  await submit(page);
  const s = await shown(page);
  assert.equal(run.sent.length, 3, 'sent, then retried twice');
  assert.equal(s.body, html, 'the raw body, as text');
  assert.equal(s.message, 'The service could not be reached. Try again in a few minutes. If it keeps happening, contact support and include the report.');
  assert.ok(s.report.includes(`\nResponse body:\n${html}\n`), s.report);
  assert.ok(s.report.includes(`\nX-Request-Id: ${SCRIPT}\n`), s.report);
  assert.equal(await page.$$eval('#raw-body *, #made *:is(h1, object), .fieldnote-error-summary h1', (e) => e.length), 0);
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).display), 'block', 'the body\'s <style> did not apply');
  assert.equal(new URL(page.url()).origin, server.url, 'no <base> or refresh took the page away');
  await assertInert(run);
});

test('hostile headers (WWW-Authenticate, Retry-After, Content-Type, X-Request-Id) are text in the log and the raw panel', async () => {
  let n = 0;
  const run = await open(() => (++n === 1
    ? { status: 401, headers: { 'www-authenticate': `Bearer realm="${IMG}", error="${SVG}"`, 'content-type': 'text/html; charset=utf-8', 'x-request-id': SCRIPT }, body: SCRIPT }
    : { status: 429, headers: { 'retry-after': SVG, 'content-type': `text/plain; x="${IMG}"`, 'x-request-id': IFRAME }, body: IMG }));
  const { page } = run;
  await fillValid(page);
  await submit(page);
  let s = await shown(page);
  assert.equal(s.status, '401 Unauthorized');
  assert.ok(s.log.includes(`www-authenticate: Bearer realm="${IMG}", error="${SVG}"`), s.log);
  assert.match(s.headers, new RegExp(`^x-request-id: ${literal(SCRIPT)}$`, 'm'));
  assert.equal(s.body, SCRIPT);
  assert.equal(s.message, 'Your session has ended. Sign in again to continue.');
  // The 429s: retried with backoff (the Retry-After is not a delay), each line of the log as text.
  await submit(page);
  s = await shown(page);
  assert.equal(run.sent.length, 4);
  assert.equal(s.status, '429 Too Many Requests');
  assert.ok(s.log.includes(`retry-after: ${SVG}`), s.log);
  assert.ok(s.log.includes(`content-type: text/plain; x="${IMG}"`), s.log);
  assert.match(s.headers, new RegExp(`^retry-after: ${literal(SVG)}$`, 'm'));
  assert.equal(s.body, IMG);
  assert.equal(s.made.retry, 'Yes, with backoff');
  await assertInert(run);
});

test('markup typed into the form is sent as data and comes back as text, in messages and the report', async () => {
  const typed = { fullName: SCRIPT, line1: IMG, line2: IFRAME, town: SVG };
  let n = 0;
  const run = await open((request) => {
    const sentBody = JSON.parse(request.postData());
    // A server that echoes what it was sent, the classic reflected XSS.
    return ++n === 1
      ? json(409, { error: { code: 'conflict', message: `An account for ${sentBody.fullName} already exists`, details: [
        { field: 'fullName', message: `${sentBody.fullName} already has an account` },
        { field: 'shipping.town', message: `We cannot deliver to ${sentBody.shipping.town}` },
      ] } })
      : { status: 500, headers: { 'content-type': 'text/plain' }, body: `Could not save ${sentBody.shipping.line1}` };
  });
  const { page } = run;
  await fillValid(page, typed);
  await submit(page);
  assert.deepEqual(JSON.parse(run.sent[0].body), {
    fullName: SCRIPT, email: 'ada@example.com', dateOfBirth: '1985-12-10', plan: 'standard',
    shipping: { line1: IMG, line2: IFRAME, town: SVG, postcode: 'LS1 4AP', country: 'GB' },
    items: [{ product: 'pen', quantity: 2 }], updates: false,
  }, 'the values are sent as they were typed');
  let s = await shown(page);
  // Echoed markup is never shown as a message: the default sentence on the same fields.
  assert.deepEqual(s.lines, [['Check your answer to Full name', '#full-name'], ['Check your answer to Town or city', '#town']]);
  assert.deepEqual(s.inline, { 'full-name-error': 'Error: Check your answer to Full name', 'town-error': 'Error: Check your answer to Town or city' });
  assert.deepEqual(await Promise.all(['#full-name', '#line1', '#line2', '#town'].map((id) => page.inputValue(id))), [SCRIPT, IMG, IFRAME, SVG], 'values stay as typed');

  // Now a 500 echoing one of them: the report holds the request body and the answer, as text.
  await page.fill('#full-name', `${SCRIPT} (again)`);
  await submit(page);
  s = await shown(page);
  assert.equal(s.body, `Could not save ${IMG}`);
  assert.ok(s.report.includes(`\nRequest body:\n${run.sent[1].body}\n`), s.report);
  assert.ok(run.sent[1].body.includes(JSON.stringify(`${SCRIPT} (again)`)));
  assert.ok(s.report.includes(`\nResponse body:\nCould not save ${IMG}\n`), s.report);

  // Client validation on markup: the message names the field, never echoes the value.
  await page.fill('#email', IMG);
  await page.click('#submit');
  await page.waitForSelector('#email-error');
  assert.equal(await page.textContent('#email-error'), 'Error: Enter an email address in the correct format, like name@example.com');
  assert.equal(run.sent.length, 2, 'nothing sent');
  await assertInert(run);
});

/** `s` as a literal inside a RegExp. */
function literal(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
