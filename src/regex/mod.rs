//! ECMA-262 regular expressions for JSON Schema `pattern`,
//! `patternProperties` and `format: "regex"`, with the semantics of the `u`
//! flag and no other flags — the same answers in the browser and natively.
//!
//! A small backtracking engine that cannot be driven into exponential time:
//! without backreferences each (instruction, position) state is explored at
//! most once, so `^(a+)+$` against `aaaa…!` answers in microseconds; with
//! backreferences a step budget bounds the work and [`Exhausted`] says so.
//!
//! - `parse`: pattern text → tree (all u-mode syntax errors).
//! - `compile`: tree → flat program (repetitions unrolled).
//! - `exec`: the VM.
//! - `nfa`: a bit-parallel fast path for small patterns without
//!   backreferences, lookarounds or `\b` (most form patterns).
//! - `class`: character classes.

mod class;
mod compile;
mod exec;
mod nfa;
mod parse;

#[cfg(test)]
mod tests;

/// A compiled ECMA-262 pattern.
#[derive(Clone, Debug)]
pub struct Regex {
    prog: compile::Program,
    /// The pattern as written: a program image stores it (see
    /// `schema::image`), and it is what a failure's params name.
    source: Box<str>,
}

impl Regex {
    /// Compiles an ECMA-262 pattern (u-mode syntax, no flags).
    pub fn new(pattern: &str) -> Result<Regex, Error> {
        let ast = parse::parse(pattern)?;
        Ok(Regex {
            prog: compile::compile(ast)?,
            source: pattern.into(),
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Unanchored search, like `RegExp.prototype.test`. `Err` only when the
    /// step budget runs out.
    pub fn is_match(&self, haystack: &str) -> Result<bool, Exhausted> {
        exec::is_match(&self.prog, haystack)
    }
}

/// A syntax error: byte offset into the pattern and a short reason
/// ("unterminated group", ...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// Byte offset of the problem in the pattern.
    pub offset: usize,
    /// What is wrong, in plain English.
    pub reason: &'static str,
}

impl Error {
    /// The reason and where: "unterminated group at character 4" (the
    /// offset, counted from 0; it is a byte offset, the same as the
    /// character index for ASCII patterns).
    pub fn describe(&self) -> String {
        let mut s = String::with_capacity(self.reason.len() + 24);
        s.push_str(self.reason);
        s.push_str(" at character ");
        crate::json::write_u64(&mut s, self.offset as u64);
        s
    }
}

/// The match gave up: the pattern needs more backtracking steps than the
/// budget allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exhausted;
