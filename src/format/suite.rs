//! Runs the JSON-Schema-Test-Suite's `optional/format` files (draft 2020-12
//! and draft-07) against [`super::check`]: every test whose data is a string
//! (formats ignore other types). Prints pass counts per file; fails on any
//! mismatch. The suite is the project's copy in `tests/json-schema-test-suite`.

use crate::json::{Document, Kind};
use std::path::{Path, PathBuf};

fn suite_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/json-schema-test-suite")
}

#[test]
fn suite_formats() {
    let root = suite_root();
    let mut failures = Vec::new();
    for draft in ["draft2020-12", "draft7"] {
        let dir = root.join("tests").join(draft).join("optional/format");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("format dir")
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("read");
            let doc = Document::parse(&text).expect("parse");
            let (mut pass, mut total) = (0, 0);
            for group in doc.root().items() {
                let Some(format) = group.pointer("/schema/format").and_then(|f| f.as_str()) else {
                    continue;
                };
                for test in group.get("tests").expect("tests").items() {
                    let data = test.get("data").expect("data");
                    if data.kind() != Kind::String {
                        continue;
                    }
                    let value = data.as_str().expect("string");
                    let expected = test.get("valid").and_then(|v| v.as_bool()).expect("valid");
                    // Unknown names are ignored, i.e. valid.
                    let got = super::check(&format, &value).unwrap_or(true);
                    total += 1;
                    if got == expected {
                        pass += 1;
                    } else {
                        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("?");
                        let what = test
                            .get("description")
                            .and_then(|d| d.as_str())
                            .unwrap_or_default();
                        failures.push(format!(
                            "{draft}/{name}: {value:?} expected {expected} ({what})"
                        ));
                    }
                }
            }
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("?");
            println!("{draft}/{name}: {pass}/{total}");
        }
    }
    for f in &failures {
        println!("FAIL {f}");
    }
    assert!(
        failures.is_empty(),
        "{} format suite failures",
        failures.len()
    );
}
