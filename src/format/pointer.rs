//! `json-pointer` (RFC 6901) and `relative-json-pointer`
//! (draft-handrews-relative-json-pointer-01, the version JSON Schema 2020-12
//! and draft-07 cite: no index manipulation).

/// `json-pointer`: empty, or `/`-prefixed tokens where `~` is followed by `0`
/// or `1`. Any other character is allowed, control characters included.
pub fn is_json_pointer(s: &str) -> bool {
    let b = s.as_bytes();
    if !(b.is_empty() || b.first() == Some(&b'/')) {
        return false;
    }
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'~' {
            if !matches!(b.get(i + 1), Some(b'0' | b'1')) {
                return false;
            }
            i += 1;
        }
        i += 1;
    }
    true
}

/// `relative-json-pointer`: a non-negative integer without leading zeros,
/// then `#` or a JSON Pointer.
pub fn is_relative_json_pointer(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || (digits > 1 && b.first() == Some(&b'0')) {
        return false;
    }
    let rest = s.get(digits..).unwrap_or("");
    rest == "#" || is_json_pointer(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers() {
        assert!(is_json_pointer(""));
        assert!(is_json_pointer("/a~0b~1c//"));
        assert!(!is_json_pointer("/a~"));
        assert!(!is_json_pointer("/~2"));
        assert!(!is_json_pointer("a/b"));
    }

    #[test]
    fn relative() {
        assert!(is_relative_json_pointer("0"));
        assert!(is_relative_json_pointer("10#"));
        assert!(is_relative_json_pointer("2/a/b"));
        assert!(!is_relative_json_pointer("01"));
        assert!(!is_relative_json_pointer("0##"));
        assert!(!is_relative_json_pointer("#"));
        assert!(!is_relative_json_pointer("-1"));
    }
}
