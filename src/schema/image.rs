//! The program image: a compiled [`Program`] as bytes, written ahead of
//! time by the compiler (`write`, feature `compiler`) and loaded by the
//! runtime ([`read`]) without the schema compiler, the indexer or the
//! metaschemas.
//!
//! Layout (integers little-endian):
//!
//! ```text
//! magic        4 bytes  "FNSI"
//! format       u16      IMAGE_VERSION
//! crate        u8 n, n bytes: the fieldnote version that wrote it
//! length       u32      payload bytes
//! checksum     u64      FNV-1a 64 by 8-byte words (below) of the header
//!                       before it, then of the payload
//! payload      the tables below, in this order
//! ```
//!
//! The magic, format and crate version come first and never move, so that
//! an image from any other version is named as such, not as "corrupt".
//!
//! Payload: `u32` indices are LEB128 of `x + 1 (mod 2^32)`, so that
//! [`NONE`] takes one byte; counts and `u64`s are plain LEB128; an `f64`
//! is the LEB128 of its bits byte-swapped (2 bytes for `18.0`); a string
//! is a count and UTF-8 bytes. An op is its tag byte and as many fields
//! as `ARITY` says, one table for both directions. One function per table
//! (`nodes`, `ops`, ...): a field added to [`Program`], [`Node`] or [`Op`]
//! breaks the build here (every struct is destructured without `..`) until
//! it is written, read and [`IMAGE_VERSION`] is raised.
//!
//! - root node;
//! - `names`: interned strings;
//! - `nodes`, `ops`, `kids`, `props`, `pats`, `dschemas`, `deps`, `lists`,
//!   `dynamic` as in [`Program`];
//! - `regexes`: each pattern's source, compiled again at load (the runtime
//!   keeps the regex compiler anyway for `format: "regex"`, and a source is
//!   several times smaller than its program);
//! - `divisors`: each `multipleOf` value's JSON text;
//! - `docs`: per schema document its URI and its text with the whitespace
//!   between tokens removed and the subschemas' `description` and
//!   `$comment` strings emptied (tape indices are unchanged), or nothing
//!   when no node lives in it (a metaschema that only named the dialect).
//!
//! Loading is linear: every count is bounded by the bytes that remain, so
//! a table takes at most ~24 bytes of memory per image byte (an `Op` is 24
//! bytes, its smallest encoding 1); patterns and schema texts are compiled
//! and parsed under the same limits as [`Schema::compile`](super::Schema)
//! applies to schema text. Every index is checked against its table, so a
//! loaded image never answers with data that is not there.

use std::sync::Arc;

use super::program::{Cmp, Dep, Node, Op, Program, Size, NONE};
use super::MAX_SCHEMA_NODES;
use crate::json::number::Divisor;
use crate::json::Document;
use crate::regex::Regex;

/// The first bytes of every image.
pub const IMAGE_MAGIC: [u8; 4] = *b"FNSI";
/// The format of images this build writes and reads. Raised whenever the
/// layout or the meaning of a compiled operation changes.
pub const IMAGE_VERSION: u16 = 2;
/// The fieldnote version written into images.
const CRATE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Why an image could not be loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageErrorKind {
    /// The bytes are not a program image at all.
    NotAnImage,
    /// An image of another format version: recompile the schema.
    Version,
    /// Truncated, altered or malformed.
    Corrupt,
}

/// A program image that could not be loaded: what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageError {
    /// What kind of problem.
    pub kind: ImageErrorKind,
    /// A sentence for developers, e.g. "this validator was compiled by
    /// fieldnote 0.2.0 (program format 2); recompile it with fieldnote
    /// 0.1.0".
    pub message: String,
}

fn corrupt(what: &str, at: usize) -> ImageError {
    let mut m = String::from("the compiled program is corrupt: ");
    m.push_str(what);
    m.push_str(" at byte ");
    crate::json::write_u64(&mut m, at as u64);
    m.push_str("; compile the schema again");
    ImageError {
        kind: ImageErrorKind::Corrupt,
        message: m,
    }
}

/// The checksum of `head` then `payload`: FNV-1a 64 taken 8 bytes at a
/// time (each little-endian word is xored in, then multiplied by the FNV
/// prime; a last partial word is zero-padded), 8 times fewer steps than
/// byte by byte. Each step is a bijection of the state, so any change
/// confined to one word is always caught; truncation is caught by the
/// length in the header.
fn checksum(head: &[u8], payload: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [head, payload] {
        for w in part.chunks(8) {
            let mut b = [0u8; 8];
            if let Some(to) = b.get_mut(..w.len()) {
                to.copy_from_slice(w);
            }
            h = (h ^ u64::from_le_bytes(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

// ---------------------------------------------------------------- writing

#[cfg(feature = "compiler")]
pub(crate) use write::write;

#[cfg(feature = "compiler")]
mod write {
    use super::*;

    struct Out(Vec<u8>);

    impl Out {
        fn u64(&mut self, mut x: u64) {
            loop {
                let b = (x & 0x7f) as u8;
                x >>= 7;
                if x == 0 {
                    self.0.push(b);
                    return;
                }
                self.0.push(b | 0x80);
            }
        }
        fn n(&mut self, x: u32) {
            self.u64(u64::from(x.wrapping_add(1)));
        }
        fn count(&mut self, n: usize) {
            self.u64(n as u64);
        }
        fn byte(&mut self, b: u8) {
            self.0.push(b);
        }
        fn str(&mut self, s: &str) {
            self.count(s.len());
            self.0.extend_from_slice(s.as_bytes());
        }
        fn pairs(&mut self, v: &[(u32, u32)]) {
            self.count(v.len());
            for &(a, b) in v {
                self.n(a);
                self.n(b);
            }
        }
    }

    /// The image of a compiled program.
    pub(crate) fn write(p: &Program) -> Vec<u8> {
        let Program {
            root,
            nodes,
            ops,
            kids,
            props,
            prop_keys: _, // rebuilt by `Program::finish`
            pats,
            dschemas,
            deps,
            lists,
            names,
            divisors,
            regexes,
            dynamic,
            dynamic_index: _, // rebuilt from `dynamic`
            docs,
            doc_uris,
        } = p;
        let mut o = Out(Vec::new());
        o.n(*root);
        o.count(names.len());
        for s in names {
            o.str(s);
        }
        write_nodes(&mut o, nodes);
        write_ops(&mut o, ops);
        o.count(kids.len());
        for &k in kids {
            o.n(k);
        }
        o.pairs(props);
        o.pairs(pats);
        o.pairs(dschemas);
        o.count(deps.len());
        for &Dep { name, start, end } in deps {
            o.n(name);
            o.n(start);
            o.n(end);
        }
        o.count(lists.len());
        for &l in lists {
            o.n(l);
        }
        o.count(dynamic.len());
        for &(res, name, node) in dynamic {
            o.n(res);
            o.n(name);
            o.n(node);
        }
        o.count(regexes.len());
        for r in regexes {
            o.str(r.as_str());
        }
        write_divisors(&mut o, p, divisors.len());
        o.count(docs.len());
        for (d, doc) in docs.iter().enumerate() {
            o.str(doc_uris.get(d).map(|u| &**u).unwrap_or(""));
            if nodes.iter().any(|n| n.doc as usize == d) {
                o.byte(1);
                o.str(&minify(doc.text(), &annotations(p, d as u32)));
            } else {
                o.byte(0);
            }
        }
        let payload = o.0;
        let mut out = Vec::with_capacity(payload.len() + 32);
        out.extend_from_slice(&IMAGE_MAGIC);
        out.extend_from_slice(&IMAGE_VERSION.to_le_bytes());
        let v = CRATE_VERSION.get(..255).unwrap_or(CRATE_VERSION);
        out.push(v.len() as u8);
        out.extend_from_slice(v.as_bytes());
        out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
        let sum = checksum(&out, &payload);
        out.extend_from_slice(&sum.to_le_bytes());
        out.extend_from_slice(&payload);
        out
    }

    fn write_nodes(o: &mut Out, nodes: &[Node]) {
        o.count(nodes.len());
        for &Node {
            start,
            end,
            doc,
            idx,
            res,
            title,
            flags,
        } in nodes
        {
            o.n(start);
            o.n(end);
            o.n(doc);
            o.n(idx);
            o.n(res);
            o.n(title);
            o.byte(flags);
        }
    }

    fn write_ops(o: &mut Out, ops: &[Op]) {
        o.count(ops.len());
        for &op in ops {
            let (tag, f) = op_parts(op);
            o.byte(tag);
            let n = ARITY.get(usize::from(tag)).copied().unwrap_or(0);
            for &x in f.iter().take(usize::from(n)) {
                o.u64(x);
            }
        }
    }

    /// An op as its tag and fields, in the order [`op_from`] reads them.
    fn op_parts(op: Op) -> (u8, [u64; 5]) {
        let ix = |x: u32| u64::from(x.wrapping_add(1));
        let c = |c: Cmp| c as u64;
        match op {
            Op::False => (0, [0; 5]),
            Op::Type(t) => (1, [u64::from(t), 0, 0, 0, 0]),
            Op::Const(i) => (2, [ix(i), 0, 0, 0, 0]),
            Op::Enum(i) => (3, [ix(i), 0, 0, 0, 0]),
            Op::MultipleOf(i) => (4, [ix(i), 0, 0, 0, 0]),
            Op::Compare(k, i, f) => (5, [c(k), ix(i), f.to_bits().swap_bytes(), 0, 0]),
            Op::Size(s, n) => (6, [s as u64, n, 0, 0, 0]),
            Op::FormatCompare(k, i, f) => (7, [c(k), ix(i), u64::from(f), 0, 0]),
            Op::Pattern(i) => (8, [ix(i), 0, 0, 0, 0]),
            Op::Format(i) => (9, [ix(i), 0, 0, 0, 0]),
            Op::UniqueItems => (10, [0; 5]),
            Op::Required(a, b) => (11, [ix(a), ix(b), 0, 0, 0]),
            Op::DependentRequired(a, b) => (12, [ix(a), ix(b), 0, 0, 0]),
            Op::Props {
                props,
                props_end,
                pats,
                pats_end,
                additional,
            } => (
                13,
                [
                    ix(props),
                    ix(props_end),
                    ix(pats),
                    ix(pats_end),
                    ix(additional),
                ],
            ),
            Op::PropertyNames(i) => (14, [ix(i), 0, 0, 0, 0]),
            Op::DependentSchemas(a, b) => (15, [ix(a), ix(b), 0, 0, 0]),
            Op::Items {
                prefix,
                prefix_end,
                rest,
                legacy,
            } => (
                16,
                [ix(prefix), ix(prefix_end), ix(rest), u64::from(legacy), 0],
            ),
            Op::Contains {
                node,
                min,
                max,
                explicit_min,
                marks,
            } => (
                17,
                [
                    ix(node),
                    ix(min),
                    ix(max),
                    u64::from(explicit_min),
                    u64::from(marks),
                ],
            ),
            Op::AllOf(a, b) => (18, [ix(a), ix(b), 0, 0, 0]),
            Op::AnyOf(a, b) => (19, [ix(a), ix(b), 0, 0, 0]),
            Op::OneOf(a, b) => (20, [ix(a), ix(b), 0, 0, 0]),
            Op::Not(i) => (21, [ix(i), 0, 0, 0, 0]),
            Op::If(a, b, c) => (22, [ix(a), ix(b), ix(c), 0, 0]),
            Op::Ref(i) => (23, [ix(i), 0, 0, 0, 0]),
            Op::DynamicRef(a, b) => (24, [ix(a), ix(b), 0, 0, 0]),
            Op::UnevaluatedProperties(i) => (25, [ix(i), 0, 0, 0, 0]),
            Op::UnevaluatedItems(i) => (26, [ix(i), 0, 0, 0, 0]),
            Op::Content { base64, json } => (27, [u64::from(base64), u64::from(json), 0, 0, 0]),
            // Six fields in five: `one` rides in the low bit of the last.
            Op::Discriminator {
                prop,
                map,
                map_end,
                start,
                end,
                one,
            } => (
                28,
                [
                    ix(prop),
                    ix(map),
                    ix(map_end),
                    ix(start),
                    ix(end) << 1 | u64::from(one),
                ],
            ),
        }
    }

    /// `Divisor` keeps no text: each one is the `multipleOf` of the node
    /// whose op names it. A divisor found nowhere is written empty, and
    /// loading then fails rather than guess.
    fn write_divisors(o: &mut Out, p: &Program, n: usize) {
        let mut texts: Vec<Option<&str>> = vec![None; n];
        for node in &p.nodes {
            let ops = p.ops.get(node.start as usize..node.end as usize);
            for op in ops.unwrap_or_default() {
                if let Op::MultipleOf(i) = *op {
                    let text = p
                        .value(node.doc, node.idx)
                        .and_then(|v| v.get("multipleOf"))
                        .and_then(|v| v.number_text());
                    if let Some(slot) = texts.get_mut(i as usize) {
                        *slot = text;
                    }
                }
            }
        }
        o.count(n);
        for t in texts {
            o.str(t.unwrap_or(""));
        }
    }

    /// Byte ranges (inside the quotes) of the `description` and `$comment`
    /// strings of document `d`'s subschemas: validation never reads them,
    /// so the image carries them empty. Not inside `const` or `enum`
    /// values (a subschema reached by a `$ref` into one is data too).
    fn annotations(p: &Program, d: u32) -> Vec<(usize, usize)> {
        let Some(doc) = p.docs.get(d as usize) else {
            return Vec::new();
        };
        let text = doc.text();
        let mut data = Vec::new();
        for n in p.nodes.iter().filter(|n| n.doc == d) {
            for op in p
                .ops
                .get(n.start as usize..n.end as usize)
                .unwrap_or_default()
            {
                if let Op::Const(i) | Op::Enum(i) = *op {
                    let mut todo: Vec<_> = doc.value_at(i as usize).into_iter().collect();
                    while let Some(v) = todo.pop() {
                        data.push(v.index_in_doc());
                        todo.extend(v.items());
                        todo.extend(v.members_raw().map(|(_, v)| v));
                    }
                }
            }
        }
        sort_positions(&mut data);
        let mut out = Vec::new();
        for n in p.nodes.iter().filter(|n| n.doc == d) {
            if data.binary_search(&(n.idx as usize)).is_ok() {
                continue;
            }
            let Some(v) = doc.value_at(n.idx as usize) else {
                continue;
            };
            for (k, val) in v.members_raw() {
                let Some(key) = k.as_plain_str() else {
                    continue;
                };
                if !matches!(key, "description" | "$comment") || val.as_str().is_none() {
                    continue;
                }
                // The key's text is a slice of the document's: the string
                // value follows it, after `":`, and runs to its closing
                // quote.
                let at = (key.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
                let b = text.as_bytes();
                let mut i = at + key.len() + 1;
                while b
                    .get(i)
                    .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b':'))
                {
                    i += 1;
                }
                if b.get(i) != Some(&b'"') {
                    continue;
                }
                let start = i + 1;
                let mut j = start;
                while let Some(&c) = b.get(j) {
                    match c {
                        b'"' => break,
                        b'\\' => j += 2,
                        _ => j += 1,
                    }
                }
                if b.get(j) == Some(&b'"') {
                    out.push((start, j));
                }
            }
        }
        // Ranges are disjoint: ordering by start orders them.
        let mut keyed: Vec<(u32, u32)> = (0..out.len() as u32)
            .map(|i| (out.get(i as usize).map_or(0, |r| r.0) as u32, i))
            .collect();
        crate::schema::program::sort_pairs(&mut keyed, &|a, b| a < b);
        keyed
            .iter()
            .filter_map(|&(_, i)| out.get(i as usize).copied())
            .collect()
    }

    /// Sorts document positions with the crate's one shared sort (the
    /// standard library's would add kilobytes of wasm). Schema texts are
    /// at most 8 MiB, so positions fit in `u32`.
    fn sort_positions(v: &mut Vec<usize>) {
        let mut pairs: Vec<(u32, u32)> = v.iter().map(|&x| (x as u32, 0)).collect();
        crate::schema::program::sort_pairs(&mut pairs, &|a, b| a < b);
        *v = pairs.iter().map(|p| p.0 as usize).collect();
    }

    /// JSON text without the whitespace between tokens and without the
    /// bytes in `blank` (sorted, disjoint ranges inside strings). Each value keeps its tape
    /// index; other strings and numbers keep their exact text.
    pub(super) fn minify(text: &str, blank: &[(usize, usize)]) -> String {
        let mut out = String::with_capacity(text.len());
        let mut in_str = false;
        let mut esc = false;
        let mut next = blank.iter().peekable();
        for (i, c) in text.char_indices() {
            while next.next_if(|r| r.1 <= i).is_some() {}
            if next.peek().is_some_and(|r| r.0 <= i) {
                continue;
            }
            if in_str {
                if esc {
                    esc = false;
                } else if c == '\\' {
                    esc = true;
                } else if c == '"' {
                    in_str = false;
                }
            } else if c == '"' {
                in_str = true;
            } else if matches!(c, ' ' | '\t' | '\n' | '\r') {
                continue;
            }
            out.push(c);
        }
        out
    }
}

// ---------------------------------------------------------------- reading

struct In<'a> {
    buf: &'a [u8],
    at: usize,
}

/// A malformed image: what and at which byte. Kept small and `Copy` so
/// that the many `?` of the loader stay cheap; it becomes an
/// [`ImageError`] once, at the end.
#[derive(Clone, Copy)]
struct Bad(&'static str, usize);

type R<T> = Result<T, Bad>;

impl<'a> In<'a> {
    fn left(&self) -> usize {
        self.buf.len().saturating_sub(self.at)
    }
    fn byte(&mut self) -> R<u8> {
        let b = self.buf.get(self.at).copied();
        let b = b.ok_or(Bad("unexpected end", self.at))?;
        self.at += 1;
        Ok(b)
    }
    fn u64(&mut self) -> R<u64> {
        let start = self.at;
        let mut x: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            x |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                if shift == 63 && b > 1 {
                    break;
                }
                return Ok(x);
            }
        }
        Err(Bad("number too large", start))
    }
    fn n(&mut self) -> R<u32> {
        let at = self.at;
        let x = u32::try_from(self.u64()?).map_err(|_| Bad("index too large", at))?;
        Ok(x.wrapping_sub(1))
    }
    /// A count of items of at least `min` bytes each: never more than the
    /// bytes left could hold.
    fn count(&mut self, min: usize) -> R<usize> {
        let at = self.at;
        let n = self.u64()?;
        if n > (self.left() / min.max(1)) as u64 {
            return Err(Bad("count larger than the image", at));
        }
        Ok(n as usize)
    }
    /// `n` bytes, little-endian.
    fn le(&mut self, n: usize) -> R<u64> {
        let b = self.bytes(n)?;
        Ok(b.iter().rev().fold(0, |x, &b| x << 8 | u64::from(b)))
    }
    fn bytes(&mut self, n: usize) -> R<&'a [u8]> {
        let b = self.buf.get(self.at..self.at.saturating_add(n));
        let b = b.ok_or(Bad("unexpected end", self.at))?;
        self.at += n;
        Ok(b)
    }
    fn str(&mut self) -> R<&'a str> {
        let n = self.count(1)?;
        let at = self.at;
        std::str::from_utf8(self.bytes(n)?).map_err(|_| Bad("text is not UTF-8", at))
    }
    fn pairs(&mut self) -> R<Vec<(u32, u32)>> {
        let n = self.count(2)?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push((self.n()?, self.n()?));
        }
        Ok(v)
    }
    fn list(&mut self) -> R<Vec<u32>> {
        let n = self.count(1)?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(self.n()?);
        }
        Ok(v)
    }
}

/// Checks the header and returns the payload.
fn header(bytes: &[u8]) -> Result<&[u8], ImageError> {
    if bytes.get(..4) != Some(&IMAGE_MAGIC[..]) {
        return Err(ImageError {
            kind: ImageErrorKind::NotAnImage,
            message: "not a fieldnote compiled program (it does not start with \"FNSI\")".into(),
        });
    }
    let mut i = In { buf: bytes, at: 4 };
    let version = i.le(2).map_err(bad)?;
    // Read leniently until the version is known to match: an image of
    // another version is named as such whatever follows.
    let n = i.byte().map(usize::from).unwrap_or(0);
    let by = i.bytes(n).ok().and_then(|b| std::str::from_utf8(b).ok());
    if version != u64::from(IMAGE_VERSION) {
        let mut m = String::from("this validator was compiled by fieldnote ");
        m.push_str(by.unwrap_or("(unknown version)"));
        m.push_str(" (program format ");
        crate::json::write_u64(&mut m, version);
        m.push_str("); recompile it with fieldnote ");
        m.push_str(CRATE_VERSION);
        m.push_str(" (program format ");
        crate::json::write_u64(&mut m, u64::from(IMAGE_VERSION));
        m.push(')');
        return Err(ImageError {
            kind: ImageErrorKind::Version,
            message: m,
        });
    }
    if by.is_none() {
        return Err(corrupt("unreadable version", i.at));
    }
    let len = i.le(4).map_err(bad)? as usize;
    let head = bytes.get(..i.at).unwrap_or_default();
    let sum = i.le(8).map_err(bad)?;
    let payload = bytes.get(i.at..).unwrap_or_default();
    if payload.len() != len {
        let mut m = String::from("the compiled program is ");
        m.push_str(if payload.len() < len {
            "truncated: "
        } else {
            "followed by other bytes: "
        });
        crate::json::write_u64(&mut m, payload.len() as u64);
        m.push_str(" bytes of program where the header says ");
        crate::json::write_u64(&mut m, len as u64);
        return Err(ImageError {
            kind: ImageErrorKind::Corrupt,
            message: m,
        });
    }
    if checksum(head, payload) != sum {
        return Err(ImageError {
            kind: ImageErrorKind::Corrupt,
            message: "the compiled program is corrupt (its checksum does not match); compile the schema again".into(),
        });
    }
    Ok(payload)
}

fn bad(Bad(what, at): Bad) -> ImageError {
    corrupt(what, at)
}

/// Loads an image written by [`write`].
pub(crate) fn read(bytes: &[u8]) -> Result<Program, ImageError> {
    let payload = header(bytes)?;
    // Offsets in errors count from the start of the image.
    let mut i = In {
        buf: bytes,
        at: bytes.len() - payload.len(),
    };
    let p = read_tables(&mut i).map_err(bad)?;
    check(&p).map_err(|what| corrupt(what, bytes.len()))?;
    Ok(p)
}

fn read_tables(i: &mut In<'_>) -> R<Program> {
    let mut p = Program {
        root: i.n()?,
        ..Program::default()
    };
    let n = i.count(1)?;
    p.names.reserve(n);
    for _ in 0..n {
        p.names.push(i.str()?.into());
    }
    p.nodes = read_nodes(i)?;
    p.ops = read_ops(i)?;
    p.kids = i.list()?;
    p.props = i.pairs()?;
    p.pats = i.pairs()?;
    p.dschemas = i.pairs()?;
    let n = i.count(3)?;
    p.deps.reserve(n);
    for _ in 0..n {
        p.deps.push(Dep {
            name: i.n()?,
            start: i.n()?,
            end: i.n()?,
        });
    }
    p.lists = i.list()?;
    let n = i.count(3)?;
    for _ in 0..n {
        let (res, name, node) = (i.n()?, i.n()?, i.n()?);
        p.add_dynamic(res, name, node);
    }
    read_regexes(i, &mut p)?;
    read_divisors(i, &mut p)?;
    read_docs(i, &mut p)?;
    if i.left() != 0 {
        return Err(Bad("bytes after the last table", i.at));
    }
    Ok(p)
}

fn read_nodes(i: &mut In<'_>) -> R<Vec<Node>> {
    let at = i.at;
    let n = i.count(7)?;
    if n > MAX_SCHEMA_NODES {
        return Err(Bad("too many subschemas", at));
    }
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        v.push(Node {
            start: i.n()?,
            end: i.n()?,
            doc: i.n()?,
            idx: i.n()?,
            res: i.n()?,
            title: i.n()?,
            flags: i.byte()?,
        });
    }
    Ok(v)
}

fn flag(i: &mut In<'_>) -> R<bool> {
    let at = i.at;
    match i.byte()? {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(Bad("bad flag", at)),
    }
}

/// How many fields each op tag has (the op encoding, both directions).
const ARITY: [u8; 29] = [
    0, 1, 1, 1, 1, 3, 2, 3, 1, 1, 0, 2, 2, 5, 1, 2, 4, 5, 2, 2, 2, 1, 3, 1, 2, 1, 1, 2, 5,
];

fn read_ops(i: &mut In<'_>) -> R<Vec<Op>> {
    let n = i.count(1)?;
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        let at = i.at;
        let tag = i.byte()?;
        let arity = ARITY.get(usize::from(tag)).copied();
        let mut f = [0u64; 5];
        for x in f.iter_mut().take(usize::from(arity.unwrap_or(0))) {
            *x = i.u64()?;
        }
        let op = arity.and_then(|_| op_from(tag, f));
        v.push(op.ok_or(Bad("bad operation", at))?);
    }
    Ok(v)
}

/// An op from its tag and fields; `None` when a field is out of its range.
fn op_from(tag: u8, f: [u64; 5]) -> Option<Op> {
    let ix = |k: usize| -> Option<u32> {
        let x = u32::try_from(*f.get(k)?).ok()?;
        Some(x.wrapping_sub(1))
    };
    let small = |k: usize, max: u64| f.get(k).copied().filter(|&x| x <= max);
    let flag = |k: usize| small(k, 1).map(|x| x == 1);
    let cmp = || {
        Some(match small(0, 3)? {
            0 => Cmp::Minimum,
            1 => Cmp::ExclusiveMinimum,
            2 => Cmp::Maximum,
            _ => Cmp::ExclusiveMaximum,
        })
    };
    Some(match tag {
        0 => Op::False,
        1 => Op::Type(small(0, 255)? as u8),
        2 => Op::Const(ix(0)?),
        3 => Op::Enum(ix(0)?),
        4 => Op::MultipleOf(ix(0)?),
        5 => Op::Compare(cmp()?, ix(1)?, f64::from_bits(f[2].swap_bytes())),
        6 => Op::Size(
            match small(0, 5)? {
                0 => Size::MinLength,
                1 => Size::MaxLength,
                2 => Size::MinItems,
                3 => Size::MaxItems,
                4 => Size::MinProperties,
                _ => Size::MaxProperties,
            },
            f[1],
        ),
        7 => Op::FormatCompare(cmp()?, ix(1)?, small(2, 2)? as u8),
        8 => Op::Pattern(ix(0)?),
        9 => Op::Format(ix(0)?),
        10 => Op::UniqueItems,
        11 => Op::Required(ix(0)?, ix(1)?),
        12 => Op::DependentRequired(ix(0)?, ix(1)?),
        13 => Op::Props {
            props: ix(0)?,
            props_end: ix(1)?,
            pats: ix(2)?,
            pats_end: ix(3)?,
            additional: ix(4)?,
        },
        14 => Op::PropertyNames(ix(0)?),
        15 => Op::DependentSchemas(ix(0)?, ix(1)?),
        16 => Op::Items {
            prefix: ix(0)?,
            prefix_end: ix(1)?,
            rest: ix(2)?,
            legacy: flag(3)?,
        },
        17 => Op::Contains {
            node: ix(0)?,
            min: ix(1)?,
            max: ix(2)?,
            explicit_min: flag(3)?,
            marks: flag(4)?,
        },
        18 => Op::AllOf(ix(0)?, ix(1)?),
        19 => Op::AnyOf(ix(0)?, ix(1)?),
        20 => Op::OneOf(ix(0)?, ix(1)?),
        21 => Op::Not(ix(0)?),
        22 => Op::If(ix(0)?, ix(1)?, ix(2)?),
        23 => Op::Ref(ix(0)?),
        24 => Op::DynamicRef(ix(0)?, ix(1)?),
        25 => Op::UnevaluatedProperties(ix(0)?),
        26 => Op::UnevaluatedItems(ix(0)?),
        27 => Op::Content {
            base64: flag(0)?,
            json: flag(1)?,
        },
        28 => Op::Discriminator {
            prop: ix(0)?,
            map: ix(1)?,
            map_end: ix(2)?,
            start: ix(3)?,
            end: u32::try_from(f[4] >> 1).ok()?.wrapping_sub(1),
            one: f[4] & 1 == 1,
        },
        _ => return None,
    })
}

fn read_regexes(i: &mut In<'_>, p: &mut Program) -> R<()> {
    let n = i.count(1)?;
    p.regexes.reserve(n);
    for _ in 0..n {
        let at = i.at;
        let src = i.str()?;
        // The compiler accepted it: failing now means the image was altered.
        let re = Regex::new(src).map_err(|_| Bad("invalid pattern", at))?;
        p.regexes.push(re);
    }
    Ok(())
}

fn read_divisors(i: &mut In<'_>, p: &mut Program) -> R<()> {
    let n = i.count(1)?;
    p.divisors.reserve(n);
    for _ in 0..n {
        let at = i.at;
        let d = Divisor::new(i.str()?).ok_or(Bad("invalid multipleOf", at))?;
        p.divisors.push(d);
    }
    Ok(())
}

fn read_docs(i: &mut In<'_>, p: &mut Program) -> R<()> {
    let n = i.count(2)?;
    p.docs.reserve(n);
    p.doc_uris.reserve(n);
    for _ in 0..n {
        p.doc_uris.push(i.str()?.into());
        let doc = if flag(i)? {
            let at = i.at;
            let text = i.str()?;
            Document::parse_with(text.into(), &super::schema_limits())
                .map_err(|_| Bad("schema text is not JSON", at))?
        } else {
            Document::null()
        };
        p.docs.push(Arc::new(doc));
    }
    Ok(())
}

/// Every index in range: a loaded program only ever reads what is there.
/// (The validator looks everything up with bounds checks anyway; this turns
/// an altered image into an error instead of a quietly different schema.)
fn check(p: &Program) -> Result<(), &'static str> {
    let nodes = p.nodes.len();
    let node = |i: u32| (i as usize) < nodes;
    let opt_node = |i: u32| i == NONE || node(i);
    let name = |i: u32| (i as usize) < p.names.len();
    let range = |a: u32, b: u32, len: usize| a <= b && (b as usize) <= len;
    let bad = |ok: bool, what: &'static str| if ok { Ok(()) } else { Err(what) };
    bad(node(p.root), "root out of range")?;
    bad(p.kids.iter().all(|&k| node(k)), "subschema out of range")?;
    bad(p.lists.iter().all(|&n| name(n)), "name out of range")?;
    bad(
        p.props
            .iter()
            .chain(&p.dschemas)
            .all(|&(n, k)| name(n) && node(k)),
        "property out of range",
    )?;
    bad(
        p.pats
            .iter()
            .all(|&(r, k)| (r as usize) < p.regexes.len() && node(k)),
        "pattern out of range",
    )?;
    bad(
        p.deps
            .iter()
            .all(|d| name(d.name) && range(d.start, d.end, p.lists.len())),
        "dependency out of range",
    )?;
    bad(
        p.dynamic.iter().all(|&(_, n, k)| name(n) && node(k)),
        "anchor out of range",
    )?;
    for n in &p.nodes {
        bad(
            range(n.start, n.end, p.ops.len()),
            "operations out of range",
        )?;
        bad(n.title == NONE || name(n.title), "title out of range")?;
        let doc = p.docs.get(n.doc as usize).ok_or("document out of range")?;
        let in_doc = |i: u32| doc.value_at(i as usize).is_some();
        bad(in_doc(n.idx), "schema location out of range")?;
        for op in p
            .ops
            .get(n.start as usize..n.end as usize)
            .unwrap_or_default()
        {
            let ok = match *op {
                Op::False | Op::Type(_) | Op::Size(..) | Op::UniqueItems | Op::Content { .. } => {
                    true
                }
                Op::Const(i) | Op::Enum(i) | Op::Compare(_, i, _) | Op::FormatCompare(_, i, _) => {
                    in_doc(i)
                }
                Op::MultipleOf(i) => (i as usize) < p.divisors.len(),
                Op::Pattern(i) => (i as usize) < p.regexes.len(),
                Op::Format(i) => name(i),
                Op::Required(a, b) => {
                    range(a, b, p.lists.len()) && range(b, b.saturating_add(b - a), p.lists.len())
                }
                Op::DependentRequired(a, b) => range(a, b, p.deps.len()),
                Op::Props {
                    props,
                    props_end,
                    pats,
                    pats_end,
                    additional,
                } => {
                    range(props, props_end, p.props.len())
                        && range(pats, pats_end, p.pats.len())
                        && opt_node(additional)
                }
                Op::DependentSchemas(a, b) => range(a, b, p.dschemas.len()),
                Op::Items {
                    prefix,
                    prefix_end,
                    rest,
                    ..
                } => range(prefix, prefix_end, p.kids.len()) && opt_node(rest),
                Op::Contains { node: c, .. } => node(c),
                Op::Discriminator {
                    prop,
                    map,
                    map_end,
                    start,
                    end,
                    ..
                } => {
                    name(prop)
                        && range(map, map_end, p.dschemas.len())
                        && range(start, end, p.kids.len())
                }
                Op::AllOf(a, b) | Op::AnyOf(a, b) | Op::OneOf(a, b) => range(a, b, p.kids.len()),
                Op::If(a, b, c) => node(a) && opt_node(b) && opt_node(c),
                Op::Not(i)
                | Op::Ref(i)
                | Op::PropertyNames(i)
                | Op::UnevaluatedProperties(i)
                | Op::UnevaluatedItems(i) => node(i),
                Op::DynamicRef(t, a) => node(t) && name(a),
            };
            bad(ok, "operation out of range")?;
        }
    }
    Ok(())
}

#[cfg(all(test, feature = "compiler"))]
mod tests {
    use super::write::minify;

    #[test]
    fn minify_keeps_strings_and_numbers() {
        let t = " { \"a b\" : [ 1.50 , \"x \\\" y\\\\\" ] ,\n\t\"c\":{ } } ";
        assert_eq!(minify(t, &[]), "{\"a b\":[1.50,\"x \\\" y\\\\\"],\"c\":{}}");
        assert_eq!(
            minify("[\"abc\", \"d\", \"ef\"]", &[(3, 5), (15, 16)]),
            "[\"a\",\"d\",\"e\"]"
        );
    }
}
