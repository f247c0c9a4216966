//! Response → what a person needs: one message, field annotations, the next
//! step, when to retry, and a support report.
//!
//! Data flows one way: the body is read into an [`ErrorBody`] (whatever its
//! dialect), combined with status and headers into a category, then turned
//! into messages and output.

use crate::dialects::{self, Audience, ErrorBody};
use crate::http::Response;
use crate::json::Writer;
use crate::messages::{self, Arg};
use crate::report::Report;
use crate::status::{Action, Category};

/// How to normalize.
#[derive(Clone, Debug, Default)]
pub struct Options<'a> {
    /// The current time in ms since the epoch (for `Retry-After` dates and
    /// report timestamps). Natively defaults to the system clock.
    pub now_ms: Option<f64>,
    /// The locale for default messages (`en` when empty).
    pub locale: &'a str,
    /// Force a dialect by name instead of recognizing it by shape.
    pub dialect: Option<&'a str>,
    /// Times of earlier attempts of the same request (for the report).
    pub attempts_ms: &'a [f64],
}

/// When to try again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Retry {
    /// Whether sending the same request again later may succeed.
    pub retryable: bool,
    /// The delay the server stated, in seconds, if it stated one.
    pub after_seconds: Option<u64>,
}

/// Everything the UI needs about a response.
#[derive(Clone, Debug)]
pub struct Normalized {
    /// True only for a 2xx that carries no error.
    pub ok: bool,
    /// The HTTP status.
    pub status: u16,
    /// The kind of failure (`None` when ok).
    pub category: Option<Category>,
    /// The server's machine-readable code, if any.
    pub code: Option<String>,
    /// One sentence for the person (`None` when ok).
    pub message: Option<String>,
    /// Field errors by canonical path, in the order the server gave them.
    pub fields: Vec<(String, Vec<String>)>,
    /// Errors about the whole form (no field, or an unknown one).
    pub form_errors: Vec<String>,
    /// What the UI should do next.
    pub action: Action,
    /// When to retry.
    pub retry: Retry,
    /// A support report, for server errors and anything support must see.
    pub report: Option<Report>,
    /// Which dialect the body was read as (`None` if it said nothing usable).
    pub dialect: Option<&'static str>,
}

/// The person's clock, for sentences that name a time of day ("Try again
/// at 14:30"). Kept apart from [`Options`] so that code building `Options`
/// field by field keeps compiling.
#[derive(Clone, Copy, Debug, Default)]
pub struct Clock {
    /// Minutes east of UTC of the person's clock (UTC+1 → 60; in JS,
    /// `-new Date().getTimezoneOffset()`). Unknown: waits over 90 minutes
    /// are said in hours.
    pub utc_offset_minutes: Option<i32>,
}

/// Whose words [`Normalized::message`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageSource {
    /// The server's own top-level message, as given.
    Server,
    /// fieldnote's sentence for the category, in the locale.
    Fieldnote,
}

impl MessageSource {
    /// The name used in results (`"server"`, `"fieldnote"`).
    pub fn as_str(self) -> &'static str {
        match self {
            MessageSource::Server => "server",
            MessageSource::Fieldnote => "fieldnote",
        }
    }
}

/// A [`Normalized`] result with the server's own words beside it.
#[derive(Clone, Debug)]
pub struct Detailed {
    /// The result.
    pub result: Normalized,
    /// The server's top-level message as it sent it (trimmed, cut at
    /// [`messages::MAX_MESSAGE_CHARS`]), whether or not it is the message
    /// shown; `None` when the body had none. Text only: a UI that shows it
    /// (to developers, in a "details" disclosure) must insert it as text.
    pub server_message: Option<String>,
    /// Whose words `result.message` is (`None` when ok).
    pub message_source: Option<MessageSource>,
}

/// Normalizes a response.
///
/// ```
/// use fieldnote::{normalize, Response, NormalizeOptions};
/// let body = r#"{"error":{"code":"validation_failed","message":"Validation failed",
///   "details":[{"field":"address.zip","message":"Enter a postcode"}]}}"#;
/// let n = normalize(&Response::new(422, body), &NormalizeOptions::default());
/// assert_eq!(n.category.unwrap().as_str(), "validation");
/// assert_eq!(n.fields[0].0, "address.zip");
/// assert_eq!(n.action.as_str(), "fix_fields");
/// ```
pub fn normalize(resp: &Response<'_>, opts: &Options<'_>) -> Normalized {
    normalize_detailed(resp, opts, &Clock::default()).result
}

/// [`normalize`], with the server's own words and whose words the message
/// is; `clock` lets long waits be said as a time of day.
///
/// ```
/// use fieldnote::normalize::{normalize_detailed, Clock, MessageSource, Options};
/// use fieldnote::Response;
/// let body = r#"{"error":{"type":"api_error","message":"An unknown error occurred in the Stripe backend."}}"#;
/// let d = normalize_detailed(&Response::new(500, body), &Options::default(), &Clock::default());
/// assert_eq!(d.message_source, Some(MessageSource::Fieldnote));
/// assert_eq!(d.server_message.as_deref(), Some("An unknown error occurred in the Stripe backend."));
/// ```
pub fn normalize_detailed(resp: &Response<'_>, opts: &Options<'_>, clock: &Clock) -> Detailed {
    let now = opts.now_ms.unwrap_or_else(default_now);
    let locale = if opts.locale.is_empty() {
        "en"
    } else {
        opts.locale
    };
    let mut body = dialects::read_in(&resp.body, &resp.headers, opts.dialect, locale);
    // 403 too: RFC 6750 §3.1 answers `insufficient_scope` with a 403 challenge.
    if matches!(resp.status, 401 | 403 | 407) {
        from_challenge(resp, &mut body);
    }
    let category = categorize(resp, body.as_ref());
    let Some(category) = category else {
        return Detailed {
            result: ok(resp.status),
            server_message: None,
            message_source: None,
        };
    };
    let body = body.unwrap_or_else(|| ErrorBody::new("none"));
    let (fields, form_errors) = group_fields(&body.fields, locale);
    let has_corrections = !fields.is_empty() || !form_errors.is_empty();
    let action = category.action(has_corrections);
    let retry = Retry {
        retryable: category.retryable(),
        after_seconds: if category.retryable() {
            crate::retry::stated_delay(&resp.headers, now).or(body.retry_after)
        } else {
            None
        },
    };
    let wait = retry
        .after_seconds
        .map(|s| crate::time::describe_wait(s, now, clock.utc_offset_minutes));
    let (message, source) = choose_message(&body, category, has_corrections, wait, locale);
    let report = (action == Action::ContactSupport || resp.status >= 500)
        .then(|| Report::build(resp, now, body.code.as_deref(), &message, opts.attempts_ms));
    let server_message = body
        .message
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(|m| messages::truncate(m, messages::MAX_MESSAGE_CHARS));
    Detailed {
        result: Normalized {
            ok: false,
            status: resp.status,
            category: Some(category),
            code: body.code.clone(),
            message: Some(message),
            fields,
            form_errors,
            action,
            retry,
            report,
            dialect: (body.dialect != "none").then_some(body.dialect),
        },
        server_message,
        message_source: Some(source),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn default_now() -> f64 {
    crate::time::now_ms()
}

#[cfg(target_arch = "wasm32")]
fn default_now() -> f64 {
    // The wasm layer always passes `now`; there is no clock in the core.
    0.0
}

fn ok(status: u16) -> Normalized {
    Normalized {
        ok: true,
        status,
        category: None,
        code: None,
        message: None,
        fields: Vec::new(),
        form_errors: Vec::new(),
        action: Action::None,
        retry: Retry::default(),
        report: None,
        dialect: None,
    }
}

/// A 401 (or 403) with no usable body: the `WWW-Authenticate` challenge
/// says why.
fn from_challenge(resp: &Response<'_>, body: &mut Option<ErrorBody>) {
    let Some(h) = resp.headers.get("www-authenticate") else {
        return;
    };
    let c = crate::token::parse_challenge(h);
    let b = body.get_or_insert_with(|| ErrorBody::new("www-authenticate"));
    if b.code.is_none() {
        b.code = c.error;
    }
    if b.message.is_none() {
        // RFC 6749 §5.2: the description helps the client's developer.
        b.message = c.error_description;
        b.audience = Audience::Developer;
    }
}

/// The status decides, except where the body or headers say more: a 2xx
/// (or unknown status) carrying an error, an explicit rate limit
/// (`RESOURCE_EXHAUSTED`, GraphQL `THROTTLED`, GitHub's 403 with
/// `X-RateLimit-Remaining: 0`), a generic 400 (or other unlisted 4xx)
/// whose body states what kind of failure it is (GraphQL
/// `BAD_USER_INPUT`, Stripe's 402 `card_error`, JSON:API `"status":"422"`),
/// and a generic 400 that names at least one field: the server rejected
/// answers the person can correct, which is a validation failure whatever
/// status the framework answers it with (DRF, NestJS, Spring and ASP.NET
/// answer 400; the spec 422).
fn categorize(resp: &Response<'_>, body: Option<&ErrorBody>) -> Option<Category> {
    let from_status = Category::from_status(resp.status);
    let stated = body.and_then(|b| {
        b.category
            .or_else(|| b.code.as_deref().and_then(Category::from_code))
    });
    if stated == Some(Category::RateLimited) && body.is_some_and(|b| b.category.is_some()) {
        return Some(Category::RateLimited);
    }
    if matches!(resp.status, 403 | 429) && resp.headers.get("x-ratelimit-remaining") == Some("0") {
        return Some(Category::RateLimited);
    }
    let explicit = body
        .and_then(|b| b.category)
        .filter(|c| *c != Category::Unknown);
    match from_status {
        Some(Category::BadRequest) if explicit.is_some() => explicit,
        Some(Category::BadRequest) if body.is_some_and(names_a_field) => Some(Category::Validation),
        None | Some(Category::Unknown) => {
            let b = body?;
            // A 2xx body is an error only if a dialect says so explicitly.
            if from_status.is_none() && b.category.is_none() && b.dialect != "spec" {
                return None;
            }
            Some(stated.unwrap_or(if b.fields.is_empty() {
                Category::Unknown
            } else {
                Category::Validation
            }))
        }
        Some(c) => Some(c),
    }
}

/// Whether a reading puts at least one error on a named field.
fn names_a_field(b: &ErrorBody) -> bool {
    b.fields.iter().any(|(path, _)| !path.is_empty())
}

/// Groups field errors by path in first-seen order; empty paths and empty
/// messages become form-level errors and defaults.
fn group_fields(
    list: &[(String, String)],
    locale: &str,
) -> (Vec<(String, Vec<String>)>, Vec<String>) {
    let mut fields: Vec<(String, Vec<String>)> = Vec::new();
    let mut form = Vec::new();
    let mut index = crate::paths::Index::with_capacity(list.len());
    for (path, msg) in list {
        let msg = if msg.trim().is_empty() {
            messages::text(locale, "field.server_default", &[])
        } else {
            // A server's text is shown as given, but never unbounded.
            messages::truncate(msg.trim(), messages::MAX_MESSAGE_CHARS)
        };
        if path.is_empty() {
            form.push(msg);
            continue;
        }
        let key = |n: usize| fields.get(n).map(|(p, _)| p.as_str());
        match index.get_or_insert(path, fields.len(), &key) {
            Some(n) => {
                if let Some((_, msgs)) = fields.get_mut(n) {
                    msgs.push(msg);
                }
            }
            None => fields.push((path.clone(), vec![msg])),
        }
    }
    (fields, form)
}

/// Whose words the person reads — one rule for every dialect:
///
/// 1. The server's top-level message, at every status, when its dialect
///    does not mark it as developer-facing ([`Audience::Developer`]) and it
///    reads as a sentence for people ([`messages::is_human`]: no reason
///    phrase, code, markup or internals). The retry time and the support
///    report are separate parts of the result, shown beside it.
/// 2. Otherwise fieldnote's sentence for the category, which states a
///    known wait in the units people use ("in 30 minutes", "at 14:30")
///    and never contradicts the headers.
fn choose_message(
    body: &ErrorBody,
    category: Category,
    has_corrections: bool,
    wait: Option<crate::time::Wait>,
    locale: &str,
) -> (String, MessageSource) {
    if let Some(m) = body.message.as_deref().map(str::trim) {
        if body.audience != Audience::Developer && crate::messages::is_human(m) {
            return (m.to_owned(), MessageSource::Server);
        }
    }
    let mut key = String::from("category.");
    key.push_str(category.as_str());
    match (category, wait) {
        (Category::RateLimited | Category::Unavailable | Category::BadGateway, Some(w)) => {
            key.push_str(".after");
            let when = messages::wait_text(locale, w);
            let text = messages::text(locale, &key, &[("when", Arg::Text(&when))]);
            return (text, MessageSource::Fieldnote);
        }
        (Category::BadRequest | Category::Conflict, _) if has_corrections => {
            key.push_str(".fields");
        }
        _ => {}
    }
    (messages::text(locale, &key, &[]), MessageSource::Fieldnote)
}

impl Normalized {
    /// Writes the result as the JSON object the JS API returns.
    pub fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        self.write_members(w);
        w.end_object();
    }

    /// The members of the result object (shared with [`Detailed`]).
    fn write_members(&self, w: &mut Writer) {
        w.key("ok");
        w.bool(self.ok);
        w.key("status");
        w.u64(u64::from(self.status));
        w.key("category");
        w.opt_string(self.category.map(Category::as_str));
        w.key("code");
        w.opt_string(self.code.as_deref());
        w.key("message");
        w.opt_string(self.message.as_deref());
        w.key("fields");
        w.begin_object();
        for (path, msgs) in &self.fields {
            w.key(path);
            w.begin_array();
            for m in msgs {
                w.string(m);
            }
            w.end_array();
        }
        w.end_object();
        w.key("formErrors");
        w.begin_array();
        for m in &self.form_errors {
            w.string(m);
        }
        w.end_array();
        w.key("action");
        w.string(self.action.as_str());
        w.key("retry");
        w.begin_object();
        w.key("retryable");
        w.bool(self.retry.retryable);
        w.key("afterSeconds");
        match self.retry.after_seconds {
            Some(s) => w.u64(s),
            None => w.null(),
        }
        w.end_object();
        w.key("report");
        match &self.report {
            Some(r) => r.write_json(w),
            None => w.null(),
        }
        w.key("dialect");
        w.opt_string(self.dialect);
    }

    /// The result as JSON text.
    pub fn to_json(&self) -> String {
        let mut w = Writer::new();
        self.write_json(&mut w);
        w.finish()
    }

    /// Messages for the field at `path` (any path syntax).
    pub fn field(&self, path: &str) -> Option<&[String]> {
        let p = crate::paths::canonical(path);
        self.fields
            .iter()
            .find(|(k, _)| *k == p)
            .map(|(_, m)| m.as_slice())
    }
}

impl Detailed {
    /// Writes the result as the JSON object the JS API returns: the
    /// members of [`Normalized::write_json`], then `serverMessage` and
    /// `messageSource` (`"server"`, `"fieldnote"` or `null` when ok).
    pub fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        self.result.write_members(w);
        w.key("serverMessage");
        w.opt_string(self.server_message.as_deref());
        w.key("messageSource");
        w.opt_string(self.message_source.map(MessageSource::as_str));
        w.end_object();
    }

    /// The result as JSON text.
    pub fn to_json(&self) -> String {
        let mut w = Writer::new();
        self.write_json(&mut w);
        w.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(status: u16, body: &str) -> Normalized {
        let opts = Options {
            now_ms: Some(0.0),
            ..Options::default()
        };
        normalize(&Response::new(status, body), &opts)
    }

    #[test]
    fn a_body_category_refines_a_generic_400_only() {
        let gql = r#"{"errors":[{"message":"Enter a date","extensions":{"code":"BAD_USER_INPUT","field":"date"}}]}"#;
        assert_eq!(norm(400, gql).category, Some(Category::Validation));
        assert_eq!(norm(402, gql).category, Some(Category::Validation));
        assert_eq!(norm(200, gql).category, Some(Category::Validation));
        // A specific status is not overridden.
        assert_eq!(norm(500, gql).category, Some(Category::ServerError));
        assert_eq!(norm(401, gql).category, Some(Category::Unauthenticated));
        // "Unknown" states nothing: the 400 stands.
        let odd = r#"{"errors":[{"message":"Something odd happened"}],"data":null}"#;
        assert_eq!(norm(400, odd).category, Some(Category::BadRequest));
        assert_eq!(norm(200, odd).category, Some(Category::Unknown));
    }

    #[test]
    fn body_rate_limits_win_and_give_the_delay() {
        let google = r#"{"error":{"code":400,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED",
            "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"7s"}]}}"#;
        let n = norm(400, google);
        assert_eq!(n.category, Some(Category::RateLimited));
        assert_eq!(n.retry.after_seconds, Some(7));
        // The Retry-After header is preferred to the body's delay.
        let resp = Response::new(429, google).header("Retry-After", "3");
        let n = normalize(&resp, &Options::default());
        assert_eq!(n.retry.after_seconds, Some(3));
    }

    #[test]
    fn composed_sentences_follow_the_locale() {
        let fr = r#"{"locale":"fr-normalize-test","plural":"zero_one_other","messages":{
            "dialect.missing_field":"{field} est obligatoire."}}"#;
        crate::messages::register(fr).unwrap();
        let body = r#"{"message":"Validation Failed","errors":[{"resource":"Issue","field":"title","code":"missing_field"}],
            "documentation_url":"https://docs.github.com/rest"}"#;
        let opts = Options {
            locale: "fr-normalize-test",
            ..Options::default()
        };
        let n = normalize(&Response::new(422, body), &opts);
        assert_eq!(
            n.field("title"),
            Some(&["Title est obligatoire.".to_owned()][..])
        );
    }
}
