//! GraphQL responses: top-level `errors` (GraphQL spec §7.1.2, Apollo
//! Server's `extensions.code`), and mutation payload `userErrors` (Shopify
//! and the many APIs that copied it) anywhere under `data.<mutation>`.
//!
//! - A GraphQL error's `path` is a path in the *response*, not a form
//!   field: it is never used. A field is taken only from explicit hints in
//!   `extensions`: `field` (a string path or a segment list) and
//!   `invalidArgs` (Apollo Server 2/3 `UserInputError`), each without a
//!   leading `input` segment. Apollo Server 4's `argumentName` names an
//!   *argument of the operation* (`id`, `input`), which the form does not
//!   know: its error is form-level.
//! - `extensions.code`: `BAD_USER_INPUT` → validation, `UNAUTHENTICATED`,
//!   `FORBIDDEN`, `THROTTLED`/`RATE_LIMITED` → rate limited,
//!   `INTERNAL_SERVER_ERROR` → server error. `GRAPHQL_VALIDATION_FAILED`
//!   and `GRAPHQL_PARSE_FAILED` mean the *query* is wrong — the person
//!   cannot fix that — so they read as a bad request, and their messages
//!   (and server errors' messages) are not shown: the first is kept as the
//!   server's (developer-facing) message.
//! - `userErrors` / `customerUserErrors` / `*UserErrors`: `field` is a
//!   segment list (a leading `input` is dropped), `null` = form-level.
//! - A 2xx carrying any of these is an error: the category is always set.
//!   A result whose `userErrors` are all empty is not an error.
//! - Shopify's `THROTTLED` states its cost in `extensions.cost`; the wait
//!   until enough points are restored is the retry delay.

use super::shape::{Shape, K};
use super::{segments_path, text, Audience, ErrorBody, MAX_WALK_DEPTH};
use crate::json::{Kind, Value};
use crate::paths::canonical;
use crate::status::Category;

pub(super) fn read(s: &Shape<'_>) -> Option<ErrorBody> {
    let mut b = ErrorBody::new("graphql");
    let mut category = None;
    let mut top_level = false;
    let mut unshown = None;
    if let Some(errors) = s.get_kind(K::Errors, Kind::Array) {
        for e in errors.items() {
            top_level = true;
            error(&mut b, &mut category, &mut unshown, e);
        }
    }
    let before = b.fields.len();
    if let Some(data) = s.get_kind(K::Data, Kind::Object) {
        user_errors(&mut b, data, 0);
    }
    let user = b.fields.len() > before;
    if !top_level && !user {
        return None;
    }
    if !top_level {
        b.dialect = "shopify";
    }
    if category.is_none() && user {
        category = Some(Category::Validation);
    }
    if category == Some(Category::RateLimited) {
        b.retry_after = s.get(K::Extensions).and_then(throttle_wait);
    }
    b.promote_single();
    if b.message.is_none() && unshown.is_some() {
        b.message = unshown;
        b.audience = Audience::Developer;
    }
    b.category = Some(
        category.unwrap_or(if b.fields.iter().any(|f| !f.0.is_empty()) {
            Category::Validation
        } else {
            Category::Unknown
        }),
    );
    Some(b)
}

/// One entry of the top-level `errors`. The first message that is not for
/// people (a query error, a server error) goes to `unshown`.
fn error(
    b: &mut ErrorBody,
    category: &mut Option<Category>,
    unshown: &mut Option<String>,
    e: Value<'_>,
) {
    let es = Shape::of(e);
    let ext = es.get_kind(K::Extensions, Kind::Object);
    let code = ext.and_then(|x| text(x.get("code")));
    let cat = code.as_deref().and_then(code_category);
    if category.is_none() {
        *category = cat;
    }
    if b.code.is_none() {
        b.code = code;
    }
    if matches!(cat, Some(Category::BadRequest | Category::ServerError)) {
        if unshown.is_none() {
            *unshown = es.text(K::Message);
        }
        return;
    }
    let Some(msg) = es.text(K::Message) else {
        return;
    };
    let mut hinted = false;
    if let Some(x) = ext {
        for (key, v) in x.members() {
            match (key.as_ref(), v.kind()) {
                ("field", Kind::String) => {
                    if let Some(p) = text(Some(v)) {
                        b.push(strip_input(canonical(&p)), msg.clone());
                        hinted = true;
                    }
                }
                ("field", Kind::Array) => {
                    b.push(segments_path(v), msg.clone());
                    hinted = true;
                }
                ("invalidArgs", Kind::Array) => {
                    for arg in v.items().filter_map(|a| text(Some(a))) {
                        b.push(strip_input(canonical(&arg)), msg.clone());
                        hinted = true;
                    }
                }
                _ => {}
            }
        }
    }
    if !hinted {
        b.push(String::new(), msg);
    }
}

fn strip_input(path: String) -> String {
    match path.strip_prefix("input.") {
        Some(rest) => rest.to_owned(),
        None => path,
    }
}

/// The category of an `extensions.code` (Apollo Server's codes and the
/// common rate-limit ones).
fn code_category(code: &str) -> Option<Category> {
    if code.starts_with("GRAPHQL_") || code.starts_with("PERSISTED_QUERY") {
        return Some(Category::BadRequest);
    }
    Category::from_code(code)
}

/// Collects `userErrors`-style lists under `data`.
fn user_errors(b: &mut ErrorBody, v: Value<'_>, depth: u32) {
    if depth > MAX_WALK_DEPTH {
        return;
    }
    for (key, x) in v.members() {
        match x.kind() {
            Kind::Array if key == "userErrors" || key.ends_with("UserErrors") => {
                for ue in x.items() {
                    let us = Shape::of(ue);
                    let path = us
                        .get_kind(K::Field, Kind::Array)
                        .map(segments_path)
                        .unwrap_or_default();
                    if b.code.is_none() {
                        b.code = us.text(K::Code);
                    }
                    if let Some(m) = us.text(K::Message) {
                        b.push(path, m);
                    }
                }
            }
            Kind::Object => user_errors(b, x, depth + 1),
            _ => {}
        }
    }
}

/// Shopify: seconds until `requestedQueryCost` points are available again
/// at `restoreRate` points a second.
fn throttle_wait(ext: Value<'_>) -> Option<u64> {
    let cost = ext.get("cost")?;
    let requested = cost.get("requestedQueryCost")?.as_f64()?;
    let status = cost.get("throttleStatus")?;
    let available = status.get("currentlyAvailable")?.as_f64()?;
    let rate = status.get("restoreRate")?.as_f64()?;
    let wait = (requested - available) / rate;
    (wait.is_finite() && rate > 0.0).then(|| wait.clamp(0.0, 86_400.0).ceil() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_s(body: &str) -> Option<ErrorBody> {
        crate::dialects::read_with(body, read)
    }

    #[test]
    fn apollo_codes_and_hints() {
        let b = read_s(
            r#"{"errors":[{"message":"Email is already taken","path":["createUser"],
              "extensions":{"code":"BAD_USER_INPUT","field":"input.email"}},
              {"message":"Enter a start date","extensions":{"code":"BAD_USER_INPUT","invalidArgs":["startDate","input.endDate"]}},
              {"message":"Name is too long","extensions":{"field":["input","items",0,"name"]}}],"data":null}"#,
        )
        .unwrap();
        assert_eq!(b.category, Some(Category::Validation));
        assert_eq!(b.code.as_deref(), Some("BAD_USER_INPUT"));
        let paths: Vec<&str> = b.fields.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(paths, ["email", "startDate", "endDate", "items.0.name"]);
    }

    #[test]
    fn argument_names_are_not_form_fields() {
        // Apollo Server 4's documented `argumentName`: an operation argument.
        let b = read_s(
            r#"{"errors":[{"message":"Invalid argument value","extensions":{"code":"BAD_USER_INPUT","argumentName":"id"}}],"data":null}"#,
        )
        .unwrap();
        assert_eq!(b.category, Some(Category::Validation));
        assert!(b.fields.is_empty());
        assert_eq!(b.message.as_deref(), Some("Invalid argument value"));
    }

    #[test]
    fn response_paths_are_not_fields() {
        let b = read_s(
            r#"{"errors":[{"message":"You must be signed in to do this","path":["viewer","orders"],
              "extensions":{"code":"UNAUTHENTICATED"}}],"data":{"viewer":null}}"#,
        )
        .unwrap();
        assert_eq!(b.category, Some(Category::Unauthenticated));
        assert_eq!(
            b.message.as_deref(),
            Some("You must be signed in to do this")
        );
        assert!(b.fields.is_empty());
    }

    #[test]
    fn query_errors_are_not_shown() {
        let b = read_s(
            r#"{"errors":[{"message":"Cannot query field \"nme\" on type \"User\".","locations":[{"line":1,"column":9}],
              "extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}"#,
        )
        .unwrap();
        assert_eq!(b.category, Some(Category::BadRequest));
        assert!(b.fields.is_empty());
        // Kept for the developer, marked so that it is never shown.
        assert_eq!(b.audience, Audience::Developer);
        assert!(b.message.unwrap().starts_with("Cannot query field"));
        let b = read_s(r#"{"errors":[{"message":"Something odd"}]}"#).unwrap();
        assert_eq!(b.category, Some(Category::Unknown));
    }

    #[test]
    fn user_errors() {
        let b = read_s(
            r#"{"data":{"customerCreate":{"customer":null,"customerUserErrors":[
              {"code":"TAKEN","field":["input","email"],"message":"Email has already been taken"},
              {"code":"INVALID","field":null,"message":"Something about the whole form"}]}}}"#,
        )
        .unwrap();
        assert_eq!(b.dialect, "shopify");
        assert_eq!(b.code.as_deref(), Some("TAKEN"));
        assert_eq!(b.category, Some(Category::Validation));
        assert_eq!(b.fields[0].0, "email");
        assert_eq!(b.fields[1].0, "");
        assert!(
            read_s(r#"{"data":{"productCreate":{"product":{"id":"1"},"userErrors":[]}}}"#)
                .is_none()
        );
    }

    #[test]
    fn shopify_throttle() {
        let b = read_s(
            r#"{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED","documentation":"https://shopify.dev/api/usage/rate-limits"}}],
               "extensions":{"cost":{"requestedQueryCost":202,"actualQueryCost":null,
               "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":2,"restoreRate":100.0}}}}"#,
        )
        .unwrap();
        assert_eq!(b.category, Some(Category::RateLimited));
        assert_eq!(b.retry_after, Some(2));
    }
}
