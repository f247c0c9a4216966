//! RFC 9457 (formerly RFC 7807) problem details, and ASP.NET Core's
//! `ValidationProblemDetails`, which extends it with an `errors` map.
//!
//! - message: `detail` (this occurrence) over `title` (the problem type);
//! - `code`: the common `code` extension member;
//! - fields: the RFC's `invalid-params` example (`[{name, reason}]`),
//!   `errors` lists whose items point with a JSON Pointer (`pointer`:
//!   `#/profile/color` or `/profile/color`, with `detail`), and ASP.NET's
//!   `errors` map (`"Items[0].Name": [...]`; `$` or `""` = form-level).
//!   When the body could not be bound (a `$…` or `""` key is present),
//!   ASP.NET also reports the action's parameter as missing under its
//!   name (`"request": ["The request field is required."]`): that names
//!   the C# parameter, not a form field, and is left out.
//! - `detail` is always the message, never a field.

use super::shape::{Shape, K};
use super::ErrorBody;
use crate::json::{Kind, Value};
use crate::paths::canonical;

pub(super) fn read(s: &Shape<'_>, dialect: &'static str) -> Option<ErrorBody> {
    let mut b = ErrorBody::new(dialect);
    b.message = s.text(K::Detail).or_else(|| s.text(K::Title));
    b.code = s.text(K::Code);
    match s.get(K::Errors) {
        Some(e) if e.kind() == Kind::Object => {
            b.dialect = "aspnet";
            let unbound = e.members().any(|(k, _)| k.is_empty() || k.starts_with('$'));
            for (key, msgs) in e.members() {
                if unbound && is_parameter_required(&key, msgs) {
                    continue;
                }
                b.push_all(&canonical(&key), msgs);
            }
        }
        Some(e) => list(&mut b, e),
        None => {}
    }
    if let Some(p) = s.get(K::InvalidParams) {
        list(&mut b, p);
    }
    b.some()
}

/// ASP.NET's "The {name} field is required." for `key`, and nothing else.
fn is_parameter_required(key: &str, msgs: Value<'_>) -> bool {
    let is_it = |m: Value<'_>| {
        m.as_str().is_some_and(|t| {
            t.strip_prefix("The ")
                .and_then(|r| r.strip_prefix(key))
                .is_some_and(|r| r == " field is required.")
        })
    };
    match msgs.kind() {
        Kind::Array => !msgs.is_empty() && msgs.items().all(is_it),
        _ => is_it(msgs),
    }
}

/// `[{pointer|name|field, detail|reason|message|title}]`.
fn list(b: &mut ErrorBody, items: Value<'_>) {
    super::list(
        b,
        items,
        &[K::Pointer, K::Name, K::Field],
        &[K::Detail, K::Reason, K::Message, K::Title],
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_s(body: &str) -> ErrorBody {
        crate::dialects::read_with(body, |s| read(s, "problem")).unwrap()
    }

    #[test]
    fn the_action_parameter_is_not_a_field() {
        let b = read_s(
            r#"{"title":"One or more validation errors occurred.","status":400,
            "errors":{"$.age":["The JSON value could not be converted to System.Int32. Path: $.age | LineNumber: 0 | BytePositionInLine: 12."],
                      "request":["The request field is required."]}}"#,
        );
        // The conversion error lands on `age` (its text is internals).
        assert_eq!(b.fields, vec![("age".into(), String::new())]);
        let b = read_s(
            r#"{"title":"One or more validation errors occurred.","status":400,
            "errors":{"":["A non-empty request body is required."],"order":["The order field is required."]}}"#,
        );
        assert_eq!(
            b.fields,
            vec![(
                String::new(),
                "A non-empty request body is required.".into()
            )]
        );
        // With the body bound, a required `request` is a real field.
        let b = read_s(
            r#"{"title":"One or more validation errors occurred.","status":400,
            "errors":{"request":["The request field is required."]}}"#,
        );
        assert_eq!(b.fields[0].0, "request");
    }

    #[test]
    fn rfc_examples() {
        let b = read_s(
            r##"{"type":"https://example.net/validation-error","title":"Your request is not valid.",
            "errors":[{"detail":"must be a positive integer","pointer":"#/age"},
                      {"detail":"must be 'green', 'red' or 'blue'","pointer":"/profile/color"}]}"##,
        );
        assert_eq!(b.message.as_deref(), Some("Your request is not valid."));
        assert_eq!(b.fields[1].0, "profile.color");
        let b = read_s(
            r#"{"type":"https://example.net/validation-error","title":"Your request parameters didn't validate.",
            "invalid-params":[{"name":"age","reason":"must be a positive integer"}]}"#,
        );
        assert_eq!(
            b.fields,
            vec![("age".into(), "must be a positive integer".into())]
        );
        let b = read_s(
            r#"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.",
            "detail":"Your current balance is 30, but that costs 50.","instance":"/account/12345/msgs/abc"}"#,
        );
        assert_eq!(
            b.message.as_deref(),
            Some("Your current balance is 30, but that costs 50.")
        );
    }

    #[test]
    fn aspnet_map() {
        let b = read_s(
            r#"{"title":"One or more validation errors occurred.","status":400,
            "errors":{"Items[0].Name":["The Name field is required."],"$":["Body is empty."],"":["x"]}}"#,
        );
        assert_eq!(b.dialect, "aspnet");
        assert_eq!(b.fields[0].0, "Items.0.Name");
        assert_eq!(b.fields[1].0, "");
        assert_eq!(b.fields[2].0, "");
    }

    #[test]
    fn pointer_without_message_still_marks_the_field() {
        let b = read_s(r#"{"title":"Bad","errors":[{"pointer":"/a"},{"other":1},"Whole form"]}"#);
        assert_eq!(
            b.fields,
            vec![
                ("a".into(), String::new()),
                (String::new(), "Whole form".into())
            ]
        );
    }
}
