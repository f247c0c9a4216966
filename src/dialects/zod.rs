//! Zod's error shapes, as servers send them and as users already hold them
//! (a server action's return value, an API that answers with
//! `error.flatten()`):
//!
//! - `flatten()` / `z.flattenError()`: `{formErrors: [..], fieldErrors:
//!   {name: [..]}}` — also wrapped as `{errors: {...}}` or `{error: {...}}`,
//!   as Next.js server actions commonly return it;
//! - next-safe-action's result: `{validationErrors: ...}` holding the
//!   `format()` shape (its default) or the flattened one;
//! - `format()`: nested objects whose `_errors` lists belong to the path
//!   that leads to them (`{"items": {"0": {"name": {"_errors": [..]}}}}`;
//!   the root's `_errors` are form-level);
//! - Zod 4 `treeifyError()`: `{errors: [..], properties: {name: {errors,
//!   properties?, items?}}, items?: [..]}`;
//! - a `ZodError` serialized as it is: `{issues: [{path: [..], message}]}`
//!   (an empty `path` is form-level).
//!
//! A body in these shapes is a validation failure whatever the status (a
//! server action answers 200); with no errors in it, it is not an error.

use super::shape::{Shape, K};
use super::{segments_path, ErrorBody, MAX_WALK_DEPTH};
use crate::json::{Kind, Value};
use crate::paths::{canonical, push_index, push_key};
use crate::status::Category;

pub(super) fn read(s: &Shape<'_>) -> Option<ErrorBody> {
    let mut b = ErrorBody::new("zod");
    let inner = wrapped(s);
    let s = inner.as_ref().unwrap_or(s);
    if s.has(K::FieldErrors) || s.has(K::FormErrors) {
        if let Some(form) = s.get(K::FormErrors) {
            b.push_all("", form);
        }
        if let Some(fields) = s.get_kind(K::FieldErrors, Kind::Object) {
            for (key, msgs) in fields.members() {
                b.push_all(&canonical(&key), msgs);
            }
        }
    } else if s.has(K::ZodErrors) || inner.is_some() {
        // `format()`; under `validationErrors` the root's `_errors` may be
        // left out when it is empty.
        format_tree(&mut b, s.value, &mut String::new(), 0);
    } else if s.has(K::Properties) || s.value.get("items").is_some() {
        treeified(&mut b, s.value, &mut String::new(), 0);
    } else if let Some(issues) = s.get_kind(K::Issues, Kind::Array) {
        for issue in issues.items() {
            let it = Shape::of(issue);
            let path = it
                .get_kind(K::Path, Kind::Array)
                .map(segments_path)
                .unwrap_or_default();
            b.push(path, it.text(K::Message).unwrap_or_default());
        }
    } else {
        return None;
    }
    if b.fields.is_empty() {
        return None;
    }
    b.category = Some(Category::Validation);
    Some(b)
}

/// The flattened object under `errors` or `error`, or either Zod shape
/// under next-safe-action's `validationErrors`, if that is where it is.
fn wrapped<'a>(s: &Shape<'a>) -> Option<Shape<'a>> {
    if let Some(v) = s.get_kind(K::ValidationErrors, Kind::Object) {
        return Some(Shape::of(v));
    }
    [K::Errors, K::Error].iter().find_map(|k| {
        let inner = Shape::of(s.get_kind(*k, Kind::Object)?);
        (inner.has(K::FieldErrors) || inner.has(K::FormErrors)).then_some(inner)
    })
}

/// Whether a body is in one of Zod's shapes (for detection).
pub(super) fn is_zod(s: &Shape<'_>) -> bool {
    s.has(K::FieldErrors)
        || s.has(K::FormErrors)
        || s.get_kind(K::ZodErrors, Kind::Array).is_some()
        || (s.get_kind(K::Errors, Kind::Array).is_some() && s.has(K::Properties))
        || s.get_kind(K::Issues, Kind::Array).is_some_and(|i| {
            i.at(0)
                .is_some_and(|first| first.get("path").is_some() && first.get("message").is_some())
        })
        || wrapped(s).is_some()
}

/// `format()`: every `_errors` list belongs to the path leading to it.
fn format_tree(b: &mut ErrorBody, v: Value<'_>, path: &mut String, depth: u32) {
    if depth > MAX_WALK_DEPTH || v.kind() != Kind::Object {
        return;
    }
    for (key, x) in v.members() {
        if key == "_errors" {
            b.push_all(path, x);
            continue;
        }
        let len = path.len();
        push_key(path, &key);
        format_tree(b, x, path, depth + 1);
        path.truncate(len);
    }
}

/// Zod 4 `treeifyError()`: `errors` here, `properties` by key, `items` by
/// index (`null` for items without errors).
fn treeified(b: &mut ErrorBody, v: Value<'_>, path: &mut String, depth: u32) {
    if depth > MAX_WALK_DEPTH || v.kind() != Kind::Object {
        return;
    }
    if let Some(errors) = v.get("errors") {
        b.push_all(path, errors);
    }
    if let Some(props) = v.get("properties") {
        for (key, x) in props.members() {
            let len = path.len();
            push_key(path, &key);
            treeified(b, x, path, depth + 1);
            path.truncate(len);
        }
    }
    if let Some(items) = v.get("items") {
        for (i, x) in items.items().enumerate() {
            let len = path.len();
            push_index(path, i);
            treeified(b, x, path, depth + 1);
            path.truncate(len);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_s(body: &str) -> Option<ErrorBody> {
        crate::dialects::read_with(body, read)
    }

    fn fields(b: &ErrorBody) -> Vec<(&str, &str)> {
        b.fields
            .iter()
            .map(|(p, m)| (p.as_str(), m.as_str()))
            .collect()
    }

    #[test]
    fn flatten_and_server_actions() {
        let b = read_s(
            r#"{"formErrors":["Passwords do not match"],"fieldErrors":{"email":["Invalid email"],"age":["Expected number, received string","Too small"]}}"#,
        )
        .unwrap();
        assert_eq!(
            fields(&b),
            [
                ("", "Passwords do not match"),
                ("email", "Invalid email"),
                ("age", "Expected number, received string"),
                ("age", "Too small"),
            ]
        );
        assert_eq!(b.category, Some(Category::Validation));
        let b =
            read_s(r#"{"errors":{"fieldErrors":{"title":["Required"]},"formErrors":[]}}"#).unwrap();
        assert_eq!(fields(&b), [("title", "Required")]);
        let b = read_s(
            r#"{"validationErrors":{"name":{"_errors":["Too short"]},"address":{"_errors":[],"street":{"_errors":["Required"]}}}}"#,
        )
        .unwrap();
        assert_eq!(
            fields(&b),
            [("name", "Too short"), ("address.street", "Required")]
        );
        let b = read_s(
            r#"{"validationErrors":{"formErrors":["Passwords don't match"],"fieldErrors":{"email":["Invalid email"]}}}"#,
        )
        .unwrap();
        assert_eq!(
            fields(&b),
            [("", "Passwords don't match"), ("email", "Invalid email")]
        );
        // Nothing wrong: not an error.
        assert!(read_s(r#"{"formErrors":[],"fieldErrors":{}}"#).is_none());
    }

    #[test]
    fn format_tree_and_treeify() {
        let b = read_s(
            r#"{"_errors":["Check the dates"],"email":{"_errors":["Invalid email"]},
               "items":{"_errors":[],"1":{"_errors":[],"name":{"_errors":["Required"]}}}}"#,
        )
        .unwrap();
        assert_eq!(
            fields(&b),
            [
                ("", "Check the dates"),
                ("email", "Invalid email"),
                ("items.1.name", "Required")
            ]
        );
        let b = read_s(
            r#"{"errors":["Unrecognized key: \"extra\""],"properties":{"username":{"errors":["Too short"]},
               "tags":{"errors":[],"items":[null,{"errors":["Expected string, received number"]}]}}}"#,
        )
        .unwrap();
        assert_eq!(
            fields(&b),
            [
                ("", "Unrecognized key: \"extra\""),
                ("username", "Too short"),
                ("tags.1", "Expected string, received number")
            ]
        );
    }

    #[test]
    fn serialized_zod_error() {
        let b = read_s(
            r#"{"name":"ZodError","issues":[{"code":"invalid_type","expected":"string","received":"undefined","path":["items",0,"name"],"message":"Required"},
               {"code":"custom","path":[],"message":"End date must be after start date"}]}"#,
        )
        .unwrap();
        assert_eq!(
            fields(&b),
            [
                ("items.0.name", "Required"),
                ("", "End date must be after start date")
            ]
        );
    }
}
