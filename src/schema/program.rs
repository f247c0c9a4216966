//! The compiled form of a schema: flat arrays linked by `u32` indices.
//!
//! Each subschema is a [`Node`] owning a contiguous run of [`Op`]s. Lists
//! (the branches of `allOf`, the entries of `properties`) live in side
//! tables and are named by `start..end` ranges. Strings are interned once.

use std::sync::Arc;

use crate::json::number::Divisor;
use crate::json::{Document, Value};
use crate::regex::Regex;

/// "No such index".
pub(crate) const NONE: u32 = u32::MAX;

/// Node flag: the node has `unevaluatedProperties`/`unevaluatedItems`, so
/// evaluating it must track which members/items were evaluated.
pub(crate) const F_UNEVAL: u8 = 1;
/// Node flag: the node is the `false` schema.
pub(crate) const F_FALSE: u8 = 2;
/// Node flag: the node has an `errorMessage` (ajv-errors' custom
/// messages), looked up only when a failure is reported.
pub(crate) const F_ERRMSG: u8 = 4;

/// One subschema.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Node {
    /// Its operations: `ops[start..end]`.
    pub start: u32,
    pub end: u32,
    /// Where it is: document and value index (for schema paths).
    pub doc: u32,
    pub idx: u32,
    /// The schema resource it belongs to (for `$dynamicRef`).
    pub res: u32,
    /// Its `title` (an interned string) or [`NONE`].
    pub title: u32,
    pub flags: u8,
}

/// Which comparison a numeric limit makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cmp {
    Minimum,
    ExclusiveMinimum,
    Maximum,
    ExclusiveMaximum,
}

/// Which count a size limit bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Size {
    MinLength,
    MaxLength,
    MinItems,
    MaxItems,
    MinProperties,
    MaxProperties,
}

/// One operation. Ranges index the side tables of [`Program`].
#[derive(Clone, Copy, Debug)]
pub(crate) enum Op {
    /// The `false` schema.
    False,
    /// `type`: a set of [`TYPE_NULL`]... bits.
    Type(u8),
    /// `const`: the value at this index of the node's document.
    Const(u32),
    /// `enum`: the array at this index of the node's document.
    Enum(u32),
    /// `multipleOf`: `divisors[i]`.
    MultipleOf(u32),
    /// `minimum`...: the limit is the number at this index of the node's
    /// document; its `f64` is kept for the fast comparison.
    Compare(Cmp, u32, f64),
    /// `minLength`...: the limit.
    Size(Size, u64),
    /// ajv-formats' `formatMinimum`... on a `date` (0), `time` (1) or
    /// `date-time` (2): the limit is the string at this index of the
    /// node's document.
    FormatCompare(Cmp, u32, u8),
    /// `pattern`: `regexes[i]`.
    Pattern(u32),
    /// `format`: the interned format name.
    Format(u32),
    /// `uniqueItems: true`.
    UniqueItems,
    /// `required`: `lists[start..end]` in schema order, then the same
    /// names sorted (for lookup) in `lists[end..end + (end - start)]`.
    Required(u32, u32),
    /// `dependentRequired`: `deps[start..end]`.
    DependentRequired(u32, u32),
    /// `properties` (`props[a..b]`, sorted by name), `patternProperties`
    /// (`pats[c..d]`) and `additionalProperties` (a node or [`NONE`]).
    Props {
        props: u32,
        props_end: u32,
        pats: u32,
        pats_end: u32,
        additional: u32,
    },
    /// `propertyNames`.
    PropertyNames(u32),
    /// `dependentSchemas` (or `dependencies` with schemas): `dschemas[a..b]`.
    DependentSchemas(u32, u32),
    /// `prefixItems` (or array `items`): `kids[a..b]`; then `items` (or
    /// `additionalItems`): a node or [`NONE`]; `legacy` when the keyword
    /// is `additionalItems`.
    Items {
        prefix: u32,
        prefix_end: u32,
        rest: u32,
        legacy: bool,
    },
    /// `contains` with `minContains`/`maxContains` ([`NONE`] = no maximum);
    /// `explicit_min` when `minContains` was written; `marks` when the
    /// items it matches count as evaluated for `unevaluatedItems` (from
    /// 2020-12 on).
    Contains {
        node: u32,
        min: u32,
        max: u32,
        explicit_min: bool,
        marks: bool,
    },
    /// OpenAPI's `discriminator` beside `oneOf` (`one`) or `anyOf`
    /// (`kids[start..end]`): when the instance's `prop` member is a tag
    /// in `dschemas[map..map_end]` (tag name, node), only that node is
    /// evaluated (and its failures reported); otherwise the branches are.
    Discriminator {
        prop: u32,
        map: u32,
        map_end: u32,
        start: u32,
        end: u32,
        one: bool,
    },
    AllOf(u32, u32),
    AnyOf(u32, u32),
    OneOf(u32, u32),
    Not(u32),
    /// `if`/`then`/`else` (then/else may be [`NONE`]).
    If(u32, u32, u32),
    /// `$ref` (also `$dynamicRef` and `$recursiveRef` that resolve statically).
    Ref(u32),
    /// `$dynamicRef` to a `$dynamicAnchor` (or `$recursiveRef` to a
    /// `$recursiveAnchor`, as anchor name ""): the static target, and the
    /// interned anchor name to look for in the dynamic scope.
    DynamicRef(u32, u32),
    UnevaluatedProperties(u32),
    UnevaluatedItems(u32),
    /// Draft-07 content assertion: `contentEncoding: base64` (`base64`),
    /// `contentMediaType: application/json` (`json`).
    Content {
        base64: bool,
        json: bool,
    },
}

/// `type` bits.
pub(crate) const TYPE_NULL: u8 = 1;
pub(crate) const TYPE_BOOLEAN: u8 = 2;
pub(crate) const TYPE_OBJECT: u8 = 4;
pub(crate) const TYPE_ARRAY: u8 = 8;
pub(crate) const TYPE_NUMBER: u8 = 16;
pub(crate) const TYPE_STRING: u8 = 32;
pub(crate) const TYPE_INTEGER: u8 = 64;
/// Not a type: draft-04's `integer` excludes numbers written with a
/// fraction (`1.0`), which later drafts count as integers.
pub(crate) const TYPE_INT_NO_FRACTION: u8 = 128;

/// Type names in bit order.
pub(crate) const TYPE_NAMES: [&str; 7] = [
    "null", "boolean", "object", "array", "number", "string", "integer",
];

/// A `dependentRequired` entry: when `name` is present, `lists[start..end]`
/// must be.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Dep {
    pub name: u32,
    pub start: u32,
    pub end: u32,
}

/// The whole compiled schema.
#[derive(Debug, Default)]
pub(crate) struct Program {
    pub root: u32,
    pub nodes: Vec<Node>,
    pub ops: Vec<Op>,
    /// Child nodes of `allOf`, `anyOf`, `oneOf`, prefix items.
    pub kids: Vec<u32>,
    /// `(name, node)` of `properties`, sorted by name within each run.
    pub props: Vec<(u32, u32)>,
    /// Per `props` entry, its name's [`pack`]ed key (filled by
    /// [`Program::finish`]; derived, so not in program images).
    pub prop_keys: Vec<u64>,
    /// `(regex, node)` of `patternProperties`.
    pub pats: Vec<(u32, u32)>,
    /// `(name, node)` of `dependentSchemas`.
    pub dschemas: Vec<(u32, u32)>,
    pub deps: Vec<Dep>,
    /// Name lists (`required`, `dependentRequired`).
    pub lists: Vec<u32>,
    /// Interned strings.
    pub names: Vec<Box<str>>,
    pub divisors: Vec<Divisor>,
    pub regexes: Vec<Regex>,
    /// `(resource, anchor name, node)` of every `$dynamicAnchor` that a
    /// `$dynamicRef` may look for, indexed by resource and name.
    pub dynamic: Vec<(u32, u32, u32)>,
    pub dynamic_index: HashIndex,
    /// The schema documents, and the URI each was retrieved as ("" for
    /// the schema itself).
    pub docs: Vec<Arc<Document>>,
    pub doc_uris: Vec<Box<str>>,
}

impl Program {
    #[inline]
    pub(crate) fn node(&self, i: u32) -> Node {
        self.nodes.get(i as usize).copied().unwrap_or(Node {
            start: 0,
            end: 0,
            doc: 0,
            idx: 0,
            res: 0,
            title: NONE,
            flags: 0,
        })
    }

    #[inline]
    pub(crate) fn name(&self, i: u32) -> &str {
        self.names.get(i as usize).map(|s| &**s).unwrap_or("")
    }

    #[inline]
    pub(crate) fn kid(&self, i: u32) -> u32 {
        self.kids.get(i as usize).copied().unwrap_or(NONE)
    }

    #[inline]
    pub(crate) fn list(&self, i: u32) -> u32 {
        self.lists.get(i as usize).copied().unwrap_or(NONE)
    }

    /// The schema value a node was compiled from (or at `idx` in its document).
    pub(crate) fn value(&self, doc: u32, idx: u32) -> Option<Value<'_>> {
        self.docs.get(doc as usize)?.value_at(idx as usize)
    }

    /// Builds the lookup tables derived from the rest (after compiling or
    /// loading an image).
    pub(crate) fn finish(&mut self) {
        let keys = self
            .props
            .iter()
            .map(|&(n, _)| pack(self.name(n)))
            .collect();
        self.prop_keys = keys;
    }

    /// The node of `properties[name]` in `props[start..end]`.
    #[cfg_attr(fieldnote_speed, optimize(speed))]
    pub(crate) fn find_prop(&self, start: u32, end: u32, name: &str) -> Option<u32> {
        let range = start as usize..end as usize;
        let run = self.props.get(range.clone())?;
        let Some(keys) = self.prop_keys.get(range).filter(|k| k.len() == run.len()) else {
            return run
                .binary_search_by(|(n, _)| key_cmp(self.name(*n), name))
                .ok()
                .and_then(|i| run.get(i))
                .map(|(_, node)| *node);
        };
        // Binary search on packed keys: one integer comparison per step;
        // the names are compared only when the keys are equal.
        let q = pack(name);
        let (mut lo, mut hi) = (0, run.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let (Some(&k), Some(&(n, node))) = (keys.get(mid), run.get(mid)) else {
                return None;
            };
            // Equal keys of names up to 7 bytes long are equal names.
            let ord = k.cmp(&q);
            let ord = if ord.is_eq() && name.len() > 7 {
                key_cmp(self.name(n), name)
            } else {
                ord
            };
            match ord {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(node),
            }
        }
        None
    }

    /// The node of the `$dynamicAnchor` `name` in resource `res`.
    pub(crate) fn dynamic_anchor(&self, res: u32, name: u32) -> Option<u32> {
        if self.dynamic.is_empty() {
            return None;
        }
        let d = &self.dynamic;
        let i = self.dynamic_index.find(dyn_hash(res, name), &|i| {
            d.get(i as usize).is_some_and(|e| e.0 == res && e.1 == name)
        })?;
        self.dynamic.get(i as usize).map(|e| e.2)
    }

    pub(crate) fn add_dynamic(&mut self, res: u32, name: u32, node: u32) {
        self.dynamic_index
            .insert(dyn_hash(res, name), self.dynamic.len() as u32);
        self.dynamic.push((res, name, node));
    }
}

fn dyn_hash(res: u32, name: u32) -> u32 {
    res.wrapping_mul(0x9e37_79b9) ^ name.wrapping_mul(0x85eb_ca6b)
}

/// FNV-1a: the hash of interned names and URI indexes.
#[cfg(feature = "compiler")]
pub(crate) fn hash(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h
}

/// An open-addressing table from 32-bit hashes to entry ids. The caller
/// confirms a candidate by comparing the entry itself, so a collision costs
/// a comparison, never a wrong answer. Among equal entries the first added
/// is found first.
#[derive(Debug, Default)]
pub(crate) struct HashIndex {
    /// `(hash, id)`; id [`NONE`] is an empty slot.
    slots: Vec<(u32, u32)>,
    len: usize,
}

impl HashIndex {
    pub(crate) fn insert(&mut self, h: u32, id: u32) {
        if (self.len + 1) * 2 > self.slots.len() {
            let mut old: Vec<(u32, u32)> = std::mem::take(&mut self.slots)
                .into_iter()
                .filter(|e| e.1 != NONE)
                .map(|(h, id)| (id, h))
                .collect();
            // Re-insert in the order entries were added (ids grow).
            sort_pairs(&mut old, &|a, b| a < b);
            self.slots = vec![(0, NONE); (self.len * 4).max(16).next_power_of_two()];
            self.len = 0;
            for (id, h) in old {
                self.put(h, id);
            }
        }
        self.put(h, id);
    }

    fn put(&mut self, h: u32, id: u32) {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = h as usize & mask;
        while let Some(slot) = self.slots.get_mut(at) {
            if slot.1 == NONE {
                *slot = (h, id);
                self.len += 1;
                return;
            }
            at = (at + 1) & mask;
        }
    }

    /// The first id with hash `h` that `is` accepts.
    pub(crate) fn find(&self, h: u32, is: &dyn Fn(u32) -> bool) -> Option<u32> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = h as usize & mask;
        while let Some(&(eh, id)) = self.slots.get(at) {
            if id == NONE {
                return None;
            }
            if eh == h && is(id) {
                return Some(id);
            }
            at = (at + 1) & mask;
        }
        None
    }
}

/// A name's length and first 7 bytes in one integer, ordered as
/// [`key_cmp`] orders names whenever two keys differ (names of 255 bytes
/// or more all share one key, left to `key_cmp`).
#[inline]
pub(crate) fn pack(s: &str) -> u64 {
    let b = s.as_bytes();
    if b.len() >= 255 {
        return 0xff << 56;
    }
    let mut buf = [0u8; 8];
    let n = b.len().min(7);
    if let (Some(to), Some(from)) = (buf.get_mut(1..1 + n), b.get(..n)) {
        to.copy_from_slice(from);
    }
    u64::from_be_bytes(buf) | (b.len() as u64) << 56
}

/// The order of interned names in lookup tables: by length, then bytes.
/// Most comparisons are then one integer comparison; equal lengths take one
/// `memcmp`. Inlined: it is the inner loop of every property lookup.
#[inline(always)]
pub(crate) fn key_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.len()
        .cmp(&b.len())
        .then_with(|| a.as_bytes().cmp(b.as_bytes()))
}

/// The JSON Pointer (RFC 6901) from `root` to the value with tape index
/// `target`, or `None` if it is not inside `root`. Iterative: schema
/// documents are bounded in depth, but no recursion is needed anyway.
pub(crate) fn pointer_to(root: Value<'_>, target: usize) -> Option<String> {
    let mut out = String::new();
    let mut cur = root;
    let mut guard = 0u32;
    while cur.index_in_doc() != target {
        guard += 1;
        if guard > 100_000 || target < cur.index_in_doc() {
            return None;
        }
        let mut next: Option<(Value<'_>, Option<Value<'_>>, usize)> = None;
        match cur.kind() {
            crate::json::Kind::Object => {
                for (k, v) in cur.members_raw() {
                    if v.index_in_doc() <= target {
                        next = Some((v, Some(k), 0));
                    } else {
                        break;
                    }
                }
            }
            crate::json::Kind::Array => {
                for (i, v) in cur.items().enumerate() {
                    if v.index_in_doc() <= target {
                        next = Some((v, None, i));
                    } else {
                        break;
                    }
                }
            }
            _ => return None,
        }
        let (v, key, i) = next?;
        out.push('/');
        match key {
            Some(k) => {
                let k = k.as_str().unwrap_or_default();
                if k.contains(['~', '/']) {
                    out.push_str(&k.replace('~', "~0").replace('/', "~1"));
                } else {
                    out.push_str(&k);
                }
            }
            None => crate::json::write_u64(&mut out, i as u64),
        }
        cur = v;
    }
    Some(out)
}

/// Sorts `(key, value)` pairs with `less` on the keys: one heapsort shared
/// by every caller, instead of a standard-library sort instantiated per
/// element type and comparator (each costs kilobytes of wasm).
pub(crate) fn sort_pairs(v: &mut [(u32, u32)], less: &dyn Fn(u32, u32) -> bool) {
    fn sift(v: &mut [(u32, u32)], mut root: usize, end: usize, less: &dyn Fn(u32, u32) -> bool) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            let key = |i: usize| v.get(i).map(|p| p.0).unwrap_or(0);
            if child + 1 < end && less(key(child), key(child + 1)) {
                child += 1;
            }
            if !less(key(root), key(child)) {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    }
    let n = v.len();
    for start in (0..n / 2).rev() {
        sift(v, start, n, less);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end, less);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_index_finds_the_first_match() {
        let mut ix = HashIndex::default();
        assert_eq!(ix.find(1, &|_| true), None);
        for id in 0..1000u32 {
            ix.insert(id % 7, id);
        }
        assert_eq!(ix.find(3, &|_| true), Some(3));
        assert_eq!(ix.find(3, &|id| id > 500), Some(507));
        assert_eq!(ix.find(9, &|_| true), None);
    }

    #[test]
    fn packed_keys_order_names_as_key_cmp_does() {
        let long_a = "a".repeat(300);
        let long_b = "b".repeat(256);
        let names = [
            "", "a", "b", "ab", "ba", "abcdefg", "abcdefh", "abcdefgh", "abcdefgi", "zip", "é",
            "line1", "line2", &long_a, &long_b,
        ];
        for a in names {
            for b in names {
                let (ka, kb) = (pack(a), pack(b));
                if ka != kb {
                    assert_eq!(ka.cmp(&kb), key_cmp(a, b), "{a:?} {b:?}");
                }
            }
        }
        let mut p = Program::default();
        let mut sorted: Vec<&str> = names.to_vec();
        sorted.sort_by(|a, b| key_cmp(a, b));
        for (i, n) in sorted.iter().enumerate() {
            p.names.push((*n).into());
            p.props.push((i as u32, 100 + i as u32));
        }
        let end = p.props.len() as u32;
        let before: Vec<_> = sorted.iter().map(|n| p.find_prop(0, end, n)).collect();
        p.finish();
        for (i, n) in sorted.iter().enumerate() {
            assert_eq!(p.find_prop(0, end, n), Some(100 + i as u32), "{n:?}");
            assert_eq!(before[i], Some(100 + i as u32));
        }
        for missing in ["c", "abcdefgj", "line3", &"a".repeat(299)] {
            assert_eq!(p.find_prop(0, end, missing), None);
        }
    }

    #[test]
    fn sorts_pairs() {
        let mut v: Vec<(u32, u32)> = [5, 3, 9, 1, 3, 0, 7].iter().map(|&k| (k, k * 10)).collect();
        sort_pairs(&mut v, &|a, b| a < b);
        assert_eq!(
            v.iter().map(|p| p.0).collect::<Vec<_>>(),
            [0, 1, 3, 3, 5, 7, 9]
        );
        assert!(v.iter().all(|p| p.1 == p.0 * 10));
        let mut e: Vec<(u32, u32)> = Vec::new();
        sort_pairs(&mut e, &|a, b| a < b);
    }
}
