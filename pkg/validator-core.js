// fieldnote — the `Validator` shared by `fieldnote/validator` (schemas compiled at run time) and
// `fieldnote/runtime` (programs compiled ahead of time). It converts values and keeps the wasm
// handle alive; every decision is made in the Rust core.
const freed = () => new Error('fieldnote: this validator was freed (free() was called); create it again');

/** `JSON.stringify` for the boundary: `undefined` is `null`; cycles and BigInts are clear errors. */
export function jsonOf(value, what) {
  if (value === undefined) return 'null';
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (e) {
    throw new TypeError(`fieldnote: ${what} cannot be written as JSON (${e.message})`, { cause: e });
  }
}

/** Objects that `JSON.stringify` would silently write as `{}`: a clear error instead. */
function checkValue(value) {
  if (value == null || typeof value !== 'object') return;
  const kind = (typeof FormData === 'function' && value instanceof FormData) ? 'a FormData'
    : (typeof URLSearchParams === 'function' && value instanceof URLSearchParams) ? 'a URLSearchParams'
      : value instanceof Map ? 'a Map' : value instanceof Set ? 'a Set'
        : (typeof Response === 'function' && value instanceof Response) ? 'a fetch Response' : null;
  if (kind) {
    throw new TypeError(`fieldnote: validate() takes plain JSON data, and got ${kind} (it would read as {}). ` +
      'For a form, use bindForm from fieldnote/dom, or build an object of typed values first.');
  }
}

/**
 * A form's answers as a validator should read them: an empty text box (`''`) and an empty number
 * box (`NaN`, what React Hook Form's `valueAsNumber` gives) are missing answers, so `required`
 * says "Enter …" instead of complaining about the format. Plain objects only, copied.
 */
export function withoutEmptyAnswers(value) {
  if (Array.isArray(value)) return value.map(withoutEmptyAnswers);
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === '' || (typeof v === 'number' && Number.isNaN(v)) || v === undefined) continue;
    out[key] = withoutEmptyAnswers(v);
  }
  return out;
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
 * A compiled JSON Schema. Lives in wasm memory: `free()` releases it now, and a forgotten one is
 * released when garbage-collected. After an internal error restarts the module, it rebuilds
 * itself on next use. Made before its module has arrived (a browser page calling `compile()` at
 * module scope), it is built on first use; `await validator.ready` waits for that.
 */
export class Validator {
  #mod;
  #build;
  #handle = null;
  #gen = -1;
  #freed = false;
  #types = new Map();
  #empty;
  #addSchema;

  /** Not for direct use: `compile()` (fieldnote/validator) and `load()` (fieldnote/runtime) make validators. */
  constructor(mod, build, options = {}, addSchema = null) {
    this.#mod = mod;
    this.#build = build;
    this.#addSchema = addSchema;
    this.#empty = options.emptyAsMissing;
    /** Standard Schema v1: lets any library that takes a Standard Schema use this validator. */
    this['~standard'] = Object.freeze({ version: 1, vendor: 'fieldnote', validate: (value) => this.#standard(value) });
    // Build now when the module can run now (Node, or a started page), so a schema that cannot be
    // used throws here, naming the place; else the module starts loading.
    if (mod.running || mod.startsSync) this.#compiled();
    else mod.start().catch(() => {});
  }

  /** Resolves when the validator is ready for synchronous use (its module started, the schema built). */
  get ready() {
    return this.#mod.start().then(() => { this.#compiled(); });
  }

  /** The wasm side, (re)built when missing, changed by `addSchema`, or lost in a restart. */
  #compiled() {
    if (this.#freed) throw freed();
    if (this.#handle && this.#gen === this.#mod.generation) return this.#handle;
    this.#drop();
    const handle = this.#mod.call(this.#build);
    this.#handle = handle;
    this.#gen = this.#mod.generation;
    this.#types.clear();
    return handle;
  }

  #drop() {
    const handle = this.#handle;
    this.#handle = null;
    if (!handle) return;
    // After a restart its memory went with the old instance: only forget it.
    if (this.#gen === this.#mod.generation) this.#mod.call(() => handle.free());
    else handle.__destroy_into_raw();
  }

  /** Adds a schema that `$ref` may name by `uri` (nothing is fetched); rebuilds on next use. */
  addSchema(uri, schema) {
    if (this.#freed) throw freed();
    if (!this.#addSchema) {
      throw new TypeError('fieldnote: a validator compiled ahead of time cannot learn new schemas: give them to the compiler ' +
        '(`fieldnote compile --schema <uri>=<file>`, or the plugin\'s `schemas` option)');
    }
    this.#addSchema(String(uri), schema);
    this.#drop();
    return this;
  }

  #value(value, options) {
    checkValue(value);
    const empty = options?.emptyAsMissing ?? this.#empty;
    return jsonOf(empty === true ? withoutEmptyAnswers(value) : value, 'the value');
  }

  /** `null` when valid, else `{ error: { code: "validation_failed", message, details: [{ field, message }] } }`. */
  validate(value, options) {
    const handle = this.#compiled();
    const text = this.#value(value, options);
    const json = this.#mod.call(() => handle.envelope(text, callOptions(options), true));
    return json === undefined ? null : JSON.parse(json);
  }

  /** Like `validate`, for JSON text (a request body about to be sent). Throws if the text is not JSON. */
  validateJson(text, options) {
    if (typeof text !== 'string') throw new TypeError('fieldnote: validateJson(text) takes JSON text; use validate(value) for a value');
    const handle = this.#compiled();
    const json = this.#mod.call(() => handle.envelope(text, callOptions(options), false));
    return json === undefined ? null : JSON.parse(json);
  }

  /** Every failure: `[{ path, keyword, params, message, schemaPath }]` (empty when valid). */
  issues(value, options) {
    const handle = this.#compiled();
    const text = this.#value(value, options);
    const json = this.#mod.call(() => handle.issues(text, callOptions(options), true));
    return json === undefined ? [] : JSON.parse(json);
  }

  /** Whether `value` is valid (a type guard in TypeScript). */
  isValid(value) {
    return this.validate(value) === null;
  }

  /** The JSON types allowed at a field path (`["integer"]`, `["string", "null"]`), or `null` if unconstrained or unknown. */
  typeAt(path) {
    const handle = this.#compiled();
    const key = String(path);
    let types = this.#types.get(key);
    if (types === undefined) {
      const t = this.#mod.call(() => handle.typeAt(key));
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

  /** `using v = compile(schema)` frees it at the end of the block (where the runtime has `Symbol.dispose`). */
  [Symbol.dispose ?? Symbol.for('Symbol.dispose')]() {
    this.free();
  }

  /** Standard Schema: a form is the source, so empty answers read as missing unless `emptyAsMissing: false`. */
  #standard(value) {
    if (!this.#mod.running) {
      // Still loading (a browser page that has not awaited `ready`): answer when it has arrived.
      return this.#mod.start().then(() => this.#standard(value), (e) => ({ issues: [{ message: e.message }] }));
    }
    let list;
    const input = this.#empty === false ? value : withoutEmptyAnswers(value);
    try {
      const handle = this.#compiled();
      const json = this.#mod.call(() => handle.issues(jsonOf(input, 'the value'), '', true));
      if (json === undefined) return { value };
      list = JSON.parse(json);
    } catch (e) {
      return { issues: [{ message: e.message }] };
    }
    return { issues: list.map((i) => ({ message: i.message, path: segmentsOf(value, i.path) })) };
  }
}
