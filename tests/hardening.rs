//! Hostile input (project issue #9): the fuzz regression corpus, every
//! documented limit, ReDoS, deep input, and redaction of credentials in
//! support reports. The limits are listed in the README's "Limits and
//! safety" section; each has a test here.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fieldnote::dialects::{MAX_BODY_BYTES, MAX_BODY_DEPTH};
use fieldnote::http::{Headers, Request, Response};
use fieldnote::json::{equal, Document, ErrorKind, Limits, Writer};
use fieldnote::messages::{MAX_ARG_CHARS, MAX_MESSAGE_CHARS};
use fieldnote::regex::{Exhausted, Regex};
use fieldnote::report::{redact_json, Report, MAX_BODY_CHARS};
use fieldnote::schema::{
    Failure, Options, Params, Registry, Schema, ValidateErrorKind, MAX_DATA_DEPTH, MAX_EVAL_DEPTH,
    MAX_INSTANCE_DEPTH, MAX_SCHEMA_DEPTH, MAX_SCHEMA_LEN, MAX_SCHEMA_NODES,
};
use fieldnote::{normalize, NormalizeOptions, Normalized};

#[path = "../fuzz/targets.rs"]
mod targets;

const NOW: f64 = 1_795_900_680_000.0;

fn opts() -> NormalizeOptions<'static> {
    NormalizeOptions {
        now_ms: Some(NOW),
        ..NormalizeOptions::default()
    }
}

fn norm(resp: &Response<'_>) -> Normalized {
    let n = normalize(resp, &opts());
    targets::check_normalized(&n);
    n
}

fn compile(schema: &str) -> Schema {
    Schema::compile(schema, &Registry::new(), &Options::default())
        .unwrap_or_else(|e| panic!("{}", e.message))
}

fn compile_err(schema: &str) -> String {
    match Schema::compile(schema, &Registry::new(), &Options::default()) {
        Ok(_) => panic!("compiled: {}", &schema[..schema.len().min(200)]),
        Err(e) => e.message,
    }
}

fn failures(schema: &Schema, instance: &str) -> Vec<Failure> {
    schema
        .validate_json(instance)
        .unwrap_or_else(|e| panic!("{}", e.message))
}

/// Keeps a result the optimizer could otherwise drop with its work.
fn used<T>(v: T) {
    std::hint::black_box(v);
}

/// Complexity by comparison, never by a clock threshold: `large` does 10×
/// the work of `small` when the code is linear, and may take at most 30×
/// its time (quadratic work takes 100×, exponential far more). Each is
/// timed as the least of 3 runs, the two interleaved so that a loaded
/// machine slows both alike, and repeated so that `small` takes at least
/// 20 ms (short runs are mostly noise). Comparisons run one at a time
/// (one would slow the other's large, memory-bound input more than its
/// small one), and a ratio over the bound is measured twice more before
/// it fails: a neighbour's burst passes, real superlinear work does not.
fn linear(what: &str, mut small: impl FnMut(), mut large: impl FnMut()) {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let time = |f: &mut dyn FnMut(), reps: u32| {
        let t = Instant::now();
        for _ in 0..reps {
            f();
        }
        t.elapsed()
    };
    let mut reps = 1;
    while reps < 10_000 && time(&mut small, reps) < Duration::from_millis(20) {
        reps *= 2;
    }
    let mut ratios = Vec::new();
    for _ in 0..3 {
        let (mut s, mut l) = (Duration::MAX, Duration::MAX);
        for _ in 0..3 {
            s = s.min(time(&mut small, reps));
            l = l.min(time(&mut large, reps));
        }
        let ratio = l.as_secs_f64() / s.as_secs_f64().max(1e-9);
        println!("{what}: 1× {s:?}, 10× {l:?} ({ratio:.1}×; {reps} runs each)");
        if ratio <= 30.0 {
            return;
        }
        ratios.push(ratio);
    }
    panic!("{what}: 10× the input took {ratios:.1?}× the time");
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

// ---------------------------------------------------------------------------
// The fuzz regression corpus: every crash the fuzzers found, replayed through
// the same code as the fuzz target (`fuzz/targets.rs`).
// ---------------------------------------------------------------------------

#[test]
fn fuzz_regressions_replay() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut replayed = 0;
    for dir in std::fs::read_dir(&root).expect("tests/fuzz-regressions") {
        let dir = dir.unwrap().path();
        let target = dir.file_name().unwrap().to_str().unwrap().to_owned();
        assert!(
            targets::TARGETS.contains(&target.as_str()),
            "tests/fuzz-regressions/{target}: not a fuzz target"
        );
        if target == "http" && !targets::HTTP_REPLAYS {
            // The demo server's code needs its dependencies.
            println!("tests/fuzz-regressions/http: not replayed (needs --features demo)");
            continue;
        }
        // (Slow inputs are the fuzzers' to find: `timed` in fuzz/targets.rs
        // and their 10 s timeout; a hang here shows as a test that never ends.)
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            let data = std::fs::read(&file).unwrap();
            targets::run(&target, &data);
            replayed += 1;
        }
    }
    assert!(replayed >= 3, "only {replayed} regression inputs");
}

/// Each target runs on a few plain inputs (so a broken target is noticed
/// here, not only when someone fuzzes).
#[test]
fn fuzz_targets_run_on_plain_inputs() {
    let mut schema_and_instance = br#"{"properties":{"a":{"type":"string"}}}"#.to_vec();
    schema_and_instance.push(0xFF);
    schema_and_instance.extend_from_slice(br#"{"a":1}"#);
    let mut pattern_and_hay = b"^(a+)+$".to_vec();
    pattern_and_hay.push(0xFF);
    pattern_and_hay.extend_from_slice(b"aaaaaaaaaaaaaaaaaaaaaaaaaaaa!");
    let mut response = vec![0xF4, 0x01, 0xFF]; // 500, no dialect hint
    response.extend_from_slice(b"Authorization: Bearer abcdefghijklmnop\n");
    response.push(0xFF);
    response.extend_from_slice(
        br#"{"error":{"code":"internal","message":"Something broke on our side"}}"#,
    );
    let mut planted = vec![0u8];
    planted.extend_from_slice(b"<td>x</td>\xFF&a=1");
    let mut steps = vec![2u8, 6]; // 2 retries; can refresh; Idempotency-Key
    for x in [500f64, 30_000.0, 10_000.0] {
        steps.extend_from_slice(&x.to_le_bytes());
    }
    steps.extend_from_slice(&[0x10, 0x80, 0xC0, 0xFF]);
    steps.extend_from_slice(&503u16.to_le_bytes());
    steps.extend_from_slice(b"Retry-After: 3\n\xFE\xFF");
    steps.extend_from_slice(&200u16.to_le_bytes());
    let mut catalog = br#"{"locale":"t","plural":"other","messages":{"k":"{n} x"}}"#.to_vec();
    catalog.extend_from_slice(b"\xFFk\xFFn=2");
    let mut call = vec![0u8, 0x14]; // normalize, the body as JSON, options
    call.extend_from_slice(&422f64.to_le_bytes());
    call.extend_from_slice(b"Content-Type: application/json\xFF");
    call.extend_from_slice(br#"{"error":{"code":"validation_failed","message":"m","details":[{"field":"email","message":"Enter an email"}]}}"#);
    let mut cases: Vec<(&str, &[u8])> = vec![
        ("normalize", &response),
        ("schema_compile", br#"{"type":"object","required":["a"]}"#),
        ("validate", &schema_and_instance),
        ("paths", b"items[0].name"),
        ("token", br#"Bearer realm="x", error="invalid_token""#),
        ("retry", b"\0\0\0\0\0\0\0\x00120"),
        ("json", br#"{"a":[1,2.5e3,"\u00e9"],"b":{"c":null}}"#),
        ("regex", &pattern_and_hay),
        ("format", b"\x04name@example.com"),
        ("redact", &planted),
        ("send_steps", &steps),
        ("plan", b"\x03\x03g{i}\xFFg{i}.y\xFFEnter it\xFF"),
        ("locale", &catalog),
        ("boundary", &call),
    ];
    if targets::HTTP_REPLAYS {
        cases.push(("http", b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    }
    for (name, data) in &cases {
        targets::run(name, data);
    }
    let skipped = usize::from(!targets::HTTP_REPLAYS);
    assert_eq!(targets::TARGETS.len(), cases.len() + skipped);
}

// ---------------------------------------------------------------------------
// Limits: each bound gives a clear error or a clearly cut result.
// ---------------------------------------------------------------------------

fn envelope_422(details: &str) -> String {
    format!(
        r#"{{"error":{{"code":"validation_failed","message":"Check the marked fields","details":[{details}]}}}}"#
    )
}

/// `body` (a JSON object) with a padding member in front, `total` bytes long.
fn padded(body: &str, total: usize) -> String {
    let (head, tail) = ("{\"pad\":\"", "\",");
    let k = total - (body.len() - 1) - head.len() - tail.len();
    format!("{head}{}{tail}{}", "x".repeat(k), &body[1..])
}

#[test]
fn limit_body_size_normalize() {
    // At the limit: read. One byte over: not parsed, the status decides.
    let body = envelope_422(r#"{"field":"email","message":"Enter an email address"}"#);
    let at = padded(&body, MAX_BODY_BYTES);
    assert_eq!(at.len(), MAX_BODY_BYTES);
    let n = norm(&Response::new(422, at.as_str()));
    assert_eq!(n.field("email").map(<[String]>::len), Some(1));
    let over = padded(&body, MAX_BODY_BYTES + 1);
    let n = norm(&Response::new(422, over.as_str()));
    assert!(n.fields.is_empty());
    assert_eq!(n.category.map(|c| c.as_str()), Some("validation"));
    assert_eq!(n.dialect, None);
    // 64 MB of anything: no crash, and no more than linear work (6.4 MB
    // against 64 MB).
    let huge = "<".repeat(64 << 20);
    let read = |len: usize| {
        let n = norm(&Response::new(502, &huge[..len]));
        assert_eq!(n.category.map(|c| c.as_str()), Some("bad_gateway"));
    };
    linear(
        "normalize, 64 MB body",
        || read(huge.len() / 10),
        || read(huge.len()),
    );
}

#[test]
fn limit_body_depth_normalize() {
    // The envelope is 4 levels deep (root, error, details, a detail); a
    // member of `error` holding `wrap` nested arrays makes it 2 + wrap.
    let at = |depth: usize| {
        let wrap = depth - 2;
        envelope_422(r#"{"field":"email","message":"Enter an email address"}"#).replacen(
            "\"details\"",
            &format!(
                "\"deep\":{}{},\"details\"",
                "[".repeat(wrap),
                "]".repeat(wrap)
            ),
            1,
        )
    };
    let ok = at(MAX_BODY_DEPTH as usize);
    assert_eq!(norm(&Response::new(422, ok.as_str())).fields.len(), 1);
    let deep = at(MAX_BODY_DEPTH as usize + 1);
    let n = norm(&Response::new(422, deep.as_str()));
    assert!(
        n.fields.is_empty(),
        "a body deeper than the limit is not read"
    );
    for depth in [1_000, 100_000] {
        let b = "[".repeat(depth) + &"]".repeat(depth);
        let n = norm(&Response::new(500, b.as_str()));
        assert!(n.report.is_some());
        let b = "{\"a\":".repeat(depth) + "1" + &"}".repeat(depth);
        norm(&Response::new(422, b.as_str()));
    }
}

#[test]
fn limit_json_parser_depth_and_length() {
    let limits = Limits::default();
    let deep = "[".repeat(257) + &"]".repeat(257);
    let e = Document::parse(&deep).unwrap_err();
    assert_eq!(e.kind, ErrorKind::TooDeep);
    assert_eq!(
        e.describe(&limits),
        "JSON nesting is deeper than 256 levels at byte 256"
    );
    assert!(Document::parse(&deep[1..deep.len() - 1]).is_ok());
    let small = Limits {
        max_depth: 4,
        max_len: 10,
    };
    let e = Document::parse_with("[1,2,3,4,5,6]".into(), &small).unwrap_err();
    assert_eq!(e.kind, ErrorKind::TooLong);
    assert!(e.describe(&small).contains("longer than 10 bytes"));
}

#[test]
fn limit_schema_depth_size_and_nodes() {
    // Nesting: a clear compile error naming the limit.
    let nest = |n: usize| "{\"items\":".repeat(n) + "{}" + &"}".repeat(n);
    let m = compile_err(&nest(MAX_SCHEMA_DEPTH as usize));
    assert!(m.contains("deeper than 256 levels"), "{m}");
    compile(&nest(MAX_SCHEMA_DEPTH as usize - 1));
    // Size.
    let big = format!(r#"{{"description":"{}"}}"#, "x".repeat(MAX_SCHEMA_LEN));
    let m = compile_err(&big);
    assert!(m.contains("longer than 8388608 bytes"), "{m}");
    // Subschema count: refused with a clear error, after no more than
    // linear work (a tenth as many compile).
    let all_of = |n: usize| {
        format!(
            r#"{{"allOf":[{}]}}"#,
            vec![r#"{"type":"string"}"#; n].join(",")
        )
    };
    let (tenth, many) = (all_of(MAX_SCHEMA_NODES / 10), all_of(MAX_SCHEMA_NODES));
    let m = compile_err(&many);
    assert!(m.contains("262144"), "{m}");
    linear(
        "compile, 262 144 subschemas",
        || used(compile(&tenth)),
        || used(compile_err(&many)),
    );
}

#[test]
fn limit_instance_depth() {
    let s = compile(r##"{"items":{"$ref":"#"}}"##);
    let ok = "[".repeat(MAX_DATA_DEPTH as usize) + &"]".repeat(MAX_DATA_DEPTH as usize);
    assert!(failures(&s, &ok).is_empty());
    let deep =
        "[".repeat(MAX_INSTANCE_DEPTH as usize + 1) + &"]".repeat(MAX_INSTANCE_DEPTH as usize + 1);
    let e = s.validate_json(&deep).unwrap_err();
    assert_eq!(e.kind, ValidateErrorKind::NotJson);
    assert!(
        e.message.contains("deeper than 256 levels"),
        "{}",
        e.message
    );
    // A parsed instance deeper than the data limit (parsed with looser
    // limits by the caller) is a clear error, not a stack overflow.
    let loose = Limits {
        max_depth: 10_000,
        ..Limits::default()
    };
    let text = "[".repeat(5_000) + &"]".repeat(5_000);
    let doc = Document::parse_with(text, &loose).unwrap();
    let e = s.validate(doc.root()).unwrap_err();
    assert_eq!(e.kind, ValidateErrorKind::TooDeep);
    assert!(e.message.contains("256"), "{}", e.message);
}

#[test]
fn limit_ref_depth_loops_and_steps() {
    // A chain of $refs longer than the evaluation depth.
    let n = MAX_EVAL_DEPTH as usize + 10;
    let mut defs = Vec::new();
    for i in 0..n {
        defs.push(format!(r##""d{i}":{{"$ref":"#/$defs/d{}"}}"##, i + 1));
    }
    defs.push(format!(r#""d{n}":{{"type":"string"}}"#));
    let schema = format!(
        r##"{{"$ref":"#/$defs/d0","$defs":{{{}}}}}"##,
        defs.join(",")
    );
    let s = compile(&schema);
    let e = s.validate_json("1").unwrap_err();
    assert_eq!(e.kind, ValidateErrorKind::TooDeep, "{}", e.message);
    assert!(e.message.contains("512"), "{}", e.message);
    // A $ref cycle that never moves into the instance: refused at compile time.
    let m = compile_err(
        r##"{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}"##,
    );
    assert!(!m.is_empty());
    // Doubling at every level: stops at the step budget, quickly.
    let mut defs = Vec::new();
    for i in 0..40 {
        defs.push(format!(
            r##""d{i}":{{"anyOf":[{{"$ref":"#/$defs/d{j}"}},{{"$ref":"#/$defs/d{j}"}}]}}"##,
            j = i + 1
        ));
    }
    defs.push(r#""d40":false"#.to_owned());
    let schema = format!(
        r##"{{"$ref":"#/$defs/d0","$defs":{{{}}}}}"##,
        defs.join(",")
    );
    let s = compile(&schema);
    let e = s.validate_json("1").unwrap_err();
    assert_eq!(e.kind, ValidateErrorKind::TooComplex, "{}", e.message);
}

// ---------------------------------------------------------------------------
// Bounded work in the validator (issue #17). The step budget counts
// `uniqueItems` probes and comparisons, `enum` comparisons, `required`
// lookups and `patternProperties` matches, so it doubles as a step counter:
// a validation that succeeds did at most 1 000 000 steps.
// ---------------------------------------------------------------------------

fn too_complex(schema: &Schema, instance: &str) -> String {
    let e = schema.validate_json(instance).unwrap_err();
    assert_eq!(e.kind, ValidateErrorKind::TooComplex, "{}", e.message);
    e.message
}

#[test]
fn unique_items_hashing_spreads_and_is_counted() {
    let s = compile(r#"{"uniqueItems":true}"#);
    // 125 000 distinct integers: with every integer in one hash slot the
    // probes alone were ~7.8e9 steps (TooComplex now that they count).
    let ints: Vec<String> = (0..125_000).map(|i| i.to_string()).collect();
    assert!(failures(&s, &format!("[{}]", ints.join(","))).is_empty());
    let dup = format!("[{},77]", ints.join(","));
    assert_eq!(failures(&s, &dup)[0].params, Params::Duplicate(77, 125_000));
    // 8 000 distinct 300-digit numbers (equal as f64): hashed by their digits.
    let big: Vec<String> = (0..8_000)
        .map(|i| format!("{}{i:05}", "9".repeat(295)))
        .collect();
    assert!(failures(&s, &format!("[{}]", big.join(","))).is_empty());
    let dup = format!("[{},{}0e-1]", big.join(","), big[3]);
    assert_eq!(failures(&s, &dup)[0].params, Params::Duplicate(3, 8_000));
    // 100 000 small objects, and numbers equal by value.
    let objs: Vec<String> = (0..100_000)
        .map(|i| format!(r#"{{"a":{i},"b":[{i}]}}"#))
        .collect();
    assert!(failures(&s, &format!("[{}]", objs.join(","))).is_empty());
    let dup = format!(r#"[{},{{"b":[5.0],"a":5e0}}]"#, objs.join(","));
    assert_eq!(failures(&s, &dup)[0].params, Params::Duplicate(5, 100_000));
    // Comparisons count: 2 000 equal-hash but different 2 000-member
    // objects cannot all be compared within the budget... they are not
    // compared at all unless their hashes match; identical large items are.
    let member: Vec<String> = (0..600).map(|i| format!(r#""k{i}":{i}"#)).collect();
    let obj = format!("{{{}}}", member.join(","));
    let s16 = compile(r#"{"uniqueItems":true}"#);
    let mut items = vec![obj.clone(); 2];
    items.push("1".into());
    assert_eq!(failures(&s16, &format!("[{}]", items.join(","))).len(), 1);
}

#[test]
fn hostile_schemas_end_with_a_clear_error() {
    // An enum of 100 000 objects against a 1 000-member instance.
    let inst: Vec<String> = (0..1_000).map(|i| format!(r#""k{i}":{i}"#)).collect();
    let inst = format!("{{{}}}", inst.join(","));
    let values: Vec<String> = (0..100_000).map(|i| format!(r#"{{"k{i}":{i}}}"#)).collect();
    let s = compile(&format!(r#"{{"enum":[{}]}}"#, values.join(",")));
    let m = too_complex(&s, &inst);
    assert!(m.contains("1000000 steps"), "{m}");
    // The same enum against a small instance is fine (and finds it).
    assert!(failures(&s, r#"{"k99999":99999}"#).is_empty());
    // 1 000 unanchored patternProperties against 5 000 long names.
    let pats: Vec<String> = (0..1_000).map(|i| format!(r#""p{i}x":{{}}"#)).collect();
    let s = compile(&format!(
        r#"{{"patternProperties":{{{}}}}}"#,
        pats.join(",")
    ));
    let long = "n".repeat(300);
    let keys: Vec<String> = (0..5_000).map(|i| format!(r#""{long}{i}":1"#)).collect();
    too_complex(&s, &format!("{{{}}}", keys.join(",")));
    // `required` with 40 000 names against a 40 000-member object: the
    // object's names are indexed once (80 000 steps), not scanned per name.
    let names: Vec<String> = (0..40_000).map(|i| format!(r#""f{i}""#)).collect();
    let s = compile(&format!(r#"{{"required":[{}]}}"#, names.join(",")));
    let members: Vec<String> = (0..40_000)
        .map(|i| format!(r#""f{}":1"#, i + 20_000))
        .collect();
    let f = failures(&s, &format!("{{{}}}", members.join(",")));
    assert_eq!(f.len(), 20_000);
    assert_eq!(f[0].params, Params::Missing("f0".into()));
}

#[test]
fn envelopes_list_at_most_1000_details() {
    let s = compile(r#"{"items":{"type":"string"}}"#);
    let mut details = Vec::new();
    for n in [10_000, 100_000] {
        let inst = format!("[{}1]", "1,".repeat(n - 1));
        let f = failures(&s, &inst);
        assert_eq!(f.len(), n);
        let e = fieldnote::schema::to_envelope(&f, "en");
        assert_eq!(e.details.len(), 1_001);
        let last = e.details.last().unwrap();
        assert_eq!(
            last.message,
            format!("And {} more answers to correct", n - 1_000)
        );
        assert!(e.message.contains(&n.to_string()), "{}", e.message);
        details.push(e.to_json().len());
    }
    // 10× the failures, the same envelope size (give or take the counts' digits).
    assert!(details[1] - details[0] < 16, "{details:?}");
}

#[test]
fn limit_regex_size_and_nesting() {
    let deep = "(".repeat(101) + "a" + &")".repeat(101);
    let e = Regex::new(&deep).unwrap_err();
    assert!(!e.describe().is_empty());
    assert!(Regex::new(&("(".repeat(50) + "a" + &")".repeat(50))).is_ok());
    // Repetitions are unrolled: a pattern whose program would be huge is
    // refused rather than allocated.
    let e = Regex::new("(((a{1000}){1000}){1000})").unwrap_err();
    assert!(e.describe().contains("at character"), "{}", e.describe());
    // Through a schema: a compile error at the pattern's location.
    let m = compile_err(r#"{"properties":{"zip":{"pattern":"(((a{1000}){1000}){1000})"}}}"#);
    assert!(m.contains("/properties/zip/pattern"), "{m}");
}

#[test]
fn limit_message_length_server_text() {
    // A 1 MB field message from a server: cut with an ellipsis.
    let long = "Enter a shorter name ".repeat(40_000);
    let body = envelope_422(&format!(r#"{{"field":"name","message":"{long}"}}"#));
    let n = norm(&Response::new(422, body.as_str()));
    let m = &n.field("name").unwrap()[0];
    assert_eq!(chars(m), MAX_MESSAGE_CHARS);
    assert!(m.ends_with('…') && m.starts_with("Enter a shorter name"));
    // Form-level errors too.
    let body = envelope_422(&format!(r#"{{"field":"","message":"{long}"}}"#));
    let n = norm(&Response::new(422, body.as_str()));
    assert_eq!(chars(&n.form_errors[0]), MAX_MESSAGE_CHARS);
    // A long top-level message is not shown: fieldnote's sentence is.
    let body = format!(r#"{{"error":{{"code":"conflict","message":"{long}"}}}}"#);
    let n = norm(&Response::new(409, body.as_str()));
    assert!(chars(n.message.as_deref().unwrap()) < 200);
}

#[test]
fn limit_message_length_schema_values() {
    let huge = "x".repeat(1 << 20);
    let cases = [
        // A 1 MB label.
        (
            format!(r#"{{"properties":{{"a":{{"title":"{huge}","type":"string"}}}}}}"#),
            r#"{"a":1}"#.to_owned(),
        ),
        // An enum of huge strings (the message names none) and a huge const.
        (
            format!(r#"{{"enum":["{huge}","{huge}y"]}}"#),
            r#""z""#.to_owned(),
        ),
        (format!(r#"{{"const":"{huge}"}}"#), r#""z""#.to_owned()),
        // A huge pattern (as large as the engine compiles).
        (
            format!(r#"{{"pattern":"^{}$"}}"#, "x".repeat(50_000)),
            r#""z""#.to_owned(),
        ),
        // A huge property name (the label is made from it).
        (format!(r#"{{"required":["{huge}"]}}"#), "{}".to_owned()),
        (
            r#"{"propertyNames":{"maxLength":3}}"#.to_owned(),
            format!(r#"{{"{huge}":1}}"#),
        ),
        (
            format!(r#"{{"minimum":1{}}}"#, "0".repeat(100_000)),
            "1".to_owned(),
        ),
        (
            format!(r#"{{"multipleOf":7.{}1}}"#, "0".repeat(100_000)),
            "1".to_owned(),
        ),
    ];
    for (schema, instance) in &cases {
        let s = compile(schema);
        let f = failures(&s, instance);
        assert!(!f.is_empty(), "{}", &schema[..80.min(schema.len())]);
        for f in &f {
            let m = f.message("en");
            assert!(
                chars(&m) <= MAX_ARG_CHARS * 2 + 100,
                "{} chars: {}",
                chars(&m),
                &m[..200]
            );
        }
        for d in fieldnote::schema::to_envelope(&f, "en").details {
            assert!(chars(&d.message) <= MAX_ARG_CHARS * 2 + 100);
        }
    }
    // A cut value ends with an ellipsis.
    let s = compile(&format!(
        r#"{{"properties":{{"a":{{"title":"{huge}","type":"string"}}}}}}"#
    ));
    let m = failures(&s, r#"{"a":1}"#)[0].message("en");
    assert!(m.contains("xx…"), "{m}");
}

#[test]
fn limit_compile_error_length() {
    let huge = "k".repeat(1 << 20);
    for schema in [
        format!(r#"{{"properties":{{"{huge}":{{"pattern":"("}}}}}}"#),
        format!(r#"{{"$ref":"{huge}"}}"#),
        format!(r#"{{"type":"{huge}"}}"#),
    ] {
        let m = compile_err(&schema);
        assert!(m.len() < 2_000, "{} bytes: {}", m.len(), &m[..300]);
    }
}

#[test]
fn limit_report_body() {
    let body = "x ".repeat(100_000);
    let n = norm(&Response::new(500, body.as_str()));
    let r = n.report.unwrap();
    assert!(r.response_body.len() < MAX_BODY_CHARS + 100);
    assert!(r.response_body.ends_with("more bytes not included)"));
    // A JSON body larger than the report keeps: cut, still redacted.
    let json = format!(
        r#"{{"password":"zqsecret1","items":[{}]}}"#,
        vec![r#"{"a":"b"}"#; 5_000].join(",")
    );
    let r = norm(&Response::new(500, json.as_str())).report.unwrap();
    assert!(r.response_body.len() < MAX_BODY_CHARS + 100);
    assert!(!r.text().contains("zqsecret1"));
}

// ---------------------------------------------------------------------------
// Deep input never overflows the stack.
// ---------------------------------------------------------------------------

#[test]
fn deep_values_through_every_recursive_walk() {
    let depth = 256; // the deepest the default parser accepts
    let text = "{\"a\":[".repeat(depth / 2) + "\"Bearer abcdefghijklmn\"" + &"]}".repeat(depth / 2);
    let doc = Document::parse(&text).unwrap();
    let doc2 = Document::parse(&text).unwrap();
    assert!(equal(doc.root(), doc2.root()));
    let mut w = Writer::new();
    w.value(doc.root());
    assert_eq!(w.finish(), text);
    let mut w = Writer::new();
    redact_json(doc.root(), &mut w);
    let out = w.finish();
    assert!(out.contains("[REDACTED]") && !out.contains("abcdefghijklmn"));
    // Schema evaluation on the deepest instance the parser allows.
    let s = compile(
        r##"{"$defs":{"n":{"properties":{"a":{"items":{"$ref":"#/$defs/n"}}}}},"$ref":"#/$defs/n","unevaluatedProperties":false}"##,
    );
    assert!(failures(&s, &text).is_empty());
    let bad = text
        .replace("\"Bearer", "{\"x\":1,\"b\":\"")
        .replacen("abcdefghijklmn\"", "\"}", 1);
    let _ = s.validate_json(&bad);
}

// ---------------------------------------------------------------------------
// ReDoS: `^(a+)+$` against 28 `a`s and `!` takes ~10 s in JS validators.
// ---------------------------------------------------------------------------

#[test]
fn redos_pattern_in_a_schema_answers_fast() {
    let s = compile(r#"{"type":"string","pattern":"^(a+)+$"}"#);
    let evil = |n: usize| format!("\"{}!\"", "a".repeat(n));
    let (e28, e280) = (evil(28), evil(280));
    // Backtracking doubles the work per `a`: 280 would never end.
    linear(
        "^(a+)+$ on 28 / 280 a's + '!'",
        || assert_eq!(failures(&s, &e28).len(), 1),
        || assert_eq!(failures(&s, &e280).len(), 1),
    );
    let f = failures(&s, &e28);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].keyword, "pattern");
    assert!(
        matches!(&f[0].params, Params::Pattern { pattern, too_complex: false, .. } if pattern == "^(a+)+$"),
        "{:?}",
        f[0].params
    );
    assert!(failures(&s, &format!("\"{}\"", "a".repeat(28))).is_empty());
}

#[test]
fn classic_evil_patterns_answer_fast() {
    // Each pattern against `unit` × n + `tail`, and × 10n: no more than
    // linear work. `exact`: the answer at n must be the real one;
    // otherwise (and at 10n) the engine may also give up (the budget).
    let cases: Vec<(&str, &str, usize, &str, bool)> = vec![
        ("^(a+)+$", "a", 5_000, "!", true),
        ("^(a|a)*$", "a", 5_000, "!", true),
        ("^(a|aa)+$", "a", 5_000, "!", true),
        ("^(.*a){12}$", "a", 40, "!", true),
        ("^(\\w+\\s?)*$", "word ", 1_000, " !", true),
        ("(x+x+)+y", "x", 30, "", true),
        ("(x+x+)+y", "x", 5_000, "", false),
        ("^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$",
            "a", 5_000, "!", true),
        ("^(([a-z])+.)+[A-Z]([a-z])+$", "a", 5_000, "", true),
        ("(a*)*b", "a", 30, "", true),
        ("(a*)*b", "a", 5_000, "", false),
    ];
    for (p, unit, n, tail, exact) in cases {
        let re = Regex::new(p).unwrap();
        let (hay, hay10) = (unit.repeat(n) + tail, unit.repeat(10 * n) + tail);
        let got = re.is_match(&hay);
        println!("{p:<40} on {} chars: {got:?}", hay.len());
        if exact {
            assert_eq!(got, Ok(false), "{p}");
        }
        for h in [&hay, &hay10] {
            let got = re.is_match(h);
            assert!(matches!(got, Err(Exhausted) | Ok(false)), "{p}: {got:?}");
        }
        linear(p, || used(re.is_match(&hay)), || used(re.is_match(&hay10)));
    }
}

#[test]
fn backreference_bomb_is_a_clear_failure_not_a_hang() {
    let re = Regex::new("^(a*)*\\1b$").unwrap();
    let (a40, a400) = ("a".repeat(40), "a".repeat(400));
    assert_eq!(re.is_match(&a40), Err(Exhausted));
    assert_eq!(re.is_match(&a400), Err(Exhausted));
    // The budget grows with the input, not the backtracking.
    linear(
        "backreference bomb, 40 / 400 a's",
        || used(re.is_match(&a40)),
        || used(re.is_match(&a400)),
    );
    // Through a schema: a `pattern` failure that says the answer could not
    // be checked, with a sentence for people.
    let s = compile(r#"{"properties":{"code":{"type":"string","pattern":"^(a*)*\\1b$"}}}"#);
    let f = failures(&s, &format!(r#"{{"code":"{}"}}"#, "a".repeat(40)));
    assert_eq!(f.len(), 1);
    assert!(
        matches!(
            &f[0].params,
            Params::Pattern {
                too_complex: true,
                ..
            }
        ),
        "{:?}",
        f[0].params
    );
    let m = f[0].message("en");
    assert!(m.contains("too long to check"), "{m}");
}

#[test]
fn ecma_semantics_kept_for_ordinary_patterns() {
    let cases = [
        // A password rule with lookaheads.
        (
            "^(?=.*[A-Z])(?=.*[a-z])(?=.*\\d)(?=.*[^A-Za-z0-9]).{12,}$",
            "Correct-Horse-9battery",
            true,
        ),
        (
            "^(?=.*[A-Z])(?=.*[a-z])(?=.*\\d)(?=.*[^A-Za-z0-9]).{12,}$",
            "correct-horse-battery",
            false,
        ),
        ("^(?!.*password).*$", "my password", false),
        // Backreferences.
        ("^(\\w+) \\1$", "hello hello", true),
        ("^(\\w+) \\1$", "hello world", false),
        ("^(?<q>['\"]).*\\k<q>$", "'quoted'", true),
        ("^(?<q>['\"]).*\\k<q>$", "'quoted\"", false),
        // Unicode properties (u-mode).
        ("^\\p{L}+$", "Zoë", true),
        ("^\\p{L}+$", "Zoë1", false),
        ("^\\p{Lu}", "Élan", true),
        ("^[\\p{Script=Greek}]+$", "αβγ", true),
        // Classic shapes.
        ("^[0-9]{5}(-[0-9]{4})?$", "12345-6789", true),
        ("^\\d{3}$", "١٢٣", false),
        ("colou?r", "The colour red", true),
    ];
    for (p, hay, want) in cases {
        assert_eq!(
            Regex::new(p).unwrap().is_match(hay),
            Ok(want),
            "{p} on {hay:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// Redaction: support reports never hold credentials.
// ---------------------------------------------------------------------------

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<T: Copy>(&mut self, list: &[T]) -> T {
        list[self.below(list.len())]
    }
    fn coin(&mut self) -> bool {
        self.next() & 1 == 1
    }
}

const SECRET_KEYS: &[&str] = &[
    "password",
    "newPassword",
    "password_confirmation",
    "token",
    "access_token",
    "refreshToken",
    "id_token",
    "secret",
    "client_secret",
    "apiKey",
    "api_key",
    "X-Api-Key",
    "card_number",
    "cardNumber",
    "cvc",
    "CVV",
    "pin",
    "otp",
    "session_id",
    "Authorization",
    "cookie",
    "private_key",
    "credentials",
];

const PLAIN_KEYS: &[&str] = &[
    "email", "name", "items", "quantity", "address", "zip", "note", "user", "data", "meta",
    "status", "id", "tags", "author", "keyboard", "pinned", "title",
];

const WORDS: &[&str] = &[
    "alpha", "beta", "gamma", "delta", "red", "blue", "ok", "yes",
];

/// Secrets planted in one body, to look for afterwards.
struct Planted {
    secrets: Vec<String>,
    rng: Rng,
}

impl Planted {
    fn secret(&mut self) -> String {
        // Unique, and nothing like the surrounding noise.
        let s = format!("zq{:012x}", self.rng.next() & 0xffff_ffff_ffff);
        self.secrets.push(s.clone());
        s
    }

    /// A card number that passes the Luhn check.
    fn card(&mut self) -> String {
        let mut d: Vec<u32> = vec![4];
        while d.len() < 15 {
            d.push((self.rng.next() % 10) as u32);
        }
        let sum: u32 = d
            .iter()
            .rev()
            .enumerate()
            .map(|(k, &x)| {
                if k % 2 == 0 {
                    let y = x * 2;
                    if y > 9 {
                        y - 9
                    } else {
                        y
                    }
                } else {
                    x
                }
            })
            .sum();
        d.push((10 - sum % 10) % 10);
        let s: String = d
            .iter()
            .map(|x| char::from_digit(*x, 10).unwrap())
            .collect();
        self.secrets.push(s.clone());
        s
    }

    fn secret_value(&mut self, w: &mut Writer, key: &str) {
        let k = key.to_ascii_lowercase();
        if k.contains("card") {
            let c = self.card();
            if self.rng.coin() {
                w.string(&c);
            } else {
                w.raw(&c);
            }
            return;
        }
        if k == "cvc" || k == "cvv" || k == "pin" || k == "otp" {
            let n = 100_000_000 + self.rng.next() % 900_000_000;
            let s = n.to_string();
            self.secrets.push(s.clone());
            w.raw(&s);
            return;
        }
        match self.rng.below(4) {
            0 | 1 => {
                let s = self.secret();
                w.string(&s);
            }
            2 => {
                w.begin_array();
                for _ in 0..1 + self.rng.below(3) {
                    let s = self.secret();
                    w.string(&s);
                }
                w.end_array();
            }
            _ => {
                w.begin_object();
                w.key("value");
                let s = self.secret();
                w.string(&s);
                w.end_object();
            }
        }
    }

    /// A random value whose secrets sit at random depths.
    fn value(&mut self, w: &mut Writer, depth: usize) {
        if depth == 0 {
            match self.rng.below(4) {
                0 => w.string(self.rng.pick(WORDS)),
                1 => w.u64(self.rng.next() % 1000),
                2 => {
                    // Credentials in free text: schemes and JWTs.
                    let s = self.secret();
                    match self.rng.below(3) {
                        0 => w.string(&format!("sent Bearer {s} upstream")),
                        1 => w.string(&format!("token eyJhbGciOiJIUzI1NiJ9.{s}.c2ln rejected")),
                        _ => {
                            let c = self.card();
                            let grouped: String = c
                                .as_bytes()
                                .chunks(4)
                                .map(|g| std::str::from_utf8(g).unwrap())
                                .collect::<Vec<_>>()
                                .join(" ");
                            self.secrets.push(grouped.clone());
                            w.string(&format!("card {grouped} was declined"));
                        }
                    }
                }
                _ => w.null(),
            }
            return;
        }
        if self.rng.coin() {
            w.begin_array();
            for _ in 0..1 + self.rng.below(3) {
                let d = depth - 1 - self.rng.below(depth.min(2));
                self.value(w, d);
            }
            w.end_array();
        } else {
            w.begin_object();
            for _ in 0..1 + self.rng.below(4) {
                if self.rng.below(3) == 0 {
                    let k = self.rng.pick(SECRET_KEYS);
                    w.key(k);
                    self.secret_value(w, k);
                } else {
                    w.key(self.rng.pick(PLAIN_KEYS));
                    let d = depth - 1 - self.rng.below(depth.min(2));
                    self.value(w, d);
                }
            }
            w.end_object();
        }
    }

    fn payload(&mut self) -> String {
        let mut w = Writer::new();
        w.begin_object();
        w.key("data");
        let depth = 1 + self.rng.below(10);
        self.value(&mut w, depth);
        let k = self.rng.pick(SECRET_KEYS);
        w.key(k);
        self.secret_value(&mut w, k);
        w.end_object();
        w.finish()
    }

    /// An error body in one of the dialects, carrying the payload.
    fn body(&mut self) -> (String, &'static str) {
        let p = self.payload();
        match self.rng.below(8) {
            0 => (
                format!(
                    r#"{{"error":{{"code":"internal","message":"Something broke on our side","details":[{{"field":"password","message":"Try again later"}}],"context":{p}}}}}"#
                ),
                "application/json",
            ),
            1 => (
                format!(
                    r#"{{"type":"https://example.test/internal","title":"Internal error","status":500,"detail":"The order could not be saved","invalid-params":[{{"name":"password","reason":"weak"}}],"request":{p}}}"#
                ),
                "application/problem+json",
            ),
            2 => (
                format!(
                    r#"{{"errors":[{{"status":"500","source":{{"pointer":"/data/attributes/password"}},"detail":"The order could not be saved","meta":{p}}}]}}"#
                ),
                "application/vnd.api+json",
            ),
            3 => (
                format!(
                    r#"{{"error":{{"code":500,"message":"Internal error encountered.","status":"INTERNAL","details":[{{"@type":"type.googleapis.com/google.rpc.DebugInfo","detail":{p}}}]}}}}"#
                ),
                "application/json",
            ),
            4 => (
                format!(
                    r#"{{"errors":[{{"message":"Unexpected error","extensions":{{"code":"INTERNAL_SERVER_ERROR","variables":{p}}}}}],"data":null}}"#
                ),
                "application/json",
            ),
            // JSON in text: a log line, too long or not JSON at all.
            5 => (format!("upstream failed: {p} (see logs)"), "text/plain"),
            6 => (p, "application/json"),
            _ => {
                // Too deep to parse (read as text), secrets inside.
                let open = "[".repeat(70);
                let close = "]".repeat(70);
                (format!("{open}{p}{close}"), "application/json")
            }
        }
    }

    /// A request body: JSON, form-encoded, or text.
    fn request_body(&mut self) -> String {
        match self.rng.below(3) {
            0 => self.payload(),
            1 => {
                let mut pairs = vec![format!("email={}", self.rng.pick(WORDS))];
                for _ in 0..1 + self.rng.below(4) {
                    let k = self.rng.pick(SECRET_KEYS);
                    let k = if self.rng.coin() {
                        format!("user%5B{k}%5D")
                    } else {
                        k.to_owned()
                    };
                    let v = if k.to_ascii_lowercase().contains("card") {
                        self.card()
                    } else {
                        self.secret()
                    };
                    pairs.push(format!("{k}={v}"));
                    pairs.push(format!(
                        "{}={}",
                        self.rng.pick(PLAIN_KEYS),
                        self.rng.pick(WORDS)
                    ));
                }
                pairs.join("&")
            }
            _ => format!("request {}", self.payload()),
        }
    }

    fn odd_case(&mut self, name: &str) -> String {
        name.chars()
            .map(|c| {
                if self.rng.coin() {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    }

    fn response(&mut self) -> Response<'static> {
        let (body, media) = self.body();
        let status = self.rng.pick(&[500u16, 502, 503, 504]);
        let mut r = Response::new(status, body)
            .header("Content-Type", media)
            .header("X-Request-Id", "req-1");
        let set_cookie = format!("session={}; Path=/; HttpOnly", self.secret());
        r = r.header(self.odd_case("Set-Cookie"), set_cookie);
        let mut h = Headers::new();
        let bearer = format!("Bearer {}", self.secret());
        h.push(self.odd_case("Authorization"), bearer);
        let cookie = format!("sid={}; theme=dark", self.secret());
        h.push(self.odd_case("Cookie"), cookie);
        for name in [
            "X-Api-Key",
            "Api-Key",
            "X-Auth-Token",
            "Proxy-Authorization",
            "X-CSRF-Token",
        ] {
            if self.rng.coin() {
                let v = self.secret();
                h.push(self.odd_case(name), v);
            }
        }
        h.push("Accept", "application/json");
        let url = match self.rng.below(4) {
            0 => format!(
                "https://api.test/v1/orders?page=2&access_token={}",
                self.secret()
            ),
            1 => format!("https://user:{}@api.test/v1/orders", self.secret()),
            2 => format!(
                "https://app.test/callback#access_token={}&state=ok",
                self.secret()
            ),
            _ => format!(
                "https://api.test/v1/orders?api_key={}&sig={}",
                self.secret(),
                self.secret()
            ),
        };
        let body = self.request_body();
        r.request(Request {
            method: "post".into(),
            url: url.into(),
            headers: h,
            body: Some(body.into()),
        })
    }
}

fn assert_no_secret(report: &Report, secrets: &[String], context: &str) {
    let text = report.text();
    let mut w = Writer::new();
    report.write_json(&mut w);
    let json = w.finish();
    for s in secrets {
        assert!(
            !text.contains(s.as_str()) && !json.contains(s.as_str()),
            "secret {s:?} leaked ({context}):\n{text}"
        );
    }
}

#[test]
fn redaction_property_random_bodies() {
    let mut total = 0;
    for seed in 1..=400u64 {
        let mut p = Planted {
            secrets: Vec::new(),
            rng: Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1),
        };
        let resp = p.response();
        let n = norm(&resp);
        let report = n.report.as_ref().expect("5xx responses get a report");
        assert_no_secret(report, &p.secrets, &format!("seed {seed}"));
        // The report as the JS API returns it (inside the result JSON).
        let doc = Document::parse(&n.to_json()).unwrap();
        let mut w = Writer::new();
        w.value(doc.root().get("report").unwrap());
        let json = w.finish();
        for s in &p.secrets {
            assert!(
                !json.contains(s.as_str()),
                "secret {s:?} in the report JSON (seed {seed})"
            );
        }
        total += p.secrets.len();
    }
    assert!(total > 4_000, "only {total} secrets planted");
}

#[test]
fn redaction_fixed_cases() {
    let cases: &[(&str, &str)] = &[
        // GraphQL variables and an inline literal.
        (
            r#"{"query":"mutation { login(email: \"a@b.c\", password: \"zqinline1\") { token } }","variables":{"password":"zqvar1"}}"#,
            "zqinline1 zqvar1",
        ),
        // Card number with dashes in text; CVC as a number.
        (
            "card 4111-1111-1111-1111 cvc: 123456",
            "4111-1111-1111-1111 123456",
        ),
        // Form with a bracketed key and a URL-encoded key.
        (
            "user[password]=zqform1&user%5Btoken%5D=zqform2&x=1",
            "zqform1 zqform2",
        ),
        // JSON without spaces holding an `=`, not parseable.
        (r#"{"password":"zqnear1","q":"a=b""#, "zqnear1"),
        // Header-like lines in a text body.
        ("Authorization: Bearer zqhdr1\nCookie: sid=zqhdr2", "zqhdr1"),
    ];
    for (body, secrets) in cases {
        let resp = Response::new(500, *body).request(Request {
            method: "POST".into(),
            url: "https://api.test/x".into(),
            headers: Headers::new(),
            body: Some((*body).into()),
        });
        let r = Report::build(&resp, NOW, None, "m", &[]);
        let secrets: Vec<String> = secrets.split(' ').map(str::to_owned).collect();
        assert_no_secret(&r, &secrets, body);
    }
}

// ---------------------------------------------------------------------------
// Large inputs stay linear: work that was quadratic in the number of fields
// (grouping, plans, form errors), in scheme words (redaction) or in object
// members (equality) took seconds on a 1 MB body. Each is compared at 1×
// and 10× its size (see `linear`): quadratic work would take 100×.
// ---------------------------------------------------------------------------

#[test]
fn large_inputs_stay_linear() {
    // 3 000 and 30 000 distinct fields in a Rails-style field map (830 kB).
    let field_map = |n: usize| {
        let m: Vec<String> = (0..n)
            .map(|i| format!(r#""f{i}":["can't be blank"]"#))
            .collect();
        format!("{{{}}}", m.join(","))
    };
    let (small, large) = (field_map(3_000), field_map(30_000));
    let fields = |body: &str, n: usize| {
        let r = normalize(&Response::new(422, body), &opts());
        assert_eq!(r.fields.len(), n);
        r
    };
    linear(
        "normalize, 30 000 fields",
        || used(fields(&small, 3_000)),
        || used(fields(&large, 30_000)),
    );
    let plan = |body: &str, n: usize| {
        let doc = Document::parse(&fields(body, n).to_json()).unwrap();
        let outcome = fieldnote::plan::Outcome::from_json(doc.root(), "en");
        let plan = fieldnote::plan::plan(&outcome, &fieldnote::plan::Options::default());
        assert_eq!(plan.fields.len(), n);
        let mut w = Writer::new();
        fieldnote::plan::write_form_errors(
            &outcome,
            fieldnote::paths::Style::Bracket,
            "root.server",
            "en",
            &mut w,
        );
    };
    linear(
        "plan and form errors, 30 000 fields",
        || plan(&small, 3_000),
        || plan(&large, 30_000),
    );
    // A 320 kB header full of scheme words.
    let noise = |n: usize| "token a ".repeat(n);
    let (small, large) = (noise(4_000), noise(40_000));
    let report = |noise: &str| {
        let r = Response::new(500, noise).header("X-Note", noise);
        let report = Report::build(&r, NOW, None, "m", &[]);
        assert!(report.text().contains("token a token a"));
    };
    linear(
        "redaction, 320 kB of scheme words",
        || report(&small),
        || report(&large),
    );
    // Two equal objects of 3 000 and 30 000 members, under `uniqueItems`.
    let pair = |n: usize| {
        let obj = format!(
            "{{{}}}",
            (0..n)
                .map(|i| format!(r#""k{i}":{i}"#))
                .collect::<Vec<_>>()
                .join(",")
        );
        format!("[{obj},{obj}]")
    };
    let (small, large) = (pair(3_000), pair(30_000));
    let s = compile(r#"{"uniqueItems":true}"#);
    linear(
        "equality, 30 000 members",
        || assert_eq!(failures(&s, &small).len(), 1),
        || assert_eq!(failures(&s, &large).len(), 1),
    );
}

/// Clocks from the caller (`now`, attempt times) may be any number.
#[test]
fn any_clock_value_is_safe() {
    for now in [
        f64::MAX,
        -f64::MAX,
        f64::MIN_POSITIVE,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -1.0,
        9.2e18,
        -9.2e18,
        253_402_300_800_000.0, // year 10000
        9.223_372_036_854_775e18,
        -9.223_372_036_854_775e18,
    ] {
        let _ = fieldnote::time::format_iso(now);
        let _ = fieldnote::time::civil_from_days(now as i64);
        let _ = fieldnote::time::days_from_civil(now as i64, 2, 29);
        let resp = Response::new(503, "")
            .header("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT")
            .header("X-RateLimit-Reset", "99999999999999999999");
        let o = NormalizeOptions {
            now_ms: Some(now),
            attempts_ms: &[now, -now],
            ..NormalizeOptions::default()
        };
        let n = normalize(&resp, &o);
        targets::check_normalized(&n);
        let _ = fieldnote::token::should_refresh("a.eyJleHAiOjF9.c", now, now);
        let _ = fieldnote::retry::backoff(u32::MAX, now, now, now);
    }
}

/// Numbers with extreme exponents in `multipleOf`, limits and instances.
#[test]
fn extreme_numbers_are_safe() {
    let big = "1e99999999999999999999999";
    let tiny = "1e-99999999999999999999999";
    for (schema, instance) in [
        (format!(r#"{{"multipleOf":{tiny}}}"#), big.to_owned()),
        (format!(r#"{{"multipleOf":{big}}}"#), tiny.to_owned()),
        (
            r#"{"multipleOf":1e-9223372036854775807}"#.to_owned(),
            "1e9223372036854775807".to_owned(),
        ),
        (
            r#"{"multipleOf":7e-9223372036854775808}"#.to_owned(),
            "-3e9223372036854775807".to_owned(),
        ),
        (
            format!(r#"{{"maximum":{tiny},"minimum":-{big}}}"#),
            big.to_owned(),
        ),
        (
            format!(r#"{{"const":{big}}}"#),
            "1e99999999999999999999998".to_owned(),
        ),
        (format!(r#"{{"enum":[{tiny},0]}}"#), "0.0".to_owned()),
    ] {
        let s = compile(&schema);
        let _ = s.validate_json(&instance).unwrap();
        for f in s.validate_json(&instance).unwrap() {
            assert!(chars(&f.message("en")) <= MAX_MESSAGE_CHARS);
        }
    }
}

/// Field maps nested deeper than the walkers go (32 levels) are not read.
#[test]
fn limit_field_map_walk_depth() {
    let nested = |depth: usize| {
        "{\"a\":".repeat(depth) + "[\"This field is required.\"]" + &"}".repeat(depth)
    };
    let n = norm(&Response::new(400, nested(3).as_str()));
    assert_eq!(n.fields.len(), 1, "{:?}", n.fields);
    let n = norm(&Response::new(400, nested(40).as_str()));
    assert!(n.fields.is_empty());
}

/// Past the memo's 4 MiB of visited-state bits, matching backtracks under
/// the step budget: a clear answer or `Exhausted`, after work linear in the
/// input (12 000 characters, within the memo, against 120 000, past it).
#[test]
fn limit_regex_memo_size() {
    let re = Regex::new(&format!("^{}$", "(?:a+)".repeat(300))).unwrap();
    let (small, large) = ("a".repeat(12_000) + "!", "a".repeat(120_000) + "!");
    for hay in [&small, &large] {
        let got = re.is_match(hay);
        assert!(matches!(got, Ok(false) | Err(Exhausted)), "{got:?}");
    }
    linear(
        "memo cap, 120 000 characters",
        || used(re.is_match(&small)),
        || used(re.is_match(&large)),
    );
    // Even a matching input may need more steps than the budget there: the
    // answer is never wrong, and never late.
    let (small, large) = (&small[..12_000], &large[..120_000]);
    for hay in [small, large] {
        let got = re.is_match(hay);
        assert!(matches!(got, Ok(true) | Err(Exhausted)), "{got:?}");
    }
    linear(
        "memo cap, 120 000 characters that match",
        || used(re.is_match(small)),
        || used(re.is_match(large)),
    );
}

/// Figures for the README's "Limits and safety" (issue #17's worst cases),
/// printed, not asserted: `cargo test --release --test hardening -- --ignored --nocapture issue17`.
#[test]
#[ignore = "timing; run by hand with --release"]
fn issue17_figures() {
    let time = |what: &str, f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        println!("{what}: {:?}", t.elapsed());
    };
    let s = compile(r#"{"uniqueItems":true}"#);
    let ints = format!(
        "[{}]",
        (0..125_000)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    );
    time("uniqueItems, 125k distinct ints", &mut || {
        assert!(failures(&s, &ints).is_empty())
    });
    let big = format!(
        "[{}]",
        (0..8_000)
            .map(|i| format!("{}{i:05}", "9".repeat(295)))
            .collect::<Vec<_>>()
            .join(",")
    );
    time("uniqueItems, 8k 300-digit numbers", &mut || {
        assert!(failures(&s, &big).is_empty())
    });
    let objs = format!(
        "[{}]",
        (0..100_000)
            .map(|i| format!(r#"{{"a":{i}}}"#))
            .collect::<Vec<_>>()
            .join(",")
    );
    time("uniqueItems, 100k small objects", &mut || {
        assert!(failures(&s, &objs).is_empty())
    });
    let inst = format!(
        "{{{}}}",
        (0..1_000)
            .map(|i| format!(r#""k{i}":{i}"#))
            .collect::<Vec<_>>()
            .join(",")
    );
    let e = compile(&format!(
        r#"{{"enum":[{}]}}"#,
        (0..100_000)
            .map(|i| format!(r#"{{"k{i}":{i}}}"#))
            .collect::<Vec<_>>()
            .join(",")
    ));
    time(
        "enum of 100k objects vs 1k members (TooComplex)",
        &mut || assert!(e.validate_json(&inst).is_err()),
    );
    let pats = compile(&format!(
        r#"{{"patternProperties":{{{}}}}}"#,
        (0..1_000)
            .map(|i| format!(r#""p{i}x":{{}}"#))
            .collect::<Vec<_>>()
            .join(",")
    ));
    let long = "n".repeat(300);
    let keys = format!(
        "{{{}}}",
        (0..5_000)
            .map(|i| format!(r#""{long}{i}":1"#))
            .collect::<Vec<_>>()
            .join(",")
    );
    time(
        "1k patternProperties vs 5k long names (TooComplex)",
        &mut || assert!(pats.validate_json(&keys).is_err()),
    );
    let req = compile(&format!(
        r#"{{"required":[{}]}}"#,
        (0..40_000)
            .map(|i| format!(r#""f{i}""#))
            .collect::<Vec<_>>()
            .join(",")
    ));
    let obj = format!(
        "{{{}}}",
        (0..40_000)
            .map(|i| format!(r#""f{}":1"#, i + 1))
            .collect::<Vec<_>>()
            .join(",")
    );
    time("required 40k vs 40k members", &mut || {
        assert_eq!(failures(&req, &obj).len(), 1)
    });
    let items = compile(r#"{"items":{"type":"string"}}"#);
    let ones = format!("[{}1]", "1,".repeat(99_999));
    let f = failures(&items, &ones);
    time("envelope for 100k failures", &mut || {
        assert_eq!(
            fieldnote::schema::to_envelope(&f, "en").details.len(),
            1_001
        )
    });
    let form = "a=b&".repeat(15_000_000);
    time("report on a 60 MB form body", &mut || {
        let _ = Report::build(&Response::new(500, form.as_str()), NOW, None, "m", &[]).text();
    });
    let hostile = "\"password\":".repeat(6_000);
    time("report on 64 KiB of hostile text", &mut || {
        let _ = Report::build(&Response::new(500, hostile.as_str()), NOW, None, "m", &[]).text();
    });
}
