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
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use fieldnote::envelope::{Detail, Envelope};
use fieldnote::json::{Document, Kind, Limits, Value, Writer};
use fieldnote::paths::{self, Style};
use fieldnote::schema::{self, Schema};

use crate::http::{Reply, Request, MAX_BODY};
use crate::scenario::{Dialect, Scenario, NAMES, NGINX_502};
use crate::token;

/// The delay the first 429 asks for, in seconds.
pub const RETRY_AFTER: u64 = 15;
/// Furthest the demo clock may be moved ahead (a year), in seconds.
const MAX_CLOCK_AHEAD: i64 = 366 * 24 * 3600;
/// Deepest JSON nesting accepted in a body (a sign-up needs 3).
const MAX_DEPTH: u32 = 32;
/// Idempotency keys remembered by the rate limiter before it forgets all.
const MAX_KEYS: usize = 10_000;

/// The API's state: the compiled schema and a few counters.
pub struct Api {
    schema: Schema,
    /// Idempotency key → requests seen in the 429 scenario.
    limited: Mutex<HashMap<String, u32>>,
    accounts: AtomicU64,
    request_ids: AtomicU64,
}

impl Api {
    /// Compiles the sign-up schema.
    pub fn new(schema_json: &str) -> Result<Api, String> {
        let schema = Schema::compile(
            schema_json,
            &schema::Registry::new(),
            &schema::Options::default(),
        )
        .map_err(|e| e.message)?;
        Ok(Api {
            schema,
            limited: Mutex::new(HashMap::new()),
            accounts: AtomicU64::new(0),
            request_ids: AtomicU64::new(0),
        })
    }

    /// Answers a request under `/api/`.
    pub fn handle(&self, req: &Request) -> Reply {
        let post_only = || {
            error(
                405,
                "method_not_allowed",
                "This address only accepts POST requests.",
            )
            .with("Allow", "POST")
        };
        match req.path.as_str() {
            "/api/signup" if req.method == "POST" => self.signup(req),
            "/api/token" if req.method == "POST" => match clock(req) {
                Ok(now) => issue_token(now),
                Err(r) => r,
            },
            "/api/signup" | "/api/token" => post_only(),
            _ => error(
                404,
                "not_found",
                "There is no API at this address. Check the address and try again.",
            ),
        }
    }

    fn signup(&self, req: &Request) -> Reply {
        let Some(scenario) = Scenario::from_header(req.header("x-demo-scenario")) else {
            let mut m = String::from("X-Demo-Scenario names no scenario. Use one of:");
            for (n, _) in NAMES {
                m.push(' ');
                m.push_str(n);
            }
            return error(400, "bad_request", &m);
        };
        if scenario == Scenario::BadGateway {
            return Reply::new(502, "text/html", NGINX_502).with("Server", "nginx/1.24.0");
        }
        let now = match clock(req) {
            Ok(n) => n,
            Err(r) => return r,
        };
        if scenario == Scenario::NotFound {
            return error(
                404,
                "not_found",
                "This sign-up link does not exist or has expired. Ask for a new invitation link.",
            );
        }
        if let Some(r) = unauthorized(token::check(req.header("authorization"), now)) {
            return r;
        }
        if scenario == Scenario::RateLimited {
            if let Some(r) = self.rate_limit(req) {
                return r;
            }
        }
        if scenario == Scenario::Forbidden {
            return error(
                403,
                "forbidden",
                "Your organisation does not let new accounts be created here. Ask your administrator to invite you.",
            );
        }
        let doc = match read_json(req) {
            Ok(d) => d,
            Err(r) => return r,
        };
        if scenario == Scenario::BadRequest {
            return unreadable("the X-Demo-Scenario header asked for a 400");
        }
        let failures = match self.schema.validate(doc.root()) {
            Ok(f) => f,
            Err(e) => return unreadable(&e.message),
        };
        if !failures.is_empty() {
            // English, with the schema's titles and errorMessage: exactly
            // what the page's validator says for the same payload.
            let env = schema::to_envelope(&failures, "en");
            return validation(&env, scenario.dialect());
        }
        match scenario {
            Scenario::Conflict => conflict(),
            Scenario::OwnRules | Scenario::Problem | Scenario::Laravel => {
                validation(&own_rules(doc.root()), scenario.dialect())
            }
            Scenario::ServerError => {
                let n = self.request_ids.fetch_add(1, Ordering::Relaxed);
                let mut id = String::from("req-");
                id.push_str(&format!("{:08x}", real_now().unsigned_abs() ^ (n << 20)));
                // What servers say when they crash: not for people, so
                // fieldnote puts its own sentence in front of the report.
                error(500, "internal_error", "Internal Server Error").with("X-Request-Id", id)
            }
            _ => self.created(),
        }
    }

    /// The 429 scenario, per idempotency key (so a retry is the same
    /// request): first a stated wait, then a 429 with no delay (the client
    /// backs off), then through.
    fn rate_limit(&self, req: &Request) -> Option<Reply> {
        let key: String = req
            .header("idempotency-key")
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
        let policy = ("RateLimit-Policy", "\"burst\";q=5;w=60".to_owned());
        let message = "There have been too many sign-ups from your network in a short time.";
        match seen {
            0 => Some(
                error(429, "rate_limited", message)
                    .with(policy.0, policy.1)
                    .with("RateLimit", format!("\"burst\";r=0;t={RETRY_AFTER}"))
                    .with("Retry-After", RETRY_AFTER.to_string()),
            ),
            1 => Some(error(429, "rate_limited", message).with(policy.0, policy.1)),
            _ => None,
        }
    }

    fn created(&self) -> Reply {
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
        Reply::new(201, "application/json", w.finish())
            .with("Location", format!("/api/accounts/{id}"))
    }
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
fn clock(req: &Request) -> Result<i64, Reply> {
    let ahead = match req.header("x-demo-clock") {
        None => 0,
        Some(v) => match v.parse::<i64>() {
            Ok(s) if (0..=MAX_CLOCK_AHEAD).contains(&s) => s,
            _ => {
                return Err(error(
                    400,
                    "bad_request",
                    "X-Demo-Clock must be a whole number of seconds from 0 to 31622400.",
                ))
            }
        },
    };
    Ok(real_now().saturating_add(ahead))
}

fn issue_token(now: i64) -> Reply {
    let mut w = Writer::new();
    w.begin_object();
    w.key("access_token");
    w.string(&token::issue(now));
    w.key("token_type");
    w.string("Bearer");
    w.key("expires_in");
    w.u64(token::LIFETIME.unsigned_abs());
    w.end_object();
    Reply::new(200, "application/json", w.finish())
}

/// The 401 for a token that is missing, malformed or expired (RFC 6750
/// challenge and the spec's envelope); `None` for a valid token.
fn unauthorized(check: token::Check) -> Option<Reply> {
    let (challenge, code, message) = match check {
        token::Check::Valid => return None,
        token::Check::Missing => (
            "Bearer realm=\"fieldnote-demo\"",
            "unauthenticated",
            "Sign in to create an account.",
        ),
        token::Check::Malformed => (
            "Bearer realm=\"fieldnote-demo\", error=\"invalid_token\", error_description=\"The access token is not a JWT with an expiry time\"",
            "invalid_token",
            "Your session has ended. Sign in again to continue.",
        ),
        token::Check::Expired => (
            "Bearer realm=\"fieldnote-demo\", error=\"invalid_token\", error_description=\"The access token expired\"",
            "invalid_token",
            "Your session has ended. Sign in again to continue.",
        ),
    };
    Some(error(401, code, message).with("WWW-Authenticate", challenge))
}

/// The body as a JSON document, or the 400/415 that says why not.
fn read_json(req: &Request) -> Result<Document, Reply> {
    let media = req
        .header("content-type")
        .and_then(|v| v.split(';').next())
        .map(|t| t.trim().to_ascii_lowercase());
    if media.as_deref() != Some("application/json") {
        return Err(error(
            415,
            "unsupported_media_type",
            "Send the sign-up as JSON, with the header Content-Type: application/json.",
        )
        .with("Accept-Post", "application/json"));
    }
    if req.body.iter().all(u8::is_ascii_whitespace) {
        return Err(unreadable("the request has no body"));
    }
    let text = String::from_utf8(req.body.clone())
        .map_err(|_| unreadable("the body is not UTF-8 text"))?;
    let limits = Limits {
        max_depth: MAX_DEPTH,
        max_len: MAX_BODY,
    };
    Document::parse_with(text, &limits).map_err(|e| unreadable(&e.describe(&limits)))
}

/// The 400 for a body the API cannot read. The person gets a plain
/// sentence; developers get the reason in `X-Error-Detail` (it is in the
/// support report too).
fn unreadable(reason: &str) -> Reply {
    error(
        400,
        "bad_request",
        "The server could not read the sign-up. Reload the page and try again.",
    )
    .with("X-Error-Detail", header_safe(reason))
}

/// 409 on the email field.
fn conflict() -> Reply {
    let env = Envelope {
        code: "already_exists".into(),
        message: "An account already exists with this email address.".into(),
        details: vec![Detail {
            field: "email".into(),
            message: "An account already exists with this email address. Sign in, or use a different email address".into(),
        }],
    };
    Reply::new(409, "application/json", env.to_json())
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
fn validation(env: &Envelope, dialect: Dialect) -> Reply {
    match dialect {
        Dialect::Spec => Reply::new(422, "application/json", env.to_json()),
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
            Reply::new(422, "application/problem+json", w.finish())
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
            Reply::new(422, "application/json", w.finish())
        }
    }
}

/// The spec's envelope with no details.
pub fn error(status: u16, code: &str, message: &str) -> Reply {
    let env = Envelope {
        code: code.into(),
        message: message.into(),
        details: Vec::new(),
    };
    Reply::new(status, "application/json", env.to_json())
}

/// Keeps a header value to printable ASCII on one line.
fn header_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '?'
            }
        })
        .take(200)
        .collect()
}
