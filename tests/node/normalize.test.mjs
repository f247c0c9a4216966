// The built package, imported exactly as a user's project imports it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import init, {
  normalize, normalizeResponse, tokenExpiresIn, shouldRefresh, backoff, canonicalPath, formatPath,
  registerLocale, matchField, toFormErrors, renderPlan,
} from 'fieldnote';
import { trapErrors, generations } from '../../pkg/internal.js';

const NOW = Date.UTC(2026, 10, 24, 21, 18, 0);
const envelope = (code, message, details = []) => JSON.stringify({ error: { code, message, details } });

test('init() is optional in Node and idempotent', async () => {
  await init();
  assert.equal(normalize({ status: 200, body: '' }).ok, true);
});

// One case per status the spec lists, plus 503/504.
const table = [
  [200, '{"id":1}', { ok: true, category: null, action: 'none' }],
  [201, '{"id":1}', { ok: true, category: null, action: 'none' }],
  [400, envelope('bad_request', 'The request body is not valid JSON'), { category: 'bad_request', action: 'contact_support' }],
  [401, envelope('token_expired', 'Your access token has expired'), { category: 'unauthenticated', action: 'sign_in' }],
  [403, envelope('forbidden', 'You need the admin role to delete projects'), { category: 'forbidden', action: 'none' }],
  [404, envelope('not_found', 'Order 42 does not exist'), { category: 'not_found', action: 'check_link' }],
  [409, envelope('conflict', 'Conflict', [{ field: 'email', message: 'This email address is already registered' }]), { category: 'conflict', action: 'fix_fields' }],
  [422, envelope('validation_failed', 'Validation failed', [{ field: 'address.zip', message: 'Enter a postcode' }]), { category: 'validation', action: 'fix_fields' }],
  [429, envelope('rate_limited', 'Too many requests'), { category: 'rate_limited', action: 'retry_later', retryable: true }],
  [500, envelope('internal', 'Internal Server Error'), { category: 'server_error', action: 'contact_support', report: true }],
  [502, '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>', { category: 'bad_gateway', action: 'contact_support', report: true, retryable: true }],
  [503, '', { category: 'unavailable', action: 'retry_later', retryable: true, report: true }],
  [504, '', { category: 'unavailable', action: 'retry_later', retryable: true, report: true }],
];

for (const [status, body, want] of table) {
  test(`status ${status}`, () => {
    const r = normalize({ status, headers: { 'content-type': 'application/json' }, body }, { now: NOW });
    assert.equal(r.status, status);
    assert.equal(r.ok, want.ok ?? false);
    assert.equal(r.category, want.category);
    assert.equal(r.action, want.action);
    assert.equal(r.retry.retryable, want.retryable ?? false);
    assert.equal(r.report !== null, want.report ?? (want.action === 'contact_support'));
    if (!r.ok) {
      assert.equal(typeof r.message, 'string');
      assert.ok(r.message.length > 10);
      assert.doesNotMatch(r.message, /<|invalid|please|oops|sorry/i);
    } else {
      assert.equal(r.message, null);
    }
  });
}

test('a fetch Headers instance and a Date are accepted', () => {
  const r = normalize({ status: 429, headers: new Headers({ 'Retry-After': 'Tue, 24 Nov 2026 21:18:45 GMT' }), body: '' },
    { now: new Date(NOW) });
  assert.equal(r.retry.afterSeconds, 45);
  assert.match(r.message, /45 seconds/);
});

test('normalizeResponse reads a fetch Response', async () => {
  const res = new Response(envelope('validation_failed', 'Validation failed', [{ field: 'items[1].quantity', message: 'Enter a quantity of 1 or more' }]),
    { status: 422, headers: { 'content-type': 'application/json' } });
  const r = await normalizeResponse(res);
  assert.deepEqual(r.fields, { 'items.1.quantity': ['Enter a quantity of 1 or more'] });
});

test('a Response passed to normalize() is a clear error', () => {
  const res = new Response('x', { status: 500 });
  assert.throws(() => normalize(res), /normalizeResponse/);
});

test('a 2xx carrying the error envelope is an error', () => {
  const r = normalize({ status: 200, body: envelope('validation_failed', 'Validation failed', [{ field: 'email', message: 'Enter an email address' }]) });
  assert.equal(r.ok, false);
  assert.equal(r.category, 'validation');
});

test('tokens expire after an hour: helpers decode exp without verifying', () => {
  const payload = Buffer.from(JSON.stringify({ sub: 'u1', exp: NOW / 1000 + 3600 })).toString('base64url');
  const jwt = `eyJhbGciOiJIUzI1NiJ9.${payload}.signature`;
  assert.equal(tokenExpiresIn(jwt, NOW), 3600);
  assert.equal(shouldRefresh(jwt, NOW, 60), false);
  assert.equal(shouldRefresh(jwt, NOW + 3541_000, 60), true);
  assert.throws(() => tokenExpiresIn('garbage', NOW), /not a JWT/);
});

test('backoff is exponential with full jitter, deterministic with random', () => {
  assert.equal(backoff(1, { baseMs: 100, capMs: 10_000, random: 0.5 }), 50);
  assert.equal(backoff(4, { baseMs: 100, capMs: 10_000, random: () => 0.5 }), 400);
  assert.equal(backoff(30, { baseMs: 100, capMs: 10_000, random: 0.999 }), 9990);
  const r = backoff(2);
  assert.ok(r >= 0 && r < 1000);
});

test('paths in every syntax', () => {
  assert.equal(canonicalPath('/items/0/name'), 'items.0.name');
  assert.equal(formatPath('items.0.name', 'bracket'), 'items[0].name');
  assert.throws(() => formatPath('a', 'xpath'), /style must be/);
});

test('locales load on demand', () => {
  registerLocale({ locale: 'qq', plural: 'other', messages: { 'category.not_found': 'QQ' } });
  assert.equal(normalize({ status: 404 }, { locale: 'qq' }).message, 'QQ');
  assert.match(normalize({ status: 404 }, { locale: 'zz' }).message, /could not be found/);
});

test('a trap inside wasm surfaces as an Error and the module keeps working', () => {
  const before = generations().errors;
  assert.throws(() => trapErrors(), /internal error.*restarted/);
  assert.equal(generations().errors, before + 1);
  assert.equal(normalize({ status: 404 }).category, 'not_found');
  assert.equal(canonicalPath('a[1]'), 'a.1');
});

// Issue 18: shapes users already hold, categories, whose words are shown, waits.

test('Zod shapes as bodies: flatten(), a server action result, a serialized ZodError', () => {
  const flat = normalize({ status: 400, body: { formErrors: ['Choose at least one item'], fieldErrors: { email: ['Invalid email'] } } });
  assert.equal(flat.dialect, 'zod');
  assert.equal(flat.category, 'validation');
  assert.deepEqual(flat.fields, { email: ['Invalid email'] });
  assert.deepEqual(flat.formErrors, ['Choose at least one item']);
  // A server action answers 200: the shape alone makes it an error.
  const action = normalize({ status: 200, body: { errors: { fieldErrors: { title: ['Title must be at least 3 characters'] }, formErrors: [] } } });
  assert.equal(action.ok, false);
  assert.equal(action.action, 'fix_fields');
  assert.deepEqual(action.fields, { title: ['Title must be at least 3 characters'] });
  const issues = normalize({ status: 400, body: { name: 'ZodError', issues: [{ code: 'too_small', path: ['items', 1, 'qty'], message: 'Too small' }] } });
  assert.deepEqual(issues.fields, { 'items.1.qty': ['Too small'] });
  // Nothing wrong in it: not an error.
  assert.equal(normalize({ status: 200, body: { formErrors: [], fieldErrors: {} } }).ok, true);
});

test('a 400 that names a field is a validation failure (DRF)', () => {
  const r = normalize({ status: 400, body: { email: ['Enter a valid email address.'] } });
  assert.equal(r.category, 'validation');
  assert.equal(r.action, 'fix_fields');
  assert.equal(r.report, null);
});

test("the envelope's message is shown at a 502, the wait beside it", () => {
  const r = normalize({ status: 502, headers: { 'retry-after': '10' },
    body: envelope('upstream_unavailable', 'The payment provider is temporarily unavailable.') }, { now: NOW });
  assert.equal(r.message, 'The payment provider is temporarily unavailable.');
  assert.equal(r.retry.afterSeconds, 10);
  assert.notEqual(r.report, null);
});

test('waits are said in the units people use', () => {
  const r = normalize({ status: 429, headers: { 'retry-after': '1800' }, body: '' }, { now: NOW });
  assert.match(r.message, /Try again in 30 minutes\.$/);
  const b = normalize({ status: 502, headers: { 'retry-after': '10' }, body: '' }, { now: NOW });
  assert.match(b.message, /Try again in 10 seconds\./);
  assert.doesNotMatch(b.message, /few minutes/);
});

// The JS side of issue 18: whose words, the shapes users hold, the person's clock.

test('serverMessage and messageSource say whose words are shown', () => {
  const r = normalize({ status: 400, body: { error: { type: 'api_error', message: 'An unknown error occurred in the Stripe backend.' } } });
  assert.equal(r.messageSource, 'fieldnote');
  assert.equal(r.serverMessage, 'An unknown error occurred in the Stripe backend.');
  assert.equal(normalize({ status: 200, body: '' }).messageSource, null);
});

test('an axios error is read through error.response', () => {
  const error = Object.assign(new Error('Request failed with status code 422'), {
    isAxiosError: true,
    config: { method: 'post', url: '/api/orders', headers: { Authorization: 'Bearer abc' }, data: '{"qty":0}' },
    response: { status: 422, statusText: 'Unprocessable Entity', headers: { 'content-type': 'application/json' },
      data: { error: { code: 'validation_failed', message: 'Check the marked fields', details: [{ field: 'qty', message: 'Enter 1 or more' }] } },
      request: {} },
  });
  const r = normalize(error, { now: NOW });
  assert.equal(r.status, 422);
  assert.deepEqual(r.fields, { qty: ['Enter 1 or more'] });
  // An axios error with no response is a network failure.
  const down = normalize(Object.assign(new Error('Network Error'), { isAxiosError: true, code: 'ERR_NETWORK', config: { method: 'get', url: '/api/x' } }), { now: NOW });
  assert.equal(down.status, 0);
  assert.equal(down.category, 'unavailable');
});

test('a fetch Response whose body was read with .json()', async () => {
  const res = new Response(JSON.stringify({ email: ['Enter a valid email address.'] }), { status: 400, headers: { 'content-type': 'application/json' } });
  const data = await res.json();
  assert.deepEqual(normalize(res, { body: data }).fields, { email: ['Enter a valid email address.'] });
  assert.deepEqual((await normalizeResponse(res, { body: data })).fields, { email: ['Enter a valid email address.'] });
  await assert.rejects(normalizeResponse(res), /already read.*body/);
});

test("long waits say a time of day on the person's clock", () => {
  // 09:00Z with the clock at UTC+1: 10:00 local, and 90 minutes later 11:30.
  const r = normalize({ status: 503, headers: { 'retry-after': '5400' }, body: '' }, { now: Date.UTC(2026, 10, 24, 9, 0, 0), utcOffsetMinutes: 60 });
  assert.match(r.message, /Try again at 11:30\.$/);
});

test('a server key in another case or style finds the form field (matchField, toFormErrors fields)', () => {
  assert.equal(matchField('Email', ['name', 'email']), 'email');
  assert.equal(matchField('first_name', ['firstName', 'lastName']), 'firstName');
  assert.equal(matchField('EmailAddress', ['email', 'name']), 'email');
  assert.equal(matchField('address', ['email', 'name']), null, 'no guess');
  const r = normalize({ status: 400, body: { errors: { Email: ['The Email field is required.'], first_name: ['Enter a first name'] }, title: 'One or more validation errors occurred.', status: 400 } }, { now: NOW });
  assert.deepEqual(toFormErrors(r, { fields: ['email', 'firstName'], root: '' }), {
    email: { type: 'server', message: 'The Email field is required.' },
    firstName: { type: 'server', message: 'Enter a first name' },
  });
  const calls = [];
  assert.equal(toFormErrors(r, (path, error) => calls.push([path, error.message]), { fields: ['email', 'firstName'], root: '' }), 2);
  assert.deepEqual(calls.map((c) => c[0]), ['email', 'firstName']);
});

test('misuse is a clear error, not a silent answer', () => {
  assert.throws(() => normalize({}), /needs the response's HTTP status/);
  assert.throws(() => normalize({ status: 0 }), /0 is what fetch gives/);
  assert.throws(() => normalize(new Response('x', { status: 500 })), /normalizeResponse\(response\)|\{ body: data \}/);
  assert.throws(() => toFormErrors(new Response('{}', { status: 422 })), /not a fetch Response/);
  assert.throws(() => renderPlan('oops'), /takes a normalize\(\) result/);
  return assert.rejects(normalizeResponse({ status: 422, body: '{}' }), /takes a fetch Response/);
});

test('field keys named like Object.prototype members are fields like any other', () => {
  const r = normalize({ status: 422, body: { error: { code: 'validation_failed', message: 'x', details: [
    { field: 'constructor', message: 'Enter a constructor' }, { field: '__proto__', message: 'Enter a proto' }, { field: 'toString', message: 'Enter text' }] } } }, { now: NOW });
  const e = toFormErrors(r, { fields: ['constructor', '__proto__', 'toString'], root: '' });
  assert.deepEqual(Object.keys(e).sort(), ['__proto__', 'constructor', 'toString']);
  assert.equal(e.constructor.message, 'Enter a constructor');
  assert.equal(Object.getPrototypeOf(e), Object.prototype, 'no prototype was replaced');
});
