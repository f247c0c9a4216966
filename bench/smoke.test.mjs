// `make bench-smoke` (part of `make test`): one tiny round of every workload in Node, and one
// unthrottled visit of each sign-up page (i) in Chromium, so the benchmark cannot rot. It checks that the harness runs and its numbers are sane — never a speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main, WORKLOADS } from './run.mjs';
import { CHECKOUT_ERRORS } from './data.mjs';
import { runSignup, signupGoal, signupReport, VARIANTS } from './signup.mjs';

test('make bench runs every workload in Node and reports sane figures', { timeout: 120_000 }, async () => {
  const { node, size, labels, markdown, lines, worst } = await main(['--smoke']);
  const all = Object.values(labels);
  // Every validator did the same work: nothing on valid data, every error on the bad checkout.
  for (const label of all) {
    const e = node.errors[label];
    assert.equal(e.valid, 0, `${label} accepts the valid checkout`);
    assert.equal(e.rows, 0, `${label} accepts the valid rows`);
    assert.ok(e.invalid >= CHECKOUT_ERRORS, `${label} reports every error (${e.invalid})`);
  }
  assert.equal(node.errors.fieldnote.invalid, CHECKOUT_ERRORS);
  // Every throughput figure is a positive finite number, for every validator that takes part.
  for (const w of ['a-valid', 'a-invalid', 'b-valid-text', 'b-invalid-text', 'c-rows', 'd-compile']) {
    const figs = node.workloads[w];
    const expected = w === 'd-compile' ? all.filter((l) => l !== 'ajv-standalone' && l !== 'fieldnote-aot') : all;
    assert.deepEqual(Object.keys(figs).sort(), expected.sort(), w);
    for (const [label, x] of Object.entries(figs)) assert.ok(Number.isFinite(x) && x > 0, `${w} ${label}: ${x}`);
  }
  for (const w of ['f-normalize-422', 'f-normalize-problem']) assert.ok(node.workloads[w].fieldnote > 0, w);
  for (const [peer, ms] of Object.entries(node.cold)) {
    assert.equal(ms.length, 1, peer);
    assert.ok(ms[0] > 0 && ms[0] < 60_000, `cold start ${peer}: ${ms[0]} ms`);
    assert.ok(node.coldErrors[peer] >= CHECKOUT_ERRORS, `cold start ${peer} validated`);
  }
  // Sizes: gzip is smaller than the bytes, and fieldnote's includes its wasm.
  for (const [label, s] of Object.entries(size)) assert.ok(s.gzip > 1000 && s.gzip < s.bytes, label);
  assert.ok(size.fieldnote.bytes > size.fieldnote.gzip * 1.5);
  // Each page kind weighs only its job: the errors-only and ahead-of-time pages less than the
  // page that compiles, and everything more than any one of them.
  const kb = (label) => size[label].gzip;
  assert.ok(kb('fieldnote: server errors only') < kb('fieldnote + DOM layer'));
  assert.ok(kb('fieldnote: ahead of time') < kb('fieldnote'));
  assert.ok(kb('fieldnote') < kb('fieldnote (whole package)'));
  assert.equal(node.errors['fieldnote-aot'].invalid, CHECKOUT_ERRORS, 'the precompiled program reports what compile() does');
  // The report: a table per workload and one tool line per figure.
  for (const spec of Object.values(WORKLOADS)) assert.ok(markdown.includes(spec.what), spec.what);
  for (const w of Object.keys(WORKLOADS)) assert.ok(lines.some((l) => l.startsWith(`bench ${w} `)), w);
  for (const l of lines.filter((x) => !x.startsWith('bench h-worst'))) {
    assert.match(l, /^bench \S+ (node|any) fieldnote=[\d.e+]+( \S+=[\d.e+]+ ratio=[\d.e+-]+)?$/);
  }
  // The worst cases ran and ended as they must: valid, invalid (capped) or too complex; no leak.
  assert.ok(Object.keys(worst).length >= 6);
  for (const [k, r] of Object.entries(worst)) assert.ok(r.ms >= 0 && !/LEAKS|^error/.test(r.outcome), `${k}: ${r.outcome}`);
});

test('(i) every sign-up page builds, renders its form and validates with React Hook Form in Chromium', { timeout: 120_000 }, async () => {
  // One unthrottled visit each: the pages work and the figures are sane — never a speed.
  const s = await runSignup({ rounds: 1, throttle: false, submit: true });
  const names = Object.keys(VARIANTS);
  for (const name of names) {
    assert.equal(s.samples[name].length, 1, name);
    assert.ok(s.ready[name] > 0 && s.ready[name] < 60_000, `${name} ready at ${s.ready[name]} ms`);
    // The empty form misses 9 answers (4 top-level fields, 4 of the address, the first product),
    // and the validator said so synchronously at "ready"; submitting shows them through the resolver.
    assert.equal(s.issues[name], 9, `${name}: issues in the empty form`);
    assert.equal(s.errors[name].length, 9, `${name}: ${s.errors[name]}`);
    assert.equal(s.errors[name][0], 'Enter your full name', name);
    // Served compressed, as the precompressed files: fewer bytes arrive than the files hold.
    const w = s.weights[name];
    assert.ok(w.gzip < w.bytes && w.brotli < w.bytes, name);
    assert.ok(s.transferred[name] > 0 && s.transferred[name] < w.bytes, `${name}: ${s.transferred[name]} B transferred of ${w.bytes}`);
  }
  // fieldnote's pages show the same sentences, ahead of time or compiled at run time.
  assert.deepEqual(s.errors['fieldnote-aot'], s.errors['fieldnote-compile']);
  assert.ok(s.errors['fieldnote-aot'].includes('Select a plan'), 'errorMessage from the schema');
  // Each fieldnote page carries its own module's wasm, the Zod page none.
  assert.ok(s.weights['fieldnote-aot'].files['fieldnote_runtime_bg.wasm']);
  assert.ok(s.weights['fieldnote-compile'].files['fieldnote_validator_bg.wasm']);
  assert.deepEqual(Object.keys(s.weights.zod.files).sort(), ['assets/app.js', 'index.html']);
  const { markdown, lines } = signupReport(s);
  for (const v of Object.values(VARIANTS)) assert.ok(markdown.includes(`| ${v.label} |`), v.label);
  assert.equal(lines.length, 3);
  for (const l of lines) assert.match(l, /^bench i-signup-slow4g(-compile|-no-preload)? chromium fieldnote=[\d.e+]+ zod=[\d.e+]+ ratio=[\d.e+]+$/);
  assert.match(signupGoal(s).chromium, /^[\d.]+× \([\d,]+ ms vs [\d,]+ ms\) — (met|not met)$/);
});
