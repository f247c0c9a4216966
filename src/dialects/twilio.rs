//! Twilio: `{"code": 21211, "message": "...", "more_info":
//! "https://www.twilio.com/docs/errors/21211", "status": 400}`.
//!
//! Twilio names no field: its codes are about its own request parameters
//! (`To`, `From`, `Body`), which are not the inputs of the form that sent
//! them (a "phone" input becomes `To` in the app's code). Guessing a field
//! from the code or from the prose ("The 'To' number ...") would mark an
//! input the form does not have, so the message stays form-level: the
//! message on top.

use super::shape::{Shape, K};
use super::{code_text, ErrorBody};

pub(super) fn read(s: &Shape<'_>) -> Option<ErrorBody> {
    let mut b = ErrorBody::new("twilio");
    b.code = code_text(s.get(K::Code));
    b.message = s.text(K::Message);
    b.some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Document;

    #[test]
    fn no_field_is_guessed() {
        let d = Document::parse(
            r#"{"code":21211,"message":"The 'To' number 5551234567 is not a valid phone number.","more_info":"https://www.twilio.com/docs/errors/21211","status":400}"#,
        )
        .unwrap();
        let b = read(&Shape::of(d.root())).unwrap();
        assert_eq!(b.code.as_deref(), Some("21211"));
        assert!(b.fields.is_empty());
        assert!(b.message.unwrap().starts_with("The 'To' number"));
        let d = Document::parse(
            r#"{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}"#,
        )
        .unwrap();
        let b = read(&Shape::of(d.root())).unwrap();
        assert_eq!(b.message.as_deref(), Some("Authenticate"));
        assert!(b.fields.is_empty());
    }
}
