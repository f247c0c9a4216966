//! IDNA2008 code point rules for one label: the derived property of RFC 5892
//! (PVALID, CONTEXTJ, CONTEXTO, DISALLOWED), its contextual rules
//! (Appendix A) and the Bidi rule of RFC 5893.
//!
//! What ECMA-262 property escapes can say comes from [`crate::unicode`] (so
//! in the browser it is the host's own data): General_Category, Script and
//! Changes_When_NFKC_Casefolded. The rest is in `idna_tables` (about 1 KB):
//! Bidi_Class and Joining_Type where they differ from a default derived from
//! the General_Category, and the Virama combining class.
//!
//! Approximations, stated honestly:
//! - *Unstable* (RFC 5892 §2.2, `NFKC(casefold(NFKC(cp))) != cp`) is taken
//!   as Changes_When_NFKC_Casefolded. The two differ only on
//!   Default_Ignorable_Code_Point characters, which §2.3 disallows anyway;
//!   checked equal on every code point against the IDNA tables of
//!   Unicode 17.
//! - The tables come from Unicode 18; the General_Category and script data
//!   come from whatever version `crate::unicode` carries. A code point new in
//!   a later version may get a default Bidi_Class or Joining_Type.
//! - NFC (RFC 5891 §5.4) is checked for A-labels: what an `xn--` label
//!   decodes to must be in NFC ([`nfc`], asked of [`crate::unicode`], so in
//!   the browser of `String.prototype.normalize`, not of tens of KB of
//!   composition tables). Labels written in Unicode are not checked: an
//!   application normalizes them before lookup (§5.2), and the suite
//!   accepts a domain that is not in NFC in `idn-email`.
//! - ASCII letters match case-insensitively, as DNS does, also inside
//!   U-labels (`Bücher`); any other upper-case letter is DISALLOWED.
//!
//! `idna_gen/` (a separate program over ICU4X, not built with the crate)
//! regenerates `idna_tables` and checks the derivation here against the IANA
//! IDNA2008 tables for every code point.

use super::idna_tables::{BIDI, JOINING, VIRAMA};
use crate::unicode::{self, Property};
use std::sync::OnceLock;

/// The Unicode properties a label check reads, resolved once.
#[derive(Clone, Copy)]
pub(crate) struct Props {
    /// Ll, Lu, Lo, Lm, Nd, Mn, Mc: RFC 5892 LetterDigits.
    letter_digits: [Option<Property>; 7],
    mn: Option<Property>,
    mc: Option<Property>,
    me: Option<Property>,
    cwkcf: Option<Property>,
    greek: Option<Property>,
    hebrew: Option<Property>,
    /// Hiragana, Katakana, Han: KATAKANA MIDDLE DOT's company.
    kana_han: [Option<Property>; 3],
}

fn gc(v: &str) -> Option<Property> {
    unicode::property("General_Category", Some(v))
}

fn script(v: &str) -> Option<Property> {
    unicode::property("Script", Some(v))
}

fn has(p: Option<Property>, c: char) -> bool {
    p.is_some_and(|p| unicode::contains(p, c))
}

/// Resolved properties, kept once a backend is installed (in wasm it may be
/// installed after the first check).
static PROPS: OnceLock<Props> = OnceLock::new();

impl Props {
    /// The properties, resolved on first use.
    pub(crate) fn get() -> Props {
        if let Some(p) = PROPS.get() {
            return *p;
        }
        let p = Props::new();
        if unicode::available() {
            let _ = PROPS.set(p);
        }
        p
    }

    fn new() -> Props {
        let (mn, mc) = (gc("Mn"), gc("Mc"));
        Props {
            letter_digits: [gc("Lo"), gc("Ll"), mn, mc, gc("Lm"), gc("Nd"), gc("Lu")],
            mn,
            mc,
            me: gc("Me"),
            cwkcf: unicode::property("Changes_When_NFKC_Casefolded", None),
            greek: script("Greek"),
            hebrew: script("Hebrew"),
            kana_han: [script("Hiragana"), script("Katakana"), script("Han")],
        }
    }

    /// Mn or Me: the default NSM Bidi_Class and T Joining_Type.
    fn nonspacing(&self, c: char) -> bool {
        has(self.mn, c) || has(self.me, c)
    }
}

/// A code point's IDNA2008 derived property.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Class {
    /// Allowed anywhere.
    Pvalid,
    /// ZERO WIDTH (NON-)JOINER: allowed in context.
    ContextJ,
    /// Allowed in context (Appendix A.3–A.9).
    ContextO,
    /// Not allowed.
    Disallowed,
}

/// RFC 5892 §3, in its order. ASCII letters of either case count as PVALID.
pub(crate) fn class(c: char, p: &Props) -> Class {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '-' => Class::Pvalid,
        '\0'..='\x7f' => Class::Disallowed,
        // §2.6 Exceptions.
        '\u{DF}' | '\u{3C2}' | '\u{6FD}' | '\u{6FE}' | '\u{F0B}' | '\u{3007}' => Class::Pvalid,
        '\u{B7}' | '\u{375}' | '\u{5F3}' | '\u{5F4}' | '\u{30FB}' => Class::ContextO,
        '\u{660}'..='\u{669}' | '\u{6F0}'..='\u{6F9}' => Class::ContextO,
        '\u{640}' | '\u{7FA}' | '\u{302E}' | '\u{302F}' | '\u{3031}'..='\u{3035}' | '\u{303B}' => {
            Class::Disallowed
        }
        // §2.5 JoinControl.
        '\u{200C}' | '\u{200D}' => Class::ContextJ,
        // §2.9 OldHangulJamo (Hangul_Syllable_Type L, V, T: whole blocks).
        '\u{1100}'..='\u{11FF}' | '\u{A960}'..='\u{A97F}' | '\u{D7B0}'..='\u{D7FF}' => {
            Class::Disallowed
        }
        // §2.4 IgnorableBlocks.
        '\u{20D0}'..='\u{20FF}' | '\u{1D100}'..='\u{1D24F}' => Class::Disallowed,
        // §2.1 LetterDigits minus §2.2 Unstable (and §2.3, see module docs).
        // Unassigned code points have no letter or digit category.
        _ if p.letter_digits.iter().any(|&g| has(g, c)) && !has(p.cwkcf, c) => Class::Pvalid,
        _ => Class::Disallowed,
    }
}

/// Value of the packed run covering `c` in `table`, if any.
fn lookup(table: &[u32], c: char) -> Option<u8> {
    let c = c as u32;
    let i = table.partition_point(|&w| w >> 11 <= c);
    let w = *table.get(i.checked_sub(1)?)?;
    (c <= (w >> 11) + ((w >> 3) & 0xFF)).then_some((w & 7) as u8)
}

/// Bidi classes as the Bidi rule groups them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Bidi {
    L,
    /// R or AL.
    R,
    An,
    En,
    Nsm,
    /// ES, CS, ET, ON or BN: allowed inside either direction.
    Neutral,
}

fn bidi(c: char, p: &Props) -> Bidi {
    match c {
        '0'..='9' => return Bidi::En,
        '-' => return Bidi::Neutral,
        '\0'..='\x7f' => return Bidi::L,
        _ => {}
    }
    match lookup(&BIDI, c) {
        Some(0) => Bidi::L,
        Some(1) => Bidi::R,
        Some(2) => Bidi::An,
        Some(3) => Bidi::En,
        Some(_) => Bidi::Neutral,
        None if p.nonspacing(c) => Bidi::Nsm,
        None => Bidi::L,
    }
}

/// Joining_Type, grouped for the ZERO WIDTH NON-JOINER rule.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Joining {
    D,
    L,
    R,
    T,
    U,
}

fn joining(c: char, p: &Props) -> Joining {
    if c.is_ascii() {
        return Joining::U;
    }
    match lookup(&JOINING, c) {
        Some(1) => Joining::D,
        Some(2) => Joining::L,
        Some(3) => Joining::R,
        Some(_) => Joining::T,
        None if p.nonspacing(c) => Joining::T,
        None => Joining::U,
    }
}

/// Appendix A.1 and A.2: a joiner after a Virama, or a non-joiner between
/// joining letters (`[LD] T* ZWNJ T* [RD]`).
fn joiner_ok(label: &[char], i: usize, p: &Props) -> bool {
    let before = i
        .checked_sub(1)
        .and_then(|b| label.get(..=b))
        .unwrap_or(&[]);
    if before.last().is_some_and(|&c| lookup(&VIRAMA, c).is_some()) {
        return true;
    }
    if label.get(i) != Some(&'\u{200C}') {
        return false;
    }
    let after = label.get(i + 1..).unwrap_or(&[]);
    let left = before
        .iter()
        .rev()
        .map(|&c| joining(c, p))
        .find(|&j| j != Joining::T);
    let right = after
        .iter()
        .map(|&c| joining(c, p))
        .find(|&j| j != Joining::T);
    matches!(left, Some(Joining::L | Joining::D)) && matches!(right, Some(Joining::R | Joining::D))
}

/// Appendix A.3–A.9.
fn other_ok(label: &[char], i: usize, p: &Props) -> bool {
    let before = i.checked_sub(1).and_then(|b| label.get(b)).copied();
    let after = label.get(i + 1).copied();
    match label.get(i) {
        Some('\u{B7}') => matches!(before, Some('l' | 'L')) && matches!(after, Some('l' | 'L')),
        Some('\u{375}') => after.is_some_and(|c| has(p.greek, c)),
        Some('\u{5F3}' | '\u{5F4}') => before.is_some_and(|c| has(p.hebrew, c)),
        Some('\u{30FB}') => label.iter().any(|&c| p.kana_han.iter().any(|&s| has(s, c))),
        Some('\u{660}'..='\u{669}') => !label.iter().any(|c| ('\u{6F0}'..='\u{6F9}').contains(c)),
        Some('\u{6F0}'..='\u{6F9}') => !label.iter().any(|c| ('\u{660}'..='\u{669}').contains(c)),
        _ => false,
    }
}

/// Whether a label's code points are in NFC (without allocating: a label
/// has at most 63 code points).
pub(crate) fn nfc(label: &[char]) -> bool {
    if label.iter().all(|&c| c < '\u{300}') {
        return true;
    }
    let mut buf = [0u8; 4 * super::punycode::MAX];
    let mut len = 0;
    for &c in label {
        let Some(slot) = buf.get_mut(len..len + 4) else {
            return true;
        };
        len += c.encode_utf8(slot).len();
    }
    buf.get(..len)
        .and_then(|b| core::str::from_utf8(b).ok())
        .is_none_or(unicode::is_nfc)
}

/// Checks a U-label (RFC 5891 §4.2.3 and §4.2.4 minus NFC): hyphens, no
/// leading combining mark, every code point allowed in its context. Returns
/// whether the label is right-to-left (has an R, AL or AN character), which
/// makes the whole name subject to the Bidi rule; `None` if invalid.
pub(crate) fn check_label(label: &[char], p: &Props) -> Option<bool> {
    let (&first, &last) = (label.first()?, label.last()?);
    if first == '-' || last == '-' || (label.get(2) == Some(&'-') && label.get(3) == Some(&'-')) {
        return None;
    }
    if p.nonspacing(first) || has(p.mc, first) {
        return None;
    }
    let mut rtl = false;
    for (i, &c) in label.iter().enumerate() {
        let ok = match class(c, p) {
            Class::Pvalid => true,
            Class::ContextJ => joiner_ok(label, i, p),
            Class::ContextO => other_ok(label, i, p),
            Class::Disallowed => false,
        };
        if !ok {
            return None;
        }
        // R, AL and AN are all in the table (the defaults are L and NSM).
        rtl |= !c.is_ascii() && matches!(lookup(&BIDI, c), Some(1 | 2));
    }
    Some(rtl)
}

/// The Bidi rule (RFC 5893 §2), for every label of a name that has a
/// right-to-left label.
pub(crate) fn bidi_ok(label: &[char], p: &Props) -> bool {
    let rtl = match label.first().map(|&c| bidi(c, p)) {
        Some(Bidi::L) => false,
        Some(Bidi::R) => true,
        _ => return false,
    };
    let (mut en, mut an) = (false, false);
    let mut last = Bidi::Nsm;
    for &c in label {
        let b = bidi(c, p);
        let allowed = match b {
            Bidi::L => !rtl,
            Bidi::R | Bidi::An => rtl,
            Bidi::En | Bidi::Neutral | Bidi::Nsm => true,
        };
        if !allowed {
            return false;
        }
        en |= b == Bidi::En;
        an |= b == Bidi::An;
        if b != Bidi::Nsm {
            last = b;
        }
    }
    if rtl {
        matches!(last, Bidi::R | Bidi::En | Bidi::An) && !(en && an)
    } else {
        matches!(last, Bidi::L | Bidi::En)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_found() {
        for t in [&BIDI[..], &JOINING[..], &VIRAMA[..]] {
            assert!(t.windows(2).all(|w| w[0] >> 11 < w[1] >> 11));
        }
        assert_eq!(lookup(&VIRAMA, '\u{94D}'), Some(0));
        assert_eq!(lookup(&VIRAMA, '\u{94C}'), None);
        assert_eq!(lookup(&BIDI, '\u{5D0}'), Some(1));
        assert_eq!(lookup(&BIDI, '\u{661}'), Some(2));
        assert_eq!(lookup(&JOINING, '\u{628}'), Some(1));
        assert_eq!(lookup(&JOINING, '\u{627}'), Some(3));
        assert_eq!(lookup(&JOINING, '\u{41}'), None);
    }

    /// The property data (always there natively: the `ucd` backend).
    fn with_data() -> Props {
        let p = Props::get();
        assert!(p.letter_digits.iter().all(Option::is_some));
        assert!(p.cwkcf.is_some());
        p
    }

    #[test]
    fn derived_property() {
        let p = with_data();
        for c in ['ü', 'ß', 'ς', '\u{3007}', '실', '\u{301}', 'ب', '\u{94D}'] {
            assert_eq!(class(c, &p), Class::Pvalid, "{c:?}");
        }
        // Hangul jamo, unassigned, symbols, exceptions.
        for c in ['\u{1100}', '\u{378}', '€', '\u{640}', '\u{20E1}'] {
            assert_eq!(class(c, &p), Class::Disallowed, "{c:?}");
        }
        // Upper case and compatibility forms are Unstable.
        for c in ['Ü', '\u{212A}', 'ﬁ', '\u{E33}', '\u{3164}'] {
            assert_eq!(class(c, &p), Class::Disallowed, "{c:?}");
        }
    }

    #[test]
    fn contexts() {
        let p = with_data();
        let ok = |s: &str| check_label(&s.chars().collect::<Vec<_>>(), &p).is_some();
        assert!(ok("l\u{B7}l") && !ok("l\u{B7}a"));
        assert!(ok("\u{3B1}\u{375}\u{3B2}") && !ok("\u{3B1}\u{375}a"));
        assert!(ok("\u{5D0}\u{5F3}") && !ok("a\u{5F3}"));
        assert!(ok("\u{30FB}\u{30A1}") && !ok("\u{30FB}a"));
        assert!(ok("\u{628}\u{660}") && !ok("\u{660}\u{6F0}"));
        assert!(ok("\u{915}\u{94D}\u{200D}") && !ok("\u{915}\u{200D}"));
        // ZWNJ between a dual-joining and a right-joining letter, marks between.
        assert!(ok("\u{628}\u{64E}\u{200C}\u{64E}\u{627}") && !ok("\u{627}\u{200C}\u{628}"));
        assert!(!ok("\u{301}a"));
    }

    #[test]
    fn bidi_rule() {
        let p = with_data();
        let ok = |s: &str| bidi_ok(&s.chars().collect::<Vec<_>>(), &p);
        assert!(ok("\u{5D0}\u{5D1}") && ok("\u{5D0}1") && ok("\u{627}\u{661}\u{64E}"));
        assert!(!ok("1\u{5D0}") && !ok("\u{5D0}a") && !ok("\u{5D0}1\u{661}") && !ok("\u{5D0}-"));
        assert!(ok("abc") && ok("a1") && !ok("1a") && !ok("a-"));
    }

    #[test]
    fn ascii_needs_no_unicode_data() {
        let p = Props::get();
        assert_eq!(class('a', &p), Class::Pvalid);
        assert_eq!(class('_', &p), Class::Disallowed);
        assert_eq!(class('\u{200D}', &p), Class::ContextJ);
        assert_eq!(class('\u{302E}', &p), Class::Disallowed);
        assert_eq!(check_label(&['a', 'b', '-', '-', 'c'], &p), None);
        assert_eq!(check_label(&['a', '-', '-', 'b'], &p), Some(false));
        assert_eq!(check_label(&['-', 'a'], &p), None);
        assert!(!bidi_ok(&['0', 'a'], &p));
        assert!(bidi_ok(&['a', '0'], &p));
    }
}
