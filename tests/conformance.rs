//! The official JSON-Schema-Test-Suite (tests/json-schema-test-suite):
//! drafts 2020-12, 2019-09, 7, 6 and 4.
//!
//! Prints exactly one line per part on stdout (`make conformance` greps
//! `^suite `):
//!   suite draft2020-12 required P/T
//!   suite draft2020-12 optional P/T
//!   suite draft2020-12 format P/T
//!   (the same for draft2019-09, draft7, draft6 and draft4)
//! "optional" is optional/ without optional/format/; "format" is
//! optional/format/. Fails if any required test fails, naming each one.
//! Set FIELDNOTE_SUITE_VERBOSE=1 to list optional failures on stderr.
//! Also checks that `is_valid` allocates nothing on the required tests.
//!
//! Each test passes only if `is_valid`, `validate` and `validate_json`
//! all give the expected answer, and `validate_json_f64` (numbers as JS
//! doubles) the same answer (the suite's big numbers happen to round to
//! the same verdicts). Required tests run with `formats: false`
//! (format is an annotation by default, as the required `format.json`
//! expects); optional/format/ with `formats: true`; other optional files
//! with what they imply (`content.json`: content assertion;
//! `format-assertion.json`: the vocabulary, so `formats: false`).

mod suite;

use std::fs;
use std::path::Path;

mod alloc_count;
use alloc_count::allocations;

use fieldnote::json::{Document, Value};
use fieldnote::schema::{Draft, Options, Registry, Schema};
use suite::{add_remotes, files, to_text};

#[derive(Default)]
struct Tally {
    passed: usize,
    total: usize,
    failed: Vec<String>,
}

fn check(schema: &Schema, data: Value<'_>) -> Result<bool, String> {
    let fast = schema.is_valid(data).map_err(|e| e.message)?;
    let all = schema.validate(data).map_err(|e| e.message)?;
    let text = schema
        .validate_json(&to_text(data))
        .map_err(|e| e.message)?;
    if fast != all.is_empty() || all != text {
        return Err(format!(
            "is_valid says {fast} but validate found {} failures ({} from text): {all:?}",
            all.len(),
            text.len()
        ));
    }
    let js = schema
        .validate_json_f64(&to_text(data))
        .map_err(|e| e.message)?;
    if js.is_empty() != fast {
        return Err(format!(
            "validate_json_f64 says {} where is_valid says {fast}",
            js.is_empty()
        ));
    }
    Ok(fast)
}

fn run_file(path: &Path, reg: &Registry, opts: &Options, tally: &mut Tally) {
    let name = path
        .strip_prefix(suite::root())
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned();
    let doc = Document::parse(&fs::read_to_string(path).unwrap()).unwrap();
    for group in doc.root().items() {
        let desc = group
            .get("description")
            .and_then(|d| d.as_str())
            .unwrap_or_default();
        let schema_text = to_text(group.get("schema").unwrap());
        let compiled = std::panic::catch_unwind(|| Schema::compile(&schema_text, reg, opts));
        for test in group.get("tests").unwrap().items() {
            tally.total += 1;
            let tdesc = test
                .get("description")
                .and_then(|d| d.as_str())
                .unwrap_or_default();
            let data = test.get("data").unwrap();
            let want = test.get("valid").and_then(|v| v.as_bool()).unwrap();
            let got = match &compiled {
                Err(_) => Err("compile panicked".to_owned()),
                Ok(Err(e)) => Err(format!("compile error: {}", e.message)),
                Ok(Ok(s)) => {
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(s, data)))
                        .unwrap_or_else(|_| Err("validation panicked".to_owned()))
                }
            };
            match got {
                Ok(v) if v == want => tally.passed += 1,
                Ok(v) => tally.failed.push(format!(
                    "{name}: {desc} / {tdesc}: expected valid={want}, got {v}"
                )),
                Err(e) => tally.failed.push(format!("{name}: {desc} / {tdesc}: {e}")),
            }
        }
    }
}

fn run_draft(label: &str, dir: &str, draft: Draft, reg: &Registry) -> Vec<String> {
    let root = suite::root().join("tests").join(dir);
    let base = Options {
        formats: false,
        default_draft: draft,
        ..Options::default()
    };
    let mut required = Tally::default();
    for f in files(&root) {
        run_file(&f, reg, &base, &mut required);
    }
    let mut optional = Tally::default();
    for f in files(&root.join("optional")) {
        let opts = Options {
            content_assertion: f.file_name().is_some_and(|n| n == "content.json"),
            ..base
        };
        run_file(&f, reg, &opts, &mut optional);
    }
    let mut format = Tally::default();
    for f in files(&root.join("optional/format")) {
        let opts = Options {
            formats: true,
            ..base
        };
        run_file(&f, reg, &opts, &mut format);
    }
    for (part, t) in [
        ("required", &required),
        ("optional", &optional),
        ("format", &format),
    ] {
        println!("suite {label} {part} {}/{}", t.passed, t.total);
    }
    if std::env::var_os("FIELDNOTE_SUITE_VERBOSE").is_some() {
        for f in optional.failed.iter().chain(&format.failed) {
            eprintln!("optional failure: {f}");
        }
    }
    required.failed
}

#[test]
fn json_schema_test_suite() {
    let mut reg = Registry::new();
    add_remotes(
        &mut reg,
        &suite::root().join("remotes"),
        "http://localhost:1234/",
    );
    let mut failed = run_draft("draft2020-12", "draft2020-12", Draft::Draft2020_12, &reg);
    failed.extend(run_draft(
        "draft2019-09",
        "draft2019-09",
        Draft::Draft2019_09,
        &reg,
    ));
    failed.extend(run_draft("draft7", "draft7", Draft::Draft7, &reg));
    failed.extend(run_draft("draft6", "draft6", Draft::Draft6, &reg));
    failed.extend(run_draft("draft4", "draft4", Draft::Draft4, &reg));
    // In the same test, so that nothing else writes to stdout meanwhile.
    is_valid_allocates_nothing(&reg);
    assert!(
        failed.is_empty(),
        "{} required tests failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

/// `is_valid` allocates nothing, on every required suite test except
/// where an allocation is documented: strings with escapes are decoded
/// (instances or schemas whose text has a backslash), and the regex engine
/// has its own scratch space (schemas with `pattern`/`patternProperties`).
fn is_valid_allocates_nothing(reg: &Registry) {
    let mut report = Vec::new();
    let mut checked = 0;
    for (dir, draft) in [
        ("draft2020-12", Draft::Draft2020_12),
        ("draft2019-09", Draft::Draft2019_09),
        ("draft7", Draft::Draft7),
        ("draft6", Draft::Draft6),
        ("draft4", Draft::Draft4),
    ] {
        let opts = Options {
            formats: false,
            default_draft: draft,
            ..Options::default()
        };
        for f in files(&suite::root().join("tests").join(dir)) {
            let doc = Document::parse(&fs::read_to_string(&f).unwrap()).unwrap();
            for group in doc.root().items() {
                let schema_text = to_text(group.get("schema").unwrap());
                if schema_text.contains("\"pattern") || schema_text.contains('\\') {
                    continue;
                }
                let Ok(s) = Schema::compile(&schema_text, reg, &opts) else {
                    continue;
                };
                for test in group.get("tests").unwrap().items() {
                    // Re-serialized: strings keep escapes only where JSON
                    // needs them.
                    let text = to_text(test.get("data").unwrap());
                    if text.contains('\\') {
                        continue;
                    }
                    let instance = Document::parse(&text).unwrap();
                    let data = instance.root();
                    let n = allocations(|| {
                        let _ = s.is_valid(data);
                    });
                    checked += 1;
                    if n > 0 {
                        report.push(format!(
                            "{}: {} / {}: {n}",
                            f.file_name().unwrap().to_string_lossy(),
                            group
                                .get("description")
                                .and_then(|d| d.as_str())
                                .unwrap_or_default(),
                            test.get("description")
                                .and_then(|d| d.as_str())
                                .unwrap_or_default()
                        ));
                    }
                }
            }
        }
    }
    assert!(checked > 1800, "only {checked} checked");
    assert!(
        report.is_empty(),
        "{} allocating tests:\n{}",
        report.len(),
        report.join("\n")
    );
}
