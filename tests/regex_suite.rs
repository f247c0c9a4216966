//! Every regex in the JSON-Schema-Test-Suite's pattern files, checked
//! against the expected results: `pattern` on string instances,
//! `patternProperties` on objects (with the few simple subschemas those files
//! use), and `format: "regex"` (valid iff the pattern compiles).
//!
//! Reads the project copy (`tests/json-schema-test-suite`).

use std::path::PathBuf;

use fieldnote::json::{Document, Kind, Value};
use fieldnote::regex::Regex;

const FILES: &[&str] = &[
    "optional/ecmascript-regex.json",
    "optional/non-bmp-regex.json",
    "optional/format/ecmascript-regex.json",
    "optional/format/regex.json",
    "pattern.json",
    "patternProperties.json",
];

fn suite_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/json-schema-test-suite")
}

fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("{pattern:?}: {}", e.describe()))
}

fn matches(pattern: &str, s: &str) -> bool {
    compile(pattern)
        .is_match(s)
        .unwrap_or_else(|_| panic!("{pattern:?} ran out of steps on {s:?}"))
}

/// The subschemas the patternProperties files use: booleans, `type`, `maximum`.
fn simple_valid(schema: Value<'_>, v: Value<'_>) -> bool {
    match schema.kind() {
        Kind::Bool => return schema.as_bool() == Some(true),
        Kind::Object => {}
        _ => panic!("unexpected subschema"),
    }
    for (k, s) in schema.members() {
        let ok = match &*k {
            "type" => match s.as_str().as_deref() {
                Some("integer") => v.kind() == Kind::Number && v.is_integer(),
                Some("number") => v.kind() == Kind::Number,
                Some("string") => v.kind() == Kind::String,
                Some("boolean") => v.kind() == Kind::Bool,
                Some("null") => v.kind() == Kind::Null,
                Some("object") => v.kind() == Kind::Object,
                Some("array") => v.kind() == Kind::Array,
                other => panic!("type {other:?}"),
            },
            "maximum" => v.kind() != Kind::Number || v.as_f64() <= s.as_f64(),
            _ => panic!("keyword {k} is not handled here"),
        };
        if !ok {
            return false;
        }
    }
    true
}

/// The expected result of one test, by this file's rules, or `None` when the
/// instance is one `pattern` does not look at.
fn evaluate(schema: Value<'_>, data: Value<'_>) -> Option<bool> {
    if let Some(p) = schema.get("pattern").and_then(|p| p.as_str()) {
        let s = data.as_str()?;
        return Some(matches(&p, &s));
    }
    if schema.get("format").and_then(|f| f.as_str()).as_deref() == Some("regex") {
        let s = data.as_str()?;
        return Some(Regex::new(&s).is_ok());
    }
    let props = schema.get("patternProperties")?;
    if data.kind() != Kind::Object {
        return None;
    }
    let additional = schema.get("additionalProperties").and_then(|a| a.as_bool());
    let compiled: Vec<(Regex, Value<'_>)> =
        props.members().map(|(p, s)| (compile(&p), s)).collect();
    for (key, value) in data.members() {
        let mut matched = false;
        for (re, sub) in &compiled {
            if re.is_match(&key).expect("steps") {
                matched = true;
                if !simple_valid(*sub, value) {
                    return Some(false);
                }
            }
        }
        if !matched && additional == Some(false) {
            return Some(false);
        }
    }
    Some(true)
}

#[test]
fn suite_regex_tests() {
    let root = suite_root();
    let mut failures = Vec::new();
    let mut total = 0;
    for draft in ["draft2020-12", "draft7"] {
        for file in FILES {
            let path = root.join("tests").join(draft).join(file);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let doc = Document::parse(&text).expect("suite file is JSON");
            let (mut passed, mut count) = (0, 0);
            for group in doc.root().items() {
                let schema = group.get("schema").expect("schema");
                let gdesc = group
                    .get("description")
                    .and_then(|d| d.as_str())
                    .unwrap_or_default();
                for test in group.get("tests").expect("tests").items() {
                    let data = test.get("data").expect("data");
                    let valid = test.get("valid").and_then(|v| v.as_bool()).expect("valid");
                    let Some(got) = evaluate(schema, data) else {
                        continue;
                    };
                    count += 1;
                    if got == valid {
                        passed += 1;
                    } else {
                        let desc = test
                            .get("description")
                            .and_then(|d| d.as_str())
                            .unwrap_or_default();
                        failures.push(format!(
                            "{draft}/{file}: {gdesc} / {desc}: expected {valid}"
                        ));
                    }
                }
            }
            println!("{draft}/{file}: {passed}/{count} passed");
            total += count;
        }
    }
    assert!(total > 0, "no regex tests found under {}", root.display());
    assert!(failures.is_empty(), "failures:\n{}", failures.join("\n"));
}
