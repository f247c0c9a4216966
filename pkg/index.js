// fieldnote — the package entry for browsers and bundlers.
//
//   import init, { normalize } from 'fieldnote';
//   await init();
//
// This file adapts JS values (fetch `Headers`, `Date`s, random sources) and
// recovers from a WebAssembly trap; every decision is made in the Rust core.
import initWasm, * as wasm from './fieldnote.js';
import { makeSend } from './send.js';

let ready = false;

/** Loads and instantiates the WebAssembly module (idempotent). */
export default async function init(input) {
  const out = await initWasm(input === undefined ? undefined : { module_or_path: input });
  ready = true;
  return out;
}

/** Instantiates synchronously from bytes or a compiled `WebAssembly.Module`. */
export function initSync(module) {
  const out = wasm.initSync({ module });
  ready = true;
  return out;
}

/**
 * Calls into wasm. A trap (a bug: fieldnote never panics by design) leaves
 * the instance unusable, so it is replaced with a fresh one before the error
 * is thrown: the page keeps working.
 */
function call(fn, ...args) {
  if (!ready) {
    throw new Error("fieldnote: call `await init()` before using it (in Node, `import 'fieldnote'` initializes itself)");
  }
  try {
    return fn(...args);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      wasm.__wbg_reset_state();
      generation++;
      throw new Error(`fieldnote: internal error (${e.message}); the module was restarted and keeps working`, { cause: e });
    }
    throw e;
  }
}

/** Bumped on each restart, so objects living in wasm memory know to rebuild. */
export let generation = 0;

/** Traps inside wasm on purpose: lets tests prove recovery. Not API. */
export function __trapForTests() {
  return call(wasm.__trap);
}

function plainHeaders(h) {
  if (h == null || Array.isArray(h) || typeof h.forEach !== 'function') return h;
  const out = [];
  h.forEach((value, name) => out.push([name, value]));
  return out;
}

function plainInput(response) {
  if (response == null || typeof response !== 'object') {
    throw new TypeError('fieldnote: normalize() takes an object like { status, headers, body }');
  }
  const body = response.body;
  if (body != null && typeof body === 'object' && typeof body.getReader === 'function') {
    throw new TypeError('fieldnote: normalize() needs the body as text — use `await normalizeResponse(response)` for a fetch Response');
  }
  const input = { status: response.status, headers: plainHeaders(response.headers), body };
  if (response.request) input.request = { ...response.request, headers: plainHeaders(response.request.headers) };
  return input;
}

function plainOptions(options) {
  if (!options || !(options.now instanceof Date)) return options;
  return { ...options, now: options.now.getTime() };
}

/** Turns a response `{ status, headers, body, request? }` into what a person needs. */
export function normalize(response, options) {
  return call(wasm.normalize, plainInput(response), plainOptions(options));
}

/** Reads a fetch `Response` and normalizes it. */
export async function normalizeResponse(response, options) {
  const body = await response.text();
  return normalize({ status: response.status, headers: response.headers, body, request: options?.request }, options);
}

/** Seconds until a JWT expires (negative once expired); `undefined` if it has no `exp`. */
export function tokenExpiresIn(jwt, now = Date.now()) {
  return call(wasm.tokenExpiresIn, jwt, +now);
}

/** Whether to refresh a JWT now (it expires within `skewSeconds`, default 60). */
export function shouldRefresh(jwt, now = Date.now(), skewSeconds = 60) {
  return call(wasm.shouldRefresh, jwt, +now, skewSeconds);
}

/** Exponential backoff with full jitter, in ms, for retry `attempt` (1 = first retry). */
export function backoff(attempt, { baseMs = 500, capMs = 30_000, random = Math.random } = {}) {
  const r = typeof random === 'function' ? random() : random;
  return call(wasm.backoffMs, attempt, baseMs, capMs, r);
}

/** The canonical dotted form of a field path (`items[0].name` → `items.0.name`). */
export function canonicalPath(path) {
  return call(wasm.canonicalPath, String(path));
}

/** A field path in another syntax: "dotted", "bracket" or "pointer". */
export function formatPath(path, style) {
  return call(wasm.formatPath, String(path), style);
}

/** Adds a locale's messages (a catalog object or its JSON text); returns its tag. */
export function registerLocale(catalog) {
  return call(wasm.registerLocale, typeof catalog === 'string' ? catalog : JSON.stringify(catalog));
}

// --- send(): fetch with the spec's retry and token-refresh rules (send.js) ---

/** Sends a request; retries, waits and refreshes the token as the core decides. Resolves to `{ response, result }`. */
export const send = makeSend(call);
// --- Forms: the decisions `fieldnote/dom` renders, for any framework. ---

/**
 * What a form shows for a normalize result or a validator's envelope: summary lines in page
 * order, one inline message per field, the page title, focus and a panel (sign in, countdown,
 * support report). `options.fieldOrder` lists the form's fields in page order.
 */
export function renderPlan(result, options = {}) {
  return JSON.parse(call(wasm.renderPlanJson, JSON.stringify(result ?? null), JSON.stringify(options ?? {})));
}

/** A result's errors in React Hook Form's `setError` shape, form-level ones under `root.server`. */
export function toFormErrors(result, { style = 'dotted', root = 'root.server', locale = '' } = {}) {
  const json = call(wasm.toFormErrorsJson, JSON.stringify(result ?? null), String(style), String(root), String(locale));
  if (!json) throw new TypeError('fieldnote: toFormErrors: style must be "dotted", "bracket" or "pointer"');
  return JSON.parse(json);
}

/** A sentence of the message catalog (e.g. `form.summary_title`) in `locale`, placeholders filled. */
export function messageText(key, locale = '', args = {}) {
  return call(wasm.messageTextJson, String(key), String(locale ?? ''), JSON.stringify(args ?? {}));
}
