//! `uuid`: the RFC 4122 string form, `8-4-4-4-12` hex digits in any case.
//! Version and variant nibbles are not restricted: RFC 9562 added versions
//! and the suite accepts any.

/// `uuid`: 36 characters, hyphens at 8, 13, 18 and 23, hex digits elsewhere.
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids() {
        assert!(is_uuid("2eb8aa08-AA98-11ea-B4Aa-73B441D16380"));
        assert!(!is_uuid("2eb8aa08-aa98-11ea-b4aa-73b441d1638"));
        assert!(!is_uuid("2eb8aa08aa98-11ea-b4aa-73b441d16380-"));
        assert!(!is_uuid("2eb8aa08-aa98-11ea-b4aa-73b441d1638g"));
    }
}
