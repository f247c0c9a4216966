//! The demo API. `POST /api/signup` validates the sign-up with the same
//! schema file as the page (natively, with the fieldnote crate) and answers
//! every case of the spec in the spec's envelope; `POST /api/token` issues
//! a one-hour token.
//!
//! Order of checks on `/api/signup`, as a real stack would make them: the
//! proxy (502), the route (404), the token (401), the rate limit (429),
//! permissions (403), the body (400, 413, 415), the schema (422), then the
//! server's own rules (409, 422, 500) and 201.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use fieldnote::envelope::{Detail, Envelope};
use fieldnote::json::{Kind, Value, Writer};
use fieldnote::paths::{self, Style};
use fieldnote::serve::axum::{ApiError, BodyLimits, Schemas};

use super::scenario::{Dialect, Scenario, NAMES, NGINX_502};
use super::token;

/// The delay the first 429 asks for, in seconds.
pub const RETRY_AFTER: u64 = 15;
/// Furthest the demo clock may be moved ahead (a year), in seconds.
const MAX_CLOCK_AHEAD: i64 = 366 * 24 * 3600;
/// Largest request body accepted; a sign-up is a few hundred bytes.
pub const MAX_BODY: usize = 64 * 1024;
/// Deepest JSON nesting accepted in a body (a sign-up needs 3).
const MAX_DEPTH: u32 = 32;
/// Idempotency keys remembered by the rate limiter before it forgets all.
const MAX_KEYS: usize = 10_000;
/// The schema's name in [`Schemas`].
const SIGNUP: &str = "signup";

/// The API's state: the compiled schema and a few counters.
pub struct Api {
    schemas: Schemas,
    /// Idempotency key → requests seen in the 429 scenario.
    limited: Mutex<HashMap<String, u32>>,
    accounts: AtomicU64,
    request_ids: AtomicU64,
}

impl Api {
    /// Compiles the sign-up schema; bodies must arrive within `timeout`.
    pub fn new(schema_json: &str, timeout: Duration) -> Result<Api, String> {
        let schemas = Schemas::new()
            .add(SIGNUP, schema_json)
            .map_err(|e| e.message)?
            .limits(BodyLimits {
                max_bytes: MAX_BODY,
                max_depth: MAX_DEPTH,
                timeout,
            });
        Ok(Api {
            schemas,
            limited: Mutex::new(HashMap::new()),
            accounts: AtomicU64::new(0),
            request_ids: AtomicU64::new(0),
        })
    }
}

/// `POST /api/signup`.
pub async fn signup(State(api): State<Arc<Api>>, headers: HeaderMap, body: Body) -> Response {
    api.signup(&headers, body).await
}

/// `POST /api/token`: a one-hour token by the demo clock.
pub async fn issue_token(headers: HeaderMap) -> Response {
    match clock(&headers) {
        Ok(now) => token_reply(now),
        Err(r) => r.into_response(),
    }
}

/// Any other method on the API's two addresses.
pub async fn post_only() -> Response {
    error(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "This address only accepts POST requests.",
    )
    .header("allow", "POST")
    .into_response()
}

/// Anything else under `/api/`.
pub async fn no_api() -> Response {
    ApiError::not_found("There is no API at this address. Check the address and try again.")
        .into_response()
}

fn header_str<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

impl Api {
    async fn signup(&self, headers: &HeaderMap, body: Body) -> Response {
        let Some(scenario) = Scenario::from_header(header_str(headers, "x-demo-scenario")) else {
            let mut m = String::from("X-Demo-Scenario names no scenario. Use one of:");
            for (n, _) in NAMES {
                m.push(' ');
                m.push_str(n);
            }
            return ApiError::bad_request(m).into_response();
        };
        if scenario == Scenario::BadGateway {
            return (
                StatusCode::BAD_GATEWAY,
                [
                    (header::CONTENT_TYPE, "text/html"),
                    (header::SERVER, "nginx/1.24.0"),
                ],
                NGINX_502,
            )
                .into_response();
        }
        let now = match clock(headers) {
            Ok(n) => n,
            Err(r) => return r.into_response(),
        };
        if scenario == Scenario::NotFound {
            return ApiError::not_found(
                "This sign-up link does not exist or has expired. Ask for a new invitation link.",
            )
            .into_response();
        }
        if let Some(r) = unauthorized(token::check(header_str(headers, "authorization"), now)) {
            return r.into_response();
        }
        if scenario == Scenario::RateLimited {
            if let Some(r) = self.rate_limit(headers) {
                return r.into_response();
            }
        }
        if scenario == Scenario::Forbidden {
            return ApiError::forbidden(
                "Your organisation does not let new accounts be created here. Ask your administrator to invite you.",
            )
            .into_response();
        }
        // The body: read within the limits and validated by the crate's
        // axum integration; its 422 is in the request's locale, worded
        // exactly as the page's validator words it.
        let doc = match self.schemas.read(SIGNUP, headers, body).await {
            Ok(d) => d,
            Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY => {
                if scenario == Scenario::BadRequest {
                    return unreadable("the X-Demo-Scenario header asked for a 400");
                }
                return validation(&e.envelope, scenario.dialect());
            }
            Err(e) => return e.into_response(),
        };
        if scenario == Scenario::BadRequest {
            return unreadable("the X-Demo-Scenario header asked for a 400");
        }
        match scenario {
            Scenario::Conflict => conflict(),
            Scenario::OwnRules | Scenario::Problem | Scenario::Laravel => {
                validation(&own_rules(doc.root()), scenario.dialect())
            }
            Scenario::ServerError => {
                let n = self.request_ids.fetch_add(1, Ordering::Relaxed);
                let id = format!("req-{:08x}", real_now().unsigned_abs() ^ (n << 20));
                // What servers say when they crash: not for people, so
                // fieldnote puts its own sentence in front of the report.
                error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal_error",
                    "Internal Server Error",
                )
                .header("x-request-id", &id)
                .into_response()
            }
            _ => self.created(),
        }
    }

    /// The 429 scenario, per idempotency key (so a retry is the same
    /// request): first a stated wait, then a 429 with no delay (the client
    /// backs off), then through.
    fn rate_limit(&self, headers: &HeaderMap) -> Option<ApiError> {
        let key: String = header_str(headers, "idempotency-key")
            .unwrap_or("")
            .chars()
            .take(100)
            .collect();
        let seen = {
            let mut map = self.limited.lock().ok()?;
            if map.len() >= MAX_KEYS {
                map.clear();
            }
            let n = map.entry(key).or_insert(0);
            let seen = *n;
            *n = n.saturating_add(1);
            seen
        };
        let message = "There have been too many sign-ups from your network in a short time.";
        match seen {
            0 => Some(ApiError::rate_limited(message, RETRY_AFTER, "burst", 5, 60)),
            // No stated delay this time: the client backs off on its own.
            1 => Some(
                ApiError::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", message)
                    .header("ratelimit-policy", "\"burst\";q=5;w=60"),
            ),
            _ => None,
        }
    }

    fn created(&self) -> Response {
        let n = self
            .accounts
            .fetch_add(1, Ordering::Relaxed)
            .saturating_add(1);
        let id = format!("acc_{n:06}");
        let mut w = Writer::new();
        w.begin_object();
        w.key("id");
        w.string(&id);
        w.key("message");
        w.string("Account created");
        w.end_object();
        let mut res = json(StatusCode::CREATED, "application/json", w.finish());
        if let Ok(v) = HeaderValue::from_str(&format!("/api/accounts/{id}")) {
            res.headers_mut().insert(header::LOCATION, v);
        }
        res
    }
}

/// A JSON response that is never cached.
fn json(status: StatusCode, content_type: &'static str, body: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// The spec's envelope with no details.
pub fn error(status: StatusCode, code: &str, message: &str) -> ApiError {
    ApiError::new(status, code, message)
}

/// Seconds since the epoch by the real clock.
fn real_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Now by the demo's clock: the real time plus `X-Demo-Clock` seconds, so
/// the page can move time on without waiting an hour for a token to expire.
fn clock(headers: &HeaderMap) -> Result<i64, ApiError> {
    let ahead = match header_str(headers, "x-demo-clock") {
        None => 0,
        Some(v) => match v.parse::<i64>() {
            Ok(s) if (0..=MAX_CLOCK_AHEAD).contains(&s) => s,
            _ => {
                return Err(ApiError::bad_request(
                    "X-Demo-Clock must be a whole number of seconds from 0 to 31622400.",
                ))
            }
        },
    };
    Ok(real_now().saturating_add(ahead))
}

fn token_reply(now: i64) -> Response {
    let mut w = Writer::new();
    w.begin_object();
    w.key("access_token");
    w.string(&token::issue(now));
    w.key("token_type");
    w.string("Bearer");
    w.key("expires_in");
    w.u64(token::LIFETIME.unsigned_abs());
    w.end_object();
    json(StatusCode::OK, "application/json", w.finish())
}

/// The 401 for a token that is missing, malformed or expired (RFC 6750
/// challenge and the spec's envelope); `None` for a valid token.
fn unauthorized(check: token::Check) -> Option<ApiError> {
    const REALM: &str = "fieldnote-demo";
    const ENDED: &str = "Your session has ended. Sign in again to continue.";
    Some(match check {
        token::Check::Valid => return None,
        token::Check::Missing => {
            ApiError::unauthorized("Sign in to create an account.", REALM, None, None)
        }
        token::Check::Malformed => ApiError::unauthorized(
            ENDED,
            REALM,
            Some("invalid_token"),
            Some("The access token is not a JWT with an expiry time"),
        ),
        token::Check::Expired => ApiError::unauthorized(
            ENDED,
            REALM,
            Some("invalid_token"),
            Some("The access token expired"),
        ),
    })
}

/// The 400 the `400` scenario asks for. The person gets a plain sentence;
/// developers get the reason in `X-Error-Detail` (it is in the support
/// report too).
fn unreadable(reason: &str) -> Response {
    ApiError::bad_request("The server could not read the sign-up. Reload the page and try again.")
        .detail_header(reason)
        .into_response()
}

/// 409 on the email field.
fn conflict() -> Response {
    let env = Envelope {
        code: "already_exists".into(),
        message: "An account already exists with this email address.".into(),
        details: vec![Detail {
            field: "email".into(),
            message: "An account already exists with this email address. Sign in, or use a different email address".into(),
        }],
    };
    json(StatusCode::CONFLICT, "application/json", env.to_json())
}

/// What the server itself checks once the schema is satisfied: delivery
/// area and stock. Always two nested fields, so the scenario is reliable.
fn own_rules(root: Value<'_>) -> Envelope {
    let mut details = vec![Detail {
        field: "shipping.postcode".into(),
        message: "We cannot deliver to this postcode yet. Enter a different delivery address"
            .into(),
    }];
    let items = root.get("items").filter(|i| i.kind() == Kind::Array);
    if let Some(last) = items.and_then(|i| i.len().checked_sub(1)) {
        let wanted = items
            .and_then(|i| i.at(last))
            .and_then(|i| i.get("quantity"))
            .and_then(|q| q.as_u64())
            .unwrap_or(1);
        let message = match wanted.saturating_sub(1) {
            0 => "This product is out of stock. Choose a different product".to_owned(),
            1 => "Only 1 of these is left. Enter 1".to_owned(),
            left => format!("Only {left} of these are left. Enter {left} or fewer"),
        };
        let mut field = String::from("items");
        paths::push_index(&mut field, last);
        paths::push_key(&mut field, "quantity");
        details.push(Detail { field, message });
    }
    Envelope {
        code: "validation_failed".into(),
        message: "Some answers could not be accepted. Check the marked fields and try again."
            .into(),
        details,
    }
}

/// A 422 in `dialect`, with the same fields and messages whatever the
/// dialect (the page must show the same thing for all three).
fn validation(env: &Envelope, dialect: Dialect) -> Response {
    match dialect {
        Dialect::Spec => ApiError::validation(env.clone()).into_response(),
        Dialect::Problem => {
            let mut w = Writer::new();
            w.begin_object();
            w.key("type");
            w.string("https://fieldnote.example/problems/validation-error");
            w.key("title");
            w.string("Some answers need correcting.");
            w.key("status");
            w.u64(422);
            w.key("instance");
            w.string("/api/signup");
            w.key("errors");
            w.begin_array();
            for d in &env.details {
                w.begin_object();
                w.key("detail");
                w.string(&d.message);
                w.key("pointer");
                let mut p = String::from("#");
                p.push_str(&paths::format(&d.field, Style::Pointer));
                w.string(&p);
                w.end_object();
            }
            w.end_array();
            w.end_object();
            json(
                StatusCode::UNPROCESSABLE_ENTITY,
                "application/problem+json",
                w.finish(),
            )
        }
        Dialect::Laravel => {
            // Laravel: the first message, "(and N more errors)", and the
            // messages grouped by dotted field name.
            let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
            for d in &env.details {
                match groups.iter_mut().find(|(f, _)| *f == d.field) {
                    Some((_, list)) => list.push(&d.message),
                    None => groups.push((&d.field, vec![&d.message])),
                }
            }
            let mut message = env
                .details
                .first()
                .map(|d| d.message.clone())
                .unwrap_or_default();
            match env.details.len() {
                0 | 1 => {}
                2 => message.push_str(" (and 1 more error)"),
                n => message.push_str(&format!(" (and {} more errors)", n - 1)),
            }
            let mut w = Writer::new();
            w.begin_object();
            w.key("message");
            w.string(&message);
            w.key("errors");
            w.begin_object();
            for (field, list) in groups {
                w.key(field);
                w.begin_array();
                for m in list {
                    w.string(m);
                }
                w.end_array();
            }
            w.end_object();
            w.end_object();
            json(
                StatusCode::UNPROCESSABLE_ENTITY,
                "application/json",
                w.finish(),
            )
        }
    }
}
