// The instance crosses into wasm as UTF-8 bytes (one encodeInto, one memory copy) instead of a
// string argument (wasm-bindgen's loop): both crossings must give identical answers — on the
// benchmark's workloads and on generated values (fast-check).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compile } from 'fieldnote';
import * as glue from '../../pkg/fieldnote_validator.js';
import * as data from '../../bench/data.mjs';

compile({}).free(); // starts the module, so the glue can be called directly
const bytes = (text) => new TextEncoder().encode(text);
const parsed = (json) => (json === undefined ? null : JSON.parse(json));

/** The answers of both crossings for one JSON text: envelope and issues, JS numbers or exact. */
function both(handle, text, jsNumbers) {
  return {
    string: [handle.envelope(text, '', jsNumbers), handle.issues(text, '', jsNumbers)],
    utf8: [handle.envelopeUtf8(bytes(text), '', jsNumbers), handle.issuesUtf8(bytes(text), '', jsNumbers)],
  };
}

test('the bench workloads: the same envelope and issues through a string and through UTF-8 bytes', () => {
  const cases = [
    [data.checkoutSchema, data.checkoutValid, 0],
    [data.checkoutSchema, data.checkoutInvalid, data.CHECKOUT_ERRORS],
    [data.rowsSchema, data.makeRows(500), 0],
    [data.rowsSchema, data.makeRows(50).map((r, i) => (i % 7 ? r : { ...r, email: 'nope', quantity: -1 })), 16],
  ];
  for (const [schema, value, errors] of cases) {
    const handle = new glue.CompiledSchema(JSON.stringify(schema), '', '{}');
    const v = compile(schema);
    try {
      const text = JSON.stringify(value);
      for (const js of [true, false]) {
        const { string, utf8 } = both(handle, text, js);
        assert.deepEqual(utf8, string);
        assert.equal(parsed(string[0])?.error.details.length ?? 0, errors);
      }
      // The public API (now the UTF-8 crossing) answers as the string crossing does.
      assert.deepEqual(v.validate(value), parsed(handle.envelope(text, '', true)));
      assert.deepEqual(v.validateJson(text), parsed(handle.envelope(text, '', false)));
      assert.deepEqual(v.issues(value), parsed(handle.issues(text, '', true)) ?? []);
    } finally {
      handle.free();
      v.free();
    }
  }
});

// A schema that looks at what the bytes carry: string lengths in code points, patterns and
// formats on non-ASCII text, numbers (JS doubles and exact decimals), keys, equality.
const schema = {
  type: 'object',
  properties: {
    s: { type: 'string', minLength: 2, maxLength: 6, pattern: '^[^\\u00e9]*$' },
    n: { type: 'number', minimum: -1e6, exclusiveMaximum: 1e21, multipleOf: 0.5 },
    i: { type: 'integer' },
    e: { enum: ['é', 'ü', 1.5, null, [1, 'ñ'], { k: '日本' }] },
    c: { const: { a: [0.1, 'x\u2028y'] } },
    a: { type: 'array', uniqueItems: true, maxItems: 4, items: { type: ['string', 'number', 'object', 'null'] } },
    d: { type: 'string', format: 'date' },
    m: { type: 'string', format: 'email' },
  },
  propertyNames: { maxLength: 5 },
  additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
  maxProperties: 8,
};
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('é', 'ü', 'ab', '2024-02-29', '2023-02-29', 'a@b.co', 'x\u2028y', '\ud800', '日本', ''),
);
const number = fc.oneof(
  fc.double(), fc.integer(), fc.constantFrom(-0, 0.1, 1.5, 2 ** 53 + 2, 1e21, 5e-324, 0.30000000000000004),
);
const leaf = fc.oneof(text, number, fc.boolean(), fc.constant(null), fc.constant(undefined));
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('any'), { maxLength: 5 }),
  object: fc.dictionary(fc.oneof(text, fc.constantFrom('s', 'n', 'i', 'e', 'c', 'a', 'd', 'm')), tie('any'), { maxKeys: 8 }),
})).object;

test('generated values: both crossings give identical answers, by the public API too', () => {
  const handle = new glue.CompiledSchema(JSON.stringify(schema), '', '{}');
  const v = compile(schema);
  try {
    fc.assert(fc.property(value, (x) => {
      const json = JSON.stringify(x);
      for (const js of [true, false]) {
        const { string, utf8 } = both(handle, json, js);
        assert.deepEqual(utf8, string);
      }
      assert.deepEqual(v.validate(x), parsed(handle.envelope(json, '', true)));
      assert.deepEqual(v.validateJson(json), parsed(handle.envelope(json, '', false)));
      assert.deepEqual(v.issues(x), parsed(handle.issues(json, '', true)) ?? []);
    }), { numRuns: 400 });
  } finally {
    handle.free();
    v.free();
  }
});

test('a text longer than the reused buffer, and not-JSON text, answer as through a string', () => {
  const v = compile({ type: 'array', items: { type: 'string', maxLength: 3 } });
  const handle = new glue.CompiledSchema(JSON.stringify({ type: 'array', items: { type: 'string', maxLength: 3 } }), '', '{}');
  try {
    const long = Array.from({ length: 20_000 }, (_, i) => (i % 1000 ? 'ab' : 'é日本語'));
    const json = JSON.stringify(long);
    assert.ok(json.length * 3 > 1 << 14);
    assert.deepEqual(v.validate(long), parsed(handle.envelope(json, '', true)));
    assert.equal(v.validate(long).error.details.length, 20);
  } finally {
    handle.free();
    v.free();
  }
  const w = compile({});
  assert.throws(() => w.validateJson('{"a":'), /instance is not JSON: JSON text ends before the value is complete at byte 5/);
  w.free();
});

test('bytes that are not UTF-8 are a clear error, not a crash', () => {
  const handle = new glue.CompiledSchema('{}', '', '{}');
  try {
    assert.throws(() => handle.envelopeUtf8(new Uint8Array([0x22, 0xff, 0x22]), '', true), /instance is not JSON: the bytes are not UTF-8/);
    assert.throws(() => handle.issuesUtf8(new Uint8Array([0xc3]), '', false), /not UTF-8/);
    assert.equal(handle.envelopeUtf8(bytes('"é"'), '', true), undefined);
  } finally {
    handle.free();
  }
});
