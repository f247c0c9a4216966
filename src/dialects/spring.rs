//! Spring Boot's default error body (`DefaultErrorAttributes`):
//! `{timestamp, status, error, message?, errors?, path}`.
//!
//! `error` is the reason phrase: the category's own message reads better.
//! `message` is kept when it is a sentence, except Spring's own summaries
//! ("Validation failed for object='user'. Error count: 2", "No message
//! available"). `errors[]` are `FieldError`s (`field`, `defaultMessage`,
//! paths such as `items[0].name`) or `ObjectError`s (only `objectName`:
//! form-level). Bean Validation's messages are fragments ("must not be
//! blank") that Spring's own views show beside the field as they are; so
//! does fieldnote.

use super::shape::{Shape, K};
use super::ErrorBody;

pub(super) fn read(s: &Shape<'_>) -> Option<ErrorBody> {
    let mut b = ErrorBody::new("spring");
    b.message = s.text(K::Message);
    if b.message.as_deref().is_some_and(|m| {
        m.starts_with("Validation failed for") || m.eq_ignore_ascii_case("No message available")
    }) {
        b.audience = super::Audience::Developer;
    }
    if let Some(errors) = s.get(K::Errors) {
        super::list(
            &mut b,
            errors,
            &[K::Field],
            &[K::DefaultMessage, K::Message],
        );
    }
    // The default body is recognized even when it says nothing new (only
    // the reason phrase): the message then comes from the status.
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Document;

    #[test]
    fn binding_errors() {
        let d = Document::parse(
            r#"{"timestamp":"2024-05-01T10:00:00.000+00:00","status":400,"error":"Bad Request",
              "message":"Validation failed for object='orderForm'. Error count: 2",
              "errors":[{"codes":["NotBlank.orderForm.items[0].name"],"defaultMessage":"must not be blank",
                "objectName":"orderForm","field":"items[0].name","rejectedValue":"","bindingFailure":false,"code":"NotBlank"},
                {"codes":["DatesInOrder.orderForm"],"defaultMessage":"Start must be before end","objectName":"orderForm","code":"DatesInOrder"}],
              "path":"/orders"}"#,
        )
        .unwrap();
        let b = read(&Shape::of(d.root())).unwrap();
        assert_eq!(b.audience, super::super::Audience::Developer);
        assert_eq!(
            b.fields,
            vec![
                ("items.0.name".into(), "must not be blank".into()),
                (String::new(), "Start must be before end".into())
            ]
        );
    }
}
