//! NestJS: `{"statusCode": 400, "message": [...] | "...", "error": "Bad
//! Request"}`. `error` is the reason phrase and says nothing new.
//!
//! `ValidationPipe` flattens class-validator errors into sentences that
//! begin with the property path (`"items.0.name should not be empty"`,
//! nested paths prefixed since Nest 7; `"each value in tags must be a
//! string"` for `each: true`). An entry is a field error when it begins
//! with a lower-case identifier path followed by one of class-validator's
//! verbs; its message then names the property as class-validator wrote
//! it, and the item it belongs to when the path goes through a list
//! (`items.0.name should not be empty` → "name for item 1 should not be
//! empty": item numbers count from 1, and the wording is English like the
//! rest of class-validator's sentence). `property x should not exist`
//! (whitelisting) names a field the form does not have: form-level.
//! Anything else is form-level.

use super::shape::{Shape, K};
use super::ErrorBody;
use crate::json::Kind;
use crate::paths::{canonical, is_index, last_name};

pub(super) fn read(s: &Shape<'_>) -> Option<ErrorBody> {
    let mut b = ErrorBody::new("nestjs");
    let message = s.get(K::Message)?;
    if message.kind() == Kind::Array {
        for m in message.items().filter_map(|m| super::text(Some(m))) {
            let (path, msg) = entry(&m);
            b.push(path, msg);
        }
    } else {
        b.message = super::text(Some(message));
    }
    b.some()
}

const VERBS: [&str; 8] = [
    "must", "should", "has", "have", "is", "are", "contains", "does",
];

/// Splits a class-validator sentence into (field, message).
fn entry(sentence: &str) -> (String, String) {
    let (prefix, rest) = match sentence.strip_prefix("each value in ") {
        Some(rest) => ("each value in ", rest),
        None => ("", sentence),
    };
    let Some((token, after)) = rest.split_once(' ') else {
        return (String::new(), sentence.to_owned());
    };
    let verb = after.split_once(' ').map_or(after, |(v, _)| v);
    if !is_property_path(token) || !VERBS.contains(&verb) {
        return (String::new(), sentence.to_owned());
    }
    let path = canonical(token);
    let mut msg = String::with_capacity(sentence.len() + 16);
    msg.push_str(prefix);
    let name = last_name(&path);
    // The innermost list index: the item a person counts from 1.
    let item = path
        .rsplit('.')
        .find(|s| is_index(s))
        .and_then(|s| s.parse::<u64>().ok());
    match item {
        Some(i) => msg.push_str(&name_in_item(name, i + 1)),
        None => msg.push_str(name),
    }
    msg.push_str(rest.get(token.len()..).unwrap_or(""));
    (path, msg)
}

/// "name for item 2", as the message catalog writes it in English.
fn name_in_item(name: &str, n: u64) -> String {
    crate::messages::text(
        "en",
        "schema.label.in_item",
        &[
            ("field", crate::messages::Arg::Text(name)),
            ("n", crate::messages::Arg::Count(n)),
        ],
    )
}

/// `email`, `items.0.name`, `_id`: lower-case first, identifier characters.
fn is_property_path(token: &str) -> bool {
    token.starts_with(|c: char| c.is_ascii_lowercase() || c == '_' || c == '$')
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.' | '[' | ']'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries() {
        for (s, path, msg) in [
            ("email must be an email", "email", "email must be an email"),
            (
                "items.0.name should not be empty",
                "items.0.name",
                "name for item 1 should not be empty",
            ),
            (
                "orders.2.lines.11.sku must be a string",
                "orders.2.lines.11.sku",
                "sku for item 12 must be a string",
            ),
            (
                "tags.1 must be a string",
                "tags.1",
                "tags for item 2 must be a string",
            ),
            (
                "address.zip must be a postal code",
                "address.zip",
                "zip must be a postal code",
            ),
            (
                "each value in tags must be a string",
                "tags",
                "each value in tags must be a string",
            ),
            (
                "property nickname should not exist",
                "",
                "property nickname should not exist",
            ),
            ("Passwords do not match", "", "Passwords do not match"),
            (
                "Email is already registered",
                "",
                "Email is already registered",
            ),
            ("single", "", "single"),
        ] {
            assert_eq!(entry(s), (path.to_owned(), msg.to_owned()), "{s}");
        }
    }
}
