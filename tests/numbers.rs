//! Numbers in validation: `multipleOf` exact for long divisors, and the
//! JS-number mode (`validate_json_f64`) that judges numbers as the doubles
//! JS has.

use fieldnote::schema::{Options, Registry, Schema};

fn schema(s: &str) -> Schema {
    Schema::compile(s, &Registry::new(), &Options::default())
        .unwrap_or_else(|e| panic!("{}", e.message))
}

/// Valid by exact decimals, and valid as JS numbers.
fn valid(s: &Schema, instance: &str) -> (bool, bool) {
    let exact = s.validate_json(instance).unwrap().is_empty();
    let js = s.validate_json_f64(instance).unwrap();
    let js_env = s.validate_json_f64_for_envelope(instance).unwrap();
    assert_eq!(js.len(), js_env.len(), "{instance}");
    (exact, js.is_empty())
}

#[test]
fn multiple_of_long_divisors_is_exact() {
    let s = schema(r#"{"multipleOf":1.00000000000000000001}"#);
    assert!(s.validate_json("8").unwrap().len() == 1);
    assert_eq!(s.validate_json("8").unwrap()[0].keyword, "multipleOf");
    for yes in [
        "0",
        "1.00000000000000000001",
        "8.00000000000000000008",
        "-3.00000000000000000003",
        "100000000000000000001e-20",
    ] {
        assert!(s.validate_json(yes).unwrap().is_empty(), "{yes}");
    }
    for no in [
        "1",
        "8",
        "1.0000000000000000000100001",
        "8.00000000000000000007",
        "1e30",
    ] {
        assert!(!s.validate_json(no).unwrap().is_empty(), "{no}");
    }
    // A 40-digit divisor and a 320-digit instance: 40 nines times 10^280 + 1 ones.
    let nines = "9".repeat(40);
    let s = schema(&format!(r#"{{"multipleOf":{nines}}}"#));
    let long_multiple = format!("{}{}", "9".repeat(40), "0".repeat(280));
    let long_other = format!("{}{}1", "9".repeat(40), "0".repeat(279));
    assert!(s.validate_json(&long_multiple).unwrap().is_empty());
    assert!(!s.validate_json(&long_other).unwrap().is_empty());
    // 10^40 - 1 divides 10^(40k) - 1, i.e. 40k nines.
    assert!(s.validate_json(&"9".repeat(320)).unwrap().is_empty());
    assert!(!s.validate_json(&"9".repeat(319)).unwrap().is_empty());
}

#[test]
fn js_numbers_two_to_the_64() {
    // JSON.stringify(2**64) is "18446744073709552000"; the double is 2^64.
    let max = schema(r#"{"maximum":18446744073709551616}"#);
    assert_eq!(valid(&max, "18446744073709552000"), (false, true));
    assert_eq!(valid(&max, "18446744073709551616"), (true, true));
    let exclusive = schema(r#"{"exclusiveMaximum":18446744073709551616}"#);
    assert_eq!(valid(&exclusive, "18446744073709552000"), (false, false));
    let min = schema(r#"{"minimum":18446744073709552000}"#);
    assert_eq!(valid(&min, "18446744073709551616"), (false, true));
    // The next double above 2^64 is 2^64 + 4096.
    assert_eq!(valid(&max, "18446744073709555712"), (false, false));
    let c = schema(r#"{"const":18446744073709551616}"#);
    assert_eq!(valid(&c, "18446744073709552000"), (false, true));
    let e = schema(r#"{"enum":["a",[18446744073709551616],{"n":1}]}"#);
    assert_eq!(valid(&e, "[18446744073709552000]"), (false, true));
    assert_eq!(valid(&e, r#"{"n":1.0}"#), (true, true));
    assert_eq!(valid(&e, r#"{"n":1.5}"#), (false, false));
    // multipleOf: 2^64 is a multiple of 1024; its spelling is not.
    let m = schema(r#"{"multipleOf":1024}"#);
    assert_eq!(valid(&m, "18446744073709552000"), (false, true));
    assert_eq!(valid(&m, "18446744073709552001"), (false, true));
    let m3 = schema(r#"{"multipleOf":3}"#);
    // 2^64 mod 3 = 1, and 18446744073709552000 mod 3 = 1.
    assert_eq!(valid(&m3, "18446744073709552000"), (false, false));
}

#[test]
fn js_numbers_decimals() {
    // 0.1 + 0.2 in JS is 0.30000000000000004.
    let max = schema(r#"{"maximum":0.3}"#);
    assert_eq!(valid(&max, "0.30000000000000004"), (false, false));
    assert_eq!(valid(&max, "0.3"), (true, true));
    // Decimals name the double nearest them on both sides.
    for (schema_text, instance) in [
        (r#"{"maximum":0.1}"#, "0.1"),
        (r#"{"minimum":0.1}"#, "0.1"),
        (r#"{"const":0.1}"#, "0.1"),
        (r#"{"enum":[19.99, 0.1]}"#, "19.99"),
        (r#"{"multipleOf":0.01}"#, "19.99"),
        (r#"{"multipleOf":0.1}"#, "0.3"),
        (r#"{"type":"integer"}"#, "1e308"),
    ] {
        assert_eq!(
            valid(&schema(schema_text), instance),
            (true, true),
            "{schema_text} {instance}"
        );
    }
    // Different decimals, one double.
    let c = schema(r#"{"const":0.1}"#);
    assert_eq!(valid(&c, "0.10000000000000000555"), (false, true));
    assert_eq!(valid(&c, "0.1000000000000001"), (false, false));
    let m = schema(r#"{"multipleOf":0.01}"#);
    assert_eq!(valid(&m, "0.30000000000000004"), (false, false));
}

#[test]
fn js_numbers_big_integers() {
    // 2^53 + 1 is not a double: it is 2^53 in JS.
    let min = schema(r#"{"minimum":9007199254740993}"#);
    assert_eq!(valid(&min, "9007199254740992"), (false, true));
    assert_eq!(valid(&min, "9007199254740994"), (true, true));
    let int = schema(r#"{"type":"integer"}"#);
    assert_eq!(valid(&int, "9007199254740993.5"), (false, true));
    assert_eq!(valid(&int, "4503599627370495.5"), (false, false));
    let max = schema(r#"{"maximum":1e308}"#);
    assert_eq!(valid(&max, "1e400"), (false, false));
    assert_eq!(valid(&max, "1.0000000000000000000001e308"), (false, true));
    let huge = schema(r#"{"exclusiveMinimum":123456789012345678901234567890}"#);
    assert_eq!(
        valid(&huge, "123456789012345680000000000000"),
        (true, false)
    );
    assert_eq!(valid(&huge, "123456789012345690000000000000"), (true, true));
    // Draft-04: 1.0 is still not an integer there.
    let d4 = schema(r#"{"$schema":"http://json-schema.org/draft-04/schema#","type":"integer"}"#);
    assert_eq!(valid(&d4, "1.0"), (false, false));
    assert_eq!(valid(&d4, "1"), (true, true));
}

/// Decimal strings of 16–20 significant digits around `base`, from a fixed
/// xorshift sequence: where a quick `f64` estimate can be a step off.
fn long_decimals(n: usize) -> Vec<String> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let digits = 16 + (x % 5) as usize;
        let mantissa = format!("{:020}", x % 100_000_000_000_000_000_000u128 as u64);
        let m = &mantissa[mantissa.len() - digits..];
        let point = 1 + (x >> 40) as usize % (digits - 1);
        let exp = ((x >> 50) % 40) as i64 - 20;
        let m = match m.strip_prefix('0') {
            Some(rest) => format!("1{rest}"),
            None => m.to_owned(),
        };
        out.push(format!("{}.{}e{}", &m[..point], &m[point..], exp));
    }
    out
}

#[test]
fn as_nearest_f64_is_the_nearest_double() {
    use fieldnote::json::Document;
    for text in [
        "947.9999999999999",
        "0.30000000000000004",
        "9007199254740993",
        "2.2250738585072011e-308",
    ]
    .into_iter()
    .map(String::from)
    .chain(long_decimals(20_000))
    {
        let doc = Document::parse(&text).unwrap();
        let want: f64 = text.parse().unwrap();
        assert_eq!(doc.root().as_nearest_f64(), Some(want), "{text}");
    }
}

/// `maximum`/`minimum` (and their exclusive forms) against a limit a step
/// away from the instance: the answer is the exact decimal comparison, even
/// where a quick estimate of the instance lands on the other side.
#[test]
fn comparisons_near_the_limit_are_exact() {
    use fieldnote::json::number::Dec;
    use std::cmp::Ordering;
    for text in long_decimals(3_000) {
        let nearest: f64 = text.parse().unwrap();
        // The shortest text of the nearest double, and the doubles beside it.
        for limit_f in [
            nearest,
            f64::from_bits(nearest.to_bits() + 1),
            f64::from_bits(nearest.to_bits() - 1),
        ] {
            let limit = format!("{limit_f:e}");
            let ord = Dec::parse(&text).cmp_value(&Dec::parse(&limit));
            for (kw, ok) in [
                ("maximum", ord != Ordering::Greater),
                ("exclusiveMaximum", ord == Ordering::Less),
                ("minimum", ord != Ordering::Less),
                ("exclusiveMinimum", ord == Ordering::Greater),
            ] {
                let s = schema(&format!(r#"{{"{kw}":{limit}}}"#));
                assert_eq!(
                    s.validate_json(&text).unwrap().is_empty(),
                    ok,
                    "{text} {kw} {limit}"
                );
            }
        }
    }
}

/// A whole number is decided on the decimal, not on a rounded double.
#[test]
fn as_u64_reads_whole_numbers_only() {
    use fieldnote::json::Document;
    let read = |t: &str| Document::parse(t).unwrap().root().as_u64();
    for (t, want) in [
        ("0", Some(0)),
        ("-0", Some(0)),
        ("422", Some(422)),
        ("422.0", Some(422)),
        ("4.22e2", Some(422)),
        ("42200e-2", Some(422)),
        ("9007199254740992", Some(9_007_199_254_740_992)),
        ("9007199254740993", None),
        ("1e16", None),
        ("947.9999999999999", None),
        ("422.00000000000000001", None),
        ("-1", None),
        ("0.5", None),
    ] {
        assert_eq!(read(t), want, "{t}");
    }
}
