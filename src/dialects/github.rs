//! GitHub REST: `{message, errors: [{resource, field, code, message?,
//! index?}], documentation_url, status?}`.
//!
//! GitHub's validation errors carry codes, not sentences: fieldnote writes
//! the sentence (`dialect.<code>` in the message catalog) for `missing`,
//! `missing_field`, `invalid`, `already_exists` and `unprocessable`, naming
//! the field (or else the resource) as a person would read it; `custom`
//! errors bring their own `message`. An `index` names the item of an array
//! field (`labels` + 2 → `labels.2`).
//!
//! GitHub's top-level messages address the integration's developer ("Bad
//! credentials", "Resource not accessible by integration", rate-limit
//! texts pointing to the documentation): kept as the server's message,
//! never shown.
//!
//! Rate limits: the 403/429 with `X-RateLimit-Remaining: 0` is handled from
//! the headers by `normalize`; a secondary rate limit says so only in its
//! message, which then states the category.

use super::shape::{Shape, K};
use super::{humanize, ErrorBody};
use crate::json::Kind;
use crate::messages::{self, Arg};
use crate::paths::{canonical, push_index};
use crate::status::Category;

use super::Cx;

pub(super) fn read(s: &Shape<'_>, cx: &Cx<'_>) -> Option<ErrorBody> {
    let mut b = ErrorBody::new("github");
    b.message = s.text(K::Message);
    b.audience = super::Audience::Developer;
    if b.message
        .as_deref()
        .is_some_and(|m| m.to_ascii_lowercase().contains("rate limit"))
    {
        b.category = Some(Category::RateLimited);
    }
    for item in s.get(K::Errors).into_iter().flat_map(|e| e.items()) {
        if item.kind() == Kind::String {
            b.push_all("", item);
            continue;
        }
        let it = Shape::of(item);
        let field = it.text(K::Field);
        let mut path = field.as_deref().map(canonical).unwrap_or_default();
        if let Some(i) = item.get("index").and_then(|i| i.as_u64()) {
            if !path.is_empty() {
                push_index(&mut path, usize::try_from(i).unwrap_or(usize::MAX));
            }
        }
        let code = it.text(K::Code).unwrap_or_default();
        let msg = it.text(K::Message).or_else(|| {
            let key = match code.as_str() {
                "missing" => "dialect.missing",
                "missing_field" => "dialect.missing_field",
                "invalid" => "dialect.invalid",
                "already_exists" => "dialect.already_exists",
                "unprocessable" => "dialect.unprocessable",
                _ => return None,
            };
            let name = match (&field, it.text(K::Resource)) {
                (Some(f), _) => humanize(&canonical(f)),
                (None, Some(r)) => humanize(&r),
                (None, None) => messages::text(cx.locale, "dialect.this_value", &[]),
            };
            Some(messages::text(
                cx.locale,
                key,
                &[("field", Arg::Text(&name))],
            ))
        });
        b.push(path, msg.unwrap_or_default());
    }
    b.some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Headers;
    use crate::json::Document;

    fn read_s(body: &str) -> ErrorBody {
        let d = Document::parse(body).unwrap();
        let h = Headers::new();
        read(
            &Shape::of(d.root()),
            &Cx {
                headers: &h,
                locale: "en",
            },
        )
        .unwrap()
    }

    #[test]
    fn codes_become_sentences() {
        let b = read_s(
            r#"{"message":"Validation Failed","errors":[
              {"resource":"Issue","field":"title","code":"missing_field"},
              {"resource":"Label","field":"name","code":"already_exists"},
              {"resource":"Issue","field":"labels","code":"invalid","index":2},
              {"resource":"PullRequest","code":"custom","message":"A pull request already exists for octocat:feature."},
              {"resource":"Repository","code":"missing"},
              {"code":"unprocessable"},
              {"resource":"Issue","field":"body","code":"weird"}],
              "documentation_url":"https://docs.github.com/rest/issues/issues#create-an-issue","status":"422"}"#,
        );
        assert_eq!(
            b.fields,
            vec![
                (
                    "title".into(),
                    "Title is required. Fill it in and try again.".into()
                ),
                (
                    "name".into(),
                    "Name is already taken. Choose a different one.".into()
                ),
                (
                    "labels.2".into(),
                    "Labels is not in the expected format. Check it and try again.".into()
                ),
                (
                    String::new(),
                    "A pull request already exists for octocat:feature.".into()
                ),
                (
                    String::new(),
                    "Repository does not match anything that exists. Check it and try again."
                        .into()
                ),
                (
                    String::new(),
                    "This value could not be accepted. Check it and try again.".into()
                ),
                ("body".into(), String::new()),
            ]
        );
        assert_eq!(b.category, None);
    }

    #[test]
    fn secondary_rate_limit() {
        let b = read_s(
            r#"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}"#,
        );
        assert_eq!(b.category, Some(Category::RateLimited));
    }
}
