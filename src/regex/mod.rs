//! TEMPORARY stub of `crate::regex` (the real engine is written in branch
//! `regex`). Matches the pattern as a plain substring, honouring only a
//! leading `^` and a trailing `$`.

/// A pattern that could not be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// Character offset of the problem.
    pub offset: usize,
    /// What is wrong.
    pub reason: &'static str,
}

impl Error {
    /// A sentence for developers.
    pub fn describe(&self) -> String {
        let mut s = String::from(self.reason);
        s.push_str(" at character ");
        crate::json::write_u64(&mut s, self.offset as u64);
        s
    }
}

/// Matching gave up: the pattern is too complex for this input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exhausted;

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Regex {
    text: String,
}

impl Regex {
    /// Compiles `pattern`.
    pub fn new(pattern: &str) -> Result<Regex, Error> {
        if pattern.matches('(').count() != pattern.matches(')').count() {
            return Err(Error {
                offset: pattern.len(),
                reason: "unterminated group",
            });
        }
        Ok(Regex {
            text: pattern.to_owned(),
        })
    }

    /// Whether the pattern matches anywhere in `s`.
    pub fn is_match(&self, s: &str) -> Result<bool, Exhausted> {
        let p = self.text.as_str();
        let (start, p) = match p.strip_prefix('^') {
            Some(rest) => (true, rest),
            None => (false, p),
        };
        let (end, p) = match p.strip_suffix('$') {
            Some(rest) => (true, rest),
            None => (false, p),
        };
        Ok(match (start, end) {
            (true, true) => s == p,
            (true, false) => s.starts_with(p),
            (false, true) => s.ends_with(p),
            (false, false) => s.contains(p),
        })
    }
}
