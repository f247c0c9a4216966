//! AWS: the JSON protocols' `{"__type": "com.amazonaws...#ValidationException",
//! "message" | "Message": "..."}`, and REST-JSON services' (API Gateway,
//! Lambda) `x-amzn-ErrorType: ValidationException:http://...` header with
//! `{"message": "..."}`. The code is the shape name without namespace and
//! URI. Throttling shapes (`ThrottlingException`, `TooManyRequestsException`,
//! `ProvisionedThroughputExceededException`, `RequestLimitExceeded`, ...)
//! are rate limited whatever the status (AWS often answers them with 400);
//! their messages address the developer and are not shown.
//! Some services list field errors (`fieldList` or `fields`: `[{name,
//! message}]`).

use super::shape::{Shape, K};
use super::{Cx, ErrorBody};
use crate::status::Category;

pub(super) fn read(s: &Shape<'_>, cx: &Cx<'_>) -> Option<ErrorBody> {
    let mut b = ErrorBody::new("aws");
    let raw = s
        .text(K::AwsType)
        .or_else(|| cx.headers.get("x-amzn-errortype").map(str::to_owned))
        .or_else(|| s.text(K::Code));
    if let Some(raw) = raw {
        let name = raw.split(':').next().unwrap_or("");
        let name = after_last(name, '#').trim();
        if !name.is_empty() {
            if Category::from_code(name) == Some(Category::RateLimited) {
                b.category = Some(Category::RateLimited);
            }
            b.code = Some(name.to_owned());
        }
    }
    b.message = s.text(K::Message).or_else(|| s.text(K::MessageCap));
    if b.category.is_some() {
        // A throttle's message addresses the developer ("increase your
        // provisioning level"): the rate-limit sentence serves people better.
        b.audience = super::Audience::Developer;
    }
    for key in ["fieldList", "fields"] {
        if let Some(l) = s.value.get(key) {
            super::list(&mut b, l, &[K::Name], &[K::Message]);
        }
    }
    b.some()
}

/// The part after the last `sep` (all of `s` if there is none).
fn after_last(s: &str, sep: char) -> &str {
    s.rfind(sep).and_then(|i| s.get(i + 1..)).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Headers;
    use crate::json::Document;

    fn read_h(body: &str, h: &Headers<'_>) -> ErrorBody {
        let d = Document::parse(body).unwrap();
        read(
            &Shape::of(d.root()),
            &Cx {
                headers: h,
                locale: "en",
            },
        )
        .unwrap()
    }

    #[test]
    fn type_names() {
        let h = Headers::new();
        let b = read_h(
            r#"{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"Rate of requests exceeds the allowed throughput."}"#,
            &h,
        );
        assert_eq!(
            b.code.as_deref(),
            Some("ProvisionedThroughputExceededException")
        );
        assert_eq!(b.category, Some(Category::RateLimited));
        let h = Headers::new().with(
            "x-amzn-ErrorType",
            "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
        );
        let b = read_h(r#"{"Message":"Name must be 64 characters or fewer"}"#, &h);
        assert_eq!(b.code.as_deref(), Some("ValidationException"));
        assert_eq!(b.category, None);
        assert_eq!(
            b.message.as_deref(),
            Some("Name must be 64 characters or fewer")
        );
    }

    #[test]
    fn field_lists() {
        let h = Headers::new();
        let b = read_h(
            r#"{"__type":"ValidationException","message":"Invalid input","reason":"fieldValidationFailed",
              "fieldList":[{"name":"tags[0].key","message":"Tag keys must not start with aws:"}]}"#,
            &h,
        );
        assert_eq!(b.fields[0].0, "tags.0.key");
    }
}
