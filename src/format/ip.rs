//! `ipv4` (dotted-quad, RFC 2673 §3.2) and `ipv6` (RFC 4291 §2.2).
//!
//! IPv4 parts have no leading zeros (`01` could mean octal to some parsers);
//! IPv6 takes no zone id (`%eth0`), prefix length or brackets.

/// `ipv4`: four decimal octets 0–255 without leading zeros.
pub fn is_ipv4(s: &str) -> bool {
    ipv4(s.as_bytes())
}

pub(crate) fn ipv4(b: &[u8]) -> bool {
    let mut parts = 0;
    for part in b.split(|&c| c == b'.') {
        parts += 1;
        if parts > 4 || !octet(part) {
            return false;
        }
    }
    parts == 4
}

fn octet(p: &[u8]) -> bool {
    if p.is_empty() || p.len() > 3 || !p.iter().all(u8::is_ascii_digit) {
        return false;
    }
    if p.len() > 1 && p.first() == Some(&b'0') {
        return false;
    }
    p.iter().fold(0u32, |v, d| v * 10 + u32::from(d - b'0')) <= 255
}

/// `ipv6`: eight groups of 1–4 hex digits, one `::` standing for one or more
/// zero groups, and optionally an IPv4 address as the last two groups.
pub fn is_ipv6(s: &str) -> bool {
    ipv6(s.as_bytes())
}

pub(crate) fn ipv6(b: &[u8]) -> bool {
    // `::` splits the address into a head and a tail, each `h16 *(":" h16)`.
    let (head, tail, compressed) = match b.windows(2).position(|w| w == b"::") {
        Some(p) => (
            b.get(..p).unwrap_or(&[]),
            b.get(p + 2..).unwrap_or(&[]),
            true,
        ),
        None => (b, &[][..], false),
    };
    let Some(h) = groups(head, !compressed) else {
        return false;
    };
    if !compressed {
        return h == 8;
    }
    let Some(t) = groups(tail, true) else {
        return false;
    };
    h + t <= 7
}

/// Counts the 16-bit groups of `h16 *(":" h16)` (empty = 0); an IPv4 address
/// (two groups) may end it when `v4_ok`.
fn groups(b: &[u8], v4_ok: bool) -> Option<usize> {
    if b.is_empty() {
        return Some(0);
    }
    let mut n = 0;
    let mut rest = b;
    loop {
        let end = rest.iter().position(|&c| c == b':').unwrap_or(rest.len());
        let g = rest.get(..end)?;
        let last = end == rest.len();
        if last && v4_ok && g.contains(&b'.') {
            return ipv4(g).then_some(n + 2);
        }
        if g.is_empty() || g.len() > 4 || !g.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        n += 1;
        if last {
            return Some(n);
        }
        rest = rest.get(end + 1..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v4() {
        assert!(is_ipv4("0.0.0.0"));
        assert!(is_ipv4("255.255.255.255"));
        assert!(!is_ipv4("256.1.1.1"));
        assert!(!is_ipv4("01.1.1.1"));
        assert!(!is_ipv4("1.1.1"));
        assert!(!is_ipv4("1.1.1.1."));
        assert!(!is_ipv4("1.1.1.1.1"));
    }

    #[test]
    fn v6() {
        for ok in [
            "::",
            "::1",
            "1::",
            "1:2:3:4:5:6:7:8",
            "1::8",
            "::ffff:1.2.3.4",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5:6:7::",
        ] {
            assert!(is_ipv6(ok), "{ok}");
        }
        for bad in [
            ":::",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7",
            "1::2::3",
            ":1::2",
            "1::2:",
            "12345::",
            "1:2:3:4:5:6:7:1.2.3.4",
            "::1.2.3.4:1",
            "1::01.2.3.4",
            "1:2:3:4:5:6:7:8::",
            "::1.2.3",
        ] {
            assert!(!is_ipv6(bad), "{bad}");
        }
    }
}
