//! Reading error bodies in the dialects servers speak, into one model.
//!
//! With no configuration the dialect is recognized by the body's *shape*:
//! [`read`] parses the body once, reads the root object's member names once
//! (a table lookup per member, see `shape.rs`), looks one level further
//! only where two dialects share an outer shape (`error` objects, the first
//! item of an `errors` list), and hands the body to that dialect's reader.
//! A caller may force a dialect by name instead (the `hint`); the names are
//! [`NAMES`]. Unknown shapes fall back to any plausible human message.
//!
//! Every reader returns the same [`ErrorBody`]: field paths in the
//! canonical dotted form (`items.0.name`, the server's spelling kept), an
//! empty path for form-level errors, the server's message and code, and a
//! category or retry delay only where the body states one.

use crate::http::Headers;
use crate::json::{Document, Kind, Limits, Value};
use crate::paths;
use crate::status::Category;

mod aws;
mod drf;
mod fastapi;
mod github;
mod google;
mod graphql;
mod html;
mod jsonapi;
mod laravel;
mod nestjs;
mod odata;
mod problem;
mod rails;
mod shape;
mod spring;
mod stripe;
mod twilio;
mod zod;

use shape::{Shape, K};

/// Bodies larger than this are not parsed (status and headers still apply).
pub const MAX_BODY_BYTES: usize = 1 << 20;
/// Deepest JSON nesting read in an error body.
pub const MAX_BODY_DEPTH: u32 = 64;
/// Deepest nesting the field-map dialects (DRF, GraphQL `userErrors`) walk.
const MAX_WALK_DEPTH: u32 = 32;

/// What an error body says, whatever its dialect.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorBody {
    /// Which dialect recognized the body (one of [`NAMES`], or `text`).
    pub dialect: &'static str,
    /// A machine-readable code, if given.
    pub code: Option<String>,
    /// The server's top-level message (not yet checked for being human).
    pub message: Option<String>,
    /// Field errors in order: canonical path (empty = form-level), message.
    pub fields: Vec<(String, String)>,
    /// A category the body states outright, overriding the status where
    /// the status cannot say it (a 200 carrying errors, `RESOURCE_EXHAUSTED`).
    pub category: Option<Category>,
    /// A retry delay stated in the body (seconds).
    pub retry_after: Option<u64>,
    /// Whom the dialect says `message` is written for.
    pub audience: Audience,
}

/// Whom a server's top-level message is written for, as its dialect
/// documents it. Decides whose words `normalize` shows (see
/// `normalize::choose_message`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Audience {
    /// Marked for end users: the spec's envelope, Google's
    /// `LocalizedMessage`, Stripe's `card_error`.
    People,
    /// Not said: shown when it reads as a sentence for people.
    #[default]
    Unmarked,
    /// Marked for developers: Google's `error.message` (AIP-193), Stripe's
    /// other error types, OAuth `error_description` (RFC 6749 §5.2),
    /// GitHub's messages, framework summaries. Never shown; kept as the
    /// result's `serverMessage`.
    Developer,
}

impl ErrorBody {
    /// An empty reading by `dialect`.
    pub fn new(dialect: &'static str) -> Self {
        ErrorBody {
            dialect,
            ..ErrorBody::default()
        }
    }

    /// Adds an error at `path` (empty = form-level). An empty message marks
    /// the field with the default sentence; with no field it says nothing.
    /// A message holding internals (a stack trace, a type name) is never
    /// shown: the field gets the default sentence instead.
    pub(crate) fn push(&mut self, path: String, mut message: String) {
        if crate::messages::is_internal(&message) {
            message.clear();
        }
        if !(path.is_empty() && message.is_empty()) {
            self.fields.push((path, message));
        }
    }

    /// The same errors passed through [`ErrorBody::push`]: messages holding
    /// internals become the default sentence (for readers that collect
    /// fields without it, like the spec's envelope).
    pub(crate) fn scrubbed(mut self) -> Self {
        let fields = std::mem::take(&mut self.fields);
        for (path, message) in fields {
            self.push(path, message);
        }
        self
    }

    /// Adds each string in `v` (a string, or an array of strings) as an
    /// error at `path`.
    pub(crate) fn push_all(&mut self, path: &str, v: Value<'_>) {
        match v.kind() {
            Kind::String => {
                if let Some(m) = text(Some(v)) {
                    self.push(path.to_owned(), m);
                }
            }
            Kind::Array => {
                for m in v.items().filter_map(|i| text(Some(i))) {
                    self.push(path.to_owned(), m);
                }
            }
            _ => {}
        }
    }

    /// Whether the reading says anything at all.
    pub(crate) fn said_something(&self) -> bool {
        self.message.is_some()
            || self.code.is_some()
            || !self.fields.is_empty()
            || self.category.is_some()
            || self.retry_after.is_some()
    }

    /// `Some(self)` if the reading says anything.
    pub(crate) fn some(self) -> Option<ErrorBody> {
        self.said_something().then_some(self)
    }

    /// A list of errors with no top-level message whose only entry is about
    /// the whole form is really the message (`{"errors":[{"detail":"..."}]}`
    /// on a 401 names no field to annotate).
    pub(crate) fn promote_single(&mut self) {
        if self.message.is_none() && self.fields.len() == 1 {
            if let Some((path, _)) = self.fields.first() {
                if path.is_empty() {
                    self.message = self.fields.pop().map(|(_, m)| m);
                }
            }
        }
    }
}

/// Every dialect's name, as reported in [`ErrorBody::dialect`] and as
/// accepted by the `hint` of [`read`].
pub const NAMES: [&str; 21] = [
    "spec",
    "problem",
    "aspnet",
    "jsonapi",
    "google",
    "graphql",
    "shopify",
    "stripe",
    "github",
    "laravel",
    "drf",
    "rails",
    "fastapi",
    "nestjs",
    "spring",
    "odata",
    "aws",
    "twilio",
    "zod",
    "express-html",
    "generic",
];

/// The dialects, in the order of [`NAMES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dialect {
    Spec,
    Problem,
    AspNet,
    JsonApi,
    Google,
    GraphQl,
    Shopify,
    Stripe,
    GitHub,
    Laravel,
    Drf,
    Rails,
    FastApi,
    NestJs,
    Spring,
    OData,
    Aws,
    Twilio,
    Zod,
    ExpressHtml,
    Generic,
}

const ALL: [Dialect; 21] = [
    Dialect::Spec,
    Dialect::Problem,
    Dialect::AspNet,
    Dialect::JsonApi,
    Dialect::Google,
    Dialect::GraphQl,
    Dialect::Shopify,
    Dialect::Stripe,
    Dialect::GitHub,
    Dialect::Laravel,
    Dialect::Drf,
    Dialect::Rails,
    Dialect::FastApi,
    Dialect::NestJs,
    Dialect::Spring,
    Dialect::OData,
    Dialect::Aws,
    Dialect::Twilio,
    Dialect::Zod,
    Dialect::ExpressHtml,
    Dialect::Generic,
];

impl Dialect {
    fn from_name(name: &str) -> Option<Dialect> {
        let i = NAMES
            .iter()
            .position(|n| n.eq_ignore_ascii_case(name.trim()))?;
        ALL.get(i).copied()
    }

    fn name(self) -> &'static str {
        NAMES.get(self as usize).copied().unwrap_or("generic")
    }
}

/// What readers need besides the body.
pub(crate) struct Cx<'a> {
    pub(crate) headers: &'a Headers<'a>,
    /// The locale of sentences fieldnote writes for a dialect that sends
    /// only codes (GitHub's `missing_field`, ...).
    pub(crate) locale: &'a str,
}

/// Reads an error body. `hint` forces a dialect by name (one of [`NAMES`];
/// an unknown name is ignored). Returns `None` when the body says nothing
/// usable (empty, an unknown HTML page, not an error).
pub fn read(body: &str, headers: &Headers<'_>, hint: Option<&str>) -> Option<ErrorBody> {
    read_in(body, headers, hint, "en")
}

/// Like [`read`], writing any sentence fieldnote composes itself (for
/// dialects that send only codes) in `locale`.
pub fn read_in(
    body: &str,
    headers: &Headers<'_>,
    hint: Option<&str>,
    locale: &str,
) -> Option<ErrorBody> {
    let cx = Cx { headers, locale };
    let trimmed = body.trim();
    if trimmed.is_empty() || trimmed.len() > MAX_BODY_BYTES {
        return None;
    }
    if trimmed.starts_with(['{', '[']) {
        let limits = Limits {
            max_depth: MAX_BODY_DEPTH,
            max_len: MAX_BODY_BYTES,
        };
        return match Document::parse_with(trimmed.to_owned(), &limits) {
            Ok(doc) => read_value(doc.root(), &cx, hint),
            Err(_) => None,
        };
    }
    read_text(trimmed, &cx)
}

/// Reads a parsed JSON body.
pub fn read_json(root: Value<'_>, headers: &Headers<'_>, hint: Option<&str>) -> Option<ErrorBody> {
    read_value(
        root,
        &Cx {
            headers,
            locale: "en",
        },
        hint,
    )
}

fn read_value(root: Value<'_>, cx: &Cx<'_>, hint: Option<&str>) -> Option<ErrorBody> {
    let s = Shape::of(root);
    let d = hint
        .and_then(Dialect::from_name)
        .unwrap_or_else(|| detect(&s, cx));
    read_as(d, &s, cx).or_else(|| generic(&s))
}

fn read_as(d: Dialect, s: &Shape<'_>, cx: &Cx<'_>) -> Option<ErrorBody> {
    match d {
        Dialect::Spec => crate::envelope::read(s.value).map(ErrorBody::scrubbed),
        Dialect::Problem | Dialect::AspNet => problem::read(s, d.name()),
        Dialect::JsonApi => jsonapi::read(s),
        Dialect::Google => google::read(s),
        Dialect::GraphQl | Dialect::Shopify => graphql::read(s),
        Dialect::Stripe => stripe::read(s),
        Dialect::GitHub => github::read(s, cx),
        Dialect::Laravel => laravel::read(s),
        Dialect::Drf => drf::read(s),
        Dialect::Rails => rails::read(s),
        Dialect::FastApi => fastapi::read(s),
        Dialect::NestJs => nestjs::read(s),
        Dialect::Spring => spring::read(s),
        Dialect::OData => odata::read(s),
        Dialect::Aws => aws::read(s, cx),
        Dialect::Twilio => twilio::read(s),
        Dialect::Zod => zod::read(s),
        Dialect::ExpressHtml => None,
        Dialect::Generic => generic(s),
    }
}

/// Which dialect a parsed body is written in, from its shape.
fn detect(s: &Shape<'_>, cx: &Cx<'_>) -> Dialect {
    let root = s.value;
    if root.kind() == Kind::Array {
        // DRF: a view-level `ValidationError` list, or a list serializer.
        return Dialect::Drf;
    }
    if s.has(K::AwsType) || cx.headers.get("x-amzn-errortype").is_some() {
        return Dialect::Aws;
    }
    if zod::is_zod(s) {
        return Dialect::Zod;
    }
    if let Some(e) = s.get_kind(K::Error, Kind::Object) {
        return detect_error_object(&Shape::of(e));
    }
    match s.get(K::Errors).map(|e| (e.kind(), e)) {
        Some((Kind::Array, errors)) => return detect_error_list(s, errors, cx),
        Some((Kind::Object, _)) => {
            return if is_problem(s, cx) || s.has(K::TraceId) || s.has(K::Title) {
                Dialect::AspNet
            } else if s.has(K::Message) {
                Dialect::Laravel
            } else {
                Dialect::Rails
            }
        }
        _ => {}
    }
    if s.get_kind(K::Data, Kind::Object).is_some() {
        // A GraphQL result with no top-level errors: only mutation payload
        // `userErrors` can make it an error.
        return Dialect::Shopify;
    }
    if s.has(K::StatusCode) && s.has(K::Message) {
        return Dialect::NestJs;
    }
    if s.has(K::Timestamp) && s.has(K::Status) && s.has(K::Path) {
        return Dialect::Spring;
    }
    if s.has(K::MoreInfo) && s.get_kind(K::Code, Kind::Number).is_some() {
        return Dialect::Twilio;
    }
    if s.has(K::DocumentationUrl) {
        return Dialect::GitHub;
    }
    if s.has(K::InvalidParams) || is_problem(s, cx) {
        return Dialect::Problem;
    }
    match s.get(K::Detail).map(|d| d.kind()) {
        Some(Kind::Array) => return Dialect::FastApi,
        // DRF's `APIException` body; FastAPI's `HTTPException` is the same
        // `{"detail": "..."}` and reads the same.
        Some(Kind::String) => return Dialect::Drf,
        _ => {}
    }
    if s.has(K::Exception) && s.has(K::Message) {
        // Laravel's debug-mode exception page as JSON.
        return Dialect::Laravel;
    }
    if s.members > 0 && s.containers == s.members {
        // A bare field map: Rails sends attribute fragments ("can't be
        // blank"), DRF full sentences ("This field is required.").
        return if first_leaf_lowercase(root, 0) {
            Dialect::Rails
        } else {
            Dialect::Drf
        };
    }
    Dialect::Generic
}

/// `{"error": {...}}`: Google's `google.rpc.Status`, OData, Stripe, or the
/// spec's own envelope.
fn detect_error_object(e: &Shape<'_>) -> Dialect {
    let first_detail = e.get_kind(K::Details, Kind::Array).and_then(|d| d.at(0));
    if first_detail.is_some_and(|d| d.get("@type").is_some())
        || (e.get_kind(K::Code, Kind::Number).is_some()
            && e.get_kind(K::Status, Kind::String).is_some())
    {
        Dialect::Google
    } else if e.has(K::InnerError)
        || e.has(K::Target)
        || first_detail.is_some_and(|d| d.get("target").is_some())
    {
        Dialect::OData
    } else if e.text(K::Type).is_some_and(|t| t.ends_with("_error"))
        || e.has(K::Param)
        || e.has(K::DeclineCode)
        || e.has(K::DocUrl)
    {
        Dialect::Stripe
    } else {
        Dialect::Spec
    }
}

/// `{"errors": [...]}`: told apart by the root and the first item's members.
fn detect_error_list(s: &Shape<'_>, errors: Value<'_>, cx: &Cx<'_>) -> Dialect {
    let Some(first) = errors.at(0) else {
        return if s.has(K::Data) {
            Dialect::GraphQl
        } else {
            Dialect::Generic
        };
    };
    match first.kind() {
        Kind::String if s.has(K::DocumentationUrl) => Dialect::GitHub,
        // Rails `full_messages`.
        Kind::String => Dialect::Rails,
        Kind::Object => {
            let f = Shape::of(first);
            if s.has(K::Data)
                || f.has(K::Locations)
                || f.has(K::Extensions)
                || (f.has(K::Message) && f.get_kind(K::Path, Kind::Array).is_some())
            {
                Dialect::GraphQl
            } else if s.has(K::DocumentationUrl) || f.has(K::Resource) {
                Dialect::GitHub
            } else if f.has(K::DefaultMessage) || f.has(K::ObjectName) {
                Dialect::Spring
            } else if is_problem(s, cx) || f.has(K::Pointer) {
                Dialect::Problem
            } else if f.has(K::Source)
                || ((f.has(K::Detail) || f.has(K::Title)) && !f.has(K::Message))
            {
                Dialect::JsonApi
            } else {
                Dialect::Generic
            }
        }
        _ => Dialect::Generic,
    }
}

/// RFC 9457 by media type, or by shape: a string `type` or `title` and at
/// least two of the five standard members, or a numeric `status` with a
/// string `detail` (`type` defaults to `about:blank`; no other dialect
/// pairs those two).
fn is_problem(s: &Shape<'_>, cx: &Cx<'_>) -> bool {
    if cx
        .headers
        .media_type()
        .is_some_and(|m| m.ends_with("problem+json"))
    {
        return true;
    }
    if s.get_kind(K::Status, Kind::Number).is_some()
        && s.get_kind(K::Detail, Kind::String).is_some()
    {
        return true;
    }
    let named =
        s.get_kind(K::Type, Kind::String).is_some() || s.get_kind(K::Title, Kind::String).is_some();
    let mut count = 0;
    for k in [K::Type, K::Title, K::Status, K::Detail, K::Instance] {
        count += usize::from(s.has(k));
    }
    named && count >= 2
}

/// Whether the first string found depth-first (the first message of a
/// field map) begins with a lower-case letter.
fn first_leaf_lowercase(v: Value<'_>, depth: u32) -> bool {
    if depth > MAX_WALK_DEPTH {
        return false;
    }
    let next = match v.kind() {
        Kind::String => return v.as_str().is_some_and(|t| starts_lowercase(&t)),
        Kind::Array => v.at(0),
        Kind::Object => v.members().next().map(|(_, x)| x),
        _ => None,
    };
    next.is_some_and(|x| first_leaf_lowercase(x, depth + 1))
}

/// A plain-text or HTML body: kept only if it reads as a sentence for
/// people, or is a known framework's error page (whose text is never shown).
fn read_text(text: &str, cx: &Cx<'_>) -> Option<ErrorBody> {
    let media = cx.headers.media_type().unwrap_or_default();
    if media.contains("html") || text.starts_with('<') {
        return html::read(text);
    }
    let first_line = text.lines().next().unwrap_or("");
    if crate::messages::is_human(first_line) && first_line.len() == text.len() {
        let mut b = ErrorBody::new("text");
        b.message = Some(first_line.to_owned());
        return Some(b);
    }
    None
}

/// Any object with a plausible message member, code, or list of
/// `{field, message}` errors.
fn generic(s: &Shape<'_>) -> Option<ErrorBody> {
    if s.value.kind() != Kind::Object {
        return None;
    }
    let mut b = ErrorBody::new("generic");
    for k in [
        K::Message,
        K::ErrorDescription,
        K::Detail,
        K::Title,
        K::Error,
        K::Msg,
    ] {
        let Some(v) = s.get(k) else { continue };
        // `{"error": {"message": ...}}` in dialects not otherwise known.
        let m = text(Some(v)).or_else(|| text(v.get("message")));
        if let Some(m) = m.filter(|m| crate::messages::is_human(m)) {
            b.message = Some(m);
            if k == K::ErrorDescription {
                // OAuth 2.0 (RFC 6749 §5.2): "used to assist the client
                // developer in understanding the error".
                b.audience = Audience::Developer;
            }
            break;
        }
    }
    if b.message.is_none() {
        // Text that is not for people ("CSRF token mismatch.", a stack
        // trace) is still the server's message: kept, never shown.
        b.message = [K::Message, K::ErrorDescription, K::Detail]
            .iter()
            .find_map(|k| text(s.get(*k)));
        b.audience = Audience::Developer;
    }
    b.code = [K::Code, K::Error]
        .iter()
        .find_map(|k| s.get(*k).and_then(|v| v.as_plain_str()))
        .filter(|c| !c.is_empty() && c.len() <= 64 && !c.contains(' '))
        .map(str::to_owned);
    if let Some(errors) = s.get_kind(K::Errors, Kind::Array) {
        list(
            &mut b,
            errors,
            &[K::Field, K::Path, K::Param, K::Name, K::Pointer],
            &[K::Message, K::Msg, K::Detail, K::Title],
        );
    }
    b.some()
}

/// Reads a list of error items: strings are form-level messages; objects
/// give a path from the first of `paths` present (any path syntax) and a
/// message from the first of `msgs` present. An item with a path but no
/// message marks its field with the default sentence.
pub(crate) fn list(b: &mut ErrorBody, items: Value<'_>, paths: &[K], msgs: &[K]) {
    for item in items.items() {
        if item.kind() == Kind::String {
            b.push_all("", item);
            continue;
        }
        let it = Shape::of(item);
        let path = paths
            .iter()
            .find_map(|k| it.text(*k))
            .map(|p| paths::canonical(&p))
            .unwrap_or_default();
        let msg = msgs.iter().find_map(|k| it.text(*k)).unwrap_or_default();
        b.push(path, msg);
    }
}

/// A non-blank string value, trimmed.
pub(crate) fn text(v: Option<Value<'_>>) -> Option<String> {
    let s = v?.as_str()?;
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// A code given as a string or a number (Twilio `21211`, Google `400`).
pub(crate) fn code_text(v: Option<Value<'_>>) -> Option<String> {
    let v = v?;
    match v.kind() {
        Kind::Number => v.number_text().map(str::to_owned),
        _ => text(Some(v)),
    }
}

/// Appends one segment given as a JSON value: a string key or a numeric
/// index (FastAPI `loc`, GraphQL and Shopify `field`).
pub(crate) fn push_segment(path: &mut String, seg: Value<'_>) {
    match seg.kind() {
        Kind::Number => {
            if let Some(n) = seg.number_text() {
                paths::push_key(path, n);
            }
        }
        Kind::String => {
            if let Some(k) = seg.as_str() {
                paths::push_key(path, &k);
            }
        }
        _ => {}
    }
}

/// The canonical path of a list of segments, without a leading `input`
/// (the conventional name of a GraphQL mutation's argument object).
pub(crate) fn segments_path(list: Value<'_>) -> String {
    let mut path = String::new();
    let skip = usize::from(list.len() > 1 && list.at(0).is_some_and(|s| s.str_eq("input")));
    for seg in list.items().skip(skip) {
        push_segment(&mut path, seg);
    }
    path
}

/// A field's name as a person reads it, the way Rails humanizes attribute
/// names: the last non-index segment, a trailing `_id` dropped, underscores
/// as spaces, the first letter capitalized (`first_name` → `First name`).
pub(crate) fn humanize(path: &str) -> String {
    let name = paths::last_name(path);
    let name = name
        .strip_suffix("_id")
        .filter(|n| !n.is_empty())
        .unwrap_or(name);
    // ASCII case only: Unicode case tables would cost KBs of wasm, and
    // attribute names are identifiers.
    let mut out = name.replace('_', " ");
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// Whether `s` begins with a lower-case letter (a sentence fragment such as
/// Rails' "can't be blank", not a sentence).
pub(crate) fn starts_lowercase(s: &str) -> bool {
    s.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
}

/// Parses `body` and runs one dialect's reader over it (the dialects' unit tests).
#[cfg(test)]
pub(crate) fn read_with(
    body: &str,
    read: impl Fn(&Shape<'_>) -> Option<ErrorBody>,
) -> Option<ErrorBody> {
    let d = Document::parse(body).ok()?;
    read(&Shape::of(d.root()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_s(body: &str) -> Option<ErrorBody> {
        read(body, &Headers::new(), None)
    }

    fn dialect_of(body: &str) -> &'static str {
        read_s(body).map_or("none", |b| b.dialect)
    }

    #[test]
    fn spec_envelope_first() {
        let b = read_s(r#"{"error":{"code":"not_found","message":"Order 42 does not exist"}}"#)
            .unwrap();
        assert_eq!(b.dialect, "spec");
        assert_eq!(b.message.as_deref(), Some("Order 42 does not exist"));
    }

    #[test]
    fn generic_fallbacks() {
        let b = read_s(
            r#"{"error":"invalid_grant","error_description":"The refresh token has expired"}"#,
        )
        .unwrap();
        assert_eq!(b.code.as_deref(), Some("invalid_grant"));
        assert_eq!(b.message.as_deref(), Some("The refresh token has expired"));
        // Developer text: kept as the server's message, marked never to show.
        let b = read_s(r#"{"message":"NullPointerException at com.acme.X"}"#).unwrap();
        assert_eq!(b.audience, Audience::Developer);
        assert_eq!(
            b.message.as_deref(),
            Some("NullPointerException at com.acme.X")
        );
        let b = read_s(
            r#"{"message":"Check your answers","errors":[{"field":"user.email","message":"Enter an email address"},"Try again"]}"#,
        )
        .unwrap();
        assert_eq!(b.dialect, "generic");
        assert_eq!(
            b.fields,
            vec![
                ("user.email".to_owned(), "Enter an email address".to_owned()),
                (String::new(), "Try again".to_owned())
            ]
        );
    }

    #[test]
    fn bad_bodies_say_nothing() {
        for body in [
            "",
            "   ",
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
            r#"{"error":{"code":"x""#,
            "[1,2,3]",
            "null",
            "42",
            "Internal Server Error",
            r#"{"data":{"createUser":{"user":{"id":"1"},"userErrors":[]}}}"#,
            r#"{"user":{"id":1}}"#,
        ] {
            assert!(read_s(body).is_none(), "{body}");
        }
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(read_s(&deep).is_none());
        let huge = format!(r#"{{"message":"{}"}}"#, "a".repeat(MAX_BODY_BYTES));
        assert!(read_s(&huge).is_none());
        // Deep but within the parser's limit: the walkers stop at theirs.
        let deep_map = "{\"a\":".repeat(60) + "[\"x\"]" + &"}".repeat(60);
        assert!(read_s(&deep_map).is_none());
    }

    #[test]
    fn plain_text_sentences() {
        let b = read_s("You are sending requests too quickly.").unwrap();
        assert_eq!(
            b.message.as_deref(),
            Some("You are sending requests too quickly.")
        );
    }

    #[test]
    fn detection_by_shape() {
        let table = [
            (
                r#"{"type":"about:blank","title":"Not Found","status":404}"#,
                "problem",
            ),
            (
                r#"{"title":"x","status":400,"errors":{"Name":["y"]}}"#,
                "aspnet",
            ),
            (
                r#"{"errors":[{"source":{"pointer":"/data"},"detail":"x"}]}"#,
                "jsonapi",
            ),
            (
                r#"{"error":{"code":429,"message":"x","status":"RESOURCE_EXHAUSTED"}}"#,
                "google",
            ),
            (
                r#"{"errors":[{"message":"x","extensions":{"code":"FORBIDDEN"}}]}"#,
                "graphql",
            ),
            (
                r#"{"data":{"m":{"userErrors":[{"field":["a"],"message":"x"}]}}}"#,
                "shopify",
            ),
            (
                r#"{"error":{"type":"card_error","message":"Your card was declined."}}"#,
                "stripe",
            ),
            (
                r#"{"message":"Not Found","documentation_url":"https://docs.github.com"}"#,
                "github",
            ),
            (
                r#"{"message":"x","errors":{"a":["The a field is required."]}}"#,
                "laravel",
            ),
            (r#"{"a":["This field is required."]}"#, "drf"),
            (
                r#"{"formErrors":[],"fieldErrors":{"a":["Required"]}}"#,
                "zod",
            ),
            (r#"{"_errors":[],"a":{"_errors":["Required"]}}"#, "zod"),
            (
                r#"{"issues":[{"code":"custom","path":["a"],"message":"Required"}]}"#,
                "zod",
            ),
            (
                r#"{"status":429,"detail":"Quota used up for today"}"#,
                "problem",
            ),
            (r#"{"a":["can't be blank"]}"#, "rails"),
            (r#"{"errors":{"a":["can't be blank"]}}"#, "rails"),
            (
                r#"{"detail":[{"loc":["body","a"],"msg":"Field required","type":"missing"}]}"#,
                "fastapi",
            ),
            (
                r#"{"statusCode":400,"message":["a must be a string"],"error":"Bad Request"}"#,
                "nestjs",
            ),
            (
                r#"{"timestamp":"t","status":500,"error":"Internal Server Error","path":"/a"}"#,
                "spring",
            ),
            (
                r#"{"error":{"code":"badRequest","message":"x","innerError":{}}}"#,
                "odata",
            ),
            (
                r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#,
                "aws",
            ),
            (
                r#"{"code":20003,"message":"Authenticate","more_info":"https://x","status":401}"#,
                "twilio",
            ),
            (r#"{"message":"Something odd happened here"}"#, "generic"),
        ];
        for (body, want) in table {
            assert_eq!(dialect_of(body), want, "{body}");
        }
    }

    #[test]
    fn hints_force_a_dialect() {
        let h = Headers::new();
        let body = r#"{"detail":"Item not found here"}"#;
        assert_eq!(read(body, &h, None).unwrap().dialect, "drf");
        assert_eq!(read(body, &h, Some("fastapi")).unwrap().dialect, "fastapi");
        assert_eq!(read(body, &h, Some("FastAPI")).unwrap().dialect, "fastapi");
        // A hint that cannot read the body falls back to the generic reading.
        assert_eq!(read(body, &h, Some("stripe")).unwrap().dialect, "generic");
        // An unknown name is ignored.
        assert_eq!(read(body, &h, Some("cobol")).unwrap().dialect, "drf");
        for name in NAMES {
            assert_eq!(Dialect::from_name(name).map(Dialect::name), Some(name));
        }
    }

    #[test]
    fn problem_by_media_type() {
        let h = Headers::new().with("Content-Type", "application/problem+json");
        let b = read(r#"{"detail":"Your balance is too low for this"}"#, &h, None).unwrap();
        assert_eq!(b.dialect, "problem");
    }

    #[test]
    fn helpers() {
        assert_eq!(humanize("first_name"), "First name");
        assert_eq!(humanize("items.0.product_id"), "Product");
        assert_eq!(humanize("email"), "Email");
        assert_eq!(humanize("user_id"), "User");
        assert!(starts_lowercase("can't be blank") && !starts_lowercase("Can't"));
        let d = Document::parse(r#"["input","items",0,"name"]"#).unwrap();
        assert_eq!(segments_path(d.root()), "items.0.name");
        let d = Document::parse(r#"["input"]"#).unwrap();
        assert_eq!(segments_path(d.root()), "input");
        let mut b = ErrorBody::new("x");
        b.push(String::new(), "Only one".into());
        b.promote_single();
        assert_eq!(b.message.as_deref(), Some("Only one"));
        assert!(b.fields.is_empty());
    }
}
