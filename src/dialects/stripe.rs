//! Stripe: `{"error": {type, code, decline_code, message, param, doc_url}}`.
//!
//! - Stripe's docs say only `card_error` messages are meant for people: a
//!   card error's message is shown (and the category is validation — the
//!   person can use another card or correct its details); other types'
//!   top-level messages address the developer: kept as the server's
//!   message, never shown;
//! - `param` is Rack-style (`customer_details[address][line1]`,
//!   `line_items[0][price]`) and becomes the field; the message goes on the
//!   field (whatever the type: "Missing required param: currency." says
//!   what is wrong with that answer) when there is one, else to the top;
//! - `rate_limit_error` (or code `rate_limit`) is rate limited.

use super::shape::{Shape, K};
use super::{Audience, ErrorBody};
use crate::json::Kind;
use crate::paths::canonical;
use crate::status::Category;

pub(super) fn read(s: &Shape<'_>) -> Option<ErrorBody> {
    let e = Shape::of(s.get_kind(K::Error, Kind::Object)?);
    let mut b = ErrorBody::new("stripe");
    let ty = e.text(K::Type).unwrap_or_default();
    let code = e.text(K::Code);
    let card = ty == "card_error";
    if ty == "rate_limit_error" || code.as_deref() == Some("rate_limit") {
        b.category = Some(Category::RateLimited);
    } else if card {
        b.category = Some(Category::Validation);
    }
    let message = e.text(K::Message);
    b.audience = if card {
        Audience::People
    } else {
        Audience::Developer
    };
    match e.text(K::Param) {
        Some(p) => {
            b.push(canonical(&p), message.clone().unwrap_or_default());
            // Kept for `serverMessage`; shown on the field, not on top.
            if !card {
                b.message = message;
            }
        }
        None => b.message = message,
    }
    b.code = code
        .or_else(|| e.text(K::DeclineCode))
        .or_else(|| (!ty.is_empty()).then_some(ty));
    b.some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_s(body: &str) -> ErrorBody {
        crate::dialects::read_with(body, read).unwrap()
    }

    #[test]
    fn card_errors_are_for_people() {
        let b = read_s(
            r#"{"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds","message":"Your card has insufficient funds."}}"#,
        );
        assert_eq!(
            b.message.as_deref(),
            Some("Your card has insufficient funds.")
        );
        assert_eq!(b.code.as_deref(), Some("card_declined"));
        assert_eq!(b.category, Some(Category::Validation));
        assert_eq!(b.audience, Audience::People);
        let b = read_s(
            r#"{"error":{"type":"card_error","code":"incorrect_cvc","param":"payment_method_data[card][cvc]","message":"Your card's security code is incorrect."}}"#,
        );
        assert!(b.message.is_none());
        assert_eq!(
            b.fields,
            vec![(
                "payment_method_data.card.cvc".into(),
                "Your card's security code is incorrect.".into()
            )]
        );
    }

    #[test]
    fn developer_errors() {
        let b = read_s(
            r#"{"error":{"type":"invalid_request_error","code":"parameter_missing","param":"line_items[0][price]","message":"Missing required param: line_items[0][price]."}}"#,
        );
        // The sentence goes on the field; the top-level copy is for developers.
        assert_eq!(b.audience, Audience::Developer);
        assert_eq!(
            b.fields,
            vec![(
                "line_items.0.price".into(),
                "Missing required param: line_items[0][price].".into()
            )]
        );
        let b = read_s(
            r#"{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests"}}"#,
        );
        assert_eq!(b.category, Some(Category::RateLimited));
        let b = read_s(
            r#"{"error":{"type":"api_error","message":"Something went wrong on our end."}}"#,
        );
        assert_eq!(b.code.as_deref(), Some("api_error"));
        assert_eq!(b.audience, Audience::Developer);
        assert_eq!(
            b.message.as_deref(),
            Some("Something went wrong on our end.")
        );
    }
}
