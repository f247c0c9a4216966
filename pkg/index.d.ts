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
