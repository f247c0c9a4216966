// Hostile input through the JS API, as a user's project imports it (project issue #9): no HTML
// parsing anywhere in the package, recovery after a trap, limits, ReDoS, redaction, and many
// validators alive at once with no memory growth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import {
  normalize, compile, canonicalPath, renderPlan,
} from 'fieldnote';
import { trapErrors, trapValidator, generations, liveSchemas, memoryBytes as memoryOf } from '../../pkg/internal.js';

const PKG = new URL('../../pkg/', import.meta.url);
const NOW = Date.UTC(2026, 10, 24, 21, 18, 0);
const MAX_MESSAGE_CHARS = 500;
const chars = (s) => [...s].length;

/** Bytes of the live instances' memory (a restart replaces an instance). */
const memoryBytes = async () => { const m = memoryOf(); return m.errors + m.validator; };

// --- XSS: nothing in the package can turn text into markup or code. ---

/** Constructs that parse a string as HTML or run it as code. */
const FORBIDDEN = [
  /\binnerHTML\b/, /\bouterHTML\b/, /\binsertAdjacentHTML\b/, /\bdocument\s*\.\s*write(ln)?\b/,
  /\bDOMParser\b/, /\bcreateContextualFragment\b/, /\bsetHTML(Unsafe)?\b/, /\bsrcdoc\b/,
  /(^|[^.\w])eval\s*\(/, /\bnew\s+Function\b/, /(^|[^.\w])Function\s*\(/,
  /\bset(Timeout|Interval)\s*\(\s*['"`]/,
];

/** The forbidden constructs in `source`, comments left out (they may name them). */
function forbiddenIn(source) {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
  return FORBIDDEN.filter((re) => re.test(code)).map(String);
}

test('the detector finds each forbidden construct (so the package check can fail)', () => {
  for (const bad of ['el.innerHTML = x', 'el.outerHTML=x', 'el.insertAdjacentHTML("beforeend", x)',
    'document.write(x)', 'new DOMParser()', 'range.createContextualFragment(x)', 'el.setHTMLUnsafe(x)',
    'frame.srcdoc = x', 'eval(x)', 'new Function("return 1")', 'Function("x")()', "setTimeout('x()', 1)",
    'const u = "https://x"; el.innerHTML = u']) {
    assert.notDeepEqual(forbiddenIn(bad), [], bad);
  }
  for (const fine of ['this.revalidate(control)', 'el.textContent = x', 'function f() {}', 'setTimeout(() => x(), 1)',
    '// never innerHTML', '/** no eval() here */']) {
    assert.deepEqual(forbiddenIn(fine), [], fine);
  }
});

test('no file of the package parses text as HTML or runs text as code', () => {
  const files = [...readdirSync(PKG).filter((f) => /\.c?js$/.test(f)),
    ...readdirSync(new URL('sources/', PKG)).map((f) => `sources/${f}`),
    ...readdirSync(new URL('bin/', PKG)).map((f) => `bin/${f}`)];
  for (const must of ['index.js', 'errors.js', 'validator.js', 'runtime.js', 'loader.js', 'validator-core.js', 'dom.js',
    'send.js', 'fieldnote_errors.js', 'fieldnote_validator.js', 'vite.js', 'webpack-loader.cjs', 'bin/fieldnote.js']) {
    assert.ok(files.includes(must), must);
  }
  for (const f of files) {
    assert.deepEqual(forbiddenIn(readFileSync(new URL(f, PKG), 'utf8')), [], `pkg/${f}`);
  }
});

test('renderPlan keeps markup as data (the DOM layer draws it as text)', () => {
  const EVIL = '<img src=x onerror=alert(1)>';
  const result = normalize({ status: 422, body: JSON.stringify({ error: { code: 'validation_failed', message: EVIL,
    details: [{ field: EVIL, message: EVIL }, { field: 'name', message: '' }] } }) }, { now: NOW });
  assert.doesNotMatch(result.message, /</);
  const plan = renderPlan(result, { fieldOrder: ['name'], labels: { name: EVIL }, title: EVIL });
  assert.equal(plan.title, `Error: ${EVIL}`);
  // The label is the developer's text (drawn as text); a server message holding markup is replaced.
  assert.deepEqual(plan.summary.map((s) => s.message), [`Check your answer to ${EVIL}`, 'Check this answer']);
  assert.equal(plan.summary[1].href, undefined, 'a field the form lacks gets no link');
  assert.equal(plan.summary[1].path, canonicalPath(EVIL));
  assert.equal(plan.fields.name, `Check your answer to ${EVIL}`);
});

// --- A trap surfaces as an Error and the module keeps working. ---

test('after traps, normalize works and validators compiled before still work', () => {
  const a = compile({ type: 'object', required: ['name'], properties: { name: { type: 'string', title: 'Full name' } } });
  const b = compile({ type: 'array', items: { type: 'integer' } });
  const before = generations();
  for (let i = 1; i <= 3; i++) {
    assert.throws(() => trapErrors(), (e) => e instanceof Error && /internal error.*restarted/.test(e.message));
    assert.throws(() => trapValidator(), (e) => e instanceof Error && /internal error.*restarted/.test(e.message));
    assert.deepEqual(generations(), { errors: before.errors + i, validator: before.validator + i });
    assert.equal(normalize({ status: 404 }).category, 'not_found');
    assert.equal(a.validate({}).error.details[0].message, 'Enter full name');
    assert.equal(b.validate([1, 'x']).error.details[0].field, '1');
    assert.equal(b.validate([1, 2]), null);
  }
  a.free();
  b.free();
});

// --- Limits, through the JS API. ---

test('limit: bodies over 1 MiB are not parsed; the status decides', () => {
  const envelope = (pad) => JSON.stringify({ pad, error: { code: 'validation_failed', message: 'Check the fields', details: [{ field: 'email', message: 'Enter an email address' }] } });
  const small = normalize({ status: 422, body: envelope('x') }, { now: NOW });
  assert.deepEqual(small.fields, { email: ['Enter an email address'] });
  const t = performance.now();
  const big = normalize({ status: 422, body: envelope('x'.repeat(1 << 20)) }, { now: NOW });
  assert.ok(performance.now() - t < 1000);
  assert.deepEqual(big.fields, {});
  assert.equal(big.category, 'validation');
  assert.equal(big.dialect, null);
});

test('limit: bodies nested deeper than 64 levels are not read, and 100 000 levels do not crash', () => {
  const deep = (n) => JSON.stringify({ error: { code: 'validation_failed', message: 'x', details: [{ field: 'a', message: 'Enter a' }] }, deep: JSON.parse('['.repeat(n) + ']'.repeat(n)) });
  // The root object is level 1: 63 arrays inside it make 64 levels.
  assert.deepEqual(normalize({ status: 422, body: deep(63) }).fields, { a: ['Enter a'] });
  assert.deepEqual(normalize({ status: 422, body: deep(64) }).fields, {});
  const r = normalize({ status: 500, body: '['.repeat(100_000) + ']'.repeat(100_000) }, { now: NOW });
  assert.equal(r.category, 'server_error');
  assert.ok(r.report.text.length < 20_000);
});

test('limit: a server message of 400 kB is cut to 500 characters with an ellipsis', () => {
  const long = 'Enter a shorter name '.repeat(20_000);
  const r = normalize({ status: 422, body: JSON.stringify({ error: { code: 'validation_failed', message: 'x', details: [{ field: 'name', message: long }, { field: '', message: long }] } }) });
  assert.equal(chars(r.fields.name[0]), MAX_MESSAGE_CHARS);
  assert.ok(r.fields.name[0].endsWith('…'));
  assert.equal(chars(r.formErrors[0]), MAX_MESSAGE_CHARS);
});

test('limit: schema values (a 1 MB title, huge enum values, a huge property name) are not echoed', () => {
  const huge = 'x'.repeat(1 << 20);
  const cases = [
    [{ properties: { a: { title: huge, type: 'string' } } }, { a: 1 }],
    [{ enum: [huge, `${huge}y`] }, 'z'],
    [{ const: huge }, 'z'],
    [{ required: [huge] }, {}],
    [{ propertyNames: { maxLength: 3 } }, { [huge]: 1 }],
  ];
  for (const [schema, value] of cases) {
    const v = compile(schema);
    const e = v.validate(value);
    assert.ok(e, JSON.stringify(schema).slice(0, 60));
    for (const d of e.error.details) assert.ok(chars(d.message) <= 400, `${chars(d.message)} chars`);
    for (const i of v.issues(value)) assert.ok(chars(i.message) <= 400);
    v.free();
  }
});

test('limit: schemas deeper than 256 levels, and instances deeper than 256, are clear errors', () => {
  const nest = (n) => JSON.parse('{"items":'.repeat(n) + '{}' + '}'.repeat(n));
  assert.throws(() => compile(nest(256)), /deeper than 256 levels/);
  compile(nest(255)).free();
  const v = compile({ items: { $ref: '#' } });
  const deep = (n) => JSON.parse('['.repeat(n) + ']'.repeat(n));
  assert.equal(v.validate(deep(256)), null);
  assert.throws(() => v.validate(deep(257)), /deeper than 256 levels/);
  v.free();
});

test('limit: $ref chains deeper than 512 and exponential schemas end with clear errors', () => {
  const chain = { $ref: '#/$defs/d0', $defs: {} };
  for (let i = 0; i < 600; i++) chain.$defs[`d${i}`] = { $ref: `#/$defs/d${i + 1}` };
  chain.$defs.d600 = { type: 'string' };
  const v = compile(chain);
  assert.throws(() => v.validate(1), /512/);
  v.free();
  const doubling = { $ref: '#/$defs/d0', $defs: { d40: false } };
  for (let i = 0; i < 40; i++) doubling.$defs[`d${i}`] = { anyOf: [{ $ref: `#/$defs/d${i + 1}` }, { $ref: `#/$defs/d${i + 1}` }] };
  const w = compile(doubling);
  const t = performance.now();
  assert.throws(() => w.validate(1), /1000000 steps|too complex/);
  const ms = performance.now() - t;
  console.log(`# step budget (1 000 000 evaluations) reached in ${ms.toFixed(0)} ms`);
  assert.ok(ms < 3000, `${ms} ms`);
  w.free();
});

// --- ReDoS ---

test('ReDoS: ^(a+)+$ against 28 a\'s and ! answers in under 100 ms', () => {
  const v = compile({ type: 'string', pattern: '^(a+)+$' });
  const evil = `${'a'.repeat(28)}!`;
  v.validate('warm up');
  const t = performance.now();
  const e = v.validate(evil);
  const ms = performance.now() - t;
  console.log(`# ReDoS in Node: ^(a+)+$ on 28 a's + '!' in ${ms.toFixed(2)} ms`);
  assert.ok(ms < 100, `${ms} ms`);
  assert.equal(e.error.details.length, 1);
  assert.equal(v.validate('a'.repeat(28)), null);
  // Other classic shapes, on long input.
  for (const [pattern, value] of [['^(a|aa)+$', `${'a'.repeat(5000)}!`], ['^(.*a){12}$', `${'a'.repeat(40)}!`],
    ['^(\\w+\\s?)*$', `${'word '.repeat(1000)}!`]]) {
    const w = compile({ pattern });
    const t0 = performance.now();
    assert.ok(w.validate(value), pattern);
    assert.ok(performance.now() - t0 < 100, pattern);
    w.free();
  }
  v.free();
});

test('ReDoS: a backreference bomb is a clear failure, not a hang', () => {
  const v = compile({ properties: { code: { type: 'string', pattern: '^(a*)*\\1b$', title: 'Code' } } });
  const t = performance.now();
  const [issue] = v.issues({ code: 'a'.repeat(40) });
  assert.ok(performance.now() - t < 2000);
  assert.equal(issue.keyword, 'pattern');
  assert.equal(issue.params.tooComplex, true);
  assert.match(issue.message, /too long to check/);
  // Ordinary ECMA-262 patterns keep their meaning.
  const pw = compile({ pattern: '^(?=.*[A-Z])(?=.*\\d).{8,}$' });
  assert.equal(pw.validate('Secret123'), null);
  assert.ok(pw.validate('secret123'));
  const rep = compile({ pattern: '^(\\w+) \\1$' });
  assert.equal(rep.validate('hello hello'), null);
  assert.ok(rep.validate('hello world'));
  const letters = compile({ pattern: '^\\p{L}+$' });
  assert.equal(letters.validate('Zoë'), null);
  assert.ok(letters.validate('Zoë1'));
  for (const x of [v, pw, rep, letters]) x.free();
});

// --- Redaction ---

test('support reports hold no credentials: headers in any case, URLs, forms, nested JSON, text', () => {
  const secrets = [];
  const s = (tag) => { const v = `zq${tag}${Math.random().toString(36).slice(2, 10)}`; secrets.push(v); return v; };
  const body = JSON.stringify({
    errors: [{ message: 'Unexpected error', extensions: { code: 'INTERNAL_SERVER_ERROR', variables: {
      user: { password: s('pw'), cards: [{ card_number: '4242424242424242', cvc: 123 }] }, token: { value: s('tok') } } } }],
    data: null,
  });
  secrets.push('4242424242424242');
  const r = normalize({
    status: 500,
    headers: { 'SET-COOKIE': `session=${s('sc')}`, 'content-type': 'application/json' },
    body,
    request: {
      method: 'post',
      url: `https://u:${s('url')}@api.test/cb?api_key=${s('q')}#access_token=${s('frag')}`,
      headers: [['aUtHoRiZaTiOn', `Bearer ${s('auth')}`], ['cookie', `sid=${s('ck')}`], ['X-API-KEY', s('key')], ['Accept', 'application/json']],
      body: `email=a%40b.c&user%5Bpassword%5D=${s('form')}&card_cvc=${s('cvc')}`,
    },
  }, { now: NOW });
  const all = JSON.stringify(r.report);
  for (const secret of secrets) assert.ok(!all.includes(secret), `${secret} leaked:\n${r.report.text}`);
  assert.match(r.report.text, /aUtHoRiZaTiOn: \[REDACTED\]/);
  assert.match(r.report.text, /#access_token=\[REDACTED\]/);
  // A text body holding JSON (a proxy's log line).
  const t = normalize({ status: 502, body: `upstream said ${JSON.stringify({ token: { v: s('text') }, password: s('tp') })}` }, { now: NOW });
  for (const secret of secrets) assert.ok(!JSON.stringify(t.report).includes(secret), secret);
});

// --- Many validators at once, and no memory growth ---

test('two validators used interleaved give each its own answers', () => {
  const a = compile({ type: 'object', required: ['email'], properties: { email: { type: 'string', format: 'email', title: 'Email address' } } });
  const b = compile({ type: 'object', required: ['qty'], properties: { qty: { type: 'integer', minimum: 1, title: 'Quantity' } } });
  for (let i = 0; i < 500; i++) {
    assert.equal(a.validate({ email: `u${i}@example.com` }), null);
    assert.equal(b.validate({ qty: i + 1 }), null);
    assert.equal(a.validate({ email: 'nope' }).error.details[0].field, 'email');
    assert.equal(b.validate({ qty: 0 }).error.details[0].message, 'Quantity must be 1 or more');
    assert.deepEqual(a.typeAt('email'), ['string']);
    assert.deepEqual(b.typeAt('qty'), ['integer']);
  }
  a.free();
  b.free();
});

test('thousands of compile/free cycles: no wasm memory growth, no live schema left', async () => {
  const schema = { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 2, pattern: '^[A-Z]' }, tags: { type: 'array', items: { enum: ['a', 'b'] } } } };
  const cycle = () => {
    const v = compile(schema);
    assert.ok(v.validate({ name: 'x', tags: ['c'] }));
    v.free();
  };
  for (let i = 0; i < 200; i++) cycle(); // warm up: allocator pools reach their size
  const live = liveSchemas();
  const before = await memoryBytes();
  const N = 5000;
  for (let i = 0; i < N; i++) cycle();
  for (let i = 0; i < N; i++) normalize({ status: 422, body: JSON.stringify({ error: { code: 'validation_failed', message: 'x', details: [{ field: `f${i}`, message: 'Enter it' }] } }) });
  const after = await memoryBytes();
  console.log(`# memory: ${before} bytes before, ${after} after ${N} compile/free cycles and ${N} normalize calls`);
  assert.equal(liveSchemas(), live);
  assert.ok(after - before <= 64 * 1024, `grew by ${after - before} bytes`);
});

// --- Property-based tests (fast-check) for the JS conversions (issue #17) ---

import fc from 'fast-check';
import { makeSend } from '../../pkg/send.js';
import { ready as errorsReady } from 'fieldnote/errors';
import { formatPath } from 'fieldnote';

/** `send` whose core calls are recorded (same wasm instance as `fieldnote`). */
function spiedSend() {
  const calls = [];
  const send = makeSend((fn, ...args) => { calls.push(args[0]); return fn(...args); }, () => errorsReady);
  return { send, last: () => calls.filter((a) => a && typeof a === 'object' && 'request' in a).at(-1) };
}

test('send reads an error body as the UTF-8 text of at most maxBodyBytes, however it is chunked', async () => {
  const { send, last } = spiedSend();
  await fc.assert(fc.asyncProperty(
    fc.uint8Array({ maxLength: 3000 }),
    fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 12 }),
    fc.integer({ min: 0, max: 3500 }),
    fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }).map((s) => new TextEncoder().encode(s)), fc.constant(null)),
    async (raw, cuts, maxBodyBytes, text) => {
      const bytes = text ?? raw;
      let at = 0;
      let k = 0;
      const stream = new ReadableStream({
        pull(ctl) {
          if (at >= bytes.length) return ctl.close();
          const n = cuts[k++ % cuts.length];
          ctl.enqueue(bytes.slice(at, at + n));
          at += n;
        },
      });
      const fetch = async () => new Response(stream, { status: 500, headers: { 'content-type': 'text/plain' } });
      await send('https://api.test/x', undefined, { fetch, maxBodyBytes, retries: 0, now: () => NOW, random: () => 0.5 });
      const want = new TextDecoder().decode(bytes.subarray(0, Math.min(maxBodyBytes, bytes.length)));
      assert.equal(last().body, want);
    },
  ), { numRuns: 150 });
});

test('normalize gives the same result for headers as an object, an array, a Map or a Headers', () => {
  const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);
  const value = fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n\0]/g, ' ').trim());
  fc.assert(fc.property(
    fc.uniqueArray(fc.tuple(name, value), { selector: ([n]) => n.toLowerCase(), maxLength: 8 }),
    fc.constantFrom(200, 401, 422, 429, 500, 503),
    fc.string({ maxLength: 200 }),
    (pairs, status, body) => {
      const opts = { now: NOW };
      const run = (headers) => JSON.stringify(normalize({ status, headers, body }, opts));
      const results = [Object.fromEntries(pairs), pairs, new Map(pairs)].map(run);
      for (const r of results.slice(1)) assert.equal(r, results[0]);
      // A Headers lower-cases and sorts its names: the same as that list.
      assert.equal(run(new Headers(pairs)), run([...new Headers(pairs)]));
    },
  ), { numRuns: 200 });
});

test('paths survive every style: canonical(format(p, style)) = p', () => {
  const segment = fc.oneof(
    fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/),
    fc.nat({ max: 999 }).map(String),
  );
  fc.assert(fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.constantFrom('dotted', 'bracket', 'pointer'), (segs, style) => {
    const p = canonicalPath(segs.join('.'));
    assert.equal(canonicalPath(formatPath(p, style)), p);
  }), { numRuns: 300 });
});

test('a planted secret never reaches a report, whatever text surrounds it', () => {
  const carriers = [
    (s) => `password=${s}`, (s) => `Authorization: Bearer ${s}`, (s) => `{"api_key":"${s}"}`,
    (s) => `postgres://app:${s}@db/x`, (s) => `<password>${s}</password>`, (s) => `/reset-password/${s}`,
    (s) => `{"name":"password","value":"${s}"}`, (s) => `sk_live_${s}`, (s) => `p%61ssword=${s}`,
  ];
  fc.assert(fc.property(
    fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), fc.nat({ max: carriers.length - 1 }),
    fc.stringMatching(/^[A-Za-z0-9]{12,20}$/),
    (before, after, k, secret) => {
      const text = `${before}\n${carriers[k](secret)}\n${after}`;
      const r = normalize({ status: 500, headers: { 'x-note': carriers[k](secret) }, body: text,
        request: { method: 'POST', url: 'https://api.test/x', headers: {}, body: text } }, { now: NOW });
      const json = JSON.stringify(r.report);
      for (let i = 0; i + 8 <= secret.length; i++) assert.ok(!json.includes(secret.slice(i, i + 8)), json);
    },
  ), { numRuns: 300 });
});
