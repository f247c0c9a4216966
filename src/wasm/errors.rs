//! The errors module's exports (feature `errors`): what a page that reads
//! server responses needs, and no validator code.

use wasm_bindgen::prelude::*;

use js_sys::JSON;

use super::{concat, doc_of, js_err};
use crate::http::{Headers, Request, Response};
use crate::json::{Document, Kind, Value, Writer};

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
#[wasm_bindgen(js_name = normalize)]
pub fn normalize_js(response: JsValue, options: Option<JsValue>) -> Result<JsValue, JsError> {
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
    let clock = clock_of(o);
    from_json_text(&crate::normalize::normalize_detailed(&resp, &opts, &clock).to_json())
}

/// The person's clock offset (`utcOffsetMinutes`, minutes east of UTC), for
/// long waits said as a time of day; at most ±18 hours.
fn clock_of(o: Option<Value<'_>>) -> crate::normalize::Clock {
    crate::normalize::Clock {
        utc_offset_minutes: o
            .and_then(|o| o.get("utcOffsetMinutes"))
            .and_then(|v| v.as_f64())
            .filter(|m| m.is_finite() && m.abs() <= 1080.0)
            .map(|m| m as i32),
    }
}

/// The index of the form field a server's key names (`Email` → `email`,
/// `first_name` → `firstName`), or -1 when none or more than one fits
/// (see [`crate::paths::match_field`]).
#[doc(hidden)]
#[wasm_bindgen(js_name = matchField)]
pub fn match_field_js(server_key: &str, fields: Vec<String>) -> i32 {
    let f: Vec<&str> = fields.iter().map(String::as_str).collect();
    crate::paths::match_field(server_key, &f)
        .and_then(|i| i32::try_from(i).ok())
        .unwrap_or(-1)
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
pub fn format_path(path: &str, style: &str) -> Result<String, JsError> {
    let style = crate::paths::Style::from_name(style).ok_or_else(|| {
        js_err("formatPath: style must be \"dotted\", \"bracket\" or \"pointer\"")
    })?;
    Ok(crate::paths::format(&crate::paths::canonical(path), style))
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
    let clock = clock_of(Some(root));
    let detailed = match failure.as_deref().map(crate::send::Failure::from_name) {
        Some(Some(kind)) => {
            resp.status = 0;
            resp.body = str_of(root.get("detail")).unwrap_or_default().into();
            crate::normalize::Detailed {
                result: crate::send::failure(kind, &resp, &opts),
                server_message: None,
                message_source: Some(crate::normalize::MessageSource::Fieldnote),
            }
        }
        Some(None) => return Err(js_err("send: unknown failure kind")),
        None => crate::normalize::normalize_detailed(&resp, &opts, &clock),
    };
    let n = &detailed.result;
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
    let step = crate::send::next_step(&policy, &progress, &resp, n, random);
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
    detailed.write_json(&mut w);
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
