//! TEMPORARY stub of the Unicode property lookups (branch `regex`); replaced on merge.

/// A resolved Unicode property (stub).
#[derive(Clone, Copy)]
pub struct Property;

/// Resolves an ECMA-262 property name and value (stub: knows none).
pub fn property(_name: &str, _value: Option<&str>) -> Option<Property> {
    None
}

/// Whether `_c` has property `_p` (stub: never).
pub fn contains(_p: Property, _c: char) -> bool {
    false
}
