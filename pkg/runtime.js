// fieldnote/runtime — runs validators compiled ahead of time: the page ships this small module and
// the compiled program, not the schema compiler or the metaschemas.
//
//   // vite.config.js: plugins: [fieldnote()]   (import fieldnote from 'fieldnote/vite')
//   import signup from './signup.schema.json?validator';
//   signup.validate(values); // the same answers and sentences as compile(schema)
//
// Or write the module with `npx fieldnote compile signup.schema.json -o signup.validator.js`.
import * as glue from './fieldnote_runtime.js';
import source from './sources/runtime.js'; // the Node entry (runtime.node.js, written by .ci/build) inlines the bytes instead
import { wasmModule, startFunctions, registerLocale, loadLocale, NotReadyError } from './loader.js';
import { Validator } from './validator-core.js';

const mod = wasmModule(glue, source, "fieldnote's runtime module");

export { Validator, registerLocale, loadLocale, NotReadyError };

/** `ready` (await it to start the module), `init(source?)` and `initSync(bytes)`: see loader.js. */
export const { ready, init, initSync } = startFunctions(mod);

function bytesOf(image) {
  if (image instanceof Uint8Array) return image;
  if (typeof image !== 'string') throw new TypeError('fieldnote: load(image): the image is base64 text or a Uint8Array (what compileToImage gives)');
  if (typeof Buffer === 'function') return Buffer.from(image, 'base64');
  const bin = atob(image);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * A validator from a program image made ahead of time. `options` word its messages (`locale`,
 * `labels`, `messages`) and say how empty answers read (`emptyAsMissing`). An image made by
 * another version of fieldnote is a clear error naming both versions (recompile it).
 */
export function load(image, options = {}) {
  if (options == null || typeof options !== 'object') throw new TypeError('fieldnote: load(image, options): options must be an object');
  const bytes = bytesOf(image);
  const { locale, labels, messages } = options;
  const optionsText = JSON.stringify({ locale, labels, messages });
  return new Validator(mod, () => glue.CompiledSchema.fromImage(bytes, optionsText), options);
}
