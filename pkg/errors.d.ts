// fieldnote/errors: reading server error responses, with its own small WebAssembly module.
import type {
  NormalizeInput, NormalizeOptions, NormalizeResult, BackoffOptions, PathStyle, ErrorEnvelope,
  RenderPlan, RenderPlanOptions, FormErrorsOptions, SendOptions, Sent, Ready, WasmSource, ServerFieldError,
} from './types.js';
export type * from './types.js';
export { NotReadyError } from './types.js';

/** Awaiting it starts the module (if not yet) and resolves once it runs. Needed only before synchronous calls made at start-up in browsers. */
export const ready: Ready;
/** Starts the module now (optional: it starts on first use); `source` says where its WebAssembly comes from (default: the package's own file). */
export function init(source?: WasmSource): Promise<void>;
/** Starts the module synchronously from bytes or a compiled `WebAssembly.Module`. */
export function initSync(module: BufferSource | WebAssembly.Module): void;
/** Loads and registers a shipped locale (`de`, `fr`, `es`, `ja`; `de-AT` → `de`); resolves to the tag in use (`en` for unknown ones). */
export function loadLocale(locale: string): Promise<string>;
/** Turns a response into what a person needs: message, fields, action, retry, report. */
export function normalize(response: NormalizeInput | Response | { status: number; headers?: unknown; data?: unknown } | { isAxiosError: true; response?: { status: number; headers?: unknown; data?: unknown }; config?: unknown; message?: string }, options?: NormalizeOptions): NormalizeResult;
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
/** The form field a server's key names among `fields` (`Email` → `email`, `first_name` → `firstName`), or `null` when none or several fit. */
export function matchField(key: string, fields: Iterable<string>): string | null;
/** `result` with its field keys renamed to the form's own names where a server spelled them otherwise. */
export function withFormKeys<R extends NormalizeResult | ErrorEnvelope | null>(result: R, fields: Iterable<string>): R;
/** A field path written in another syntax. */
export function formatPath(path: string, style: PathStyle): string;
/** Adds a locale's messages (a catalog object or its JSON text); returns its tag. */
export function registerLocale(catalog: string | object): string;

/**
 * `fetch` with the spec's rules: retries transient failures (the server's stated delay, else
 * exponential backoff with full jitter), refreshes expiring or rejected tokens once, and resolves
 * to `{ response, result }` for every outcome — HTTP errors, network failures and aborts included.
 */
export function send(input: RequestInfo | URL, init?: RequestInit, options?: SendOptions): Promise<Sent>;
/** What a form shows for a result or a validator's envelope (the decisions `bindForm` renders). */
export function renderPlan(result: NormalizeResult | ErrorEnvelope | null, options?: RenderPlanOptions): RenderPlan;
/** A result's errors as React Hook Form's `setError` input; form-level ones under `root.server` (see `options.root`). */
export function toFormErrors(result: NormalizeResult | ErrorEnvelope | null, options?: FormErrorsOptions): Record<string, ServerFieldError>;
/** Calls React Hook Form's `setError` for each of a result's errors; returns how many. */
export function toFormErrors<Path extends string>(result: NormalizeResult | ErrorEnvelope | null,
  setError: (path: Path | `root.${string}`, error: ServerFieldError) => void, options?: FormErrorsOptions): number;
/** A sentence of the message catalog (`form.summary_title`, `form.countdown`, ...) in `locale`, placeholders filled; a count `n` picks the plural. */
export function messageText(key: string, locale?: string, args?: Record<string, string | number>): string;

