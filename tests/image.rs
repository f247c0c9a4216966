//! Program images (`Schema::to_image` / `Schema::from_image`): a schema
//! compiled ahead of time and loaded by the runtime answers exactly as the
//! schema compiled directly, on every case of the official suite; broken,
//! truncated, altered and foreign images are errors, never panics.
//!
//! `cargo test --test image -- --nocapture` also prints the sizes of the
//! demo's sign-up schema as text and as an image.

#![cfg(feature = "compiler")]

mod suite;

use std::fs;
use std::path::Path;

use fieldnote::json::{Document, Value, Writer};
use fieldnote::schema::{
    Draft, Failure, ImageErrorKind, Options, Registry, Schema, IMAGE_MAGIC, IMAGE_VERSION,
};
use suite::{add_remotes, files, to_text};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Everything a failure says, including what `PartialEq` leaves out and
/// the sentences people read, in two locales.
fn describe(fs: &[Failure]) -> Vec<String> {
    fs.iter()
        .map(|f| {
            let mut w = Writer::new();
            f.write_json(&mut w);
            format!(
                "{} | {:?} | {} | {} | {}",
                w.finish(),
                f,
                f.message("en"),
                f.message("fr"),
                f.label("en")
            )
        })
        .collect()
}

/// Compares the two schemas on one instance; `Err` says how they differ.
fn same(direct: &Schema, loaded: &Schema, data: Value<'_>) -> Result<(), String> {
    let text = to_text(data);
    let a = (
        direct.is_valid(data),
        direct.validate(data).map(|f| describe(&f)),
        direct.validate_json(&text).map(|f| describe(&f)),
        direct.validate_json_for_envelope(&text),
    );
    let b = (
        loaded.is_valid(data),
        loaded.validate(data).map(|f| describe(&f)),
        loaded.validate_json(&text).map(|f| describe(&f)),
        loaded.validate_json_for_envelope(&text),
    );
    if a == b {
        Ok(())
    } else {
        Err(format!("direct {a:?}\nloaded {b:?}"))
    }
}

#[derive(Default)]
struct Tally {
    schemas: usize,
    instances: usize,
    failures_compared: usize,
    image_bytes: usize,
    mismatches: Vec<String>,
}

fn run_file(path: &Path, reg: &Registry, opts: &Options, t: &mut Tally) {
    let name = path
        .strip_prefix(suite::root())
        .unwrap()
        .display()
        .to_string();
    let doc = Document::parse(&fs::read_to_string(path).unwrap()).unwrap();
    for group in doc.root().items() {
        let desc = group.get("description").unwrap().as_str().unwrap();
        let schema_text = to_text(group.get("schema").unwrap());
        // A schema the compiler rejects has no image (conformance.rs
        // covers that every required one compiles).
        let Ok(direct) = Schema::compile(&schema_text, reg, opts) else {
            continue;
        };
        let image = direct.to_image();
        t.schemas += 1;
        t.image_bytes += image.len();
        // Byte for byte: writing a loaded schema gives the same image.
        let loaded = match Schema::from_image(&image) {
            Ok(s) => s,
            Err(e) => {
                t.mismatches.push(format!("{name}: {desc}: {}", e.message));
                continue;
            }
        };
        if loaded.to_image() != image {
            t.mismatches.push(format!(
                "{name}: {desc}: image of the loaded schema differs"
            ));
        }
        for test in group.get("tests").unwrap().items() {
            let data = test.get("data").unwrap();
            t.instances += 1;
            t.failures_compared += direct.validate(data).map(|f| f.len()).unwrap_or(0);
            if let Err(e) = same(&direct, &loaded, data) {
                let tdesc = test.get("description").unwrap().as_str().unwrap();
                t.mismatches.push(format!("{name}: {desc} / {tdesc}:\n{e}"));
            }
        }
    }
}

#[test]
fn every_suite_case_answers_the_same_from_an_image() {
    let mut reg = Registry::new();
    add_remotes(
        &mut reg,
        &suite::root().join("remotes"),
        "http://localhost:1234/",
    );
    let mut t = Tally::default();
    for (dir, draft) in [
        ("draft2020-12", Draft::Draft2020_12),
        ("draft2019-09", Draft::Draft2019_09),
        ("draft7", Draft::Draft7),
        ("draft6", Draft::Draft6),
        ("draft4", Draft::Draft4),
    ] {
        let root = suite::root().join("tests").join(dir);
        let base = Options {
            formats: false,
            default_draft: draft,
            content_assertion: false,
            ..Options::default()
        };
        for f in files(&root) {
            run_file(&f, &reg, &base, &mut t);
        }
        for f in files(&root.join("optional")) {
            let opts = Options {
                content_assertion: f.file_name().is_some_and(|n| n == "content.json"),
                ..base
            };
            run_file(&f, &reg, &opts, &mut t);
        }
        for f in files(&root.join("optional/format")) {
            let opts = Options {
                formats: true,
                ..base
            };
            run_file(&f, &reg, &opts, &mut t);
        }
    }
    println!(
        "image suite: {} schemas, {} instances, {} failures compared, {} image bytes",
        t.schemas, t.instances, t.failures_compared, t.image_bytes
    );
    assert!(
        t.mismatches.is_empty(),
        "{} mismatches:\n{}",
        t.mismatches.len(),
        t.mismatches.join("\n\n")
    );
    // The suite as it is checked in (both drafts, all parts).
    assert!(t.schemas >= 780, "{} schemas", t.schemas);
    assert!(t.instances >= 3900, "{} instances", t.instances);
    assert!(t.failures_compared >= 1900, "{}", t.failures_compared);
}

fn signup_text() -> String {
    fs::read_to_string(Path::new(ROOT).join("www/schema/signup.json")).unwrap()
}

fn signup() -> Schema {
    Schema::compile(&signup_text(), &Registry::new(), &Options::default()).unwrap()
}

const BAD_SIGNUP: &str = r#"{"fullName":"","email":"not an email","dateOfBirth":"2007-02-30",
    "shipping":{"line1":"1 High St","town":"Leeds","postcode":"LS1","country":"US"},
    "items":[{"product":"p1","quantity":0}],"extra":1}"#;

#[test]
fn the_demo_schema_words_failures_the_same_from_an_image() {
    let direct = signup();
    let image = direct.to_image();
    let loaded = Schema::from_image(&image).unwrap();
    let a = direct.validate_json(BAD_SIGNUP).unwrap();
    let b = loaded.validate_json(BAD_SIGNUP).unwrap();
    assert_eq!(describe(&a), describe(&b));
    // errorMessage, titles as labels, formats: all there after loading.
    let msgs: Vec<String> = b.iter().map(|f| f.message("en")).collect();
    assert!(
        msgs.iter().any(|m| m == "Select a plan"),
        "errorMessage for required: {msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m == "Your date of birth must be a real date, like 27 3 2007"),
        "errorMessage for format: {msgs:?}"
    );
    let email = b.iter().find(|f| f.path == "email").unwrap();
    assert_eq!(email.keyword, "format");
    assert_eq!(email.title.as_deref(), Some("your email address"));
    assert_eq!(
        b.iter()
            .find(|f| f.path == "shipping.postcode")
            .unwrap()
            .schema_path,
        "#/$defs/address/properties/postcode/pattern"
    );
    assert_eq!(
        direct.type_at("items.0.quantity"),
        loaded.type_at("items.0.quantity")
    );
    assert_eq!(loaded.type_at("items.0.quantity"), Some(vec!["integer"]));
    assert!(loaded
        .is_valid(Document::parse(VALID_SIGNUP).unwrap().root())
        .unwrap());
}

const VALID_SIGNUP: &str = r#"{"fullName":"Ada Lovelace","email":"ada@example.com",
    "dateOfBirth":"2007-03-27","plan":"basic",
    "shipping":{"line1":"1 High St","town":"Leeds","postcode":"LS1 4AP","country":"GB"},
    "items":[{"product":"pen","quantity":2}]}"#;

#[test]
fn sizes_of_the_demo_schema() {
    let text = signup_text();
    let image = signup().to_image();
    let minified = to_text(Document::parse(&text).unwrap().root());
    println!(
        "signup.json: text {} bytes (minified {}), image {} bytes",
        text.len(),
        minified.len(),
        image.len()
    );
    // The image carries the minified schema plus its program: it must stay
    // within twice the minified text.
    assert!(image.len() < minified.len() * 2, "{}", image.len());
    assert!(image.len() > minified.len());
}

fn kind(bytes: &[u8]) -> Result<(), ImageErrorKind> {
    Schema::from_image(bytes).map(|_| ()).map_err(|e| e.kind)
}

#[test]
fn an_image_of_another_version_says_to_recompile() {
    let mut image = signup().to_image();
    image[4..6].copy_from_slice(&(IMAGE_VERSION + 1).to_le_bytes());
    let e = Schema::from_image(&image).unwrap_err();
    assert_eq!(e.kind, ImageErrorKind::Version);
    let v = env!("CARGO_PKG_VERSION");
    assert_eq!(
        e.message,
        format!(
            "this validator was compiled by fieldnote {v} (program format {}); \
             recompile it with fieldnote {v} (program format {IMAGE_VERSION})",
            IMAGE_VERSION + 1
        )
    );
    // Even when nothing after the version is left.
    assert_eq!(kind(&image[..6]), Err(ImageErrorKind::Version));
}

#[test]
fn bytes_that_are_not_an_image() {
    assert_eq!(kind(b""), Err(ImageErrorKind::NotAnImage));
    assert_eq!(
        kind(b"{\"type\":\"string\"}"),
        Err(ImageErrorKind::NotAnImage)
    );
    let e = Schema::from_image(b"\0asm\x01\0\0\0").unwrap_err();
    assert!(
        e.message.contains("not a fieldnote compiled program"),
        "{}",
        e.message
    );
}

#[test]
fn truncation_at_every_length_is_an_error() {
    let image = signup().to_image();
    for n in 0..image.len() {
        let e = Schema::from_image(&image[..n]).unwrap_err();
        assert_ne!(e.kind, ImageErrorKind::Version, "at {n}");
        if n >= 4 {
            assert_eq!(e.kind, ImageErrorKind::Corrupt, "at {n}: {}", e.message);
        }
    }
    let e = Schema::from_image(&image[..image.len() - 1]).unwrap_err();
    assert!(e.message.contains("truncated"), "{}", e.message);
    // And an image with bytes after it.
    let mut long = image.clone();
    long.push(0);
    assert_eq!(kind(&long), Err(ImageErrorKind::Corrupt));
}

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn altered_bytes_are_errors() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let images = [
        signup().to_image(),
        Schema::compile(
            r##"{"$defs":{"n":{"$dynamicAnchor":"n","type":"integer"}},
                "items":{"$dynamicRef":"#n"},"multipleOf":0.5,
                "patternProperties":{"^x":{"pattern":"\\p{L}+"}}}"##,
            &Registry::new(),
            &Options::default(),
        )
        .unwrap()
        .to_image(),
    ];
    let mut tried = 0;
    for image in &images {
        // Every byte, flipped in every bit position.
        for at in 0..image.len() {
            for bit in 0..8 {
                let mut bad = image.clone();
                bad[at] ^= 1 << bit;
                assert!(Schema::from_image(&bad).is_err(), "bit {bit} of byte {at}");
                tried += 1;
            }
        }
        // Random runs of random bytes.
        for _ in 0..3000 {
            let mut bad = image.clone();
            let at = rng.below(bad.len());
            let n = 1 + rng.below(8);
            for b in bad.iter_mut().skip(at).take(n) {
                *b = rng.next() as u8;
            }
            if bad != *image {
                assert!(Schema::from_image(&bad).is_err(), "run of {n} at {at}");
                tried += 1;
            }
        }
    }
    let bytes: usize = images.iter().map(Vec::len).sum();
    assert!(tried >= 8 * bytes + 5000, "{tried}");
}

/// The format's checksum (FNV-1a 64 by little-endian 8-byte words, each
/// part zero-padded to a whole word): lets the tests below build images
/// whose checksum is right but whose tables are hostile.
fn fnv(parts: [&[u8]; 2]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for w in part.chunks(8) {
            let mut b = [0u8; 8];
            b[..w.len()].copy_from_slice(w);
            h = (h ^ u64::from_le_bytes(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

fn forge(payload: &[u8]) -> Vec<u8> {
    let mut out = IMAGE_MAGIC.to_vec();
    out.extend_from_slice(&IMAGE_VERSION.to_le_bytes());
    let v = env!("CARGO_PKG_VERSION");
    out.push(v.len() as u8);
    out.extend_from_slice(v.as_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    let sum = fnv([&out, payload]);
    out.extend_from_slice(&sum.to_le_bytes());
    out.extend_from_slice(payload);
    out
}

#[test]
fn forged_images_with_a_right_checksum_are_still_checked() {
    // The checksum helper matches the format: a real image re-forged from
    // its own payload is byte-identical.
    let image = signup().to_image();
    let head = 4 + 2 + 1 + env!("CARGO_PKG_VERSION").len() + 4 + 8;
    assert_eq!(forge(&image[head..]), image);
    // Huge counts: an error, not a huge allocation.
    let huge = [0x01, 0xff, 0xff, 0xff, 0xff, 0x0f];
    let e = Schema::from_image(&forge(&huge)).unwrap_err();
    assert_eq!(e.kind, ImageErrorKind::Corrupt);
    assert!(
        e.message.contains("count larger than the image"),
        "{}",
        e.message
    );
    // Overlong numbers.
    assert_eq!(kind(&forge(&[0xff; 16])), Err(ImageErrorKind::Corrupt));
    // Every payload byte changed in turn, checksum fixed: never a panic;
    // an index out of its table is an error.
    let payload = &image[head..];
    let mut errors = 0;
    for at in 0..payload.len() {
        for x in [0x00, 0x7f, 0x80, 0xff] {
            let mut p = payload.to_vec();
            p[at] = x;
            if Schema::from_image(&forge(&p)).is_err() {
                errors += 1;
            }
        }
    }
    assert!(errors > payload.len(), "{errors} of {}", payload.len() * 4);
    // An index out of range: the root node past the end.
    let mut p = payload.to_vec();
    p[0] = 0x7f;
    let e = Schema::from_image(&forge(&p)).unwrap_err();
    assert!(e.message.contains("root out of range"), "{}", e.message);
}

#[test]
fn descriptions_are_left_out_but_data_that_looks_like_one_is_kept() {
    let schema = r##"{
        "description": "A long description \"quoted\" that validation never reads",
        "$comment": "nor this",
        "$defs": {"c": {"const": {"description": "keep me", "n": 1}}},
        "properties": {
            "x": {"$ref": "#/$defs/c/const"},
            "y": {"$ref": "#/$defs/c"},
            "z": {"enum": [{"$comment": "data"}], "description": "gone"}
        }
    }"##;
    let direct = Schema::compile(schema, &Registry::new(), &Options::default()).unwrap();
    let image = direct.to_image();
    let text = String::from_utf8_lossy(&image);
    assert!(!text.contains("validation never reads") && !text.contains("nor this"));
    assert!(!text.contains("gone"));
    assert!(text.contains("keep me") && text.contains("\"data\""));
    let loaded = Schema::from_image(&image).unwrap();
    for data in [
        r#"{"y": {"description": "keep me", "n": 1}, "z": {"$comment": "data"}}"#,
        r#"{"y": {"description": "", "n": 1}}"#,
        r#"{"z": {"$comment": ""}}"#,
        r#"{"x": {"description": 2}}"#,
    ] {
        let d = Document::parse(data).unwrap();
        same(&direct, &loaded, d.root()).unwrap();
    }
    let ok = Document::parse(r#"{"y": {"description": "keep me", "n": 1}}"#).unwrap();
    assert!(loaded.is_valid(ok.root()).unwrap());
    let bad = Document::parse(r#"{"y": {"description": "", "n": 1}}"#).unwrap();
    assert!(!loaded.is_valid(bad.root()).unwrap());
}

#[test]
fn options_that_change_answers_travel_with_the_image() {
    let reg = Registry::new();
    let schema = r#"{"format":"email","contentEncoding":"base64"}"#;
    for (formats, draft, content) in [
        (true, Draft::Draft2020_12, false),
        (false, Draft::Draft2020_12, false),
        (true, Draft::Draft7, true),
        (false, Draft::Draft7, false),
    ] {
        let opts = Options {
            formats,
            default_draft: draft,
            content_assertion: content,
            ..Options::default()
        };
        let direct = Schema::compile(schema, &reg, &opts).unwrap();
        let loaded = Schema::from_image(&direct.to_image()).unwrap();
        for data in [r#""not an email""#, r#""a@b.example""#, r#""%%%""#] {
            let d = Document::parse(data).unwrap();
            assert_eq!(
                direct.is_valid(d.root()).unwrap(),
                loaded.is_valid(d.root()).unwrap()
            );
            same(&direct, &loaded, d.root()).unwrap();
        }
        let bad = Document::parse(r#""not an email""#).unwrap();
        assert_eq!(loaded.is_valid(bad.root()).unwrap(), !formats && !content);
    }
}
