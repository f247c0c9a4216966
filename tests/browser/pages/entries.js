// Every entry point of the package in a real browser (tests/browser/entries.test.mjs runs this in
// Chromium and Firefox). The server holds the validator's wasm back for a moment, so `compile()`
// at module scope runs before it has arrived, as in a page that does not await anything.
import { compile, NotReadyError } from '/pkg/validator.js';
import * as errors from '/pkg/errors.js';
import * as runtime from '/pkg/runtime.js';
import * as index from '/pkg/index.js';
import { bindForm } from '/pkg/dom.js';

const schema = { type: 'object', required: ['name'], properties: { name: { type: 'string', title: 'Full name', minLength: 2 } } };
const out = { log: [] };
const note = (what, value) => { out[what] = value; };

// Module scope, before the wasm has arrived: compile() works; synchronous use says "await ready".
const early = compile(schema);
try { early.validate({}); note('earlyValidate', 'answered'); } catch (e) { note('earlyValidate', `${e.name}: ${e.message}`); note('earlyIsNotReady', e instanceof NotReadyError); }
const pending = early['~standard'].validate({});
note('standardIsPromise', pending instanceof Promise);

try {
  note('standardAfterLoad', await pending);
  await early.ready;
  note('validate', early.validate({ name: 'A' }));
  note('validateJson', early.validateJson('{}'));
  note('typeAt', early.typeAt('name'));

  // fieldnote/errors: its own module, started by `ready`.
  await errors.ready;
  const r = errors.normalize({ status: 422, body: JSON.stringify({ error: { code: 'validation_failed', message: 'Fix the fields', details: [{ field: 'name', message: 'Enter your name' }] } }) });
  note('normalize', { ok: r.ok, category: r.category, fields: r.fields });
  note('plan', errors.renderPlan(r, { fieldOrder: ['name'] }).summary);
  note('formErrors', errors.toFormErrors(r));
  note('canonical', errors.canonicalPath('items[0].name'));

  // fieldnote/runtime with an image from the validator module (as the build tools write it).
  const image = (await import('/pkg/validator.js')).compileToImage(schema);
  const loaded = runtime.load(image);
  await loaded.ready;
  note('runtimeSame', JSON.stringify(loaded.validate({ name: 'A' })) === JSON.stringify(early.validate({ name: 'A' })));

  // fieldnote: both, through the one import.
  await index.ready;
  note('indexCompile', index.compile(schema).validate({}).error.details[0].message);
  note('indexNormalize', index.normalize({ status: 404 }).category);

  // fieldnote/dom draws what the core decided.
  document.body.insertAdjacentElement('beforeend', Object.assign(document.createElement('form'), { id: 'f', noValidate: true }));
  const form = document.getElementById('f');
  const label = Object.assign(document.createElement('label'), { htmlFor: 'name', textContent: 'Full name' });
  const input = Object.assign(document.createElement('input'), { id: 'name', name: 'name' });
  const button = Object.assign(document.createElement('button'), { type: 'submit', textContent: 'Go' });
  form.append(label, input, button);
  bindForm(form, { validator: early, onSubmit: () => {} });
  button.click();
  await new Promise((r) => setTimeout(r, 50));
  note('summary', [...document.querySelectorAll('.fieldnote-error-summary li')].map((li) => li.textContent));
  document.getElementById('status').textContent = 'done';
} catch (e) {
  note('error', `${e.name}: ${e.message}`);
  document.getElementById('status').textContent = 'failed';
}
window.entryResults = out;
