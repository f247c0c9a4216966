//! `email` (RFC 5321 §4.1.2 `Mailbox`) and `idn-email` (RFC 6531 §3.3).
//!
//! The local part is a dot-string (atoms joined by single dots) or a quoted
//! string, at most 64 octets; the domain is a host name (`hostname` or
//! `idn-hostname`) or an address literal, `[IPv4]` or `[IPv6:…]` (no other
//! tag is registered). The whole mailbox is at most 254 octets (a 256-octet
//! path minus its angle brackets). RFC 6531 adds any non-ASCII character to
//! atoms and quoted strings. Comments and display names (RFC 5322) are not
//! part of a mailbox.

use super::{ascii_set, host, in_set, ip};

const MAX_LOCAL: usize = 64;
const MAX_MAILBOX: usize = 254;

const ATEXT: u128 = ascii_set(b"!#$%&'*+-/=?^_`{|}~", true);

/// RFC 5321 `atext`, plus anything non-ASCII for RFC 6531.
fn atext(c: u8, intl: bool) -> bool {
    in_set(c, ATEXT) || (intl && c >= 0x80)
}

/// Length of the local part at the start of `b`, or `None`.
fn local_part(b: &[u8], intl: bool) -> Option<usize> {
    if b.first() == Some(&b'"') {
        let mut i = 1;
        loop {
            match *b.get(i)? {
                b'"' => return Some(i + 1),
                b'\\' => {
                    // quoted-pairSMTP: a backslash and one printable ASCII.
                    if !(32..=126).contains(b.get(i + 1)?) {
                        return None;
                    }
                    i += 2;
                }
                // qtextSMTP: printable ASCII and space but `"` and `\`.
                c if (32..=126).contains(&c) || (intl && c >= 0x80) => i += 1,
                _ => return None,
            }
        }
    }
    let end = b.iter().position(|&c| c == b'@')?;
    let dot_string = b.get(..end)?;
    dot_string
        .split(|&c| c == b'.')
        .all(|atom| !atom.is_empty() && atom.iter().all(|&c| atext(c, intl)))
        .then_some(end)
}

/// `email` (`intl` false) or `idn-email` (`intl` true).
pub fn is_email(s: &str, intl: bool) -> bool {
    let b = s.as_bytes();
    if b.len() > MAX_MAILBOX {
        return false;
    }
    let Some(n) = local_part(b, intl) else {
        return false;
    };
    if n > MAX_LOCAL || b.get(n) != Some(&b'@') {
        return false;
    }
    let Some(domain) = s.get(n + 1..) else {
        return false;
    };
    if let Some(literal) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        let l = literal.as_bytes();
        return match l.get(..5) {
            Some(tag) if tag.eq_ignore_ascii_case(b"IPv6:") => l.get(5..).is_some_and(ip::ipv6),
            _ => ip::ipv4(l),
        };
    }
    if intl {
        host::is_idn_hostname(domain)
    } else {
        host::is_hostname(domain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in [
            "a@b",
            "a.b+c@d.e",
            "\"a b\"@c",
            "\"a\\\"b\"@c",
            "a@[1.2.3.4]",
            "a@[ipv6:::1]",
        ] {
            assert!(is_email(ok, false), "{ok}");
        }
        for bad in [
            "a",
            "@b",
            "a@",
            "a..b@c",
            ".a@b",
            "a.@b",
            "\"a@b",
            "a@[1.2.3]",
            "a@[x:1]",
            "a@b_c",
            "é@b",
        ] {
            assert!(!is_email(bad, false), "{bad}");
        }
        let local = "a".repeat(65);
        assert!(!is_email(&(local + "@b"), false));
    }

    #[test]
    fn idn_emails() {
        assert!(is_email("é@b", true));
        assert!(is_email("\"é\"@b", true));
        assert!(!is_email("a＠b", true));
    }
}
