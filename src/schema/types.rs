//! Which JSON types a schema allows at an instance path: lets a form turn
//! the text people type into what the schema expects (`"12"` → 12).
//!
//! From the root, each path segment moves through `properties`,
//! `patternProperties`, `additionalProperties`, `prefixItems`/`items`;
//! at each step the set of applicable subschemas grows through `$ref`,
//! `$dynamicRef` (its static target) and `allOf`, which all apply in
//! place. The answer is what every `type` (or `const`/`enum`) among them
//! allows. `anyOf`, `oneOf` and `if` are not followed: they do not say
//! what always applies.

use super::program::*;
use crate::json::{Kind, Value};

/// Most subschemas one lookup visits (in-place applicators can fan out).
const MAX_VISIT: usize = 4096;

/// The type bits allowed at `path` (canonical dotted), or `None` when the
/// schema does not constrain the type there or the path leads nowhere.
/// `number` includes the `integer` bit.
pub(crate) fn type_at(p: &Program, path: &str) -> Option<u8> {
    let mut set = vec![p.root];
    expand(p, &mut set);
    if !path.is_empty() {
        for seg in path.split('.') {
            let mut next = Vec::new();
            for &n in &set {
                step(p, n, seg, &mut next);
            }
            if next.is_empty() {
                return None;
            }
            set = next;
            expand(p, &mut set);
        }
    }
    allowed(p, &set)
}

/// The type names of `bits`, most specific first: `integer` or `number`,
/// `string`, `boolean`, `array`, `object`, `null`.
pub(crate) fn names(bits: u8) -> Vec<&'static str> {
    let mut out = Vec::new();
    if bits & TYPE_NUMBER != 0 {
        out.push("number");
    } else if bits & TYPE_INTEGER != 0 {
        out.push("integer");
    }
    for (bit, name) in [
        (TYPE_STRING, "string"),
        (TYPE_BOOLEAN, "boolean"),
        (TYPE_ARRAY, "array"),
        (TYPE_OBJECT, "object"),
        (TYPE_NULL, "null"),
    ] {
        if bits & bit != 0 {
            out.push(name);
        }
    }
    out
}

fn push_new(set: &mut Vec<u32>, n: u32) {
    if n != NONE && set.len() < MAX_VISIT && !set.contains(&n) {
        set.push(n);
    }
}

fn ops(p: &Program, n: u32) -> &[Op] {
    let nd = p.node(n);
    p.ops.get(nd.start as usize..nd.end as usize).unwrap_or(&[])
}

/// Adds the subschemas that apply in place (`$ref`, `allOf`).
fn expand(p: &Program, set: &mut Vec<u32>) {
    let mut i = 0;
    while let Some(&n) = set.get(i) {
        i += 1;
        for op in ops(p, n) {
            match *op {
                Op::Ref(t) | Op::DynamicRef(t, _) => push_new(set, t),
                Op::AllOf(s, e) => {
                    for k in s..e {
                        push_new(set, p.kid(k));
                    }
                }
                _ => {}
            }
        }
    }
}

/// The subschemas of node `n` that apply to the member or item `seg`.
fn step(p: &Program, n: u32, seg: &str, out: &mut Vec<u32>) {
    for op in ops(p, n) {
        match *op {
            Op::Props {
                props,
                props_end,
                pats,
                pats_end,
                additional,
            } => {
                let mut matched = false;
                if let Some(c) = p.find_prop(props, props_end, seg) {
                    matched = true;
                    push_new(out, c);
                }
                for q in pats..pats_end {
                    let Some(&(r, c)) = p.pats.get(q as usize) else {
                        break;
                    };
                    if let Some(Ok(true)) = p.regexes.get(r as usize).map(|re| re.is_match(seg)) {
                        matched = true;
                        push_new(out, c);
                    }
                }
                if !matched {
                    push_new(out, additional);
                }
            }
            Op::Items {
                prefix,
                prefix_end,
                rest,
                ..
            } if crate::paths::is_index(seg) => {
                let i = seg.parse::<u32>().unwrap_or(u32::MAX);
                let np = prefix_end.saturating_sub(prefix);
                if i < np {
                    push_new(out, p.kid(prefix + i));
                } else {
                    push_new(out, rest);
                }
            }
            _ => {}
        }
    }
}

/// The type bits of a JSON value (`const`, `enum` members).
fn bit_of(v: Value<'_>) -> u8 {
    match v.kind() {
        Kind::Null => TYPE_NULL,
        Kind::Bool => TYPE_BOOLEAN,
        Kind::Object => TYPE_OBJECT,
        Kind::Array => TYPE_ARRAY,
        Kind::String => TYPE_STRING,
        Kind::Number if v.is_integer() => TYPE_INTEGER,
        Kind::Number => TYPE_NUMBER | TYPE_INTEGER,
    }
}

/// What every subschema of `set` allows, if any of them constrains it.
fn allowed(p: &Program, set: &[u32]) -> Option<u8> {
    let mut bits = u8::MAX;
    let mut constrained = false;
    for &n in set {
        if p.node(n).flags & F_FALSE != 0 {
            return None;
        }
        let doc = p.node(n).doc;
        for op in ops(p, n) {
            let b = match *op {
                // `number` allows integers too.
                Op::Type(b) if b & TYPE_NUMBER != 0 => b | TYPE_INTEGER,
                Op::Type(b) => b,
                Op::Const(idx) => p.value(doc, idx).map(bit_of).unwrap_or(u8::MAX),
                Op::Enum(idx) => p
                    .value(doc, idx)
                    .map(|e| e.items().fold(0, |acc, v| acc | bit_of(v)))
                    .unwrap_or(u8::MAX),
                _ => continue,
            };
            bits &= b;
            constrained = true;
        }
    }
    (constrained && bits != 0).then_some(bits)
}
