//! Twilio: `{"code": 21211, "message": "...", "more_info":
//! "https://www.twilio.com/docs/errors/21211", "status": 400}`.
//!
//! Twilio's codes name the request parameter at fault; the few a form can
//! hit map to their parameter (`To`, `From`, `Body`), so the message lands
//! on that field. Other codes stay form-level (the message on top).

use super::shape::{Shape, K};
use super::{code_text, ErrorBody};

/// Error codes → the parameter they are about (twilio.com/docs/errors).
const PARAMS: [(u32, &str); 8] = [
    (21211, "To"),   // Invalid 'To' phone number
    (21604, "To"),   // 'To' phone number is required
    (21614, "To"),   // 'To' number is not a valid mobile number
    (21212, "From"), // Invalid 'From' phone number
    (21603, "From"), // 'From' phone number is required
    (21606, "From"), // 'From' phone number not capable of sending SMS
    (21602, "Body"), // Message body is required
    (21617, "Body"), // Message body exceeds the 1600 character limit
];

pub(super) fn read(s: &Shape<'_>) -> Option<ErrorBody> {
    let mut b = ErrorBody::new("twilio");
    b.code = code_text(s.get(K::Code));
    let message = s.text(K::Message);
    let param = s
        .get(K::Code)
        .and_then(|c| c.as_u64())
        .and_then(|c| PARAMS.iter().find(|(n, _)| u64::from(*n) == c))
        .map(|(_, p)| *p);
    match (param, message) {
        (Some(p), Some(m)) => b.push(p.to_owned(), m),
        (_, m) => b.message = m,
    }
    b.some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Document;

    #[test]
    fn codes_name_parameters() {
        let d = Document::parse(
            r#"{"code":21211,"message":"The 'To' number 5551234567 is not a valid phone number.","more_info":"https://www.twilio.com/docs/errors/21211","status":400}"#,
        )
        .unwrap();
        let b = read(&Shape::of(d.root())).unwrap();
        assert_eq!(b.code.as_deref(), Some("21211"));
        assert_eq!(b.fields[0].0, "To");
        let d = Document::parse(
            r#"{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}"#,
        )
        .unwrap();
        let b = read(&Shape::of(d.root())).unwrap();
        assert_eq!(b.message.as_deref(), Some("Authenticate"));
        assert!(b.fields.is_empty());
    }
}
