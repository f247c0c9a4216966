//! Strict mode ([`super::Options::strict`]): the mistakes Ajv's strict mode
//! catches, refused at compile time with the JSON Pointer of the place.
//!
//! The specification says unknown keywords are ignored; that is also how a
//! typo (`requried`) silently turns a check off. Strict mode refuses:
//! - unknown keywords (including those of another draft, with the nearest
//!   known keyword suggested) and unknown formats (when formats are
//!   asserted);
//! - keywords the specification says to ignore: `additionalItems` without
//!   an array `items`, `then`/`else` without `if`, `if` without either,
//!   `minContains`/`maxContains` without `contains`;
//! - `required` naming a property that neither `properties` nor
//!   `patternProperties` allows when `additionalProperties` is `false`;
//! - a `patternProperties` pattern that matches a name in `properties`;
//! - tuples with no size bound (`items`/`prefixItems` lists without
//!   `minItems` and without `maxItems` or closed extra items);
//! - union types (`"type": ["string", "number"]`; a type and `null` is
//!   fine) and keywords for a type the schema does not declare
//!   (`properties` without `"type": "object"` here or in a parent
//!   schema at the same place in the instance, not via `$ref`).
//!
//! It only reads the schema documents; nothing of it runs during
//! validation, so a runtime-only build can leave it out.

use super::index::{error, holds, Catalog, Holds};
use super::{meta, CompileError, Draft, Options};
use crate::json::{Kind, Value};

const T_OBJECT: u8 = 1;
const T_ARRAY: u8 = 2;
const T_STRING: u8 = 4;
const T_NUMBER: u8 = 8;
const T_OTHER: u8 = 16;
/// No `type` known at this place.
const T_ANY: u8 = 0xff;

/// Keywords of every draft (annotations included), and of the vocabularies
/// fieldnote understands (ajv-errors, ajv-formats).
const COMMON: &[&str] = &[
    "$schema",
    "$ref",
    "$defs",
    "definitions",
    "title",
    "description",
    "default",
    "type",
    "enum",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "items",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "required",
    "properties",
    "patternProperties",
    "additionalProperties",
    "dependencies",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "format",
    "errorMessage",
    "formatMinimum",
    "formatMaximum",
    "formatExclusiveMinimum",
    "formatExclusiveMaximum",
];
/// Keywords added by draft-06 and draft-07 (and kept since).
const SINCE_6: &[&str] = &["$id", "const", "contains", "propertyNames", "examples"];
const SINCE_7: &[&str] = &[
    "$comment",
    "if",
    "then",
    "else",
    "readOnly",
    "writeOnly",
    "contentEncoding",
    "contentMediaType",
];
const SINCE_2019: &[&str] = &[
    "$anchor",
    "$vocabulary",
    "dependentRequired",
    "dependentSchemas",
    "minContains",
    "maxContains",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
    "deprecated",
];
/// OpenAPI's schema object keywords (3.0 and the 3.1 dialect).
const OPENAPI: &[&str] = &[
    "readOnly",
    "writeOnly",
    "deprecated",
    "nullable",
    "discriminator",
    "xml",
    "externalDocs",
    "example",
];

fn known_in(k: &str, draft: Draft, openapi: bool) -> bool {
    let is = |list: &[&str]| list.contains(&k);
    is(COMMON)
        || (draft == Draft::Draft4 && k == "id")
        || (draft >= Draft::Draft6 && is(SINCE_6))
        || (draft >= Draft::Draft7 && is(SINCE_7))
        || (draft >= Draft::Draft2019_09 && is(SINCE_2019))
        || (draft == Draft::Draft2019_09 && matches!(k, "$recursiveRef" | "$recursiveAnchor"))
        || (draft != Draft::Draft2020_12 && k == "additionalItems")
        || (draft == Draft::Draft2020_12
            && matches!(k, "$dynamicRef" | "$dynamicAnchor" | "prefixItems"))
        || (openapi && is(OPENAPI))
}

/// The known keyword nearest to `k` (at most two edits away), for "did
/// you mean".
fn nearest(k: &str, draft: Draft, openapi: bool) -> Option<&'static str> {
    let all = [COMMON, SINCE_6, SINCE_7, SINCE_2019, OPENAPI];
    let mut best: Option<(usize, &'static str)> = None;
    for &cand in all.iter().flat_map(|l| l.iter()) {
        if !known_in(cand, draft, openapi) {
            continue;
        }
        let d = distance(k, cand);
        if d <= 2 && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, cand));
        }
    }
    best.map(|b| b.1)
}

/// Optimal string alignment distance (adjacent swaps count one), on short
/// keyword names only.
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 2 || a.len() > 64 || b.len() > 64 {
        return usize::MAX;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    let at = |i: usize, j: usize| i * w + j;
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            let v = if i == 0 || j == 0 {
                i + j
            } else {
                let ca = a.get(i - 1);
                let cb = b.get(j - 1);
                let cost = usize::from(ca != cb);
                let get = |x: usize| d.get(x).copied().unwrap_or(usize::MAX - 2);
                let mut v = (get(at(i - 1, j)) + 1)
                    .min(get(at(i, j - 1)) + 1)
                    .min(get(at(i - 1, j - 1)) + cost);
                if i > 1 && j > 1 && ca == b.get(j - 2) && a.get(i - 2) == cb {
                    v = v.min(get(at(i - 2, j - 2)) + 1);
                }
                v
            };
            if let Some(x) = d.get_mut(at(i, j)) {
                *x = v;
            }
        }
    }
    d.get(at(a.len(), b.len())).copied().unwrap_or(usize::MAX)
}

/// The type a keyword applies to (0: any).
fn applies_to(k: &str) -> u8 {
    match k {
        "properties"
        | "patternProperties"
        | "additionalProperties"
        | "required"
        | "minProperties"
        | "maxProperties"
        | "propertyNames"
        | "dependencies"
        | "dependentRequired"
        | "dependentSchemas"
        | "unevaluatedProperties" => T_OBJECT,
        "items" | "prefixItems" | "additionalItems" | "minItems" | "maxItems" | "uniqueItems"
        | "contains" | "minContains" | "maxContains" | "unevaluatedItems" => T_ARRAY,
        "minLength" | "maxLength" | "pattern" | "contentEncoding" | "contentMediaType" => T_STRING,
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => T_NUMBER,
        _ => 0,
    }
}

fn type_bits(name: &str) -> u8 {
    match name {
        "object" => T_OBJECT,
        "array" => T_ARRAY,
        "string" => T_STRING,
        "number" | "integer" => T_NUMBER,
        _ => T_OTHER,
    }
}

fn type_name(bit: u8) -> &'static str {
    match bit {
        T_OBJECT => "object",
        T_ARRAY => "array",
        T_STRING => "string",
        _ => "number",
    }
}

/// Keywords whose subschemas apply at the same place in the instance (so
/// a `type` above them still holds).
fn same_place(k: &str) -> bool {
    matches!(
        k,
        "allOf"
            | "anyOf"
            | "oneOf"
            | "not"
            | "if"
            | "then"
            | "else"
            | "dependentSchemas"
            | "dependencies"
    )
}

/// Checks every schema document of `cat` except the built-in metaschemas.
/// `openapi`: the OpenAPI document and the schema selected in it; there
/// only that schema and the schemas of `components` are checked.
pub(crate) fn check(
    cat: &Catalog<'_>,
    opts: &Options,
    openapi: Option<(u32, u32)>,
) -> Result<(), CompileError> {
    for (doc, d) in cat.docs.iter().enumerate() {
        let builtin = cat
            .doc_uris
            .get(doc)
            .is_some_and(|u| !u.is_empty() && meta::lookup(u).is_some());
        if builtin {
            continue;
        }
        let doc = doc as u32;
        let mut stack: Vec<(Value<'_>, u8)> = Vec::new();
        match openapi {
            Some((api_doc, at)) if api_doc == doc => {
                stack.extend(d.value_at(at as usize).map(|v| (v, T_ANY)));
                if let Some(all) = d.root().get("components").and_then(|c| c.get("schemas")) {
                    stack.extend(all.members().map(|(_, v)| (v, T_ANY)));
                }
            }
            _ => stack.push((d.root(), T_ANY)),
        }
        let openapi = openapi.is_some();
        while let Some((v, inherited)) = stack.pop() {
            if v.kind() != Kind::Object {
                continue;
            }
            let draft = cat.dialect_at(doc, v.index_in_doc() as u32).draft;
            let here = node(cat, doc, v, draft, inherited, opts, openapi)?;
            for (k, child) in v.members() {
                let Some(h) = holds(&k, draft) else {
                    continue;
                };
                let t = if same_place(&k) { here } else { T_ANY };
                match (h, child.kind()) {
                    (Holds::One | Holds::OneOrList, Kind::Object) => stack.push((child, t)),
                    (Holds::List | Holds::OneOrList, Kind::Array) => {
                        stack.extend(child.items().map(|c| (c, t)))
                    }
                    (Holds::Map | Holds::MapMaybe, Kind::Object) => {
                        stack.extend(child.members().map(|(_, c)| (c, t)))
                    }
                    _ => {}
                }
            }
        }
    }
    Ok(())
}

/// Checks one schema object; returns the types known at its place.
fn node(
    cat: &Catalog<'_>,
    doc: u32,
    v: Value<'_>,
    draft: Draft,
    inherited: u8,
    opts: &Options,
    openapi: bool,
) -> Result<u8, CompileError> {
    let at = |k: &str| {
        let mut loc = cat.location(doc, v.index_in_doc() as u32);
        loc.push('/');
        loc.push_str(&k.replace('~', "~0").replace('/', "~1"));
        loc
    };
    let fail = |k: &str, reason: &str| Err(error(at(k), k, reason));
    let has = |k: &str| v.get(k).is_some();
    // Before 2019-09 `$ref` overrides its siblings: they are not read.
    if draft.legacy() && has("$ref") {
        return Ok(T_ANY);
    }
    // `type` first: the other keywords are judged against it.
    let mut types = inherited;
    if let Some(t) = v.get("type") {
        let mut bits = 0u8;
        let mut named = 0;
        match t.kind() {
            Kind::String => bits = type_bits(&t.as_str().unwrap_or_default()),
            _ => {
                for n in t.items() {
                    let n = n.as_str().unwrap_or_default();
                    bits |= type_bits(&n);
                    named += usize::from(n != "null");
                }
            }
        }
        if named > 1 {
            return fail(
                "type",
                "more than one type besides null (strict mode); use anyOf with one type in each branch",
            );
        }
        if openapi && v.get("nullable").and_then(|n| n.as_bool()) == Some(true) {
            bits |= T_OTHER;
        }
        types = bits;
    }
    for (k, kv) in v.members() {
        let k: &str = &k;
        if !known_in(k, draft, openapi) {
            let mut m = String::from("unknown keyword (strict mode)");
            if let Some(n) = nearest(k, draft, openapi) {
                m.push_str("; did you mean \"");
                m.push_str(n);
                m.push_str("\"?");
            }
            return fail(k, &m);
        }
        let need = applies_to(k);
        if need != 0 && (types == T_ANY || types & need == 0) {
            let mut m = String::from("applies only to ");
            m.push_str(type_name(need));
            m.push_str("s, but the schema does not say \"type\": \"");
            m.push_str(type_name(need));
            m.push_str("\" (strict mode)");
            return fail(k, &m);
        }
        if k == "format" && (opts.formats || openapi) {
            if let Some(name) = kv.as_str() {
                if crate::format::check(&name, "").is_none() && !(openapi && openapi_format(&name))
                {
                    let mut m = String::from("unknown format \"");
                    m.push_str(&crate::messages::truncate(&name, 60));
                    m.push_str("\" (strict mode)");
                    return fail(k, &m);
                }
            }
        }
    }
    let array_items = v.get("items").is_some_and(|i| i.kind() == Kind::Array);
    if has("additionalItems") && !array_items {
        return fail(
            "additionalItems",
            "ignored without an array \"items\" (strict mode)",
        );
    }
    for k in ["then", "else"] {
        if has(k) && !has("if") {
            return fail(k, "ignored without \"if\" (strict mode)");
        }
    }
    if has("if") && !has("then") && !has("else") {
        return fail("if", "ignored without \"then\" or \"else\" (strict mode)");
    }
    for k in ["minContains", "maxContains"] {
        if has(k) && !has("contains") {
            return fail(k, "ignored without \"contains\" (strict mode)");
        }
    }
    // Tuples: a list of item schemas with no bound on the count.
    let tuple = if draft == Draft::Draft2020_12 {
        v.get("prefixItems").map(|p| ("prefixItems", p, "items"))
    } else if array_items {
        v.get("items").map(|p| ("items", p, "additionalItems"))
    } else {
        None
    };
    if let Some((k, list, rest)) = tuple {
        let closed = v.get(rest).and_then(|r| r.as_bool()) == Some(false) || has("maxItems");
        let min_ok = v
            .get("minItems")
            .and_then(|m| m.as_f64())
            .is_some_and(|m| m >= list.len() as f64);
        if !closed || !min_ok {
            let mut m = String::from("a tuple of ");
            crate::json::write_u64(&mut m, list.len() as u64);
            m.push_str(" items needs \"minItems\": ");
            crate::json::write_u64(&mut m, list.len() as u64);
            m.push_str(" and \"");
            m.push_str(rest);
            m.push_str("\": false or \"maxItems\" (strict mode)");
            return fail(k, &m);
        }
    }
    let props = v.get("properties").filter(|p| p.kind() == Kind::Object);
    let pats: Vec<(std::borrow::Cow<'_, str>, crate::regex::Regex)> = v
        .get("patternProperties")
        .map(|p| {
            p.members()
                .filter_map(|(src, _)| {
                    let re = crate::regex::Regex::new(&src).ok()?;
                    Some((src, re))
                })
                .collect()
        })
        .unwrap_or_default();
    if let Some(props) = props {
        for (name, _) in props.members() {
            if let Some((src, _)) = pats.iter().find(|(_, re)| re.is_match(&name) == Ok(true)) {
                let mut m = String::from("the pattern \"");
                m.push_str(&crate::messages::truncate(src, 60));
                m.push_str("\" also matches the property \"");
                m.push_str(&crate::messages::truncate(&name, 60));
                m.push_str("\" of \"properties\" (strict mode)");
                return fail("patternProperties", &m);
            }
        }
    }
    let closed = v.get("additionalProperties").and_then(|a| a.as_bool()) == Some(false);
    if let (true, Some(req)) = (closed, v.get("required")) {
        for (i, name) in req.items().enumerate() {
            let Some(name) = name.as_str() else {
                continue;
            };
            let defined = props.is_some_and(|p| p.get(&name).is_some())
                || pats.iter().any(|(_, re)| re.is_match(&name) == Ok(true));
            if !defined {
                let mut loc = at("required");
                loc.push('/');
                crate::json::write_u64(&mut loc, i as u64);
                let mut m = String::from("\"");
                m.push_str(&crate::messages::truncate(&name, 60));
                m.push_str(
                    "\" is required but \"properties\" does not define it and \"additionalProperties\" is false, so no value can pass (strict mode)",
                );
                return Err(error(loc, "required", &m));
            }
        }
    }
    Ok(types)
}

/// Formats OpenAPI names beside JSON Schema's (annotations there).
fn openapi_format(name: &str) -> bool {
    matches!(
        name,
        "int32" | "int64" | "float" | "double" | "byte" | "binary" | "password"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("requried", "required"), 1);
        assert_eq!(distance("minLenght", "minLength"), 1);
        assert_eq!(distance("propertis", "properties"), 1);
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("x", "xyzw"), usize::MAX);
        assert_eq!(
            nearest("requried", Draft::Draft2020_12, false),
            Some("required")
        );
        assert_eq!(nearest("zzzzzz", Draft::Draft2020_12, false), None);
    }
}
