//! Rails: `{"errors": {"email": ["has already been taken"]}}` (or the bare
//! map `render json: @model.errors` sends), and `{"errors": ["Email has
//! already been taken"]}` (`full_messages`, form-level).
//!
//! Rails attribute messages are fragments ("can't be blank"); Rails' own
//! views show them as full messages with the humanized attribute name in
//! front ("Email can't be blank"), and so does fieldnote, using the last
//! segment of nested and indexed keys (`items[0].name` → "Name ...").
//! Messages that already read as sentences (upper-case first letter) are
//! kept as they are, and `base` errors are form-level.

use super::shape::{Shape, K};
use super::{humanize, starts_lowercase, ErrorBody};
use crate::json::Kind;
use crate::paths::canonical;

pub(super) fn read(s: &Shape<'_>) -> Option<ErrorBody> {
    let mut b = ErrorBody::new("rails");
    let errors = s.get(K::Errors).unwrap_or(s.value);
    match errors.kind() {
        Kind::Array => {
            for m in errors.items() {
                b.push_all("", m);
            }
        }
        Kind::Object => {
            for (key, msgs) in errors.members() {
                let path = if key == "base" {
                    String::new()
                } else {
                    canonical(&key)
                };
                let start = b.fields.len();
                b.push_all(&path, msgs);
                if path.is_empty() {
                    continue;
                }
                let name = humanize(&path);
                for (_, m) in b.fields.get_mut(start..).unwrap_or_default() {
                    if starts_lowercase(m) {
                        m.insert(0, ' ');
                        m.insert_str(0, &name);
                    }
                }
            }
        }
        _ => {}
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
    fn fragments_get_the_attribute_name() {
        let b = read_s(
            r#"{"errors":{"email":["can't be blank","is invalid"],"first_name":["is too short (minimum is 2 characters)"],
               "line_items[0].quantity":["must be greater than 0"],"base":["This order can no longer be changed"],
               "terms":"Must be accepted"}}"#,
        );
        let got: Vec<(&str, &str)> = b
            .fields
            .iter()
            .map(|(p, m)| (p.as_str(), m.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("email", "Email can't be blank"),
                ("email", "Email is invalid"),
                (
                    "first_name",
                    "First name is too short (minimum is 2 characters)"
                ),
                ("line_items.0.quantity", "Quantity must be greater than 0"),
                ("", "This order can no longer be changed"),
                ("terms", "Must be accepted"),
            ]
        );
    }

    #[test]
    fn full_messages_and_bare_maps() {
        let b = read_s(r#"{"errors":["Email has already been taken"]}"#);
        assert_eq!(
            b.fields,
            vec![(String::new(), "Email has already been taken".into())]
        );
        let b = read_s(r#"{"email":["has already been taken"]}"#);
        assert_eq!(b.fields[0].1, "Email has already been taken");
    }
}
