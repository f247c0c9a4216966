// The built package, imported exactly as a user's project imports it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import init, {
  normalize, normalizeResponse, tokenExpiresIn, shouldRefresh, backoff, canonicalPath, formatPath,
  registerLocale,
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
