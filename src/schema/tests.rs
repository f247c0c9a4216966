//! Behaviour tests for the validator: output shape, limits, hostile input.
//! The official suite runs in `tests/conformance.rs`.

use super::*;
use crate::json::{Document, Limits};

fn compile(s: &str) -> Result<Schema, CompileError> {
    Schema::compile(s, &Registry::new(), &Options::default())
}

fn schema(s: &str) -> Schema {
    compile(s).unwrap_or_else(|e| panic!("{}", e.message))
}

fn schema_with(reg: &Registry, s: &str) -> Schema {
    Schema::compile(s, reg, &Options::default()).unwrap_or_else(|e| panic!("{}", e.message))
}

fn failures(s: &Schema, instance: &str) -> Vec<Failure> {
    s.validate_json(instance).unwrap()
}

/// `path keyword` of each failure.
fn summary(s: &Schema, instance: &str) -> Vec<String> {
    failures(s, instance)
        .iter()
        .map(|f| [f.path.as_str(), " ", f.keyword].concat())
        .collect()
}

#[test]
fn required_reports_the_missing_field_with_its_title() {
    let s = schema(
        r##"{"type":"object","required":["email","name"],
            "properties":{"email":{"$ref":"#/$defs/email"},"name":{"title":"Full name","type":"string"}},
            "$defs":{"email":{"title":"Email address","type":"string"}}}"##,
    );
    let f = failures(&s, "{}");
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].path, "email");
    assert_eq!(f[0].keyword, "required");
    assert_eq!(f[0].params, Params::Missing("email".into()));
    assert_eq!(f[0].schema_path, "#/required");
    assert_eq!(f[0].title.as_deref(), Some("Email address"));
    assert_eq!(f[1].title.as_deref(), Some("Full name"));
    assert_eq!(f[0].message("en"), "Enter email address");
}

#[test]
fn leaf_failures_only() {
    let s = schema(
        r#"{"allOf":[{"properties":{"a":{"allOf":[{"minLength":3}]}}}],
            "properties":{"b":{"items":{"type":"integer"}}}}"#,
    );
    assert_eq!(
        summary(&s, r#"{"a":"x","b":[1,"two",3.5]}"#),
        ["a minLength", "b.1 type", "b.2 type"]
    );
    let f = failures(&s, r#"{"a":"x"}"#);
    assert_eq!(f[0].schema_path, "#/allOf/0/properties/a/allOf/0/minLength");
}

#[test]
fn any_of_reports_the_branch_that_fits_the_type() {
    let s = schema(r#"{"anyOf":[{"type":"string","minLength":3},{"type":"null"}]}"#);
    assert_eq!(summary(&s, r#""ab""#), [" minLength"]);
    assert_eq!(summary(&s, "5"), [" anyOf"]);
    assert!(summary(&s, "null").is_empty());
    let s = schema(r#"{"oneOf":[{"type":"integer"},{"minimum":2}]}"#);
    let f = failures(&s, "3");
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].keyword, &f[0].params),
        ("oneOf", &Params::Passing(0, 1))
    );
    assert_eq!(summary(&s, "1.5"), [" minimum"]);
    assert!(summary(&s, "1").is_empty());
    let s = schema(r#"{"oneOf":[{"required":["a"]},{"required":["b"]}]}"#);
    assert_eq!(summary(&s, "{}"), [" oneOf"]);
}

#[test]
fn not_and_false_schemas_are_one_failure_each() {
    let s = schema(
        r#"{"properties":{"a":{"not":{"type":"string","minLength":1}},"b":false},
            "additionalProperties":false}"#,
    );
    assert_eq!(
        summary(&s, r#"{"a":"x","b":1,"c":2}"#),
        ["a not", "b false schema", "c additionalProperties"]
    );
    let f = failures(&s, r#"{"c":2}"#);
    assert_eq!(f[0].params, Params::AdditionalProperty("c".into()));
    assert_eq!(f[0].schema_path, "#/additionalProperties");
    let s = schema(r#"{"prefixItems":[true],"items":false}"#);
    let f = failures(&s, "[1,2,3]");
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].keyword, &f[0].params), ("items", &Params::Limit(1)));
}

#[test]
fn params_and_json_output() {
    let s = schema(
        r#"{"properties":{"n":{"exclusiveMaximum":10,"multipleOf":0.01},
            "e":{"enum":["a","b"]},"z":{"pattern":"^9"},"t":{"type":["string","null"]},
            "f":{"format":"nope"},"u":{"uniqueItems":true}}}"#,
    );
    let f = failures(&s, r#"{"n":10.001,"e":"c","t":1,"f":"x","u":[1,[2],1.0]}"#);
    let mut w = crate::json::Writer::new();
    w.begin_array();
    for x in &f {
        x.write_json(&mut w);
    }
    w.end_array();
    assert_eq!(
        w.finish(),
        concat!(
            r##"[{"path":"n","keyword":"exclusiveMaximum","params":{"comparison":"<","limit":10},"schemaPath":"#/properties/n/exclusiveMaximum"},"##,
            r##"{"path":"n","keyword":"multipleOf","params":{"multipleOf":0.01},"schemaPath":"#/properties/n/multipleOf"},"##,
            r##"{"path":"e","keyword":"enum","params":{"allowedValues":["a","b"]},"schemaPath":"#/properties/e/enum"},"##,
            r##"{"path":"t","keyword":"type","params":{"type":"null,string"},"schemaPath":"#/properties/t/type"},"##,
            r##"{"path":"u","keyword":"uniqueItems","params":{"i":0,"j":2},"schemaPath":"#/properties/u/uniqueItems"}]"##
        )
    );
}

#[test]
fn envelope_for_a_form() {
    let s = schema(
        r#"{"type":"object","required":["email"],"properties":{
            "email":{"type":"string","title":"Email address"},
            "password":{"type":"string","maxLength":8},
            "age":{"type":"integer","minimum":18}}}"#,
    );
    let f = failures(&s, r#"{"password":"123456789","age":17.5}"#);
    let e = to_envelope(&f, "en");
    assert_eq!(
        e.to_json(),
        concat!(
            r#"{"error":{"code":"validation_failed","message":"Correct the 3 marked answers and try again","details":["#,
            r#"{"field":"email","message":"Enter email address"},"#,
            r#"{"field":"password","message":"Password must be 8 characters or fewer"},"#,
            r#"{"field":"age","message":"Age must be a whole number, like 12"},"#,
            r#"{"field":"age","message":"Age must be 18 or more"}]}}"#
        )
    );
}

#[test]
fn registry_and_cross_document_refs() {
    let mut reg = Registry::new();
    reg.add(
        "http://example.com/address.json",
        r#"{"type":"object","required":["zip"],"properties":{"zip":{"type":"string"}}}"#,
    )
    .unwrap();
    reg.add("names.json", r#"{"$defs":{"first":{"type":"string"}}}"#)
        .unwrap();
    let s = schema_with(
        &reg,
        r##"{"properties":{"n":{"$ref":"names.json#/$defs/first"}}}"##,
    );
    assert_eq!(summary(&s, r#"{"n":1}"#), ["n type"]);
    let e = Schema::compile(r#"{"$ref":"nope.json"}"#, &reg, &Options::default()).unwrap_err();
    assert_eq!(e.message, "$ref at /$ref: no schema found for 'nope.json'");
    let s = Schema::compile(
        r#"{"$id":"http://example.com/form.json","properties":{"home":{"$ref":"address.json"}}}"#,
        &reg,
        &Options::default(),
    )
    .unwrap();
    let f = failures(&s, r#"{"home":{"zip":5}}"#);
    assert_eq!(f[0].path, "home.zip");
    assert_eq!(
        f[0].schema_path,
        "http://example.com/address.json#/properties/zip/type"
    );
    // The metaschemas are built in.
    let s = schema(r#"{"$ref":"https://json-schema.org/draft/2020-12/schema"}"#);
    assert!(summary(&s, r#"{"minLength":1}"#).is_empty());
    assert_eq!(summary(&s, r#"{"minLength":-1}"#), ["minLength minimum"]);
    let s = schema(r#"{"$ref":"http://json-schema.org/draft-07/schema#"}"#);
    assert_eq!(summary(&s, r#"{"type":"nope"}"#), ["type enum"]);
    assert!(reg.add("http://x/", "{").is_err());
}

#[test]
fn drafts() {
    let d7 = r##"{"$schema":"http://json-schema.org/draft-07/schema#",
        "definitions":{"s":{"type":"string"}},
        "properties":{"a":{"$ref":"#/definitions/s","maxLength":1}},
        "items":[{"type":"integer"}],"additionalItems":false}"##;
    let s = schema(d7);
    // `$ref` overrides its siblings in draft-07.
    assert!(summary(&s, r#"{"a":"long"}"#).is_empty());
    assert_eq!(summary(&s, "[1,2]"), [" additionalItems"]);
    let o = Options {
        default_draft: Draft::Draft7,
        ..Options::default()
    };
    let s = Schema::compile(r#"{"items":[{"type":"integer"}]}"#, &Registry::new(), &o).unwrap();
    assert_eq!(summary(&s, r#"["x"]"#), ["0 type"]);
    // Unknown `$schema` is an error.
    let e = compile(r#"{"$schema":"http://example.com/nope"}"#).unwrap_err();
    assert_eq!(
        e.message,
        "$schema at the root: unknown $schema 'http://example.com/nope'"
    );
}

#[test]
fn draft_04_and_06() {
    // Draft-04: `id` sets the base URI and names anchors; the exclusive
    // limits are flags on `minimum`/`maximum`.
    let d4 = r##"{"$schema":"http://json-schema.org/draft-04/schema#",
        "id":"http://example.com/root.json",
        "properties":{
            "age":{"type":"integer","minimum":18,"maximum":130,"exclusiveMaximum":true},
            "price":{"type":"number","minimum":0,"exclusiveMinimum":true},
            "child":{"$ref":"child.json"},
            "named":{"$ref":"#pos"},
            "c":{"const":1},
            "n":{"contains":{"type":"string"},"propertyNames":{"maxLength":1}}},
        "definitions":{
            "c":{"id":"child.json","type":"string"},
            "p":{"id":"#pos","minimum":0}}}"##;
    let s = schema(d4);
    assert_eq!(summary(&s, r#"{"age":130}"#), ["age exclusiveMaximum"]);
    assert!(summary(&s, r#"{"age":129}"#).is_empty());
    assert_eq!(summary(&s, r#"{"age":17}"#), ["age minimum"]);
    assert_eq!(summary(&s, r#"{"price":0}"#), ["price exclusiveMinimum"]);
    assert_eq!(summary(&s, r#"{"child":1}"#), ["child type"]);
    assert_eq!(summary(&s, r#"{"named":-1}"#), ["named minimum"]);
    // `const`, `contains` and `propertyNames` arrived in draft-06.
    assert!(summary(&s, r#"{"c":2,"n":[1]}"#).is_empty());
    assert!(summary(&s, r#"{"n":{"long":1}}"#).is_empty());
    // `1.0` is not an integer in draft-04 (it is from draft-06 on).
    assert_eq!(summary(&s, r#"{"age":20.0}"#), ["age type"]);
    // The flag must be a boolean.
    let e = compile(
        r#"{"$schema":"http://json-schema.org/draft-04/schema#","minimum":1,"exclusiveMinimum":1}"#,
    )
    .unwrap_err();
    assert_eq!(
        e.message,
        "exclusiveMinimum at /exclusiveMinimum: expected true or false"
    );

    // Draft-06: `$id`, numeric exclusive limits, `const`, `contains`.
    let d6 = r##"{"$schema":"http://json-schema.org/draft-06/schema#",
        "properties":{"n":{"exclusiveMaximum":5},"c":{"const":1},
            "l":{"contains":{"const":2}},"x":{"$ref":"#x"}},
        "definitions":{"x":{"$id":"#x","type":"string"}}}"##;
    let s = schema(d6);
    assert_eq!(
        summary(&s, r#"{"n":5,"c":2,"l":[1],"x":1,"age":20.0}"#),
        ["n exclusiveMaximum", "c const", "l contains", "x type"]
    );

    // Registry documents that declare draft-04 are read as draft-04 from
    // a 2020-12 schema, and their metaschemas are built in.
    let mut reg = Registry::new();
    reg.add(
        "http://example.com/old.json",
        r#"{"$schema":"http://json-schema.org/draft-04/schema#","maximum":10,"exclusiveMaximum":true}"#,
    )
    .unwrap();
    let s = schema_with(&reg, r#"{"$ref":"http://example.com/old.json"}"#);
    assert_eq!(summary(&s, "10"), [" exclusiveMaximum"]);
    for (meta, good, bad) in [
        (
            "http://json-schema.org/draft-04/schema#",
            r#"{"minimum":1,"exclusiveMinimum":true}"#,
            r#"{"exclusiveMinimum":1}"#,
        ),
        (
            "http://json-schema.org/draft-06/schema#",
            r#"{"exclusiveMinimum":1}"#,
            r#"{"exclusiveMinimum":true}"#,
        ),
        (
            "https://json-schema.org/draft/2019-09/schema",
            r#"{"unevaluatedItems":false}"#,
            r#"{"minContains":-1}"#,
        ),
    ] {
        let s = schema(&format!(r#"{{"$schema":"{meta}","$ref":"{meta}"}}"#));
        assert!(summary(&s, good).is_empty(), "{meta}");
        assert!(!summary(&s, bad).is_empty(), "{meta}");
    }
}

#[test]
fn draft_2019_09_contains_does_not_evaluate_items() {
    let s = schema(
        r#"{"$schema":"https://json-schema.org/draft/2019-09/schema","contains":true,"unevaluatedItems":false}"#,
    );
    assert_eq!(summary(&s, "[1]"), ["0 unevaluatedItems"]);
    let s = schema(r#"{"contains":true,"unevaluatedItems":false}"#);
    assert!(summary(&s, "[1]").is_empty());
}

#[test]
fn formats_can_be_switched_off() {
    // The stub of crate::format knows no formats until the real one lands;
    // either way an unknown format must be ignored.
    let s = schema(r#"{"format":"no-such-format"}"#);
    assert!(summary(&s, r#""x""#).is_empty());
}

#[test]
fn compile_errors_name_the_location() {
    let cases = [
        (
            r#"{"properties":{"a":{"$ref":"http://x/y.json"}}}"#,
            "$ref at /properties/a/$ref: no schema found for 'http://x/y.json'",
        ),
        (
            r#"{"properties":{"zip":{"pattern":"(ab"}}}"#,
            "pattern at /properties/zip/pattern: ",
        ),
        (
            r#"{"type":"strnig"}"#,
            "type at /type: expected a type name",
        ),
        (
            r#"{"minLength":-1}"#,
            "minLength at /minLength: expected a non-negative integer",
        ),
        (
            r#"{"required":"a"}"#,
            "required at /required: expected an array of strings",
        ),
        (
            r#"{"allOf":[]}"#,
            "allOf at /allOf: expected a non-empty array of schemas",
        ),
        (
            r#"{"properties":{"a":5}}"#,
            "schema at /properties/a: a schema must be an object or a boolean, not a number",
        ),
        (
            "[]",
            "schema at the root: a schema must be an object or a boolean, not an array",
        ),
        (
            "\"x\"",
            "schema at the root: a schema must be an object or a boolean, not a string",
        ),
        (
            "null",
            "schema at the root: a schema must be an object or a boolean, not a null",
        ),
        (
            "{",
            "schema is not JSON: JSON text ends before the value is complete at byte 1",
        ),
        (
            r##"{"$ref":"#"}"##,
            "$ref at the root: the schema refers back to itself",
        ),
        (
            r##"{"$defs":{"a":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}"##,
            "$ref at /$defs/a: the schema refers back to itself",
        ),
        (
            r##"{"allOf":[{"not":{"$ref":"#"}}]}"##,
            "the schema refers back to itself",
        ),
    ];
    for (s, want) in cases {
        let e = compile(s).err().unwrap_or_else(|| panic!("{s} compiled"));
        assert!(e.message.contains(want), "{s}: {}", e.message);
    }
    assert!(compile("true").is_ok() && compile("false").is_ok());
}

#[test]
fn hostile_schemas_and_instances_never_panic() {
    // Deep nesting is refused by the parser, with a clear error.
    let deep = "{\"items\":".repeat(10_000) + "true" + &"}".repeat(10_000);
    assert!(compile(&deep)
        .unwrap_err()
        .message
        .contains("deeper than 256"));
    let s = schema(r##"{"items":{"$ref":"#"}}"##);
    let e = s
        .validate_json(&("[".repeat(10_000) + &"]".repeat(10_000)))
        .unwrap_err();
    assert_eq!(e.kind, ValidateErrorKind::NotJson);
    // An instance parsed with generous limits hits the validator's bound.
    let limits = Limits {
        max_depth: 20_000,
        max_len: 1 << 20,
    };
    let d = Document::parse_with("[".repeat(10_000) + &"]".repeat(10_000), &limits).unwrap();
    let e = s.validate(d.root()).unwrap_err();
    assert_eq!(e.kind, ValidateErrorKind::TooDeep, "{}", e.message);
    assert_eq!(
        s.is_valid(d.root()).unwrap_err().kind,
        ValidateErrorKind::TooDeep
    );
    // uniqueItems compares items without recursing without bound.
    let s = schema(r#"{"uniqueItems":true}"#);
    let two = format!("[{0},{0}]", "[".repeat(5_000) + &"]".repeat(5_000));
    let d = Document::parse_with(two, &limits).unwrap();
    assert_eq!(
        s.validate(d.root()).unwrap_err().kind,
        ValidateErrorKind::TooDeep
    );
    // Loops through `then`, `else` and `dependentSchemas` are refused at
    // compile time, so `is_valid` and `validate` cannot disagree on them.
    for s in [
        r##"{"if":true,"then":{"$ref":"#"}}"##,
        r##"{"if":false,"else":{"$ref":"#"}}"##,
        r##"{"dependentSchemas":{"a":{"$ref":"#"}}}"##,
    ] {
        let e = compile(s).unwrap_err();
        assert!(
            e.message.contains("refers back to itself"),
            "{s}: {}",
            e.message
        );
    }
    // A loop the compiler cannot see (a dynamic reference) is caught at
    // run time, by both entry points.
    let s = schema(r##"{"$dynamicAnchor":"a","$dynamicRef":"#a"}"##);
    let e = s.validate_json("1").unwrap_err();
    assert_eq!(e.kind, ValidateErrorKind::RefLoop, "{}", e.message);
    let d = Document::parse("1").unwrap();
    assert_eq!(
        s.is_valid(d.root()).unwrap_err().kind,
        ValidateErrorKind::RefLoop
    );
    // Huge limits saturate.
    let s = schema(r#"{"minLength":1e300,"maxItems":18446744073709551616000}"#);
    assert_eq!(summary(&s, r#""abc""#), [" minLength"]);
}

/// Exponential blow-up ends with an error, not hours of work. (Slow
/// without optimizations: it runs MAX_EVAL_STEPS evaluations.)
#[test]
#[cfg_attr(debug_assertions, ignore = "slow unoptimized; runs with --release")]
fn exponential_schemas_stop() {
    let mut defs = String::from(r#"{"$defs":{"d0":{"type":"integer"}"#);
    for i in 1..40 {
        defs.push_str(&format!(
            r##","d{i}":{{"anyOf":[{{"$ref":"#/$defs/d{0}"}},{{"$ref":"#/$defs/d{0}"}}]}}"##,
            i - 1
        ));
    }
    defs.push_str(r##"},"$ref":"#/$defs/d39"}"##);
    let s = schema(&defs);
    assert!(s.is_valid(Document::parse("1").unwrap().root()).unwrap());
    let e = s.validate_json("\"x\"").unwrap_err();
    assert_eq!(e.kind, ValidateErrorKind::TooComplex);
}

/// A tiny deterministic generator of schema-shaped garbage.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }

    fn value(&mut self, depth: u32) -> String {
        const KEYS: &[&str] = &[
            "type",
            "$ref",
            "$dynamicRef",
            "$dynamicAnchor",
            "$anchor",
            "$id",
            "$defs",
            "items",
            "prefixItems",
            "properties",
            "patternProperties",
            "additionalProperties",
            "allOf",
            "anyOf",
            "oneOf",
            "not",
            "if",
            "then",
            "else",
            "unevaluatedProperties",
            "unevaluatedItems",
            "contains",
            "minContains",
            "maxContains",
            "required",
            "dependentRequired",
            "dependentSchemas",
            "enum",
            "const",
            "multipleOf",
            "minimum",
            "maxLength",
            "pattern",
            "format",
            "uniqueItems",
            "propertyNames",
            "$schema",
            "definitions",
            "dependencies",
            "additionalItems",
            "$recursiveRef",
            "$recursiveAnchor",
            "title",
            "a",
            "0",
        ];
        const ATOMS: &[&str] = &[
            "true",
            "false",
            "null",
            "0",
            "-1",
            "1.5",
            "1e400",
            "-0.0",
            "18446744073709551617",
            "\"\"",
            "\"#\"",
            "\"#/$defs/a\"",
            "\"#a\"",
            "\"a\"",
            "\"string\"",
            "\"integer\"",
            "\"email\"",
            "\"http://json-schema.org/draft-07/schema#\"",
            "\"https://json-schema.org/draft/2019-09/schema\"",
            "\"urn:x\"",
            "\"%\"",
            "\"#/%25\"",
            "\"^a\"",
            "\"(\"",
            "\"\\u0000\"",
            "\"\\ud800\"",
        ];
        if depth == 0 || self.next() % 3 == 0 {
            return self.pick(ATOMS).to_owned();
        }
        let n = self.next() % 4;
        if self.next() % 4 == 0 {
            let items: Vec<String> = (0..n).map(|_| self.value(depth - 1)).collect();
            return format!("[{}]", items.join(","));
        }
        let members: Vec<String> = (0..n)
            .map(|_| {
                let k = self.pick(KEYS);
                format!("\"{k}\":{}", self.value(depth - 1))
            })
            .collect();
        format!("{{{}}}", members.join(","))
    }
}

#[test]
fn garbage_never_panics() {
    let mut g = Gen(0x9e37_79b9_7f4a_7c15);
    let mut reg = Registry::new();
    reg.add("urn:x", r#"{"$defs":{"a":{"type":"string"}}}"#)
        .unwrap();
    let mut compiled = 0;
    for _ in 0..4000 {
        let text = g.value(5);
        if std::env::var_os("GARBAGE_TRACE").is_some() {
            eprintln!("schema {text}");
        }
        let opts = Options {
            default_draft: match g.next() % 5 {
                0 => Draft::Draft7,
                1 => Draft::Draft2019_09,
                2 => Draft::Draft4,
                3 => Draft::Draft6,
                _ => Draft::Draft2020_12,
            },
            ..Options::default()
        };
        if let Ok(s) = Schema::compile(&text, &reg, &opts) {
            compiled += 1;
            for _ in 0..4 {
                let inst = g.value(4);
                if std::env::var_os("GARBAGE_TRACE").is_some() {
                    eprintln!("inst {inst}");
                }
                let _ = s.validate_json(&inst);
                if let Ok(d) = Document::parse(&inst) {
                    let fast = s.is_valid(d.root());
                    let all = s.validate(d.root());
                    if let (Ok(a), Ok(b)) = (&fast, &all) {
                        assert_eq!(*a, b.is_empty(), "{text} / {inst}: {b:?}");
                    }
                    for f in all.unwrap_or_default() {
                        let _ = f.message("en");
                    }
                }
            }
        }
    }
    assert!(compiled > 500, "only {compiled} compiled");
}

/// Validation is bounded by MAX_EVAL_DEPTH, which must fit in wasm's 1 MB
/// stack: run the deepest evaluation on a thread with 1 MB. (Unoptimized
/// frames are several times larger, so only with --release.)
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "unoptimized frames are larger; runs with --release"
)]
fn deepest_evaluation_fits_in_one_megabyte_of_stack() {
    let kind = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(|| {
            let limits = Limits {
                max_depth: 20_000,
                max_len: 1 << 20,
            };
            let s = schema(
                r##"{"properties":{"a":{"$ref":"#/$defs/x"}},"$defs":{"x":{"allOf":[{"$ref":"#"}]}}}"##,
            );
            let text = "{\"a\":".repeat(5000) + "1" + &"}".repeat(5000);
            let d = Document::parse_with(text, &limits).unwrap();
            s.validate(d.root()).unwrap_err().kind
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(kind, ValidateErrorKind::TooDeep);
}

const FORM_SCHEMA: &str = r##"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "required": ["email", "password", "firstName", "lastName", "birthDate", "country", "address", "items", "acceptTerms"],
  "properties": {
    "email": {"type": "string", "format": "email", "title": "Email address"},
    "password": {"type": "string", "minLength": 8, "maxLength": 64},
    "firstName": {"type": "string", "minLength": 1, "maxLength": 50, "title": "First name"},
    "lastName": {"type": "string", "minLength": 1, "maxLength": 50, "title": "Last name"},
    "birthDate": {"type": "string", "format": "date", "title": "Date of birth"},
    "phone": {"type": "string", "pattern": "^\\+?[0-9 ]{7,15}$"},
    "country": {"enum": ["GB", "US", "DE", "FR", "ES", "IT", "NL"]},
    "newsletter": {"type": "boolean"},
    "age": {"type": "integer", "minimum": 18, "maximum": 130},
    "coupon": {"type": ["string", "null"], "maxLength": 20},
    "address": {"$ref": "#/$defs/address"},
    "billingAddress": {"$ref": "#/$defs/address"},
    "items": {"type": "array", "minItems": 1, "maxItems": 50, "items": {"$ref": "#/$defs/item"}},
    "notes": {"type": "string", "maxLength": 500},
    "acceptTerms": {"const": true}
  },
  "additionalProperties": false,
  "$defs": {
    "address": {
      "type": "object",
      "required": ["line1", "city", "postcode", "country"],
      "properties": {
        "line1": {"type": "string", "minLength": 1},
        "line2": {"type": "string"},
        "city": {"type": "string", "minLength": 1},
        "postcode": {"type": "string", "pattern": "^[A-Z0-9 ]{3,10}$"},
        "country": {"type": "string", "minLength": 2, "maxLength": 2}
      },
      "additionalProperties": false
    },
    "item": {
      "type": "object",
      "required": ["sku", "quantity", "price"],
      "properties": {
        "sku": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{4}$"},
        "quantity": {"type": "integer", "minimum": 1, "maximum": 99},
        "price": {"type": "number", "exclusiveMinimum": 0, "multipleOf": 0.01}
      }
    }
  }
}"##;

const FORM_VALID: &str = r#"{"email":"ada@example.com","password":"correct horse","firstName":"Ada",
 "lastName":"Lovelace","birthDate":"1815-12-10","phone":"+44 20 7946 0000","country":"GB",
 "newsletter":true,"age":36,"coupon":null,
 "address":{"line1":"12 St James's Square","city":"London","postcode":"SW1Y 4JH","country":"GB"},
 "items":[{"sku":"ABC-1234","quantity":2,"price":19.99},{"sku":"XYZ-0001","quantity":1,"price":5},
          {"sku":"QRS-9876","quantity":10,"price":0.5}],
 "notes":"Leave with the concierge","acceptTerms":true}"#;

/// Seven mistakes: email format, short password, missing last name,
/// bad enum, age too low, address without city, item quantity 0 and a
/// price with three decimals.
const FORM_INVALID: &str = r#"{"email":"ada.example.com","password":"short","firstName":"Ada",
 "birthDate":"1815-12-10","country":"XX","age":12,
 "address":{"line1":"12 St James's Square","postcode":"SW1Y 4JH","country":"GB"},
 "items":[{"sku":"ABC-1234","quantity":0,"price":19.999}],"acceptTerms":true}"#;

#[test]
fn form_schema_reports_each_mistake() {
    let s = schema(FORM_SCHEMA);
    assert!(failures(&s, FORM_VALID).is_empty());
    let got = summary(&s, FORM_INVALID);
    for want in [
        "password minLength",
        "lastName required",
        "country enum",
        "age minimum",
        "address.city required",
        "items.0.quantity minimum",
        "items.0.price multipleOf",
    ] {
        assert!(got.iter().any(|g| g == want), "{want} not in {got:?}");
    }
}

/// Throughput on a realistic form. Run with
/// `cargo test --release --lib bench_form -- --ignored --nocapture`.
#[test]
#[ignore = "benchmark"]
fn bench_form() {
    use std::time::{Duration, Instant};
    let text = match std::env::var("NO_PATTERN") {
        Ok(_) => FORM_SCHEMA.replace("\"pattern\"", "\"x-pattern\""),
        Err(_) => FORM_SCHEMA.to_owned(),
    };
    let s = schema(&text);
    let valid = Document::parse(FORM_VALID).unwrap();
    let invalid = Document::parse(FORM_INVALID).unwrap();
    let only = std::env::var("BENCH_ONLY").ok();
    let run = |name: &str, f: &dyn Fn() -> usize| {
        if only.as_deref().is_some_and(|o| !name.starts_with(o)) {
            return;
        }
        let start = Instant::now();
        let mut n = 0u64;
        let mut sink = 0;
        while start.elapsed() < Duration::from_millis(700) {
            for _ in 0..100 {
                sink += f();
            }
            n += 100;
        }
        let per_sec = n as f64 / start.elapsed().as_secs_f64();
        println!("{name:<28} {per_sec:>12.0} ops/s  ({sink})");
    };
    run("is_valid(valid)", &|| {
        usize::from(s.is_valid(valid.root()).unwrap())
    });
    run("is_valid(invalid)", &|| {
        usize::from(s.is_valid(invalid.root()).unwrap())
    });
    run("validate(valid)", &|| {
        s.validate(valid.root()).unwrap().len()
    });
    run("validate(invalid)", &|| {
        s.validate(invalid.root()).unwrap().len()
    });
    run("validate_json(valid)", &|| {
        s.validate_json(FORM_VALID).unwrap().len()
    });
    run("validate_json(invalid)", &|| {
        s.validate_json(FORM_INVALID).unwrap().len()
    });
    run("compile", &|| schema(FORM_SCHEMA).prog.nodes.len());
}

#[test]
fn schemas_can_be_shared_between_threads() {
    fn check<T: Send + Sync>() {}
    check::<Schema>();
    check::<Registry>();
}

#[test]
fn draft_2019_09_recursive_ref() {
    // From the 2019-09 suite: $recursiveRef goes to the outermost
    // $recursiveAnchor in the dynamic scope.
    let s = schema(
        r##"{"$schema":"https://json-schema.org/draft/2019-09/schema",
            "$id":"http://localhost:4242/recursiveRef2/schema.json",
            "$defs":{"myobject":{"$id":"myobject.json","$recursiveAnchor":true,
                "anyOf":[{"type":"string"},{"type":"object","additionalProperties":{"$recursiveRef":"#"}}]}},
            "anyOf":[{"type":"integer"},{"$ref":"#/$defs/myobject"}]}"##,
    );
    assert!(summary(&s, r#"{"foo":{"bar":"x"}}"#).is_empty());
    // Without $recursiveAnchor at the root, integers are not allowed deeper.
    assert!(!summary(&s, r#"{"foo":{"bar":1}}"#).is_empty());
    let s = schema(
        r##"{"$schema":"https://json-schema.org/draft/2019-09/schema",
            "$id":"http://localhost:4242/recursiveRef3/schema.json","$recursiveAnchor":true,
            "$defs":{"myobject":{"$id":"myobject.json","$recursiveAnchor":true,
                "anyOf":[{"type":"string"},{"type":"object","additionalProperties":{"$recursiveRef":"#"}}]}},
            "anyOf":[{"type":"integer"},{"$ref":"#/$defs/myobject"}]}"##,
    );
    assert!(summary(&s, r#"{"foo":{"bar":1}}"#).is_empty());
    assert!(!summary(&s, r#"{"foo":{"bar":true}}"#).is_empty());
}

#[test]
fn custom_metaschema_vocabularies() {
    let mut reg = Registry::new();
    reg.add(
        "http://example.com/no-validation",
        r#"{"$schema":"https://json-schema.org/draft/2020-12/schema",
            "$vocabulary":{"https://json-schema.org/draft/2020-12/vocab/core":true,
                           "https://json-schema.org/draft/2020-12/vocab/applicator":true}}"#,
    )
    .unwrap();
    reg.add(
        "http://example.com/needs-more",
        r#"{"$schema":"https://json-schema.org/draft/2020-12/schema",
            "$vocabulary":{"http://example.com/vocab/extra":true}}"#,
    )
    .unwrap();
    let s = schema_with(
        &reg,
        r#"{"$schema":"http://example.com/no-validation",
            "properties":{"n":{"minimum":10},"x":false}}"#,
    );
    // Validation keywords are ignored; applicators still apply.
    assert!(summary(&s, r#"{"n":1}"#).is_empty());
    assert_eq!(summary(&s, r#"{"x":1}"#), ["x false schema"]);
    let e = Schema::compile(
        r#"{"$schema":"http://example.com/needs-more"}"#,
        &reg,
        &Options::default(),
    )
    .unwrap_err();
    assert!(
        e.message
            .contains("unknown vocabulary 'http://example.com/vocab/extra'"),
        "{}",
        e.message
    );
}

/// Many resources and anchors compile in linear time (lookups are hashed).
#[test]
fn many_ids_and_anchors() {
    let n = 20_000;
    let mut s = String::from(r#"{"$ref":"d0.json","$defs":{"#);
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!(
            r##""d{i}":{{"$id":"d{i}.json","$anchor":"a","$dynamicAnchor":"b","$ref":"d{}.json#a","$dynamicRef":"#b"}}"##,
            (i + 1) % n
        ));
    }
    s.push_str("}}");
    let start = std::time::Instant::now();
    let e = compile(&s).unwrap_err();
    assert!(e.message.contains("refers back to itself"), "{}", e.message);
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn error_message_forms_of_ajv_errors() {
    let s = schema(
        r#"{"type":"object","required":["name","zip"],
            "properties":{
              "name":{"type":"string","minLength":2,"errorMessage":"Enter your full name"},
              "zip":{"type":"string","pattern":"^[0-9]{5}$","errorMessage":{"pattern":"Enter 5 digits"}},
              "dob":{"type":"object","required":["day","year"],"errorMessage":"Enter a real date of birth"},
              "tags":{"type":"array","items":{"type":"string"},"errorMessage":{"items":["First tag as text"]}},
              "n":{"type":"integer"}},
            "errorMessage":{"required":{"zip":"Enter a ZIP code"},"properties":{"n":"Enter a whole number"},"_":"Check the form"}}"#,
    );
    let msgs = |inst: &str| {
        failures(&s, inst)
            .into_iter()
            .map(|f| [f.path, f.error_message.unwrap_or_default()].join(": "))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        msgs(r#"{"dob":{},"tags":[1,2],"n":1.5,"extra":1}"#),
        [
            "name: Enter your full name",
            "zip: Enter a ZIP code",
            "dob: Enter a real date of birth",
            "tags.0: First tag as text",
            ": Check the form",
            "n: Enter a whole number"
        ]
    );
    assert_eq!(
        msgs(r#"{"name":"A","zip":"1"}"#),
        ["name: Enter your full name", "zip: Enter 5 digits"]
    );
}

#[test]
fn type_at_follows_the_schema() {
    let s = schema(
        r##"{"type":"object","properties":{
              "a":{"$ref":"#/$defs/a"},
              "list":{"prefixItems":[{"type":"boolean"}],"items":{"type":["number","null"]}},
              "n":{"allOf":[{"type":["integer","string"]},{"type":["number"]}]},
              "e":{"enum":[1,"x",null]}},
            "additionalProperties":{"type":"string"},
            "$defs":{"a":{"properties":{"b":{"type":"integer"}}}}}"##,
    );
    assert_eq!(s.type_at(""), Some(vec!["object"]));
    assert_eq!(s.type_at("a.b"), Some(vec!["integer"]));
    assert_eq!(s.type_at("a"), None);
    assert_eq!(s.type_at("list.0"), Some(vec!["boolean"]));
    assert_eq!(s.type_at("list.7"), Some(vec!["number", "null"]));
    assert_eq!(s.type_at("n"), Some(vec!["integer"]));
    assert_eq!(s.type_at("e"), Some(vec!["integer", "string", "null"]));
    assert_eq!(s.type_at("zzz"), Some(vec!["string"]));
    assert_eq!(s.type_at("a.b.c"), None);
}

/// Time per validation of a realistic form (run with `cargo test --release
/// --lib schema::tests::form_speed -- --ignored --nocapture`).
#[test]
#[ignore = "timing; run by hand with --release"]
fn form_speed() {
    let s = schema(
        r#"{"type":"object","required":["fullName","email","dateOfBirth","address","orderItems","terms"],
        "properties":{"fullName":{"type":"string","minLength":1,"maxLength":70},
        "email":{"type":"string","format":"email"},"dateOfBirth":{"type":"string","format":"date"},
        "phone":{"type":"string","pattern":"^\\+?[0-9 ]{7,15}$"},"age":{"type":["integer","null"],"minimum":16},
        "address":{"type":"object","required":["line1","postCode"],"properties":{"line1":{"type":"string","minLength":1},"town":{"type":"string"},
          "postCode":{"type":"string","maxLength":8,"pattern":"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$"}}},
        "orderItems":{"type":"array","minItems":1,"maxItems":20,"items":{"type":"object","required":["name","quantity"],
          "properties":{"name":{"type":"string"},"quantity":{"type":"integer","minimum":1}}}},
        "contact":{"enum":["email","phone","post"]},"terms":{"const":true}}}"#,
    );
    let inst = r#"{"fullName":"Ada Lovelace","email":"ada@example.com","dateOfBirth":"1990-03-27","phone":"+44 20 7946 0000","age":35,"address":{"line1":"1 High Street","town":"London","postCode":"SW1A 1AA"},"orderItems":[{"name":"Tea","quantity":2},{"name":"Cake","quantity":1}],"contact":"email","terms":true}"#;
    let phone = crate::regex::Regex::new("^\\+?[0-9 ]{7,15}$").unwrap();
    let time = |name: &str, f: &dyn Fn()| {
        let n = 200_000;
        let t = std::time::Instant::now();
        for _ in 0..n {
            f();
        }
        println!("{name}: {} ns", t.elapsed().as_nanos() / n);
    };
    time("validate_json", &|| {
        assert!(s.validate_json(inst).unwrap().is_empty())
    });
    time("phone regex", &|| {
        assert!(phone.is_match("+44 20 7946 0000").unwrap())
    });
}

#[test]
fn date_limits_of_ajv_formats() {
    let s = schema(
        r#"{"properties":{
            "dob":{"type":"string","format":"date","title":"Date of birth","formatExclusiveMaximum":"2026-11-24"},
            "start":{"format":"date-time","formatMinimum":"2026-01-01T00:00:00Z"},
            "at":{"format":"time","formatMaximum":"17:00:00+01:00"}}}"#,
    );
    assert!(summary(
        &s,
        r#"{"dob":"2026-11-23","start":"2026-01-01T01:00:00+01:00","at":"16:00:00Z"}"#
    )
    .is_empty());
    assert!(summary(&s, r#"{"at":"16:00:00.000Z"}"#).is_empty());
    assert_eq!(
        summary(
            &s,
            r#"{"dob":"2026-11-24","start":"2025-12-31T23:59:59.5Z","at":"16:00:00.1Z"}"#
        ),
        [
            "dob formatExclusiveMaximum",
            "start formatMinimum",
            "at formatMaximum"
        ]
    );
    // A value not in the format is format's to report.
    assert_eq!(summary(&s, r#"{"dob":"2026-02-30"}"#), ["dob format"]);
    let f = failures(&s, r#"{"dob":"2030-01-01"}"#);
    assert_eq!(
        f[0].params,
        Params::Compare {
            comparison: "<",
            limit: "\"2026-11-24\"".into()
        }
    );
    let mut o = MessageOptions::for_locale("en");
    o.today = Some("2026-11-24".into());
    assert_eq!(f[0].message_with(&o), "Date of birth must be in the past");
    o.today = Some("2027-01-01".into());
    assert_eq!(
        f[0].message_with(&o),
        "Date of birth must be before 2026-11-24"
    );
    for bad in [
        r#"{"formatMinimum":"2026-01-01"}"#,
        r#"{"format":"email","formatMinimum":"a"}"#,
        r#"{"format":"date","formatMaximum":"tomorrow"}"#,
    ] {
        let e = compile(bad).unwrap_err();
        assert!(e.location.starts_with("/formatM"), "{bad}: {}", e.message);
    }
}

#[test]
fn one_message_for_many_failures_stays_linear() {
    let s = schema(r#"{"items":{"type":"integer"},"errorMessage":"Enter whole numbers only"}"#);
    let inst = ["[", &vec!["\"x\""; 20_000].join(","), "]"].concat();
    let t = std::time::Instant::now();
    let f = failures(&s, &inst);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].path, "");
    assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
}

#[test]
fn failures_for_the_envelope_are_the_same_without_schema_paths() {
    let s = schema(
        r##"{"type":"object","required":["name"],
            "properties":{"age":{"type":"integer","minimum":18},"tags":{"items":{"$ref":"#/$defs/tag"}}},
            "$defs":{"tag":{"type":"string","pattern":"^[a-z]+$"}}}"##,
    );
    let instance = r#"{"age":12.5,"tags":["ok","NO",3]}"#;
    let full = failures(&s, instance);
    let lean = s.validate_json_for_envelope(instance).unwrap();
    assert_eq!(full.len(), 5, "{full:?}");
    assert_eq!(lean.len(), full.len());
    for (a, b) in full.iter().zip(&lean) {
        assert!(a.schema_path.starts_with('#'), "{}", a.schema_path);
        assert_eq!(b.schema_path, "");
        assert_eq!(
            (&a.path, a.keyword, &a.params),
            (&b.path, b.keyword, &b.params)
        );
        assert_eq!((&a.title, &a.error_message), (&b.title, &b.error_message));
    }
    assert_eq!(
        to_envelope(&full, "en").to_json(),
        to_envelope(&lean, "en").to_json(),
        "the envelope does not use schema paths"
    );
    assert!(s.validate_json_for_envelope("{").is_err());
}

fn strict(s: &str) -> Result<Schema, CompileError> {
    let o = Options {
        strict: true,
        ..Options::default()
    };
    Schema::compile(s, &Registry::new(), &o)
}

#[test]
fn strict_mode_names_each_mistake() {
    let good = r##"{"type":"object","required":["email","tags"],"additionalProperties":false,
        "properties":{"email":{"type":"string","format":"email","title":"Email"},
            "age":{"type":["integer","null"],"minimum":0},
            "tags":{"type":"array","items":{"type":"string","minLength":1}},
            "pair":{"type":"array","prefixItems":[{"type":"string"},{"type":"number"}],"minItems":2,"items":false},
            "addr":{"$ref":"#/$defs/addr"}},
        "$defs":{"addr":{"type":"object","properties":{"zip":{"type":"string","pattern":"^[0-9]+$"}}}},
        "allOf":[{"if":{"required":["age"]},"then":{"properties":{"age":{"type":"integer","maximum":130}}}}],
        "errorMessage":{"required":"Fill it in"}}"##;
    strict(good).unwrap_or_else(|e| panic!("{}", e.message));
    for (s, want) in [
        (
            r#"{"type":"object","requried":["a"]}"#,
            "requried at /requried: unknown keyword (strict mode); did you mean \"required\"?",
        ),
        (
            r#"{"properties":{"a":{"type":"string","minLenght":1}},"type":"object"}"#,
            "minLenght at /properties/a/minLenght: unknown keyword (strict mode); did you mean \"minLength\"?",
        ),
        (
            r#"{"type":"string","format":"phone"}"#,
            "format at /format: unknown format \"phone\" (strict mode)",
        ),
        (
            r#"{"type":"object","properties":{"a":true},"required":["a","b"],"additionalProperties":false}"#,
            "required at /required/1: \"b\" is required but \"properties\" does not define it and \"additionalProperties\" is false, so no value can pass (strict mode)",
        ),
        (
            r#"{"type":"array","items":{},"additionalItems":false,"$schema":"http://json-schema.org/draft-07/schema#"}"#,
            "additionalItems at /additionalItems: ignored without an array \"items\" (strict mode)",
        ),
        (
            r#"{"then":{"type":"string"}}"#,
            "then at /then: ignored without \"if\" (strict mode)",
        ),
        (
            r#"{"if":{"type":"string"}}"#,
            "if at /if: ignored without \"then\" or \"else\" (strict mode)",
        ),
        (
            r#"{"type":"array","minContains":2}"#,
            "minContains at /minContains: ignored without \"contains\" (strict mode)",
        ),
        (
            r#"{"type":"object","properties":{"foo":true},"patternProperties":{"^f":true}}"#,
            "patternProperties at /patternProperties: the pattern \"^f\" also matches the property \"foo\" of \"properties\" (strict mode)",
        ),
        (
            r#"{"type":"array","prefixItems":[{"type":"string"}]}"#,
            "prefixItems at /prefixItems: a tuple of 1 items needs \"minItems\": 1 and \"items\": false or \"maxItems\" (strict mode)",
        ),
        (
            r#"{"type":["string","number"]}"#,
            "type at /type: more than one type besides null (strict mode); use anyOf with one type in each branch",
        ),
        (
            r#"{"properties":{"a":true}}"#,
            "properties at /properties: applies only to objects, but the schema does not say \"type\": \"object\" (strict mode)",
        ),
        (
            r#"{"type":"string","anyOf":[{"minimum":1}]}"#,
            "minimum at /anyOf/0/minimum: applies only to numbers, but the schema does not say \"type\": \"number\" (strict mode)",
        ),
        (
            // Keywords of a later draft are unknown in an earlier one.
            r#"{"$schema":"http://json-schema.org/draft-04/schema#","const":1}"#,
            "const at /const: unknown keyword (strict mode)",
        ),
    ] {
        let e = strict(s).err().unwrap_or_else(|| panic!("{s} compiled"));
        assert_eq!(e.message, want, "{s}");
        // Off by default: the specification ignores these.
        compile(s).unwrap_or_else(|e| panic!("{s}: {}", e.message));
    }
    // The location names the registry document when the mistake is there.
    let mut reg = Registry::new();
    reg.add(
        "http://example.com/a.json",
        r#"{"type":"string","maxLenght":3}"#,
    )
    .unwrap();
    let o = Options {
        strict: true,
        ..Options::default()
    };
    let e = Schema::compile(r#"{"$ref":"http://example.com/a.json"}"#, &reg, &o).unwrap_err();
    assert_eq!(e.location, "http://example.com/a.json#/maxLenght");
}

#[test]
fn options_from_json() {
    let read = |t: &str| Options::from_json(Document::parse(t).unwrap().root());
    let o = read(r#"{"strict":true,"formats":false,"draft":"draft-04","locale":"de","labels":{}}"#)
        .unwrap();
    assert!(o.strict && !o.formats && !o.content_assertion);
    assert_eq!(o.default_draft, Draft::Draft4);
    let o = read(r#"{"draft":"http://json-schema.org/draft-06/schema#","contentAssertion":true}"#)
        .unwrap();
    assert_eq!(o.default_draft, Draft::Draft6);
    assert!(o.content_assertion && o.formats && !o.strict);
    assert_eq!(read("null").unwrap().default_draft, Draft::Draft2020_12);
    assert_eq!(
        read(r#"{"strict":"yes"}"#).unwrap_err(),
        "options.strict must be true or false"
    );
    assert!(read(r#"{"draft":"draft-03"}"#)
        .unwrap_err()
        .starts_with("options.draft must be"));
    assert_eq!(read("[]").unwrap_err(), "options must be an object");
}

#[test]
fn strict_mode_accepts_the_demo_schema() {
    let text = include_str!("../../www/schema/signup.json");
    strict(text).unwrap_or_else(|e| panic!("{}", e.message));
}

#[test]
fn uris_match_after_normalization() {
    let mut reg = Registry::new();
    reg.add("http://example.com/a.json", r#"{"type":"string"}"#)
        .unwrap();
    for r in [
        "HTTP://EXAMPLE.COM/a.json",
        "http://example.com:80/a.json",
        "http://Example.com:/a.json",
    ] {
        let s = schema_with(&reg, &format!(r#"{{"$ref":"{r}"}}"#));
        assert_eq!(summary(&s, "1"), [" type"], "{r}");
    }
    // An `$id` with a default port is found by a `$ref` without it.
    let s = schema(
        r##"{"$id":"https://x.example:443/root.json","$defs":{"a":{"$id":"HTTPS://X.EXAMPLE/a.json","minimum":2}},
            "$ref":"https://x.example/a.json"}"##,
    );
    assert_eq!(summary(&s, "1"), [" minimum"]);
    let s = schema(r#"{"$schema":"HTTPS://JSON-SCHEMA.ORG/draft/2020-12/schema","minimum":1}"#);
    assert_eq!(summary(&s, "0"), [" minimum"]);
}
