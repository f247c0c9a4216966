//! Laravel: `{"message": "...", "errors": {"items.0.name": ["..."]}}`
//! (dotted keys, array indices as segments).
//!
//! Since Laravel 9 the `message` repeats the first field error ("The email
//! field is required. (and 1 more error)"): that adds nothing to the marked
//! fields and is dropped. A debug-mode exception body (`exception`, `file`,
//! `trace`) is for developers: its message is dropped too. 419 (session or
//! CSRF token expired) is unauthenticated by its status.

use super::shape::{Shape, K};
use super::ErrorBody;
use crate::json::Kind;
use crate::paths::canonical;

pub(super) fn read(s: &Shape<'_>) -> Option<ErrorBody> {
    let mut b = ErrorBody::new("laravel");
    if let Some(errors) = s.get_kind(K::Errors, Kind::Object) {
        for (key, msgs) in errors.members() {
            b.push_all(&canonical(&key), msgs);
        }
    }
    b.message = s.text(K::Message);
    // An exception's message is for developers; the summary repeats the
    // first field error. Neither is shown; both stay the server's message.
    if s.has(K::Exception)
        || b.message
            .as_deref()
            .is_some_and(|m| repeats_first_error(m, b.fields.first().map(|f| f.1.as_str())))
    {
        b.audience = super::Audience::Developer;
    }
    if s.has(K::Exception) {
        // Recognized even when it says nothing for people, rather than let
        // the generic reading pick the exception's message.
        return Some(b);
    }
    b.some()
}

/// "The email field is required. (and 1 more error)" after that error.
fn repeats_first_error(message: &str, first: Option<&str>) -> bool {
    let Some(first) = first else { return false };
    match message.strip_prefix(first) {
        Some(rest) => {
            let rest = rest.trim();
            rest.is_empty() || (rest.starts_with("(and ") && rest.ends_with(')'))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Document;

    fn read_s(body: &str) -> ErrorBody {
        crate::dialects::read_with(body, read).unwrap()
    }

    #[test]
    fn summary_message_is_dropped() {
        let b = read_s(
            r#"{"message":"The email field is required. (and 2 more errors)","errors":{
              "email":["The email field is required."],"items.0.name":["The items.0.name field is required."],
              "photos.1":["The photos.1 must be an image.","The photos.1 may not be greater than 2048 kilobytes."]}}"#,
        );
        assert_eq!(b.audience, super::super::Audience::Developer);
        assert_eq!(b.fields.len(), 4);
        assert_eq!(b.fields[1].0, "items.0.name");
        let b = read_s(r#"{"message":"The given data was invalid.","errors":{"email":["Taken"]}}"#);
        assert_eq!(b.message.as_deref(), Some("The given data was invalid."));
        assert_eq!(b.audience, super::super::Audience::Unmarked);
    }

    #[test]
    fn debug_exceptions_say_nothing_to_people() {
        let b = read_s(
            r#"{"message":"Undefined variable $user","exception":"ErrorException","file":"/app/x.php","line":3,"trace":[]}"#,
        );
        assert_eq!((b.dialect, b.fields.len()), ("laravel", 0));
        assert_eq!(b.audience, super::super::Audience::Developer);
        let d = Document::parse(r#"{"message":" ","errors":{}}"#).unwrap();
        assert!(read(&Shape::of(d.root())).is_none());
    }
}
