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

/** What a form shows for a result or a validator's envelope (the decisions `bindForm` renders). */
export function renderPlan(result: NormalizeResult | ErrorEnvelope | null, options?: RenderPlanOptions): RenderPlan;
/** A result's errors as React Hook Form's `setError` input; form-level ones under `root.server` (see `options.root`). */
export function toFormErrors(result: NormalizeResult | ErrorEnvelope | null, options?: FormErrorsOptions): Record<string, { type: 'server'; message: string }>;
/** A sentence of the message catalog (`form.summary_title`, `form.countdown`, ...) in `locale`, placeholders filled; a count `n` picks the plural. */
export function messageText(key: string, locale?: string, args?: Record<string, string | number>): string;
