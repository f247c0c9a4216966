//! Every rule of the API error-handling document (`../shared/spec/error-handling.txt`),
//! checked through the public Rust API.

use fieldnote::http::Request;
use fieldnote::normalize::{normalize_detailed, Clock, MessageSource};
use fieldnote::{normalize, Action, Category, Headers, NormalizeOptions, Normalized, Response};

/// 2026-11-24T21:18:00Z
const NOW: f64 = 1_795_555_080_000.0;

fn run(resp: Response<'_>) -> Normalized {
    normalize(
        &resp,
        &NormalizeOptions {
            now_ms: Some(NOW),
            ..Default::default()
        },
    )
}

fn envelope(code: &str, message: &str, details: &[(&str, &str)]) -> String {
    let mut e = fieldnote::envelope::Envelope {
        code: code.into(),
        message: message.into(),
        details: Vec::new(),
    };
    for (f, m) in details {
        e.details.push(fieldnote::envelope::Detail {
            field: (*f).into(),
            message: (*m).into(),
        });
    }
    e.to_json()
}

fn assert_people_text(s: &str) {
    assert!(!s.is_empty());
    for bad in [
        "<", "invalid", "Invalid", "please", "Please", "oops", "Oops", "sorry", "Sorry",
    ] {
        assert!(!s.contains(bad), "{bad:?} in {s:?}");
    }
}

#[test]
fn success_statuses_are_ok() {
    for status in [200, 201, 204] {
        let n = run(Response::new(status, r#"{"id": 7}"#));
        assert!(n.ok, "{status}");
        assert_eq!(n.category, None);
        assert_eq!(n.action, Action::None);
        assert!(n.message.is_none() && n.report.is_none());
    }
}

#[test]
fn a_2xx_carrying_the_envelope_is_an_error() {
    let body = envelope(
        "validation_failed",
        "Validation failed",
        &[("email", "Enter an email address")],
    );
    let n = run(Response::new(200, body));
    assert!(!n.ok);
    assert_eq!(n.category, Some(Category::Validation));
    assert_eq!(n.field("email").unwrap(), ["Enter an email address"]);
}

#[test]
fn bad_request_400() {
    let n = run(Response::new(
        400,
        envelope("bad_request", "Validation failed", &[]),
    ));
    assert_eq!(n.category, Some(Category::BadRequest));
    assert_eq!(n.action, Action::ContactSupport);
    assert!(
        n.report.is_some(),
        "a 400 with nothing to fix goes to support, with a report"
    );
    assert_people_text(n.message.as_deref().unwrap());

    let n = run(Response::new(
        400,
        envelope(
            "bad_request",
            "Invalid parameters",
            &[("page_size", "Enter a page size from 1 to 100")],
        ),
    ));
    assert_eq!(n.action, Action::FixFields);
    assert_eq!(
        n.field("page_size").unwrap(),
        ["Enter a page size from 1 to 100"]
    );
}

#[test]
fn unauthenticated_401_with_envelope_and_with_challenge() {
    let n = run(Response::new(
        401,
        envelope("token_expired", "Your session has expired", &[]),
    ));
    assert_eq!(n.category, Some(Category::Unauthenticated));
    assert_eq!(n.action, Action::SignIn);
    assert_eq!(n.code.as_deref(), Some("token_expired"));
    assert_eq!(n.message.as_deref(), Some("Your session has expired"));

    // Empty body: the WWW-Authenticate challenge says why (RFC 6750); its
    // description is for the client's developer (RFC 6749 §5.2), so the
    // person reads fieldnote's sentence and the description stays available.
    let d = normalize_detailed(
        &Response::new(401, "").header(
            "WWW-Authenticate",
            r#"Bearer realm="api", error="invalid_token", error_description="The access token expired""#,
        ),
        &NormalizeOptions {
            now_ms: Some(NOW),
            ..Default::default()
        },
        &Clock::default(),
    );
    assert_eq!(
        d.server_message.as_deref(),
        Some("The access token expired")
    );
    assert_eq!(d.message_source, Some(MessageSource::Fieldnote));
    let n = d.result;
    assert_eq!(n.code.as_deref(), Some("invalid_token"));
    assert!(n.message.unwrap().contains("Sign in again"));
    assert_eq!(n.action, Action::SignIn);

    // Nothing at all: a default sentence.
    let n = run(Response::new(401, ""));
    assert_people_text(n.message.as_deref().unwrap());
    assert!(n.message.unwrap().contains("Sign in"));
}

#[test]
fn forbidden_403() {
    let n = run(Response::new(403, envelope("forbidden", "Forbidden", &[])));
    assert_eq!(n.category, Some(Category::Forbidden));
    assert_eq!(n.action, Action::None);
    let m = n.message.unwrap();
    assert!(m.contains("permission"), "{m}");
}

#[test]
fn not_found_404() {
    let n = run(Response::new(404, envelope("not_found", "Not Found", &[])));
    assert_eq!(n.category, Some(Category::NotFound));
    assert_eq!(n.action, Action::CheckLink);
    let m = n.message.unwrap();
    assert!(m.contains("link") && m.contains("deleted"), "{m}");
    let n = run(Response::new(
        404,
        envelope("not_found", "Order 42 does not exist", &[]),
    ));
    assert_eq!(n.message.as_deref(), Some("Order 42 does not exist"));
}

#[test]
fn conflict_409() {
    let body = envelope(
        "conflict",
        "Conflict",
        &[("email", "This email address is already registered")],
    );
    let n = run(Response::new(409, body));
    assert_eq!(n.category, Some(Category::Conflict));
    assert_eq!(n.action, Action::FixFields);
    assert_eq!(
        n.field("email").unwrap(),
        ["This email address is already registered"]
    );
    let n = run(Response::new(409, ""));
    assert_eq!(n.action, Action::Reload);
}

#[test]
fn validation_422_details_on_the_exact_fields() {
    let body = envelope(
        "validation_failed",
        "Validation failed",
        &[
            ("address.zip", "Enter a postcode"),
            ("items[0].name", "Enter an item name"),
            ("/items/1/quantity", "Enter a quantity of 1 or more"),
            ("items.1.quantity", "Quantity must be a whole number"),
            ("", "The delivery date must be after the order date"),
            ("email", ""),
        ],
    );
    let n = run(Response::new(422, body));
    assert_eq!(n.category, Some(Category::Validation));
    assert_eq!(n.action, Action::FixFields);
    assert_eq!(n.code.as_deref(), Some("validation_failed"));
    let paths: Vec<&str> = n.fields.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        ["address.zip", "items.0.name", "items.1.quantity", "email"]
    );
    assert_eq!(
        n.field("items[1].quantity").unwrap(),
        [
            "Enter a quantity of 1 or more",
            "Quantity must be a whole number"
        ]
    );
    assert_eq!(
        n.form_errors,
        ["The delivery date must be after the order date"]
    );
    assert_eq!(
        n.field("email").unwrap(),
        ["Check this answer"],
        "empty messages get a default"
    );
    // "Validation failed" says nothing a person can use: our sentence instead.
    assert_people_text(n.message.as_deref().unwrap());
    assert!(!n.retry.retryable && n.report.is_none());
}

#[test]
fn field_messages_holding_markup_or_internals_are_not_shown() {
    let body = envelope(
        "validation_failed",
        "Validation failed",
        &[
            ("email", "<script>alert(1)</script>"),
            (
                "name",
                "java.lang.NullPointerException at com.acme.Foo.bar(Foo.java:42)",
            ),
            ("age", "<img src=x onerror=alert(1)>"),
            ("count", "Must be < 10"),
        ],
    );
    let n = run(Response::new(422, body));
    assert_eq!(n.field("email").unwrap(), ["Check this answer"]);
    assert_eq!(n.field("name").unwrap(), ["Check this answer"]);
    assert_eq!(n.field("age").unwrap(), ["Check this answer"]);
    assert_eq!(n.field("count").unwrap(), ["Must be < 10"]);
    let n = run(Response::new(
        500,
        envelope("x", "<img src=x onerror=alert(1)>", &[]),
    ));
    assert_people_text(n.message.as_deref().unwrap());
}

#[test]
fn rate_limited_429_reads_every_header() {
    let base = || Response::new(429, envelope("rate_limited", "Too many requests", &[]));
    let cases: Vec<(Response<'_>, Option<u64>)> = vec![
        (base().header("Retry-After", "30"), Some(30)),
        (
            base().header("Retry-After", "Tue, 24 Nov 2026 21:19:00 GMT"),
            Some(60),
        ),
        (
            base().header("RateLimit", r#""default";r=0;t=12"#),
            Some(12),
        ),
        (
            base()
                .header("RateLimit-Remaining", "0")
                .header("RateLimit-Reset", "9"),
            Some(9),
        ),
        (
            base()
                .header("X-RateLimit-Remaining", "0")
                .header("X-RateLimit-Reset", "1795555125"),
            Some(45),
        ),
        (base(), None),
    ];
    for (resp, want) in cases {
        let n = run(resp);
        assert_eq!(n.category, Some(Category::RateLimited));
        assert_eq!(n.action, Action::RetryLater);
        assert!(n.retry.retryable);
        assert_eq!(n.retry.after_seconds, want);
        let m = n.message.unwrap();
        assert_people_text(&m);
        if let Some(s) = want {
            assert!(m.contains(&format!("{s} second")), "{m}");
        }
    }
}

#[test]
fn server_errors_500_and_502_carry_a_support_report() {
    let req = || {
        Request {
        method: "POST".into(),
        url: "https://api.example.com/v1/orders?access_token=abc123".into(),
        headers: Headers::new()
            .with("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig")
            .with("Content-Type", "application/json"),
        body: Some(r#"{"email":"a@example.com","password":"hunter2","card":{"number":"4242424242424242","cvc":"123"}}"#.into()),
    }
    };
    let n = run(
        Response::new(500, envelope("internal", "Internal Server Error", &[]))
            .header("X-Request-Id", "req-8f2c")
            .header(
                "traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            )
            .header("Set-Cookie", "session=s3cr3t; HttpOnly")
            .request(req()),
    );
    assert_eq!(n.category, Some(Category::ServerError));
    assert_eq!(n.action, Action::ContactSupport);
    assert!(!n.retry.retryable);
    let r = n.report.expect("report");
    let t = r.text();
    for want in [
        "Time: 2026-11-24T21:18:00.000Z",
        "Request: POST https://api.example.com/v1/orders?access_token=[REDACTED]",
        "Status: 500 Internal Server Error",
        "X-Request-Id: req-8f2c",
        "Traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "Error code: internal",
        r#""error":{"code":"internal""#,
    ] {
        assert!(t.contains(want), "missing {want:?} in\n{t}");
    }
    for secret in [
        "abc123",
        "hunter2",
        "4242424242424242",
        "\"123\"",
        "s3cr3t",
        "eyJ",
    ] {
        assert!(!t.contains(secret), "{secret:?} leaked in\n{t}");
    }
    assert!(r.response_body_is_json);

    // A proxy's HTML 502 page.
    let html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n";
    let n = run(Response::new(502, html)
        .header("Content-Type", "text/html")
        .request(req()));
    assert_eq!(n.category, Some(Category::BadGateway));
    assert_eq!(n.action, Action::ContactSupport);
    assert!(n.retry.retryable);
    assert_people_text(n.message.as_deref().unwrap());
    let r = n.report.expect("report");
    assert!(!r.response_body_is_json);
    assert!(
        r.text().contains("<h1>502 Bad Gateway</h1>"),
        "the report keeps the page as text"
    );
}

#[test]
fn unavailable_503_and_504() {
    let n = run(Response::new(503, "").header("Retry-After", "120"));
    assert_eq!(n.category, Some(Category::Unavailable));
    assert_eq!(n.action, Action::RetryLater);
    assert_eq!(n.retry.after_seconds, Some(120));
    // 120 seconds is said in minutes.
    assert!(n.message.unwrap().contains("Try again in 2 minutes."));
    let n = run(Response::new(504, ""));
    assert_eq!(n.category, Some(Category::Unavailable));
    assert!(n.retry.retryable);
}

#[test]
fn bad_input_never_breaks_it() {
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let huge = format!(
        r#"{{"error":{{"code":"x","message":"{}"}}}}"#,
        "a ".repeat(5 << 20)
    );
    let bodies = [
        "",
        "   \n",
        "Service temporarily overloaded",
        r#"{"error":{"code":"validation_failed","message":"Valid"#,
        "[1, 2, 3]",
        "\"just a string\"",
        "42",
        "null",
        deep.as_str(),
        huge.as_str(),
        "\u{0}\u{1}\u{2}binary\u{ff}",
        "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
    ];
    for status in [400, 422, 500, 502] {
        for body in bodies {
            let n = run(Response::new(status, body));
            assert!(!n.ok);
            assert_eq!(n.category, Category::from_status(status));
            let m = n.message.expect("a message");
            assert!(!m.contains('<') && !m.contains("script"), "{m}");
            assert!(m.len() < 400);
        }
    }
}

#[test]
fn tokens_expire_after_one_hour() {
    use fieldnote::token::{expires_in, should_refresh};
    // Issued at NOW with the spec's one-hour lifetime: {"exp": NOW/1000 + 3600}.
    let exp = NOW / 1000.0 + 3600.0;
    let payload = format!(r#"{{"sub":"u1","iat":{},"exp":{exp}}}"#, NOW / 1000.0);
    let jwt = format!("eyJhbGciOiJIUzI1NiJ9.{}.sig", b64url(payload.as_bytes()));
    assert_eq!(expires_in(&jwt, NOW), Ok(Some(3600.0)));
    assert_eq!(should_refresh(&jwt, NOW + 58.0 * 60_000.0, 60.0), Ok(false));
    assert_eq!(should_refresh(&jwt, NOW + 59.0 * 60_000.0, 60.0), Ok(true));
    assert_eq!(should_refresh(&jwt, NOW + 61.0 * 60_000.0, 0.0), Ok(true));
}

fn b64url(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().fold(0u32, |a, &c| (a << 8) | u32::from(c)) << (8 * (3 - chunk.len()));
        for k in 0..=chunk.len() {
            out.push(A[((n >> (18 - 6 * k)) & 63) as usize] as char);
        }
    }
    out
}

#[test]
fn exponential_backoff_for_429() {
    use fieldnote::retry::backoff;
    let delays: Vec<f64> = (1..=6)
        .map(|a| backoff(a, 500.0, 8_000.0, 0.999_999))
        .collect();
    assert_eq!(delays, [499.0, 999.0, 1999.0, 3999.0, 7999.0, 7999.0]);
    assert_eq!(backoff(3, 500.0, 8_000.0, 0.25), 500.0);
}

fn detailed(resp: Response<'_>, clock: Clock) -> fieldnote::normalize::Detailed {
    normalize_detailed(
        &resp,
        &NormalizeOptions {
            now_ms: Some(NOW),
            ..Default::default()
        },
        &clock,
    )
}

#[test]
fn the_envelopes_message_is_shown_at_every_status() {
    for (status, category) in [
        (429, Category::RateLimited),
        (500, Category::ServerError),
        (502, Category::BadGateway),
        (503, Category::Unavailable),
        (504, Category::Unavailable),
    ] {
        let body = envelope(
            "upstream_unavailable",
            "The payment provider is temporarily unavailable.",
            &[],
        );
        let d = detailed(
            Response::new(status, body).header("Retry-After", "30"),
            Clock::default(),
        );
        let n = &d.result;
        assert_eq!(n.category, Some(category), "{status}");
        assert_eq!(
            n.message.as_deref(),
            Some("The payment provider is temporarily unavailable."),
            "{status}"
        );
        assert_eq!(d.message_source, Some(MessageSource::Server));
        // The countdown and the report sit beside the message.
        if category.retryable() {
            assert_eq!(n.retry.after_seconds, Some(30), "{status}");
        }
        if status >= 500 {
            let r = n.report.as_ref().expect("a report");
            assert!(r
                .text()
                .contains("Message shown: The payment provider is temporarily unavailable."));
        }
    }
    // A reason phrase in the envelope is not a sentence: fieldnote's, with the wait.
    let d = detailed(
        Response::new(429, envelope("rate_limited", "Too Many Requests", &[]))
            .header("Retry-After", "30"),
        Clock::default(),
    );
    assert_eq!(d.message_source, Some(MessageSource::Fieldnote));
    assert_eq!(d.server_message.as_deref(), Some("Too Many Requests"));
    assert!(d
        .result
        .message
        .unwrap()
        .ends_with("Try again in 30 seconds."));
}

#[test]
fn fieldnotes_sentences_follow_the_headers() {
    // A 502 that says when to come back: not "in a few minutes".
    let n = run(Response::new(502, "").header("Retry-After", "10"));
    let m = n.message.unwrap();
    assert!(m.contains("Try again in 10 seconds."), "{m}");
    assert!(!m.contains("few minutes"), "{m}");
    // Without a stated wait, the 502 keeps its general advice.
    let m = run(Response::new(502, "")).message.unwrap();
    assert!(m.contains("in a few minutes"), "{m}");
    // A 30-minute reset reads in minutes, not 1800 seconds.
    let m = run(Response::new(429, "").header("RateLimit", r#""day";r=0;t=1800"#))
        .message
        .unwrap();
    assert!(m.ends_with("Try again in 30 minutes."), "{m}");
    // A long wait with the person's clock known: a time of day. NOW is
    // 21:18:00Z; in UTC-5 that is 16:18, and 2 hours 12 minutes later 18:30.
    let d = detailed(
        Response::new(503, "").header("Retry-After", "7920"),
        Clock {
            utc_offset_minutes: Some(-300),
        },
    );
    let m = d.result.message.unwrap();
    assert!(m.ends_with("Try again at 18:30."), "{m}");
    // Without the clock: hours, rounded up.
    let m = run(Response::new(503, "").header("Retry-After", "7920"))
        .message
        .unwrap();
    assert!(m.ends_with("Try again in 3 hours."), "{m}");
    // In another locale, in its own words.
    let n = normalize(
        &Response::new(429, "").header("Retry-After", "1800"),
        &NormalizeOptions {
            now_ms: Some(NOW),
            locale: "de",
            ..Default::default()
        },
    );
    assert_eq!(
        n.message.as_deref(),
        Some("Es gab zu viele Versuche in kurzer Zeit. Versuchen Sie es in 30 Minuten erneut.")
    );
}

#[test]
fn a_400_that_names_a_field_is_a_validation_failure() {
    let n = run(Response::new(
        400,
        envelope(
            "bad_request",
            "Check the marked fields",
            &[("email", "Enter an email address")],
        ),
    ));
    assert_eq!(n.category, Some(Category::Validation));
    assert_eq!(n.action, Action::FixFields);
    assert!(n.report.is_none());
    // Form-level errors only: still a bad request, with something to fix.
    let n = run(Response::new(
        400,
        envelope(
            "bad_request",
            "Check the form",
            &[("", "Choose a later date")],
        ),
    ));
    assert_eq!(n.category, Some(Category::BadRequest));
    assert_eq!(n.action, Action::FixFields);
}
