// fieldnote/runtime: runs validators compiled ahead of time (`npx fieldnote compile`, the Vite
// plugin `fieldnote/vite`, the webpack loader `fieldnote/webpack-loader`): no schema compiler.
import type { Ready, WasmSource, WordingOptions } from './types.js';
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
/** A validator from a program image (base64 text or bytes) made by `compileToImage`; `options` word its messages. */
export function load<T = unknown>(image: string | Uint8Array, options?: WordingOptions & { emptyAsMissing?: boolean }): Validator<T>;
