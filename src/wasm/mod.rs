//! The wasm-bindgen layer: converts JS values to and from the core's types
//! and nothing more. Values cross as JSON text (one `JSON.stringify` in,
//! one `JSON.parse` out): V8 and SpiderMonkey do that faster than walking
//! objects property by property across the boundary, and it keeps the
//! binary small.

use js_sys::JSON;
use wasm_bindgen::prelude::*;

use crate::http::{Headers, Request, Response};
use crate::json::{Document, Kind, Value, Writer};

mod unicode;

/// Runs when the module is instantiated: Unicode property data comes from
/// the JS engine (no tables in the binary).
#[wasm_bindgen(start)]
fn start() {
    crate::unicode::set_backend(&unicode::HOST);
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Header fields: a plain object, a list of [name, value] pairs, or a fetch `Headers`. */
export type HeaderFields = Record<string, string> | Array<[string, string]> | Headers;
/** The request behind a response, kept for support reports. */
export interface RequestDetails { method?: string; url?: string; headers?: HeaderFields; body?: string | object | null }
/** A response as received. `body` is the text (or already-parsed JSON). */
export interface NormalizeInput { status: number; headers?: HeaderFields; body?: string | object | null; request?: RequestDetails }
/** Options for `normalize`. `now` is ms since the epoch (default `Date.now()`). */
export interface NormalizeOptions { now?: number | Date; locale?: string; dialect?: string; attempts?: number[] }
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
/** Everything a UI needs about a response. */
export interface NormalizeResult {
  ok: boolean; status: number; category: Category | null; code: string | null; message: string | null;
  /** Canonical dotted path → messages, in the server's order. */
  fields: Record<string, string[]>;
  formErrors: string[]; action: Action;
  retry: { retryable: boolean; afterSeconds: number | null };
  report: SupportReport | null; dialect: string | null;
}
/** Options for `backoff`. */
export interface BackoffOptions { baseMs?: number; capMs?: number; random?: number | (() => number) }
/** A path syntax form libraries use. */
export type PathStyle = "dotted" | "bracket" | "pointer";
"#;

fn js_err(what: &str) -> JsError {
    JsError::new(what)
}

/// `JSON.stringify(v)` as a Rust string ("null" for undefined).
fn to_json_text(v: &JsValue, what: &str) -> Result<String, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok("null".into());
    }
    JSON::stringify(v)
        .map_err(|_| {
            js_err(&concat(&[
                what,
                " could not be converted to JSON (is there a cycle or a BigInt?)",
            ]))
        })?
        .as_string()
        .ok_or_else(|| js_err(&concat(&[what, " is not representable as JSON"])))
}

fn from_json_text(text: &str) -> Result<JsValue, JsError> {
    JSON::parse(text).map_err(|_| js_err("internal error: fieldnote produced invalid JSON"))
}

fn concat(parts: &[&str]) -> String {
    parts.concat()
}

fn parse_doc(text: String, what: &str) -> Result<Document, JsError> {
    Document::parse_with(text, &Default::default())
        .map_err(|e| js_err(&concat(&[what, ": ", &e.describe(&Default::default())])))
}

fn str_of(v: Option<Value<'_>>) -> Option<String> {
    v.and_then(|v| match v.kind() {
        Kind::String => v.as_str().map(|s| s.into_owned()),
        Kind::Number => v.number_text().map(str::to_owned),
        _ => None,
    })
}

/// Headers from `{name: value}` or `[[name, value], ...]`.
fn headers_of(v: Option<Value<'_>>) -> Headers<'static> {
    let mut h = Headers::new();
    let Some(v) = v else { return h };
    match v.kind() {
        Kind::Object => {
            for (k, val) in v.members() {
                if let Some(s) = str_of(Some(val)) {
                    h.push(k.into_owned(), s);
                }
            }
        }
        Kind::Array => {
            for pair in v.items() {
                if let (Some(k), Some(val)) = (str_of(pair.at(0)), str_of(pair.at(1))) {
                    h.push(k, val);
                }
            }
        }
        _ => {}
    }
    h
}

/// A body given as text, or as JSON to serialize.
fn body_of(v: Option<Value<'_>>) -> Option<String> {
    let v = v?;
    match v.kind() {
        Kind::Null => None,
        Kind::String => v.as_str().map(|s| s.into_owned()),
        _ => {
            let mut w = Writer::new();
            w.value(v);
            Some(w.finish())
        }
    }
}

fn response_of(root: Value<'_>) -> Result<Response<'static>, JsError> {
    if root.kind() != Kind::Object {
        return Err(js_err(
            "normalize(response): expected an object like { status, headers, body }",
        ));
    }
    let status = match root.get("status") {
        Some(s) if s.kind() == Kind::Number => {
            s.as_u64().filter(|n| *n <= 999).ok_or_else(|| {
                js_err("normalize(response): status must be an integer from 0 to 999")
            })? as u16
        }
        None => 0,
        Some(_) => return Err(js_err("normalize(response): status must be a number")),
    };
    let mut resp = Response::new(status, body_of(root.get("body")).unwrap_or_default());
    resp.headers = headers_of(root.get("headers"));
    if let Some(r) = root.get("request").filter(|r| r.kind() == Kind::Object) {
        resp.request = Some(Request {
            method: str_of(r.get("method"))
                .unwrap_or_else(|| "GET".into())
                .into(),
            url: str_of(r.get("url")).unwrap_or_default().into(),
            headers: headers_of(r.get("headers")),
            body: body_of(r.get("body")).map(Into::into),
        });
    }
    Ok(resp)
}

fn now_of(opts: Option<Value<'_>>) -> f64 {
    opts.and_then(|o| o.get("now"))
        .and_then(|n| n.as_f64())
        .unwrap_or_else(js_sys::Date::now)
}

/// Turns a response (status, headers, body, request?) into what a person
/// needs. Never throws for odd bodies; throws only for a malformed call.
#[wasm_bindgen(js_name = normalize, unchecked_return_type = "NormalizeResult")]
pub fn normalize_js(
    #[wasm_bindgen(unchecked_param_type = "NormalizeInput")] response: JsValue,
    #[wasm_bindgen(unchecked_param_type = "NormalizeOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let input = parse_doc(
        to_json_text(&response, "normalize(response)")?,
        "normalize(response)",
    )?;
    let resp = response_of(input.root())?;
    let opt_doc = match &options {
        Some(o) => Some(parse_doc(
            to_json_text(o, "normalize options")?,
            "normalize options",
        )?),
        None => None,
    };
    let o = opt_doc
        .as_ref()
        .map(|d| d.root())
        .filter(|r| r.kind() == Kind::Object);
    let locale = str_of(o.and_then(|o| o.get("locale"))).unwrap_or_default();
    let dialect = str_of(o.and_then(|o| o.get("dialect")));
    let attempts: Vec<f64> = o
        .and_then(|o| o.get("attempts"))
        .map(|a| a.items().filter_map(|t| t.as_f64()).collect())
        .unwrap_or_default();
    let opts = crate::normalize::Options {
        now_ms: Some(now_of(o)),
        locale: &locale,
        dialect: dialect.as_deref(),
        attempts_ms: &attempts,
    };
    from_json_text(&crate::normalize(&resp, &opts).to_json())
}

/// Seconds until a JWT expires (negative once expired), or `null` if it has
/// no `exp`. Throws for a malformed token.
#[wasm_bindgen(js_name = tokenExpiresIn)]
pub fn token_expires_in(jwt: &str, now: Option<f64>) -> Result<Option<f64>, JsError> {
    crate::token::expires_in(jwt, now.unwrap_or_else(js_sys::Date::now))
        .map_err(|e| js_err(e.message()))
}

/// Whether to refresh a JWT now: it expires within `skewSeconds` (default 60).
#[wasm_bindgen(js_name = shouldRefresh)]
pub fn should_refresh(
    jwt: &str,
    now: Option<f64>,
    skew_seconds: Option<f64>,
) -> Result<bool, JsError> {
    crate::token::should_refresh(
        jwt,
        now.unwrap_or_else(js_sys::Date::now),
        skew_seconds.unwrap_or(60.0),
    )
    .map_err(|e| js_err(e.message()))
}

/// Exponential backoff with full jitter, in ms, for retry `attempt` (1 = first).
#[wasm_bindgen(js_name = backoffMs)]
pub fn backoff_ms(attempt: u32, base_ms: f64, cap_ms: f64, random: f64) -> f64 {
    crate::retry::backoff(attempt, base_ms, cap_ms, random)
}

/// The canonical dotted form of a field path in any syntax.
#[wasm_bindgen(js_name = canonicalPath)]
pub fn canonical_path(path: &str) -> String {
    crate::paths::canonical(path)
}

/// A canonical path written in `style` ("dotted", "bracket" or "pointer").
#[wasm_bindgen(js_name = formatPath)]
pub fn format_path(
    path: &str,
    #[wasm_bindgen(unchecked_param_type = "PathStyle")] style: &str,
) -> Result<String, JsError> {
    let style = crate::paths::Style::from_name(style).ok_or_else(|| {
        js_err("formatPath: style must be \"dotted\", \"bracket\" or \"pointer\"")
    })?;
    Ok(crate::paths::format(&crate::paths::canonical(path), style))
}

/// Adds a locale's messages (the JSON text of a catalog); returns its tag.
#[wasm_bindgen(js_name = registerLocale)]
pub fn register_locale(catalog_json: &str) -> Result<String, JsError> {
    crate::messages::register(catalog_json).map_err(|e| js_err(&concat(&["registerLocale: ", &e])))
}

/// Traps on purpose (a stand-in for a bug), so tests can check that the JS
/// layer recovers and the module keeps working. Not part of the API.
#[doc(hidden)]
#[wasm_bindgen(js_name = __trap)]
pub fn trap() {
    core::arch::wasm32::unreachable()
}

// ---------------------------------------------------------------------------
// send(): the retry and token-refresh policy (`crate::send`). Internal
// exports for `pkg/send.js`, which only awaits, sleeps and calls `fetch`.
// ---------------------------------------------------------------------------

/// A non-negative finite number member, else `default`.
fn number_or(o: Value<'_>, key: &str, default: f64) -> f64 {
    o.get(key)
        .and_then(|v| v.as_f64())
        .filter(|n| n.is_finite() && *n >= 0.0)
        .unwrap_or(default)
}

/// One step of `send()`: normalizes what an attempt produced and says what to
/// do next. Input: a `normalize` input (`status`, `headers`, `body`,
/// `request`) or `failure` (`"network"`, `"aborted"`, `"refresh"`) with
/// `request` and `detail`; plus `now`, `locale`, `dialect`, `attempts`,
/// `policy` (`retries`, `baseMs`, `capMs`, `maxWaitMs`), `retriesDone`,
/// `refreshed`, `canRefresh`, `random`. Output:
/// `{ step: "done" | "wait" | "refresh", ms, result }`.
#[doc(hidden)]
#[wasm_bindgen(js_name = sendStep)]
pub fn send_step(input: JsValue) -> Result<JsValue, JsError> {
    let doc = parse_doc(to_json_text(&input, "send")?, "send")?;
    let root = doc.root();
    let failure = str_of(root.get("failure"));
    let mut resp = response_of(root)?;
    let locale = str_of(root.get("locale")).unwrap_or_default();
    let dialect = str_of(root.get("dialect"));
    let attempts: Vec<f64> = root
        .get("attempts")
        .map(|a| a.items().filter_map(|t| t.as_f64()).collect())
        .unwrap_or_default();
    let opts = crate::normalize::Options {
        now_ms: Some(now_of(Some(root))),
        locale: &locale,
        dialect: dialect.as_deref(),
        attempts_ms: &attempts,
    };
    let n = match failure.as_deref().map(crate::send::Failure::from_name) {
        Some(Some(kind)) => {
            resp.status = 0;
            resp.body = str_of(root.get("detail")).unwrap_or_default().into();
            crate::send::failure(kind, &resp, &opts)
        }
        Some(None) => return Err(js_err("send: unknown failure kind")),
        None => crate::normalize(&resp, &opts),
    };
    let d = crate::send::Policy::default();
    let p = root.get("policy").filter(|p| p.kind() == Kind::Object);
    let policy = match p {
        Some(p) => crate::send::Policy {
            // `as` saturates: a huge count means "as many as u32 holds".
            retries: number_or(p, "retries", f64::from(d.retries)) as u32,
            base_ms: number_or(p, "baseMs", d.base_ms),
            cap_ms: number_or(p, "capMs", d.cap_ms),
            max_wait_ms: number_or(p, "maxWaitMs", d.max_wait_ms),
        },
        None => d,
    };
    let progress = crate::send::Progress {
        retries_done: number_or(root, "retriesDone", 0.0) as u32,
        refreshed: root.get("refreshed").and_then(|v| v.as_bool()) == Some(true),
        can_refresh: root.get("canRefresh").and_then(|v| v.as_bool()) == Some(true),
    };
    let random = number_or(root, "random", 0.0);
    let step = crate::send::next_step(&policy, &progress, &resp, &n, random);
    let mut w = Writer::new();
    w.begin_object();
    w.key("step");
    w.string(step.as_str());
    w.key("ms");
    w.u64(match step {
        crate::send::Step::Wait { ms } => ms,
        _ => 0,
    });
    w.key("result");
    n.write_json(&mut w);
    w.end_object();
    from_json_text(&w.finish())
}

/// Whether to refresh `token` before sending: a JWT expiring within
/// `skew_seconds` (default 60). Tokens that are not JWTs never are.
#[doc(hidden)]
#[wasm_bindgen(js_name = refreshBeforeSend)]
pub fn refresh_before_send(token: &str, now: f64, skew_seconds: Option<f64>) -> bool {
    crate::send::refresh_before_send(token, now, skew_seconds.unwrap_or(60.0))
}

// ---------------------------------------------------------------------------
// Forms: render plans, React Hook Form errors and interface text, for
// `pkg/dom.js` and for frameworks that render their own DOM (`crate::plan`).
// ---------------------------------------------------------------------------

#[wasm_bindgen(typescript_custom_section)]
const FORMS_TS_TYPES: &'static str = r#"
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
}
/** Options for `toFormErrors`: the path style of the keys, and the key for form-level errors (default `root.server`; "" to leave them out). */
export interface FormErrorsOptions { style?: PathStyle; root?: string; locale?: string }
"#;

/// A JSON text the JS wrapper made with `JSON.stringify`; one too deep or
/// too long for the parser's limits reads as `null` (nothing to show).
fn doc_of(json: &str) -> Document {
    Document::parse(json).unwrap_or_else(|_| Document::null())
}

/// What a form shows for a normalize result or a validator's envelope:
/// summary lines in page order, inline messages, title, focus and panel.
/// Takes and returns JSON text (the package's `renderPlan` wraps it).
#[doc(hidden)]
#[wasm_bindgen(js_name = renderPlanJson)]
pub fn render_plan(result_json: &str, options_json: &str) -> String {
    use crate::plan::{Options, Outcome, Target};
    let opts_doc = doc_of(options_json);
    let o = opts_doc.root();
    let mut opts = Options {
        locale: str_of(o.get("locale")).unwrap_or_default(),
        title: str_of(o.get("title")).unwrap_or_default(),
        ..Options::default()
    };
    if let Some(list) = o.get("fieldOrder") {
        let mut targets = Vec::new();
        for f in list.items() {
            // A string is a path whose element id is the same text.
            let path = str_of(Some(f)).or_else(|| str_of(f.get("path")));
            let Some(path) = path else { continue };
            targets.push(Target {
                path: crate::paths::canonical(&path),
                id: str_of(f.get("id")).unwrap_or_else(|| str_of(Some(f)).unwrap_or_default()),
                group: f.get("group").and_then(|g| g.as_bool()) == Some(true),
            });
        }
        opts.targets = Some(targets);
    }
    if let Some(labels) = o.get("labels") {
        for (k, v) in labels.members() {
            if let Some(v) = str_of(Some(v)) {
                opts.labels.push((crate::paths::canonical(&k), v));
            }
        }
    }
    let outcome = Outcome::from_json(doc_of(result_json).root(), &opts.locale);
    crate::plan::plan(&outcome, &opts).to_json()
}

/// A result's errors in React Hook Form's `setError` shape, as JSON text;
/// empty for an unknown style (the package's `toFormErrors` wraps it).
#[doc(hidden)]
#[wasm_bindgen(js_name = toFormErrorsJson)]
pub fn to_form_errors(result_json: &str, style: &str, root: &str, locale: &str) -> String {
    let Some(style) = crate::paths::Style::from_name(style) else {
        return String::new();
    };
    let doc = doc_of(result_json);
    let mut w = Writer::new();
    let outcome = crate::plan::Outcome::from_json(doc.root(), locale);
    crate::plan::write_form_errors(&outcome, style, root, locale, &mut w);
    w.finish()
}

/// A sentence from the message catalog (`form.summary_title`, ...) in
/// `locale`, with `{name}` placeholders filled from `args_json` (an object);
/// a count named `n` picks the plural form.
#[doc(hidden)]
#[wasm_bindgen(js_name = messageTextJson)]
pub fn message_text(key: &str, locale: &str, args_json: &str) -> String {
    use crate::messages::Arg;
    let doc = doc_of(args_json);
    let mut owned: Vec<(String, String)> = Vec::new();
    let mut counts: Vec<Option<u64>> = Vec::new();
    for (k, v) in doc.root().members() {
        owned.push((k.into_owned(), str_of(Some(v)).unwrap_or_default()));
        counts.push(v.as_u64());
    }
    let mut args: Vec<(&str, Arg<'_>)> = Vec::new();
    for ((k, text), n) in owned.iter().zip(counts) {
        args.push((k, n.map_or(Arg::Text(text), Arg::Count)));
    }
    crate::messages::text(locale, key, &args)
}

// ---------------------------------------------------------------------------
// Validation: compiled JSON Schemas (`crate::schema`). `pkg/index.js` wraps
// `CompiledSchema` in the public `Validator` (`compile(schema, options)`),
// which rebuilds it after a trap and frees it when forgotten.
// ---------------------------------------------------------------------------

/// A compiled JSON Schema with its wording options. Instances cross as JSON
/// text: one call per validation, nothing built when the instance is valid.
#[doc(hidden)]
#[wasm_bindgen]
pub struct CompiledSchema {
    schema: crate::schema::Schema,
    words: crate::schema::MessageOptions,
}

/// Live `CompiledSchema`s, so tests can see forgotten ones being freed.
static LIVE: core::sync::atomic::AtomicU32 = core::sync::atomic::AtomicU32::new(0);

impl Drop for CompiledSchema {
    fn drop(&mut self) {
        LIVE.fetch_sub(1, core::sync::atomic::Ordering::Relaxed);
    }
}

/// How many compiled schemas are alive (for tests of `free` and the
/// finalization fallback).
#[doc(hidden)]
#[wasm_bindgen(js_name = __liveSchemas)]
pub fn live_schemas() -> u32 {
    LIVE.load(core::sync::atomic::Ordering::Relaxed)
}

/// Per-call wording options (`{ locale, labels, messages }` as JSON text,
/// "" for none) on top of the compiled ones. Parsed only when there is
/// something to say.
fn words_for(base: &crate::schema::MessageOptions, call: &str) -> crate::schema::MessageOptions {
    let mut words = if call.is_empty() {
        base.clone()
    } else {
        let doc = doc_of(call);
        base.overlaid(&crate::schema::MessageOptions::from_json(doc.root()))
    };
    if words.today.is_none() {
        // The person's own calendar day, for "must be in the past".
        let d = js_sys::Date::new_0();
        let mut t = String::with_capacity(10);
        let pad = |t: &mut String, n: u32, w: usize| {
            let mut s = String::new();
            crate::json::write_u64(&mut s, u64::from(n));
            for _ in s.len()..w {
                t.push('0');
            }
            t.push_str(&s);
        };
        pad(&mut t, d.get_full_year(), 4);
        t.push('-');
        pad(&mut t, d.get_month() + 1, 2);
        t.push('-');
        pad(&mut t, d.get_date(), 2);
        words.today = Some(t);
    }
    words
}

fn instance_error(e: crate::schema::ValidateError) -> JsError {
    js_err(&concat(&["fieldnote: ", &e.message]))
}

#[wasm_bindgen]
impl CompiledSchema {
    /// Compiles `schema_json`. `schemas_json` is an object of other schemas
    /// by URI (what `$ref` may name; nothing is fetched), `options_json`
    /// holds `formats`, `locale`, `labels` and `messages`. Throws a
    /// sentence naming the location of what is wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(
        schema_json: &str,
        schemas_json: &str,
        options_json: &str,
    ) -> Result<CompiledSchema, JsError> {
        let opts_doc = doc_of(options_json);
        let o = opts_doc.root();
        let mut opts = crate::schema::Options::default();
        if let Some(f) = o.get("formats").and_then(|f| f.as_bool()) {
            opts.formats = f;
        }
        let mut registry = crate::schema::Registry::new();
        if !schemas_json.is_empty() {
            let limits = crate::json::Limits {
                max_depth: crate::schema::MAX_SCHEMA_DEPTH.saturating_add(1),
                max_len: usize::MAX,
            };
            let all = Document::parse_with(schemas_json.into(), &limits).map_err(|e| {
                js_err(&concat(&[
                    "fieldnote: options.schemas: ",
                    &e.describe(&limits),
                ]))
            })?;
            for (uri, s) in all.root().members() {
                let mut w = Writer::new();
                w.value(s);
                registry
                    .add(&uri, &w.finish())
                    .map_err(|e| js_err(&concat(&["fieldnote: ", &e.message])))?;
            }
        }
        let schema =
            crate::schema::Schema::compile(schema_json, &registry, &opts).map_err(|e| {
                js_err(&concat(&[
                    "fieldnote: the schema cannot be used: ",
                    &e.message,
                ]))
            })?;
        LIVE.fetch_add(1, core::sync::atomic::Ordering::Relaxed);
        Ok(CompiledSchema {
            schema,
            words: crate::schema::MessageOptions::from_json(o),
        })
    }

    /// Validates JSON text: `undefined` when valid, else the spec's 422
    /// envelope as JSON text, worded with `call_json`'s options on top.
    /// Throws when the text is not JSON.
    pub fn envelope(
        &self,
        instance_json: &str,
        call_json: &str,
    ) -> Result<Option<String>, JsError> {
        let failures = self
            .schema
            .validate_json(instance_json)
            .map_err(instance_error)?;
        if failures.is_empty() {
            return Ok(None);
        }
        let words = words_for(&self.words, call_json);
        Ok(Some(
            crate::schema::to_envelope_with(&failures, &words).to_json(),
        ))
    }

    /// Validates JSON text: `undefined` when valid, else `[{path, keyword,
    /// params, message, schemaPath}]` as JSON text.
    pub fn issues(&self, instance_json: &str, call_json: &str) -> Result<Option<String>, JsError> {
        let failures = self
            .schema
            .validate_json(instance_json)
            .map_err(instance_error)?;
        if failures.is_empty() {
            return Ok(None);
        }
        let words = words_for(&self.words, call_json);
        let mut w = Writer::new();
        w.begin_array();
        for f in &failures {
            w.begin_object();
            w.key("path");
            w.string(&f.path);
            w.key("keyword");
            w.string(f.keyword);
            w.key("params");
            f.params.write_json(&mut w);
            w.key("message");
            w.string(&f.message_with(&words));
            w.key("schemaPath");
            w.string(&f.schema_path);
            w.end_object();
        }
        w.end_array();
        Ok(Some(w.finish()))
    }

    /// The JSON types allowed at a field path (any syntax), comma-separated
    /// (`"string,null"`), or `undefined` when unconstrained or unknown.
    #[wasm_bindgen(js_name = typeAt)]
    pub fn type_at(&self, path: &str) -> Option<String> {
        let types = self.schema.type_at(&crate::paths::canonical(path))?;
        Some(types.join(","))
    }
}
