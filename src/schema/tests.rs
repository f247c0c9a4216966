//! Behaviour tests for the validator (the official suite runs in
//! `tests/conformance.rs`).

use super::*;
use crate::json::Document;

fn schema(s: &str) -> Schema {
    Schema::compile(s, &Registry::new(), &Options::default()).unwrap()
}

#[test]
fn smoke() {
    let s = schema(
        r#"{"type":"object","properties":{"a":{"type":"string","minLength":2}},"required":["a","b"]}"#,
    );
    let d = Document::parse(r#"{"a":"x"}"#).unwrap();
    assert!(!s.is_valid(d.root()).unwrap());
    let f = s.validate(d.root()).unwrap();
    assert_eq!(f.len(), 2, "{f:?}");
}
