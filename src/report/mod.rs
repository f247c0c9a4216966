//! Support reports: what a person pastes to support after a server error —
//! when it happened, what was sent, what came back — with credentials
//! redacted (see [`redact`]).

mod markup;
mod names;
mod redact;
mod tokens;
mod url;

pub use names::{is_secret_header, is_secret_name, is_secret_param};
pub use redact::{redact_form, redact_json, redact_text, REDACTED};
pub use url::redact_url;

use crate::http::{Headers, Response};
use crate::json::{Document, Limits, Writer};
use redact::head;

/// Bodies longer than this are cut in reports (the rest is noted, not kept).
pub const MAX_BODY_CHARS: usize = 8 * 1024;

/// The most of a body a report reads: it is redacted whole, then cut to
/// [`MAX_BODY_CHARS`]. The input is cut first at the last blank or
/// separator before this size, so no credential straddles the cut.
pub const MAX_BODY_READ: usize = 64 * 1024;

/// The most of a header value, URL, message or code a report keeps.
pub const MAX_FIELD_CHARS: usize = 2 * 1024;

/// The most of a header value, URL, message or code a report reads.
pub const MAX_FIELD_READ: usize = 16 * 1024;

/// Headers kept per list (request, response) in a report.
pub const MAX_HEADERS: usize = 64;

/// Headers whose values identify a request to the server's operators.
pub const REQUEST_ID_HEADERS: &[&str] = &[
    "x-request-id",
    "x-correlation-id",
    "traceparent",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-github-request-id",
    "cf-ray",
    "request-id",
];

/// A support report, ready to show, copy or send.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// When the error was seen (ISO 8601, UTC).
    pub timestamp: String,
    /// Times of each attempt, when the request was retried (ISO 8601, UTC).
    pub attempts: Vec<String>,
    /// The request method, if known.
    pub method: Option<String>,
    /// The request URL (secret query values redacted), if known.
    pub url: Option<String>,
    /// Request headers, redacted.
    pub request_headers: Vec<(String, String)>,
    /// The request body, redacted (JSON re-serialized), if any.
    pub request_body: Option<String>,
    /// The response status.
    pub status: u16,
    /// Request-id headers from the response (or the request).
    pub request_ids: Vec<(String, String)>,
    /// The error code the server gave, if any.
    pub code: Option<String>,
    /// The message shown to the person.
    pub message: String,
    /// Response headers, redacted.
    pub response_headers: Vec<(String, String)>,
    /// The response body, redacted, as text (cut at [`MAX_BODY_CHARS`]).
    pub response_body: String,
    /// Whether the response body is JSON (then `response_body` is JSON text).
    pub response_body_is_json: bool,
}

impl Report {
    /// Builds the report for `resp`, seen at `now_ms`.
    pub fn build(
        resp: &Response<'_>,
        now_ms: f64,
        code: Option<&str>,
        message: &str,
        attempts_ms: &[f64],
    ) -> Report {
        let mut r = Report {
            timestamp: crate::time::format_iso(now_ms),
            attempts: attempts_ms
                .iter()
                .take(MAX_HEADERS)
                .map(|&t| crate::time::format_iso(t))
                .collect(),
            status: resp.status,
            // Server text (the message shown may quote the server) is
            // redacted like everything else.
            code: code.map(redact_field),
            message: redact_field(message),
            response_headers: redact_headers(&resp.headers),
            ..Report::default()
        };
        let (body, is_json) = redact_body(&resp.body);
        r.response_body = body;
        r.response_body_is_json = is_json;
        if let Some(req) = &resp.request {
            r.method = Some(redact_field(&req.method.to_ascii_uppercase()));
            let (url, dropped) = take(&req.url, MAX_FIELD_READ);
            r.url = Some(cut(&redact_url(url), MAX_FIELD_CHARS, dropped));
            r.request_headers = redact_headers(&req.headers);
            r.request_body = req
                .body
                .as_deref()
                .filter(|b| !b.is_empty())
                .map(|b| redact_body(b).0);
        }
        for name in REQUEST_ID_HEADERS {
            let found = resp
                .headers
                .get(name)
                .or_else(|| resp.request.as_ref().and_then(|q| q.headers.get(name)));
            if let Some(v) = found {
                r.request_ids
                    .push((canonical_header_name(name), redact_field(v)));
            }
        }
        r
    }

    /// The report as plain text, for a person to paste.
    pub fn text(&self) -> String {
        let mut s = String::with_capacity(512 + self.response_body.len());
        s.push_str("Support report\n");
        line(&mut s, "Time", &self.timestamp);
        if let (Some(m), Some(u)) = (&self.method, &self.url) {
            let mut req = m.clone();
            req.push(' ');
            req.push_str(u);
            line(&mut s, "Request", &req);
        }
        let mut status = String::new();
        crate::json::write_u64(&mut status, u64::from(self.status));
        if let Some(p) = reason_phrase(self.status) {
            status.push(' ');
            status.push_str(p);
        }
        line(&mut s, "Status", &status);
        for (n, v) in &self.request_ids {
            line(&mut s, n, v);
        }
        if let Some(c) = &self.code {
            line(&mut s, "Error code", c);
        }
        line(&mut s, "Message shown", &self.message);
        if !self.attempts.is_empty() {
            line(&mut s, "Attempts", &self.attempts.join(", "));
        }
        block(&mut s, "Request headers", &self.request_headers);
        if let Some(b) = &self.request_body {
            s.push_str("\nRequest body:\n");
            s.push_str(b);
            s.push('\n');
        }
        block(&mut s, "Response headers", &self.response_headers);
        s.push_str("\nResponse body:\n");
        if self.response_body.is_empty() {
            s.push_str("(empty)");
        } else {
            s.push_str(&self.response_body);
        }
        s.push('\n');
        s
    }

    /// Writes the report as a JSON object, including `text`.
    pub fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.key("text");
        w.string(&self.text());
        w.key("timestamp");
        w.string(&self.timestamp);
        w.key("attempts");
        w.begin_array();
        for a in &self.attempts {
            w.string(a);
        }
        w.end_array();
        w.key("request");
        if self.method.is_some() || self.url.is_some() {
            w.begin_object();
            w.key("method");
            w.opt_string(self.method.as_deref());
            w.key("url");
            w.opt_string(self.url.as_deref());
            w.key("headers");
            write_headers(w, &self.request_headers);
            w.key("body");
            w.opt_string(self.request_body.as_deref());
            w.end_object();
        } else {
            w.null();
        }
        w.key("status");
        w.u64(u64::from(self.status));
        w.key("requestIds");
        write_headers(w, &self.request_ids);
        w.key("code");
        w.opt_string(self.code.as_deref());
        w.key("message");
        w.string(&self.message);
        w.key("response");
        w.begin_object();
        w.key("headers");
        write_headers(w, &self.response_headers);
        w.key("body");
        if self.response_body_is_json {
            w.raw(&self.response_body);
        } else {
            w.string(&self.response_body);
        }
        w.end_object();
        w.end_object();
    }
}

fn write_headers(w: &mut Writer, list: &[(String, String)]) {
    w.begin_object();
    for (n, v) in list {
        w.key(n);
        w.string(v);
    }
    w.end_object();
}

fn line(s: &mut String, label: &str, value: &str) {
    s.push_str(label);
    s.push_str(": ");
    s.push_str(value);
    s.push('\n');
}

fn block(s: &mut String, title: &str, list: &[(String, String)]) {
    if list.is_empty() {
        return;
    }
    s.push('\n');
    s.push_str(title);
    s.push_str(":\n");
    for (n, v) in list {
        s.push_str("  ");
        line(s, n, v);
    }
}

fn canonical_header_name(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    let mut up = true;
    for c in lower.chars() {
        out.push(if up { c.to_ascii_uppercase() } else { c });
        up = c == '-';
    }
    out
}

/// A line of server or request text (message, code, request id, header
/// value): read up to [`MAX_FIELD_READ`] bytes, redacted, kept up to
/// [`MAX_FIELD_CHARS`].
fn redact_field(s: &str) -> String {
    let (input, dropped) = take(s, MAX_FIELD_READ);
    let out = cut(&redact_text(input), MAX_FIELD_CHARS, dropped);
    // One line stays one line.
    out.replace('\n', " ")
}

/// Headers with credential values replaced by `[REDACTED]`, other values
/// and every name scanned with [`redact_text`]; at most [`MAX_HEADERS`].
pub fn redact_headers(h: &Headers<'_>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = h
        .iter()
        .take(MAX_HEADERS)
        .map(|(n, v)| {
            let v = if is_secret_header(n) {
                REDACTED.to_owned()
            } else {
                redact_field(v)
            };
            (redact_field(head(n, 256)), v)
        })
        .collect();
    if h.len() > MAX_HEADERS {
        let mut more = String::new();
        crate::json::write_u64(&mut more, (h.len() - MAX_HEADERS) as u64);
        more.push_str(" more headers not included");
        out.push(("…".to_owned(), more));
    }
    out
}

/// A body, redacted: JSON (up to [`MAX_BODY_READ`]) is re-serialized with
/// secret members replaced; anything else is scanned as text, form bodies
/// pair by pair. The body is redacted whole (up to [`MAX_BODY_READ`]) and
/// only then cut to [`MAX_BODY_CHARS`]. Returns the text and whether it is
/// JSON.
pub fn redact_body(body: &str) -> (String, bool) {
    let (input, dropped) = take(body, MAX_BODY_READ);
    let trimmed = input.trim();
    if dropped == 0 && (trimmed.starts_with('{') || trimmed.starts_with('[')) {
        let limits = Limits {
            max_depth: 64,
            max_len: MAX_BODY_READ,
        };
        if let Ok(doc) = Document::parse_with(trimmed.to_owned(), &limits) {
            let mut w = Writer::new();
            redact_json(doc.root(), &mut w);
            let out = w.finish();
            if out.len() <= MAX_BODY_CHARS {
                return (out, true);
            }
            return (cut(&out, MAX_BODY_CHARS, 0), false);
        }
    }
    let looks_form = !input.contains([' ', '\n']) && input.contains('=');
    let red = if looks_form {
        redact_form(input)
    } else {
        redact_text(input)
    };
    (cut(&red, MAX_BODY_CHARS, dropped), false)
}

/// Input cut to at most `max` bytes, before redaction: the cut goes back to
/// the last blank or separator, so a credential that straddles it is
/// dropped whole rather than kept in part. Returns the text and how many
/// bytes were dropped.
fn take(s: &str, max: usize) -> (&str, usize) {
    if s.len() <= max {
        return (s, 0);
    }
    let h = head(s, max);
    let end = h
        .rfind(|c: char| c.is_ascii_whitespace() || matches!(c, '&' | ',' | ';' | '<' | '>'))
        .unwrap_or(0);
    let kept = h.get(..end).unwrap_or("");
    (kept, s.len() - kept.len())
}

/// Redacted output cut to `max` bytes, noting what was left out
/// (`dropped` input bytes not read, plus the output not kept).
fn cut(s: &str, max: usize, dropped: usize) -> String {
    if s.len() <= max && dropped == 0 {
        return s.to_owned();
    }
    let kept = head(s, max);
    let mut out = kept.to_owned();
    out.push_str("\n… (");
    crate::json::write_u64(&mut out, (s.len() - kept.len() + dropped) as u64);
    out.push_str(" more bytes not included)");
    out
}

/// The standard reason phrase for common statuses.
pub fn reason_phrase(status: u16) -> Option<&'static str> {
    Some(match status {
        200 => "OK",
        201 => "Created",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        409 => "Conflict",
        413 => "Content Too Large",
        419 => "Page Expired",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Request;

    fn sample() -> Response<'static> {
        Response::new(502, "<html><body><h1>502 Bad Gateway</h1></body></html>")
            .header("Content-Type", "text/html")
            .header("X-Request-Id", "req-123")
            .header("Set-Cookie", "session=abc")
            .request(Request {
                method: "post".into(),
                url: "https://api.test/orders?api_key=k1".into(),
                headers: Headers::new()
                    .with(
                        "Authorization",
                        "Bearer eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.sig",
                    )
                    .with("Cookie", "sid=1")
                    .with("traceparent", "00-abc-def-01"),
                body: Some(r#"{"email":"a@b.c","password":"hunter2"}"#.into()),
            })
    }

    #[test]
    fn report_has_what_support_needs_and_no_secrets() {
        let r = Report::build(
            &sample(),
            1_795_900_680_000.0,
            Some("bad_gateway"),
            "The service could not be reached.",
            &[],
        );
        let t = r.text();
        for want in [
            "Time: 2026-11-28T21:18:00.000Z",
            "Request: POST https://api.test/orders?api_key=[REDACTED]",
            "Status: 502 Bad Gateway",
            "X-Request-Id: req-123",
            "Traceparent: 00-abc-def-01",
            "Error code: bad_gateway",
            r#""password":"[REDACTED]""#,
            "Authorization: [REDACTED]",
            "Set-Cookie: [REDACTED]",
            "502 Bad Gateway</h1>",
        ] {
            assert!(t.contains(want), "missing {want:?} in\n{t}");
        }
        for secret in ["hunter2", "eyJ", "sid=1", "session=abc", "k1"] {
            assert!(!t.contains(secret), "leaked {secret:?} in\n{t}");
        }
        let mut w = Writer::new();
        r.write_json(&mut w);
        let json = w.finish();
        let doc = Document::parse(&json).unwrap();
        assert_eq!(doc.root().get("status").unwrap().as_u64(), Some(502));
        assert!(!json.contains("hunter2"));
    }

    #[test]
    fn long_bodies_are_cut() {
        let body = "x ".repeat(10_000);
        let (out, json) = redact_body(&body);
        assert!(!json);
        assert!(out.len() < MAX_BODY_CHARS + 100);
        assert!(out.ends_with("more bytes not included)"));
    }

    #[test]
    fn json_body_kept_as_json() {
        let (out, json) = redact_body(r#" {"error":{"code":"x","token":"t"}} "#);
        assert!(json);
        assert_eq!(out, r#"{"error":{"code":"x","token":"[REDACTED]"}}"#);
    }
}
