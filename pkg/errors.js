// fieldnote/errors — turning server error responses into what a person needs, with its own
// small WebAssembly module (no validator code).
//
//   import { normalize } from 'fieldnote/errors';
//   const result = normalize({ status: 422, headers, body });
//
// In Node it starts on first use. In browsers the module is fetched on first use or when
// `ready` is awaited; `await ready` before calling it from code that runs at start-up.
//
// This file adapts JS values (fetch `Headers`, `Date`s, random sources) and cuts inputs to
// the core's limits before they cross into wasm; every decision is made in the Rust core.
import * as glue from './fieldnote_errors.js';
import source from './sources/errors.js'; // the Node entry (errors.node.js, written by .ci/build) inlines the bytes instead
import { wasmModule, startFunctions, registerLocale, loadLocale, NotReadyError, isA } from './loader.js';
import { makeSend } from './send.js';

const mod = wasmModule(glue, source, "fieldnote's errors module");
const call = (fn, ...args) => mod.call(fn, ...args);

export { registerLocale, loadLocale, NotReadyError };

/** `ready` (await it to start the module), `init(source?)` and `initSync(bytes)`: see loader.js. */
export const { ready, init, initSync } = startFunctions(mod);

// --- Limits applied before crossing into wasm, matching the core's (README "Limits and safety"). ---

/** The core reads at most 1 MiB of a body (`dialects::MAX_BODY_BYTES`); one more char says it was cut. */
const MAX_BODY_CHARS = (1 << 20) + 1;
/** Header fields kept, and characters of each name and value (`report::MAX_FIELD_READ` + 1). */
const MAX_HEADERS = 256;
const MAX_HEADER_CHARS = 16 * 1024 + 1;
/** A request's URL and body, kept only for the support report (`MAX_FIELD_READ`, `MAX_BODY_READ`, + 1). */
const MAX_URL_CHARS = 16 * 1024 + 1;
const MAX_REQUEST_BODY_CHARS = 64 * 1024 + 1;

const cut = (s, n) => (s.length > n ? s.slice(0, n) : s);

function plainHeaders(h, what) {
  if (h == null) return undefined;
  const out = [];
  const add = (name, value) => {
    if (out.length < MAX_HEADERS) out.push([cut(String(name), MAX_HEADER_CHARS), cut(String(value), MAX_HEADER_CHARS)]);
  };
  if (typeof h.forEach === 'function' && !Array.isArray(h)) h.forEach((value, name) => add(name, value));
  else if (Array.isArray(h)) for (const pair of h) { if (Array.isArray(pair) && pair.length >= 2) add(pair[0], pair[1]); }
  else if (typeof h === 'object') for (const name of Object.keys(h)) { if (h[name] != null) add(name, h[name]); }
  else throw new TypeError(`fieldnote: ${what} must be an object of header fields, a list of [name, value] pairs or a fetch Headers`);
  return out;
}

/** A body as the core takes it: text cut to the limit (objects are written as JSON first). */
function plainBody(body, max, what) {
  if (body == null) return null;
  if (typeof body === 'string') return cut(body, max);
  if (typeof body === 'object' && typeof body.getReader === 'function') {
    throw new TypeError(`fieldnote: ${what} is a stream — use \`await normalizeResponse(response)\` for a fetch Response`);
  }
  if (typeof body === 'object' && (body instanceof ArrayBuffer || ArrayBuffer.isView(body))) {
    return cut(new TextDecoder().decode(body), max);
  }
  if (isA(body, 'FormData')) return null;
  if (isA(body, 'URLSearchParams')) return cut(body.toString(), max);
  let text;
  try { text = JSON.stringify(body); } catch { return null; }
  return text === undefined ? null : cut(text, max);
}

const isFetchResponse = (r) => isA(r, 'Response');

/** The request behind a response, for the report: axios' `config`, or ours. Never an XHR. */
function plainRequest(req) {
  if (!req || typeof req !== 'object' || (req.url === undefined && req.method === undefined)) return undefined;
  return {
    method: req.method == null ? undefined : cut(String(req.method).toUpperCase(), 32),
    url: req.url == null ? undefined : cut(String(req.url), MAX_URL_CHARS),
    headers: plainHeaders(req.headers, 'request.headers'),
    body: plainBody(req.body ?? req.data, MAX_REQUEST_BODY_CHARS, 'request.body'),
  };
}

function plainInput(response, options) {
  if (response == null || typeof response !== 'object') {
    throw new TypeError('fieldnote: normalize() takes an object like { status, headers, body }');
  }
  // An axios error holds the response under `response` (its `request` is an XHR: never read),
  // and the request under `config`.
  let request = response.isAxiosError || response.config ? plainRequest(response.config) : plainRequest(response.request);
  if (response.status === undefined && response.response && typeof response.response === 'object') {
    request ??= plainRequest(response.config);
    response = response.response;
  }
  const { status } = response;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 999) {
    const got = status === undefined ? 'no status' : `status ${JSON.stringify(status)}`;
    const hint = status === 0 ? ' (0 is what fetch gives for an opaque or failed response: there is no server answer to read)' : '';
    throw new TypeError(`fieldnote: normalize() needs the response's HTTP status, an integer from 100 to 999; got ${got}${hint}`);
  }
  let body;
  if (isFetchResponse(response)) {
    // A fetch Response: its body is a stream. Given the body already read (`.json()`), use it.
    if (options?.body === undefined) {
      throw new TypeError('fieldnote: normalize() got a fetch Response, whose body is a stream: use `await normalizeResponse(response)`, ' +
        'or pass the body you already read: normalize(response, { body: data })');
    }
    body = options.body;
  } else {
    // axios and similar clients call the parsed body `data`.
    body = options?.body !== undefined ? options.body : response.body !== undefined ? response.body : response.data;
  }
  const input = { status, headers: plainHeaders(response.headers, 'headers'), body: plainBody(body, MAX_BODY_CHARS, 'the body') };
  if (request) input.request = request;
  return input;
}

function plainOptions(options) {
  if (options == null) options = {};
  if (typeof options !== 'object') throw new TypeError('fieldnote: normalize(response, options): options must be an object');
  const { body, ...rest } = options;
  const now = rest.now instanceof Date ? rest.now.getTime() : rest.now ?? Date.now();
  // The person's clock, so a long wait can be said as a time of day ("Try again at 14:30").
  const utcOffsetMinutes = rest.utcOffsetMinutes ?? -new Date(now).getTimezoneOffset();
  return { ...rest, now, utcOffsetMinutes };
}

/** An axios error with no response: the request never got an answer (a network failure). */
function isNetworkFailure(e) {
  return e != null && typeof e === 'object' && e.isAxiosError === true && e.response == null;
}

/**
 * Turns a response into what a person needs: `{ status, headers, body, request? }`, an axios
 * error or response (`data` is the body), or a fetch Response with `{ body }` already read.
 */
export function normalize(response, options) {
  const opts = plainOptions(options);
  if (isNetworkFailure(response)) {
    const request = plainRequest(response.config) ?? { method: 'GET', url: '' };
    const step = call(glue.sendStep, { failure: 'network', detail: String(response.message ?? ''), request, ...opts, policy: { retries: 0 } });
    return step.result;
  }
  return call(glue.normalize, plainInput(response, options), opts);
}

/** Reads a fetch `Response` (at most about 1 MiB of its body) and normalizes it; `options.body` if already read. */
export async function normalizeResponse(response, options) {
  if (response == null || typeof response.text !== 'function' || typeof response.status !== 'number') {
    throw new TypeError('fieldnote: normalizeResponse() takes a fetch Response; for { status, headers, body } use normalize()');
  }
  await mod.start();
  let body = options?.body;
  if (body === undefined) {
    if (response.bodyUsed) {
      throw new TypeError('fieldnote: normalizeResponse(): the body was already read; pass it: normalizeResponse(response, { body: data })');
    }
    body = await response.text();
  }
  const { body: _, ...rest } = options ?? {};
  return normalize({ status: response.status, headers: response.headers, body, request: options?.request }, rest);
}

/** Seconds until a JWT expires (negative once expired); `undefined` if it has no `exp`. */
export function tokenExpiresIn(jwt, now = Date.now()) {
  return call(glue.tokenExpiresIn, String(jwt), +now);
}

/** Whether to refresh a JWT now (it expires within `skewSeconds`, default 60). */
export function shouldRefresh(jwt, now = Date.now(), skewSeconds = 60) {
  return call(glue.shouldRefresh, String(jwt), +now, skewSeconds);
}

/** Exponential backoff with full jitter, in ms, for retry `attempt` (1 = first retry). */
export function backoff(attempt, { baseMs = 500, capMs = 30_000, random = Math.random } = {}) {
  const r = typeof random === 'function' ? random() : random;
  return call(glue.backoffMs, attempt, baseMs, capMs, r);
}

/** The canonical dotted form of a field path (`items[0].name` → `items.0.name`). */
export function canonicalPath(path) {
  return call(glue.canonicalPath, String(path));
}

/**
 * The form field a server's key names, among `fields` (`Email` → `email`, `first_name` →
 * `firstName`, `EmailAddress` → `email`), or `null` when none or more than one fits: the same
 * canonical path first, then the same words ignoring case and `_ - space`, then a last segment
 * whose words start with all of the other's.
 */
export function matchField(key, fields) {
  const list = Array.from(fields ?? [], String);
  const i = call(glue.matchField, String(key), list);
  return i < 0 ? null : list[i];
}

/** A result whose field keys are the form's own names where a server spelled them otherwise. */
export function withFormKeys(result, fields) {
  if (!result || typeof result !== 'object' || !fields) return result;
  const list = Array.from(fields, String);
  if (result.fields && typeof result.fields === 'object') {
    // A Map, then own properties: a server's key may be `__proto__` or `constructor`.
    const out = new Map();
    for (const [key, messages] of Object.entries(result.fields)) {
      const k = canonicalPath(matchField(key, list) ?? key);
      if (!out.has(k)) out.set(k, []);
      out.get(k).push(...(Array.isArray(messages) ? messages : [messages]));
    }
    return { ...result, fields: Object.fromEntries(out) };
  }
  if (result.error && Array.isArray(result.error.details)) {
    const details = result.error.details.map((d) => (d && typeof d.field === 'string' && d.field !== ''
      ? { ...d, field: matchField(d.field, list) ?? d.field } : d));
    return { ...result, error: { ...result.error, details } };
  }
  return result;
}

/** A field path in another syntax: "dotted", "bracket" or "pointer". */
export function formatPath(path, style) {
  return call(glue.formatPath, String(path), style);
}

// --- send(): fetch with the spec's retry and token-refresh rules (send.js) ---

/** Sends a request; retries, waits and refreshes the token as the core decides. Resolves to `{ response, result }`. */
export const send = makeSend(call, () => mod.start());

// --- Forms: the decisions `fieldnote/dom` renders, for any framework. ---

/** A normalize result or a validator's envelope, else a clear error naming what was given. */
function outcome(result, what) {
  if (result === null || result === undefined) return null;
  const isResponse = typeof result === 'object' && typeof result.json === 'function' && typeof result.status === 'number';
  if (isResponse) {
    throw new TypeError(`fieldnote: ${what} takes a normalize() result or an error envelope, not a fetch Response: call \`await normalizeResponse(response)\` first`);
  }
  if (typeof result !== 'object' || Array.isArray(result) || !('ok' in result || 'error' in result)) {
    throw new TypeError(`fieldnote: ${what} takes a normalize() result ({ ok, fields, ... }) or an error envelope ({ error: { ... } }); got ${Array.isArray(result) ? 'an array' : typeof result}`);
  }
  return result;
}

/**
 * What a form shows for a normalize result or a validator's envelope: summary lines in page
 * order, one inline message per field, the page title, focus and a panel (sign in, countdown,
 * support report). `options.fieldOrder` lists the form's fields in page order.
 */
export function renderPlan(result, options = {}) {
  const r = outcome(result, 'renderPlan()');
  return JSON.parse(call(glue.renderPlanJson, JSON.stringify(r), JSON.stringify(options ?? {})));
}

/**
 * A result's errors in React Hook Form's `setError` shape, form-level ones under `root.server`.
 * Given `setError` (`toFormErrors(result, setError)`), calls it for each and returns how many.
 */
export function toFormErrors(result, setErrorOrOptions, maybeOptions) {
  const setError = typeof setErrorOrOptions === 'function' ? setErrorOrOptions : null;
  const { style = 'dotted', root = 'root.server', locale = '', fields } = (setError ? maybeOptions : setErrorOrOptions) ?? {};
  // `fields`: the form's field names, so a server's `Email` or `first_name` finds `email` or `firstName`.
  const r = withFormKeys(outcome(result, 'toFormErrors()'), fields);
  const json = call(glue.toFormErrorsJson, JSON.stringify(r), String(style), String(root), String(locale));
  if (!json) throw new TypeError('fieldnote: toFormErrors: style must be "dotted", "bracket" or "pointer"');
  const errors = JSON.parse(json);
  if (!setError) return errors;
  for (const [path, error] of Object.entries(errors)) setError(path, error);
  return Object.keys(errors).length;
}

/** A sentence of the message catalog (e.g. `form.summary_title`) in `locale`, placeholders filled. */
export function messageText(key, locale = '', args = {}) {
  return call(glue.messageTextJson, String(key), String(locale ?? ''), JSON.stringify(args ?? {}));
}
