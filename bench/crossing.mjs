// Where the time of `validate(value)` goes, and what another way of crossing into wasm would save
// (issue 14: "validating a value: ≥ 0.3× Ajv; say whether another crossing does better").
//
//   node bench/crossing.mjs [--chromium | --chromium-only] [--rounds N]
//
// After ./.ci/build; the Ajv column and --chromium need `cd bench && npm ci`. `crossingReport`
// gives the same tables to bench/run.mjs.
//
// Each phase is timed on its own, interleaved with the others (the fastest of 31 batches: see
// `fastest`), on the checkout workloads of bench/data.mjs:
// - JSON.stringify of the value (what validator-core.js does first);
// - the copy into wasm memory, as wasm-bindgen's passStringToWasm0 does it (a JS loop over the
//   ASCII bytes), and with one TextEncoder.encodeInto instead;
// - the call itself (validateJson('null') against the schema `{}`: the wrapper, two string
//   arguments, the wasm call);
// - parsing into the Document: validateJson(text) against `{}` minus the call and the copy;
// - validation proper: validateJson(text) against the checkout schema minus the same against `{}`;
// - for the 7-error payload, building the envelope and returning it: what is left, with the
//   JSON.parse of the returned text and its decoding (TextDecoder) timed on their own.
// And one alternative crossing, timed on its JS side: a walker that writes the value as a tape
// of nodes (the layout of src/json/parse.rs's Node: tag, a, b) plus its strings' and numbers'
// UTF-8 bytes, with JSON.stringify's semantics (toJSON, undefined/functions skipped or null,
// NaN/Infinity as null, boxed primitives, cycles and BigInt as errors). Rust would adopt such a
// tape after checking it (no parse), so "tape" replaces stringify + copy + parse. (Its strings
// are raw UTF-8: a reader would keep them apart from the Document's JSON-text spans.)
// And, when the wasm exports them (prototype commits, reverted: cherry-pick to measure again),
// the UTF-8-bytes crossing (`envelopeUtf8`, 5b96c1c) and the whole tape crossing (`envelopeTape`,
// fc05a34) beside the string one, on the same compiled schema through the glue.
// Nothing here asserts a speed: it prints a table.
import * as data from './data.mjs';

/** Keeps results observable so the engine cannot drop the calls. */
export let sink = 0;

/**
 * Each contestant (`{ label, fn }`) in batches of about `batchMs`, `rounds` times, interleaved
 * (the order rotates each round). Resolves to `{ label: µs per call }` from each one's fastest
 * batch: on a shared machine the other processes only ever add time, so the fastest batch is
 * the steadiest estimate of a phase's own cost (medians moved by 30% between runs here).
 */
export async function fastest(contestants, { rounds = 31, batchMs = 25 } = {}) {
  const time = (fn, n) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) sink += fn() | 0;
    return performance.now() - t0;
  };
  const runs = contestants.map((c) => {
    let n = 1;
    while (time(c.fn, n) < batchMs / 4 && n < 1 << 24) n *= 2; // calibrates, and warms the JIT
    return { ...c, n: n * 4, best: Infinity };
  });
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < runs.length; k++) {
      const c = runs[(k + r) % runs.length];
      c.best = Math.min(c.best, (time(c.fn, c.n) * 1000) / c.n);
    }
    await new Promise((done) => setTimeout(done, 0)); // lets a page stay responsive
  }
  return Object.fromEntries(runs.map((c) => [c.label, c.best]));
}

const NULL = 0, FALSE = 1, TRUE = 2, NUM = 3, STR = 4, ARR = 6, OBJ = 7;

/** A value written as a tape: `nodes` (tag, a, b per node) and `bytes` (strings, numbers). */
export class Tape {
  constructor() {
    this.bytes = new Uint8Array(1 << 12);
    this.nodes = new Uint32Array(3 * 256);
    this.nb = 0;
    this.nn = 0;
    this.seen = [];
    this.encoder = new TextEncoder();
  }

  /** Writes `value`; returns the number of nodes. Throws as JSON.stringify would. */
  encode(value) {
    this.nb = 0;
    this.nn = 0;
    this.seen.length = 0;
    if (!this.put(value, '')) this.node(NULL, 0, 0);
    return this.nn / 3;
  }

  node(tag, a, b) {
    if (this.nn + 3 > this.nodes.length) {
      const n = new Uint32Array(this.nodes.length * 2);
      n.set(this.nodes);
      this.nodes = n;
    }
    const i = this.nn;
    this.nodes[i] = tag;
    this.nodes[i + 1] = a;
    this.nodes[i + 2] = b;
    this.nn = i + 3;
    return i;
  }

  room(n) {
    if (this.nb + n <= this.bytes.length) return;
    const b = new Uint8Array(Math.max(this.bytes.length * 2, this.nb + n));
    b.set(this.bytes.subarray(0, this.nb));
    this.bytes = b;
  }

  /** A string's UTF-8 bytes: ASCII by a loop (as wasm-bindgen does), the rest by encodeInto. */
  text(s, tag) {
    const len = s.length;
    this.room(len);
    const bytes = this.bytes;
    const start = this.nb;
    let i = 0;
    for (; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) break;
      bytes[start + i] = c;
    }
    let end = start + i;
    if (i < len) {
      const rest = s.slice(i);
      this.room(i + rest.length * 3);
      end += this.encoder.encodeInto(rest, this.bytes.subarray(end)).written;
    }
    this.nb = end;
    this.node(tag, start, end);
  }

  /** Writes one value; false when JSON.stringify would leave it out (undefined, a function, a symbol). */
  put(v, key) {
    if (v !== null && typeof v === 'object' && typeof v.toJSON === 'function') v = v.toJSON(key);
    switch (typeof v) {
      case 'string':
        this.text(v, STR);
        return true;
      case 'number':
        if (Number.isFinite(v)) this.text(String(v), NUM);
        else this.node(NULL, 0, 0);
        return true;
      case 'boolean':
        this.node(v ? TRUE : FALSE, 0, 0);
        return true;
      case 'bigint':
        throw new TypeError('Do not know how to serialize a BigInt');
      case 'object':
        break;
      default:
        return false;
    }
    if (v === null) {
      this.node(NULL, 0, 0);
      return true;
    }
    if (v instanceof Number) return this.put(Number(v), key);
    if (v instanceof String) return this.put(String(v), key);
    if (v instanceof Boolean) return this.put(v.valueOf(), key);
    if (this.seen.includes(v)) throw new TypeError('Converting circular structure to JSON');
    this.seen.push(v);
    const at = this.node(Array.isArray(v) ? ARR : OBJ, 0, 0);
    let count = 0;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        if (!this.put(v[i], String(i))) this.node(NULL, 0, 0);
        count++;
      }
    } else {
      for (const k of Object.keys(v)) {
        const nb = this.nb, nn = this.nn;
        this.text(k, STR);
        if (this.put(v[k], k)) count++;
        else { this.nb = nb; this.nn = nn; }
      }
    }
    this.seen.pop();
    this.nodes[at + 1] = count;
    this.nodes[at + 2] = this.nn / 3;
    return true;
  }
}

/** wasm-bindgen's passStringToWasm0, into `mem` at 0 (the same loop; no malloc). */
function copyLikeBindgen(s, mem, encoder) {
  const len = s.length;
  let offset = 0;
  for (; offset < len; offset++) {
    const code = s.charCodeAt(offset);
    if (code > 0x7f) break;
    mem[offset] = code;
  }
  if (offset !== len) offset += encoder.encodeInto(s.slice(offset), mem.subarray(offset)).written;
  return offset;
}

/**
 * Times the phases. `lib`: `compile` from fieldnote/validator and the module's wasm-bindgen
 * `glue`, and optionally `Ajv` and `addFormats` for the reference column. Resolves to
 * `{ us: { label: µs per call } }` (`Ajv (valid)` and `Ajv (invalid)` among them when given).
 */
export async function measure(lib, { rounds = 31, batchMs = 25 } = {}) {
  const { compile, glue, Ajv, addFormats } = lib;
  const { checkoutSchema, checkoutValid, checkoutInvalid } = data;
  const validText = JSON.stringify(checkoutValid);
  const invalidText = JSON.stringify(checkoutInvalid);
  const v = compile(checkoutSchema);
  const any = compile({});
  const mem = new Uint8Array(1 << 16);
  const encoder = new TextEncoder();
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
  const envelopeText = JSON.stringify(v.validate(checkoutInvalid));
  const envelopeBytes = encoder.encode(envelopeText);
  const tape = new Tape();
  const n = (x) => (x === null ? 0 : 1);
  // Both crossings of the same compiled schema, side by side: a string argument (wasm-bindgen's
  // loop) and UTF-8 bytes written by one encodeInto (one memory copy).
  const h = new glue.CompiledSchema(JSON.stringify(checkoutSchema), '', '{}');
  const h0 = new glue.CompiledSchema('{}', '', '{}');
  let scratch = new Uint8Array(1 << 12);
  const utf8 = (text) => {
    if (text.length * 3 > scratch.length) scratch = new Uint8Array(text.length * 3);
    return scratch.subarray(0, encoder.encodeInto(text, scratch).written);
  };
  const u = (x) => (x === undefined ? 0 : 1);
  const contestants = [
    ['value: validate(valid)', () => n(v.validate(checkoutValid))],
    ['text: validateJson(valid)', () => n(v.validateJson(validText))],
    ['JSON.stringify(valid)', () => JSON.stringify(checkoutValid).length],
    ['copy, wasm-bindgen loop (valid)', () => copyLikeBindgen(validText, mem, encoder)],
    ['copy, one encodeInto (valid)', () => encoder.encodeInto(validText, mem).written],
    ['call: {}.validateJson("null")', () => n(any.validateJson('null'))],
    ['copy + parse: {}.validateJson(valid)', () => n(any.validateJson(validText))],
    ['stringify + copy + parse: {}.validate(valid)', () => n(any.validate(checkoutValid))],
    ['tape encode (JS side) (valid)', () => tape.encode(checkoutValid)],
    ['value: validate(invalid)', () => n(v.validate(checkoutInvalid))],
    ['text: validateJson(invalid)', () => n(v.validateJson(invalidText))],
    ['JSON.stringify(invalid)', () => JSON.stringify(checkoutInvalid).length],
    ['copy + parse: {}.validateJson(invalid)', () => n(any.validateJson(invalidText))],
    ['decode the envelope text (TextDecoder)', () => decoder.decode(envelopeBytes).length],
    ['JSON.parse of the envelope', () => JSON.parse(envelopeText).error.details.length],
  ];
  // The UTF-8 crossing needs `envelopeUtf8` in the wasm (prototype commit 5b96c1c).
  if (typeof h.envelopeUtf8 === 'function') {
    contestants.push(
      ['glue str: envelope(stringify(valid))', () => u(h.envelope(JSON.stringify(checkoutValid), '', true))],
      ['glue utf8: envelopeUtf8(stringify(valid))', () => u(h.envelopeUtf8(utf8(JSON.stringify(checkoutValid)), '', true))],
      ['glue str: {}.envelope(validText)', () => u(h0.envelope(validText, '', true))],
      ['glue utf8: {}.envelopeUtf8(validText)', () => u(h0.envelopeUtf8(utf8(validText), '', true))],
      ['glue str: envelope(stringify(invalid))', () => u(h.envelope(JSON.stringify(checkoutInvalid), '', true))],
      ['glue utf8: envelopeUtf8(stringify(invalid))', () => u(h.envelopeUtf8(utf8(JSON.stringify(checkoutInvalid)), '', true))],
    );
  }
  // The tape crossing needs `envelopeTape` (prototype commit fc05a34).
  if (typeof h.envelopeTape === 'function') {
    const viaTape = (handle, x) => {
      tape.encode(x);
      return handle.envelopeTape(tape.bytes.subarray(0, tape.nb), tape.nodes.subarray(0, tape.nn));
    };
    for (const x of [checkoutValid, checkoutInvalid]) {
      if (viaTape(h, x) !== h.envelope(JSON.stringify(x), '', false)) throw new Error('crossing: the tape answers differently');
    }
    contestants.push(
      ['glue str: envelope(stringify(valid))', () => u(h.envelope(JSON.stringify(checkoutValid), '', true))],
      ['glue str: {}.envelope(stringify(valid))', () => u(h0.envelope(JSON.stringify(checkoutValid), '', true))],
      ['glue tape: envelopeTape(valid)', () => u(viaTape(h, checkoutValid))],
      ['glue tape: {}.envelopeTape(valid)', () => u(viaTape(h0, checkoutValid))],
    );
  }
  if (Ajv) {
    const a = new Ajv({ allErrors: true, strict: false });
    addFormats(a);
    const check = a.compile(checkoutSchema);
    if (!check(checkoutValid) || check(checkoutInvalid)) throw new Error('crossing: Ajv disagrees with the workload');
    contestants.push(['Ajv (valid)', () => (check(checkoutValid) ? 0 : 1)]);
    contestants.push(['Ajv (invalid)', () => (check(checkoutInvalid) ? 0 : check.errors.length)]);
  }
  const unique = [...new Map(contestants.map(([label, fn]) => [label, { label, fn }])).values()];
  const us = await fastest(unique, { rounds, batchMs });
  for (const x of [v, any, h, h0]) x.free();
  return { us };
}

/** The table: phases of a valid and of a failing validation, and the tape beside them. */
export function report(us, runtime) {
  const f = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
  const call = us['call: {}.validateJson("null")'];
  const copy = us['copy, wasm-bindgen loop (valid)'];
  const parseV = us['copy + parse: {}.validateJson(valid)'] - call - copy;
  const validateV = us['text: validateJson(valid)'] - us['copy + parse: {}.validateJson(valid)'];
  const parseI = us['copy + parse: {}.validateJson(invalid)'] - call - copy;
  const decode = us['decode the envelope text (TextDecoder)'];
  const jsonParse = us['JSON.parse of the envelope'];
  const totalV = us['value: validate(valid)'];
  const totalI = us['value: validate(invalid)'];
  const restI = totalI - us['JSON.stringify(invalid)'] - copy - call - parseI - jsonParse - decode;
  const crossing = us['JSON.stringify(valid)'] + copy + parseV;
  const lines = [
    `| phase (${runtime}, µs per validation) | valid value | 7-error value |`,
    '| --- | ---: | ---: |',
    `| JSON.stringify | ${f(us['JSON.stringify(valid)'])} | ${f(us['JSON.stringify(invalid)'])} |`,
    `| copy into wasm memory (wasm-bindgen's loop; one encodeInto: ${f(us['copy, one encodeInto (valid)'])}) | ${f(copy)} | ${f(copy)} |`,
    `| the call (wrapper, arguments, wasm call, empty result) | ${f(call)} | ${f(call)} |`,
    `| parse into the Document | ${f(parseV)} | ${f(parseI)} |`,
    `| validation proper | ${f(validateV)} | ${f(restI)} (with wording the messages and writing the envelope) |`,
    `| decode the returned text + JSON.parse it | — | ${f(decode)} + ${f(jsonParse)} |`,
    `| **validate(value), measured whole** | **${f(totalV)}** | **${f(totalI)}** |`,
    `| validateJson(text), measured whole | ${f(us['text: validateJson(valid)'])} | ${f(us['text: validateJson(invalid)'])} |`,
    `| alternative: tape encode, JS side only (replaces stringify + copy + parse = ${f(crossing)}) | ${f(us['tape encode (JS side) (valid)'])} | — |`,
  ];
  if (us['Ajv (valid)']) lines.push(`| Ajv (allErrors), whole | ${f(us['Ajv (valid)'])} | ${f(us['Ajv (invalid)'])} |`);
  const side = (what, str, utf8) => `| ${what} | ${f(us[str])} | ${f(us[utf8])} | ${(us[str] / us[utf8]).toFixed(2)}× |`;
  lines.push('');
  if (!us['glue utf8: envelopeUtf8(stringify(valid))']) {
    lines.push('(no UTF-8 crossing in this build: `envelopeUtf8` is not exported)');
  } else {
    lines.push(`| crossing side by side (${runtime}, µs) | string (wasm-bindgen) | UTF-8 bytes (encodeInto) | speed-up |`);
    lines.push('| --- | ---: | ---: | ---: |');
    lines.push(side('stringify + cross + validate, valid value', 'glue str: envelope(stringify(valid))', 'glue utf8: envelopeUtf8(stringify(valid))'));
    lines.push(side('stringify + cross + validate, 7-error value', 'glue str: envelope(stringify(invalid))', 'glue utf8: envelopeUtf8(stringify(invalid))'));
    lines.push(side('public validate(value) / the same call on the glue (the wrapper\'s cost)', 'value: validate(valid)', 'glue str: envelope(stringify(valid))'));
    lines.push(side('cross + parse only (schema `{}`), valid text', 'glue str: {}.envelope(validText)', 'glue utf8: {}.envelopeUtf8(validText)'));
  }
  if (us['glue tape: envelopeTape(valid)']) {
    const tapeRow = (what, str, tp) => `| ${what} | ${f(us[str])} | ${f(us[tp])} | ${(us[str] / us[tp]).toFixed(2)}× |`;
    lines.push('');
    lines.push(`| tape crossing side by side (${runtime}, µs, through the glue) | stringify + string | JS walker + tape | speed-up |`);
    lines.push('| --- | ---: | ---: | ---: |');
    lines.push(tapeRow('cross + validate, valid value', 'glue str: envelope(stringify(valid))', 'glue tape: envelopeTape(valid)'));
    lines.push(tapeRow('cross only (schema `{}`): stringify + copy + parse / encode + copy + check', 'glue str: {}.envelope(stringify(valid))', 'glue tape: {}.envelopeTape(valid)'));
  }
  if (us['Ajv (valid)']) {
    lines.push('');
    const r = (x) => (us['Ajv (valid)'] / x).toFixed(3);
    if (us['glue utf8: envelopeUtf8(stringify(valid))']) lines.push(`${runtime}: validate(value) through UTF-8 bytes (glue, no wrapper) ${r(us['glue utf8: envelopeUtf8(stringify(valid))'])}× Ajv, through a string ${r(us['glue str: envelope(stringify(valid))'])}× Ajv.`);
    lines.push(`${runtime}: validate(value) ${r(totalV)}× Ajv; with a free crossing (no stringify, copy or parse) it would be ${r(totalV - crossing)}× Ajv, ${(totalV / (totalV - crossing)).toFixed(2)}× today's speed.`);
  } else {
    lines.push('');
    lines.push(`${runtime}: a free crossing (no stringify, copy or parse) would be ${(totalV / (totalV - crossing)).toFixed(2)}× today's speed.`);
  }
  return lines.join('\n');
}

/**
 * The tables as markdown: Node (unless `node: false`), then Chromium when `chromium`. For
 * `make bench` (bench/run.mjs) as for the command line.
 */
export async function crossingReport({ rounds = 31, batchMs = 25, node = true, chromium: browser = false } = {}) {
  const out = [];
  if (node) {
    const { compile } = await import('../pkg/validator.node.js');
    const glue = await import('../pkg/fieldnote_validator.js');
    let peers = {};
    try {
      peers = { Ajv: (await import('ajv/dist/2020.js')).default, addFormats: (await import('ajv-formats')).default };
    } catch {
      out.push('(no Ajv column: `cd bench && npm ci` for it)\n');
    }
    out.push(report((await measure({ compile, glue, ...peers }, { rounds, batchMs })).us, `Node ${process.versions.node}`));
  }
  if (browser) out.push(report(await chromium(rounds, batchMs), 'Chromium'));
  return out.join('\n\n');
}

async function main() {
  const argv = process.argv.slice(2);
  console.log(await crossingReport({
    rounds: Number(argv[argv.indexOf('--rounds') + 1]) || 31,
    node: !argv.includes('--chromium-only'),
    chromium: argv.some((a) => a.startsWith('--chromium')),
  }));
}

/** The same measurement in headless Chromium: one minified esbuild bundle, as a page ships it. */
async function chromium(rounds, batchMs) {
  const { writeFileSync, mkdirSync, copyFileSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  const esbuild = await import('esbuild');
  const { launch, serve } = await import('../tests/browser/harness.mjs');
  const here = (p) => fileURLToPath(new URL(p, import.meta.url));
  mkdirSync(here('out/browser'), { recursive: true });
  copyFileSync(here('../pkg/fieldnote_validator_bg.wasm'), here('out/fieldnote_validator_bg.wasm'));
  const r = await esbuild.build({
    stdin: {
      contents: `import { measure } from './crossing.mjs'; import { compile, ready } from 'fieldnote/validator';
        import * as glue from '../pkg/fieldnote_validator.js';
        import Ajv from 'ajv/dist/2020.js'; import addFormats from 'ajv-formats';
        export const run = async (o) => { await ready; return measure({ compile, glue, Ajv, addFormats }, o); };`,
      resolveDir: here('.'),
      loader: 'js',
    },
    bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent',
    // This file's Node side (main, this function) stays out of the page's bundle.
    external: ['./locales/*', 'node:*', 'esbuild', '../tests/browser/harness.mjs', '/bench/*', '../pkg/validator.node.js'], nodePaths: [here('node_modules')],
  });
  writeFileSync(here('out/browser/crossing.js'), r.outputFiles[0].contents);
  const server = await serve();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/bench/cold.html`);
    const out = await page.evaluate(async (o) => (await import('/bench/out/browser/crossing.js')).run(o), { rounds, batchMs });
    return out.us;
  } finally {
    await browser.close();
    await server.close();
  }
}

if (typeof process !== 'undefined' && process.argv?.[1]?.endsWith('crossing.mjs')) await main();
