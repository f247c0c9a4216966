// The demo API over plain HTTP: the spec's envelopes for every bad request (never a crash or a
// hang), the same validation messages as the package's validator, tokens, and a clean stop.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer } from 'node:net';
import { compile, normalize, tokenExpiresIn } from 'fieldnote';
import { startServer, token, root, VALID } from './harness.mjs';
import { readFile } from 'node:fs/promises';

// A short request timeout, so slow clients can be tested quickly.
const server = await startServer(['--request-timeout', '1']);
after(() => server.close());
const { url } = server;
const auth = { authorization: `Bearer ${await token(url)}` };
const JSON_TYPE = { 'content-type': 'application/json' };

function signup(body, headers = {}) {
  return fetch(`${url}/api/signup`, { method: 'POST', headers: { ...JSON_TYPE, ...auth, ...headers }, body });
}

/** Asserts the spec's envelope `{ error: { code, message, details } }` and returns it. */
async function envelope(res, status, code) {
  assert.equal(res.status, status);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const body = await res.json();
  assert.deepEqual(Object.keys(body), ['error']);
  assert.deepEqual(Object.keys(body.error), ['code', 'message', 'details']);
  assert.equal(body.error.code, code);
  assert.ok(Array.isArray(body.error.details));
  assert.doesNotMatch(body.error.message, /invalid|please|sorry|oops/i);
  return body.error;
}

/** Sends raw bytes and resolves to everything the server sent back before closing. */
function raw(bytes, { end = true } = {}) {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    const chunks = [];
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.write(bytes);
    if (end) socket.end();
  });
}

test('a body that is not JSON gets the 400 envelope, with the reason for developers in a header', async () => {
  for (const body of ['{"fullName":', 'not json at all', '{"a":1} trailing', '\u00ff\u00fe']) {
    const res = await signup(body);
    await envelope(res, 400, 'bad_request');
    assert.ok(res.headers.get('x-error-detail'), body);
  }
  const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // not UTF-8
  const res = await signup(bytes);
  await envelope(res, 400, 'bad_request');
  assert.equal(res.headers.get('x-error-detail'), 'the body is not UTF-8 text');
});

test('a missing or empty body gets the 400 envelope', async () => {
  for (const body of [undefined, '', '   ']) {
    const res = await signup(body);
    await envelope(res, 400, 'bad_request');
    assert.equal(res.headers.get('x-error-detail'), 'the request has no body');
  }
});

test('the wrong content type gets the 415 envelope', async () => {
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
    const res = await signup(JSON.stringify(VALID), { 'content-type': type });
    await envelope(res, 415, 'unsupported_media_type');
    assert.equal(res.headers.get('accept-post'), 'application/json');
  }
  const res = await fetch(`${url}/api/signup`, { method: 'POST', headers: auth, body: new Blob([JSON.stringify(VALID)]) });
  await envelope(res, 415, 'unsupported_media_type');
  // Parameters and case are fine.
  assert.equal((await signup(JSON.stringify(VALID), { 'content-type': 'Application/JSON; charset=utf-8' })).status, 201);
});

test('1 MB of garbage gets the 413 envelope (read, not a reset connection); smaller garbage a 400', async () => {
  const garbage = new Uint8Array(1 << 20);
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) & 0xff;
  const t0 = Date.now();
  await envelope(await signup(garbage), 413, 'payload_too_large');
  await envelope(await signup(garbage.subarray(0, 60_000)), 400, 'bad_request');
  assert.ok(Date.now() - t0 < 5000, 'answered at once');
});

test('deep nesting, long strings and odd JSON: 400 or 422, quickly', async () => {
  const t0 = Date.now();
  const deep = await signup('['.repeat(60_000));
  await envelope(deep, 400, 'bad_request');
  assert.match(deep.headers.get('x-error-detail'), /nesting is deeper than 32/);
  await envelope(await signup(`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`), 400, 'bad_request');
  for (const body of ['[]', '"text"', 'null', '42', '{}']) {
    const e = await envelope(await signup(body), 422, 'validation_failed');
    assert.ok(e.details.length > 0, body);
  }
  const long = await envelope(await signup(JSON.stringify({ ...VALID, fullName: 'x'.repeat(50_000) })), 422, 'validation_failed');
  assert.deepEqual(long.details, [{ field: 'fullName', message: 'Your full name must be 100 characters or fewer' }]);
  assert.ok(Date.now() - t0 < 5000);
});

test('malformed HTTP gets the right status and no crash: request line, huge headers, two lengths', async () => {
  // hyper answers these before any handler runs: a status line and an empty body.
  const statusOf = (text) => text.match(/^HTTP\/1\.1 (\d{3}) /)?.[1];
  let text = await raw('NONSENSE\r\n\r\n');
  assert.equal(statusOf(text), '400');
  text = await raw(`GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(9000)}\r\n\r\n`);
  assert.equal(statusOf(text), '431');
  text = await raw(`GET / HTTP/1.1\r\n${'X-A: 1\r\n'.repeat(70)}\r\n`);
  assert.equal(statusOf(text), '431');
  text = await raw('POST /api/signup HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!');
  assert.equal(statusOf(text), '400');
  // The server is still answering.
  assert.equal((await fetch(`${url}/`)).status, 200);
});

test('chunked bodies are read under the same limits', async () => {
  const envelopeIn = (text) => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)).error;
  const head = `POST /api/signup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${
    `Authorization: ${auth.authorization}\r\n`}Transfer-Encoding: chunked\r\n\r\n`;
  const chunked = (body) => `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
  let text = await raw(head + chunked(JSON.stringify(VALID)));
  assert.match(text, /^HTTP\/1\.1 201 /);
  // RFC 9110's reason phrase, as the old server and fieldnote's reports write it.
  text = await raw(head + chunked('{}'));
  assert.match(text, /^HTTP\/1\.1 422 Unprocessable Content\r\n/);
  text = await raw(head + chunked('x'.repeat(70_000)));
  assert.match(text, /^HTTP\/1\.1 413 /);
  assert.equal(envelopeIn(text).code, 'payload_too_large');
});

test('slow or silent clients are cut off at the request timeout, without a hang', async () => {
  const t0 = Date.now();
  // Headers promise 100 bytes; 1 arrives.
  const [partial, silent] = await Promise.all([
    raw(`POST /api/signup HTTP/1.1\r\nContent-Type: application/json\r\nAuthorization: ${auth.authorization}\r\nContent-Length: 100\r\n\r\n{`, { end: false }),
    raw('', { end: false }),
  ]);
  assert.match(partial, /^HTTP\/1\.1 408 Request Timeout\r\n/);
  assert.equal(JSON.parse(partial.slice(partial.indexOf('\r\n\r\n') + 4)).error.code, 'request_timeout');
  assert.equal(silent, '', 'a connection that says nothing is closed without an answer');
  const took = Date.now() - t0;
  assert.ok(took >= 900 && took < 5000, `${took} ms`);
});

test('unknown addresses, methods and demo headers get envelopes', async () => {
  await envelope(await fetch(`${url}/api/nothing`), 404, 'not_found');
  const get = await fetch(`${url}/api/signup`);
  await envelope(get, 405, 'method_not_allowed');
  assert.equal(get.headers.get('allow'), 'POST');
  const bad = await envelope(await signup(JSON.stringify(VALID), { 'x-demo-scenario': 'teapot' }), 400, 'bad_request');
  assert.match(bad.message, /201 400 401 403 404 409 422 422-problem 422-laravel 429 500 502/);
  for (const v of ['-1', 'soon', '99999999999']) {
    await envelope(await signup(JSON.stringify(VALID), { 'x-demo-clock': v }), 400, 'bad_request');
  }
});

test('static files: the page, the package and the schema are served; nothing else', async () => {
  const page = await fetch(`${url}/`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy'), /script-src 'self' 'wasm-unsafe-eval'/);
  assert.equal((await fetch(`${url}/pkg/fieldnote_validator_bg.wasm`)).headers.get('content-type'), 'application/wasm');
  assert.deepEqual(await (await fetch(`${url}/schema/signup.json`)).json(),
    JSON.parse(await readFile(`${root}www/schema/signup.json`, 'utf8')));
  for (const path of ['/server/main.rs', '/../Cargo.toml', '/%2e%2e/Cargo.toml', '/pkg/../Cargo.toml', '/nothing.html']) {
    assert.equal((await fetch(`${url}${path}`)).status, 404, path);
  }
  const text = await raw('GET /../../etc/passwd HTTP/1.1\r\n\r\n');
  assert.match(text, /^HTTP\/1\.1 404 /);
  assert.equal((await fetch(`${url}/`, { method: 'DELETE' })).status, 405);
  const head = await fetch(`${url}/`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
});

test('the API and the package validator give identical details for the same payload', async () => {
  const schema = JSON.parse(await readFile(`${root}www/schema/signup.json`, 'utf8'));
  const validator = compile(schema);
  const payloads = [
    {},
    { ...VALID, email: 'ada@', dateOfBirth: '1985-02-30', plan: 'gold' },
    { ...VALID, shipping: { line1: '', postcode: 'LS1', country: 'XX', extra: true } },
    { ...VALID, items: [{ product: 'pen', quantity: 0 }, { quantity: 2.5 }, { product: 'ink', quantity: '3' }] },
    { ...VALID, items: [] },
    { ...VALID, items: Array.from({ length: 11 }, () => ({ product: 'pen', quantity: 1 })), nickname: 'Ada' },
  ];
  for (const p of payloads) {
    const client = validator.validate(p);
    assert.ok(client, JSON.stringify(p));
    const server = await envelope(await signup(JSON.stringify(p)), 422, 'validation_failed');
    assert.deepEqual(server, client.error, JSON.stringify(p));
  }
  assert.equal(validator.validate(VALID), null);
  assert.equal((await signup(JSON.stringify(VALID))).status, 201);
});

test('every scenario answers as the spec says, and normalize reads each one', async () => {
  const expect = {
    201: [201, null], 400: [400, 'bad_request'], 401: [201, null], 403: [403, 'forbidden'], 404: [404, 'not_found'],
    409: [409, 'conflict'], 422: [422, 'validation'], '422-problem': [422, 'validation'], '422-laravel': [422, 'validation'],
    429: [429, 'rate_limited'], 500: [500, 'server_error'], 502: [502, 'bad_gateway'],
  };
  const dialects = { 422: 'spec', '422-problem': 'problem', '422-laravel': 'laravel' };
  for (const [scenario, [status, category]] of Object.entries(expect)) {
    const res = await signup(JSON.stringify(VALID), { 'x-demo-scenario': scenario, 'idempotency-key': `k-${scenario}` });
    assert.equal(res.status, status, scenario);
    const result = normalize({ status: res.status, headers: res.headers, body: await res.text() });
    assert.equal(result.category, category, scenario);
    if (dialects[scenario]) {
      assert.equal(result.dialect, dialects[scenario]);
      assert.deepEqual(Object.keys(result.fields), ['shipping.postcode', 'items.1.quantity']);
      assert.deepEqual(result.fields['items.1.quantity'], ['Only 2 of these are left. Enter 2 or fewer']);
    }
  }
  // 429: a stated wait, then none (the client backs off), then through, per idempotency key.
  const rate = (key) => signup(JSON.stringify(VALID), { 'x-demo-scenario': '429', 'idempotency-key': key });
  const first = await rate('burst');
  assert.equal(first.headers.get('retry-after'), '15');
  assert.equal(normalize({ status: 429, headers: first.headers, body: await first.text() }).retry.afterSeconds, 15);
  const second = await rate('burst');
  assert.equal(second.status, 429);
  assert.equal(second.headers.get('retry-after'), null);
  assert.equal((await rate('burst')).status, 201);
  assert.equal((await rate('other key')).status, 429);
  // 502: nginx's page, as text/html.
  const gateway = await signup(JSON.stringify(VALID), { 'x-demo-scenario': '502' });
  assert.equal(gateway.headers.get('server'), 'nginx/1.24.0');
  assert.match(await gateway.text(), /^<html>\r\n<head><title>502 Bad Gateway<\/title><\/head>/);
  // 409 lands on the email field.
  const conflict = await envelope(await signup(JSON.stringify(VALID), { 'x-demo-scenario': '409' }), 409, 'already_exists');
  assert.deepEqual(conflict.details.map((d) => d.field), ['email']);
});

test('tokens live one hour by the demo clock; the API checks the real exp', async () => {
  const t = await token(url);
  const [, payload, signature] = t.split('.');
  assert.equal(signature, '', 'an unsigned demo token');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  assert.equal(claims.exp - claims.iat, 3600);
  assert.ok(Math.abs(tokenExpiresIn(t) - 3600) < 5);
  const ahead = await token(url, 3300);
  assert.ok(Math.abs(tokenExpiresIn(ahead) - 6900) < 5, 'issued by the demo clock');

  const body = JSON.stringify(VALID);
  const send = (authorization, clock) => fetch(`${url}/api/signup`, {
    method: 'POST', body, headers: { ...JSON_TYPE, ...(authorization && { authorization }), 'x-demo-clock': String(clock) },
  });
  assert.equal((await send(`Bearer ${t}`, 3599 - 5)).status, 201, 'still valid just before the hour');
  const expired = await send(`Bearer ${t}`, 3600);
  await envelope(expired, 401, 'invalid_token');
  assert.match(expired.headers.get('www-authenticate'), /error="invalid_token", error_description="The access token expired"/);
  const missing = await send(null, 0);
  await envelope(missing, 401, 'unauthenticated');
  assert.equal(missing.headers.get('www-authenticate'), 'Bearer realm="fieldnote-demo"');
  await envelope(await send('Bearer not-a-jwt', 0), 401, 'invalid_token');
  await envelope(await send('Basic YTpi', 0), 401, 'unauthenticated');
});

test('many requests at once are all answered', async () => {
  const results = await Promise.all(Array.from({ length: 40 }, (_, i) =>
    signup(JSON.stringify(VALID), { 'idempotency-key': `many-${i}` }).then((r) => r.status)));
  assert.deepEqual(new Set(results), new Set([201]));
});

test('slowloris: idle connections never take legitimate requests\' places (per-client limit, idle evicted)', async () => {
  // A server with the default 10 s timeout, so idle connections stay until evicted.
  const other = await startServer();
  after(() => other.close());
  const IDLE = 200;
  const PER_CLIENT = 128; // connections::PER_CLIENT in www/server/connections.rs
  let closed = 0;
  const idle = await Promise.all(Array.from({ length: IDLE }, () => new Promise((resolve, reject) => {
    const socket = connect(other.port, '127.0.0.1', () => {
      socket.write('GET / HTTP/1.1\r\nHost: x\r\n'); // a request head that never ends
      resolve(socket);
    });
    socket.on('error', () => {});
    socket.once('close', () => { closed += 1; });
    socket.once('error', reject);
  })));
  // 95 legitimate requests while the idle connections are held.
  const statuses = await Promise.all(Array.from({ length: 95 }, (_, i) =>
    (i % 2 ? fetch(`${other.url}/`) : fetch(`${other.url}/schema/signup.json`)).then(async (r) => { await r.arrayBuffer(); return r.status; })));
  assert.deepEqual(statuses.filter((s) => s !== 200), [], 'every legitimate request answered');
  // Each connection over the client's limit evicted the oldest idle one.
  for (let i = 0; i < 100 && closed < IDLE + 95 - PER_CLIENT; i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(closed >= IDLE + 95 - PER_CLIENT, `${closed} idle connections closed`);
  assert.ok(closed < IDLE, 'the newest idle connections are still open (not a blanket cut)');
  for (const s of idle) s.destroy();
});

test('Ctrl-C (SIGINT) stops the server at once and frees its port', async () => {
  const other = await startServer();
  assert.equal((await fetch(`${other.url}/`)).status, 200);
  const t0 = Date.now();
  other.child.kill('SIGINT');
  const [code, signal] = await new Promise((r) => other.child.once('exit', (c, s) => r([c, s])));
  assert.deepEqual([code, signal], [null, 'SIGINT']);
  assert.ok(Date.now() - t0 < 3000);
  // The port can be taken again straight away.
  const probe = createServer();
  await new Promise((resolve, reject) => probe.once('error', reject).listen(other.port, '127.0.0.1', resolve));
  await new Promise((r) => probe.close(r));
  // The server under test is still up after everything above.
  assert.equal((await fetch(`${url}/`)).status, 200);
});
