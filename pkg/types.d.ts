// Types shared by fieldnote's entry points (fieldnote, fieldnote/errors, fieldnote/validator,
// fieldnote/runtime).

/** Header fields: a plain object, a list of [name, value] pairs, or a fetch `Headers`. */
export type HeaderFields = Record<string, string> | Array<[string, string]> | Headers;
/** The request behind a response, kept for support reports. */
export interface RequestDetails { method?: string; url?: string; headers?: HeaderFields; body?: string | object | null }
/** A response as received. `body` is the text (or already-parsed JSON). */
export interface NormalizeInput { status: number; headers?: HeaderFields; body?: string | object | null; request?: RequestDetails }
/** Options for `normalize`. `now` is ms since the epoch (default `Date.now()`). */
export interface NormalizeOptions {
  now?: number | Date; locale?: string; dialect?: string; attempts?: number[];
  /** Minutes east of UTC of the person's clock (default: the page's), for "Try again at 14:30". */
  utcOffsetMinutes?: number;
  /** The body already read (`await res.json()`), when `normalize` is given a fetch `Response`. */
  body?: unknown;
}
/** The kind of failure. */
export type Category = "validation" | "bad_request" | "unauthenticated" | "forbidden" | "not_found" | "conflict" | "rate_limited" | "server_error" | "bad_gateway" | "unavailable" | "unknown";
/** What the UI should do next. */
export type Action = "fix_fields" | "sign_in" | "retry_later" | "check_link" | "reload" | "contact_support" | "none";
/** A support report: `text` to paste, the rest as data. Credentials are redacted. */
export interface SupportReport {
  text: string; timestamp: string; attempts: string[];
  request: { method: string | null; url: string | null; headers: Record<string, string>; body: string | null } | null;
  status: number; requestIds: Record<string, string>; code: string | null; message: string;
  response: { headers: Record<string, string>; body: unknown };
}
/** What every `normalize` result holds. */
interface NormalizeCommon {
  status: number;
  /** The server's own top-level message as sent (cut at 500 characters), shown or not; text only. */
  serverMessage: string | null;
  /** Canonical dotted path → messages, in the server's order. */
  fields: Record<string, string[]>;
  formErrors: string[];
  retry: { retryable: boolean; afterSeconds: number | null };
  dialect: string | null;
}
/** A response that is not an error (2xx, 3xx): nothing to show. */
export interface NormalizeSuccess extends NormalizeCommon {
  ok: true; category: null; code: null; message: null; action: "none"; report: null; messageSource: null;
}
/** An error response: one plain message, the fields at fault, the next step, a report for support. */
export interface NormalizeFailure extends NormalizeCommon {
  ok: false; category: Category; code: string | null; message: string; action: Action;
  report: SupportReport | null;
  /** Whose words `message` is: the server's (a sentence meant for people) or fieldnote's. */
  messageSource: "server" | "fieldnote";
}
/** Everything a UI needs about a response; narrow it with `if (!result.ok)`. */
export type NormalizeResult = NormalizeSuccess | NormalizeFailure;
/** Options for `backoff`. */
export interface BackoffOptions { baseMs?: number; capMs?: number; random?: number | (() => number) }
/** A path syntax form libraries use. */
export type PathStyle = "dotted" | "bracket" | "pointer";
/** A validator's answer: `null` when valid, else the spec's envelope. */
export interface ErrorEnvelope { error: { code: string; message: string; details: Array<{ field: string; message: string }> } }
/** A field of the form, in page order: its path (any syntax), the id to link to, and whether it is a group (fieldset) that also takes errors of paths under it. A string is a path whose element id is the same text. */
export type PlanField = string | { path: string; id?: string; group?: boolean };
/** Options for `renderPlan`. `title` is the page's own title (to prefix with "Error: "). */
export interface RenderPlanOptions { fieldOrder?: PlanField[]; locale?: string; title?: string; labels?: Record<string, string> }
/** A panel shown in the error summary when fixing fields is not the (whole) answer. `text` holds its interface strings. */
export interface PlanPanel {
  kind: "sign_in" | "countdown" | "support" | "message"; message: string; action: Action;
  seconds?: number; announceEvery?: number; report?: string; text: Record<string, string>;
}
/** What a form shows for a result: the same decisions `bindForm` renders. */
export interface RenderPlan {
  /** "Error: <title>" while there is an error, else null. */
  title: string | null; heading: string; errorPrefix: string;
  /** Form errors, then fields in page order, then fields the form does not have (no `href`). */
  summary: Array<{ path: string; message: string; href?: string }>;
  /** One inline message per field, by canonical path. */
  fields: Record<string, string>;
  focus: "summary" | null; panel: PlanPanel | null;
  /** Groups whose errors name only some parts: the parts at fault ({ dob: ["dob.year"] }); a group not listed is at fault as a whole. */
  parts: Record<string, string[]>;
}
/** Options for `toFormErrors`: the path style of the keys, and the key for form-level errors (default `root.server`; "" to leave them out). */
export interface FormErrorsOptions {
  style?: PathStyle; root?: string; locale?: string;
  /** The form's field names: a server's `Email` or `first_name` becomes `email` or `firstName` (see `matchField`). */
  fields?: Iterable<string>;
}


/** A `normalize` result for one `send`; `aborted` is true when the page's `AbortSignal` stopped it. */
export type SendResult = NormalizeResult & { aborted: boolean };
/** What `send` resolves to. `response` is the last `Response` (unread), or `null` when none came back. */
export interface Sent { response: Response | null; result: SendResult }
/** Options for `send`. Defaults: 2 retries, backoff 500 ms up to 30 s, stated waits up to 10 s, refresh 60 s before expiry. */
export interface SendOptions {
  /** Retries after 429, 502, 503, 504 or a network failure (idempotent methods or with `Idempotency-Key` only). */
  retries?: number;
  /** Backoff base and ceiling in ms (used when the server states no delay). */
  baseMs?: number; capMs?: number;
  /** A stated delay longer than this is not waited out: the result comes back for a countdown. */
  maxWaitMs?: number;
  /** The current access token (sent as `Authorization: Bearer …`). */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Gets a new token (and stores it where `getToken` reads it). Shared by concurrent sends (by `refreshKey`, else by the token being refreshed). */
  refreshToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Sends with the same key share one refresh; by default, sends holding the same token do. */
  refreshKey?: unknown;
  /** Bytes of an error body read (default 1 MiB), then its stream is cancelled. */
  maxBodyBytes?: number;
  /** How long an error body is read, in ms (default 5000). */
  bodyTimeoutMs?: number;
  /** Refresh a JWT this many seconds before it expires. */
  skewSeconds?: number;
  /** Called before each retry; `attempt` is 1 for the first retry. */
  onRetry?: (info: { attempt: number; delayMs: number; result: NormalizeResult }) => void;
  /** Passed to `normalize`. */
  locale?: string; dialect?: string;
  /** For tests: the clock (ms), the sleep, the random source (called once per attempt) and `fetch`. */
  now?: () => number | Date;
  sleep?: (ms: number, signal?: AbortSignal | null) => Promise<unknown>;
  random?: () => number;
  fetch?: (request: Request) => Promise<Response>;
}

/** A JSON type name, as `type` and `typeAt` use them. */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';
/** A JSON Schema (2020-12 by default; draft-07 and 2019-09 by `$schema`): an object or a boolean. */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };
/**
 * Messages to use instead of fieldnote's: by keyword (`{ minLength: '{Label} is too short' }`),
 * or by field path, for every failure of the field or per keyword
 * (`{ 'address.zip': { pattern: 'Enter a real postcode' } }`). Placeholders: `{label}`,
 * `{Label}`, `{limit}`, `{n}`, `{value}`, `{format}`, `{name}`, `{example}`.
 */
export type ValidatorMessages = Readonly<Record<string, string | Readonly<Record<string, string>>>>;
/** How messages are worded; also accepted per call by `validate`, `validateJson` and `issues`. */
export interface WordingOptions {
  /** A locale tag (`en`, `de`, `fr-CA`); load others with `loadLocale` first. Unknown ones are English. */
  locale?: string;
  /** Field labels by path (any syntax); a `*` segment matches any array index (`items.*.name`). */
  labels?: Readonly<Record<string, string>>;
  messages?: ValidatorMessages;
}
/** Options for `compile`. */
export interface CompileOptions extends WordingOptions {
  /** Check `format` (email, date, uri...). Default `true`. */
  formats?: boolean;
  /** Read `''` and `NaN` (what form libraries give for empty inputs) as missing answers: default for Standard Schema's `validate` (a form is the source), opt-in for `validate`; `false` turns it off everywhere. */
  emptyAsMissing?: boolean;
  /** Strict mode (Ajv's default): unknown keywords and formats, `required` names no value can have, and other mistakes fail `compile`, naming the place. Default `false` (the specification ignores unknown keywords). */
  strict?: boolean;
  /** The draft of a schema without `$schema`. Default 2020-12. */
  draft?: '2020-12' | '2019-09' | 'draft-07' | 'draft-06' | 'draft-04';
  /** Assert draft-07's `contentEncoding`/`contentMediaType`. */
  contentAssertion?: boolean;
  /** In an OpenAPI 3.0/3.1 document: the schema object at this JSON Pointer (`#/components/schemas/Signup`). */
  ref?: string;
  /** In an OpenAPI 3.0/3.1 document: the JSON request body of this operation. */
  operationId?: string;
  /** Other schemas by URI, for `$ref` (nothing is ever fetched). Objects or JSON text. */
  schemas?: Readonly<Record<string, JsonSchema | string>>;
}
/** What a validator returns for an invalid value: the spec's 422 envelope. */
export interface ValidationEnvelope extends ErrorEnvelope {
  error: { code: 'validation_failed'; message: string; details: Array<{ field: string; message: string }> };
}
/** The `params` of an issue, per keyword (Ajv's shapes). */
export interface IssueParams {
  required: { missingProperty: string };
  dependentRequired: { property: string; missingProperty: string };
  type: { type: string };
  const: { allowedValue: unknown };
  enum: { allowedValues: unknown[] };
  minLength: { limit: number }; maxLength: { limit: number };
  minItems: { limit: number }; maxItems: { limit: number };
  minProperties: { limit: number }; maxProperties: { limit: number };
  contains: { limit: number }; minContains: { limit: number }; maxContains: { limit: number };
  items: { limit: number }; additionalItems: { limit: number };
  minimum: { comparison: '>='; limit: number }; exclusiveMinimum: { comparison: '>'; limit: number };
  maximum: { comparison: '<='; limit: number }; exclusiveMaximum: { comparison: '<'; limit: number };
  formatMinimum: { comparison: '>='; limit: string }; formatExclusiveMinimum: { comparison: '>'; limit: string };
  formatMaximum: { comparison: '<='; limit: string }; formatExclusiveMaximum: { comparison: '<'; limit: string };
  multipleOf: { multipleOf: number };
  pattern: { pattern: string; tooComplex?: true };
  format: { format: string };
  uniqueItems: { i: number; j: number };
  additionalProperties: { additionalProperty: string };
  unevaluatedProperties: { unevaluatedProperty: string };
  propertyNames: { propertyName: string };
  oneOf: { passingSchemas?: [number, number] };
  anyOf: Record<string, never>; not: Record<string, never>; 'false schema': Record<string, never>;
  unevaluatedItems: Record<string, never>; contentEncoding: Record<string, never>; contentMediaType: Record<string, never>;
}
/** One failure: the field's canonical dotted path, the keyword, its params, the sentence and where in the schema. */
export type ValidationIssue = {
  [K in keyof IssueParams]: { path: string; keyword: K; params: IssueParams[K]; message: string; schemaPath: string }
}[keyof IssueParams];

/** Standard Schema v1 (https://standardschema.dev), the interface form libraries accept. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}
export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown, options?: Options | undefined) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  type Result<Output> = SuccessResult<Output> | FailureResult;
  interface SuccessResult<Output> { readonly value: Output; readonly issues?: undefined }
  interface Options { readonly libraryOptions?: Record<string, unknown> | undefined }
  interface FailureResult { readonly issues: ReadonlyArray<Issue> }
  interface Issue { readonly message: string; readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined }
  interface PathSegment { readonly key: PropertyKey }
  interface Types<Input = unknown, Output = Input> { readonly input: Input; readonly output: Output }
  type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['input'];
  type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['output'];
}

/** What fieldnote's `~standard.validate` answers: paths as keys and array indices. */
export type FieldnoteResult<T> = StandardSchemaV1.SuccessResult<T>
  | { readonly issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<string | number> }> };
/** fieldnote's `~standard`: synchronous, paths as keys and array indices. */
export interface FieldnoteStandardProps<T> extends StandardSchemaV1.Props<T, T> {
  readonly vendor: 'fieldnote';
  readonly validate: (value: unknown, options?: StandardSchemaV1.Options | undefined) =>
    FieldnoteResult<T> | Promise<FieldnoteResult<T>>;
}

/**
 * A compiled JSON Schema. Lives in WebAssembly memory: `free()` releases it at once, a
 * forgotten one is released when garbage-collected. `T` is the type of a valid value.
 */
export declare class Validator<T = unknown> implements StandardSchemaV1<T> {
  /** Resolves when the validator can be used synchronously (its WebAssembly module started, the schema built). */
  readonly ready: Promise<void>;
  /** Standard Schema v1: use the validator with any library that takes one. Returns a Promise while the module is loading. */
  readonly '~standard': FieldnoteStandardProps<T>;
  /** `null` when valid, else the spec's envelope (`field` a canonical dotted path). */
  validate(value: unknown, options?: WordingOptions): ValidationEnvelope | null;
  /** Like `validate`, for JSON text. Throws a `SyntaxError`-like `Error` if the text is not JSON. */
  validateJson(text: string, options?: WordingOptions): ValidationEnvelope | null;
  /** Every failure, raw (empty when valid). */
  issues(value: unknown, options?: WordingOptions): ValidationIssue[];
  /** The JSON types allowed at a field path, or `null` when unconstrained or unknown. */
  typeAt(path: string): JsonType[] | null;
  /** Adds a schema `$ref` may name by `uri`; rebuilds on next use. (A validator compiled ahead of time cannot: it throws, saying so.) */
  addSchema(uri: string, schema: JsonSchema | string): this;
  /** Whether `value` is valid: a type guard (no messages are built). */
  isValid(value: unknown): value is T;
  /** Releases the WebAssembly memory now. Safe to call twice; the validator cannot be used afterwards. */
  free(): void;
}

/** Thrown by a synchronous call made while a WebAssembly module is still loading (browsers): `await ready` first. */
export declare class NotReadyError extends Error {
  readonly name: 'NotReadyError';
}
/** Where a module's WebAssembly comes from, for `init(source)`: a URL, bytes, a fetch `Response`, a compiled module. */
export type WasmSource = string | URL | Request | Response | BufferSource | WebAssembly.Module | { module_or_path: string | URL | Request | Response | BufferSource | WebAssembly.Module };
/** Awaiting it starts the module and resolves once it runs. */
export type Ready = PromiseLike<void>;

/** One server error for React Hook Form's `setError`. */
export interface ServerFieldError { type: 'server'; message: string }

/**
 * The type of a valid value of a JSON Schema written `as const`: what `compile(schema)` infers
 * when no type argument is given. Objects keep an index signature (so form libraries' field
 * value types accept them); `$ref`, combinators and conditionals read as `unknown`.
 */
export type FromSchema<S> =
  S extends { readonly const: infer C } ? C :
  S extends { readonly enum: readonly (infer E)[] } ? E :
  S extends { readonly type: readonly (infer U)[] } ? FromSchema<Omit<S, 'type'> & { readonly type: U }> :
  S extends { readonly type: 'string' } ? string :
  S extends { readonly type: 'number' | 'integer' } ? number :
  S extends { readonly type: 'boolean' } ? boolean :
  S extends { readonly type: 'null' } ? null :
  S extends { readonly type: 'array' } ? (S extends { readonly items: infer I } ? FromSchema<I>[] : unknown[]) :
  S extends { readonly type: 'object'; readonly properties: infer P } ? ObjectFromSchema<P, S extends { readonly required: readonly (infer R)[] } ? R : never> :
  S extends { readonly type: 'object' } ? { [key: string]: unknown } : unknown;
type ObjectFromSchema<P, R> = Simplify<
  { -readonly [K in keyof P as K extends R ? K : never]: FromSchema<P[K]> } &
  { -readonly [K in keyof P as K extends R ? never : K]?: FromSchema<P[K]> } & { [key: string]: unknown }>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
