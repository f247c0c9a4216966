// fieldnote/validator — JSON Schema compiled at run time (2020-12 by default; 2019-09 and
// draft-07 by `$schema`), with its own WebAssembly module (the schema compiler and the
// metaschemas included). For schemas known at build time, `fieldnote/runtime` with a program
// compiled ahead of time is smaller and starts faster.
//
//   import { compile } from 'fieldnote/validator';
//   const signup = compile(schema, { labels: { email: 'Email address' } });
//   signup.validate(values); // null, or the spec's 422 envelope
//
// `compile()` may be called at module scope before the module has arrived (browsers): the
// validator is built on first use, and `await signup.ready` (or `await ready`) waits for it.
import * as glue from './fieldnote_validator.js';
import source from './sources/validator.js'; // the Node entry (validator.node.js, written by .ci/build) inlines the bytes instead
import { wasmModule, startFunctions, registerLocale, loadLocale, NotReadyError } from './loader.js';
import { Validator, jsonOf } from './validator-core.js';

const mod = wasmModule(glue, source, "fieldnote's validator module");

export { Validator, registerLocale, loadLocale, NotReadyError };

/** `ready` (await it to start the module), `init(source?)` and `initSync(bytes)`: see loader.js. */
export const { ready, init, initSync } = startFunctions(mod);

function schemaText(schema, what) {
  if (typeof schema !== 'string') return jsonOf(schema, what);
  try { JSON.parse(schema); } catch (e) { throw new SyntaxError(`fieldnote: ${what} is not JSON (${e.message})`, { cause: e }); }
  return schema;
}

/**
 * Compiles a JSON Schema (an object or JSON text) once; validate many times. Options: `locale`,
 * `labels`, `messages`, `formats`, `schemas` (other schemas `$ref` may name, by URI), `strict`,
 * `draft`, `emptyAsMissing`; `ref` or `operationId` pick a schema in an OpenAPI document.
 */
export function compile(schema, options = {}) {
  if (options == null || typeof options !== 'object') throw new TypeError('fieldnote: compile(schema, options): options must be an object');
  const text = schemaText(schema, 'the schema');
  const schemas = new Map(Object.entries(options.schemas ?? {}));
  const { locale, labels, messages, formats, strict, draft, contentAssertion, ref, operationId } = options;
  const optionsText = JSON.stringify({ locale, labels, messages, formats, strict, draft, contentAssertion, ref, operationId });
  const build = () => {
    let all = '';
    if (schemas.size) {
      const parts = [];
      for (const [uri, s] of schemas) parts.push(`${JSON.stringify(uri)}:${schemaText(s, `the schema "${uri}"`)}`);
      all = `{${parts.join(',')}}`;
    }
    return new glue.CompiledSchema(text, all, optionsText);
  };
  return new Validator(mod, build, options, (uri, s) => schemas.set(uri, s));
}

/** Compiles a schema to a program image for `fieldnote/runtime` (what `npx fieldnote compile` writes). */
export function compileToImage(schema, options = {}) {
  if (typeof glue.compileToImage !== 'function') throw new Error('fieldnote: this build cannot write program images');
  // Text goes to the core as is: its errors name the byte where the JSON goes wrong.
  const text = typeof schema === 'string' ? schema : jsonOf(schema, 'the schema');
  const all = options.schemas ? `{${Object.entries(options.schemas).map(([u, s]) => `${JSON.stringify(u)}:${schemaText(s, `the schema "${u}"`)}`).join(',')}}` : '';
  const { formats, strict, draft, contentAssertion, ref, operationId } = options;
  return mod.call(glue.compileToImage, text, all, JSON.stringify({ formats, strict, draft, contentAssertion, ref, operationId }));
}
