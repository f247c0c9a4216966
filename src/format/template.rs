//! `uri-template`: RFC 6570 §2 syntax, all four levels.
//!
//! Literals follow RFC 6570 Errata 6937: the apostrophe is allowed, as the
//! prose says. Reserved operators (`= , ! @ |`) are accepted because the ABNF
//! includes them; expanding them is left to future extensions.

use super::uri::{iprivate, ucschar};

/// RFC 6570 `literals` (ASCII part).
fn literal(c: u8) -> bool {
    !matches!(
        c,
        0..=0x20 | 0x7F | b'"' | b'%' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}'
    )
}

fn pct(b: &[u8], i: usize) -> bool {
    b.get(i) == Some(&b'%')
        && b.get(i + 1..i + 3)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
}

/// RFC 6570 `varchar` at `b[i..]`: its length, or 0.
fn varchar(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(c) if c.is_ascii_alphanumeric() || *c == b'_' => 1,
        Some(b'%') if pct(b, i) => 3,
        _ => 0,
    }
}

/// The inside of an expression, `[operator] variable-list`.
fn expression(b: &[u8]) -> bool {
    let mut i = usize::from(matches!(
        b.first(),
        Some(b'+' | b'#' | b'.' | b'/' | b';' | b'?' | b'&' | b'=' | b',' | b'!' | b'@' | b'|')
    ));
    loop {
        // varname = varchar *( ["."] varchar )
        let n = varchar(b, i);
        if n == 0 {
            return false;
        }
        i += n;
        loop {
            let dot = usize::from(b.get(i) == Some(&b'.'));
            let n = varchar(b, i + dot);
            if n == 0 {
                break;
            }
            i += dot + n;
        }
        // modifier-level4 = ":" max-length / "*"; max-length = %x31-39 0*3DIGIT
        match b.get(i) {
            Some(b'*') => i += 1,
            Some(b':') => {
                let digits = b
                    .iter()
                    .skip(i + 1)
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                if !(1..=4).contains(&digits) || b.get(i + 1) == Some(&b'0') {
                    return false;
                }
                i += 1 + digits;
            }
            _ => {}
        }
        match b.get(i) {
            None => return true,
            Some(b',') => i += 1,
            Some(_) => return false,
        }
    }
}

/// `uri-template`: literals and `{…}` expressions.
pub fn is_uri_template(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'{' => {
                let Some(len) = b
                    .get(i + 1..)
                    .and_then(|r| r.iter().position(|&c| c == b'}'))
                else {
                    return false;
                };
                if !b.get(i + 1..i + 1 + len).is_some_and(expression) {
                    return false;
                }
                i += len + 2;
            }
            b'%' if pct(b, i) => i += 3,
            0x80.. => {
                let Some(ch) = s.get(i..).and_then(|r| r.chars().next()) else {
                    return false;
                };
                if !(ucschar(ch as u32) || iprivate(ch as u32)) {
                    return false;
                }
                i += ch.len_utf8();
            }
            c if literal(c) => i += 1,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        for ok in [
            "",
            "a",
            "{a}",
            "{,a}",
            "{+a,b.c*,d:12}",
            "x{/a}y{?b,c}",
            "{%41}",
            "é{a}",
            "a'b",
        ] {
            assert!(is_uri_template(ok), "{ok}");
        }
        for bad in [
            "{",
            "}",
            "{}",
            "{a,}",
            "{,,a}",
            "{a..b}",
            "{a.}",
            "{a:0}",
            "{a:12345}",
            "{a b}",
            "a b",
            "{{a}}",
            "%",
            "{a*:1}",
        ] {
            assert!(!is_uri_template(bad), "{bad}");
        }
    }
}
