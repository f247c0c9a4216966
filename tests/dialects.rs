//! Every error dialect, table-driven: each file in
//! `tests/fixtures/dialects/` is a JSON array of cases
//!
//! ```json
//! { "name", "source": "https://...", "note"?, "hint"?, "now"?, "locale"?,
//!   "utcOffsetMinutes"?,
//!   "response": { "status", "headers": {..}, "body": "<text>" | <JSON> },
//!   "expect": { "dialect", "category", "code"?, "message"? (exact, or
//!               {"contains": "..."}), "fields": {path: [messages]},
//!               "formErrors": [..], "action"?, "ok"?,
//!               "serverMessage"? (string or null), "messageSource"?,
//!               "retry"?: {"retryable", "afterSeconds"} } }
//! ```
//!
//! and runs through the public `fieldnote::normalize::normalize_detailed`.
//! A body given as JSON is serialized to text first; `hint` is passed as
//! the dialect option; `now` (ms since the epoch) defaults to [`NOW_MS`],
//! `locale` to `en`; `utcOffsetMinutes` is the person's clock. Absent
//! `fields` and `formErrors` mean none. The files are plain JSON so that a browser
//! runner can use them as they are.

use std::path::{Path, PathBuf};

use fieldnote::json::{Document, Kind, Value, Writer};
use fieldnote::normalize::{normalize_detailed, Clock};
use fieldnote::{normalize, NormalizeOptions, Normalized, Response};

/// The clock for every case (2023-11-14T22:13:20Z).
const NOW_MS: f64 = 1_700_000_000_000.0;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dialects")
}

/// (file stem, parsed file) for every fixture file, sorted by name.
fn fixture_files() -> Vec<(String, Document)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixture_dir())
        .expect("tests/fixtures/dialects exists")
        .map(|e| e.expect("readable dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable fixture");
            let doc = Document::parse(&text)
                .unwrap_or_else(|e| panic!("{}: {}", p.display(), e.describe(&Default::default())));
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, doc)
        })
        .collect()
}

fn s(v: Option<Value<'_>>) -> Option<String> {
    v.and_then(|v| v.as_str()).map(|s| s.into_owned())
}

fn body_text(v: Option<Value<'_>>) -> String {
    match v {
        None => String::new(),
        Some(v) if v.kind() == Kind::String => v.as_str().unwrap().into_owned(),
        Some(v) if v.is_null() => String::new(),
        Some(v) => {
            let mut w = Writer::new();
            w.value(v);
            w.finish()
        }
    }
}

/// Runs one case; returns what differs.
fn run(case: Value<'_>) -> (Normalized, Vec<String>) {
    let resp_v = case.get("response").expect("case has a response");
    let status = resp_v.get("status").and_then(|s| s.as_u64()).unwrap_or(0) as u16;
    let mut resp = Response::new(status, body_text(resp_v.get("body")));
    if let Some(h) = resp_v.get("headers") {
        for (k, v) in h.members() {
            resp = resp.header(
                k.into_owned(),
                s(Some(v)).expect("header values are strings"),
            );
        }
    }
    let hint = s(case.get("hint"));
    let locale = s(case.get("locale")).unwrap_or_else(|| "en".to_owned());
    let opts = NormalizeOptions {
        now_ms: Some(case.get("now").and_then(|n| n.as_f64()).unwrap_or(NOW_MS)),
        locale: &locale,
        dialect: hint.as_deref(),
        attempts_ms: &[],
    };
    let clock = Clock {
        utc_offset_minutes: case
            .get("utcOffsetMinutes")
            .and_then(|m| m.as_f64())
            .map(|m| m as i32),
    };
    let detailed = normalize_detailed(&resp, &opts, &clock);
    let n = detailed.result;
    let mut diffs = Vec::new();
    let expect = case.get("expect").expect("case has expect");
    if let Some(sm) = expect.get("serverMessage") {
        if s(Some(sm)) != detailed.server_message {
            diffs.push(format!(
                "serverMessage: want {:?}, got {:?}",
                s(Some(sm)),
                detailed.server_message
            ));
        }
    }
    if let Some(src) = expect.get("messageSource") {
        let got = detailed.message_source.map(|m| m.as_str().to_owned());
        if s(Some(src)) != got {
            diffs.push(format!(
                "messageSource: want {:?}, got {got:?}",
                s(Some(src))
            ));
        }
    }
    let mut check = |what: &str, want: Option<String>, got: Option<String>| {
        if want != got {
            diffs.push(format!("{what}: want {want:?}, got {got:?}"));
        }
    };
    // Required members (null = none).
    check(
        "dialect",
        s(expect.get("dialect")),
        n.dialect.map(str::to_owned),
    );
    check(
        "category",
        s(expect.get("category")),
        n.category.map(|c| c.as_str().to_owned()),
    );
    if let Some(ok) = expect.get("ok").and_then(|o| o.as_bool()) {
        check("ok", Some(ok.to_string()), Some(n.ok.to_string()));
    }
    if let Some(code) = expect.get("code") {
        check("code", s(Some(code)), n.code.clone());
    }
    if let Some(action) = expect.get("action") {
        check(
            "action",
            s(Some(action)),
            Some(n.action.as_str().to_owned()),
        );
    }
    match expect.get("message") {
        Some(m) if m.kind() == Kind::Object => {
            let part = s(m.get("contains")).expect("message.contains is a string");
            if !n.message.as_deref().is_some_and(|g| g.contains(&part)) {
                diffs.push(format!(
                    "message: want one containing {part:?}, got {:?}",
                    n.message
                ));
            }
        }
        Some(m) => check("message", s(Some(m)), n.message.clone()),
        None => {}
    }
    let want_fields: Vec<(String, Vec<String>)> = expect
        .get("fields")
        .map(|f| {
            f.members()
                .map(|(k, v)| {
                    (
                        k.into_owned(),
                        v.items().filter_map(|m| s(Some(m))).collect(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    if want_fields != n.fields {
        diffs.push(format!("fields: want {want_fields:?}, got {:?}", n.fields));
    }
    let want_form: Vec<String> = expect
        .get("formErrors")
        .map(|f| f.items().filter_map(|m| s(Some(m))).collect())
        .unwrap_or_default();
    if want_form != n.form_errors {
        diffs.push(format!(
            "formErrors: want {want_form:?}, got {:?}",
            n.form_errors
        ));
    }
    if let Some(r) = expect.get("retry") {
        let want = (
            r.get("retryable").and_then(|b| b.as_bool()),
            r.get("afterSeconds").and_then(|a| a.as_u64()),
        );
        let got = (Some(n.retry.retryable), n.retry.after_seconds);
        if want != got {
            diffs.push(format!("retry: want {want:?}, got {got:?}"));
        }
    }
    (n, diffs)
}

#[test]
fn every_fixture_case_normalizes_as_expected() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (file, doc) in fixture_files() {
        for case in doc.root().items() {
            count += 1;
            let name = s(case.get("name")).unwrap_or_default();
            let (n, diffs) = run(case);
            if !diffs.is_empty() {
                failures.push(format!(
                    "[{file}] {name}\n    {}\n    result: {}",
                    diffs.join("\n    "),
                    n.to_json()
                ));
            }
        }
    }
    assert!(count > 0, "no fixture cases found");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_family_is_covered_from_public_sources() {
    let files = fixture_files();
    let mut dialects_seen = Vec::new();
    for (file, doc) in &files {
        let cases: Vec<Value<'_>> = doc.root().items().collect();
        assert!(cases.len() >= 3, "{file}: needs at least three cases");
        for case in cases {
            let name = s(case.get("name")).unwrap_or_default();
            assert!(!name.is_empty(), "{file}: a case has no name");
            let source = s(case.get("source")).unwrap_or_default();
            assert!(
                source.starts_with("https://"),
                "{file}: {name}: source must be a URL"
            );
            if let Some(d) = s(case.get("expect").and_then(|e| e.get("dialect"))) {
                dialects_seen.push(d);
            }
        }
    }
    for name in fieldnote::dialects::NAMES {
        assert!(
            dialects_seen.iter().any(|d| d == name),
            "no fixture case reads as {name}"
        );
    }
}

/// Release-mode timing of typical 422 bodies:
/// `cargo test --release --test dialects -- --ignored --nocapture`.
#[test]
#[ignore]
fn time_typical_422_bodies() {
    let spec = r#"{"error":{"code":"validation_failed","message":"Check the marked fields",
        "details":[{"field":"email","message":"Enter an email address like name@example.com"},
        {"field":"items[0].quantity","message":"Enter a quantity of 1 or more"},
        {"field":"address.postcode","message":"Enter a postcode"}]}}"#;
    let problem = r##"{"type":"https://example.net/validation-error","title":"Your request is not valid.",
        "status":422,"errors":[{"detail":"Enter an email address like name@example.com","pointer":"#/email"},
        {"detail":"Enter a quantity of 1 or more","pointer":"#/items/0/quantity"},
        {"detail":"Enter a postcode","pointer":"#/address/postcode"}]}"##;
    let opts = NormalizeOptions {
        now_ms: Some(NOW_MS),
        ..Default::default()
    };
    for (name, body, ct) in [
        ("spec envelope, 3 details", spec, "application/json"),
        (
            "problem+json, 3 errors",
            problem,
            "application/problem+json",
        ),
    ] {
        let resp = Response::new(422, body).header("content-type", ct);
        let n = normalize(&resp, &opts);
        assert_eq!(n.fields.len(), 3, "{name}");
        let iters = 200_000;
        let t = std::time::Instant::now();
        for _ in 0..iters {
            std::hint::black_box(normalize(std::hint::black_box(&resp), &opts));
        }
        let per = t.elapsed().as_secs_f64() * 1e6 / f64::from(iters);
        println!("{name}: {per:.2} µs per normalize");
    }
}
