//! Base64 decoding, for JWT payloads (`token`) and `contentEncoding`
//! (`schema`): one decoder, two alphabets.

/// Which characters stand for 62 and 63. (A build with one job uses one
/// alphabet.)
#[derive(Clone, Copy)]
#[cfg_attr(not(all(feature = "errors", feature = "validator")), allow(dead_code))]
pub(crate) enum Alphabet {
    /// RFC 4648 §4: `+` and `/` only.
    Standard,
    /// Either alphabet: `-`/`+` and `_`/`/` (JWTs are base64url, RFC 4648 §5,
    /// but some issuers emit the standard one).
    Lenient,
}

/// Decodes `s` (trailing `=` padding optional); `None` if malformed.
pub(crate) fn decode(s: &str, alphabet: Alphabet) -> Option<Vec<u8>> {
    let s = s.trim_end_matches('=');
    let url = matches!(alphabet, Alphabet::Lenient);
    let mut out = Vec::with_capacity(s.len() / 4 * 3 + 2);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'-' if url => 62,
            b'_' if url => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // A lone 6-bit group cannot end a base64 text.
    (bits < 6).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphabets_and_padding() {
        assert_eq!(decode("aGk=", Alphabet::Standard).unwrap(), b"hi");
        assert_eq!(decode("aGk", Alphabet::Standard).unwrap(), b"hi");
        assert_eq!(decode("-_8", Alphabet::Lenient).unwrap(), [0xfb, 0xff]);
        assert_eq!(decode("+/8", Alphabet::Lenient).unwrap(), [0xfb, 0xff]);
        assert!(decode("-_8", Alphabet::Standard).is_none());
        assert!(decode("a", Alphabet::Standard).is_none());
        assert!(decode("a b", Alphabet::Lenient).is_none());
    }
}
