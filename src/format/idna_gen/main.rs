//! Writes `../idna_tables.rs`: the few IDNA2008 facts ECMA-262 property
//! escapes cannot express (Bidi_Class, Joining_Type, Canonical_Combining_Class
//! = Virama), for the code points IDNA2008 allows, as packed runs.
//!
//! It also derives PVALID exactly the way `../idna.rs` does at run time
//! (General_Category, Changes_When_NFKC_Casefolded, the RFC 5892 exceptions
//! and fixed blocks) and, given a reference file, compares the result with
//! the IANA IDNA tables for every code point:
//!
//! ```text
//! python3 -c "import idna.idnadata as d
//! for k, v in d.codepoint_classes.items():
//!     for r in v: print(k, hex(r >> 32)[2:], hex((r & 0xffffffff) - 1)[2:])" > ref.txt
//! cargo run --release -- ref.txt
//! ```
//!
//! Code points the reference does not know (newer Unicode) are counted, not
//! reported as errors.

use icu_properties::props::{
    BidiClass, CanonicalCombiningClass, ChangesWhenNfkcCasefolded, GeneralCategory, JoiningType,
};
use icu_properties::{CodePointMapData, CodePointSetData};
use std::collections::HashMap;
use std::fmt::Write;

const MAX: u32 = 0x110000;

fn main() {
    let bc = CodePointMapData::<BidiClass>::new();
    let gc = CodePointMapData::<GeneralCategory>::new();
    let jt = CodePointMapData::<JoiningType>::new();
    let ccc = CodePointMapData::<CanonicalCombiningClass>::new();
    let cwkcf = CodePointSetData::new::<ChangesWhenNfkcCasefolded>();
    use GeneralCategory as G;
    let nonspacing = |c: u32| matches!(gc.get32(c), G::NonspacingMark | G::EnclosingMark);

    // The run-time derivation of `idna::class`, true for PVALID and CONTEXT*.
    let valid = |c: u32| -> bool {
        match c {
            0x61..=0x7A | 0x30..=0x39 | 0x2D => true,
            0..=0x7F => false,
            0xDF | 0x3C2 | 0x6FD | 0x6FE | 0xF0B | 0x3007 => true,
            0xB7 | 0x375 | 0x5F3 | 0x5F4 | 0x30FB | 0x660..=0x669 | 0x6F0..=0x6F9 => true,
            0x640 | 0x7FA | 0x302E | 0x302F | 0x3031..=0x3035 | 0x303B => false,
            0x200C | 0x200D => true,
            0x1100..=0x11FF | 0xA960..=0xA97F | 0xD7B0..=0xD7FF => false,
            0x20D0..=0x20FF | 0x1D100..=0x1D24F => false,
            _ => {
                matches!(
                    gc.get32(c),
                    G::LowercaseLetter
                        | G::UppercaseLetter
                        | G::OtherLetter
                        | G::ModifierLetter
                        | G::DecimalNumber
                        | G::NonspacingMark
                        | G::SpacingMark
                ) && !cwkcf.contains32(c)
            }
        }
    };
    let valid: Vec<bool> = (0..MAX)
        .map(|c| !(0xD800..0xE000).contains(&c) && valid(c))
        .collect();

    if let Some(path) = std::env::args().nth(1) {
        let text = std::fs::read_to_string(path).expect("reference file");
        let mut reference: HashMap<u32, bool> = HashMap::new();
        for line in text.lines() {
            let p: Vec<&str> = line.split(' ').collect();
            let (a, b) = (
                u32::from_str_radix(p[1], 16).unwrap(),
                u32::from_str_radix(p[2], 16).unwrap(),
            );
            for c in a..=b {
                reference.insert(c, true);
            }
        }
        let (mut wrong, mut newer) = (0, 0);
        for c in 0..MAX {
            let want = reference.get(&c).copied().unwrap_or(false);
            if valid[c as usize] != want {
                if valid[c as usize] && !want && gc.get32(c) != G::Unassigned {
                    // Allowed by this derivation, unknown to the reference:
                    // assigned after the reference's Unicode version.
                    newer += 1;
                } else {
                    wrong += 1;
                    eprintln!(
                        "mismatch U+{c:04X}: derived {} reference {want}",
                        valid[c as usize]
                    );
                }
            }
        }
        eprintln!("{wrong} mismatches, {newer} code points newer than the reference");
    }

    // Bidi: 0 L, 1 R/AL, 2 AN, 3 EN, 4 NSM, 5 ES/CS/ET/ON/BN, 6 other.
    let bidi = |c: u32| -> u8 {
        match bc.get32(c) {
            BidiClass::LeftToRight => 0,
            BidiClass::RightToLeft | BidiClass::ArabicLetter => 1,
            BidiClass::ArabicNumber => 2,
            BidiClass::EuropeanNumber => 3,
            BidiClass::NonspacingMark => 4,
            BidiClass::EuropeanSeparator
            | BidiClass::CommonSeparator
            | BidiClass::EuropeanTerminator
            | BidiClass::OtherNeutral
            | BidiClass::BoundaryNeutral => 5,
            _ => 6,
        }
    };
    let bidi_default = |c: u32| if nonspacing(c) { 4 } else { 0 };
    // Joining: 0 U (and C), 1 D, 2 L, 3 R, 4 T.
    let joining = |c: u32| -> u8 {
        match jt.get32(c) {
            JoiningType::DualJoining => 1,
            JoiningType::LeftJoining => 2,
            JoiningType::RightJoining => 3,
            JoiningType::Transparent => 4,
            _ => 0,
        }
    };
    let joining_default = |c: u32| if nonspacing(c) { 4 } else { 0 };

    let bidi_runs = runs(&valid, &bidi, &bidi_default);
    assert!(
        bidi_runs.iter().all(|r| r.2 != 6),
        "an allowed code point has an unexpected Bidi_Class"
    );
    let joining_runs = runs(&valid, &joining, &joining_default);
    let mut virama: Vec<(u32, u32, u8)> = Vec::new();
    for c in (0..MAX).filter(|&c| ccc.get32(c) == CanonicalCombiningClass::Virama) {
        assert!(valid[c as usize]);
        match virama.last_mut() {
            Some(r) if r.1 + 1 == c => r.1 = c,
            _ => virama.push((c, c, 0)),
        }
    }

    let mut rs = String::from(
        "//! Generated by `idna_gen/` from the Unicode Character Database (Unicode 18.0\n\
         //! via ICU4X `icu_properties` 2.4); do not edit.\n\
         //! Each entry packs `start << 11 | (len - 1) << 3 | value`, sorted by start.\n\
         //! Only code points IDNA2008 allows (PVALID, CONTEXTJ, CONTEXTO) are\n\
         //! meaningful: runs span disallowed code points freely to stay few.\n\n",
    );
    pack(&mut rs, "BIDI", "Bidi_Class where it differs from the default (NSM for Mn/Me, else L):\n/// 0 L, 1 R or AL, 2 AN, 3 EN, 5 ES/CS/ET/ON/BN.", &bidi_runs);
    pack(&mut rs, "JOINING", "Joining_Type where it differs from the default (T for Mn/Me, else U):\n/// 1 D, 2 L, 3 R, 4 T.", &joining_runs);
    pack(
        &mut rs,
        "VIRAMA",
        "Canonical_Combining_Class = Virama (9).",
        &virama,
    );
    std::fs::write("../idna_tables.rs", rs).expect("write");
}

/// Runs of equal `value` over allowed code points (disallowed ones are
/// skipped), keeping only runs where some value differs from `default`.
fn runs(
    valid: &[bool],
    value: &dyn Fn(u32) -> u8,
    default: &dyn Fn(u32) -> u8,
) -> Vec<(u32, u32, u8)> {
    let mut out = Vec::new();
    let mut cur: Option<(u32, u32, u8, bool)> = None;
    for c in (0..MAX).filter(|&c| valid[c as usize]) {
        let v = value(c);
        let differs = v != default(c);
        match &mut cur {
            Some((_, end, k, any)) if *k == v => {
                *end = c;
                *any |= differs;
            }
            _ => {
                if let Some((s, e, k, true)) = cur {
                    out.push((s, e, k));
                }
                cur = Some((c, c, v, differs));
            }
        }
    }
    if let Some((s, e, k, true)) = cur {
        out.push((s, e, k));
    }
    out
}

fn pack(rs: &mut String, name: &str, doc: &str, runs: &[(u32, u32, u8)]) {
    let mut words = Vec::new();
    for &(start, end, value) in runs {
        let mut a = start;
        while a <= end {
            let b = end.min(a + 255);
            words.push(a << 11 | (b - a) << 3 | u32::from(value));
            a = b + 1;
        }
    }
    let _ = writeln!(
        rs,
        "/// {doc}\npub(super) const {name}: [u32; {}] = [",
        words.len()
    );
    for chunk in words.chunks(8) {
        let line: Vec<String> = chunk.iter().map(|w| format!("0x{w:08X},")).collect();
        let _ = writeln!(rs, "    {}", line.join(" "));
    }
    rs.push_str("];\n");
    if name != "VIRAMA" {
        rs.push('\n');
    }
}
