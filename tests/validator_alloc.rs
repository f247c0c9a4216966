//! The validator's success path allocates nothing: `validate_json` on a
//! valid form is the call the npm package's `validate(value)` makes (its
//! parser's buffers are warm after the first call); failures and their
//! wording are built only when something failed. Patterns are left out:
//! the regex engine keeps its own scratch space (see the conformance test).

use fieldnote::schema::{Options, Registry, Schema};

mod alloc_count;
use alloc_count::allocations;

const FORM: &str = r#"{
  "type": "object",
  "required": ["fullName", "email", "dateOfBirth", "address", "orderItems", "terms"],
  "properties": {
    "fullName": {"type": "string", "minLength": 1, "maxLength": 70, "errorMessage": "Enter your full name"},
    "email": {"type": "string", "format": "email"},
    "dateOfBirth": {"type": "string", "format": "date", "formatExclusiveMaximum": "2026-11-24"},
    "age": {"type": ["integer", "null"], "minimum": 16},
    "address": {"type": "object", "required": ["line1"], "properties": {"line1": {"type": "string"}, "town": {"type": "string"}}},
    "orderItems": {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["name"],
      "properties": {"name": {"type": "string"}, "quantity": {"type": "integer", "minimum": 1}}}},
    "contact": {"enum": ["email", "phone"]},
    "terms": {"const": true}
  }
}"#;

const VALID: &str = r#"{"fullName":"Ada Lovelace","email":"ada@example.com","dateOfBirth":"1990-03-27","age":35,
  "address":{"line1":"1 High Street","town":"London"},"orderItems":[{"name":"Tea","quantity":2}],
  "contact":"email","terms":true}"#;

#[test]
fn validating_a_valid_form_allocates_nothing() {
    let s = Schema::compile(FORM, &Registry::new(), &Options::default()).unwrap();
    // The first call sizes the parser's reusable buffers.
    assert!(s.validate_json(VALID).unwrap().is_empty());
    let n = allocations(|| {
        let failures = s.validate_json(VALID).unwrap();
        assert!(failures.is_empty());
    });
    assert_eq!(n, 0, "validate_json allocated {n} times on a valid form");
    // Failures are built only when there are some.
    let n = allocations(|| {
        let failures = s.validate_json(r#"{"terms":false}"#).unwrap();
        assert!(!failures.is_empty());
    });
    assert!(n > 0);
}
