//! FastAPI / pydantic: `{"detail": [{"loc": ["body", "items", 0, "name"],
//! "msg": "...", "type": "..."}]}`; `{"detail": "..."}` for `HTTPException`.
//!
//! `loc` starts with where the value came from. `body` is dropped, and so
//! is `query` (a GET form submits its fields as query parameters). `path`,
//! `header` and `cookie` values are not form fields: form-level. Numbers
//! are indices. Pydantic v2 prefixes custom validators' messages with
//! "Value error, " / "Assertion failed, ": dropped.

use super::shape::{Shape, K};
use super::{push_segment, ErrorBody};
use crate::json::Kind;

pub(super) fn read(s: &Shape<'_>) -> Option<ErrorBody> {
    let mut b = ErrorBody::new("fastapi");
    let detail = s.get(K::Detail)?;
    if detail.kind() == Kind::String {
        b.message = super::text(Some(detail));
        return b.some();
    }
    for item in detail.items() {
        let it = Shape::of(item);
        let Some(msg) = it.text(K::Msg) else { continue };
        let msg = ["Value error, ", "Assertion failed, "]
            .iter()
            .find_map(|p| msg.strip_prefix(p))
            .map_or(msg.clone(), str::to_owned);
        let mut path = String::new();
        if let Some(loc) = it.get_kind(K::Loc, Kind::Array) {
            let skip = match loc.at(0).and_then(|f| f.as_plain_str()) {
                Some("body" | "query") => 1,
                Some("path" | "header" | "cookie") => {
                    b.push(String::new(), msg);
                    continue;
                }
                _ => 0,
            };
            for seg in loc.items().skip(skip) {
                push_segment(&mut path, seg);
            }
        }
        b.push(path, msg);
    }
    b.some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Document;

    #[test]
    fn locations() {
        let d = Document::parse(
            r#"{"detail":[
              {"type":"missing","loc":["body","items",0,"name"],"msg":"Field required","input":{}},
              {"type":"value_error","loc":["body"],"msg":"Value error, Passwords do not match","input":{}},
              {"type":"int_parsing","loc":["query","page"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},
              {"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null},
              {"type":"string_too_short","loc":["address","zip"],"msg":"String should have at least 5 characters"},
              {"loc":["body","x"]}]}"#,
        )
        .unwrap();
        let b = read(&Shape::of(d.root())).unwrap();
        let got: Vec<(&str, &str)> = b
            .fields
            .iter()
            .map(|(p, m)| (p.as_str(), m.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("items.0.name", "Field required"),
                ("", "Passwords do not match"),
                (
                    "page",
                    "Input should be a valid integer, unable to parse string as an integer"
                ),
                ("", "Field required"),
                ("address.zip", "String should have at least 5 characters"),
            ]
        );
    }
}
