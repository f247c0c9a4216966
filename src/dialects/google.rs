//! Google APIs (AIP-193): `{"error": google.rpc.Status}` =
//! `{code, message, status, details: [Any]}`, `details` items told apart by
//! `@type` (google/rpc/error_details.proto):
//!
//! - `BadRequest.fieldViolations[]`: `field` (`a.b`, `a[0].b`), message
//!   `localizedMessage.message` over `description`;
//! - `ErrorInfo.reason`: the code (over `status`);
//! - `RetryInfo.retryDelay` (`"30s"`): the retry delay;
//! - `LocalizedMessage.message`: the message, for people; else
//!   `error.message`, which AIP-193 calls developer-facing: kept as the
//!   server's message, never shown.
//!
//! `RESOURCE_EXHAUSTED` means rate limited whatever the HTTP status.

use super::shape::{Shape, K};
use super::{text, Audience, ErrorBody};
use crate::json::Kind;
use crate::paths::canonical;
use crate::status::Category;

pub(super) fn read(s: &Shape<'_>) -> Option<ErrorBody> {
    let e = Shape::of(s.get_kind(K::Error, Kind::Object)?);
    let mut b = ErrorBody::new("google");
    let status = e.text(K::Status);
    let mut reason = None;
    let mut localized = None;
    if let Some(details) = e.get(K::Details) {
        for d in details.items() {
            let Some(ty) = text(d.get("@type")) else {
                continue;
            };
            // `type.googleapis.com/google.rpc.X`: the name after the host.
            let ty = ty.rfind('/').and_then(|i| ty.get(i + 1..)).unwrap_or(&ty);
            match ty {
                "google.rpc.BadRequest" => {
                    let violations = d.get("fieldViolations").into_iter().flat_map(|v| v.items());
                    for v in violations {
                        let path = text(v.get("field"))
                            .map(|f| canonical(&f))
                            .unwrap_or_default();
                        let msg = text(v.get("localizedMessage").and_then(|l| l.get("message")))
                            .or_else(|| text(v.get("description")))
                            .unwrap_or_default();
                        b.push(path, msg);
                    }
                }
                "google.rpc.ErrorInfo" => reason = reason.or_else(|| text(d.get("reason"))),
                "google.rpc.RetryInfo" => {
                    b.retry_after = text(d.get("retryDelay"))
                        .and_then(|r| crate::retry::parse_duration(&r))
                        .or(b.retry_after);
                }
                "google.rpc.LocalizedMessage" => {
                    localized = localized.or_else(|| text(d.get("message")));
                }
                _ => {}
            }
        }
    }
    if status.as_deref() == Some("RESOURCE_EXHAUSTED") {
        b.category = Some(Category::RateLimited);
    }
    b.audience = if localized.is_some() {
        Audience::People
    } else {
        Audience::Developer
    };
    b.message = localized.or_else(|| e.text(K::Message));
    b.code = reason.or(status);
    b.some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Document;

    #[test]
    fn status_with_details() {
        let d = Document::parse(
            r#"{"error":{"code":429,"message":"Quota exceeded for quota metric 'Requests'.","status":"RESOURCE_EXHAUSTED",
            "details":[
              {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"googleapis.com"},
              {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"},
              {"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"en-US","message":"Too many requests right now."},
              {"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[
                {"field":"email_addresses[1].email","description":"Bad email"},
                {"field":"name","description":"x","localizedMessage":{"locale":"en-US","message":"Enter a name"}},
                {"description":"Whole request"}]},
              {"@type":"type.googleapis.com/google.rpc.DebugInfo","stackEntries":["at x"]},
              {"no":"type"}]}}"#,
        )
        .unwrap();
        let b = read(&Shape::of(d.root())).unwrap();
        assert_eq!(b.category, Some(Category::RateLimited));
        assert_eq!(b.retry_after, Some(2));
        assert_eq!(b.code.as_deref(), Some("RATE_LIMIT_EXCEEDED"));
        assert_eq!(b.message.as_deref(), Some("Too many requests right now."));
        assert_eq!(
            b.fields,
            vec![
                ("email_addresses.1.email".into(), "Bad email".into()),
                ("name".into(), "Enter a name".into()),
                (String::new(), "Whole request".into()),
            ]
        );
    }

    #[test]
    fn plain_status() {
        let d = Document::parse(
            r#"{"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND"}}"#,
        )
        .unwrap();
        let b = read(&Shape::of(d.root())).unwrap();
        assert_eq!(b.code.as_deref(), Some("NOT_FOUND"));
        assert_eq!(b.category, None);
    }
}
