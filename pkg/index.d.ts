// Types for the fieldnote package. Result and input shapes are generated
// from the Rust side (fieldnote.d.ts); this file types the entry points.
import type {
  NormalizeInput, NormalizeOptions, NormalizeResult, BackoffOptions, PathStyle,
  InitInput, InitOutput, SyncInitInput,
  ErrorEnvelope, RenderPlan, RenderPlanOptions, FormErrorsOptions,
} from './fieldnote.js';

export type {
  HeaderFields, RequestDetails, NormalizeInput, NormalizeOptions, NormalizeResult, SupportReport,
  Category, Action, BackoffOptions, PathStyle, InitInput, InitOutput, SyncInitInput,
  ErrorEnvelope, PlanField, RenderPlanOptions, PlanPanel, RenderPlan, FormErrorsOptions,
} from './fieldnote.js';

/** Loads and instantiates the WebAssembly module (idempotent). Not needed in Node. */
export default function init(input?: InitInput | Promise<InitInput>): Promise<InitOutput>;
/** Instantiates synchronously from bytes or a compiled module. */
export function initSync(module: SyncInitInput): InitOutput;
/** Bumped each time the module restarts after an internal error. */
export let generation: number;

/** Turns a response into what a person needs: message, fields, action, retry, report. */
export function normalize(response: NormalizeInput, options?: NormalizeOptions): NormalizeResult;
/** Reads a fetch `Response` (its body) and normalizes it. */
export function normalizeResponse(response: Response, options?: NormalizeOptions & { request?: NormalizeInput['request'] }): Promise<NormalizeResult>;
/** Seconds until a JWT expires (negative once expired); `undefined` if it has no `exp`. Throws for a malformed token. */
export function tokenExpiresIn(jwt: string, now?: number | Date): number | undefined;
/** Whether to refresh a JWT now: it expires within `skewSeconds` (default 60). Throws for a malformed token. */
export function shouldRefresh(jwt: string, now?: number | Date, skewSeconds?: number): boolean;
/** Exponential backoff with full jitter, in ms, for retry `attempt` (1 = first retry). */
export function backoff(attempt: number, options?: BackoffOptions): number;
/** The canonical dotted form of a field path in any syntax. */
export function canonicalPath(path: string): string;
/** A field path written in another syntax. */
export function formatPath(path: string, style: PathStyle): string;
/** Adds a locale's messages (a catalog object or its JSON text); returns its tag. */
export function registerLocale(catalog: string | object): string;

// --- send(): fetch with the spec's retry and token-refresh rules ---

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
  /** Gets a new token (and stores it where `getToken` reads it). Shared by concurrent sends. */
  refreshToken?: () => string | null | undefined | Promise<string | null | undefined>;
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
/**
 * `fetch` with the spec's rules: retries transient failures (the server's stated delay, else
 * exponential backoff with full jitter), refreshes expiring or rejected tokens once, and resolves
 * to `{ response, result }` for every outcome — HTTP errors, network failures and aborts included.
 */
export function send(input: RequestInfo | URL, init?: RequestInit, options?: SendOptions): Promise<Sent>;
/** What a form shows for a result or a validator's envelope (the decisions `bindForm` renders). */
export function renderPlan(result: NormalizeResult | ErrorEnvelope | null, options?: RenderPlanOptions): RenderPlan;
/** A result's errors as React Hook Form's `setError` input; form-level ones under `root.server` (see `options.root`). */
export function toFormErrors(result: NormalizeResult | ErrorEnvelope | null, options?: FormErrorsOptions): Record<string, { type: 'server'; message: string }>;
/** A sentence of the message catalog (`form.summary_title`, `form.countdown`, ...) in `locale`, placeholders filled; a count `n` picks the plural. */
export function messageText(key: string, locale?: string, args?: Record<string, string | number>): string;

// --- Validation: compile(schema, options) → Validator ---

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

/** fieldnote's `~standard`: synchronous, paths as keys and array indices. */
export interface FieldnoteStandardProps<T> extends StandardSchemaV1.Props<T, T> {
  readonly vendor: 'fieldnote';
  readonly validate: (value: unknown, options?: StandardSchemaV1.Options | undefined) =>
    StandardSchemaV1.SuccessResult<T> | { readonly issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<string | number> }> };
}

/**
 * A compiled JSON Schema. Lives in WebAssembly memory: `free()` releases it at once, a
 * forgotten one is released when garbage-collected. `T` is the type of a valid value.
 */
export declare class Validator<T = unknown> implements StandardSchemaV1<T> {
  constructor(schema: JsonSchema | string, options?: CompileOptions);
  /** Standard Schema v1: use the validator with any library that takes one. */
  readonly '~standard': FieldnoteStandardProps<T>;
  /** `null` when valid, else the spec's envelope (`field` a canonical dotted path). */
  validate(value: unknown, options?: WordingOptions): ValidationEnvelope | null;
  /** Like `validate`, for JSON text. Throws a `SyntaxError`-like `Error` if the text is not JSON. */
  validateJson(text: string, options?: WordingOptions): ValidationEnvelope | null;
  /** Every failure, raw (empty when valid). */
  issues(value: unknown, options?: WordingOptions): ValidationIssue[];
  /** Adds a schema `$ref` may name by `uri`; recompiles on next use. */
  addSchema(uri: string, schema: JsonSchema | string): this;
  /** The JSON types allowed at a field path, or `null` when unconstrained or unknown. */
  typeAt(path: string): JsonType[] | null;
  /** Releases the WebAssembly memory now. Safe to call twice; the validator cannot be used afterwards. */
  free(): void;
}
/** Compiles a JSON Schema (an object or JSON text); throws naming the place in the schema if it cannot be used. */
export function compile<T = unknown>(schema: JsonSchema | string, options?: CompileOptions): Validator<T>;
/** Loads and registers a shipped locale (`de`, `fr`, `es`, `ja`; `de-AT` → `de`); resolves to the tag in use (`en` for unknown ones). */
export function loadLocale(locale: string): Promise<string>;
/** @internal Compiled schemas alive in WebAssembly memory. */
export function __liveSchemasForTests(): number;
/** @internal Traps inside WebAssembly on purpose (tests of recovery). */
export function __trapForTests(): never;
