// send() against a real local HTTP server (node:http), with an injected clock,
// sleep and random so every wait is exact and instant.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { send } from 'fieldnote';

const T0 = Date.UTC(2026, 10, 24, 21, 18, 0);

// --- the server: each test registers its own paths ------------------------

const routes = new Map();
const log = new Map();
const held = [];
const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    const path = new URL(req.url, 'http://x').pathname;
    const hits = log.get(path) ?? [];
    log.set(path, hits);
    const hit = { method: req.method, headers: req.headers, body };
    hits.push(hit);
    const handler = routes.get(path);
    if (!handler) return void res.writeHead(404).end();
    handler(req, res, hits.length, hit);
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
after(() => {
  for (const res of held) res.destroy();
  server.closeAllConnections();
  server.close();
});

let next = 0;
/** A fresh path answered by `handler(req, res, n, hit)` (n = 1 for the first request). */
function route(handler) {
  const path = `/r${++next}`;
  routes.set(path, handler);
  return { url: origin + path, hits: () => log.get(path) ?? [] };
}

function reply(res, status, headers = {}, body = '') {
  res.writeHead(status, headers);
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

const json = { 'content-type': 'application/json' };

/** A fake clock whose sleep records the delay and moves time on, instantly. */
function clock() {
  const c = { t: T0, waits: [] };
  c.now = () => c.t;
  c.sleep = async (ms) => { c.waits.push(ms); c.t += ms; };
  return c;
}

/** Options with the fake clock and a fixed random. */
function fake(extra = {}) {
  const c = clock();
  return { c, opts: { now: c.now, sleep: c.sleep, random: () => 0.5, ...extra } };
}

function jwt(exp, sub = 'u1') {
  const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256' })}.${part({ sub, exp })}.sig`;
}

// --- retries ---------------------------------------------------------------

test('429 with Retry-After: waits exactly the stated delay, then succeeds', async () => {
  const r = route((_q, res, n) => (n === 1
    ? reply(res, 429, { 'retry-after': '2', ...json }, { error: { code: 'rate_limited', message: 'Too many requests' } })
    : reply(res, 200, json, { id: 1 })));
  const { c, opts } = fake();
  const { response, result } = await send(r.url, undefined, opts);
  assert.deepEqual(c.waits, [2000]);
  assert.equal(r.hits().length, 2);
  assert.equal(result.ok, true);
  assert.equal(result.status, 200);
  assert.equal(result.aborted, false);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { id: 1 }, 'the response comes back unread');
});

test('503 with a RateLimit header, and 429 with X-RateLimit-Reset: the stated reset is waited', async () => {
  const a = route((_q, res, n) => (n === 1
    ? reply(res, 503, { ratelimit: '"default";r=0;t=3' }) : reply(res, 204)));
  const one = fake();
  assert.equal((await send(a.url, undefined, one.opts)).result.ok, true);
  assert.deepEqual(one.c.waits, [3000]);

  const b = route((_q, res, n) => (n === 1
    ? reply(res, 429, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(T0 / 1000 + 4) })
    : reply(res, 200)));
  const two = fake();
  assert.equal((await send(b.url, undefined, two.opts)).result.ok, true);
  assert.deepEqual(two.c.waits, [4000]);
});

test('no stated delay: exponential backoff with full jitter, exact with an injected random', async () => {
  const statuses = [502, 504, 503];
  const r = route((_q, res, n) => reply(res, statuses[n - 1] ?? 200));
  const { c, opts } = fake({ retries: 3, baseMs: 100, capMs: 10_000 });
  const seen = [];
  const { result } = await send(r.url, undefined, { ...opts, onRetry: (i) => seen.push(i) });
  assert.equal(result.ok, true);
  assert.deepEqual(c.waits, [50, 100, 200]);
  assert.deepEqual(seen.map((i) => [i.attempt, i.delayMs, i.result.status]), [[1, 50, 502], [2, 100, 504], [3, 200, 503]]);

  const s = route((_q, res, n) => reply(res, n < 3 ? 503 : 200));
  const rnd = [0.25, 0.999];
  const j = fake({ baseMs: 1000, random: () => rnd.shift() ?? 0 });
  await send(s.url, undefined, j.opts);
  assert.deepEqual(j.c.waits, [250, 1998]);
});

test('POST is not retried', async () => {
  const r = route((_q, res) => reply(res, 503));
  const { c, opts } = fake();
  const { response, result } = await send(r.url, { method: 'POST', body: '{"qty":1}' }, opts);
  assert.equal(r.hits().length, 1);
  assert.deepEqual(c.waits, []);
  assert.equal(response.status, 503);
  assert.equal(result.category, 'unavailable');
  assert.equal(result.action, 'retry_later');
});

test('POST with an Idempotency-Key is retried with the same key and body', async () => {
  const r = route((_q, res, n) => (n === 1 ? reply(res, 502) : reply(res, 201, json, { id: 7 })));
  const { c, opts } = fake();
  const init = { method: 'POST', headers: { 'idempotency-key': 'k-123', ...json }, body: '{"qty":1}' };
  const { result } = await send(r.url, init, opts);
  assert.equal(result.ok, true);
  assert.equal(result.status, 201);
  assert.deepEqual(c.waits, [250]);
  assert.deepEqual(r.hits().map((h) => [h.method, h.headers['idempotency-key'], h.body]),
    [['POST', 'k-123', '{"qty":1}'], ['POST', 'k-123', '{"qty":1}']]);
});

test('a Request with a body is re-sent intact (PUT is idempotent)', async () => {
  const r = route((_q, res, n) => reply(res, n === 1 ? 503 : 200));
  const { opts } = fake();
  const { result } = await send(new Request(r.url, { method: 'PUT', body: 'a=1' }), undefined, opts);
  assert.equal(result.ok, true);
  assert.deepEqual(r.hits().map((h) => [h.method, h.body]), [['PUT', 'a=1'], ['PUT', 'a=1']]);
});

test('a stated delay longer than maxWaitMs is not waited: the result carries the countdown', async () => {
  const r = route((_q, res) => reply(res, 429, { 'retry-after': '120' }));
  const { c, opts } = fake();
  const { response, result } = await send(r.url, undefined, opts);
  assert.equal(r.hits().length, 1);
  assert.deepEqual(c.waits, []);
  assert.equal(response.status, 429);
  assert.equal(result.category, 'rate_limited');
  assert.equal(result.action, 'retry_later');
  assert.equal(result.retry.afterSeconds, 120);
  assert.match(result.message, /2 minutes/);

  const longer = fake({ maxWaitMs: 120_000 });
  await send(r.url, undefined, longer.opts);
  assert.deepEqual(longer.c.waits, [120_000, 120_000]);
});

test('retries exhausted: the last response and result come back', async () => {
  const r = route((_q, res, n) => reply(res, 503, { 'x-hit': String(n) }));
  const { c, opts } = fake();
  const { response, result } = await send(r.url, undefined, opts);
  assert.equal(r.hits().length, 3);
  assert.deepEqual(c.waits, [250, 500]);
  assert.equal(response.headers.get('x-hit'), '3');
  assert.equal(result.status, 503);
  assert.equal(result.retry.retryable, true);

  const none = route((_q, res) => reply(res, 503));
  await send(none.url, undefined, fake({ retries: 0 }).opts);
  assert.equal(none.hits().length, 1);
});

test('500 is not retried; errors never throw', async () => {
  const r = route((_q, res) => reply(res, 500, json, { error: { code: 'internal', message: 'Internal Server Error' } }));
  const { c, opts } = fake();
  const { result } = await send(r.url, undefined, opts);
  assert.equal(r.hits().length, 1);
  assert.deepEqual(c.waits, []);
  assert.equal(result.category, 'server_error');
  assert.equal(result.action, 'contact_support');
});

// --- tokens ----------------------------------------------------------------

/** A token store with a refresh endpoint on the server; counts refreshes there. */
function tokens(initial, { delayMs = 0 } = {}) {
  const fresh = jwt(T0 / 1000 + 3600, 'fresh');
  const endpoint = route((_q, res) => setTimeout(() => reply(res, 200, json, { token: fresh }), delayMs));
  const store = { token: initial, fresh };
  store.getToken = () => store.token;
  store.refreshToken = async () => {
    const res = await fetch(endpoint.url, { method: 'POST' });
    store.token = (await res.json()).token;
    return store.token;
  };
  store.refreshes = () => endpoint.hits().length;
  return store;
}

const bearer = (h) => h.headers.authorization;

test('a token expiring within skewSeconds is refreshed before sending', async () => {
  const r = route((_q, res) => reply(res, 200));
  const t = tokens(jwt(T0 / 1000 + 30));
  const { opts } = fake();
  const { result } = await send(r.url, undefined, { ...opts, getToken: t.getToken, refreshToken: t.refreshToken });
  assert.equal(result.ok, true);
  assert.equal(t.refreshes(), 1);
  assert.deepEqual(r.hits().map(bearer), [`Bearer ${t.fresh}`]);

  // An hour left, or a token that is not a JWT: sent as is.
  for (const token of [jwt(T0 / 1000 + 3600), 'opaque-api-token']) {
    const s = tokens(token);
    const q = route((_q, res) => reply(res, 200));
    await send(q.url, undefined, { ...opts, getToken: s.getToken, refreshToken: s.refreshToken });
    assert.equal(s.refreshes(), 0);
    assert.deepEqual(q.hits().map(bearer), [`Bearer ${token}`]);
  }
  // skewSeconds moves the threshold.
  const s = tokens(jwt(T0 / 1000 + 30));
  await send(r.url, undefined, { ...opts, skewSeconds: 10, getToken: s.getToken, refreshToken: s.refreshToken });
  assert.equal(s.refreshes(), 0);
});

const rejecting = (fresh) => (req, res) => (req.headers.authorization === `Bearer ${fresh}`
  ? reply(res, 200, json, { ok: 1 })
  : reply(res, 401, { 'www-authenticate': 'Bearer realm="api", error="invalid_token", error_description="The access token expired"' }));

test('401 invalid_token: one refresh, then one retry with the new token (POST too)', async () => {
  const t = tokens('old-token');
  const r = route(rejecting(t.fresh));
  const { c, opts } = fake();
  const seen = [];
  const { response, result } = await send(r.url, { method: 'POST', body: '{}' },
    { ...opts, getToken: t.getToken, refreshToken: t.refreshToken, onRetry: (i) => seen.push(i) });
  assert.equal(result.ok, true);
  assert.equal(response.status, 200);
  assert.equal(t.refreshes(), 1);
  assert.deepEqual(r.hits().map(bearer), ['Bearer old-token', `Bearer ${t.fresh}`]);
  assert.deepEqual(c.waits, [], 'a refresh is not a wait');
  assert.deepEqual(seen.map((i) => [i.attempt, i.delayMs, i.result.status]), [[1, 0, 401]]);

  // The code in the body counts too.
  const u = tokens('old-token');
  const q = route((req, res) => (req.headers.authorization === `Bearer ${u.fresh}` ? reply(res, 200)
    : reply(res, 401, json, { error: { code: 'token_expired', message: 'Your access token has expired' } })));
  assert.equal((await send(q.url, undefined, { ...opts, getToken: u.getToken, refreshToken: u.refreshToken })).result.ok, true);
  assert.equal(u.refreshes(), 1);
});

test('a token rejected again after the refresh: sign_in, no second refresh', async () => {
  const t = tokens('old-token');
  const r = route(rejecting('never'));
  const { opts } = fake();
  const { response, result } = await send(r.url, undefined, { ...opts, getToken: t.getToken, refreshToken: t.refreshToken });
  assert.equal(r.hits().length, 2);
  assert.equal(t.refreshes(), 1);
  assert.equal(response.status, 401);
  assert.equal(result.category, 'unauthenticated');
  assert.equal(result.action, 'sign_in');
});

test('a 401 that is not about the token is not refreshed', async () => {
  const t = tokens('old-token');
  const r = route((_q, res) => reply(res, 401, { 'www-authenticate': 'Bearer realm="api"' }));
  const { opts } = fake();
  const { result } = await send(r.url, undefined, { ...opts, getToken: t.getToken, refreshToken: t.refreshToken });
  assert.equal(r.hits().length, 1);
  assert.equal(t.refreshes(), 0);
  assert.equal(result.action, 'sign_in');
});

test('concurrent sends share one refresh, before sending and after a 401', async () => {
  const { opts } = fake();
  const t = tokens(jwt(T0 / 1000 + 5), { delayMs: 20 });
  const r = route((_q, res) => reply(res, 200));
  const all = await Promise.all(Array.from({ length: 5 }, () =>
    send(r.url, undefined, { ...opts, getToken: t.getToken, refreshToken: t.refreshToken })));
  assert.ok(all.every((s) => s.result.ok));
  assert.equal(t.refreshes(), 1);
  assert.deepEqual(new Set(r.hits().map(bearer)), new Set([`Bearer ${t.fresh}`]));

  const u = tokens('old-token', { delayMs: 20 });
  const q = route(rejecting(u.fresh));
  const again = await Promise.all(Array.from({ length: 5 }, () =>
    send(q.url, undefined, { ...opts, getToken: u.getToken, refreshToken: u.refreshToken })));
  assert.ok(again.every((s) => s.result.ok));
  assert.equal(u.refreshes(), 1);
  assert.equal(q.hits().filter((h) => h.headers.authorization === 'Bearer old-token').length, 5);
});

test('a failed refresh (throws, rejects or returns nothing) means sign in', async () => {
  const { opts } = fake();
  const failing = [
    () => { throw new Error('refresh endpoint down'); },
    async () => { throw new Error('network'); },
    async () => undefined,
    () => '',
  ];
  for (const refreshToken of failing) {
    // Before sending: nothing is sent.
    const r = route((_q, res) => reply(res, 200));
    const before = await send(r.url, undefined, { ...opts, getToken: () => jwt(T0 / 1000 - 1), refreshToken });
    assert.equal(r.hits().length, 0);
    assert.equal(before.response, null);
    assert.equal(before.result.status, 0);
    assert.equal(before.result.category, 'unauthenticated');
    assert.equal(before.result.action, 'sign_in');
    assert.match(before.result.message, /Sign in again/);

    // After a 401: the 401 is the result.
    const q = route(rejecting('never'));
    const afterward = await send(q.url, undefined, { ...opts, getToken: () => 'old-token', refreshToken });
    assert.equal(q.hits().length, 1);
    assert.equal(afterward.response.status, 401);
    assert.equal(afterward.result.category, 'unauthenticated');
    assert.equal(afterward.result.action, 'sign_in');
  }
});

// --- aborts and network failures --------------------------------------------

test('abort during a wait: aborted result at once, no further attempt', async () => {
  const r = route((_q, res) => reply(res, 503, { 'retry-after': '5' }));
  const ac = new AbortController();
  const started = Date.now();
  // The real sleep (no injection): it must end early when the signal aborts.
  const { response, result } = await send(r.url, { signal: ac.signal },
    { onRetry: () => setTimeout(() => ac.abort(), 10) });
  assert.ok(Date.now() - started < 2000, 'the 5 s wait was cut short');
  assert.equal(r.hits().length, 1);
  assert.equal(response, null);
  assert.equal(result.aborted, true);
  assert.equal(result.action, 'none');
  assert.equal(result.retry.retryable, false);
  assert.equal(result.report, null);
});

test('abort during a request: aborted result, not retried', async () => {
  const ac = new AbortController();
  const r = route((_q, res) => { held.push(res); ac.abort(); });
  const { opts } = fake();
  const { response, result } = await send(r.url, { signal: ac.signal }, opts);
  assert.equal(r.hits().length, 1);
  assert.equal(response, null);
  assert.equal(result.aborted, true);
  assert.equal(result.status, 0);
  assert.equal(result.category, 'unavailable');
  assert.equal(result.action, 'none');

  // Already aborted: nothing is sent.
  const q = route((_q, res) => reply(res, 200));
  const pre = await send(q.url, { signal: AbortSignal.abort() }, opts);
  assert.equal(q.hits().length, 0);
  assert.equal(pre.result.aborted, true);
});

/** A port nothing listens on. */
async function closedPort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

test('network failure: unavailable, retried for GET (not POST), with a report', async () => {
  const url = `http://127.0.0.1:${await closedPort()}/orders`;
  const { c, opts } = fake();
  const { response, result } = await send(url, undefined, opts);
  assert.equal(response, null);
  assert.equal(result.ok, false);
  assert.equal(result.status, 0);
  assert.equal(result.aborted, false);
  assert.equal(result.category, 'unavailable');
  assert.equal(result.action, 'retry_later');
  assert.equal(result.message, 'The service could not be reached. Check your connection, then try again.');
  assert.deepEqual(c.waits, [250, 500]);
  assert.equal(result.report.request.url, url);
  assert.equal(result.report.attempts.length, 3);
  assert.match(result.report.text, /ECONNREFUSED/);

  const post = fake();
  await send(url, { method: 'POST', body: 'x' }, post.opts);
  assert.deepEqual(post.c.waits, []);

  // The connection drops mid-request once, then the server answers.
  const r = route((req, res, n) => (n === 1 ? req.socket.destroy() : reply(res, 200)));
  const again = fake();
  const { result: ok } = await send(r.url, undefined, again.opts);
  assert.equal(ok.ok, true);
  assert.equal(r.hits().length, 2);
  assert.deepEqual(again.c.waits, [250]);
});

// --- support reports -----------------------------------------------------------

test('5xx report: the request as sent, credentials redacted, and every attempt time', async () => {
  const r = route((_q, res) => reply(res, 500, { 'x-request-id': 'req-9', ...json },
    { error: { code: 'internal', message: 'Internal Server Error' } }));
  const { opts } = fake();
  const body = JSON.stringify({ email: 'a@b.test', password: 'hunter2', qty: 2 });
  const { result } = await send(r.url, { method: 'POST', headers: json, body },
    { ...opts, getToken: () => 'secret-token-123' });
  const { report } = result;
  assert.equal(report.request.method, 'POST');
  assert.equal(report.request.url, r.url);
  assert.equal(report.request.headers.authorization, '[REDACTED]');
  assert.equal(report.request.headers['content-type'], 'application/json');
  assert.equal(report.request.body, '{"email":"a@b.test","password":"[REDACTED]","qty":2}');
  assert.deepEqual(report.requestIds, { 'X-Request-Id': 'req-9' });
  assert.match(report.text, new RegExp(`Request: POST ${r.url}`));
  assert.deepEqual(report.attempts, [new Date(T0).toISOString()]);
  assert.doesNotMatch(JSON.stringify(result), /hunter2|secret-token-123/);
  assert.equal(r.hits()[0].headers.authorization, 'Bearer secret-token-123', 'the server got the real token');

  // A retried 502: one time per attempt, as the fake clock saw them.
  const q = route((_q, res) => reply(res, 502, { 'content-type': 'text/html' }, '<h1>502 Bad Gateway</h1>'));
  const f = fake();
  const { result: gw } = await send(q.url, undefined, f.opts);
  assert.deepEqual(f.c.waits, [250, 500]);
  assert.deepEqual(gw.report.attempts, [T0, T0 + 250, T0 + 750].map((t) => new Date(t).toISOString()));
  assert.match(gw.report.text, /Attempts: .*\.250Z, .*\.750Z/);
});

// --- bounded work (issue #17) ----------------------------------------------------

import { makeSend, MAX_ERROR_BODY_BYTES, MAX_REPORT_BODY_BYTES } from '../../pkg/send.js';
import { ready as errorsReady } from 'fieldnote/errors';

/** `send` with every core call recorded (the same wasm instance `fieldnote` initialized). */
function spied() {
  const calls = [];
  const s = makeSend((fn, ...args) => { calls.push(args[0]); return fn(...args); }, () => errorsReady);
  return { send: s, steps: () => calls.filter((a) => a && typeof a === 'object' && 'request' in a) };
}

/** A response whose body is produced on demand, counting the bytes pulled. */
function counted(status, total, chunk = 64 * 1024) {
  const stats = { pulled: 0, cancelled: false };
  const stream = new ReadableStream({
    pull(ctl) {
      if (stats.pulled >= total) return ctl.close();
      const n = Math.min(chunk, total - stats.pulled);
      stats.pulled += n;
      ctl.enqueue(new Uint8Array(n).fill(0x61));
    },
    cancel() { stats.cancelled = true; },
  }, { highWaterMark: 0 });
  return { stats, response: new Response(stream, { status, headers: { 'content-type': 'text/plain' } }) };
}

test('a 10 MB 500 body is read up to 1 MiB, then its stream is cancelled', async () => {
  const big = counted(500, 10 * 1024 * 1024);
  const { opts } = fake();
  const { response, result } = await send('https://api.test/x', undefined, { ...opts, fetch: async () => big.response });
  assert.equal(result.status, 500);
  assert.ok(big.stats.pulled <= MAX_ERROR_BODY_BYTES + 2 * 64 * 1024, `${big.stats.pulled} bytes pulled`);
  assert.match(result.report.response.body, /more bytes not included/);
  await response.body.cancel();
  assert.equal(big.stats.cancelled, true);
  // A smaller limit is honoured.
  const small = counted(500, 1024 * 1024, 1024);
  await send('https://api.test/x', undefined, { ...opts, fetch: async () => small.response, maxBodyBytes: 4096 });
  assert.ok(small.stats.pulled <= 4096 + 2 * 1024, `${small.stats.pulled} bytes pulled`);
});

test('a 503 that trickles one byte every 200 ms does not keep send pending', { timeout: 20_000 }, async () => {
  const closed = [];
  const r = route((req, res, n) => {
    if (n > 1) return reply(res, 200, json, { ok: 1 });
    res.writeHead(503, { 'content-type': 'text/plain' });
    const t = setInterval(() => res.write('x'), 200);
    held.push(res);
    res.on('close', () => { clearInterval(t); closed.push(n); });
  });
  const { opts } = fake({ retries: 1, bodyTimeoutMs: 600 });
  const { response, result } = await send(r.url, undefined, opts);
  assert.equal(result.ok, true);
  assert.equal(response.status, 200);
  assert.equal(r.hits().length, 2);
  // The trickling response was cancelled, freeing its connection.
  for (let i = 0; i < 50 && closed.length === 0; i++) await new Promise((ok) => setTimeout(ok, 20));
  assert.deepEqual(closed, [1]);

  // Not retried (POST): the partial body makes the result, at once.
  const q = route((_req, res) => { res.writeHead(503, { 'content-type': 'text/plain' }); held.push(res); res.write('Down for'); });
  const last = await send(q.url, { method: 'POST', body: 'a=1' }, { ...opts, retries: 0 });
  assert.equal(last.result.status, 503);
  assert.match(last.result.report.response.body, /Down for/);
  await last.response.body.cancel();
});

test('the request body reaches only steps that may build a report, cut to 64 KiB', async () => {
  const { send: s, steps } = spied();
  const { opts } = fake();
  const body = 'p=' + 'x'.repeat(10 * 1024 * 1024);
  const ok = async () => new Response('{"id":1}', { status: 200, headers: json });
  await s('https://api.test/x', { method: 'POST', body }, { ...opts, fetch: ok });
  assert.deepEqual(steps().map((a) => a.request.body), [null]);
  const fail = async () => new Response('oops', { status: 500 });
  const { result } = await s('https://api.test/x', { method: 'POST', body }, { ...opts, fetch: fail });
  const sent = steps().at(-1).request.body;
  assert.equal(sent.length, MAX_REPORT_BODY_BYTES);
  assert.ok(result.report.request.body.length < 10_000);
  // A network failure builds a report: the body is there too.
  const down = async () => { throw new TypeError('fetch failed'); };
  await s('https://api.test/x', { method: 'POST', body: 'a=1' }, { ...opts, fetch: down });
  assert.equal(steps().at(-1).request.body, 'a=1');
});

test('100 concurrent 401s with a new refreshToken closure each make 1 refresh', async () => {
  const { opts } = fake();
  const u = tokens('old-token', { delayMs: 20 });
  const q = route(rejecting(u.fresh));
  const all = await Promise.all(Array.from({ length: 100 }, () =>
    send(q.url, undefined, { ...opts, getToken: u.getToken, refreshToken: () => u.refreshToken() })));
  assert.ok(all.every((s) => s.result.ok));
  assert.equal(u.refreshes(), 1);

  // Different tokens, one explicit refreshKey: still one refresh.
  const v = tokens('x', { delayMs: 20 });
  const w = route(rejecting(v.fresh));
  const keyed = await Promise.all(Array.from({ length: 10 }, (_, i) =>
    send(w.url, undefined, { ...opts, getToken: () => (v.token === 'x' ? `old-${i}` : v.token), refreshToken: () => v.refreshToken(), refreshKey: 'session-1' })));
  assert.ok(keyed.every((s) => s.result.ok));
  assert.equal(v.refreshes(), 1);
});
