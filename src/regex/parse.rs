//! The pattern parser: ECMA-262 `Pattern[+UnicodeMode]` syntax to a small
//! tree. Every syntax error of u-mode is reported with its offset.

use super::class::{self, Builder, Builtin, Class};
use super::Error;
use crate::unicode;

/// `{n,}`: no upper bound.
pub(crate) const UNBOUNDED: u32 = u32::MAX;
/// Groups nest at most this deep, so parsing and compiling recurse boundedly.
const MAX_DEPTH: u32 = 100;

/// A parsed pattern node.
#[derive(Debug)]
pub(crate) enum Node {
    Empty,
    Char(u32),
    /// Index into [`Ast::classes`].
    Class(u32),
    Cat(Vec<Node>),
    Alt(Vec<Node>),
    /// A capturing group and its number (1-based).
    Group(Box<Node>, u32),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: u32,
        greedy: bool,
        /// The first and last group number inside (first > last: none).
        groups: (u32, u32),
    },
    Assert(Assert),
    Look {
        node: Box<Node>,
        behind: bool,
        negate: bool,
    },
    /// A backreference to a group number (named ones already resolved).
    Ref(u32),
}

/// Zero-width assertions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Assert {
    Start,
    End,
    Word,
    NotWord,
}

/// The parse result.
pub(crate) struct Ast {
    pub node: Node,
    pub classes: Vec<Class>,
    pub groups: u32,
    pub backrefs: bool,
    /// Group numbers of the named references: `Ref(u32::MAX - k)` is the
    /// k-th `\k<…>` (the group may come later in the pattern).
    pub named: Vec<u32>,
}

/// Parses a pattern (u-mode syntax, no flags).
pub(crate) fn parse(src: &str) -> Result<Ast, Error> {
    // Offsets are char indices while parsing, byte offsets once reported.
    parse_chars(src.chars().collect()).map_err(|e| Error {
        offset: src
            .char_indices()
            .nth(e.offset)
            .map_or(src.len(), |(b, _)| b),
        reason: e.reason,
    })
}

fn parse_chars(src: Vec<char>) -> Result<Ast, Error> {
    let mut p = Parser {
        src,
        pos: 0,
        groups: 0,
        names: Vec::new(),
        named_refs: Vec::new(),
        max_ref: None,
        classes: Vec::new(),
    };
    let node = p.disjunction(0)?;
    if p.pos < p.src.len() {
        return Err(p.err("unmatched ')'"));
    }
    if let Some((n, offset)) = p.max_ref {
        if n > p.groups {
            return Err(Error {
                offset,
                reason: "backreference to a group that does not exist",
            });
        }
    }
    let backrefs = p.max_ref.is_some() || !p.named_refs.is_empty();
    let mut numbers = Vec::with_capacity(p.named_refs.len());
    {
        for (name, offset) in &p.named_refs {
            match p.names.iter().find(|(n, _)| n == name) {
                Some(&(_, number)) => numbers.push(number),
                None => {
                    return Err(Error {
                        offset: *offset,
                        reason: "\\k<name> refers to a group name that does not exist",
                    })
                }
            }
        }
    }
    Ok(Ast {
        node,
        classes: p.classes,
        groups: p.groups,
        backrefs,
        named: numbers,
    })
}

struct Parser {
    src: Vec<char>,
    pos: usize,
    groups: u32,
    names: Vec<(String, u32)>,
    named_refs: Vec<(String, usize)>,
    /// The largest numbered backreference and where it is.
    max_ref: Option<(u32, usize)>,
    classes: Vec<Class>,
}

/// One item of a character class.
enum Item {
    Char(u32),
    Builtin(Builtin, bool),
    Prop(unicode::Property, bool),
}

impl Parser {
    fn err(&self, reason: &'static str) -> Error {
        Error {
            offset: self.pos,
            reason,
        }
    }

    fn peek(&self) -> Option<char> {
        self.src.get(self.pos).copied()
    }

    fn peek2(&self) -> Option<char> {
        self.src.get(self.pos + 1).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        let yes = self.peek() == Some(c);
        if yes {
            self.pos += 1;
        }
        yes
    }

    fn add_class(&mut self, c: Class) -> Node {
        self.classes.push(c);
        Node::Class(u32::try_from(self.classes.len() - 1).unwrap_or(u32::MAX))
    }

    fn disjunction(&mut self, depth: u32) -> Result<Node, Error> {
        let first = self.alternative(depth)?;
        if self.peek() != Some('|') {
            return Ok(first);
        }
        let mut alts = vec![first];
        while self.eat('|') {
            alts.push(self.alternative(depth)?);
        }
        Ok(Node::Alt(alts))
    }

    fn alternative(&mut self, depth: u32) -> Result<Node, Error> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let term = self.term(depth)?;
            // Merge nothing; the compiler handles sequences directly.
            items.push(term);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Cat(items),
        })
    }

    fn term(&mut self, depth: u32) -> Result<Node, Error> {
        let start = self.pos;
        let first_group = self.groups.saturating_add(1);
        let Some(c) = self.bump() else {
            return Ok(Node::Empty);
        };
        let atom = match c {
            '^' => return Ok(Node::Assert(Assert::Start)),
            '$' => return Ok(Node::Assert(Assert::End)),
            '\\' => match self.peek() {
                Some('b') => {
                    self.pos += 1;
                    return Ok(Node::Assert(Assert::Word));
                }
                Some('B') => {
                    self.pos += 1;
                    return Ok(Node::Assert(Assert::NotWord));
                }
                _ => self.atom_escape()?,
            },
            '(' => {
                if depth >= MAX_DEPTH {
                    return Err(self.err("groups are nested too deeply"));
                }
                let (node, look) = self.group(depth + 1)?;
                if look {
                    // u-mode: lookarounds take no quantifier; one that
                    // follows fails as "nothing to repeat".
                    return Ok(node);
                }
                node
            }
            '.' => self.add_class(class::dot()),
            '[' => self.class()?,
            '*' | '+' | '?' => return Err(at(start, "nothing to repeat before this quantifier")),
            '{' => {
                self.pos = start;
                return Err(if self.quantifier_bounds()?.is_some() {
                    at(start, "nothing to repeat before this quantifier")
                } else {
                    at(start, "lone '{' (write \\{ for a literal brace)")
                });
            }
            '}' => return Err(at(start, "lone '}' (write \\} for a literal brace)")),
            ']' => return Err(at(start, "lone ']' (write \\] for a literal bracket)")),
            c => Node::Char(c as u32),
        };
        self.quantifier(atom, first_group)
    }

    /// Parses `{n}`, `{n,}` or `{n,m}` at the cursor. `Ok(None)` (cursor
    /// unmoved) if the text there is not shaped like a quantifier.
    fn quantifier_bounds(&mut self) -> Result<Option<(u32, u32)>, Error> {
        let start = self.pos;
        if !self.eat('{') {
            return Ok(None);
        }
        let Some(min) = self.number() else {
            self.pos = start;
            return Ok(None);
        };
        let max = if self.eat(',') {
            if self.peek() == Some('}') {
                UNBOUNDED
            } else if let Some(m) = self.number() {
                m
            } else {
                self.pos = start;
                return Ok(None);
            }
        } else {
            min
        };
        if !self.eat('}') {
            self.pos = start;
            return Ok(None);
        }
        if min > max {
            return Err(at(start, "numbers out of order in {} quantifier"));
        }
        Ok(Some((min, max)))
    }

    /// Decimal digits, saturating (bounds past u32 are too large to compile anyway).
    fn number(&mut self) -> Option<u32> {
        let mut n: Option<u32> = None;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            self.pos += 1;
            n = Some(n.unwrap_or(0).saturating_mul(10).saturating_add(d));
        }
        n
    }

    fn quantifier(&mut self, atom: Node, first_group: u32) -> Result<Node, Error> {
        let (min, max) = match self.peek() {
            Some('{') => match self.quantifier_bounds()? {
                Some(b) => b,
                None => return Err(self.err("lone '{' (write \\{ for a literal brace)")),
            },
            Some(c @ ('*' | '+' | '?')) => {
                self.pos += 1;
                match c {
                    '*' => (0, UNBOUNDED),
                    '+' => (1, UNBOUNDED),
                    _ => (0, 1),
                }
            }
            _ => return Ok(atom),
        };
        let greedy = !self.eat('?');
        if min == 1 && max == 1 {
            return Ok(atom);
        }
        Ok(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
            greedy,
            groups: (first_group, self.groups),
        })
    }

    /// After `(`.
    /// Returns the node and whether it is a lookaround.
    fn group(&mut self, depth: u32) -> Result<(Node, bool), Error> {
        let open = self.pos - 1;
        let mut name = None;
        if self.eat('?') {
            let look = |behind, negate| (behind, negate);
            let kind = match self.bump() {
                Some(':') => None,
                Some('=') => Some(look(false, false)),
                Some('!') => Some(look(false, true)),
                Some('<') if self.eat('=') => Some(look(true, false)),
                Some('<') if self.eat('!') => Some(look(true, true)),
                Some('<') => {
                    name = Some(self.group_name()?);
                    None
                }
                _ => {
                    return Err(at(
                        open,
                        "unknown group syntax: '(?' must be followed by ':', '=', '!', '<=', '<!' or '<name>'",
                    ))
                }
            };
            if let Some((behind, negate)) = kind {
                let node = self.group_body(depth)?;
                let look = Node::Look {
                    node: Box::new(node),
                    behind,
                    negate,
                };
                return Ok((look, true));
            }
            if name.is_none() {
                return Ok((self.group_body(depth)?, false));
            }
        }
        self.groups = self
            .groups
            .checked_add(1)
            .ok_or_else(|| at(open, "too many groups"))?;
        let number = self.groups;
        if let Some(name) = name {
            if self.names.iter().any(|(n, _)| *n == name) {
                return Err(at(open, "duplicate group name"));
            }
            self.names.push((name, number));
        }
        let node = self.group_body(depth)?;
        Ok((Node::Group(Box::new(node), number), false))
    }

    fn group_body(&mut self, depth: u32) -> Result<Node, Error> {
        let node = self.disjunction(depth)?;
        if !self.eat(')') {
            return Err(self.err("unterminated group"));
        }
        Ok(node)
    }

    /// `name>` after `(?<` or `\k<`.
    fn group_name(&mut self) -> Result<String, Error> {
        let mut name = String::new();
        loop {
            let at_char = self.pos;
            let c = match self.bump() {
                Some('>') if !name.is_empty() => return Ok(name),
                Some('\\') if self.eat('u') => self.unicode_escape()?,
                Some(c) => c as u32,
                None => return Err(self.err("unterminated group name")),
            };
            let ok = char::from_u32(c).is_some_and(|c| {
                if name.is_empty() {
                    is_id_start(c)
                } else {
                    is_id_continue(c)
                }
            });
            match char::from_u32(c) {
                Some(c) if ok => name.push(c),
                _ => return Err(at(at_char, "this character cannot be part of a group name")),
            }
        }
    }

    /// After `\` outside a class.
    fn atom_escape(&mut self) -> Result<Node, Error> {
        let start = self.pos - 1;
        let Some(c) = self.peek() else {
            return Err(at(start, "'\\' at the end of the pattern"));
        };
        if matches!(c, '1'..='9') {
            let n = self.number().unwrap_or(0);
            if self.max_ref.is_none_or(|(m, _)| n > m) {
                self.max_ref = Some((n, start));
            }
            return Ok(Node::Ref(n));
        }
        if c == 'k' {
            self.pos += 1;
            if !self.eat('<') {
                return Err(at(start, "\\k must be followed by <name>"));
            }
            let name = self.group_name()?;
            self.named_refs.push((name, start));
            let k = u32::try_from(self.named_refs.len() - 1).unwrap_or(0);
            return Ok(Node::Ref(u32::MAX - k));
        }
        Ok(match self.class_escape(false)? {
            Item::Char(c) => Node::Char(c),
            Item::Builtin(b, negate) => self.add_class(class::builtin(b, negate)),
            Item::Prop(p, negate) => {
                let mut b = Builder::default();
                b.property(p, negate);
                self.add_class(b.finish(false))
            }
        })
    }

    /// After `\` (not yet consumed the next char), inside or outside a class.
    fn class_escape(&mut self, in_class: bool) -> Result<Item, Error> {
        let start = self.pos - 1;
        let Some(c) = self.bump() else {
            return Err(at(start, "'\\' at the end of the pattern"));
        };
        let builtin = |b, n| Ok(Item::Builtin(b, n));
        let ch = |c: u32| Ok(Item::Char(c));
        match c {
            'd' => builtin(Builtin::Digit, false),
            'D' => builtin(Builtin::Digit, true),
            's' => builtin(Builtin::Space, false),
            'S' => builtin(Builtin::Space, true),
            'w' => builtin(Builtin::Word, false),
            'W' => builtin(Builtin::Word, true),
            'p' | 'P' => self.property(start, c == 'P'),
            'f' => ch(0x0C),
            'n' => ch(0x0A),
            'r' => ch(0x0D),
            't' => ch(0x09),
            'v' => ch(0x0B),
            'b' if in_class => ch(0x08),
            '-' if in_class => ch(0x2D),
            'c' => match self.peek() {
                Some(l) if l.is_ascii_alphabetic() => {
                    self.pos += 1;
                    ch(l as u32 % 32)
                }
                _ => Err(at(start, "\\c must be followed by a letter A-Z or a-z")),
            },
            '0' if self.peek().is_some_and(|c| c.is_ascii_digit()) => {
                Err(at(start, "\\0 cannot be followed by a digit"))
            }
            '0' => ch(0),
            '1'..='9' => Err(at(
                start,
                "backreferences cannot be used in a character class",
            )),
            'x' => match self.hex(2) {
                Some(v) => ch(v),
                None => Err(at(start, "\\x must be followed by two hex digits")),
            },
            'u' => self.unicode_escape().map(Item::Char),
            '^' | '$' | '\\' | '.' | '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '|'
            | '/' => ch(c as u32),
            _ => Err(at(
                start,
                "unknown escape sequence (only syntax characters and / can be escaped)",
            )),
        }
    }

    /// After `\u`: `XXXX`, a surrogate pair `XXXX\uXXXX`, or `{X…}`.
    fn unicode_escape(&mut self) -> Result<u32, Error> {
        let start = self.pos.saturating_sub(2);
        if self.eat('{') {
            let mut v: u32 = 0;
            let mut digits = 0;
            while let Some(d) = self.peek().and_then(|c| c.to_digit(16)) {
                self.pos += 1;
                digits += 1;
                v = v.saturating_mul(16).saturating_add(d);
            }
            if digits == 0 || !self.eat('}') || v > 0x10FFFF {
                return Err(at(start, "\\u{…} must hold a hex code point up to 10FFFF"));
            }
            return Ok(v);
        }
        let Some(v) = self.hex(4) else {
            return Err(at(start, "\\u must be followed by four hex digits or {…}"));
        };
        if (0xD800..0xDC00).contains(&v) && self.peek() == Some('\\') && self.peek2() == Some('u') {
            let save = self.pos;
            self.pos += 2;
            match self.hex(4) {
                Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                    return Ok(0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00));
                }
                _ => self.pos = save,
            }
        }
        Ok(v)
    }

    /// Exactly `n` hex digits, or `None` (cursor unmoved).
    fn hex(&mut self, n: usize) -> Option<u32> {
        let s = self.src.get(self.pos..self.pos + n)?;
        let mut v = 0u32;
        for c in s {
            v = v * 16 + c.to_digit(16)?;
        }
        self.pos += n;
        Some(v)
    }

    /// After `\p` or `\P`: `{Name}` or `{Name=Value}`.
    fn property(&mut self, start: usize, negate: bool) -> Result<Item, Error> {
        let bad = |_| at(start, "\\p must be followed by {Name} or {Name=Value}");
        if !self.eat('{') {
            return Err(bad(()));
        }
        let body_start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '=')
        {
            self.pos += 1;
        }
        let body: String = self
            .src
            .get(body_start..self.pos)
            .unwrap_or_default()
            .iter()
            .collect();
        if !self.eat('}') || body.is_empty() {
            return Err(bad(()));
        }
        let (name, value) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (body.as_str(), None),
        };
        match unicode::property(name, value) {
            Some(p) => Ok(Item::Prop(p, negate)),
            None if !unicode::available() => {
                Err(at(start, "Unicode property escapes are not available here"))
            }
            None => Err(at(start, "unknown Unicode property name or value")),
        }
    }

    /// After `[`.
    fn class(&mut self) -> Result<Node, Error> {
        let open = self.pos - 1;
        let negate = self.eat('^');
        let mut b = Builder::default();
        loop {
            let item_start = self.pos;
            let first = match self.bump() {
                None => return Err(at(open, "unterminated character class")),
                Some(']') => break,
                Some('\\') => self.class_escape(true)?,
                Some(c) => Item::Char(c as u32),
            };
            let is_range = self.peek() == Some('-') && !matches!(self.peek2(), Some(']') | None);
            if !is_range {
                add_item(&mut b, first);
                continue;
            }
            self.pos += 1;
            let last = match self.bump() {
                Some('\\') => self.class_escape(true)?,
                Some(c) => Item::Char(c as u32),
                None => return Err(at(open, "unterminated character class")),
            };
            match (first, last) {
                (Item::Char(lo), Item::Char(hi)) if lo <= hi => b.range(lo, hi),
                (Item::Char(_), Item::Char(_)) => {
                    return Err(at(item_start, "range out of order in character class"))
                }
                _ => {
                    return Err(at(
                        item_start,
                        "a class escape like \\d cannot start or end a range",
                    ))
                }
            }
        }
        Ok(self.add_class(b.finish(negate)))
    }
}

fn add_item(b: &mut Builder, item: Item) {
    match item {
        Item::Char(c) => b.range(c, c),
        Item::Builtin(k, negate) => b.builtin(k, negate),
        Item::Prop(p, negate) => b.property(p, negate),
    }
}

fn at(offset: usize, reason: &'static str) -> Error {
    Error { offset, reason }
}

fn is_id_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '$' || c == '_';
    }
    // Without property data, accept: the pattern is still unambiguous.
    unicode::property("ID_Start", None).is_none_or(|p| unicode::contains(p, c))
}

fn is_id_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '$' || c == '_';
    }
    c == '\u{200C}'
        || c == '\u{200D}'
        || unicode::property("ID_Continue", None).is_none_or(|p| unicode::contains(p, c))
}
