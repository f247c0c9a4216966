// A user's app: imports the package by name, as from npm, and is built by Vite.
import init, { compile, loadLocale } from 'fieldnote';
import { bindForm } from 'fieldnote/dom';

const schema = {
  type: 'object',
  required: ['name', 'quantity'],
  properties: {
    name: { type: 'string', minLength: 1 },
    quantity: { type: 'integer', minimum: 1 },
    email: { type: 'string', format: 'email' },
  },
};

async function main() {
  await init();
  const validator = compile(schema);
  const results = {
    valid: validator.validate({ name: 'Ada', quantity: 2 }),
    invalid: validator.validate({ quantity: 0, email: 'nope' }),
    fromText: validator.validateJson('{"name":"Ada","quantity":"2"}'),
    types: validator.typeAt('quantity'),
    standard: validator['~standard'].validate({ name: 'Ada', quantity: 1.5 }),
    chunksBeforeLocale: performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
  };
  results.locale = await loadLocale('de');
  results.german = validator.validate({ quantity: 2 }, { locale: 'de', labels: { name: 'Name' } }).error.details[0].message;
  results.chunksAfterLocale = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
  bindForm(document.getElementById('order'), { validator: compile({ properties: { quantity: { type: 'integer' } } }), onSubmit: (value) => { window.submitted = value; } });
  window.results = results;
}

main().catch((e) => { window.failure = String(e?.stack ?? e); });
