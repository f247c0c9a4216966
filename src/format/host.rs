//! `hostname` (RFC 1123 §2.1) and `idn-hostname` (RFC 5890–5893).
//!
//! Both split a name into labels and check each; lengths count octets of the
//! A-label (`xn--`) form: at most 63 per label, 253 for the name (no
//! trailing dot). An `xn--` label must be a valid A-label in both formats:
//! canonical Punycode of a valid U-label. Plain ASCII labels follow RFC 1123
//! only, so `ab--cd` (a reserved but common LDH label) is accepted; every
//! valid `hostname` is a valid `idn-hostname`.
//!
//! ASCII names without `xn--` labels never touch Unicode data and do not
//! allocate; no path allocates.

use super::idna::{self, Props};
use super::punycode::{self, MAX};

/// RFC 1034 §3.1: 255 octets on the wire is 253 characters of text.
const MAX_NAME: usize = 253;
const MAX_LABEL: usize = 63;

/// `hostname`: LDH labels; `xn--` labels must be valid A-labels.
pub fn is_hostname(s: &str) -> bool {
    domain(s, false)
}

/// `idn-hostname`: labels are LDH labels, A-labels or U-labels, separated by
/// `.` or the ideographic full stops U+3002, U+FF0E, U+FF61.
pub fn is_idn_hostname(s: &str) -> bool {
    domain(s, true)
}

/// A label read into code points.
struct Label {
    /// Octets in A-label form.
    len: usize,
    /// Code points in the buffer.
    count: usize,
    /// A-label or U-label: subject to the IDNA2008 rules.
    idna: bool,
}

fn ldh(b: &[u8]) -> bool {
    !b.is_empty()
        && b.len() <= MAX_LABEL
        && b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-')
        && b.first() != Some(&b'-')
        && b.last() != Some(&b'-')
}

/// Reads `label` into `buf` (a plain LDH label only when `all`); `None` if
/// it cannot be a label at all.
fn read(label: &str, unicode: bool, all: bool, buf: &mut [char; MAX]) -> Option<Label> {
    let b = label.as_bytes();
    if b.is_ascii() {
        if !ldh(b) {
            return None;
        }
        if b.get(..4).is_some_and(|p| p.eq_ignore_ascii_case(b"xn--")) {
            let body = b.get(4..)?;
            let count = punycode::decode(body, buf)?;
            let cps = buf.get(..count)?;
            // An A-label stands for something that is not plain ASCII, in
            // NFC (RFC 5891 §5.4), and only one spelling of it is valid.
            if cps.iter().all(char::is_ascii) || !punycode::encodes_to(cps, body) || !idna::nfc(cps)
            {
                return None;
            }
            return Some(Label {
                len: b.len(),
                count,
                idna: true,
            });
        }
        if all {
            for (slot, &c) in buf.iter_mut().zip(b) {
                *slot = char::from(c);
            }
        }
        return Some(Label {
            len: b.len(),
            count: b.len(),
            idna: false,
        });
    }
    if !unicode {
        return None;
    }
    let mut count = 0;
    for c in label.chars() {
        *buf.get_mut(count)? = c;
        count += 1;
    }
    let len = punycode::encoded_len(buf.get(..count)?)?.checked_add(4)?;
    Some(Label {
        len,
        count,
        idna: true,
    })
}

/// Splits off the first label: `.`, or with `unicode` also U+3002, U+FF0E
/// and U+FF61 (matched as UTF-8 bytes, which is cheaper than decoding).
fn split_label(s: &str, unicode: bool) -> (&str, Option<&str>) {
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        let sep = match (c, b.get(i + 1..i + 3)) {
            (b'.', _) => 1,
            (0xE3, Some([0x80, 0x82])) | (0xEF, Some([0xBC, 0x8E] | [0xBD, 0xA1])) if unicode => 3,
            _ => continue,
        };
        return (s.get(..i).unwrap_or(""), s.get(i + sep..));
    }
    (s, None)
}

/// The labels of `s`, one at a time.
fn labels(s: &str, unicode: bool) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    core::iter::from_fn(move || {
        let (label, next) = split_label(rest?, unicode);
        rest = next;
        Some(label)
    })
}

fn domain(s: &str, unicode: bool) -> bool {
    let mut buf = ['\0'; MAX];
    let mut props: Option<Props> = None;
    let mut total = 0usize;
    let mut rtl = false;
    for label in labels(s, unicode) {
        let Some(l) = read(label, unicode, false, &mut buf) else {
            return false;
        };
        if l.len > MAX_LABEL {
            return false;
        }
        total += l.len + 1;
        if l.idna {
            let p = props.get_or_insert_with(Props::get);
            match buf.get(..l.count).and_then(|cps| idna::check_label(cps, p)) {
                Some(r) => rtl |= r,
                None => return false,
            }
        }
    }
    if total > MAX_NAME + 1 {
        return false;
    }
    // A name with a right-to-left label is a Bidi domain name: the Bidi rule
    // then holds for every label (RFC 5893 §1.4, §2).
    match (&props, rtl) {
        (Some(p), true) => labels(s, unicode).all(|label| {
            read(label, unicode, true, &mut buf)
                .and_then(|l| buf.get(..l.count))
                .is_some_and(|cps| idna::bidi_ok(cps, p))
        }),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostnames() {
        for ok in ["a", "a.b", "a-b.c", "ab--cd", "A.COM", "1.2.3.4"] {
            assert!(is_hostname(ok), "{ok}");
        }
        let long_label = "a".repeat(64);
        let long_name = ["a".repeat(63).as_str(); 4].join(".");
        for bad in [
            "",
            ".",
            "a.",
            ".a",
            "a..b",
            "-a",
            "a-",
            "a_b",
            "bücher.de",
            "xn--",
            "xn--a",
            &long_label,
            &long_name,
        ] {
            assert!(!is_hostname(bad), "{bad}");
        }
        assert!(is_hostname(&["a".repeat(63).as_str(); 3].join(".")));
    }

    #[test]
    fn idn_hostnames() {
        for ok in [
            "bücher.de",
            "Bücher.de",
            "xn--bcher-kva.de",
            "XN--Bcher-KVA.de",
            "ab--cd",
            "\u{5D0}.\u{5D1}",
        ] {
            assert!(is_idn_hostname(ok), "{ok}");
        }
        for bad in [
            "a\u{5D0}",
            "\u{5D0}.1a",
            "ab--\u{FC}",
            "xn--bcher-kva-",
            "\u{1F600}",
            // n + U+0301 and e + U+0301: NFC composes them to ń and é
            // (RFC 5891 §5.4), in either format.
            "xn--n-xbb",
            "xn--e-xbb.example",
        ] {
            assert!(!is_idn_hostname(bad), "{bad}");
            assert!(!is_hostname(bad), "{bad}");
        }
        // Their NFC spellings are fine, as is a combining mark NFC keeps
        // (क + nukta: क़ U+0958 is excluded from composition).
        for ok in ["xn--vfa", "xn--9ca.example", "xn--11b2f"] {
            assert!(is_idn_hostname(ok) && is_hostname(ok), "{ok}");
        }
        assert!(crate::unicode::is_nfc("\u{915}\u{93C}"));
        assert!(!crate::unicode::is_nfc("e\u{301}"));
        // Labels written in Unicode are normalized by applications first.
        assert!(is_idn_hostname("cafe\u{301}.example"));
        assert!(is_hostname("xn--bcher-kva.de") && !is_hostname("bücher.de"));
        // Upper case outside ASCII is Unstable (Changes_When_NFKC_Casefolded).
        assert!(!is_idn_hostname("BÜCHER.de"));
        assert!(
            !is_idn_hostname("\u{FB01}le.de"),
            "compatibility characters are Unstable"
        );
    }

    #[test]
    fn idn_lengths() {
        assert!(!is_idn_hostname(&"ü".repeat(60)));
        assert!(!is_idn_hostname("a\u{3002}"));
        assert!(!is_idn_hostname("xn--example-"));
        assert!(!is_idn_hostname("xn---9uc"));
    }
}
