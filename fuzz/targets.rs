//! The fuzz targets' bodies, shared by the cargo-fuzz crate (`fuzz/`) and
//! the regression corpus replay (`tests/hardening.rs`), so that a saved
//! crash input is replayed through exactly the code path that found it.
//!
//! Each function takes arbitrary bytes, calls fieldnote's public API and
//! asserts cheap invariants; a panic is a finding. Several inputs are
//! packed into one byte string by `split`: parts are separated by `0xFF`,
//! a byte that never occurs in UTF-8 text.

#![allow(dead_code)]

use fieldnote::http::{Headers, Request, Response};
use fieldnote::json::{equal, Document, Parser, Writer};
use fieldnote::paths::{self, Style};
use fieldnote::regex::Regex;
use fieldnote::report::{is_secret_header, redact_form, redact_text, redact_url, Report};
use fieldnote::schema::{Options, Registry, Schema};

/// The demo server's HTTP reading (`fuzz/http.rs`): it needs the server's
/// dependencies, feature `demo` (the fuzz crate's default).
#[cfg(feature = "demo")]
#[path = "http.rs"]
mod http_target;
#[cfg(feature = "demo")]
pub use http_target::http;

/// Whether `http` inputs can be replayed in this build (feature `demo`).
pub const HTTP_REPLAYS: bool = cfg!(feature = "demo");

/// Without feature `demo` there is no server to send `http` inputs to;
/// the replay skips them (see [`HTTP_REPLAYS`]).
#[cfg(not(feature = "demo"))]
pub fn http(_data: &[u8]) {
    panic!("the http target needs feature demo (cargo test --features demo)");
}

/// The longest message fieldnote composes or passes through (see the
/// README's "Limits and safety"), with room for the ellipsis.
pub const MAX_MESSAGE_CHARS: usize = fieldnote::messages::MAX_MESSAGE_CHARS;

/// The target names, as `fuzz/fuzz_targets/<name>.rs` and
/// `tests/fuzz-regressions/<name>/`.
pub const TARGETS: &[&str] = &[
    "normalize",
    "schema_compile",
    "validate",
    "paths",
    "token",
    "retry",
    "json",
    "regex",
    "format",
    "redact",
    "send_steps",
    "plan",
    "locale",
    "boundary",
    "http",
];

/// Replays `data` through the target called `name`.
pub fn run(name: &str, data: &[u8]) {
    match name {
        "normalize" => normalize(data),
        "schema_compile" => schema_compile(data),
        "validate" => validate(data),
        "paths" => paths(data),
        "token" => token(data),
        "retry" => retry(data),
        "json" => json(data),
        "regex" => regex(data),
        "format" => format(data),
        "redact" => redact(data),
        "send_steps" => send_steps(data),
        "plan" => plan(data),
        "locale" => locale(data),
        "boundary" => boundary(data),
        "http" => http(data),
        _ => panic!("unknown fuzz target {name}"),
    }
}

/// `data` split at `0xFF` into exactly `n` parts (missing ones empty, the
/// last one takes the rest), each decoded lossily as UTF-8.
fn split(data: &[u8], n: usize) -> Vec<String> {
    let mut out: Vec<String> = data
        .splitn(n, |&b| b == 0xFF)
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    out.resize(n, String::new());
    out
}

fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Number of characters in `s`.
fn chars(s: &str) -> usize {
    s.chars().count()
}

fn headers_of(text: &str) -> Headers<'static> {
    let mut h = Headers::new();
    for line in text.lines() {
        if let Some((n, v)) = line.split_once(':') {
            h.push(n.to_owned(), v.to_owned());
        }
    }
    h
}

const NOW: f64 = 1_795_900_680_000.0;

/// normalize: status (2 bytes), dialect hint (1 byte), then response
/// headers (`Name: value` lines), body, request URL, request headers and
/// request body, separated by `0xFF`.
pub fn normalize(data: &[u8]) {
    let (Some(&s0), Some(&s1), Some(&hint)) = (data.first(), data.get(1), data.get(2)) else {
        return;
    };
    let status = u16::from_le_bytes([s0, s1]);
    let p = split(data.get(3..).unwrap_or_default(), 5);
    let names = fieldnote::dialects::NAMES;
    let dialect = names.get(usize::from(hint)).copied();
    // Secrets planted beside the fuzzed text, in the body, the URL, the
    // headers and the message; none may survive in the report.
    let secret = planted_secret(data);
    let carriers = CARRIERS.len();
    let pick = |k: usize| CARRIERS[(usize::from(hint) + k) % carriers].replace("{S}", &secret);
    let mut req_headers = headers_of(&p[3]);
    req_headers.push("Authorization", format!("Bearer {secret}"));
    let request = Request {
        method: "POST".into(),
        url: format!("{}?access_token={secret}&x=1", p[2]).into(),
        headers: req_headers,
        body: Some(format!("{}\n{}\n", p[4], pick(1)).into()),
    };
    let mut resp = Response::new(status, format!("{}\n{}\n", p[1], pick(2))).request(request);
    resp.headers = headers_of(&p[0]);
    resp.headers.push("X-Api-Key", secret.clone());
    resp.headers.push("X-Debug", pick(3).replace('\n', " "));
    let opts = fieldnote::NormalizeOptions {
        now_ms: Some(NOW),
        locale: "en",
        dialect,
        attempts_ms: &[NOW - 1000.0],
    };
    let n = timed("normalize", || fieldnote::normalize(&resp, &opts));
    check_normalized(&n);
    if let Some(r) = &n.report {
        assert_no_secret(r, &secret, "normalize's report");
    }
    let message = pick(4);
    let r = timed("report", || {
        Report::build(&resp, NOW, Some(&pick(5)), &message, &[])
    });
    assert_no_secret(&r, &secret, "a report with a planted message and code");

    // What a form shows for it, and React Hook Form's errors.
    let outcome = fieldnote::plan::Outcome::from_normalized(&n);
    let plan_opts = fieldnote::plan::Options {
        labels: n
            .fields
            .iter()
            .map(|(p, _)| (p.clone(), p.clone()))
            .collect(),
        ..fieldnote::plan::Options::default()
    };
    let plan = fieldnote::plan::plan(&outcome, &plan_opts);
    Document::parse(&plan.to_json()).expect("plan JSON does not parse");
    let mut w = Writer::new();
    fieldnote::plan::write_form_errors(&outcome, Style::Bracket, "root.server", "en", &mut w);
    Document::parse(&w.finish()).expect("form errors JSON does not parse");

    // Redaction: a secret header's value never reaches a report, unless
    // the report shows the same text with that value replaced (it came
    // from somewhere else in the input, the header's name included).
    let report = Report::build(&resp, NOW, n.code.as_deref(), "m", &[]);
    let text = report.text();
    let req_headers = resp.request.as_ref().map(|r| r.headers.clone());
    for (i, (name, value)) in resp.headers.iter().enumerate() {
        leak_check(&resp, &text, name, value, |r| {
            r.headers = blanked(&r.headers, i);
        });
    }
    if let Some(h) = req_headers {
        for (i, (name, value)) in h.iter().enumerate() {
            leak_check(&resp, &text, name, value, |r| {
                if let Some(q) = r.request.as_mut() {
                    q.headers = blanked(&q.headers, i);
                }
            });
        }
    }
}

/// A copy of `h` with the value of field `blank` (if any) replaced by `-`.
fn blanked(h: &Headers<'_>, blank: usize) -> Headers<'static> {
    let mut out = Headers::new();
    for (i, (n, v)) in h.iter().enumerate() {
        out.push(n.to_owned(), if i == blank { "-" } else { v }.to_owned());
    }
    out
}

fn leak_check(
    resp: &Response<'_>,
    text: &str,
    name: &str,
    value: &str,
    blank: impl Fn(&mut Response<'static>),
) {
    let v = value.trim();
    if !is_secret_header(name) || v.len() < 12 || !text.contains(v) {
        return;
    }
    let mut other = owned(resp);
    blank(&mut other);
    let text2 = Report::build(&other, NOW, None, "m", &[]).text();
    assert!(
        text2.contains(v),
        "secret header {name:?} value leaked into the report:\n{text}"
    );
}

fn owned(r: &Response<'_>) -> Response<'static> {
    let mut out = Response::new(r.status, r.body.to_string());
    out.headers = blanked(&r.headers, usize::MAX);
    out.request = r.request.as_ref().map(|q| Request {
        method: q.method.to_string().into(),
        url: q.url.to_string().into(),
        headers: blanked(&q.headers, usize::MAX),
        body: q.body.as_ref().map(|b| b.to_string().into()),
    });
    out
}

/// What every normalize result must satisfy.
pub fn check_normalized(n: &fieldnote::Normalized) {
    let json = n.to_json();
    let doc = Document::parse(&json).expect("normalize wrote JSON that does not parse");
    assert_eq!(doc.root().get("ok").and_then(|v| v.as_bool()), Some(n.ok));
    if n.ok {
        assert!(n.message.is_none());
        return;
    }
    let m = n.message.as_deref().expect("a failure has a message");
    assert!(!m.trim().is_empty(), "empty message");
    assert!(!m.contains('<'), "message holds markup: {m:?}");
    assert!(
        chars(m) <= MAX_MESSAGE_CHARS,
        "message too long: {}",
        m.len()
    );
    for (path, msgs) in &n.fields {
        assert!(!path.is_empty());
        for m in msgs {
            assert!(chars(m) <= MAX_MESSAGE_CHARS, "field message too long");
            assert!(!m.trim().is_empty());
        }
    }
    for m in &n.form_errors {
        assert!(chars(m) <= MAX_MESSAGE_CHARS, "form error too long");
    }
    if let Some(r) = &n.report {
        let mut w = Writer::new();
        r.write_json(&mut w);
        Document::parse(&w.finish()).expect("report JSON does not parse");
    }
}

fn instances() -> [&'static str; 8] {
    [
        "null",
        "0",
        "-1.5e300",
        "\"\"",
        "\"a@b.c\"",
        "[1,\"x\",null,[true]]",
        "{}",
        r#"{"a":{"b":[1,2,{"c":"x"}]},"email":"x","items":[{},{}]}"#,
    ]
}

/// Schema compile: the input is a schema. A compiled schema then runs
/// against a few instances, and against the schema itself.
pub fn schema_compile(data: &[u8]) {
    let s = text(data);
    let schema = match Schema::compile(&s, &Registry::new(), &Options::default()) {
        Ok(schema) => schema,
        Err(e) => {
            assert!(!e.message.is_empty());
            return;
        }
    };
    for inst in instances().iter().copied().chain([s.as_str()]) {
        check_validation(&schema, inst);
    }
}

/// Validate: a schema, an instance and message options (`{ locale,
/// labels, messages }`, as the JS API takes them), separated by `0xFF`.
pub fn validate(data: &[u8]) {
    let p = split(data, 3);
    let Ok(schema) = Schema::compile(&p[0], &Registry::new(), &Options::default()) else {
        return;
    };
    check_validation(&schema, &p[1]);
    let Ok(failures) = schema.validate_json(&p[1]) else {
        return;
    };
    let opts = Document::parse(&p[2]).unwrap_or_else(|_| Document::null());
    let opts = fieldnote::schema::MessageOptions::from_json(opts.root());
    for f in &failures {
        let m = f.message_with(&opts);
        // Overrides are the developer's own text (any length); the rest is bounded.
        if opts.keywords.is_empty() && opts.fields.is_empty() {
            assert!(chars(&m) <= MAX_MESSAGE_CHARS, "failure message too long");
        }
        let _ = schema.type_at(&f.path);
    }
    let env = fieldnote::schema::to_envelope_with(&failures, &opts);
    Document::parse(&env.to_json()).expect("envelope JSON does not parse");
    let _ = schema.type_at(&p[2]);
}

fn check_validation(schema: &Schema, instance: &str) {
    let Ok(failures) = schema.validate_json(instance) else {
        return;
    };
    if let Ok(doc) = Document::parse(instance) {
        if let Ok(valid) = schema.is_valid(doc.root()) {
            assert_eq!(valid, failures.is_empty(), "is_valid and validate disagree");
        }
    }
    let mut w = Writer::new();
    w.begin_array();
    for f in &failures {
        f.write_json(&mut w);
        let m = f.message("en");
        assert!(!m.trim().is_empty());
        assert!(chars(&m) <= MAX_MESSAGE_CHARS, "failure message too long");
    }
    w.end_array();
    Document::parse(&w.finish()).expect("failures JSON does not parse");
    let env = fieldnote::schema::to_envelope(&failures, "en");
    Document::parse(&env.to_json()).expect("envelope JSON does not parse");
}

/// A canonical path that every style writes and reads back unchanged: no
/// empty segment, no brackets, no surrounding space, and nothing that
/// reads as a pointer or JSONPath prefix.
fn plain(c: &str) -> bool {
    !c.is_empty()
        && c.trim() == c
        && !c.starts_with(['#', '/', '$'])
        && c.split('.')
            .all(|s| !s.is_empty() && !s.contains(['[', ']']))
}

/// Paths: canonical form, written in each style and read back.
pub fn paths(data: &[u8]) {
    let p = text(data);
    let c = paths::canonical(&p);
    if c.trim() == c && !c.starts_with('.') {
        // The pointer style is lossless for every canonical path (but an
        // empty first segment, which the dotted text cannot hold, and
        // surrounding space, which `canonical` trims).
        let ptr = paths::format(&c, Style::Pointer);
        assert_eq!(paths::canonical(&ptr), c, "pointer round trip of {p:?}");
    }
    for style in [Style::Dotted, Style::Bracket, Style::Pointer] {
        let f = paths::format(&c, style);
        if plain(&c) {
            assert_eq!(paths::canonical(&f), c, "{style:?} round trip of {p:?}");
        }
    }
    let _ = paths::last_name(&c);
}

/// Tokens: JWT expiry and `WWW-Authenticate` challenges.
pub fn token(data: &[u8]) {
    let s = text(data);
    match fieldnote::token::expiry(&s) {
        Ok(Some(exp)) => assert!(exp.is_finite()),
        Ok(None) => {}
        Err(e) => assert!(!e.message().is_empty()),
    }
    let _ = fieldnote::token::should_refresh(&s, NOW, 60.0);
    let c = fieldnote::token::parse_challenge(&s);
    assert!(s.trim().starts_with(c.scheme.as_str()));
    for v in [&c.error, &c.error_description].into_iter().flatten() {
        assert!(v.len() <= s.len());
    }
}

/// Retry headers: every parser, with the clock at a fixed time and at the
/// time given by the first 8 bytes.
pub fn retry(data: &[u8]) {
    let now = data
        .get(..8)
        .and_then(|b| b.try_into().ok())
        .map(f64::from_le_bytes)
        .unwrap_or(NOW);
    let s = text(data.get(8..).unwrap_or_default());
    for now in [NOW, 0.0, now] {
        let _ = fieldnote::retry::parse_retry_after(&s, now);
        let _ = fieldnote::retry::parse_reset(&s, now);
        let _ = fieldnote::retry::stated_delay(&headers_of(&s), now);
    }
    let _ = fieldnote::retry::parse_ratelimit(&s);
    let _ = fieldnote::retry::parse_duration(&s);
    let b = fieldnote::retry::backoff(
        u32::from(data.first().copied().unwrap_or(0)),
        500.0,
        30_000.0,
        now,
    );
    assert!((0.0..=30_000.0).contains(&b), "backoff {b}");
}

/// JSON: parse → write → parse round-trips, and writing is idempotent.
pub fn json(data: &[u8]) {
    let s = text(data);
    let Ok(doc) = Document::parse(&s) else {
        return;
    };
    let mut w = Writer::new();
    w.value(doc.root());
    let once = w.finish();
    let doc2 = Document::parse(&once).expect("written JSON does not parse");
    assert!(equal(doc.root(), doc2.root()), "round trip changed {s:?}");
    let mut w = Writer::new();
    w.value(doc2.root());
    assert_eq!(w.finish(), once, "writing is not idempotent");
    let mut p = Parser::default();
    let v = p.parse(&s).expect("Parser disagrees with Document");
    assert!(equal(v, doc.root()));
}

/// Regex: a pattern and a haystack, separated by `0xFF`. Literal patterns
/// must agree with `str::contains`.
pub fn regex(data: &[u8]) {
    let p = split(data, 2);
    let Ok(re) = Regex::new(&p[0]) else {
        return;
    };
    let got = re.is_match(&p[1]);
    if p[0].chars().all(|c| c.is_ascii_alphanumeric() || c == ' ') {
        assert_eq!(got, Ok(p[1].contains(p[0].as_str())), "literal {:?}", p[0]);
    }
}

/// The format names `format::check` knows.
pub const FORMATS: [&str; 19] = [
    "date",
    "time",
    "date-time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uri-template",
    "uuid",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

/// Formats: the first byte picks the format, the rest is the value.
pub fn format(data: &[u8]) {
    let Some(&pick) = data.first() else {
        return;
    };
    let name = FORMATS[usize::from(pick) % FORMATS.len()];
    let value = text(data.get(1..).unwrap_or_default());
    let ok = fieldnote::format::check(name, &value);
    assert!(ok.is_some(), "{name} is a known format");
}

/// A secret derived from the input (so the input cannot contain it):
/// 16 letters and digits.
fn planted_secret(data: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut s = String::from("Zq");
    for _ in 0..14 {
        s.push(char::from(ALPHABET[(h % ALPHABET.len() as u64) as usize]));
        h = h.rotate_left(7).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (h >> 29);
    }
    s
}

/// Texts carrying a secret `{S}`, one per class the redactors know.
const CARRIERS: &[&str] = &[
    "password={S}",
    "Login failed: pwd={S} for bob",
    "Upstream refused Authorization: Bearer {S}.",
    r#"{"api_key": "{S}"}"#,
    r#"{"pass\u0077ord":"{S}"}"#,
    r#"{"name":"password","value":"{S}"}"#,
    r#"[["secret","{S}"]]"#,
    "postgres://app:{S}@db:5432/x",
    "redis://:{S}@cache",
    "//bob:{S}@host/x",
    "https://app.test/reset-password/{S}",
    "https://app.test/cb?code={S}&state=1",
    "Cookie: PHPSESSID={S}; theme=dark",
    "<password>{S}</password>",
    r#"<input name="password" value="{S}">"#,
    "<td>DB_PASSWORD</td><td>{S}</td>",
    "--b\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n{S}\r\n--b--",
    "sk_live_{S}",
    "ghp_{S}Xk9Vw4Rt6Ys8",
    "-----BEGIN PRIVATE KEY-----\n{S}\n-----END PRIVATE KEY-----",
    "p%61ssword={S}",
    "p\u{0430}ssword: {S}",
    "ｐａｓｓｗｏｒｄ={S}",
    "X-Refresh: {S}",
    "totp: {S}",
];

/// Every 8-byte piece of `secret` is absent from the report's text and JSON.
fn assert_no_secret(r: &Report, secret: &str, what: &str) {
    let mut w = Writer::new();
    r.write_json(&mut w);
    let (text, json) = (r.text(), w.finish());
    for i in 0..=secret.len().saturating_sub(8) {
        let piece = &secret[i..(i + 8).min(secret.len())];
        assert!(
            !text.contains(piece) && !json.contains(piece),
            "planted secret {secret:?} survives in {what}:\n{text}"
        );
    }
}

/// This thread's CPU time so far.
#[cfg(fuzzing)]
fn thread_cpu_time() -> std::time::Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the call.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    std::time::Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Runs `f`; under fuzzing, fails when one input takes more than 2 s of
/// this thread's CPU time (a hang or quadratic work; libFuzzer's own
/// timeout is longer). CPU time, not the clock: a loaded machine must not
/// make a quick input look slow.
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    #[cfg(fuzzing)]
    let t = thread_cpu_time();
    let out = f();
    #[cfg(fuzzing)]
    {
        let took = thread_cpu_time().saturating_sub(t);
        assert!(
            took < std::time::Duration::from_secs(2),
            "{what} took {took:?} of CPU time"
        );
    }
    #[cfg(not(fuzzing))]
    let _ = what;
    out
}

/// redact: a carrier (first byte) holding a planted secret, between two
/// fuzzed texts (separated by `0xFF`), through every redactor and a report
/// that carries it in its body, a header, the URL and the message. The
/// secret never survives; the redactors never take long.
pub fn redact(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let p = split(rest, 2);
    let secret = planted_secret(data);
    let carrier = CARRIERS[usize::from(pick) % CARRIERS.len()].replace("{S}", &secret);
    let text = format!("{}\n{carrier}\n{}", p[0], p[1]);
    let clean = |out: &str, what: &str| {
        for i in 0..=secret.len().saturating_sub(8) {
            let piece = &secret[i..(i + 8).min(secret.len())];
            assert!(
                !out.contains(piece),
                "{what}: planted secret survives in {out:?}"
            );
        }
    };
    clean(&timed("redact_text", || redact_text(&text)), "redact_text");
    // A form pair named like a secret, between fuzzed pairs.
    let named = !carrier.contains(char::is_whitespace)
        && carrier
            .split_once('=')
            .is_some_and(|(k, _)| fieldnote::report::is_secret_param(k));
    if named {
        let form = format!("{}&{carrier}&{}", p[0], p[1]);
        clean(&timed("redact_form", || redact_form(&form)), "redact_form");
    }
    if carrier.contains("://") || carrier.starts_with("//") {
        clean(&timed("redact_url", || redact_url(&carrier)), "redact_url");
    }
    let resp = Response::new(500, text.clone())
        .header("X-Note", carrier.replace('\n', " "))
        .request(Request {
            method: "POST".into(),
            url: if carrier.contains("://") {
                carrier.clone()
            } else {
                "https://api.test/x".into()
            }
            .into(),
            headers: Headers::new(),
            body: Some(text.clone().into()),
        });
    let r = timed("report", || {
        Report::build(&resp, NOW, Some(&carrier), &text, &[])
    });
    assert_no_secret(&r, &secret, "the report");
}

/// A little-endian `f64` from 8 bytes at `at` (0 when missing).
fn f64_at(data: &[u8], at: usize) -> f64 {
    data.get(at..at + 8)
        .and_then(|b| b.try_into().ok())
        .map(f64::from_le_bytes)
        .unwrap_or(0.0)
}

/// send_steps: a policy, then a sequence of attempts through
/// `send::next_step`, as the JS `send()` drives it. Header (30 bytes):
/// retries (1 byte; 251..=255 mean near `u32::MAX`), flags (1 byte: bit 0
/// raw policy numbers from the next 24 bytes, else scaled sane ones; bit 1
/// can refresh; bit 2 `Idempotency-Key`; bits 3..6 method), 3 × 8 bytes
/// base/cap/max wait, 4 bytes of randomness. Then attempts separated by
/// `0xFF`, each a status (2 bytes) then headers and body separated by
/// `0xFE`. Waits stay within the policy, retries never exceed it, a token
/// is refreshed at most once.
pub fn send_steps(data: &[u8]) {
    use fieldnote::send::{is_safe_to_repeat, next_step, Policy, Progress, Step};
    let Some(head) = data.get(..30) else {
        return;
    };
    let (r, flags) = (head[0], head[1]);
    let retries = if r > 250 {
        u32::MAX - u32::from(255 - r)
    } else {
        u32::from(r % 12)
    };
    let (a, b, c) = (f64_at(head, 2), f64_at(head, 10), f64_at(head, 18));
    let policy = if flags & 1 == 1 {
        Policy {
            retries,
            base_ms: a,
            cap_ms: b,
            max_wait_ms: c,
        }
    } else {
        let sane = |x: f64, top: f64| {
            if x.is_finite() {
                x.abs() % top
            } else {
                top / 2.0
            }
        };
        Policy {
            retries,
            base_ms: sane(a, 5_000.0),
            cap_ms: sane(b, 60_000.0),
            max_wait_ms: sane(c, 120_000.0),
        }
    };
    const METHODS: [&str; 8] = ["GET", "POST", "PUT", "PATCH", "DELETE", "", "get", "HEAD"];
    let method = METHODS[usize::from(flags >> 3) % METHODS.len()];
    let mut req_headers = Headers::new();
    if flags & 4 != 0 {
        req_headers.push("Idempotency-Key", "k-1");
    }
    let request = Request {
        method: method.into(),
        url: "https://api.test/orders".into(),
        headers: req_headers,
        body: Some("{\"a\":1}".into()),
    };
    let mut progress = Progress {
        can_refresh: flags & 2 != 0,
        ..Progress::default()
    };
    let (mut waits, mut refreshes) = (0u32, 0u32);
    let opts = fieldnote::NormalizeOptions {
        now_ms: Some(NOW),
        locale: "en",
        dialect: None,
        attempts_ms: &[],
    };
    for (k, attempt) in data[30..].split(|&b| b == 0xFF).take(64).enumerate() {
        let (Some(&s0), Some(&s1)) = (attempt.first(), attempt.get(1)) else {
            break;
        };
        let status = u16::from_le_bytes([s0, s1]) % 1000;
        let mut parts = attempt[2..].splitn(2, |&b| b == 0xFE);
        let headers = text(parts.next().unwrap_or_default());
        let body = text(parts.next().unwrap_or_default());
        let mut resp = Response::new(status, body).request(request.clone());
        resp.headers = headers_of(&headers);
        let n = timed("normalize", || fieldnote::normalize(&resp, &opts));
        check_normalized(&n);
        let random = f64::from(head[26 + k % 4]) / 256.0;
        let step = timed("next_step", || {
            next_step(&policy, &progress, &resp, &n, random)
        });
        match step {
            Step::Done => break,
            Step::Wait { ms } => {
                assert!(!n.ok, "a success is retried");
                assert!(is_safe_to_repeat(&resp), "{method} retried without a key");
                assert!(
                    progress.retries_done < policy.retries,
                    "retries past the policy"
                );
                let ms = ms as f64;
                match n.retry.after_seconds {
                    Some(s) => {
                        assert_eq!(ms, (s as f64 * 1000.0).min(u64::MAX as f64));
                        assert!(ms <= policy.max_wait_ms, "stated wait {ms} over {policy:?}");
                    }
                    None => assert!(ms <= policy.cap_ms.max(0.0), "backoff {ms} over {policy:?}"),
                }
                progress.retries_done += 1;
                waits += 1;
            }
            Step::Refresh => {
                assert!(progress.can_refresh && !progress.refreshed, "refresh twice");
                assert_eq!(resp.status, 401, "refresh on {}", resp.status);
                progress.refreshed = true;
                refreshes += 1;
            }
        }
    }
    assert!(waits <= policy.retries && refreshes <= 1);
}

/// `template` with `{i}` replaced by `i`, `{r}` by `n - i`, `{d}` by
/// `i / 2` (duplicates) and `{h}` by a huge index.
fn expand(template: &str, i: usize, n: usize) -> String {
    if !template.contains('{') {
        return template.to_owned();
    }
    template
        .replace("{i}", &i.to_string())
        .replace("{r}", &(n - i).to_string())
        .replace("{d}", &(i / 2).to_string())
        .replace("{h}", &(i.wrapping_mul(99_999_999)).to_string())
}

/// plan: hostile field orders for `plan::plan`. Header: count (1 byte:
/// up to 199 fields, or `180 × (count - 199)` fields, up to 10,080), flags (1 byte: bit 0 the form's
/// targets are given, bit 1 every third target is a group, bit 2 labels,
/// bits 3.. the category). Then target path, error path, message and form
/// error templates separated by `0xFF` (see [`expand`]; odd path syntaxes
/// come from the fuzzer). The plan never panics, its summary is capped and
/// its size is linear in its input.
pub fn plan(data: &[u8]) {
    use fieldnote::plan::{Options, Outcome, Target, MAX_PARTS, MAX_SUMMARY_LINES};
    use fieldnote::status::Category;
    let (Some(&count), Some(&flags)) = (data.first(), data.get(1)) else {
        return;
    };
    // Most inputs are small (fast to fuzz); counts from 200 up mean
    // thousands of fields, up to 10,080.
    let n = match count {
        0..=199 => usize::from(count),
        _ => usize::from(count - 199) * 180,
    };
    let p = split(&data[2..], 4);
    // Long templates make fewer fields: about 2 MB of paths and messages
    // at most, so that building the input does not dwarf planning it.
    let n = n.min((1 << 21) / (p[0].len() + p[1].len() + p[2].len() + 1));
    let cut = |s: String| fieldnote::messages::truncate(&s, MAX_MESSAGE_CHARS);
    let mut outcome = Outcome {
        category: Some(Category::ALL[usize::from(flags >> 3) % Category::ALL.len()]),
        message: cut(p[2].clone()),
        after_seconds: (flags & 0x80 != 0).then_some(u64::from(count) * 60),
        report: (flags & 0x40 != 0).then(|| "Report".to_owned()),
        ..Outcome::default()
    };
    let mut targets = Vec::new();
    let mut labels = Vec::new();
    let mut input_bytes = 0;
    for i in 0..n.max(1) {
        let path = paths::canonical(&expand(&p[1], i, n));
        let msg = cut(expand(&p[2], i, n));
        input_bytes += path.len() + msg.len();
        outcome.fields.push((path, msg));
        let t = paths::canonical(&expand(&p[0], i, n));
        input_bytes += 2 * t.len() + 2;
        if flags & 4 != 0 {
            labels.push((t.clone(), format!("Label {i}")));
        }
        targets.push(Target {
            id: format!("f{i}"),
            group: flags & 2 != 0 && i % 3 == 0,
            path: t,
        });
        if i % 7 == 0 && !p[3].is_empty() {
            let f = cut(expand(&p[3], i, n));
            input_bytes += f.len();
            outcome.form_errors.push(f);
        }
    }
    let opts = Options {
        targets: (flags & 1 != 0).then_some(targets),
        labels,
        title: "Order".into(),
        ..Options::default()
    };
    let plan = timed("plan", || fieldnote::plan::plan(&outcome, &opts));
    // The summary's lines, its "and N more" line, or the message alone.
    assert!(
        plan.summary.len() <= MAX_SUMMARY_LINES + 1,
        "summary of {}",
        plan.summary.len()
    );
    assert!(plan.fields.len() <= n.max(1));
    for (_, parts) in &plan.parts {
        assert!(parts.len() <= MAX_PARTS);
    }
    for it in &plan.summary {
        assert!(
            chars(&it.message) <= MAX_MESSAGE_CHARS,
            "summary line too long"
        );
    }
    let json = timed("plan JSON", || plan.to_json());
    Document::parse(&json).expect("plan JSON does not parse");
    // Each field's path and message, once in `fields` and at most once more
    // in the summary, escaped (at most 6 bytes per byte), plus fixed text.
    assert!(
        json.len() <= 12 * input_bytes + 64 * 1024,
        "plan JSON of {} bytes for {input_bytes} bytes of input",
        json.len()
    );
}

/// locale: a catalog (any JSON) registered under a locale of its own, then
/// lookups of fuzzed keys with fuzzed arguments, in that locale, a
/// language variant of it and English. Parts: catalog, key, then
/// arguments as `name=value` lines, separated by `0xFF`. Messages never
/// pass the bound; registration and lookups never take long.
pub fn locale(data: &[u8]) {
    use fieldnote::messages::{register, text as message, Arg};
    let p = split(data, 3);
    // The fuzzed catalog's own locale is kept away from the built-in ones
    // (other targets share the registry when replayed in one process).
    let catalog = p[0].replace("\"en\"", "\"x-en\"");
    let registered = timed("register", || register(&catalog));
    let locale = match &registered {
        Ok(l) => l.clone(),
        Err(e) => {
            assert!(!e.is_empty());
            "x-fuzz".to_owned()
        }
    };
    let args: Vec<(String, String)> = p[2]
        .lines()
        .take(64)
        .map(|l| {
            let (k, v) = l.split_once('=').unwrap_or((l, ""));
            (k.to_owned(), v.to_owned())
        })
        .collect();
    let args: Vec<(&str, Arg<'_>)> = args
        .iter()
        .map(|(k, v)| match v.parse::<u64>() {
            Ok(n) => (k.as_str(), Arg::Count(n)),
            Err(_) => (k.as_str(), Arg::Text(v.as_str())),
        })
        .collect();
    let variant = format!("{locale}-ZZ");
    let mut keys = vec![
        p[1].clone(),
        "form.more_errors".into(),
        "field.required".into(),
    ];
    if let Ok(doc) = Document::parse(&catalog) {
        if let Some(m) = doc.root().get("messages") {
            keys.extend(m.members().take(32).map(|(k, _)| k.into_owned()));
        }
    }
    for loc in [locale.as_str(), variant.as_str(), "en"] {
        for k in &keys {
            let m = timed("text", || message(loc, k, &args));
            assert!(
                chars(&m) <= MAX_MESSAGE_CHARS,
                "message of {} chars for {k:?} in {loc}",
                chars(&m)
            );
        }
    }
}

/// A number as `JSON.stringify` writes it: `null` when not finite, whole
/// numbers below 1e21 without a fraction (`-0` as `0`).
fn js_number(x: f64) -> String {
    if !x.is_finite() {
        "null".into()
    } else if x.fract() == 0.0 && x.abs() < 1e21 {
        format!("{}", x as i128)
    } else {
        format!("{x:?}")
    }
}

/// `text` if it is JSON, else `text` as a JSON string.
fn json_or_string(text: &str) -> String {
    if Document::parse(text).is_ok() {
        text.to_owned()
    } else {
        let mut w = Writer::new();
        w.string(text);
        w.finish()
    }
}

/// Headers as the JS API takes them, from `Name: value` lines: an object,
/// or (`pairs`) a list of `[name, value]` pairs.
fn js_headers(w: &mut Writer, lines: &str, pairs: bool) {
    if pairs {
        w.begin_array();
    } else {
        w.begin_object();
    }
    for line in lines.lines().take(256) {
        let (n, v) = line.split_once(':').unwrap_or((line, ""));
        if pairs {
            w.begin_array();
            w.string(n);
            w.string(v);
            w.end_array();
        } else {
            w.key(n);
            w.string(v);
        }
    }
    if pairs {
        w.end_array();
    } else {
        w.end_object();
    }
}

/// `depth` nested arrays around `inner` (JSON text).
fn nested(inner: &str, depth: usize) -> String {
    format!("{}{inner}{}", "[".repeat(depth), "]".repeat(depth))
}

/// What every JSON text the JS API returns must satisfy: it parses (with
/// room for the deepest value a caller may hand in), and its size is
/// linear in the call's input.
fn check_js_output(what: &str, out: &str, input_len: usize) {
    let limits = fieldnote::json::Limits {
        max_depth: 10_000,
        max_len: usize::MAX,
    };
    if let Err(e) = Document::parse_with(out.to_owned(), &limits) {
        panic!(
            "{what} returned JSON that does not parse ({}): {out:.300}",
            e.describe(&limits)
        );
    }
    assert!(
        out.len() <= 16 * input_len + 256 * 1024,
        "{what}: {} bytes out for {input_len} bytes in",
        out.len()
    );
}

/// An error from the JS API: a sentence that starts by naming the
/// argument it is about.
fn check_js_error(what: &str, e: &str, prefixes: &[&str]) {
    assert!(
        prefixes.iter().any(|p| e.starts_with(p))
            && e.split_once(": ")
                .is_some_and(|(_, what)| what.trim().len() >= 8),
        "{what}: error {e:?} does not say what was wrong"
    );
}

/// boundary: the JS API's conversions (`fieldnote::js`, what the wasm
/// layer calls) with JS-shaped input. Header: entry point (1 byte), flags
/// (1 byte), a number (8 bytes, any `f64`: NaN, infinities, negative,
/// huge); then up to four texts separated by `0xFF` (invalid UTF-8 read
/// lossily). Never panics; errors name the argument; JSON out parses and
/// is linear in size; statuses are accepted exactly when they are whole
/// numbers from 0 to 999.
pub fn boundary(data: &[u8]) {
    use fieldnote::js;
    let (Some(&entry), Some(&flags)) = (data.first(), data.get(1)) else {
        return;
    };
    let x = f64_at(data, 2);
    let p = split(data.get(10..).unwrap_or_default(), 4);
    let input_len = data.len() + 64;
    let bit = |b: u8| flags & (1 << b) != 0;
    // Deep nesting in options (bit 5): 10 000 levels, past every parser limit.
    let depth = if bit(5) { 10_000 } else { 0 };
    match entry % 8 {
        0 | 1 => {
            // normalize(response, options) and send()'s step.
            let status = js_number(x);
            let mut w = Writer::new();
            w.begin_object();
            w.key("status");
            w.raw(&status);
            w.key("headers");
            js_headers(&mut w, &p[0], bit(1));
            w.key("body");
            if bit(2) {
                w.raw(&json_or_string(&p[1]));
            } else {
                w.string(&p[1]);
            }
            w.key("request");
            w.begin_object();
            w.key("method");
            w.string(if bit(3) { "POST" } else { &p[3] });
            w.key("url");
            w.string(&p[2]);
            w.key("headers");
            js_headers(&mut w, &p[3], !bit(1));
            w.key("body");
            w.raw(&json_or_string(&p[1]));
            w.end_object();
            if entry % 8 == 1 {
                // sendStep's own members, every number from the fuzzer.
                for key in ["retriesDone", "random", "now"] {
                    w.key(key);
                    w.raw(&js_number(x));
                }
                w.key("failure");
                if bit(4) {
                    w.string(&p[3]);
                } else {
                    w.null();
                }
                w.key("detail");
                w.string(&p[2]);
                w.key("policy");
                w.raw(&format!(
                    r#"{{"retries":{n},"baseMs":{n},"capMs":{n},"maxWaitMs":{n},"x":{}}}"#,
                    nested("1", depth),
                    n = js_number(x)
                ));
                w.key("canRefresh");
                w.bool(bit(6));
                w.key("refreshed");
                w.bool(bit(7));
            }
            w.key(&p[2]); // an unknown key
            w.raw(&nested("0", depth.min(100)));
            w.end_object();
            let mut response = w.finish();
            if bit(0) {
                response = p[0].clone(); // raw text: anything JSON or not
            }
            let options = format!(
                r#"{{"locale":{},"dialect":{},"now":{n},"attempts":[{n},{n},"x",null],"utcOffsetMinutes":{n},"unknown":{}}}"#,
                json_or_string(&p[3]),
                json_or_string(&p[2]),
                nested("{}", depth),
                n = js_number(x)
            );
            // The status as JS reads the number text: the nearest double
            // (this target found 947.9999999999999 once read as 948).
            let read: f64 = status.parse().unwrap_or(f64::NAN);
            let whole = x.is_finite() && read.fract() == 0.0 && (0.0..=999.0).contains(&read);
            // Whether the status decides: the response is read (not too
            // deep or long) and given as built here.
            let status_decides = !bit(0) && Document::parse(&response).is_ok();
            let result = if entry % 8 == 0 {
                let options = if bit(4) { Some(options) } else { None };
                timed("js::normalize", || {
                    js::normalize(response, || Ok(options), || NOW, |s| Ok(s.to_owned()))
                })
            } else {
                timed("js::send_step", || {
                    js::send_step(response, || NOW, |s: &str| Ok::<_, String>(s.to_owned()))
                })
            };
            match result {
                Ok(out) => {
                    check_js_output("normalize", &out, input_len);
                    let doc = Document::parse_with(out, &fieldnote::json::Limits::default()).ok();
                    let root = doc.as_ref().map(|d| d.root());
                    if entry % 8 == 1 {
                        let step = root.and_then(|r| r.get("step")).and_then(|s| s.as_str());
                        assert!(
                            matches!(step.as_deref(), Some("done" | "wait" | "refresh")),
                            "sendStep: step {step:?}"
                        );
                    } else {
                        let ok = root.and_then(|r| r.get("ok")).and_then(|v| v.as_bool());
                        assert!(ok.is_some(), "normalize: no `ok` in the result");
                    }
                    if !bit(0) {
                        assert!(whole, "status {x} was accepted");
                    }
                }
                Err(e) => {
                    check_js_error(
                        "normalize",
                        &e,
                        &["normalize(response)", "normalize options", "send"],
                    );
                    let other = ["normalize options", "send: unknown failure"];
                    if status_decides && !other.iter().any(|o| e.starts_with(o)) {
                        assert!(!whole, "status {x} refused: {e}");
                        assert!(e.contains("status"), "status {x}: {e}");
                    }
                }
            }
        }
        2 => {
            // renderPlan(result, options): fieldOrder, labels, unknown keys.
            let options = if bit(0) {
                p[1].clone()
            } else {
                format!(
                    r#"{{"locale":{},"title":{},"fieldOrder":[{},{{"path":{},"id":{},"group":{}}},{}],"labels":{{{}:{}}},"z":{}}}"#,
                    json_or_string(&p[3]),
                    json_or_string(&p[2]),
                    json_or_string(&p[1]),
                    json_or_string(&p[2]),
                    js_number(x),
                    bit(1),
                    nested("1", depth),
                    json_or_string(&p[2]).replace(['{', '['], "\"x"),
                    json_or_string(&p[3]),
                    js_number(x)
                )
            };
            let out = timed("js::render_plan", || js::render_plan(&p[0], &options));
            check_js_output("renderPlan", &out, input_len + options.len());
        }
        3 => {
            // toFormErrors(result, style, root, locale).
            const STYLES: [&str; 4] = ["dotted", "bracket", "pointer", ""];
            let style = if bit(0) {
                p[1].as_str()
            } else {
                STYLES[usize::from(flags >> 1) % STYLES.len()]
            };
            let out = timed("js::form_errors", || {
                js::form_errors(&p[0], style, &p[2], &p[3])
            });
            if fieldnote::paths::Style::from_name(style).is_none() {
                assert!(out.is_empty(), "toFormErrors with style {style:?}");
            } else {
                check_js_output("toFormErrors", &out, input_len);
            }
        }
        4 => {
            // messageText(key, locale, args): args of any JSON shape.
            let args = if bit(0) {
                p[2].clone()
            } else {
                format!(
                    r#"{{"n":{},"label":{},"count":{},"deep":{}}}"#,
                    js_number(x),
                    json_or_string(&p[2]),
                    json_or_string(&p[3]),
                    nested("1", depth)
                )
            };
            let m = timed("js::message_text", || js::message_text(&p[0], &p[1], &args));
            assert!(
                chars(&m) <= MAX_MESSAGE_CHARS,
                "messageText: {} chars",
                chars(&m)
            );
        }
        5 => {
            // formatPath(path, style), matchField(key, fields), tokens,
            // backoff: strings and numbers as JS passes them.
            match js::format_path::<String>(&p[0], &p[1]) {
                Ok(f) => assert!(
                    fieldnote::paths::Style::from_name(&p[1]).is_some()
                        && f.len() <= 8 * p[0].len() + 16
                ),
                Err(e) => check_js_error("formatPath", &e, &["formatPath: style"]),
            }
            let fields: Vec<String> = p[2].lines().take(1_000).map(str::to_owned).collect();
            let i = js::match_field(&p[0], &fields);
            assert!(
                i == -1 || (0..fields.len() as i64).contains(&i64::from(i)),
                "matchField {i}"
            );
            if let Err(e) = fieldnote::token::expires_in(&p[3], x) {
                assert!(!e.message().is_empty());
            }
            let _ = fieldnote::token::should_refresh(&p[3], x, x);
            let _ = fieldnote::send::refresh_before_send(&p[3], x, x);
            let b = fieldnote::retry::backoff(u32::from(flags), x, x, x);
            assert!(!b.is_nan() && b >= 0.0, "backoff {b}");
        }
        _ => {
            // compile(schema, { schemas, ...options }), then envelope,
            // issues and typeAt with an instance; a program image round
            // trip, and an image cut short.
            let options = if bit(0) {
                p[2].clone()
            } else {
                format!(
                    r#"{{"locale":{},"labels":{{"a":{}}},"strict":{},"draft":{},"formats":{},"ref":{},"q":{}}}"#,
                    json_or_string(&p[3]),
                    json_or_string(&p[2]),
                    bit(1),
                    js_number(x),
                    bit(2),
                    if bit(3) {
                        json_or_string(&p[2])
                    } else {
                        "null".into()
                    },
                    nested("1", depth)
                )
            };
            let schemas = if bit(4) { p[1].as_str() } else { "" };
            let compiled = timed("js::compile", || {
                js::compile::<String>(&p[0], schemas, &options)
            });
            let (schema, words) = match compiled {
                Ok(c) => c,
                Err(e) => {
                    check_js_error("compile", &e, &["fieldnote: "]);
                    return;
                }
            };
            let today = || "2026-12-04".to_owned();
            let instance = if bit(6) { p[3].as_str() } else { p[1].as_str() };
            let call = if bit(7) { p[2].as_str() } else { "" };
            for js_numbers in [false, true] {
                for (what, r) in [
                    (
                        "envelope",
                        js::envelope::<String>(&schema, &words, instance, call, js_numbers, today),
                    ),
                    (
                        "issues",
                        js::issues::<String>(&schema, &words, instance, call, js_numbers, today),
                    ),
                ] {
                    match r {
                        Ok(Some(out)) => check_js_output(what, &out, input_len + instance.len()),
                        Ok(None) => {}
                        Err(e) => check_js_error(what, &e, &["fieldnote: "]),
                    }
                }
            }
            let _ = js::type_at(&schema, &p[3]);
            if let Ok(image) = js::compile_to_image::<String>(&p[0], schemas, &options) {
                assert!(
                    js::from_image::<String>(&image, &options).is_ok(),
                    "image does not load"
                );
                let cut = image.len() * usize::from(flags) / 256;
                if let Err(e) = js::from_image::<String>(&image[..cut], "") {
                    check_js_error("fromImage", &e, &["fieldnote: "]);
                }
            }
        }
    }
}
