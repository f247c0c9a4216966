// fieldnote: everything in one import; each part's WebAssembly starts only when used.
import type { Ready } from './types.js';
export type * from './types.js';
export { Validator, NotReadyError } from './types.js';
export {
  normalize, normalizeResponse, tokenExpiresIn, shouldRefresh, backoff, canonicalPath, formatPath,
  registerLocale, send, renderPlan, toFormErrors, messageText, loadLocale, matchField, withFormKeys,
} from './errors.js';
export { compile } from './validator.js';

/** Awaiting it starts both modules and resolves once they run. Needed only before synchronous calls made at start-up in browsers. */
export const ready: Ready;
/** Starts both modules now (optional: each starts on first use). */
export default function init(): Promise<void>;
export { init };
