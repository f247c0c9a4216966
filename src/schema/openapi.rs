//! OpenAPI 3.0 and 3.1 documents: which schema object to compile, and in
//! which dialect.
//!
//! A form is often built from an API's OpenAPI document: the schema is
//! picked by JSON Pointer (`#/components/schemas/Signup`) or as the
//! request body of an operation (`operationId`). The whole document is the
//! schema document, so `$ref`s into `components` resolve as they are.
//!
//! - 3.1: JSON Schema 2020-12 (or the document's `jsonSchemaDialect`),
//!   plus the OAS vocabulary (`discriminator`, `xml`, `externalDocs`,
//!   `example`).
//! - 3.0: draft-04's rules (boolean `exclusiveMaximum`, `$ref` replaces
//!   its siblings) plus `nullable`, and the OAS keywords.
//!
//! For both, [`compile`](super::compile) also honours `discriminator` (a
//! failing `oneOf`/`anyOf` is reported for the branch the tag names) and
//! treats the schema as a request: `readOnly` properties are not required.
//! Nothing here runs during validation.

use super::index::error;
use super::{CompileError, Draft};
use crate::json::{Document, Kind, Value};

/// Which schema object of an OpenAPI document to compile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selector<'a> {
    /// A JSON Pointer into the document, as a fragment
    /// (`#/components/schemas/Signup`) or bare (`/components/...`).
    Ref(&'a str),
    /// The request body schema of the operation with this `operationId`
    /// (its `application/json` content, else a `+json`, form or multipart
    /// one, else the first).
    OperationId(&'a str),
}

/// What the compiler must know about an OpenAPI document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct OpenApi {
    /// OpenAPI 3.0 (`nullable`, draft-04's rules), not 3.1.
    pub v30: bool,
}

/// The HTTP methods an OpenAPI path item may hold.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn fail(location: &str, what: &str, reason: &str) -> CompileError {
    error(location.into(), what, reason)
}

/// RFC 6901 escaping of one pointer token.
fn push_token(out: &mut String, t: &str) {
    out.push('/');
    out.push_str(&t.replace('~', "~0").replace('/', "~1"));
}

/// Follows `$ref`s that stay inside the document (`#/...`), a few hops at
/// most, returning the value and its pointer.
fn deref<'d>(doc: &'d Document, mut v: Value<'d>, mut ptr: String) -> Option<(Value<'d>, String)> {
    for _ in 0..8 {
        let Some(r) = v.get("$ref").and_then(|r| r.as_str()) else {
            return Some((v, ptr));
        };
        let p = r.strip_prefix('#')?;
        let p = super::uri::percent_decode(p).into_owned();
        v = pointer(doc, &p)?;
        ptr = p;
    }
    None
}

/// The value at a JSON Pointer.
fn pointer<'d>(doc: &'d Document, ptr: &str) -> Option<Value<'d>> {
    let mut cur = doc.root();
    if ptr.is_empty() {
        return Some(cur);
    }
    for raw in ptr.strip_prefix('/')?.split('/') {
        let t = raw.replace("~1", "/").replace("~0", "~");
        cur = match cur.kind() {
            Kind::Object => cur.get(&t)?,
            Kind::Array => cur.at(t.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// The OpenAPI version and default draft of `doc`, and the JSON Pointer
/// of the schema `sel` names.
pub(crate) fn locate(
    doc: &Document,
    sel: &Selector<'_>,
) -> Result<(String, OpenApi, Draft), CompileError> {
    let root = doc.root();
    let version = root
        .get("openapi")
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    let api = if version.starts_with("3.0") {
        OpenApi { v30: true }
    } else if version.starts_with("3.1") {
        OpenApi { v30: false }
    } else {
        let reason = if root.get("swagger").is_some() {
            "Swagger 2.0 documents are not supported; convert it to OpenAPI 3"
        } else {
            "expected \"openapi\": \"3.0.x\" or \"3.1.x\""
        };
        return Err(fail("/openapi", "openapi", reason));
    };
    let draft = if api.v30 {
        Draft::Draft4
    } else {
        match root.get("jsonSchemaDialect").and_then(|d| d.as_str()) {
            Some(d) => match d.trim_end_matches('#') {
                "http://json-schema.org/draft-07/schema" => Draft::Draft7,
                "https://json-schema.org/draft/2019-09/schema" => Draft::Draft2019_09,
                _ => Draft::Draft2020_12,
            },
            None => Draft::Draft2020_12,
        }
    };
    let ptr = match *sel {
        Selector::Ref(r) => {
            let p = r.strip_prefix('#').unwrap_or(r);
            let p = super::uri::percent_decode(p).into_owned();
            if pointer(doc, &p).is_none() || !(p.is_empty() || p.starts_with('/')) {
                let mut m = String::from("no schema at '");
                m.push_str(&crate::messages::truncate(r, 200));
                m.push_str("' in the document");
                return Err(fail(&p, "ref", &m));
            }
            p
        }
        Selector::OperationId(id) => request_body(doc, id)?,
    };
    Ok((ptr, api, draft))
}

/// The pointer of the request body schema of operation `id`.
fn request_body(doc: &Document, id: &str) -> Result<String, CompileError> {
    let root = doc.root();
    let mut found = None;
    for section in ["paths", "webhooks"] {
        let Some(paths) = root.get(section) else {
            continue;
        };
        for (path, item) in paths.members() {
            for m in METHODS {
                let Some(op) = item.get(m) else { continue };
                if op.get("operationId").and_then(|o| o.as_str()).as_deref() == Some(id) {
                    let mut p = String::new();
                    push_token(&mut p, section);
                    push_token(&mut p, &path);
                    push_token(&mut p, m);
                    found = Some((op, p));
                }
            }
        }
    }
    let Some((op, mut ptr)) = found else {
        let mut m = String::from("no operation has operationId '");
        m.push_str(&crate::messages::truncate(id, 200));
        m.push('\'');
        return Err(fail("", "operationId", &m));
    };
    let missing = |ptr: &str| {
        let mut m = String::from("the operation '");
        m.push_str(&crate::messages::truncate(id, 200));
        m.push_str("' has no request body schema");
        fail(ptr, "operationId", &m)
    };
    let Some(body) = op.get("requestBody") else {
        return Err(missing(&ptr));
    };
    push_token(&mut ptr, "requestBody");
    let (body, mut ptr) = deref(doc, body, ptr.clone()).ok_or_else(|| missing(&ptr))?;
    let Some(content) = body.get("content").filter(|c| c.kind() == Kind::Object) else {
        return Err(missing(&ptr));
    };
    push_token(&mut ptr, "content");
    let types: Vec<_> = content.members().collect();
    let rank = |t: &str| {
        let t = t
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if t == "application/json" {
            0
        } else if t.ends_with("+json") || t.ends_with("/json") {
            1
        } else if t == "application/x-www-form-urlencoded" || t == "multipart/form-data" {
            2
        } else {
            3
        }
    };
    let best = types
        .iter()
        .filter(|(_, media)| media.get("schema").is_some())
        .min_by_key(|(t, _)| rank(t));
    let Some((t, _)) = best else {
        return Err(missing(&ptr));
    };
    push_token(&mut ptr, t);
    push_token(&mut ptr, "schema");
    Ok(ptr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_and_selection() {
        let d = Document::parse(
            r##"{"openapi":"3.0.3","paths":{"/a/b":{"post":{"operationId":"make",
                "requestBody":{"$ref":"#/components/requestBodies/B"}}},
                "/c":{"get":{"operationId":"list"}}},
              "components":{"requestBodies":{"B":{"content":{
                "text/plain":{"schema":{"type":"string"}},
                "application/json; charset=utf-8":{"schema":{"type":"object"}}}}}}}"##,
        )
        .unwrap();
        let (p, api, draft) = locate(&d, &Selector::OperationId("make")).unwrap();
        assert_eq!(
            p,
            "/components/requestBodies/B/content/application~1json; charset=utf-8/schema"
        );
        assert!(api.v30);
        assert_eq!(draft, Draft::Draft4);
        let e = locate(&d, &Selector::OperationId("list")).unwrap_err();
        assert_eq!(
            e.message,
            "operationId at /paths/~1c/get: the operation 'list' has no request body schema"
        );
        let e = locate(&d, &Selector::OperationId("nope")).unwrap_err();
        assert_eq!(
            e.message,
            "operationId at the root: no operation has operationId 'nope'"
        );
        let e = locate(&d, &Selector::Ref("#/components/schemas/X")).unwrap_err();
        assert!(e.message.contains("no schema at '#/components/schemas/X'"));
        let d = Document::parse(r#"{"swagger":"2.0"}"#).unwrap();
        assert!(locate(&d, &Selector::Ref("#"))
            .unwrap_err()
            .message
            .contains("Swagger 2.0"));
    }
}
