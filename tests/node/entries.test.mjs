// The package's surface in Node (issues 14, 15, 19): what each entry exports (no test hooks),
// init's conventions, misuse that must be a clear error, and compile options read by the core
// (OpenAPI documents, strict mode).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as fieldnote from 'fieldnote';
import * as errors from 'fieldnote/errors';
import * as validator from 'fieldnote/validator';
import * as runtime from 'fieldnote/runtime';

test('no entry exports a test hook', () => {
  for (const [name, mod] of Object.entries({ fieldnote, errors, validator, runtime })) {
    const hooks = Object.keys(mod).filter((k) => k.startsWith('__') || /ForTests$|^generation$/.test(k));
    assert.deepEqual(hooks, [], name);
    for (const need of ['ready', 'init', 'loadLocale', 'registerLocale', 'NotReadyError']) assert.ok(need in mod, `${name}: ${need}`);
  }
  assert.equal(typeof fieldnote.compile, 'function');
  assert.equal(typeof fieldnote.normalize, 'function');
  assert.equal('compile' in errors, false, 'fieldnote/errors has no validator');
  assert.equal('normalize' in validator, false, 'fieldnote/validator has no server-error reading');
  assert.equal('compile' in runtime, false, 'fieldnote/runtime has no compiler');
});

test("loadLocale of a name on Object.prototype falls back to English, it does not throw", async () => {
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) assert.equal(await fieldnote.loadLocale(name), 'en', name);
});

test("init({ module_or_path }) (wasm-bindgen's convention) and init(url) start a module", () => {
  const wasm = new URL('../../pkg/fieldnote_errors_bg.wasm', import.meta.url).href;
  for (const call of [`init({ module_or_path: new URL(${JSON.stringify(wasm)}) })`, `init(new URL(${JSON.stringify(wasm)}))`]) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e',
      `import { init, normalize } from 'fieldnote/errors'; await ${call}; console.log(normalize({ status: 404 }).category);`],
    { cwd: new URL('../', import.meta.url), encoding: 'utf8' });
    assert.equal(out.trim(), 'not_found', call);
  }
});

test('validate() of a FormData, Map, Set or Response is a clear error, not {}', () => {
  const v = fieldnote.compile({ type: 'object', required: ['name'] });
  for (const [value, kind] of [[new FormData(), 'FormData'], [new Map([['name', 'Ada']]), 'Map'], [new Set(), 'Set'], [new Response('{}'), 'Response']]) {
    assert.throws(() => v.validate(value), new RegExp(`plain JSON data, and got a (fetch )?${kind}`), kind);
  }
  assert.throws(() => fieldnote.compile({}, 'strict'), /options must be an object/);
});

// Touching `FormData` or `Response` in Node loads its fetch implementation (undici, ~20 ms on a
// cold start): validating plain data and normalizing a plain response must not pay for it.
test('validate() and normalize() of plain data do not load Node fetch (undici)', () => {
  const program = `
    import { compile } from 'fieldnote/validator';
    import { normalize } from 'fieldnote/errors';
    compile({ type: 'object', required: ['a'] }).validate({ b: [1, { c: 2 }] });
    normalize({ status: 422, headers: { 'content-type': 'application/json' }, body: '{}', request: { url: '/x', body: { a: 1 } } });
    const loaded = process.moduleLoadList.filter((m) => /undici/.test(m));
    new FormData();
    console.log(JSON.stringify([loaded, process.moduleLoadList.some((m) => /undici/.test(m))]));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', program], { cwd: new URL('../', import.meta.url), encoding: 'utf8' });
  // The second value shows the check can see undici once something does load it.
  assert.deepEqual(JSON.parse(out), [[], true]);
});

test('empty answers: missing for Standard Schema (a form), as they are for validate() unless asked', async () => {
  const v = fieldnote.compile({ type: 'object', required: ['email'], properties: { email: { type: 'string', format: 'email', title: 'email address' }, age: { type: 'integer' } } });
  assert.deepEqual((await v['~standard'].validate({ email: '', age: NaN })).issues.map((i) => i.message), ['Enter email address']);
  assert.match(v.validate({ email: '' }).error.details[0].message, /correct format/);
  assert.equal(v.validate({ email: '' }, { emptyAsMissing: true }).error.details[0].message, 'Enter email address');
  const off = fieldnote.compile({ type: 'object', properties: { age: { type: 'integer', title: 'Age' } } }, { emptyAsMissing: false });
  assert.equal((await off['~standard'].validate({ age: NaN })).issues.length, 1);
});

const petstore = readFileSync(new URL('../fixtures/openapi/petstore-expanded-3.0.json', import.meta.url), 'utf8');

test('compile(openapiDoc, { ref }) and { operationId }: a schema object straight from an OpenAPI document', () => {
  const pet = fieldnote.compile(petstore, { ref: '#/components/schemas/NewPet' });
  assert.equal(pet.validate({ name: 'Rex' }), null);
  assert.deepEqual(pet.validate({}).error.details.map((d) => d.field), ['name']);
  const add = fieldnote.compile(petstore, { operationId: 'addPet' });
  assert.equal(add.validate({ name: 'Rex', tag: 'dog' }), null);
  assert.notEqual(add.validate({ tag: 7 }), null);
  assert.throws(() => fieldnote.compile(petstore, { operationId: 'noSuchOperation' }), /noSuchOperation/);
});

test('strict mode rejects a typo and an unknown format, naming the place; off by default', () => {
  assert.throws(() => fieldnote.compile({ type: 'object', requried: ['name'] }, { strict: true }), /requried.*unknown keyword.*did you mean "required"/);
  assert.throws(() => fieldnote.compile({ type: 'object', properties: { tel: { type: 'string', format: 'phone' } } }, { strict: true }), /\/properties\/tel\/format/);
  assert.equal(fieldnote.compile({ type: 'object', requried: ['name'] }).validate({}), null);
  assert.throws(() => fieldnote.compile({}, { strict: 'yes' }), /compile options: .*strict/);
});
