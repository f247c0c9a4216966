//! JSON:API error objects: `{"errors": [{status, code, title, detail,
//! source: {pointer | parameter | header}}]}`.
//!
//! - `source.pointer` points into the *request document*: the
//!   `/data/attributes/` and `/data/relationships/` wrappers are stripped
//!   (`/data/attributes/email` → `email`, `/data/relationships/author/data`
//!   → `author`); the root (`""`, `/data`, `/data/attributes`) and
//!   structural members (`/data/type`, `/data/id`) are form-level, and so
//!   are the bulk extensions' `/data/0/...` (no form shape to map them to);
//! - `source.parameter` and `source.header` name query parameters and
//!   headers, not form fields: form-level;
//! - message: `detail` (this occurrence) over `title`;
//! - the errors' `status` strings state the category when they agree (it
//!   refines a generic 400); the first `code` is the code.

use super::shape::{Shape, K};
use super::{code_text, ErrorBody};
use crate::json::Kind;
use crate::paths::canonical;
use crate::status::Category;

pub(super) fn read(s: &Shape<'_>) -> Option<ErrorBody> {
    let errors = s.get_kind(K::Errors, Kind::Array)?;
    let mut b = ErrorBody::new("jsonapi");
    let mut mixed = false;
    for item in errors.items() {
        let it = Shape::of(item);
        if b.code.is_none() {
            b.code = it.text(K::Code);
        }
        let cat = code_text(it.get(K::Status))
            .and_then(|st| st.parse::<u16>().ok())
            .and_then(Category::from_status);
        match (b.category, cat) {
            (None, c) => b.category = c,
            (Some(p), Some(c)) if p != c => mixed = true,
            _ => {}
        }
        let path = it
            .get(K::Source)
            .and_then(|src| super::text(src.get("pointer")))
            .map(|p| field_of_pointer(&p))
            .unwrap_or_default();
        let msg = it.text(K::Detail).or_else(|| it.text(K::Title));
        match msg {
            Some(m) => b.push(path, m),
            None if !path.is_empty() => b.push(path, String::new()),
            None => {}
        }
    }
    if mixed {
        // The HTTP status summarizes errors of different kinds.
        b.category = None;
    }
    b.promote_single();
    b.some()
}

/// The form field a request-document pointer names ("" = the whole form).
fn field_of_pointer(p: &str) -> String {
    if let Some(rest) = p
        .strip_prefix("/data/attributes")
        .filter(|r| r.starts_with('/'))
    {
        return canonical(rest);
    }
    if let Some(rest) = p
        .strip_prefix("/data/relationships")
        .filter(|r| r.starts_with('/'))
    {
        // A relationship error is about the relationship as a whole.
        let mut path = canonical(rest);
        if let Some(dot) = path.find('.') {
            path.truncate(dot);
        }
        return path;
    }
    if p.is_empty() || p == "/data" || p.starts_with("/data/") {
        return String::new();
    }
    // Not inside the primary data (`/meta/...`): keep it as given.
    canonical(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Document;

    #[test]
    fn pointers() {
        for (p, want) in [
            ("/data/attributes/email", "email"),
            ("/data/attributes/address/zip", "address.zip"),
            ("/data/attributes/tags/0", "tags.0"),
            ("/data/relationships/author", "author"),
            ("/data/relationships/author/data/id", "author"),
            ("/data/attributes/", ""),
            ("/data", ""),
            ("", ""),
            ("/data/attributes", ""),
            ("/data/type", ""),
            ("/data/relationships", ""),
            ("/meta/token", "meta.token"),
        ] {
            assert_eq!(field_of_pointer(p), want, "{p}");
        }
    }

    #[test]
    fn status_code_and_single_root_error() {
        let d = Document::parse(
            r#"{"errors":[{"status":"401","code":"token_expired","title":"Unauthorized","detail":"Your token has expired."}]}"#,
        )
        .unwrap();
        let b = read(&Shape::of(d.root())).unwrap();
        assert_eq!(b.category, Some(Category::Unauthenticated));
        assert_eq!(b.code.as_deref(), Some("token_expired"));
        assert_eq!(b.message.as_deref(), Some("Your token has expired."));
        assert!(b.fields.is_empty());
    }
}
