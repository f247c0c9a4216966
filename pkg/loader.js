// fieldnote — starting a WebAssembly module when it is first needed.
//
// Each entry point (errors, validator, runtime) owns one module. In Node the
// bytes are inlined (base64), so the module starts synchronously on first use
// and nothing needs `await`. In browsers the module is fetched from its asset
// URL on first use, or when `ready` / `init()` is awaited; until it has
// arrived, synchronous calls throw `NotReadyError` (Standard Schema's
// `validate` returns a Promise instead).

/** Catalogs registered on this page, by tag: every module, and every restart, gets them. */
const catalogs = new Map();
/** Every module created, so `registerLocale` reaches all that are running. */
export const modules = [];

/**
 * Whether `value` is an instance of the platform class `name` (`FormData`, `Response` …). The
 * value's tag is read first: in Node, merely touching `FormData` or `Response` loads the fetch
 * implementation (~20 ms), which checking plain data must not pay.
 */
export function isA(value, name) {
  return value !== null && typeof value === 'object' && Object.prototype.toString.call(value) === `[object ${name}]` &&
    typeof globalThis[name] === 'function' && value instanceof globalThis[name];
}

/** Thrown by a synchronous call made while the WebAssembly module is still loading. */
export class NotReadyError extends Error {
  constructor(what) {
    super(`fieldnote: ${what} is still loading; \`await ready\` (or \`await init()\`) before calling it synchronously`);
    this.name = 'NotReadyError';
  }
}

function fromBase64(text) {
  if (typeof Buffer === 'function') return Buffer.from(text, 'base64');
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A start-up failure, with the fix when it is the page's Content-Security-Policy. */
function startError(what, e) {
  const text = String(e?.message ?? e);
  if (/Content.Security.Policy|unsafe-eval|wasm-eval|CSP/i.test(text)) {
    return new Error(
      `fieldnote: the browser refused to compile ${what}: the page's Content-Security-Policy must allow WebAssembly ` +
      `with script-src 'wasm-unsafe-eval' (no 'unsafe-eval' needed). Browser said: ${text}`, { cause: e });
  }
  if (/magic word|magic number/i.test(text)) {
    return new Error(
      `fieldnote: ${what} came back as something other than WebAssembly (an HTML page?): the server or bundler did not ` +
      `serve the package's .wasm file at its URL. With Vite 5–7, add the fieldnote plugin (fieldnote/vite) or ` +
      `optimizeDeps: { exclude: ['fieldnote'] }. Browser said: ${text}`, { cause: e });
  }
  return new Error(`fieldnote: ${what} could not start: ${text}`, { cause: e });
}

/**
 * The file's bytes when `source` is a `file:` URL and this is Node (a test runner's DOM
 * emulation such as jsdom or happy-dom resolves the browser entry there): read synchronously,
 * so the module starts at once as in Node. Else `undefined`.
 */
function fileBytes(source) {
  if (!(source instanceof URL) || source.protocol !== 'file:') return undefined;
  return globalThis.process?.getBuiltinModule?.('node:fs')?.readFileSync(source);
}

/** Bytes, a `Response`, a URL or a path string, or a compiled module → what wasm-bindgen's init takes. */
async function fetched(source) {
  return fileBytes(source) ?? source;
}

/**
 * A lazily started WebAssembly module. `glue` is the wasm-bindgen output (its default export
 * starts it from a URL or bytes; `initSync` from bytes), `source` the inlined base64 (Node) or the
 * asset URL (browsers), `what` its name in messages.
 */
export function wasmModule(glue, source, what) {
  let running = false;
  let starting = null;
  let failure = null;

  const m = {
    /** Bumped on each restart after a trap, so objects in wasm memory know to rebuild. */
    generation: 0,
    get running() { return running; },
    /** Whether it can start synchronously (its bytes are inlined, or a file in Node). */
    startsSync: typeof source === 'string' || (source instanceof URL && source.protocol === 'file:'
      && typeof globalThis.process?.getBuiltinModule === 'function'),
    /** Starts the module (idempotent). `input` overrides the source (URL, bytes, `Response`, module). */
    start(input) {
      if (running) return Promise.resolve();
      if (!starting) {
        if (input === undefined && m.startsSync) {
          try { m.startSync(); } catch (e) { return Promise.reject(e); }
          return Promise.resolve();
        }
        starting = (async () => {
          try {
            await glue.default({ module_or_path: await fetched(input ?? source) });
          } catch (e) {
            starting = null;
            failure = startError(what, e);
            throw failure;
          }
          started();
        })();
      }
      return starting;
    },
    /** Starts the module now from bytes or a compiled `WebAssembly.Module` (or the inlined bytes). */
    startSync(input) {
      if (running) return;
      let bytes = input;
      if (bytes === undefined) {
        if (!m.startsSync) throw new NotReadyError(what);
        bytes = typeof source === 'string' ? fromBase64(source) : fileBytes(source);
      }
      try {
        glue.initSync({ module: bytes });
      } catch (e) {
        failure = startError(what, e);
        throw failure;
      }
      started();
    },
    /**
     * Calls into wasm. Not started: starts it (synchronously in Node; in browsers the fetch
     * begins and `NotReadyError` is thrown). A trap (a bug: fieldnote never panics by design)
     * leaves the instance unusable, so it is replaced with a fresh one before the error is
     * thrown: the page keeps working.
     */
    call(fn, ...args) {
      if (!running) {
        if (m.startsSync && !starting) m.startSync();
        else {
          m.start().catch(() => {});
          if (failure) throw failure;
          throw new NotReadyError(what);
        }
      }
      try {
        return fn(...args);
      } catch (e) {
        if (e instanceof WebAssembly.RuntimeError) {
          glue.__wbg_reset_state();
          m.generation++;
          registerAll(glue);
          throw new Error(`fieldnote: internal error (${e.message}); the module was restarted and keeps working`, { cause: e });
        }
        throw e;
      }
    },
    glue,
  };

  function started() {
    running = true;
    failure = null;
    registerAll(glue);
  }

  modules.push(m);
  return m;
}

/** Gives a (re)started module every catalog registered so far. */
function registerAll(glue) {
  for (const json of catalogs.values()) {
    try { glue.registerLocale(json); } catch { /* it was accepted before */ }
  }
}

/**
 * Adds a locale's messages (a catalog object or its JSON text) to every module, now and when
 * each starts; returns its tag. A module that is running checks the catalog; with none running
 * it is checked when the first one starts.
 */
export function registerLocale(catalog) {
  const json = typeof catalog === 'string' ? catalog : JSON.stringify(catalog);
  let tag = null;
  for (const m of modules) {
    if (m.running) tag = m.call(m.glue.registerLocale, json);
  }
  if (tag === null) {
    let parsed;
    try { parsed = JSON.parse(json); } catch (e) { throw new SyntaxError(`fieldnote: registerLocale: the catalog is not JSON (${e.message})`, { cause: e }); }
    if (parsed == null || typeof parsed !== 'object' || typeof parsed.locale !== 'string' || parsed.locale === '') {
      throw new TypeError('fieldnote: registerLocale: the catalog needs a "locale" tag and "messages"');
    }
    tag = parsed.locale;
  }
  catalogs.set(tag.toLowerCase(), json);
  return tag;
}

/** Whether a catalog for `lang` was registered. */
export function hasLocale(lang) {
  return catalogs.has(lang);
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
  if (!Object.hasOwn(LOCALES, lang)) return 'en';
  if (catalogs.has(lang)) return lang;
  const mod = await LOCALES[lang]();
  return registerLocale(mod.default);
}

/**
 * An entry point's start-up functions for its module:
 * - `ready`: a thenable that starts the module only when awaited (importing costs nothing);
 * - `init(source?)`: starts it now (optional: it starts on first use); `source` overrides where
 *   the wasm comes from (a URL, bytes, a `Response`, a `WebAssembly.Module`, or `{ module_or_path }`);
 * - `initSync(module)`: starts it synchronously from bytes or a compiled `WebAssembly.Module`.
 */
export function startFunctions(mod) {
  return {
    ready: Object.freeze({
      then(resolve, reject) { return mod.start().then(resolve, reject); },
      catch(reject) { return mod.start().catch(reject); },
    }),
    init: (source) => mod.start(source?.module_or_path ?? source?.module ?? source),
    initSync: (module) => { mod.startSync(module?.module ?? module); },
  };
}
