//! Django REST framework: serializer errors as field maps nested to any
//! depth (`{"address": {"zip": ["..."]}}`), lists of per-item maps for
//! many-valued fields (`{"items": [{}, {"name": ["..."]}]}`), list-field
//! errors keyed by index (`{"tags": {"1": ["..."]}}`), `non_field_errors`
//! (form-level at the root, about the nested object deeper down), a bare
//! list of messages (a view's `ValidationError`), and `{"detail": "..."}`
//! for every other exception (also FastAPI's `HTTPException` body).

use super::shape::{Shape, K};
use super::{ErrorBody, MAX_WALK_DEPTH};
use crate::json::{Kind, Value};
use crate::paths::{push_index, push_key};

pub(super) fn read(s: &Shape<'_>) -> Option<ErrorBody> {
    let mut b = ErrorBody::new("drf");
    if let Some(d) = s.get_kind(K::Detail, Kind::String) {
        // `APIException`'s body (custom handlers add `code` or `status`):
        // `detail` is the message, never a field named "detail".
        b.message = super::text(Some(d));
        b.code = s.text(K::Code);
        return b.some();
    }
    walk(&mut b, s.value, &mut String::new(), 0);
    b.some()
}

fn walk(b: &mut ErrorBody, v: Value<'_>, path: &mut String, depth: u32) {
    if depth > MAX_WALK_DEPTH {
        return;
    }
    match v.kind() {
        Kind::String => b.push_all(path, v),
        Kind::Array => {
            for (i, item) in v.items().enumerate() {
                if item.kind() == Kind::String {
                    b.push_all(path, item);
                } else {
                    let len = path.len();
                    push_index(path, i);
                    walk(b, item, path, depth + 1);
                    path.truncate(len);
                }
            }
        }
        Kind::Object => {
            for (key, x) in v.members() {
                let len = path.len();
                if key != "non_field_errors" {
                    push_key(path, &key);
                }
                walk(b, x, path, depth + 1);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_s(body: &str) -> Option<ErrorBody> {
        crate::dialects::read_with(body, read)
    }

    #[test]
    fn nested_maps_and_lists() {
        let b = read_s(
            r#"{"address":{"zip":["This field is required."],"non_field_errors":["Enter a full address."]},
               "items":[{},{"name":["This field may not be blank."]}],
               "tags":{"1":["A valid integer is required."]},
               "non_field_errors":["The fields start and end must make a unique set."]}"#,
        )
        .unwrap();
        let got: Vec<(&str, &str)> = b
            .fields
            .iter()
            .map(|(p, m)| (p.as_str(), m.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("address.zip", "This field is required."),
                ("address", "Enter a full address."),
                ("items.1.name", "This field may not be blank."),
                ("tags.1", "A valid integer is required."),
                ("", "The fields start and end must make a unique set."),
            ]
        );
    }

    #[test]
    fn detail_and_bare_lists() {
        let b = read_s(r#"{"detail":"Authentication credentials were not provided."}"#).unwrap();
        assert_eq!(
            b.message.as_deref(),
            Some("Authentication credentials were not provided.")
        );
        let b = read_s(r#"{"detail":"You do not have permission to perform this action.","code":"permission_denied"}"#).unwrap();
        assert!(b.fields.is_empty());
        assert_eq!(b.code.as_deref(), Some("permission_denied"));
        let b = read_s(r#"["This booking overlaps another one."]"#).unwrap();
        assert_eq!(
            b.fields,
            vec![(String::new(), "This booking overlaps another one.".into())]
        );
        let b = read_s(r#"[{},{"name":["This field is required."]}]"#).unwrap();
        assert_eq!(b.fields[0].0, "1.name");
        assert!(read_s("[1,2]").is_none());
    }
}
