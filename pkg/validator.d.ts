// fieldnote/validator: JSON Schema compiled at run time, with its own WebAssembly module.
import type { CompileOptions, FromSchema, JsonSchema, Ready, WasmSource } from './types.js';
import { Validator } from './types.js';
export type * from './types.js';
export { Validator, NotReadyError } from './types.js';

/** Awaiting it starts the module (if not yet) and resolves once it runs. Needed only before synchronous calls made at start-up in browsers. */
export const ready: Ready;
/** Starts the module now (optional: it starts on first use); `source` says where its WebAssembly comes from (default: the package's own file). */
export function init(source?: WasmSource): Promise<void>;
/** Starts the module synchronously from bytes or a compiled `WebAssembly.Module`. */
export function initSync(module: BufferSource | WebAssembly.Module): void;
/** Loads and registers a shipped locale (`de`, `fr`, `es`, `ja`; `de-AT` → `de`); resolves to the tag in use (`en` for unknown ones). */
export function loadLocale(locale: string): Promise<string>;
/** Adds a locale's messages (a catalog object or its JSON text) to every module; returns its tag. */
export function registerLocale(catalog: string | object): string;
/**
 * Compiles a JSON Schema (an object or JSON text). Throws naming the place in the schema if it
 * cannot be used — at once where the module can start synchronously (Node, or after `ready`);
 * called at module scope in a browser before the module has arrived, on first use.
 */
export function compile<T = never, const S extends JsonSchema | string = JsonSchema | string>(schema: S, options?: CompileOptions):
  Validator<[T] extends [never] ? FromSchema<S> : T>;
/** Compiles a schema into a program image for `fieldnote/runtime` (what `npx fieldnote compile` writes). */
export function compileToImage(schema: JsonSchema | string, options?: Pick<CompileOptions, 'formats' | 'schemas'>): Uint8Array;
