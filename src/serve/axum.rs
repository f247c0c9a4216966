//! axum for Rust servers (feature `axum`): request bodies validated against
//! compiled schemas, and the spec's error responses.
//!
//! - [`Schemas`]: compiled schemas by name, with the limits every body is
//!   read under ([`BodyLimits`]). Share it as router state (`Arc<Schemas>`).
//! - [`Validated<T>`]: an extractor for a type that names its schema
//!   ([`HasSchema`]). The body must be JSON (`Content-Type`), small enough,
//!   arrive in time, be shallow enough, and satisfy the schema; otherwise
//!   the handler never runs and the client gets the spec's envelope.
//! - [`ApiError`]: every status of the spec as a response, in the spec's
//!   envelope, with the headers the client reads (`WWW-Authenticate`,
//!   `Retry-After`, `RateLimit`, `X-Request-Id`).
//! - [`locale`]: the catalog locale an `Accept-Language` header asks for.
//!
//! A 422 says exactly what the page's validator says for the same payload
//! (the same schema, the same sentences), in the request's locale. Bodies
//! that cannot be read get a 400, 408, 413 or 415 envelope: the person's
//! sentence in `message`, the developer's reason in `X-Error-Detail`.

use std::sync::Arc;
use std::time::Duration;

use ::axum::body::Body;
use ::axum::extract::{FromRef, FromRequest, FromRequestParts, Request};
use ::axum::http::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use ::axum::http::request::Parts;
use ::axum::http::StatusCode;
use ::axum::response::{IntoResponse, Response};
use ::serde::de::DeserializeOwned;
use http_body_util::BodyExt;

use crate::envelope::{Detail, Envelope};
use crate::json::{Document, Limits};
use crate::schema::{self, CompileError, Failure, MessageOptions, Schema};
use crate::status::Category;

// ---- Schemas and limits ----

/// The bounds a request body is read under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BodyLimits {
    /// Largest body accepted, in bytes (413 above it). Default 64 KiB.
    pub max_bytes: usize,
    /// Deepest JSON nesting accepted (400 deeper). Default 32.
    pub max_depth: u32,
    /// Time allowed for the whole body to arrive (408 after it). Default 10 s.
    pub timeout: Duration,
}

impl Default for BodyLimits {
    fn default() -> Self {
        BodyLimits {
            max_bytes: 64 * 1024,
            max_depth: 32,
            timeout: Duration::from_secs(10),
        }
    }
}

struct Entry {
    name: String,
    schema: Schema,
    words: MessageOptions,
}

/// Compiled schemas by name, and the limits bodies are read under. Build
/// it once at start-up and share it as state: `Router::with_state(Arc::new(schemas))`
/// (or any state `S` with `Arc<Schemas>: FromRef<S>`).
#[derive(Default)]
pub struct Schemas {
    entries: Vec<Entry>,
    limits: BodyLimits,
}

impl std::fmt::Debug for Schemas {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Schemas")
            .field(
                "names",
                &self.entries.iter().map(|e| &e.name).collect::<Vec<_>>(),
            )
            .field("limits", &self.limits)
            .finish()
    }
}

impl Schemas {
    /// No schemas, default [`BodyLimits`].
    pub fn new() -> Schemas {
        Schemas::default()
    }

    /// Compiles `schema_json` (no registry, default options) and adds it as
    /// `name`. The error names the schema and where in it the problem is.
    pub fn add(self, name: &str, schema_json: &str) -> Result<Schemas, CompileError> {
        let schema = Schema::compile(
            schema_json,
            &schema::Registry::new(),
            &schema::Options::default(),
        )
        .map_err(|mut e| {
            e.message = format!("schema {name:?}: {}", e.message);
            e
        })?;
        Ok(self.insert(name, schema, MessageOptions::default()))
    }

    /// Adds a compiled schema as `name` (replacing one of that name), with
    /// labels and message overrides for its 422s; their `locale` is
    /// ignored (each request's `Accept-Language` decides).
    pub fn insert(mut self, name: &str, schema: Schema, words: MessageOptions) -> Schemas {
        self.entries.retain(|e| e.name != name);
        self.entries.push(Entry {
            name: name.to_owned(),
            schema,
            words,
        });
        self
    }

    /// Sets the limits bodies are read under.
    pub fn limits(mut self, limits: BodyLimits) -> Schemas {
        self.limits = limits;
        self
    }

    /// The compiled schema called `name`.
    pub fn get(&self, name: &str) -> Option<&Schema> {
        self.entry(name).map(|e| &e.schema)
    }

    fn entry(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.name == name)
    }

    /// Reads a request body under the limits and validates it against the
    /// schema `name`: the parsed document, or the response to send
    /// instead (400, 408, 413, 415, 422, or 500 if there is no such schema).
    /// For handlers that must decide things before the body is read (a
    /// token, a rate limit); otherwise [`Validated`] does this.
    pub async fn read(
        &self,
        name: &str,
        headers: &HeaderMap,
        body: Body,
    ) -> Result<Document, ApiError> {
        let locale = locale(headers);
        let entry = self.entry(name).ok_or_else(|| {
            ApiError::server_error(None, &locale)
                .detail_header(&format!("no schema is registered as {name:?}"))
        })?;
        let bytes = read_body(headers, body, &self.limits, &locale).await?;
        self.check_with(entry, &bytes, &locale)
    }

    /// Like [`Schemas::read`] for a body already in memory (its
    /// `Content-Type` and size are not checked here).
    pub fn check(&self, name: &str, body: &[u8], locale: &str) -> Result<Document, ApiError> {
        let entry = self.entry(name).ok_or_else(|| {
            ApiError::server_error(None, locale)
                .detail_header(&format!("no schema is registered as {name:?}"))
        })?;
        self.check_with(entry, body, locale)
    }

    fn check_with(&self, entry: &Entry, body: &[u8], locale: &str) -> Result<Document, ApiError> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(unreadable(locale, "the request has no body"));
        }
        let text = std::str::from_utf8(body)
            .map_err(|_| unreadable(locale, "the body is not UTF-8 text"))?;
        let limits = Limits {
            max_depth: self.limits.max_depth,
            max_len: self.limits.max_bytes,
        };
        let doc = Document::parse_with(text.to_owned(), &limits)
            .map_err(|e| unreadable(locale, &e.describe(&limits)))?;
        let failures = entry
            .schema
            .validate(doc.root())
            .map_err(|e| unreadable(locale, &e.message))?;
        if failures.is_empty() {
            Ok(doc)
        } else {
            Err(ApiError::validation_failed(&failures, &entry.words, locale))
        }
    }
}

/// The whole body, within the size and time limits.
async fn read_body(
    headers: &HeaderMap,
    body: Body,
    limits: &BodyLimits,
    locale: &str,
) -> Result<::axum::body::Bytes, ApiError> {
    if !is_json(headers) {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            sentence(Category::BadRequest, locale),
        )
        .detail_header("send the body as JSON, with Content-Type: application/json")
        .header("accept-post", "application/json"));
    }
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            sentence(Category::BadRequest, locale),
        )
        .detail_header(&format!(
            "the body is larger than {} bytes",
            limits.max_bytes
        ))
    };
    let stated = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if stated.is_some_and(|n| n > limits.max_bytes as u64) {
        return Err(too_large());
    }
    let limited = http_body_util::Limited::new(body, limits.max_bytes);
    match tokio::time::timeout(limits.timeout, limited.collect()).await {
        Err(_) => Err(ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "request_timeout",
            sentence(Category::BadRequest, locale),
        )
        .detail_header("the body did not arrive in time")),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => Err(too_large()),
        Ok(Err(_)) => Err(unreadable(locale, "the body could not be read")),
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
    }
}

/// `application/json` or any `+json` type, parameters and case aside.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(v) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let media = v
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    media == "application/json" || (media.starts_with("application/") && media.ends_with("+json"))
}

/// The 400 for a body that cannot be read: the person's sentence, and the
/// reason for developers in `X-Error-Detail`.
fn unreadable(locale: &str, reason: &str) -> ApiError {
    ApiError::bad_request(sentence(Category::BadRequest, locale)).detail_header(reason)
}

// ---- The extractor ----

/// A request body type that is validated against a schema in [`Schemas`].
pub trait HasSchema: DeserializeOwned {
    /// The name the schema was added under.
    const SCHEMA: &'static str;
}

/// A request body that is JSON, within the [`BodyLimits`], valid against
/// `T`'s schema, and deserialized into `T`. Rejected requests get an
/// [`ApiError`] (the spec's envelope) and never reach the handler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Validated<T>(pub T);

impl<S, T> FromRequest<S> for Validated<T>
where
    T: HasSchema,
    Arc<Schemas>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let schemas = Arc::<Schemas>::from_ref(state);
        let (parts, body) = req.into_parts();
        let doc = schemas.read(T::SCHEMA, &parts.headers, body).await?;
        serde_json::from_str(doc.text())
            .map(Validated)
            .map_err(|e| {
                // The schema let through what the type cannot hold: the
                // server's two descriptions of the body disagree.
                unreadable(
                    &locale(&parts.headers),
                    &format!("the body does not fit the server's type: {e}"),
                )
            })
    }
}

/// The locale a request asks for (see [`locale`]), as an extractor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Locale(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Locale {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Locale(locale(&parts.headers)))
    }
}

/// The best locale fieldnote has a catalog for among those
/// `Accept-Language` lists (by `q`, then order; `de-AT` finds `de`);
/// `en` when none is known or the header is missing.
pub fn locale(headers: &HeaderMap) -> String {
    let Some(v) = headers
        .get(::axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
    else {
        return "en".into();
    };
    let mut wanted: Vec<(u32, &str)> = v
        .split(',')
        .take(32)
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), |q| {
                    q.trim()
                        .parse::<f32>()
                        .ok()
                        .map(|q| (q.clamp(0.0, 1.0) * 1000.0) as u32)
                })?;
            (q > 0 && !tag.is_empty() && tag != "*").then_some((q, tag))
        })
        .collect();
    // Stable: equal weights keep the header's order.
    wanted.sort_by_key(|w| std::cmp::Reverse(w.0));
    for (_, tag) in wanted {
        let cat = crate::messages::catalog(tag);
        let lang = tag.split(['-', '_']).next().unwrap_or("");
        if cat.locale().eq_ignore_ascii_case(tag) || cat.locale().eq_ignore_ascii_case(lang) {
            return cat.locale().to_owned();
        }
    }
    "en".into()
}

/// The sentence the page shows for `category` in `locale` (the npm
/// package's default message for it).
pub fn sentence(category: Category, locale: &str) -> String {
    let mut key = String::from("category.");
    key.push_str(category.as_str());
    crate::messages::text(locale, &key, &[])
}

// ---- Responses ----

/// A response in the spec's envelope, `{"error":{code, message,
/// details}}`, with the headers its status calls for. Build one per status
/// with the constructors, add details and headers, return it from a
/// handler (it is `IntoResponse`).
#[derive(Clone, Debug)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The body.
    pub envelope: Envelope,
    /// Extra headers, in order (`Content-Type` and `Cache-Control` are
    /// added when it becomes a response).
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

impl ApiError {
    /// Any status, code and message.
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            envelope: Envelope {
                code: code.to_owned(),
                message: message.into(),
                details: Vec::new(),
            },
            headers: Vec::new(),
        }
    }

    /// 400 `bad_request`: the request cannot be processed as sent.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 401 with the RFC 6750 challenge in `WWW-Authenticate`. `error` is
    /// `None` when no token was sent (code `unauthenticated`), else the
    /// challenge's error (`invalid_token`, which is then also the code).
    /// `description` is for developers (`error_description`).
    pub fn unauthorized(
        message: impl Into<String>,
        realm: &str,
        error: Option<&str>,
        description: Option<&str>,
    ) -> ApiError {
        let mut challenge = String::from("Bearer realm=\"");
        challenge.push_str(&quoted(realm));
        challenge.push('"');
        if let Some(e) = error {
            challenge.push_str(", error=\"");
            challenge.push_str(&quoted(e));
            challenge.push('"');
        }
        if let Some(d) = description {
            challenge.push_str(", error_description=\"");
            challenge.push_str(&quoted(d));
            challenge.push('"');
        }
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            error.unwrap_or("unauthenticated"),
            message,
        )
        .header("www-authenticate", &challenge)
    }

    /// 403 `forbidden`: signed in, not allowed.
    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 404 `not_found`.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 409: the request clashes with the current state; `code` such as
    /// `already_exists`. Add the clashing field with [`ApiError::field`].
    pub fn conflict(code: &str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, code, message)
    }

    /// 422 with an envelope already built (the server's own rules).
    pub fn validation(envelope: Envelope) -> ApiError {
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            envelope,
            headers: Vec::new(),
        }
    }

    /// 422 `validation_failed` for schema failures: one detail per failure
    /// in `locale`, worded with `words`' labels and overrides, exactly as
    /// the npm package's validator words them.
    pub fn validation_failed(
        failures: &[Failure],
        words: &MessageOptions,
        locale: &str,
    ) -> ApiError {
        let mut o = words.clone();
        o.locale = locale.to_owned();
        ApiError::validation(schema::to_envelope_with(failures, &o))
    }

    /// 429 `rate_limited`, with `Retry-After: retry_after`, and the IETF
    /// `RateLimit` / `RateLimit-Policy` fields for a policy named `policy`
    /// allowing `quota` requests per `window` seconds.
    pub fn rate_limited(
        message: impl Into<String>,
        retry_after: u64,
        policy: &str,
        quota: u64,
        window: u64,
    ) -> ApiError {
        let name = quoted(policy);
        ApiError::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", message)
            .header("retry-after", &retry_after.to_string())
            .header("ratelimit", &format!("\"{name}\";r=0;t={retry_after}"))
            .header(
                "ratelimit-policy",
                &format!("\"{name}\";q={quota};w={window}"),
            )
    }

    /// 500 `internal_error`, in `locale`, with `X-Request-Id` (support
    /// finds the logs by it; the page puts it in the support report).
    /// Without an id of the server's own, a new one is made
    /// ([`new_request_id`]): log it with the error.
    pub fn server_error(request_id: Option<&str>, locale: &str) -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            sentence(Category::ServerError, locale),
        )
        .request_id(request_id)
    }

    /// 502 `bad_gateway`, in `locale`, with `X-Request-Id` (made when
    /// `None`, as for [`ApiError::server_error`]).
    pub fn bad_gateway(request_id: Option<&str>, locale: &str) -> ApiError {
        ApiError::new(
            StatusCode::BAD_GATEWAY,
            "bad_gateway",
            sentence(Category::BadGateway, locale),
        )
        .request_id(request_id)
    }

    fn request_id(self, id: Option<&str>) -> ApiError {
        match id {
            Some(id) => self.header("x-request-id", id),
            None => self.header("x-request-id", &new_request_id()),
        }
    }

    /// The request id this response carries, if any.
    pub fn request_id_value(&self) -> Option<&str> {
        self.header_value("x-request-id")
    }

    /// Adds a detail on `field` (dotted path; `""` for the whole form).
    pub fn field(mut self, field: &str, message: impl Into<String>) -> ApiError {
        self.envelope.details.push(Detail {
            field: crate::paths::canonical(field),
            message: message.into(),
        });
        self
    }

    /// Adds a header; a value that cannot be a header (a line break, a
    /// control character) has those characters replaced with `?`.
    pub fn header(mut self, name: &'static str, value: &str) -> ApiError {
        let value = HeaderValue::from_str(value).unwrap_or_else(|_| {
            HeaderValue::from_str(&header_safe(value)).unwrap_or(HeaderValue::from_static("?"))
        });
        let name = HeaderName::from_static(name);
        self.headers.retain(|(n, _)| *n != name);
        self.headers.push((name, value));
        self
    }

    /// The value of an extra header (`name` in lower case), if set.
    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.as_str() == name)
            .and_then(|(_, v)| v.to_str().ok())
    }

    /// Adds `X-Error-Detail`: why, for developers (printable ASCII, 200
    /// characters at most; it is in the page's support report too).
    pub fn detail_header(self, reason: &str) -> ApiError {
        self.header("x-error-detail", &header_safe(reason))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = Response::new(Body::from(self.envelope.to_json()));
        *res.status_mut() = self.status;
        let h = res.headers_mut();
        h.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        h.insert(
            ::axum::http::header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        );
        for (n, v) in self.headers {
            h.insert(n, v);
        }
        res
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.envelope.code,
            self.envelope.message
        )
    }
}

impl std::error::Error for ApiError {}

/// A request id unique in this process and unlikely to repeat across
/// restarts: `req-` and 16 hex digits (start time mixed with a counter).
pub fn new_request_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    format!(
        "req-{:016x}",
        now.rotate_left(17) ^ n.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    )
}

/// A quoted-string's content: `"` and `\` escaped.
fn quoted(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Printable ASCII on one line, at most 200 characters.
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
