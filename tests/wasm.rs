//! The JS API as wasm exports it, run by wasm-bindgen-test in Node, headless
//! Chromium and headless Firefox (see `make test-wasm`).
#![cfg(target_arch = "wasm32")]

use fieldnote::wasm::{
    canonical_path, format_path, normalize_js, register_locale, should_refresh, token_expires_in,
};
use js_sys::{Reflect, JSON};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON")
}

fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(v.clone(), |cur, key| {
        Reflect::get(&cur, &JsValue::from_str(key)).expect("property")
    })
}

fn norm(input: &str) -> JsValue {
    normalize_js(js(input), Some(js(r#"{"now": 1795900680000}"#))).expect("normalize")
}

fn s(v: &JsValue, path: &str) -> String {
    get(v, path).as_string().unwrap_or_default()
}

fn json_of(v: &JsValue) -> String {
    JSON::stringify(v).unwrap().as_string().unwrap()
}

#[wasm_bindgen_test]
fn one_case_per_status() {
    let cases = [
        (200, "", true, "null", "none"),
        (201, r#"{"id":1}"#, true, "null", "none"),
        (400, "", false, "bad_request", "contact_support"),
        (401, "", false, "unauthenticated", "sign_in"),
        (403, "", false, "forbidden", "none"),
        (404, "", false, "not_found", "check_link"),
        (409, "", false, "conflict", "reload"),
        (
            422,
            r#"{"error":{"code":"validation_failed","message":"x","details":[{"field":"a","message":"Enter a"}]}}"#,
            false,
            "validation",
            "fix_fields",
        ),
        (429, "", false, "rate_limited", "retry_later"),
        (500, "", false, "server_error", "contact_support"),
        (
            502,
            "<html>bad gateway</html>",
            false,
            "bad_gateway",
            "contact_support",
        ),
        (503, "", false, "unavailable", "retry_later"),
        (504, "", false, "unavailable", "retry_later"),
    ];
    for (status, body, ok, category, action) in cases {
        let input = js(r#"{}"#);
        Reflect::set(
            &input,
            &"status".into(),
            &JsValue::from_f64(f64::from(status)),
        )
        .unwrap();
        Reflect::set(&input, &"body".into(), &JsValue::from_str(body)).unwrap();
        let r = normalize_js(input, Some(js(r#"{"now": 1795900680000}"#))).unwrap();
        assert_eq!(get(&r, "ok").as_bool(), Some(ok), "{status}");
        let cat = get(&r, "category");
        assert_eq!(
            cat.as_string().unwrap_or_else(|| "null".into()),
            category,
            "{status}"
        );
        assert_eq!(s(&r, "action"), action, "{status}");
        if !ok {
            let msg = s(&r, "message");
            assert!(!msg.is_empty() && !msg.contains('<'), "{status}: {msg}");
        }
    }
}

#[wasm_bindgen_test]
fn fields_and_headers_cross_the_boundary() {
    let r = norm(
        r#"{"status":422,"headers":[["Content-Type","application/json"]],
            "body":{"error":{"code":"validation_failed","message":"Validation failed","details":[
              {"field":"items[0].name","message":"Enter a name"},
              {"field":"/address/zip","message":"Enter a postcode"},
              {"field":"","message":"Check the dates"}]}}}"#,
    );
    assert_eq!(
        json_of(&get(&r, "fields")),
        r#"{"items.0.name":["Enter a name"],"address.zip":["Enter a postcode"]}"#
    );
    assert_eq!(json_of(&get(&r, "formErrors")), r#"["Check the dates"]"#);
    assert_eq!(s(&r, "code"), "validation_failed");
}

#[wasm_bindgen_test]
fn retry_after_and_reports() {
    let r = norm(r#"{"status":429,"headers":{"Retry-After":"30"},"body":""}"#);
    assert_eq!(get(&r, "retry.afterSeconds").as_f64(), Some(30.0));
    assert_eq!(get(&r, "retry.retryable").as_bool(), Some(true));
    assert!(s(&r, "message").contains("30 seconds"));

    let r = norm(
        r#"{"status":500,"headers":{"X-Request-Id":"req-9"},"body":"{\"error\":{\"code\":\"internal\",\"message\":\"x\"}}",
            "request":{"method":"POST","url":"https://api.test/orders","headers":{"Authorization":"Bearer abcdefghijkl"},"body":"{\"password\":\"hunter2\"}"}}"#,
    );
    let text = s(&r, "report.text");
    assert!(text.contains("Time: 2026-11-28T21:18:00.000Z"), "{text}");
    assert!(text.contains("Request: POST https://api.test/orders"));
    assert!(text.contains("X-Request-Id: req-9"));
    assert!(
        !text.contains("hunter2") && !text.contains("abcdefghijkl"),
        "{text}"
    );
    assert_eq!(get(&r, "report.status").as_f64(), Some(500.0));
}

#[wasm_bindgen_test]
fn malformed_calls_are_clear_errors() {
    let e = normalize_js(js(r#"{"status":"five hundred"}"#), None).unwrap_err();
    let e = JsValue::from(e);
    let text = Reflect::get(&e, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(text.contains("status must be a number"), "{text}");
    assert!(normalize_js(js("[]"), None).is_err());
    assert!(normalize_js(JsValue::UNDEFINED, None).is_err());
}

#[wasm_bindgen_test]
fn hostile_bodies_do_not_break_it() {
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let big = "x".repeat(10 << 20);
    for body in [
        deep.as_str(),
        big.as_str(),
        "{\"error\":",
        "null",
        "<h1>502</h1>",
    ] {
        let input = js(r#"{"status":502}"#);
        Reflect::set(&input, &"body".into(), &JsValue::from_str(body)).unwrap();
        let r = normalize_js(input, None).expect("no throw");
        assert_eq!(s(&r, "category"), "bad_gateway");
        assert!(!s(&r, "message").contains('<'));
    }
}

#[wasm_bindgen_test]
fn tokens_paths_and_locales() {
    // Payload {"exp":1795900000}
    let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3OTU5MDAwMDB9.c2ln";
    assert_eq!(
        token_expires_in(jwt, Some(1_795_896_400_000.0)).unwrap(),
        Some(3600.0)
    );
    assert!(should_refresh(jwt, Some(1_795_899_950_000.0), None).unwrap());
    assert!(!should_refresh(jwt, Some(1_795_896_400_000.0), None).unwrap());
    assert!(token_expires_in("not-a-token", None).is_err());
    assert_eq!(canonical_path("items[0].name"), "items.0.name");
    assert_eq!(
        format_path("items.0.name", "pointer").unwrap(),
        "/items/0/name"
    );
    assert!(format_path("a", "xml").is_err());
    let tag = register_locale(
        r#"{"locale":"xx","plural":"other","messages":{"category.not_found":"XX not found"}}"#,
    )
    .unwrap();
    assert_eq!(tag, "xx");
    let r = normalize_js(js(r#"{"status":404}"#), Some(js(r#"{"locale":"xx"}"#))).unwrap();
    assert_eq!(s(&r, "message"), "XX not found");
    assert!(register_locale("{").is_err());
}

/// Every dialect fixture (`tests/fixtures/dialects/*.json`, the same files
/// the native runner uses) through the wasm export, in this JS engine.
const DIALECT_FIXTURES: &[&str] = &[
    include_str!("fixtures/dialects/aspnet.json"),
    include_str!("fixtures/dialects/aws.json"),
    include_str!("fixtures/dialects/drf.json"),
    include_str!("fixtures/dialects/express-html.json"),
    include_str!("fixtures/dialects/fastapi.json"),
    include_str!("fixtures/dialects/gateway.json"),
    include_str!("fixtures/dialects/generic.json"),
    include_str!("fixtures/dialects/github.json"),
    include_str!("fixtures/dialects/google.json"),
    include_str!("fixtures/dialects/graphql.json"),
    include_str!("fixtures/dialects/jsonapi.json"),
    include_str!("fixtures/dialects/laravel.json"),
    include_str!("fixtures/dialects/nestjs.json"),
    include_str!("fixtures/dialects/odata.json"),
    include_str!("fixtures/dialects/problem.json"),
    include_str!("fixtures/dialects/rails.json"),
    include_str!("fixtures/dialects/ratelimit-headers.json"),
    include_str!("fixtures/dialects/shopify.json"),
    include_str!("fixtures/dialects/spec.json"),
    include_str!("fixtures/dialects/spring.json"),
    include_str!("fixtures/dialects/stripe.json"),
    include_str!("fixtures/dialects/twilio.json"),
    include_str!("fixtures/dialects/zod.json"),
];

#[wasm_bindgen_test]
fn dialect_fixtures() {
    use fieldnote::json::{equal, Document, Kind, Writer};
    // In wasm only English is built in: the package registers the others (loadLocale).
    for catalog in fieldnote::messages::OTHERS {
        register_locale(catalog).expect("a shipped catalog");
    }
    let mut failures = Vec::new();
    let mut cases = 0;
    for file in DIALECT_FIXTURES {
        let doc = Document::parse(file).expect("fixture JSON");
        for case in doc.root().items() {
            cases += 1;
            let name = case
                .get("name")
                .and_then(|n| n.as_str())
                .unwrap_or_default()
                .into_owned();
            let resp = case.get("response").expect("response");
            // The JS input: the fixture's response, body given as text.
            let mut w = Writer::new();
            w.begin_object();
            for (k, v) in resp.members() {
                w.key(&k);
                if k == "body" && v.kind() != Kind::String && !v.is_null() {
                    let mut b = Writer::new();
                    b.value(v);
                    w.string(&b.finish());
                } else {
                    w.value(v);
                }
            }
            w.end_object();
            let mut o = Writer::new();
            o.begin_object();
            o.key("now");
            match case.get("now") {
                Some(n) => o.value(n),
                None => o.raw("1700000000000"),
            }
            if let Some(h) = case.get("hint") {
                o.key("dialect");
                o.value(h);
            }
            // The locale and the person's clock, as the package passes them.
            for key in ["locale", "utcOffsetMinutes"] {
                if let Some(v) = case.get(key) {
                    o.key(key);
                    o.value(v);
                }
            }
            o.end_object();
            let got = normalize_js(js(&w.finish()), Some(js(&o.finish()))).expect("normalize");
            let got = Document::parse(&json_of(&got)).expect("result JSON");
            let got = got.root();
            let expect = case.get("expect").expect("expect");
            let empty = Document::parse("{}").unwrap();
            let empty_list = Document::parse("[]").unwrap();
            for key in [
                "dialect",
                "category",
                "code",
                "action",
                "ok",
                "fields",
                "formErrors",
                "message",
                "retry",
            ] {
                let want = match (key, expect.get(key)) {
                    ("fields", None) => Some(empty.root()),
                    ("formErrors", None) => Some(empty_list.root()),
                    (_, w) => w,
                };
                let Some(want) = want else { continue };
                let have = got.get(key);
                let ok = match (key, want.kind()) {
                    ("message", Kind::Object) => {
                        let part = want
                            .get("contains")
                            .and_then(|c| c.as_str())
                            .unwrap_or_default();
                        have.and_then(|h| h.as_str())
                            .is_some_and(|h| h.contains(part.as_ref()))
                    }
                    ("retry", _) => want
                        .members()
                        .all(|(k, v)| have.and_then(|h| h.get(&k)).is_some_and(|h| equal(h, v))),
                    _ => have.is_some_and(|h| equal(h, want)),
                };
                if !ok {
                    failures.push(format!("{name}: {key}: want {want:?}, got {have:?}"));
                }
            }
        }
    }
    assert!(cases >= 60, "only {cases} cases");
    assert!(
        failures.is_empty(),
        "{} of {cases} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------
// Hardening (project issue #9): ReDoS, the regex step budget and deep input,
// inside wasm, in each JS engine the tests run in (Node, Chromium, Firefox).
// ---------------------------------------------------------------------------

mod hardening {
    use fieldnote::json::{equal, Document, Writer};
    use fieldnote::schema::{Options, Params, Registry, Schema};
    use wasm_bindgen_test::{console_log, wasm_bindgen_test};

    fn schema(text: &str) -> Schema {
        Schema::compile(text, &Registry::new(), &Options::default()).expect("schema compiles")
    }

    fn now() -> f64 {
        js_sys::Date::now()
    }

    /// `^(a+)+$` against 28 `a`s and `!` takes ~10 s in JS validators; the
    /// schema compiled and run inside wasm answers in well under 100 ms.
    #[wasm_bindgen_test]
    fn redos_pattern_answers_in_under_100_ms() {
        let s = schema(r#"{"type":"string","pattern":"^(a+)+$"}"#);
        let evil = format!("\"{}!\"", "a".repeat(28));
        let t = now();
        let f = s.validate_json(&evil).expect("validates");
        let ms = now() - t;
        console_log!("ReDoS in wasm: ^(a+)+$ on 28 a's + '!' in {ms} ms");
        assert!(ms < 100.0, "{ms} ms");
        assert_eq!(f.len(), 1);
        assert!(matches!(
            &f[0].params,
            Params::Pattern {
                too_complex: false,
                ..
            }
        ));
        assert!(s
            .validate_json(&format!("\"{}\"", "a".repeat(28)))
            .unwrap()
            .is_empty());
        // Other classic shapes, on long input.
        for (p, hay) in [
            ("^(a|aa)+$", format!("\"{}!\"", "a".repeat(5_000))),
            ("^(.*a){12}$", format!("\"{}!\"", "a".repeat(40))),
            (
                "^(\\\\w+\\\\s?)*$",
                format!("\"{}!\"", "word ".repeat(1_000)),
            ),
        ] {
            let s = schema(&format!(r#"{{"pattern":"{p}"}}"#));
            let t = now();
            assert_eq!(s.validate_json(&hay).unwrap().len(), 1, "{p}");
            let ms = now() - t;
            console_log!("{p} on {} chars in {ms} ms", hay.len());
            assert!(ms < 100.0, "{p}: {ms} ms");
        }
    }

    /// A backreference bomb exhausts the step budget: a clear failure that
    /// says the answer could not be checked, quickly.
    #[wasm_bindgen_test]
    fn backreference_bomb_is_a_clear_failure() {
        let s = schema(r#"{"properties":{"code":{"type":"string","pattern":"^(a*)*\\1b$"}}}"#);
        let t = now();
        let f = s
            .validate_json(&format!(r#"{{"code":"{}"}}"#, "a".repeat(40)))
            .unwrap();
        let ms = now() - t;
        console_log!("backreference bomb: budget exhausted in {ms} ms");
        assert!(ms < 2_000.0, "{ms} ms");
        assert_eq!(f.len(), 1);
        assert!(matches!(
            &f[0].params,
            Params::Pattern {
                too_complex: true,
                ..
            }
        ));
        assert!(f[0].message("en").contains("too long to check"));
    }

    /// The deepest schema and instance the limits accept fit wasm's stack.
    #[wasm_bindgen_test]
    fn deepest_accepted_input_fits_the_stack() {
        let s = schema(&("{\"items\":".repeat(255) + "{}" + &"}".repeat(255)));
        let deep = "[".repeat(256) + &"]".repeat(256);
        assert!(s.validate_json(&deep).unwrap().is_empty());
        let r = schema(r##"{"items":{"$ref":"#"},"type":"array"}"##);
        assert!(r.validate_json(&deep).unwrap().is_empty());
        let e = r
            .validate_json(&("[".repeat(257) + &"]".repeat(257)))
            .unwrap_err();
        assert!(e.message.contains("deeper than 256"), "{}", e.message);
        // Equality, writing and redaction walk the whole depth.
        let text = "{\"token\":[".repeat(128) + "1" + &"]}".repeat(128);
        let a = Document::parse(&text).unwrap();
        let b = Document::parse(&text).unwrap();
        assert!(equal(a.root(), b.root()));
        let mut w = Writer::new();
        w.value(a.root());
        assert_eq!(w.finish(), text);
        let mut w = Writer::new();
        fieldnote::report::redact_json(a.root(), &mut w);
        assert_eq!(w.finish(), "{\"token\":\"[REDACTED]\"}");
        // A schema of unique-items arrays of deep objects: equality on every pair.
        let u = schema(r#"{"uniqueItems":true}"#);
        let item = "{\"a\":".repeat(200) + "1" + &"}".repeat(200);
        let list = format!("[{item},{item}]");
        assert_eq!(u.validate_json(&list).unwrap().len(), 1);
    }
}

// ---------------------------------------------------------------------------
// Issue 19: numbers as JS has them. (NFC from the JS engine is tested in
// tests/node/idn-nfc.test.mjs: the unicode backend is installed by the
// module's start function, which wasm-bindgen-test does not run.)
// ---------------------------------------------------------------------------

/// `validate_json_f64` rounds like the JS engine's own `Number()`.
#[wasm_bindgen_test]
fn js_numbers_round_like_the_engine() {
    use fieldnote::schema::{Options, Registry, Schema};
    let s = Schema::compile(
        r#"{"maximum":18446744073709551616}"#,
        &Registry::new(),
        &Options::default(),
    )
    .expect("schema compiles");
    let two64 = JSON::stringify(&JsValue::from_f64(2f64.powi(64)))
        .unwrap()
        .as_string()
        .unwrap();
    assert_eq!(two64, "18446744073709552000");
    assert_eq!(s.validate_json(&two64).unwrap().len(), 1);
    assert!(s.validate_json_f64(&two64).unwrap().is_empty());
    for text in [
        "0.1",
        "2.2250738585072011e-308",
        "1.7976931348623158e308",
        "5e-324",
        "9007199254740993",
    ] {
        let engine = js_sys::Number::from(JsValue::from_str(text)).value_of();
        assert_eq!(fieldnote::json::number::nearest_f64(text), engine, "{text}");
    }
}
