//! Reading error bodies in the dialects servers speak, into one model.
//!
//! Each dialect recognizes its own shape in a single look at the parsed
//! body and returns an [`ErrorBody`]; the first that recognizes the body
//! wins. Unknown shapes fall back to any plausible human message.

use crate::http::Headers;
use crate::json::{Document, Kind, Limits, Value};
use crate::status::Category;

/// Bodies larger than this are not parsed (status and headers still apply).
pub const MAX_BODY_BYTES: usize = 1 << 20;
/// Deepest JSON nesting read in an error body.
pub const MAX_BODY_DEPTH: u32 = 64;

/// What an error body says, whatever its dialect.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorBody {
    /// Which dialect recognized the body (`spec`, `problem`, `generic`, ...).
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
}

impl ErrorBody {
    /// An empty reading by `dialect`.
    pub fn new(dialect: &'static str) -> Self {
        ErrorBody {
            dialect,
            ..ErrorBody::default()
        }
    }
}

/// Reads an error body. `hint` forces a dialect by name. Returns `None`
/// when the body says nothing usable (empty, HTML, not an error).
pub fn read(body: &str, headers: &Headers<'_>, hint: Option<&str>) -> Option<ErrorBody> {
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return None;
    }
    if trimmed.len() > MAX_BODY_BYTES {
        return None;
    }
    if trimmed.starts_with(['{', '[']) {
        let limits = Limits {
            max_depth: MAX_BODY_DEPTH,
            max_len: MAX_BODY_BYTES,
        };
        return match Document::parse_with(trimmed.to_owned(), &limits) {
            Ok(doc) => read_json(doc.root(), headers, hint),
            Err(_) => None,
        };
    }
    read_text(trimmed, headers)
}

/// Reads a parsed JSON body.
pub fn read_json(root: Value<'_>, _headers: &Headers<'_>, hint: Option<&str>) -> Option<ErrorBody> {
    let _ = hint;
    crate::envelope::read(root).or_else(|| generic(root))
}

/// A plain-text body: kept only if it reads as a sentence for people.
fn read_text(text: &str, headers: &Headers<'_>) -> Option<ErrorBody> {
    let media = headers.media_type().unwrap_or_default();
    if media.contains("html") || text.starts_with('<') {
        return None;
    }
    let first_line = text.lines().next().unwrap_or("");
    if crate::messages::is_human(first_line) && first_line.len() == text.len() {
        let mut b = ErrorBody::new("text");
        b.message = Some(first_line.to_owned());
        return Some(b);
    }
    None
}

/// Any object with a plausible message member.
fn generic(root: Value<'_>) -> Option<ErrorBody> {
    if root.kind() != Kind::Object {
        return None;
    }
    let mut b = ErrorBody::new("generic");
    for key in [
        "message",
        "error_description",
        "detail",
        "title",
        "error",
        "msg",
        "description",
    ] {
        if let Some(s) = root.get(key).and_then(|v| v.as_str()) {
            if crate::messages::is_human(&s) {
                b.message = Some(s.into_owned());
                break;
            }
        }
        if let Some(s) = root
            .get(key)
            .and_then(|v| v.get("message"))
            .and_then(|v| v.as_str())
        {
            if crate::messages::is_human(&s) {
                b.message = Some(s.into_owned());
                break;
            }
        }
    }
    for key in ["code", "error_code", "errorCode", "error"] {
        if let Some(s) = root.get(key).and_then(|v| v.as_plain_str()) {
            if !s.contains(' ') && !s.is_empty() && s.len() <= 64 {
                b.code = Some(s.to_owned());
                break;
            }
        }
    }
    (b.message.is_some() || b.code.is_some()).then_some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_s(body: &str) -> Option<ErrorBody> {
        read(body, &Headers::new(), None)
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
        let b = read_s(r#"{"message":"NullPointerException at com.acme.X"}"#);
        assert!(b.is_none());
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
        ] {
            assert!(read_s(body).is_none(), "{body}");
        }
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(read_s(&deep).is_none());
        let huge = format!(r#"{{"message":"{}"}}"#, "a".repeat(MAX_BODY_BYTES));
        assert!(read_s(&huge).is_none());
    }

    #[test]
    fn plain_text_sentences() {
        let b = read_s("You are sending requests too quickly.").unwrap();
        assert_eq!(
            b.message.as_deref(),
            Some("You are sending requests too quickly.")
        );
    }
}
