//! OData JSON error format (OData v4 §21) and Microsoft Graph:
//! `{"error": {code, message, target?, details: [{code, message, target}],
//! innererror | innerError}}`. `target` names the property in error and
//! becomes the field; `innerError` carries request ids and dates for
//! support, nothing for people.

use super::shape::{Shape, K};
use super::ErrorBody;
use crate::json::Kind;
use crate::paths::canonical;

pub(super) fn read(s: &Shape<'_>) -> Option<ErrorBody> {
    let e = Shape::of(s.get_kind(K::Error, Kind::Object)?);
    let mut b = ErrorBody::new("odata");
    b.code = e.text(K::Code);
    let message = e.text(K::Message);
    if let Some(details) = e.get(K::Details) {
        super::list(&mut b, details, &[K::Target], &[K::Message]);
    }
    match e.text(K::Target) {
        // A single error about one property: the message belongs on it.
        Some(t) if b.fields.is_empty() && message.is_some() => {
            b.push(canonical(&t), message.unwrap_or_default());
        }
        _ => b.message = message,
    }
    b.some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_s(body: &str) -> ErrorBody {
        crate::dialects::read_with(body, read).unwrap()
    }

    #[test]
    fn details_and_target() {
        let b = read_s(
            r#"{"error":{"code":"BadArgument","message":"Multiple errors in ContactInfo data","target":"ContactInfo",
              "details":[{"code":"NullValue","target":"PhoneNumber","message":"Phone number must not be null"},
                         {"code":"MalformedValue","target":"Address.Zip","message":"Address is not valid"}]}}"#,
        );
        assert_eq!(b.code.as_deref(), Some("BadArgument"));
        assert_eq!(
            b.message.as_deref(),
            Some("Multiple errors in ContactInfo data")
        );
        assert_eq!(b.fields[1].0, "Address.Zip");
        let b = read_s(
            r#"{"error":{"code":"InvalidValue","message":"Enter a valid email address","target":"mail"}}"#,
        );
        assert_eq!(
            b.fields,
            vec![("mail".into(), "Enter a valid email address".into())]
        );
        assert!(b.message.is_none());
    }
}
