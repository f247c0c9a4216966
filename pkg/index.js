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
      // The fresh instance knows only English: give it the locales back.
      for (const json of catalogs.values()) {
        try { wasm.registerLocale(json); } catch { /* it was accepted before */ }
      }
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

/** Catalogs registered on this page, by tag (given back to a restarted instance). */
const catalogs = new Map();

/** Adds a locale's messages (a catalog object or its JSON text); returns its tag. */
export function registerLocale(catalog) {
  const json = typeof catalog === 'string' ? catalog : JSON.stringify(catalog);
  const tag = call(wasm.registerLocale, json);
  catalogs.set(tag.toLowerCase(), json);
  return tag;
}

// The locales that ship beside English, each a separate module loaded on demand (so pages in
// English download none of them). Static specifiers: bundlers split each into its own chunk.
const LOCALES = {
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  ja: () => import('./locales/ja.js'),
};

/**
 * Loads and registers the messages of `locale` (`'de'`, `'fr-CA'` → `fr`, ...). Resolves to the
 * tag now in use: English for English and for locales fieldnote does not ship (no error).
 */
export async function loadLocale(locale) {
  const lang = String(locale ?? '').toLowerCase().split(/[-_]/)[0];
  const load = LOCALES[lang];
  if (!load) return 'en';
  if (catalogs.has(lang)) return lang;
  const mod = await load();
  return registerLocale(mod.default);
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

// --- Validation: compile(schema, options) → Validator ---

const freed = () => new Error('fieldnote: this validator was freed (free() was called); compile the schema again');

/** `JSON.stringify` for the boundary: `undefined` is `null`; cycles and BigInts are clear errors. */
function jsonOf(value, what) {
  if (value === undefined) return 'null';
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (e) {
    throw new TypeError(`fieldnote: ${what} cannot be written as JSON (${e.message})`, { cause: e });
  }
}

/** Per-call wording options as JSON text, or '' when there are none (the common case). */
function callOptions(o) {
  if (o == null || typeof o !== 'object') return '';
  const { locale, labels, messages } = o;
  if (locale == null && labels == null && messages == null) return '';
  return JSON.stringify({ locale, labels, messages });
}

/** A canonical dotted path as Standard Schema path segments: numbers where the value holds an array. */
function segmentsOf(value, path) {
  if (path === '') return undefined;
  const out = [];
  let cur = value;
  for (const seg of path.split('.')) {
    if (Array.isArray(cur) && /^(0|[1-9]\d*)$/.test(seg)) {
      out.push(Number(seg));
      cur = cur[Number(seg)];
    } else {
      out.push(seg);
      cur = cur != null && typeof cur === 'object' ? cur[seg] : undefined;
    }
  }
  return out;
}

/**
 * A compiled JSON Schema (2020-12 by default; draft-07 and 2019-09 by `$schema`). Lives in wasm
 * memory: `free()` releases it now, and a forgotten one is released when garbage-collected. After
 * an internal error restarts the module, it rebuilds itself from its schema on next use.
 */
export class Validator {
  #schema;
  #schemas;
  #options;
  #handle = null;
  #gen = -1;
  #freed = false;
  #types = new Map();

  constructor(schema, options = {}) {
    if (options == null || typeof options !== 'object') throw new TypeError('fieldnote: compile(schema, options): options must be an object');
    this.#schema = typeof schema === 'string' ? schema : jsonOf(schema, 'the schema');
    this.#schemas = new Map();
    for (const [uri, s] of Object.entries(options.schemas ?? {})) this.#schemas.set(uri, s);
    const { locale, labels, messages, formats } = options;
    this.#options = JSON.stringify({ locale, labels, messages, formats });
    /** Standard Schema v1: lets any library that takes a Standard Schema use this validator. */
    this['~standard'] = Object.freeze({ version: 1, vendor: 'fieldnote', validate: (value) => this.#standard(value) });
    this.#compiled(); // a schema that cannot be used throws now, naming the place
  }

  /** The wasm side, (re)built when missing, changed by `addSchema`, or lost in a restart. */
  #compiled() {
    if (this.#freed) throw freed();
    if (this.#handle && this.#gen === generation) return this.#handle;
    this.#drop();
    let schemas = '';
    if (this.#schemas.size) {
      const parts = [];
      for (const [uri, s] of this.#schemas) {
        let text = s;
        if (typeof s === 'string') {
          try { JSON.parse(s); } catch (e) { throw new SyntaxError(`fieldnote: the schema "${uri}" is not JSON (${e.message})`, { cause: e }); }
        } else {
          text = jsonOf(s, `the schema "${uri}"`);
        }
        parts.push(`${JSON.stringify(uri)}:${text}`);
      }
      schemas = `{${parts.join(',')}}`;
    }
    const handle = call(() => new wasm.CompiledSchema(this.#schema, schemas, this.#options));
    this.#handle = handle;
    this.#gen = generation;
    this.#types.clear();
    return handle;
  }

  #drop() {
    const handle = this.#handle;
    this.#handle = null;
    if (!handle) return;
    // After a restart its memory went with the old instance: only forget it.
    if (this.#gen === generation) call(() => handle.free());
    else handle.__destroy_into_raw();
  }

  /** `null` when valid, else `{ error: { code: "validation_failed", message, details: [{ field, message }] } }`. */
  validate(value, options) {
    const handle = this.#compiled();
    const json = call(() => handle.envelope(jsonOf(value, 'the value'), callOptions(options)));
    return json === undefined ? null : JSON.parse(json);
  }

  /** Like `validate`, for JSON text (a request body about to be sent). Throws if the text is not JSON. */
  validateJson(text, options) {
    if (typeof text !== 'string') throw new TypeError('fieldnote: validateJson(text) takes JSON text; use validate(value) for a value');
    const handle = this.#compiled();
    const json = call(() => handle.envelope(text, callOptions(options)));
    return json === undefined ? null : JSON.parse(json);
  }

  /** Every failure: `[{ path, keyword, params, message, schemaPath }]` (empty when valid). */
  issues(value, options) {
    const handle = this.#compiled();
    const json = call(() => handle.issues(jsonOf(value, 'the value'), callOptions(options)));
    return json === undefined ? [] : JSON.parse(json);
  }

  /** Adds a schema that `$ref` may name by `uri` (nothing is fetched); recompiles on next use. */
  addSchema(uri, schema) {
    if (this.#freed) throw freed();
    this.#schemas.set(String(uri), schema);
    this.#drop();
    return this;
  }

  /** The JSON types allowed at a field path (`["integer"]`, `["string", "null"]`), or `null` if unconstrained or unknown. */
  typeAt(path) {
    const handle = this.#compiled();
    const key = String(path);
    let types = this.#types.get(key);
    if (types === undefined) {
      const t = call(() => handle.typeAt(key));
      types = t === undefined ? null : t.split(',');
      this.#types.set(key, types);
    }
    return types && [...types];
  }

  /** Releases the wasm memory now (safe to call twice); the validator cannot be used afterwards. */
  free() {
    this.#drop();
    this.#freed = true;
  }

  #standard(value) {
    let list;
    try {
      const handle = this.#compiled();
      const json = call(() => handle.issues(jsonOf(value, 'the value'), ''));
      if (json === undefined) return { value };
      list = JSON.parse(json);
    } catch (e) {
      return { issues: [{ message: e.message }] };
    }
    return { issues: list.map((i) => ({ message: i.message, path: segmentsOf(value, i.path) })) };
  }
}

/** Compiles a JSON Schema (an object or JSON text) once; validate many times. */
export function compile(schema, options) {
  return new Validator(schema, options);
}

/** Compiled schemas alive in wasm memory (tests of `free` and garbage collection). Not API. */
export function __liveSchemasForTests() {
  return call(wasm.__liveSchemas);
}
