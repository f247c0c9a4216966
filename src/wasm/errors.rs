//! The errors module's exports (feature `errors`): what a page that reads
//! server responses needs, and no validator code.

use wasm_bindgen::prelude::*;

use js_sys::JSON;

use super::js_err;
use crate::js::{self, Fail};

/// `JSON.stringify(v)` as a Rust string ("null" for undefined).
fn to_json_text(v: &JsValue, what: &str) -> Result<String, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok("null".into());
    }
    JSON::stringify(v)
        .map_err(|_| {
            JsError::fail(&[
                what,
                " could not be converted to JSON (is there a cycle or a BigInt?)",
            ])
        })?
        .as_string()
        .ok_or_else(|| JsError::fail(&[what, " is not representable as JSON"]))
}

fn from_json_text(text: &str) -> Result<JsValue, JsError> {
    JSON::parse(text).map_err(|_| js_err("internal error: fieldnote produced invalid JSON"))
}

/// Turns a response (status, headers, body, request?) into what a person
/// needs. Never throws for odd bodies; throws only for a malformed call.
#[wasm_bindgen(js_name = normalize)]
pub fn normalize_js(response: JsValue, options: Option<JsValue>) -> Result<JsValue, JsError> {
    let response = to_json_text(&response, "normalize(response)")?;
    let options = || match &options {
        Some(o) => to_json_text(o, "normalize options").map(Some),
        None => Ok(None),
    };
    js::normalize(response, options, js_sys::Date::now, from_json_text)
}

/// The index of the form field a server's key names (`Email` → `email`,
/// `first_name` → `firstName`), or -1 when none or more than one fits
/// (see [`crate::paths::match_field`]).
#[doc(hidden)]
#[wasm_bindgen(js_name = matchField)]
pub fn match_field_js(server_key: &str, fields: Vec<String>) -> i32 {
    js::match_field(server_key, &fields)
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
    js::format_path(path, style)
}

// ---------------------------------------------------------------------------
// send(): the retry and token-refresh policy (`crate::send`). Internal
// exports for `pkg/send.js`, which only awaits, sleeps and calls `fetch`.
// ---------------------------------------------------------------------------

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
    js::send_step(
        to_json_text(&input, "send")?,
        js_sys::Date::now,
        from_json_text,
    )
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
    js::render_plan(result_json, options_json)
}

/// A result's errors in React Hook Form's `setError` shape, as JSON text;
/// empty for an unknown style (the package's `toFormErrors` wraps it).
#[doc(hidden)]
#[wasm_bindgen(js_name = toFormErrorsJson)]
pub fn to_form_errors(result_json: &str, style: &str, root: &str, locale: &str) -> String {
    js::form_errors(result_json, style, root, locale)
}

/// A sentence from the message catalog (`form.summary_title`, ...) in
/// `locale`, with `{name}` placeholders filled from `args_json` (an object);
/// a count named `n` picks the plural form.
#[doc(hidden)]
#[wasm_bindgen(js_name = messageTextJson)]
pub fn message_text(key: &str, locale: &str, args_json: &str) -> String {
    js::message_text(key, locale, args_json)
}
