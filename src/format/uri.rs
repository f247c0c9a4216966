//! `uri`, `uri-reference` (RFC 3986 §3, §4.1) and `iri`, `iri-reference`
//! (RFC 3987 §2.2).
//!
//! The reference is split as RFC 3986 Appendix B does (fragment at the first
//! `#`, query at the first `?`, scheme before a `:` that precedes any `/`),
//! then each component is checked against its grammar. An IRI also allows
//! `ucschar` everywhere a URI allows unreserved characters, and `iprivate`
//! in the query. The host is not resolved: `999.999.999.999` is a valid
//! reg-name.

use super::{ascii_set, in_set, ip};

/// RFC 3987 `ucschar`.
pub(crate) fn ucschar(c: u32) -> bool {
    matches!(c, 0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF)
        || (0x10000..0xF0000).contains(&c)
            && c & 0xFFFF <= 0xFFFD
            && !(0xE0000..0xE1000).contains(&c)
}

/// RFC 3987 `iprivate`.
pub(crate) fn iprivate(c: u32) -> bool {
    matches!(c, 0xE000..=0xF8FF) || (0xF0000..=0x10FFFD).contains(&c) && c & 0xFFFF <= 0xFFFD
}

/// What a component allows besides unreserved characters and sub-delims.
#[derive(Clone, Copy)]
struct Set {
    /// ASCII allowed as is: unreserved, sub-delims and some of `:@/?`.
    ascii: u128,
    /// `%` HEXDIG HEXDIG allowed.
    pct: bool,
    /// `ucschar` allowed (IRIs).
    ucs: bool,
    /// `iprivate` allowed (IRI queries).
    private: bool,
}

// ASCII of each component: unreserved (ALPHA DIGIT `-._~`), sub-delims
// (`!$&'()*+,;=`) and the component's own extras.
const REG_NAME: u128 = ascii_set(b"-._~!$&'()*+,;=", true);
const USERINFO: u128 = ascii_set(b"-._~!$&'()*+,;=:", true);
const PATH: u128 = ascii_set(b"-._~!$&'()*+,;=:@/", true);
const QUERY: u128 = ascii_set(b"-._~!$&'()*+,;=:@/?", true);

/// Whether all of `s` is made of characters of `set`.
fn component(s: &str, set: Set) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' && set.pct {
            let hex = b.get(i + 1..i + 3);
            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                return false;
            }
            i += 3;
            continue;
        }
        if c.is_ascii() {
            if !in_set(c, set.ascii) {
                return false;
            }
            i += 1;
            continue;
        }
        let Some(ch) = s.get(i..).and_then(|r| r.chars().next()) else {
            return false;
        };
        let cp = ch as u32;
        if !((set.ucs && ucschar(cp)) || (set.private && iprivate(cp))) {
            return false;
        }
        i += ch.len_utf8();
    }
    true
}

fn set(ascii: u128, iri: bool) -> Set {
    Set {
        ascii,
        pct: true,
        ucs: iri,
        private: false,
    }
}

/// RFC 3986 `scheme`.
fn scheme(s: &str) -> bool {
    let b = s.as_bytes();
    b.first().is_some_and(u8::is_ascii_alphabetic)
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || b"+-.".contains(&c))
}

/// RFC 3986 `authority` (RFC 3987 `iauthority`).
fn authority(a: &str, iri: bool) -> bool {
    let (userinfo, hostport) = match a.find('@') {
        Some(at) => (a.get(..at), a.get(at + 1..).unwrap_or("")),
        None => (None, a),
    };
    if userinfo.is_some_and(|u| !component(u, set(USERINFO, iri))) {
        return false;
    }
    let (host_ok, port) = if let Some(rest) = hostport.strip_prefix('[') {
        let Some(close) = rest.find(']') else {
            return false;
        };
        let literal = rest.get(..close).unwrap_or("");
        let after = rest.get(close + 1..).unwrap_or("");
        let port = match after.strip_prefix(':') {
            Some(p) => p,
            None if after.is_empty() => "",
            None => return false,
        };
        (ip_literal(literal), port)
    } else {
        let (host, port) = hostport.split_once(':').unwrap_or((hostport, ""));
        (component(host, set(REG_NAME, iri)), port)
    };
    host_ok && port.bytes().all(|c| c.is_ascii_digit())
}

/// The inside of RFC 3986 `IP-literal`: an IPv6 address or `IPvFuture`.
fn ip_literal(l: &str) -> bool {
    let b = l.as_bytes();
    if !matches!(b.first(), Some(b'v' | b'V')) {
        return ip::ipv6(b);
    }
    let Some((version, rest)) = l.get(1..).and_then(|r| r.split_once('.')) else {
        return false;
    };
    let future = Set {
        ascii: USERINFO,
        pct: false,
        ucs: false,
        private: false,
    };
    !version.is_empty()
        && version.bytes().all(|c| c.is_ascii_hexdigit())
        && !rest.is_empty()
        && component(rest, future)
}

/// `uri` / `iri` (`reference` false) and their `-reference` forms.
pub fn is_uri(s: &str, reference: bool, iri: bool) -> bool {
    let (rest, fragment) = s.split_once('#').unwrap_or((s, ""));
    if !component(fragment, set(QUERY, iri)) {
        return false;
    }
    let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
    let query_set = Set {
        private: iri,
        ..set(QUERY, iri)
    };
    if !component(query, query_set) {
        return false;
    }
    // A colon before any slash ends a scheme; a relative reference cannot
    // have a colon in its first segment (RFC 3986 §4.2), so it must be one.
    let hier = match (rest.find(':'), rest.find('/')) {
        (Some(colon), slash) if slash.is_none_or(|sl| colon < sl) => {
            if !rest.get(..colon).is_some_and(scheme) {
                return false;
            }
            rest.get(colon + 1..).unwrap_or("")
        }
        _ if reference => rest,
        _ => return false,
    };
    let path = match hier.strip_prefix("//") {
        Some(auth_path) => {
            let end = auth_path.find('/').unwrap_or(auth_path.len());
            if !authority(auth_path.get(..end).unwrap_or(""), iri) {
                return false;
            }
            auth_path.get(end..).unwrap_or("")
        }
        None => hier,
    };
    component(path, set(PATH, iri))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        for ok in [
            "a:b",
            "http://u:p@h:80/p?q#f",
            "http://[::1]:8080/",
            "http://[v7.x:y]/",
            "urn:a:b",
            "file:///etc",
            "http://h",
            "http://h:",
            "mailto:a@b",
        ] {
            assert!(is_uri(ok, false, false), "{ok}");
        }
        for bad in [
            "",
            "/a",
            "a",
            "1a:b",
            "a b:c",
            "http://[::1",
            "http://h:x",
            "http://[1.2.3.4]/",
            "a:%zz",
            "a:é",
            "a:b#c#d",
        ] {
            assert!(!is_uri(bad, false, false), "{bad}");
        }
    }

    #[test]
    fn references() {
        for ok in ["", "a", "./a:b", "//h", "?q", "#f", "a/b:c"] {
            assert!(is_uri(ok, true, false), "{ok}");
        }
        for bad in ["a:b c", "1:b", "//a@b@c", "[::1]", "a\\b"] {
            assert!(!is_uri(bad, true, false), "{bad}");
        }
    }

    #[test]
    fn iris() {
        assert!(is_uri("http://é.fr/é?é\u{E000}#é", false, true));
        assert!(!is_uri("http://é.fr/\u{E000}", false, true));
        assert!(!is_uri("http://é.fr/#\u{E000}", false, true));
        assert!(is_uri("é", true, true));
        assert!(!is_uri("é", false, true));
    }
}
