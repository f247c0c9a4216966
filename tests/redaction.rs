//! The hostile redaction corpus (project issue #17): every case in
//! `tests/fixtures/redaction/*.json` plants a secret in a response or a
//! request — message, code, request id, header, URL, body — and the test
//! asserts that no 8-byte piece of it survives anywhere in the support
//! report: `report.text` and the report's JSON, as `Report::build` makes it
//! and as `normalize` returns it. JSON bodies are also read when they are
//! not parsed (over 64 KiB, deeper than 64, invalid, NDJSON); every dialect
//! is planted with server messages carrying secrets.

use std::path::PathBuf;

use fieldnote::http::{Headers, Request, Response};
use fieldnote::json::{Document, Value, Writer};
use fieldnote::report::{Report, MAX_BODY_CHARS, MAX_BODY_READ};
use fieldnote::{normalize, NormalizeOptions};

const NOW: f64 = 1_795_900_680_000.0;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/redaction")
}

fn read(name: &str) -> Document {
    let text = std::fs::read_to_string(fixtures().join(name)).unwrap();
    Document::parse(&text).unwrap()
}

fn s(v: Value<'_>, key: &str) -> Option<String> {
    v.get(key).and_then(|x| x.as_str()).map(|c| c.into_owned())
}

/// Pieces of a secret that must not appear: every 8-byte window (a cut
/// that keeps part of a credential leaks it too), or the whole if shorter.
fn pieces(secret: &str) -> Vec<String> {
    let b = secret.as_bytes();
    if b.len() <= 8 {
        return vec![secret.to_owned()];
    }
    (0..=b.len() - 8)
        .filter_map(|i| secret.get(i..i + 8))
        .map(str::to_owned)
        .collect()
}

/// Every rendering of a report: its text, its JSON, and the report inside
/// `normalize`'s JSON when there is one.
fn renderings(r: &Report) -> Vec<String> {
    let mut w = Writer::new();
    r.write_json(&mut w);
    vec![r.text(), w.finish()]
}

fn assert_clean(texts: &[String], secret: &str, context: &str) {
    for t in texts {
        for p in pieces(secret) {
            assert!(
                !t.contains(&p),
                "{context}: {p:?} of secret {secret:?} survives in\n{t}"
            );
        }
    }
}

/// Builds the report both ways (directly, and through `normalize` with
/// `dialect` as the hint) and checks every rendering.
fn check(
    resp: &Response<'_>,
    message: &str,
    code: Option<&str>,
    dialect: Option<&str>,
    secret: &str,
    context: &str,
) {
    let r = Report::build(resp, NOW, code, message, &[NOW - 1000.0]);
    assert_clean(&renderings(&r), secret, context);
    let opts = NormalizeOptions {
        now_ms: Some(NOW),
        dialect,
        ..NormalizeOptions::default()
    };
    let n = normalize(resp, &opts);
    let report = n
        .report
        .as_ref()
        .unwrap_or_else(|| panic!("{context}: no report"));
    let mut texts = renderings(report);
    let doc = Document::parse(&n.to_json()).unwrap();
    let mut w = Writer::new();
    w.value(doc.root().get("report").unwrap());
    texts.push(w.finish());
    assert_clean(&texts, secret, &format!("{context} (normalize)"));
}

/// `s` as a JSON string literal.
fn literal(s: &str) -> String {
    let mut w = Writer::new();
    w.string(s);
    w.finish()
}

fn request(url: &str, headers: Headers<'static>, body: Option<String>) -> Request<'static> {
    Request {
        method: "POST".into(),
        url: url.to_owned().into(),
        headers,
        body: body.map(Into::into),
    }
}

/// The ways a JSON-looking body is also sent: as is, over the parse limit,
/// too deep to parse, invalid, as NDJSON.
fn body_variants(text: &str) -> Vec<(String, &'static str)> {
    let mut out = vec![(text.to_owned(), "as is")];
    let t = text.trim_start();
    if t.starts_with('{') || t.starts_with('[') {
        out.push((
            format!("{text}\n{}", "x ".repeat(MAX_BODY_READ / 2 + 1000)),
            "over 64 KiB",
        ));
        out.push((
            format!("{}{text}{}", "[".repeat(70), "]".repeat(70)),
            "deeper than 64",
        ));
        out.push((format!("{text}}}"), "invalid"));
        out.push((format!("{text}\n{text}\n"), "NDJSON"));
    }
    out
}

/// Runs one case: plants `secret` (in `text`) where the case says.
fn run_case(id: &str, place: &str, text: &str, header: Option<&str>, secret: &str) -> usize {
    let mut runs = 0;
    let ctx = |how: &str| format!("case {id} in {place} ({how})");
    let plain = || {
        request(
            "https://api.test/v1/x",
            Headers::new(),
            Some("{}".to_owned()),
        )
    };
    match place {
        "message" => {
            let resp = Response::new(500, "{}").request(plain());
            check(&resp, text, None, None, secret, &ctx("Report::build"));
            let body = literal(text);
            let body = format!(r#"{{"message":{body}}}"#);
            let resp = Response::new(503, body.as_str()).request(plain());
            check(&resp, "m", None, None, secret, &ctx("server message"));
            runs += 2;
        }
        "code" => {
            let resp = Response::new(500, "{}").request(plain());
            check(&resp, "m", Some(text), None, secret, &ctx("Report::build"));
            let lit = literal(text);
            let body = format!(r#"{{"error":{{"code":{lit},"message":"Server error"}}}}"#);
            let resp = Response::new(500, body.as_str()).request(plain());
            check(&resp, "m", None, None, secret, &ctx("server code"));
            runs += 2;
        }
        "request_id" => {
            let resp = Response::new(500, "{}")
                .header("X-Request-Id", text.to_owned())
                .request(plain());
            check(&resp, "m", None, None, secret, &ctx("response"));
            let req = request(
                "https://api.test/x",
                Headers::new().with("X-Correlation-Id", text.to_owned()),
                None,
            );
            check(
                &Response::new(502, "").request(req),
                "m",
                None,
                None,
                secret,
                &ctx("request"),
            );
            runs += 2;
        }
        "url" => {
            let resp = Response::new(500, "oops").request(request(text, Headers::new(), None));
            check(&resp, "m", None, None, secret, &ctx("request url"));
            runs += 1;
        }
        "response_header" | "request_header" => {
            let name = header.unwrap_or("X-Note").to_owned();
            let resp = if place == "response_header" {
                Response::new(500, "oops")
                    .header(name, text.to_owned())
                    .request(plain())
            } else {
                let h = Headers::new().with(name, text.to_owned());
                Response::new(500, "oops").request(request("https://api.test/x", h, None))
            };
            check(&resp, "m", None, None, secret, &ctx("header"));
            runs += 1;
        }
        "bodies" | "response_body" | "request_body" => {
            for (body, how) in body_variants(text) {
                if place != "request_body" {
                    let resp = Response::new(500, body.clone()).request(plain());
                    check(
                        &resp,
                        "m",
                        None,
                        None,
                        secret,
                        &ctx(&format!("response body, {how}")),
                    );
                    runs += 1;
                }
                if place != "response_body" {
                    let resp = Response::new(502, "bad gateway").request(request(
                        "https://api.test/x",
                        Headers::new(),
                        Some(body.clone()),
                    ));
                    check(
                        &resp,
                        "m",
                        None,
                        None,
                        secret,
                        &ctx(&format!("request body, {how}")),
                    );
                    runs += 1;
                }
            }
        }
        other => panic!("case {id}: unknown placement {other:?}"),
    }
    runs
}

#[test]
fn hostile_corpus_leaves_no_secret() {
    let mut cases = 0;
    let mut runs = 0;
    let mut files = 0;
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name == "dialects.json" || !name.ends_with(".json") {
            continue;
        }
        files += 1;
        let doc = read(&name);
        for (k, c) in doc.root().get("cases").unwrap().items().enumerate() {
            let id = s(c, "id").unwrap();
            let place = s(c, "in").unwrap();
            // A secret of its own per case, unless the case needs a format.
            let secret = s(c, "secret").unwrap_or_else(|| format!("Zq{k:03}{}Lp2Xk9Vw", id.len()));
            let text = s(c, "text").unwrap().replace("{S}", &secret);
            assert!(text.contains(&secret), "case {id} plants nothing");
            runs += run_case(&id, &place, &text, s(c, "header").as_deref(), &secret);
            cases += 1;
        }
    }
    assert!(files >= 8, "{files} fixture files");
    assert!(cases >= 150, "only {cases} cases");
    assert!(runs >= 400, "only {runs} runs");
}

#[test]
fn every_dialect_with_secrets_in_its_messages() {
    let doc = read("dialects.json");
    let root = doc.root();
    let messages: Vec<String> = root
        .get("messages")
        .unwrap()
        .items()
        .filter_map(|m| m.as_str().map(|c| c.into_owned()))
        .collect();
    let mut runs = 0;
    for name in fieldnote::dialects::NAMES {
        let body = s(root.get("bodies").unwrap(), name)
            .unwrap_or_else(|| panic!("no body for dialect {name}"));
        for (k, m) in messages.iter().enumerate() {
            let secret = format!("Zd{k}{}Qw7Lp2Xk", name.len());
            let m = m.replace("{S}", &secret);
            let lit = literal(&m);
            // The message inside a JSON string: without its quotes.
            let inner = lit.get(1..lit.len() - 1).unwrap();
            let b = if body.starts_with('<') {
                body.replace("{M}", &m)
            } else {
                body.replace("{M}", inner)
            };
            let resp = Response::new(500, b.clone())
                .header(
                    "Content-Type",
                    if body.starts_with('<') {
                        "text/html"
                    } else {
                        "application/json"
                    },
                )
                .request(request(
                    "https://api.test/x",
                    Headers::new(),
                    Some(b.clone()),
                ));
            // The message shown is the server's (what normalize picked).
            let shown = normalize(
                &resp,
                &NormalizeOptions {
                    now_ms: Some(NOW),
                    dialect: Some(name),
                    ..NormalizeOptions::default()
                },
            )
            .message
            .unwrap_or_default();
            check(
                &resp,
                &shown,
                None,
                Some(name),
                &secret,
                &format!("dialect {name}, message {k}"),
            );
            runs += 1;
        }
    }
    assert_eq!(runs, fieldnote::dialects::NAMES.len() * messages.len());
}

/// A credential straddling the 8 KiB output cut or the 64 KiB read cut
/// keeps no part of itself.
#[test]
fn no_credential_straddles_a_cut() {
    let secret = "Zs1Lp2Xk9Vw4Rt6Ys8Un1Mb3";
    for at in [MAX_BODY_CHARS - 20, MAX_BODY_CHARS - 3, MAX_BODY_CHARS + 5] {
        for prefix in ["password=", "Bearer ", "sk_live_"] {
            let pad = "a ".repeat(at / 2);
            let body = format!("{pad}{prefix}{secret} tail {}", "b ".repeat(5_000));
            let r = Report::build(&Response::new(500, body), NOW, None, "m", &[]);
            assert_clean(
                &renderings(&r),
                secret,
                &format!("output cut, {prefix} at {at}"),
            );
        }
    }
    // The read cut: a huge secret member shrinks to `[REDACTED]`, so text
    // from the 64 KiB boundary lands inside the 8 KiB kept.
    for back in [0, 3, 10] {
        let filler = "v".repeat(MAX_BODY_READ - 40 - back);
        let body = format!(
            r#"{{"password":"{filler}"}} sk_live_{secret}{}"#,
            " z".repeat(1000)
        );
        let r = Report::build(&Response::new(500, body), NOW, None, "m", &[]);
        assert_clean(&renderings(&r), secret, &format!("read cut, {back}"));
        assert_clean(&renderings(&r), &filler[..64], "the secret member");
    }
}

/// The report holds a bounded amount of any input: a body, a header value
/// or a URL of any size yields the same report as its first part, and its
/// text stays under a fixed size.
#[test]
fn reports_carry_bounded_input() {
    let big = "word ".repeat(2_000_000); // 10 MB
    let small = "word ".repeat(200_000); // 1 MB
    let mut sizes = Vec::new();
    for body in [&small, &big] {
        let mut h = Headers::new();
        for i in 0..500 {
            h.push(
                format!("X-H{i}"),
                body.get(..50_000).unwrap_or("").to_owned(),
            );
        }
        let req = Request {
            method: "POST".into(),
            url: format!("https://api.test/x?q={}", body.get(..100_000).unwrap()).into(),
            headers: h.clone(),
            body: Some(body.as_str().into()),
        };
        let mut resp = Response::new(500, body.as_str()).request(req);
        resp.headers = h;
        let r = Report::build(&resp, NOW, Some(body), body, &[]);
        sizes.push(r.text().len());
        assert!(r.text().len() < 400_000, "{} bytes", r.text().len());
        assert!(r.response_headers.len() <= fieldnote::report::MAX_HEADERS + 1);
    }
    // Only the "(N more bytes not included)" counts differ.
    assert!(
        sizes[0].abs_diff(sizes[1]) < 200,
        "{sizes:?}: a 10× larger input, a larger report"
    );
}
