use super::*;

fn m(pattern: &str, hay: &str) -> bool {
    Regex::new(pattern)
        .unwrap_or_else(|e| panic!("{pattern}: {}", e.describe()))
        .is_match(hay)
        .unwrap_or_else(|_| panic!("{pattern} exhausted on {hay:?}"))
}

fn err(pattern: &str) -> Error {
    match Regex::new(pattern) {
        Ok(_) => panic!("{pattern} compiled"),
        Err(e) => e,
    }
}

#[test]
fn literals_and_anchors() {
    assert!(m("abc", "xxabcxx"));
    assert!(!m("^abc$", "abc\n"));
    assert!(m("^abc$", "abc"));
    assert!(m("", "anything"));
    assert!(m("a|b", "b"));
    assert!(!m("^(?:a|b)$", "ab"));
}
