// fieldnote — everything in one import, each part started only when used:
//
//   import { compile, normalize } from 'fieldnote';
//
// Server-error reading (`normalize`, `send`, ...) and validation (`compile`) live in two
// WebAssembly modules; a page fetches each when it first uses it. Pages that use one job can
// import it alone: `fieldnote/errors`, `fieldnote/validator`, or `fieldnote/runtime` for schemas
// compiled ahead of time. In Node nothing needs `await`. In browsers, `await ready` before
// calling synchronously from start-up code; `compile()` itself may run at module scope.
import * as errors from './errors.js';
import * as validator from './validator.js';

export {
  normalize, normalizeResponse, tokenExpiresIn, shouldRefresh, backoff, canonicalPath, formatPath,
  send, renderPlan, toFormErrors, messageText, matchField, withFormKeys,
} from './errors.js';
export { compile, Validator } from './validator.js';
export { registerLocale, loadLocale, NotReadyError } from './loader.js';

/** Resolves when both modules have started (starting them). */
export const ready = Object.freeze({
  then(resolve, reject) { return init().then(resolve, reject); },
  catch(reject) { return init().catch(reject); },
});

/**
 * Starts both modules (optional: each starts on first use). To start them from other URLs, use
 * `init` of `fieldnote/errors` and `fieldnote/validator`.
 */
export default function init(source) {
  if (source !== undefined) {
    return Promise.reject(new TypeError("fieldnote: init() of 'fieldnote' starts two modules from the package's own files; " +
      "to give a URL or bytes, call init(source) of 'fieldnote/errors' or 'fieldnote/validator'"));
  }
  return Promise.all([errors.init(), validator.init()]).then(() => undefined);
}
export { init };
