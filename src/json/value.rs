//! A copyable view into a parsed tape.

use std::borrow::Cow;

use super::parse::{Node, ARR, FALSE, NULL, NUM, OBJ, STR, STR_ESC, TRUE};

/// The six JSON types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `null`
    Null,
    /// `true` or `false`
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl Kind {
    /// The JSON Schema name of the type ("null", "boolean", "number", ...).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "boolean",
            Kind::Number => "number",
            Kind::String => "string",
            Kind::Array => "array",
            Kind::Object => "object",
        }
    }
}

/// A value inside a parsed document. Copying it is free.
#[derive(Clone, Copy)]
pub struct Value<'a> {
    text: &'a str,
    nodes: &'a [Node],
    idx: usize,
}

const EMPTY: Node = Node {
    tag: NULL,
    a: 0,
    b: 0,
};

impl<'a> Value<'a> {
    #[inline]
    pub(crate) fn new(text: &'a str, nodes: &'a [Node], idx: usize) -> Self {
        Value { text, nodes, idx }
    }

    #[inline(always)]
    fn node(&self) -> Node {
        self.nodes.get(self.idx).copied().unwrap_or(EMPTY)
    }

    #[inline(always)]
    fn span(&self, n: Node) -> &'a str {
        self.text.get(n.a as usize..n.b as usize).unwrap_or("")
    }

    /// Index of this value's node in its document (stable for the document's life).
    #[inline]
    pub fn index_in_doc(&self) -> usize {
        self.idx
    }

    /// The index of the node after this value's subtree.
    #[inline]
    fn end(&self) -> usize {
        let n = self.node();
        match n.tag {
            ARR | OBJ => n.b as usize,
            _ => self.idx + 1,
        }
    }

    /// The JSON type.
    #[inline]
    pub fn kind(&self) -> Kind {
        match self.node().tag {
            NULL => Kind::Null,
            FALSE | TRUE => Kind::Bool,
            NUM => Kind::Number,
            STR | STR_ESC => Kind::String,
            ARR => Kind::Array,
            _ => Kind::Object,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        self.node().tag == NULL
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self.node().tag {
            TRUE => Some(true),
            FALSE => Some(false),
            _ => None,
        }
    }

    /// The number's text exactly as written, if this is a number.
    #[inline]
    pub fn number_text(&self) -> Option<&'a str> {
        let n = self.node();
        (n.tag == NUM).then(|| self.span(n))
    }

    /// The number as `f64` (huge values become infinite), if this is a
    /// number: exact up to 15 significant digits and 10^±22, otherwise
    /// within an ulp or two (see [`super::number::to_f64`]); decisions that
    /// must be exact use the decimal, or [`Value::as_nearest_f64`].
    pub fn as_f64(&self) -> Option<f64> {
        self.number_text().map(parse_f64)
    }

    /// The number as the nearest `f64`, as `JSON.parse` reads it (huge
    /// values become infinite), if this is a number. Slower than
    /// [`Value::as_f64`] past 15 digits.
    pub fn as_nearest_f64(&self) -> Option<f64> {
        self.number_text().map(super::number::nearest_f64)
    }

    /// The number as `u64` if it is a non-negative integer that fits exactly
    /// (`3`, `3.0` and `3e0` all count).
    pub fn as_u64(&self) -> Option<u64> {
        self.number_text().and_then(super::number::whole_u64)
    }

    /// Whether this is a number with no fractional part (`1.0` counts, as
    /// JSON Schema says).
    pub fn is_integer(&self) -> bool {
        self.number_text().is_some_and(super::number::is_integer)
    }

    /// The string, if this is one. Borrowed unless it contains escapes.
    pub fn as_str(&self) -> Option<Cow<'a, str>> {
        let n = self.node();
        match n.tag {
            STR => Some(Cow::Borrowed(self.span(n))),
            STR_ESC => Some(Cow::Owned(unescape(self.span(n)))),
            _ => None,
        }
    }

    /// The string if it has no escapes (no allocation); `None` otherwise.
    #[inline]
    pub fn as_plain_str(&self) -> Option<&'a str> {
        let n = self.node();
        (n.tag == STR).then(|| self.span(n))
    }

    /// Whether this is a string equal to `s` (compares without allocating
    /// when the string has no escapes).
    pub fn str_eq(&self, s: &str) -> bool {
        let n = self.node();
        match n.tag {
            STR => self.span(n) == s,
            STR_ESC => unescape(self.span(n)) == s,
            _ => false,
        }
    }

    /// Number of items (array) or members (object); 0 for scalars.
    #[inline]
    pub fn len(&self) -> usize {
        match self.node().tag {
            ARR | OBJ => self.node().a as usize,
            _ => 0,
        }
    }

    /// Whether this is an empty array or object, or a scalar.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The items of an array (nothing for other types).
    pub fn items(&self) -> Items<'a> {
        let n = self.node();
        let (next, left) = if n.tag == ARR {
            (self.idx + 1, n.a as usize)
        } else {
            (0, 0)
        };
        Items {
            text: self.text,
            nodes: self.nodes,
            next,
            left,
        }
    }

    /// The members of an object in document order (nothing for other types).
    pub fn members(&self) -> Members<'a> {
        let n = self.node();
        let (next, left) = if n.tag == OBJ {
            (self.idx + 1, n.a as usize)
        } else {
            (0, 0)
        };
        Members {
            text: self.text,
            nodes: self.nodes,
            next,
            left,
        }
    }

    /// The member named `key` (the last one if the name repeats, as
    /// `JSON.parse` does).
    pub fn get(&self, key: &str) -> Option<Value<'a>> {
        let mut found = None;
        for (k, v) in self.members_raw() {
            if k.str_eq(key) {
                found = Some(v);
            }
        }
        found
    }

    /// Members with keys as string values (no decoding).
    pub fn members_raw(&self) -> impl Iterator<Item = (Value<'a>, Value<'a>)> {
        let m = self.members();
        MembersRaw(m)
    }

    /// The `i`-th item of an array.
    pub fn at(&self, i: usize) -> Option<Value<'a>> {
        self.items().nth(i)
    }

    /// Resolves an RFC 6901 JSON Pointer (`""`, `"/a/0/b"`); `~0`/`~1` are
    /// unescaped. The pointer must already be percent-decoded.
    pub fn pointer(&self, pointer: &str) -> Option<Value<'a>> {
        if pointer.is_empty() {
            return Some(*self);
        }
        let rest = pointer.strip_prefix('/')?;
        let mut cur = *self;
        for raw in rest.split('/') {
            let token: Cow<str> = if raw.contains('~') {
                Cow::Owned(raw.replace("~1", "/").replace("~0", "~"))
            } else {
                Cow::Borrowed(raw)
            };
            cur = match cur.kind() {
                Kind::Object => cur.get(&token)?,
                Kind::Array => {
                    if token.len() > 1 && token.starts_with('0') {
                        return None;
                    }
                    cur.at(token.parse::<usize>().ok()?)?
                }
                _ => return None,
            };
        }
        Some(cur)
    }
}

/// Iterator over array items.
pub struct Items<'a> {
    text: &'a str,
    nodes: &'a [Node],
    next: usize,
    left: usize,
}

impl<'a> Iterator for Items<'a> {
    type Item = Value<'a>;
    #[inline]
    fn next(&mut self) -> Option<Value<'a>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let v = Value::new(self.text, self.nodes, self.next);
        self.next = v.end();
        Some(v)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

/// Iterator over object members: `(key, value)`, keys decoded.
pub struct Members<'a> {
    text: &'a str,
    nodes: &'a [Node],
    next: usize,
    left: usize,
}

impl<'a> Members<'a> {
    #[inline]
    fn next_raw(&mut self) -> Option<(Value<'a>, Value<'a>)> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let k = Value::new(self.text, self.nodes, self.next);
        let v = Value::new(self.text, self.nodes, self.next + 1);
        self.next = v.end();
        Some((k, v))
    }
}

impl<'a> Iterator for Members<'a> {
    type Item = (Cow<'a, str>, Value<'a>);
    fn next(&mut self) -> Option<Self::Item> {
        let (k, v) = self.next_raw()?;
        Some((k.as_str().unwrap_or_default(), v))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

struct MembersRaw<'a>(Members<'a>);

impl<'a> Iterator for MembersRaw<'a> {
    type Item = (Value<'a>, Value<'a>);
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next_raw()
    }
}

fn parse_f64(t: &str) -> f64 {
    super::number::to_f64(t)
}

/// Decodes the raw text of a string with escapes. Lone surrogates become
/// U+FFFD (a Rust string cannot hold them).
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices();
    let b = raw.as_bytes();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else { break };
        let simple = match e {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'u' => {
                let hi = hex4(b, i + 2);
                for _ in 0..4 {
                    chars.next();
                }
                let cp = if (0xD800..0xDC00).contains(&hi)
                    && b.get(i + 6) == Some(&b'\\')
                    && b.get(i + 7) == Some(&b'u')
                {
                    let lo = hex4(b, i + 8);
                    if (0xDC00..0xE000).contains(&lo) {
                        for _ in 0..6 {
                            chars.next();
                        }
                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                    } else {
                        0xFFFD
                    }
                } else {
                    hi
                };
                char::from_u32(cp).unwrap_or('\u{FFFD}')
            }
            other => other,
        };
        out.push(simple);
    }
    out
}

fn hex4(b: &[u8], at: usize) -> u32 {
    let mut v = 0;
    for k in 0..4 {
        let d = match b.get(at + k) {
            Some(c @ b'0'..=b'9') => c - b'0',
            Some(c @ b'a'..=b'f') => c - b'a' + 10,
            Some(c @ b'A'..=b'F') => c - b'A' + 10,
            _ => 0,
        };
        v = v * 16 + u32::from(d);
    }
    v
}

/// JSON equality as JSON Schema defines it: numbers by value (`1` equals
/// `1.0`), objects regardless of member order, arrays item by item.
pub fn equal(a: Value<'_>, b: Value<'_>) -> bool {
    match (a.kind(), b.kind()) {
        (Kind::Null, Kind::Null) => true,
        (Kind::Bool, Kind::Bool) => a.as_bool() == b.as_bool(),
        (Kind::Number, Kind::Number) => match (a.number_text(), b.number_text()) {
            (Some(x), Some(y)) => x == y || super::number::compare(x, y).is_eq(),
            _ => false,
        },
        (Kind::String, Kind::String) => match (a.as_plain_str(), b.as_plain_str()) {
            (Some(x), Some(y)) => x == y,
            _ => a.as_str() == b.as_str(),
        },
        (Kind::Array, Kind::Array) => {
            a.len() == b.len() && a.items().zip(b.items()).all(|(x, y)| equal(x, y))
        }
        (Kind::Object, Kind::Object) => {
            objects_equal(a, b, &mut |x, y| Some(equal(x, y))) == Some(true)
        }
        _ => false,
    }
}

/// Murmur3's 64-bit finalizer: every input bit reaches every output bit,
/// so hash tables may index by the low bits (plain FNV of an `f64`'s bits
/// left them equal for every integer).
#[cfg(feature = "validator")]
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[cfg(feature = "validator")]
fn fnv(seed: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(seed ^ 0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A hash of a number's value, from its text: the significant digits and
/// the exponent of the last one, so `1`, `1.0`, `10e-1` hash alike and
/// 300-digit numbers that differ in their last digit do not.
#[cfg(feature = "validator")]
fn number_hash(text: &str) -> u64 {
    let b = text.as_bytes();
    let (neg, b) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, b),
    };
    let mantissa_end = b
        .iter()
        .position(|c| matches!(c, b'e' | b'E'))
        .unwrap_or(b.len());
    let (mantissa, exp_text) = b.split_at(mantissa_end);
    // The exponent, clamped so that arithmetic on it cannot overflow.
    const CLAMP: i64 = 1 << 40;
    let mut exp: i64 = 0;
    let mut exp_neg = false;
    for &c in exp_text.get(1..).unwrap_or(&[]) {
        match c {
            b'-' => exp_neg = true,
            b'0'..=b'9' => exp = (exp * 10 + i64::from(c - b'0')).min(CLAMP),
            _ => {}
        }
    }
    if exp_neg {
        exp = -exp;
    }
    let point = mantissa.iter().position(|&c| c == b'.');
    let frac_len = point.map_or(0, |p| mantissa.len() - p - 1) as i64;
    let digits = mantissa.iter().filter(|c| c.is_ascii_digit());
    // Significant digits: no leading zeros, no trailing zeros (each one
    // dropped raises the exponent of the last digit).
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut started = false;
    let mut zeros: i64 = 0;
    for &c in digits {
        if c == b'0' {
            if started {
                zeros += 1;
            }
            continue;
        }
        for _ in 0..zeros {
            h = (h ^ u64::from(b'0')).wrapping_mul(0x0000_0100_0000_01b3);
        }
        zeros = 0;
        started = true;
        h = (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    if !started {
        return fmix(4); // zero, whatever its sign
    }
    let last_exp = exp - frac_len + zeros;
    fmix(h ^ fmix(last_exp as u64 ^ (u64::from(neg) << 63)))
}

impl Value<'_> {
    /// A hash consistent with [`equal`]: numbers by value, objects whatever
    /// the order of their members (the last of repeated names, as equality
    /// reads them). `None` when the value is nested deeper than `depth`.
    /// Linear in the value's size.
    #[cfg(feature = "validator")]
    pub(crate) fn json_hash(&self, depth: u32) -> Option<u64> {
        if depth == 0 {
            return None;
        }
        Some(match self.kind() {
            Kind::Null => fmix(1),
            Kind::Bool => fmix(2 + u64::from(self.as_bool() == Some(true))),
            Kind::Number => number_hash(self.number_text().unwrap_or("0")),
            Kind::String => fmix(match self.as_plain_str() {
                Some(s) => fnv(5, s.as_bytes()),
                None => fnv(5, self.as_str().unwrap_or_default().as_bytes()),
            }),
            Kind::Array => {
                let mut h = fmix(6);
                for x in self.items() {
                    h = fmix(h.rotate_left(17) ^ x.json_hash(depth - 1)?);
                }
                h
            }
            Kind::Object => {
                // Order-independent: a sum of the members' hashes, each
                // distinct name once with its last value.
                let mut h = fmix(8);
                let mut add = |k: &str, x: Value<'_>| -> Option<()> {
                    let kh = fnv(9, k.as_bytes());
                    h = h.wrapping_add(fmix(kh ^ x.json_hash(depth - 1)?.rotate_left(29)));
                    Some(())
                };
                if self.len() <= SMALL {
                    let members: Vec<(Cow<'_, str>, Value<'_>)> = self.members().collect();
                    for (i, (k, x)) in members.iter().enumerate() {
                        let shadowed = members.iter().skip(i + 1).any(|(later, _)| later == k);
                        if !shadowed {
                            add(k, *x)?;
                        }
                    }
                } else {
                    for (k, x) in Distinct::of(*self).list {
                        add(&k, x)?;
                    }
                }
                h
            }
        })
    }
}

/// Objects up to this many members are compared by scanning.
const SMALL: usize = 16;

/// Whether two objects have the same member names with values equal by
/// `eq` (`None` from `eq` stops and is returned). As `JSON.parse` reads
/// them, the last of repeated names wins: `{"a":1,"a":2}` equals
/// `{"a":2}`. Large objects (an instance can have tens of thousands of
/// members) are compared through an index of their names: linear, not
/// quadratic.
pub(crate) fn objects_equal<'a>(
    a: Value<'a>,
    b: Value<'a>,
    eq: &mut dyn FnMut(Value<'a>, Value<'a>) -> Option<bool>,
) -> Option<bool> {
    if a.len() <= SMALL && b.len() <= SMALL {
        for (k, _) in a.members() {
            match (a.get(&k), b.get(&k)) {
                (Some(v), Some(w)) if eq(v, w)? => {}
                _ => return Some(false),
            }
        }
        return Some(b.members().all(|(k, _)| a.get(&k).is_some()));
    }
    let (x, y) = (Distinct::of(a), Distinct::of(b));
    if x.list.len() != y.list.len() {
        return Some(false);
    }
    for (k, v) in &x.list {
        let key = |n: usize| y.list.get(n).map(|(k, _)| k.as_ref());
        match y.index.get(k, &key).and_then(|n| y.list.get(n)) {
            Some((_, w)) if eq(*v, *w)? => {}
            _ => return Some(false),
        }
    }
    Some(true)
}

/// An object's distinct member names, each with its last value, indexed.
struct Distinct<'a> {
    list: Vec<(Cow<'a, str>, Value<'a>)>,
    index: crate::paths::Index,
}

impl<'a> Distinct<'a> {
    fn of(v: Value<'a>) -> Distinct<'a> {
        let mut d = Distinct {
            list: Vec::with_capacity(v.len()),
            index: crate::paths::Index::with_capacity(v.len()),
        };
        for (k, x) in v.members() {
            let key = |n: usize| d.list.get(n).map(|(k, _)| k.as_ref());
            match d.index.get_or_insert(&k, d.list.len(), &key) {
                Some(n) => {
                    if let Some(slot) = d.list.get_mut(n) {
                        slot.1 = x;
                    }
                }
                None => d.list.push((k, x)),
            }
        }
        d
    }
}

impl std::fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut w = super::Writer::new();
        w.value(*self);
        f.write_str(&w.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Document;

    fn doc(s: &str) -> Document {
        Document::parse(s).unwrap()
    }

    #[test]
    fn reads_objects_and_arrays() {
        let d = doc(r#"{"a": [1, 2.5, {"b": "x"}], "c": null, "d": true, "e": "é\n\ud83d\ude00"}"#);
        let r = d.root();
        assert_eq!(r.len(), 4);
        let a = r.get("a").unwrap();
        assert_eq!(a.kind(), Kind::Array);
        assert_eq!(a.at(1).unwrap().as_f64(), Some(2.5));
        assert_eq!(a.at(2).unwrap().get("b").unwrap().as_str().unwrap(), "x");
        assert!(r.get("c").unwrap().is_null());
        assert_eq!(r.get("d").unwrap().as_bool(), Some(true));
        assert_eq!(r.get("e").unwrap().as_str().unwrap(), "é\n😀");
        assert!(r.get("zzz").is_none());
        let keys: Vec<_> = r.members().map(|(k, _)| k.into_owned()).collect();
        assert_eq!(keys, ["a", "c", "d", "e"]);
    }

    #[test]
    fn escaped_keys_and_lone_surrogates() {
        let d = doc(r#"{"a\u0062": "\ud800x", "q\"": 1}"#);
        assert_eq!(d.root().get("ab").unwrap().as_str().unwrap(), "\u{FFFD}x");
        assert!(d.root().get("q\"").is_some());
    }

    #[test]
    fn duplicate_keys_last_wins() {
        let d = doc(r#"{"a":1,"a":2}"#);
        assert_eq!(d.root().get("a").unwrap().as_f64(), Some(2.0));
    }

    #[test]
    fn numbers() {
        let d = doc("[1, 1.0, 1e0, 1.5, -3, 12345678901234567890, 1e400]");
        let v: Vec<_> = d.root().items().collect();
        assert!(v[0].is_integer() && v[1].is_integer() && v[2].is_integer());
        assert!(!v[3].is_integer());
        assert_eq!(v[4].as_f64(), Some(-3.0));
        assert_eq!(v[4].as_u64(), None);
        assert_eq!(v[0].as_u64(), Some(1));
        assert!(v[5].is_integer());
        assert_eq!(v[6].as_f64(), Some(f64::INFINITY));
        assert!(v[6].is_integer());
        assert_eq!(v[3].number_text(), Some("1.5"));
    }

    #[test]
    fn pointers() {
        let d = doc(r#"{"a/b": {"c~d": [10, 20]}, "": 5}"#);
        let r = d.root();
        assert_eq!(r.pointer("/a~1b/c~0d/1").unwrap().as_f64(), Some(20.0));
        assert_eq!(r.pointer("/").unwrap().as_f64(), Some(5.0));
        assert!(r.pointer("/a~1b/c~0d/01").is_none());
        assert!(r.pointer("/nope").is_none());
        assert!(r.pointer("a").is_none());
        assert_eq!(r.pointer("").unwrap().len(), 2);
    }

    #[test]
    fn hashes_follow_equality_and_spread() {
        let d = doc(
            r#"[1, 1.0, 10e-1, 0.1e1, 100, 1e2, 0, -0, 0.0, {"a":1,"b":[2]}, {"b":[2.0],"a":1}, {"a":0,"a":1,"b":[2]}, -1, 1.5, 15e-1]"#,
        );
        let v: Vec<_> = d.root().items().map(|x| x.json_hash(8).unwrap()).collect();
        assert!(v[0] == v[1] && v[1] == v[2] && v[2] == v[3]);
        assert_eq!(v[4], v[5]);
        assert!(v[6] == v[7] && v[7] == v[8]);
        assert!(v[9] == v[10] && v[10] == v[11]);
        assert!(v[0] != v[4] && v[0] != v[12] && v[0] != v[6]);
        assert_eq!(v[13], v[14]);
        // Integers and 300-digit numbers differing in the last digit spread
        // over the low bits (what a table indexes by).
        let ints: String = (0..4096).map(|i| format!("{i},")).collect();
        let big: String = (0..4096)
            .map(|i| format!("{}{i:04},", "7".repeat(300)))
            .collect();
        for list in [ints, big] {
            let d = doc(&format!("[{}0.5]", list));
            let mut slots = vec![0u32; 8192];
            for x in d.root().items() {
                slots[x.json_hash(8).unwrap() as usize & 8191] += 1;
            }
            assert!(
                slots.iter().all(|&n| n <= 8),
                "max {}",
                slots.iter().max().unwrap()
            );
        }
        assert!(d.root().json_hash(1).is_none());
    }

    #[test]
    fn equality() {
        let d = doc(
            r#"[{"a":1,"b":[1,2]}, {"b":[1.0,2],"a":1.0}, {"a":1}, [1,2], [2,1], "x", "\u0078"]"#,
        );
        let v: Vec<_> = d.root().items().collect();
        assert!(equal(v[0], v[1]));
        assert!(!equal(v[0], v[2]));
        assert!(!equal(v[3], v[4]));
        assert!(equal(v[5], v[6]));
        assert!(!equal(v[5], v[3]));
        // Repeated names: the last wins, as in `JSON.parse`.
        let d = doc(r#"[{"a":1,"a":2}, {"a":2}, {"a":1}, {"x":1,"x":1}, {"x":1,"y":2}]"#);
        let v: Vec<_> = d.root().items().collect();
        assert!(equal(v[0], v[0]) && equal(v[0], v[1]) && equal(v[1], v[0]));
        assert!(!equal(v[0], v[2]));
        assert!(!equal(v[3], v[4]) && !equal(v[4], v[3]));
        // Large objects take the indexed path: same answers, linear time.
        let big = |extra: &str| {
            let mut s = String::from("{");
            for i in 0..20_000 {
                s.push_str(&format!("\"k{i}\":{i},"));
            }
            s.push_str(extra);
            s.push('}');
            doc(&s)
        };
        let (x, y) = (big("\"z\":1"), big("\"z\":0,\"z\":1"));
        assert!(equal(x.root(), y.root()) && equal(y.root(), x.root()));
        let w = big("\"z\":2");
        assert!(!equal(x.root(), w.root()));
        let t = std::time::Instant::now();
        let u = big("\"y\":1");
        assert!(!equal(x.root(), u.root()));
        assert!(t.elapsed() < std::time::Duration::from_secs(2));
    }
}
