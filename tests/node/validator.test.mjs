// compile(schema, options) → Validator, as a user's project imports it: validate, validateJson,
// issues, addSchema, typeAt, free and garbage collection, Standard Schema, locales, labels,
// errorMessage, message overrides, recovery after a trap, and clear errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readFileSync, readdirSync } from 'node:fs';
import { FormApi, FieldApi } from '@tanstack/form-core';
import {
  compile, Validator, loadLocale, registerLocale, renderPlan,
} from 'fieldnote';
import { trapValidator, generations, liveSchemas } from '../../pkg/internal.js';

/** A realistic application form. */
const form = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['fullName', 'email', 'dateOfBirth', 'address', 'orderItems', 'terms'],
  properties: {
    fullName: { type: 'string', minLength: 1, maxLength: 70 },
    email: { type: 'string', format: 'email' },
    dateOfBirth: { type: 'string', format: 'date', title: 'Date of birth' },
    website: { type: 'string', format: 'uri' },
    age: { type: ['integer', 'null'], minimum: 16 },
    address: {
      type: 'object',
      required: ['line1', 'postCode'],
      properties: {
        line1: { type: 'string', minLength: 1 },
        postCode: { type: 'string', maxLength: 8, pattern: '^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$' },
      },
    },
    orderItems: {
      type: 'array', minItems: 1,
      items: { type: 'object', required: ['name', 'quantity'], properties: { name: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } } },
    },
    contact: { enum: ['email', 'phone'] },
    terms: { const: true },
  },
};
const good = {
  fullName: 'Ada Lovelace', email: 'ada@example.com', dateOfBirth: '1990-03-27', age: 35,
  address: { line1: '1 High Street', postCode: 'SW1A 1AA' },
  orderItems: [{ name: 'Tea', quantity: 2 }], contact: 'email', terms: true,
};
const BANNED = /invalid|please|sorry|oops|must match pattern|\^\[|schema/i;

test('validate: null when valid, the spec envelope when not', () => {
  const v = compile(form);
  assert.equal(v.validate(good), null);
  const e = v.validate({ ...good, email: 'ada', address: { line1: '1 High Street', postCode: 'far too long' }, orderItems: [{ name: 'Tea', quantity: 0 }, { quantity: 1.5 }] });
  assert.equal(e.error.code, 'validation_failed');
  assert.equal(typeof e.error.message, 'string');
  assert.doesNotMatch(e.error.message, /\.\s\S/, 'one sentence for the whole form');
  const byField = Object.fromEntries(e.error.details.map((d) => [d.field, d.message]));
  assert.deepEqual(Object.keys(byField), ['email', 'address.postCode', 'orderItems.0.quantity', 'orderItems.1.name', 'orderItems.1.quantity']);
  assert.equal(byField.email, 'Enter an email address in the correct format, like name@example.com');
  assert.equal(e.error.details.filter((d) => d.field === 'address.postCode')[0].message, 'Post code must be 8 characters or fewer');
  assert.equal(byField['orderItems.1.name'], 'Enter name for item 2');
  for (const d of e.error.details) assert.doesNotMatch(d.message, BANNED);
  v.free();
});

test('messages name the field and say how to fix it, GOV.UK style', () => {
  const v = compile(form);
  const msg = (value, field) => v.validate(value)?.error.details.find((d) => d.field === field)?.message;
  assert.equal(msg({}, 'fullName'), 'Enter full name');
  assert.equal(msg({}, 'terms'), 'Select terms', 'a choice says Select');
  assert.equal(compile({ required: ['contact'], properties: { contact: { $ref: '#/$defs/c' } }, $defs: { c: { enum: ['a', 'b'] } } }).validate({}).error.details[0].message, 'Select contact');
  assert.equal(msg({ dateOfBirth: '1990-02-30' }, 'dateOfBirth'), 'Enter a real date for date of birth, like 2007-03-27');
  assert.equal(msg({ website: 'example' }, 'website'), 'Enter a web address in the correct format, like https://example.com');
  assert.equal(msg({ address: { line1: 'x', postCode: 'sw1' } }, 'address.postCode'), 'Enter post code in the correct format');
  assert.equal(msg({ orderItems: [] }, 'orderItems'), 'Select at least 1 item for order items');
  assert.equal(msg({ orderItems: ['tea'] }, 'orderItems.0'), 'Item 1 of order items must be a set of answers');
  assert.equal(msg({ age: 12 }, 'age'), 'Age must be 16 or more');
  assert.equal(msg({ age: 'x' }, 'age'), 'Age must be a whole number, like 12');
  assert.equal(msg({ contact: 'fax' }, 'contact'), 'Select contact from the options');
  assert.equal(msg({ terms: false }, 'terms'), 'Select terms to continue');
  const formats = compile({ properties: { t: { format: 'time' }, u: { format: 'uuid' }, i: { format: 'ipv4' }, h: { format: 'hostname' }, six: { format: 'ipv6' } } });
  for (const d of formats.validate({ t: '25:00', u: 'x', i: '1.2.3', h: '-x-', six: '1:2' }).error.details) {
    assert.match(d.message, /^Enter .*, like \S+$/);
  }
});

test('validateJson takes JSON text; text that is not JSON is a clear error', () => {
  const v = compile(form);
  assert.equal(v.validateJson(JSON.stringify(good)), null);
  assert.equal(v.validateJson('{"terms":true}').error.details[0].field, 'fullName');
  assert.throws(() => v.validateJson('{"fullName": "Ada",'), /not JSON.*byte 19/);
  assert.throws(() => v.validateJson({}), /takes JSON text/);
});

test('a value that cannot be JSON is a clear error', () => {
  const v = compile(form);
  const cyclic = {};
  cyclic.self = cyclic;
  assert.throws(() => v.validate(cyclic), /the value cannot be written as JSON/);
  assert.throws(() => v.validate({ n: 1n }), /BigInt/);
});

test('issues: the raw list with canonical paths', () => {
  const v = compile(form);
  assert.deepEqual(v.issues(good), []);
  const list = v.issues({ ...good, orderItems: [{ name: 'Tea', quantity: 0 }] });
  assert.equal(list.length, 1);
  const [i] = list;
  assert.equal(i.path, 'orderItems.0.quantity');
  assert.equal(i.keyword, 'minimum');
  assert.deepEqual(i.params, { comparison: '>=', limit: 1 });
  assert.equal(i.message, 'Quantity for item 1 must be 1 or more');
  assert.equal(i.schemaPath, '#/properties/orderItems/items/properties/quantity/minimum');
});

test('a schema that cannot be used is a clear error naming the place', () => {
  assert.throws(() => compile({ properties: { zip: { pattern: '([0-9]' } } }), /\/properties\/zip\/pattern/);
  assert.throws(() => compile({ type: 'text' }), /\/type/);
  assert.throws(() => compile('{"type":'), /not JSON/);
  assert.throws(() => compile({ $ref: 'https://example.com/address.json' }), /address\.json/);
});

test('addSchema and options.schemas: remote schemas from the caller, never fetched', () => {
  const address = { $id: 'https://example.com/address.json', type: 'object', required: ['postCode'], properties: { postCode: { type: 'string' } } };
  const v = compile({ properties: { home: { $ref: 'https://example.com/address.json' } } }, { schemas: { 'https://example.com/address.json': address } });
  assert.equal(v.validate({ home: { postCode: 'SW1A 1AA' } }), null);
  assert.equal(v.validate({ home: {} }).error.details[0].field, 'home.postCode');
  const w = compile({ properties: { n: { type: 'integer' } } });
  assert.equal(w.addSchema('urn:other', { type: 'string' }), w, 'chains');
  assert.equal(w.validate({ n: 1 }), null, 'still works after addSchema');
  const lazy = compile({ properties: { a: { type: 'integer' } } });
  lazy.addSchema('https://example.com/broken.json', '{"type": [}');
  assert.throws(() => lazy.validate({}), /broken\.json/);
});

test('typeAt: the JSON types allowed at a path, through $ref, allOf and items', () => {
  const v = compile({
    type: 'object',
    properties: {
      age: { type: ['integer', 'null'] },
      price: { type: 'number' },
      address: { $ref: '#/$defs/address' },
      tags: { type: 'array', prefixItems: [{ type: 'boolean' }], items: { type: 'string' } },
      both: { allOf: [{ type: ['string', 'integer'] }, { type: 'integer' }] },
      terms: { const: true },
      contact: { enum: ['email', 'phone'] },
      free: {},
    },
    required: [],
    patternProperties: { '^x-': { type: 'integer' } },
    additionalProperties: { type: 'string' },
    $defs: { address: { properties: { zip: { type: 'string' } } } },
  });
  assert.deepEqual(v.typeAt('age'), ['integer', 'null']);
  assert.deepEqual(v.typeAt('price'), ['number']);
  assert.deepEqual(v.typeAt('address.zip'), ['string']);
  assert.deepEqual(v.typeAt('/address/zip'), ['string'], 'any path syntax');
  assert.deepEqual(v.typeAt('tags.0'), ['boolean']);
  assert.deepEqual(v.typeAt('tags[3]'), ['string']);
  assert.deepEqual(v.typeAt('both'), ['integer']);
  assert.deepEqual(v.typeAt('terms'), ['boolean']);
  assert.deepEqual(v.typeAt('contact'), ['string']);
  assert.deepEqual(v.typeAt('x-count'), ['integer']);
  assert.deepEqual(v.typeAt('other'), ['string']);
  assert.equal(v.typeAt('free'), null);
  assert.equal(v.typeAt('address.zip.deeper'), null);
  assert.deepEqual(v.typeAt(''), ['object'], 'the root');
});

test('labels, errorMessage and messages overrides', () => {
  const schema = {
    type: 'object',
    required: ['name', 'zip', 'dob'],
    properties: {
      name: { type: 'string', errorMessage: 'Enter your full name' },
      zip: { type: 'string', pattern: '^[0-9]{5}$', errorMessage: { pattern: 'Enter a 5-digit ZIP code, like 90210' } },
      dob: {
        type: 'object', required: ['day', 'month', 'year'],
        properties: { day: { type: 'integer' }, month: { type: 'integer' }, year: { type: 'integer' } },
        errorMessage: 'Enter your date of birth, like 27 3 2007',
      },
      code: { type: 'string', minLength: 4, maxLength: 6 },
      items: { type: 'array', items: { type: 'string' }, errorMessage: { items: ['Enter the first item as text'] } },
    },
    errorMessage: { required: { zip: 'Enter a ZIP code' }, properties: { code: 'Enter the code from your letter' } },
  };
  const v = compile(schema);
  const byField = (e) => Object.fromEntries(e.error.details.map((d) => [d.field, d.message]));
  assert.deepEqual(byField(v.validate({})), {
    name: 'Enter your full name', zip: 'Enter a ZIP code', dob: 'Enter your date of birth, like 27 3 2007',
  });
  const e = v.validate({ name: 'Ada', zip: '123', dob: { day: 1 }, code: 'x', items: [1, 2] });
  assert.deepEqual(byField(e), {
    zip: 'Enter a 5-digit ZIP code, like 90210',
    dob: 'Enter your date of birth, like 27 3 2007',
    code: 'Enter the code from your letter',
    'items.0': 'Enter the first item as text',
    'items.1': 'Items.1 must be text'.replace('Items.1', 'Item 2 of items'),
  });
  assert.equal(e.error.details.filter((d) => d.field === 'dob').length, 1, 'one message for the whole date');

  const w = compile({ type: 'object', required: ['email'], properties: { email: { type: 'string' }, address: { type: 'object', properties: { zip: { type: 'string', minLength: 5, pattern: '^[0-9]+$' } } } } }, {
    labels: { email: 'Your email address', 'address.zip': 'ZIP code' },
    messages: { minLength: '{Label} needs {limit} characters or more', 'address.zip': { pattern: 'Enter {label} using numbers only' } },
  });
  assert.deepEqual(w.validate({ address: { zip: 'ab' } }).error.details, [
    { field: 'email', message: 'Enter your email address' },
    { field: 'address.zip', message: 'ZIP code needs 5 characters or more' },
    { field: 'address.zip', message: 'Enter ZIP code using numbers only' },
  ]);
  assert.equal(w.validate({ email: 'a', address: { zip: 'abcde' } }).error.details[0].message, 'Enter ZIP code using numbers only');
  // Per call (what fieldnote/dom passes): labels on top of the compiled ones.
  assert.equal(w.validate({}, { labels: { email: 'Work email' } }).error.details[0].message, 'Enter work email');
});

test('errorMessage is an annotation: it never makes a schema fail to compile', () => {
  for (const $schema of ['https://json-schema.org/draft/2020-12/schema', 'http://json-schema.org/draft-07/schema#']) {
    const v = compile({ $schema, type: 'string', errorMessage: { type: 'Enter text' } });
    assert.equal(v.validate('x'), null);
    assert.equal(v.validate(1).error.details[0].message, 'Enter text');
  }
});

test('Standard Schema v1: ~standard validates synchronously with path arrays', () => {
  const v = compile(form);
  const std = v['~standard'];
  assert.equal(std.version, 1);
  assert.equal(std.vendor, 'fieldnote');
  assert.deepEqual(std.validate(good), { value: good });
  const r = std.validate({ ...good, orderItems: [{ name: 'Tea', quantity: 'two' }], address: { '0': 'x', line1: 'y', postCode: 'SW1A 1AA' } });
  assert.ok(!(r instanceof Promise));
  assert.deepEqual(r.issues, [{ message: 'Quantity for item 1 must be a whole number, like 12', path: ['orderItems', 0, 'quantity'] }]);
  const root = std.validate(5);
  assert.equal(root.issues[0].path, undefined, 'a form-level issue has no path');
});

test('a Validator survives a restart of the module after a trap', () => {
  const v = compile(form, { labels: { fullName: 'Your name' } });
  assert.equal(v.validate({ ...good, fullName: '' }).error.details[0].message, 'Enter your name');
  const before = generations().validator;
  assert.throws(() => trapValidator(), /restarted/);
  assert.equal(generations().validator, before + 1);
  // Rebuilt lazily from its schema and options.
  assert.equal(v.validate(good), null);
  assert.equal(v.validate({ ...good, fullName: '' }).error.details[0].message, 'Enter your name');
  assert.deepEqual(v.typeAt('age'), ['integer', 'null']);
  v.free();
});

test('free() releases wasm memory at once and is safe twice; use after free is a clear error', () => {
  const live = liveSchemas();
  const v = compile(form);
  assert.equal(liveSchemas(), live + 1);
  v.free();
  assert.equal(liveSchemas(), live);
  v.free();
  assert.equal(liveSchemas(), live);
  assert.throws(() => v.validate(good), /freed/);
});

test('forgotten validators are freed by the FinalizationRegistry', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const live = liveSchemas();
  (() => { for (let i = 0; i < 50; i++) compile(form).validate(good); })();
  assert.equal(liveSchemas(), live + 50);
  for (let i = 0; i < 50 && liveSchemas() > live; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.equal(liveSchemas(), live);
  // Validators forgotten across a restart are not freed twice (their memory went with it).
  (() => { for (let i = 0; i < 10; i++) compile(form); })();
  assert.throws(() => trapValidator());
  const after = liveSchemas();
  for (let i = 0; i < 20; i++) { gc(); await new Promise((r) => setTimeout(r, 5)); }
  assert.equal(liveSchemas(), after);
  assert.equal(compile(form).validate(good), null, 'the new instance is intact');
});

test('compile accepts JSON text and draft-07; formats: false leaves format unchecked', () => {
  assert.ok(compile('{"type":"string"}') instanceof Validator);
  const d7 = compile({ $schema: 'http://json-schema.org/draft-07/schema#', items: [{ type: 'string' }], additionalItems: false });
  assert.equal(d7.validate(['a']), null);
  assert.equal(d7.validate(['a', 'b']).error.details[0].message, 'Your answer must have 1 item or fewer');
  assert.equal(compile({ format: 'email' }, { formats: false }).validate('nope'), null);
  assert.notEqual(compile({ format: 'email' }).validate('nope'), null);
});

test('the envelope feeds renderPlan (what fieldnote/dom draws)', () => {
  const plan = renderPlan(compile(form).validate({}), { fieldOrder: ['fullName', 'email'] });
  assert.equal(plan.summary[0].message, 'Enter full name');
  assert.equal(plan.summary[0].href, '#fullName');
});

test('locales: loaded on demand, switched per validator or per call; unknown ones are English', async () => {
  const v = compile(form, { locale: 'de', labels: { fullName: 'Vollständiger Name' } });
  const missing = { ...good, fullName: undefined, address: { line1: 'x', postCode: 'SW1A 1AA' } };
  delete missing.fullName;
  assert.equal(await loadLocale('de-AT'), 'de');
  assert.equal(v.validate(missing).error.details[0].message, 'Füllen Sie das Feld „Vollständiger Name“ aus');
  assert.equal(v.validate(missing).error.message, 'Korrigieren Sie die markierte Angabe und versuchen Sie es erneut');
  for (const tag of ['fr', 'es', 'ja']) assert.equal(await loadLocale(tag), tag);
  const fr = v.validate({ ...good, fullName: '' }, { locale: 'fr', labels: { fullName: 'Nom complet' } });
  assert.equal(fr.error.details[0].message, 'Renseignez le champ « nom complet »', 'French lowercases labels mid-sentence');
  assert.equal(v.validate({ ...good, orderItems: [] }, { locale: 'ja' }).error.details[0].message, '「order items」で1個以上選択する必要があります');
  assert.equal(v.validate({ ...good, fullName: 'x'.repeat(71) }, { locale: 'es' }).error.details[0].message, 'Vollständiger Name debe tener 70 caracteres como máximo');
  assert.equal(await loadLocale('xx-YY'), 'en');
  assert.equal(v.validate(missing, { locale: 'xx' }).error.details[0].message, 'Enter Vollständiger Name'.replace('Enter V', 'Enter v'));
});

test('every shipped locale module is its catalog, with every English key and no others', async () => {
  const dir = new URL('../../src/messages/', import.meta.url);
  const en = JSON.parse(readFileSync(new URL('en.json', dir), 'utf8'));
  const shipped = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'en.json');
  assert.deepEqual(shipped.sort(), ['de.json', 'es.json', 'fr.json', 'ja.json']);
  for (const file of shipped) {
    const catalog = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    const mod = await import(new URL(`../../pkg/locales/${file.replace('.json', '.js')}`, import.meta.url));
    assert.deepEqual(mod.default, catalog, `${file}: pkg/locales is generated from it`);
    assert.deepEqual(Object.keys(catalog.messages), Object.keys(en.messages), `${file}: same keys`);
  }
});

test('registerLocale adds a catalog of its own; missing keys fall back to English', () => {
  assert.equal(registerLocale({ locale: 'en-x-pirate', plural: 'one_other', messages: { 'schema.required': 'Arr, ye forgot {label}' } }), 'en-x-pirate');
  const v = compile(form, { locale: 'en-x-pirate' });
  const e = v.validate({ ...good, fullName: undefined, email: 'nope' });
  assert.deepEqual(e.error.details.map((d) => d.message), ['Arr, ye forgot full name', 'Enter an email address in the correct format, like name@example.com']);
});

test('a real Standard Schema consumer: TanStack Form validates with the validator as is', async () => {
  const schema = {
    type: 'object', required: ['name', 'items'],
    properties: {
      name: { type: 'string', minLength: 1, title: 'Full name' },
      items: { type: 'array', minItems: 1, items: { type: 'object', properties: { sku: { type: 'string', pattern: '^[A-Z]{3}$', examples: ['ABC'] } } } },
    },
  };
  let submitted = null;
  const form = new FormApi({
    defaultValues: { name: '', items: [{ sku: 'abc' }] },
    validators: { onSubmit: compile(schema) },
    onSubmit: ({ value }) => { submitted = value; },
  });
  form.mount();
  const name = new FieldApi({ form, name: 'name' });
  const sku = new FieldApi({ form, name: 'items[0].sku' });
  name.mount();
  sku.mount();
  await form.handleSubmit();
  assert.equal(submitted, null, 'an invalid form is not submitted');
  assert.deepEqual(name.state.meta.errors.map((e) => e.message), ['Enter full name']);
  assert.deepEqual(sku.state.meta.errors.map((e) => e.message), ['Enter sku for item 1 in the correct format, like ABC']);
  assert.deepEqual(sku.state.meta.errors[0].path, ['items', 0, 'sku']);
  name.setValue('Ada');
  sku.setValue('ABC');
  await form.handleSubmit();
  assert.deepEqual(submitted, { name: 'Ada', items: [{ sku: 'ABC' }] });
  assert.deepEqual(name.state.meta.errors, []);
});

test('date limits (ajv-formats formatMinimum...): a limit of today reads "in the past"', () => {
  const d = new Date();
  const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const v = compile({
    properties: {
      dateOfBirth: { type: 'string', format: 'date', formatExclusiveMaximum: today },
      startDate: { type: 'string', format: 'date', formatMinimum: '2026-01-01' },
    },
  });
  const e = v.validate({ dateOfBirth: '2999-01-01', startDate: '2025-12-31' });
  assert.deepEqual(e.error.details.map((x) => x.message), ['Date of birth must be in the past', 'Start date must be 2026-01-01 or later']);
  assert.deepEqual(v.issues({ dateOfBirth: today })[0].params, { comparison: '<', limit: today });
  assert.equal(v.validate({ dateOfBirth: '1990-03-27', startDate: '2026-01-01' }), null);
  assert.throws(() => compile({ format: 'email', formatMinimum: 'x' }), /\/formatMinimum.*"format": "date"/);
});

test('a JS number is judged as the number it is (validate), JSON text as written (validateJson)', () => {
  // The schema as text keeps 2^64 exact (an object would go through JSON.stringify too).
  const v = compile('{"type":"number","maximum":18446744073709551616}');
  // JSON.stringify spells 2**64 "18446744073709552000", which is more than 2^64 as a decimal.
  assert.equal(v.validate(2 ** 64), null);
  assert.equal(v.validateJson('18446744073709551616'), null);
  assert.notEqual(v.validateJson('18446744073709552000'), null, 'the text is judged as written');
  const p = compile({ type: 'number', maximum: 0.3 });
  assert.notEqual(p.validate(0.1 + 0.2), null, '0.30000000000000004 is more than 0.3');
  assert.equal(compile({ multipleOf: 0.01 }).validate(19.99), null);
  assert.equal(compile({ type: 'integer' }).validate(1e300), null);
});
