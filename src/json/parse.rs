//! Text → tape. One pass, no recursion, bounded depth.

use super::value::Value;

/// Node tags. A tape is a pre-order list of nodes: a container is followed by
/// its children (for objects: key node, then the value's subtree).
pub(crate) const NULL: u8 = 0;
pub(crate) const FALSE: u8 = 1;
pub(crate) const TRUE: u8 = 2;
pub(crate) const NUM: u8 = 3;
/// A string without escapes: `a..b` is its exact text.
pub(crate) const STR: u8 = 4;
/// A string with escapes: `a..b` is the raw text between the quotes.
pub(crate) const STR_ESC: u8 = 5;
pub(crate) const ARR: u8 = 6;
pub(crate) const OBJ: u8 = 7;

/// One entry of the tape. Scalars: `a..b` is a byte range of the text.
/// Containers: `a` is the number of items or members, `b` the index of the
/// first node after the subtree (so a subtree can be skipped in O(1)).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Node {
    pub(crate) tag: u8,
    pub(crate) a: u32,
    pub(crate) b: u32,
}

/// Bounds that keep hostile input from exhausting the stack or memory.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Deepest nesting of arrays and objects accepted (the root is depth 1).
    pub max_depth: u32,
    /// Longest text accepted, in bytes.
    pub max_len: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 256,
            max_len: 64 << 20,
        }
    }
}

/// What was wrong with the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The text ended in the middle of a value.
    UnexpectedEnd,
    /// A character that cannot stand here.
    UnexpectedChar,
    /// A backslash escape that JSON does not define.
    BadEscape,
    /// A raw control character inside a string.
    ControlChar,
    /// A number that does not follow the JSON grammar.
    BadNumber,
    /// More text after the value.
    TrailingText,
    /// Nesting deeper than [`Limits::max_depth`].
    TooDeep,
    /// Text longer than [`Limits::max_len`].
    TooLong,
}

/// A parse failure: what and where (byte offset into the text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Error {
    /// What was wrong.
    pub kind: ErrorKind,
    /// Byte offset where it was noticed.
    pub offset: usize,
}

impl Error {
    /// A sentence for developers, e.g. "JSON nesting is deeper than 256 levels at byte 1024".
    pub fn describe(&self, limits: &Limits) -> String {
        let mut s = String::from(match self.kind {
            ErrorKind::UnexpectedEnd => "JSON text ends before the value is complete",
            ErrorKind::UnexpectedChar => "unexpected character in JSON",
            ErrorKind::BadEscape => "unknown escape sequence in a JSON string",
            ErrorKind::ControlChar => "raw control character in a JSON string",
            ErrorKind::BadNumber => "malformed number in JSON",
            ErrorKind::TrailingText => "more text after the JSON value",
            ErrorKind::TooDeep => "JSON nesting is deeper than ",
            ErrorKind::TooLong => "JSON text is longer than ",
        });
        match self.kind {
            ErrorKind::TooDeep => {
                super::write_u64(&mut s, u64::from(limits.max_depth));
                s.push_str(" levels");
            }
            ErrorKind::TooLong => {
                super::write_u64(&mut s, limits.max_len as u64);
                s.push_str(" bytes");
            }
            _ => {}
        }
        s.push_str(" at byte ");
        super::write_u64(&mut s, self.offset as u64);
        s
    }
}

/// A parsed document that owns its text.
#[derive(Clone, Debug)]
pub struct Document {
    text: Box<str>,
    nodes: Vec<Node>,
}

impl Document {
    /// Parses `text` with default [`Limits`].
    pub fn parse(text: &str) -> Result<Document, Error> {
        Document::parse_with(text.into(), &Limits::default())
    }

    /// Parses owned text (no copy) with the given limits.
    pub fn parse_with(text: String, limits: &Limits) -> Result<Document, Error> {
        let mut nodes = Vec::new();
        let mut stack = Vec::new();
        parse_into(&text, limits, &mut nodes, &mut stack)?;
        Ok(Document {
            text: text.into_boxed_str(),
            nodes,
        })
    }

    /// A document holding just `null`.
    pub fn null() -> Document {
        Document {
            text: "null".into(),
            nodes: vec![Node {
                tag: NULL,
                a: 0,
                b: 4,
            }],
        }
    }

    /// The root value.
    pub fn root(&self) -> Value<'_> {
        Value::new(&self.text, &self.nodes, 0)
    }

    /// The value whose node index is `index` (see [`Value::index_in_doc`]).
    pub fn value_at(&self, index: usize) -> Option<Value<'_>> {
        (index < self.nodes.len()).then(|| Value::new(&self.text, &self.nodes, index))
    }

    /// The document's text.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// A reusable parser: keeps its buffers between calls so that parsing many
/// documents of similar shape allocates nothing after the first.
#[derive(Debug, Default)]
pub struct Parser {
    limits: Limits,
    nodes: Vec<Node>,
    stack: Vec<u32>,
}

impl Parser {
    /// A parser with the given limits.
    pub fn new(limits: Limits) -> Parser {
        Parser {
            limits,
            nodes: Vec::new(),
            stack: Vec::new(),
        }
    }

    /// Parses `text`; the result borrows both the text and the parser.
    pub fn parse<'a>(&'a mut self, text: &'a str) -> Result<Value<'a>, Error> {
        parse_into(text, &self.limits, &mut self.nodes, &mut self.stack)?;
        Ok(Value::new(text, &self.nodes, 0))
    }

    /// The limits this parser enforces.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }
}

/// Parses `text` into a new [`Document`] with default limits.
pub fn parse(text: &str) -> Result<Document, Error> {
    Document::parse(text)
}

fn err<T>(kind: ErrorKind, offset: usize) -> Result<T, Error> {
    Err(Error { kind, offset })
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while let Some(c) = b.get(i) {
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            _ => break,
        }
    }
    i
}

#[cfg_attr(fieldnote_speed, optimize(speed))]
fn parse_into(
    text: &str,
    limits: &Limits,
    nodes: &mut Vec<Node>,
    stack: &mut Vec<u32>,
) -> Result<(), Error> {
    nodes.clear();
    stack.clear();
    if text.len() > limits.max_len || text.len() > u32::MAX as usize {
        return err(ErrorKind::TooLong, limits.max_len.min(text.len()));
    }
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    'value: loop {
        // Parse one value starting at `i`.
        let Some(&c) = b.get(i) else {
            return err(ErrorKind::UnexpectedEnd, i);
        };
        match c {
            b'{' | b'[' => {
                if stack.len() as u32 >= limits.max_depth {
                    return err(ErrorKind::TooDeep, i);
                }
                let tag = if c == b'{' { OBJ } else { ARR };
                stack.push(nodes.len() as u32);
                nodes.push(Node { tag, a: 0, b: 0 });
                i = skip_ws(b, i + 1);
                let close = if tag == OBJ { b'}' } else { b']' };
                if b.get(i) == Some(&close) {
                    i += 1;
                    close_top(nodes, stack);
                    // The empty container is a complete value: fall through
                    // to the "after a value" loop, but it must not be counted
                    // in itself, so it was popped before.
                } else if tag == OBJ {
                    i = parse_key(b, i, nodes)?;
                    continue 'value;
                } else {
                    continue 'value;
                }
            }
            b'"' => {
                i = parse_string(b, i, nodes)?;
            }
            b't' => i = literal(b, i, b"true", TRUE, nodes)?,
            b'f' => i = literal(b, i, b"false", FALSE, nodes)?,
            b'n' => i = literal(b, i, b"null", NULL, nodes)?,
            b'-' | b'0'..=b'9' => i = parse_number(b, i, nodes)?,
            _ => return err(ErrorKind::UnexpectedChar, i),
        }
        // A value is complete: count it in its container, then look for the
        // next item, closing containers as they end.
        loop {
            let Some(&top) = stack.last() else {
                i = skip_ws(b, i);
                if i != b.len() {
                    return err(ErrorKind::TrailingText, i);
                }
                return Ok(());
            };
            let Some(node) = nodes.get_mut(top as usize) else {
                return err(ErrorKind::UnexpectedChar, i);
            };
            node.a += 1;
            let is_obj = node.tag == OBJ;
            i = skip_ws(b, i);
            match (b.get(i), is_obj) {
                (Some(b','), _) => {
                    i = skip_ws(b, i + 1);
                    if is_obj {
                        i = parse_key(b, i, nodes)?;
                    }
                    continue 'value;
                }
                (Some(b']'), false) | (Some(b'}'), true) => {
                    i += 1;
                    close_top(nodes, stack);
                }
                (None, _) => return err(ErrorKind::UnexpectedEnd, i),
                _ => return err(ErrorKind::UnexpectedChar, i),
            }
        }
    }
}

fn close_top(nodes: &mut [Node], stack: &mut Vec<u32>) {
    let end = nodes.len() as u32;
    if let Some(top) = stack.pop() {
        if let Some(node) = nodes.get_mut(top as usize) {
            node.b = end;
        }
    }
}

/// Parses `"key"` and the `:` after it; returns the index of the value.
#[cfg_attr(fieldnote_speed, optimize(speed))]
fn parse_key(b: &[u8], i: usize, nodes: &mut Vec<Node>) -> Result<usize, Error> {
    match b.get(i) {
        Some(b'"') => {}
        None => return err(ErrorKind::UnexpectedEnd, i),
        _ => return err(ErrorKind::UnexpectedChar, i),
    }
    let i = skip_ws(b, parse_string(b, i, nodes)?);
    match b.get(i) {
        Some(b':') => Ok(skip_ws(b, i + 1)),
        None => err(ErrorKind::UnexpectedEnd, i),
        _ => err(ErrorKind::UnexpectedChar, i),
    }
}

#[cfg_attr(fieldnote_speed, optimize(speed))]
fn parse_string(b: &[u8], start: usize, nodes: &mut Vec<Node>) -> Result<usize, Error> {
    let mut i = start + 1;
    let mut tag = STR;
    loop {
        // Eight bytes at a time: skip plain text up to the first byte that
        // needs a look (the closing quote, mostly).
        if let Some(w) = b.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
            let m = special_bytes(u64::from_le_bytes(w));
            if m == 0 {
                i += 8;
                continue;
            }
            i += (m.trailing_zeros() / 8) as usize;
        }
        let Some(&c) = b.get(i) else {
            return err(ErrorKind::UnexpectedEnd, i);
        };
        match c {
            b'"' => break,
            b'\\' => {
                tag = STR_ESC;
                match b.get(i + 1) {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                    Some(b'u') => {
                        let hex = b.get(i + 2..i + 6);
                        match hex {
                            Some(h) if h.iter().all(u8::is_ascii_hexdigit) => i += 6,
                            Some(_) => return err(ErrorKind::BadEscape, i),
                            None => return err(ErrorKind::UnexpectedEnd, b.len()),
                        }
                    }
                    Some(_) => return err(ErrorKind::BadEscape, i),
                    None => return err(ErrorKind::UnexpectedEnd, i + 1),
                }
            }
            0..=0x1f => return err(ErrorKind::ControlChar, i),
            _ => i += 1,
        }
    }
    nodes.push(Node {
        tag,
        a: (start + 1) as u32,
        b: i as u32,
    });
    Ok(i + 1)
}

/// The high bit of each of the 8 bytes of `w` (little-endian) that is
/// `"`, `\\` or a control character. Exact up to the first such byte (the
/// borrows can only mark bytes after it), which is all the caller uses.
#[inline(always)]
pub(super) fn special_bytes(w: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(LO) & !x & HI;
    let quote = zero(w ^ (LO * u64::from(b'"')));
    let backslash = zero(w ^ (LO * u64::from(b'\\')));
    let control = w.wrapping_sub(LO * 0x20) & !w & HI;
    quote | backslash | control
}

fn literal(
    b: &[u8],
    i: usize,
    word: &[u8],
    tag: u8,
    nodes: &mut Vec<Node>,
) -> Result<usize, Error> {
    let end = i + word.len();
    match b.get(i..end) {
        Some(w) if w == word => {
            nodes.push(Node {
                tag,
                a: i as u32,
                b: end as u32,
            });
            Ok(end)
        }
        Some(_) => err(ErrorKind::UnexpectedChar, i),
        None => err(ErrorKind::UnexpectedEnd, b.len()),
    }
}

fn digits(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

/// The end of a JSON number starting at `start`, if one is there.
pub(crate) fn number_end(b: &[u8], start: usize, nodes: &mut Vec<Node>) -> Option<usize> {
    parse_number(b, start, nodes).ok()
}

fn parse_number(b: &[u8], start: usize, nodes: &mut Vec<Node>) -> Result<usize, Error> {
    let mut i = start;
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i = digits(b, i + 1),
        _ => return err(ErrorKind::BadNumber, i),
    }
    if b.get(i) == Some(&b'.') {
        let j = digits(b, i + 1);
        if j == i + 1 {
            return err(ErrorKind::BadNumber, j);
        }
        i = j;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let j = digits(b, i);
        if j == i {
            return err(ErrorKind::BadNumber, j);
        }
        i = j;
    }
    nodes.push(Node {
        tag: NUM,
        a: start as u32,
        b: i as u32,
    });
    Ok(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Kind;

    fn kind_of(s: &str) -> Result<Kind, ErrorKind> {
        Document::parse(s)
            .map(|d| d.root().kind())
            .map_err(|e| e.kind)
    }

    #[test]
    fn scalars_and_containers() {
        assert_eq!(kind_of(" null "), Ok(Kind::Null));
        assert_eq!(kind_of("true"), Ok(Kind::Bool));
        assert_eq!(kind_of("-0.5e+3"), Ok(Kind::Number));
        assert_eq!(kind_of(r#""a\u00e9\n""#), Ok(Kind::String));
        assert_eq!(kind_of("[]"), Ok(Kind::Array));
        assert_eq!(kind_of(r#"{"a":[1,{"b":{}}],"c":[]}"#), Ok(Kind::Object));
    }

    #[test]
    fn rejects_malformed_text() {
        assert_eq!(kind_of(""), Err(ErrorKind::UnexpectedEnd));
        assert_eq!(kind_of("{"), Err(ErrorKind::UnexpectedEnd));
        assert_eq!(kind_of(r#"{"a":1"#), Err(ErrorKind::UnexpectedEnd));
        assert_eq!(kind_of("[1,]"), Err(ErrorKind::UnexpectedChar));
        assert_eq!(kind_of("[1 2]"), Err(ErrorKind::UnexpectedChar));
        assert_eq!(kind_of("01"), Err(ErrorKind::TrailingText));
        assert_eq!(kind_of("1."), Err(ErrorKind::BadNumber));
        assert_eq!(kind_of("-"), Err(ErrorKind::BadNumber));
        assert_eq!(kind_of("1e"), Err(ErrorKind::BadNumber));
        assert_eq!(kind_of(r#""\x""#), Err(ErrorKind::BadEscape));
        assert_eq!(kind_of(r#""\u12zz""#), Err(ErrorKind::BadEscape));
        assert_eq!(kind_of("\"a\nb\""), Err(ErrorKind::ControlChar));
        assert_eq!(kind_of("tru"), Err(ErrorKind::UnexpectedEnd));
        assert_eq!(kind_of("nul!"), Err(ErrorKind::UnexpectedChar));
        assert_eq!(kind_of("<html>"), Err(ErrorKind::UnexpectedChar));
        assert_eq!(kind_of(r#"{1:2}"#), Err(ErrorKind::UnexpectedChar));
        assert_eq!(kind_of(r#"{"a" 2}"#), Err(ErrorKind::UnexpectedChar));
        assert_eq!(kind_of("[1]]"), Err(ErrorKind::TrailingText));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        let e = Document::parse(&deep).unwrap_err();
        assert_eq!(e.kind, ErrorKind::TooDeep);
        assert_eq!(e.offset, 256);
        assert!(e
            .describe(&Limits::default())
            .contains("deeper than 256 levels at byte 256"));
        let ok = "[".repeat(256) + &"]".repeat(256);
        assert!(Document::parse(&ok).is_ok());
    }

    #[test]
    fn strings_of_every_length_and_special_position() {
        // The 8-byte scan must stop at a quote, backslash or control
        // character wherever it sits in the block.
        for len in 0..40 {
            let plain = "é".repeat(len / 2) + &"a".repeat(len % 2);
            let doc = Document::parse(&format!("[\"{plain}\",1]")).unwrap();
            assert_eq!(doc.root().len(), 2);
            assert_eq!(doc.root().items().next().unwrap().as_str().unwrap(), plain);
            for at in 0..len {
                let (head, tail) = ("x".repeat(at), "x".repeat(len - at));
                for bad in ["\n", "\u{1f}", "\\q"] {
                    let r = Document::parse(&format!("\"{head}{bad}{tail}\""));
                    assert!(r.is_err(), "{len} {at} {bad:?}");
                }
                let d = Document::parse(&format!("\"{head}\\n{tail}\"")).unwrap();
                assert_eq!(d.root().as_str().unwrap(), format!("{head}\n{tail}"));
                let d = Document::parse(&format!("[\"{head}\",\"{tail}\"]")).unwrap();
                assert_eq!(d.root().len(), 2, "{len} {at}");
            }
        }
    }

    #[test]
    fn length_limit() {
        let limits = Limits {
            max_depth: 8,
            max_len: 4,
        };
        let e = Document::parse_with("[1,2]".into(), &limits).unwrap_err();
        assert_eq!(e.kind, ErrorKind::TooLong);
    }

    #[test]
    fn parser_reuses_buffers() {
        let mut p = Parser::new(Limits::default());
        assert_eq!(p.parse("[1,2,3]").unwrap().len(), 3);
        assert_eq!(p.parse(r#"{"a":1}"#).unwrap().len(), 1);
        assert!(p.parse("[").is_err());
        assert_eq!(p.parse("[[],[]]").unwrap().len(), 2);
    }
}
