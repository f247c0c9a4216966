//! Finds what `$ref` can point at: schema resources (document roots and
//! subschemas with `$id`), `$anchor`s and `$dynamicAnchor`s, and the
//! dialect (draft and vocabularies) of each resource.
//!
//! Only known subschema locations are searched, as the specification
//! requires: an `$id` inside `const`, `enum` or an unknown keyword is not
//! an identifier. Documents are searched without recursion.

use std::sync::Arc;

use super::program::{hash, pointer_to, HashIndex, NONE};
use super::{meta, uri, CompileError, Draft, Registry};
use crate::json::{Document, Kind, Value};

/// Vocabulary bits.
pub(crate) const VOC_APPLICATOR: u8 = 1;
pub(crate) const VOC_UNEVALUATED: u8 = 2;
pub(crate) const VOC_VALIDATION: u8 = 4;
pub(crate) const VOC_FORMAT_ASSERTION: u8 = 8;
const VOC_DEFAULT: u8 = VOC_APPLICATOR | VOC_UNEVALUATED | VOC_VALIDATION;

/// A draft plus the vocabularies its metaschema enables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Dialect {
    pub draft: Draft,
    pub vocab: u8,
}

impl Dialect {
    pub(crate) fn of(draft: Draft) -> Dialect {
        Dialect {
            draft,
            vocab: VOC_DEFAULT,
        }
    }

    pub(crate) fn has(&self, v: u8) -> bool {
        self.vocab & v != 0
    }
}

/// The base URI of the schema itself when it has no `$id`.
pub(crate) const DEFAULT_BASE: &str = "fieldnote:/schema.json";
const DEFAULT_SCHEME: &str = "fieldnote:";

pub(crate) struct Res {
    pub uri: Box<str>,
    pub doc: u32,
    pub idx: u32,
    pub dialect: Dialect,
}

pub(crate) struct Anchor {
    pub res: u32,
    pub name: Box<str>,
    pub idx: u32,
    pub dynamic: bool,
}

/// A resolved reference: where the target is and which resource it is in.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Target {
    pub doc: u32,
    pub idx: u32,
    pub res: u32,
    /// The target was named by a `$dynamicAnchor`.
    pub dynamic: bool,
}

pub(crate) struct Catalog<'r> {
    registry: &'r Registry,
    pub default: Dialect,
    pub docs: Vec<Arc<Document>>,
    pub doc_uris: Vec<Box<str>>,
    pub res: Vec<Res>,
    pub anchors: Vec<Anchor>,
    /// `res` by URI, `anchors` by resource and name (linear scans would
    /// make hostile schemas with many `$id`s quadratic to compile).
    res_index: HashIndex,
    anchor_index: HashIndex,
    /// Per resource: its `$dynamicAnchor`s (indices into `anchors`).
    pub dynamic_by_res: Vec<Vec<u32>>,
    /// Per document: value index → resource of the schema there ([`NONE`]
    /// where no schema was found by the search).
    loc_res: Vec<Vec<u32>>,
    all_registry_loaded: bool,
    /// Documents being searched right now (a `$schema` can load another
    /// document while one is searched); bounded so that chains of
    /// metaschemas cannot exhaust the stack.
    loading: u32,
}

/// How a keyword holds subschemas.
pub(crate) enum Holds {
    One,
    Map,
    List,
    /// `items`: one schema or (before 2020-12) a list.
    OneOrList,
    /// `dependencies`: a map whose values are schemas or name lists.
    MapMaybe,
}

pub(crate) fn holds(key: &str, draft: Draft) -> Option<Holds> {
    let modern = !draft.legacy();
    Some(match key {
        "additionalProperties" | "not" => Holds::One,
        "propertyNames" | "contains" if draft >= Draft::Draft6 => Holds::One,
        "if" | "then" | "else" if draft >= Draft::Draft7 => Holds::One,
        "unevaluatedItems" | "unevaluatedProperties" | "contentSchema" if modern => Holds::One,
        "additionalItems" if draft != Draft::Draft2020_12 => Holds::One,
        "items" if draft == Draft::Draft2020_12 => Holds::One,
        "items" => Holds::OneOrList,
        "properties" | "patternProperties" | "definitions" => Holds::Map,
        "$defs" | "dependentSchemas" if modern => Holds::Map,
        "dependencies" => Holds::MapMaybe,
        "allOf" | "anyOf" | "oneOf" => Holds::List,
        "prefixItems" if draft == Draft::Draft2020_12 => Holds::List,
        _ => return None,
    })
}

fn is_schema(v: Value<'_>) -> bool {
    matches!(v.kind(), Kind::Object | Kind::Bool)
}

/// A compile error: `what at location: reason` ("the root" for the empty
/// pointer).
pub(crate) fn error(location: String, what: &str, reason: &str) -> CompileError {
    // Keys, locations and reasons (a `$ref`'s text) come from the schema:
    // the sentence quotes at most a few hundred characters of each.
    use crate::messages::truncate;
    let mut m = truncate(what, 200);
    m.push_str(" at ");
    if location.is_empty() {
        m.push_str("the root");
    } else {
        m.push_str(&truncate(&location, 200));
    }
    m.push_str(": ");
    m.push_str(&truncate(reason, 300));
    CompileError {
        location,
        message: m,
    }
}

/// Number of tape nodes of a document (the first index `value_at` refuses).
pub(crate) fn tape_len(doc: &Document) -> usize {
    let (mut lo, mut hi) = (0usize, doc.text().len() + 2);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if doc.value_at(mid).is_some() {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The dialect a known `$schema` URI names.
fn known_dialect(s: &str) -> Option<Dialect> {
    let (base, frag) = uri::split_fragment(s);
    if frag.is_some() {
        return None;
    }
    let draft =
        match base {
            // OpenAPI 3.1's dialect is 2020-12 with annotation keywords.
            "https://json-schema.org/draft/2020-12/schema"
            | "https://spec.openapis.org/oas/3.1/dialect/base" => Draft::Draft2020_12,
            "https://json-schema.org/draft/2019-09/schema" => Draft::Draft2019_09,
            "http://json-schema.org/draft-07/schema"
            | "https://json-schema.org/draft-07/schema" => Draft::Draft7,
            "http://json-schema.org/draft-06/schema"
            | "https://json-schema.org/draft-06/schema" => Draft::Draft6,
            "http://json-schema.org/draft-04/schema"
            | "https://json-schema.org/draft-04/schema" => Draft::Draft4,
            _ => return None,
        };
    Some(Dialect::of(draft))
}

impl<'r> Catalog<'r> {
    pub(crate) fn new(registry: &'r Registry, default: Dialect) -> Self {
        Catalog {
            registry,
            default,
            docs: Vec::new(),
            doc_uris: Vec::new(),
            res: Vec::new(),
            anchors: Vec::new(),
            res_index: HashIndex::default(),
            anchor_index: HashIndex::default(),
            dynamic_by_res: Vec::new(),
            loc_res: Vec::new(),
            all_registry_loaded: false,
            loading: 0,
        }
    }

    /// The pointer of a value, prefixed by its document's URI unless it is
    /// the schema itself.
    pub(crate) fn location(&self, doc: u32, idx: u32) -> String {
        let Some(d) = self.docs.get(doc as usize) else {
            return String::new();
        };
        let mut s = String::new();
        let u = self.doc_uris.get(doc as usize).map(|u| &**u).unwrap_or("");
        if !u.is_empty() {
            s.push_str(u);
            s.push('#');
        }
        s.push_str(&pointer_to(d.root(), idx as usize).unwrap_or_default());
        s
    }

    /// The dialect of the schema at `idx` (the default where the search
    /// found no schema).
    pub(crate) fn dialect_at(&self, doc: u32, idx: u32) -> Dialect {
        self.res
            .get(self.res_at(doc, idx) as usize)
            .map(|r| r.dialect)
            .unwrap_or(self.default)
    }

    /// The resource of the schema at `idx` found by the search, if any.
    pub(crate) fn res_at(&self, doc: u32, idx: u32) -> u32 {
        self.loc_res
            .get(doc as usize)
            .and_then(|m| m.get(idx as usize))
            .copied()
            .unwrap_or(NONE)
    }

    /// Adds a document known as `retrieval` and searches it.
    pub(crate) fn add_doc(
        &mut self,
        doc: Arc<Document>,
        retrieval: &str,
    ) -> Result<u32, CompileError> {
        if self.loading >= 8 {
            return Err(error(
                retrieval.into(),
                "$schema",
                "metaschemas refer to other metaschemas more than 8 levels deep",
            ));
        }
        let id = self.docs.len() as u32;
        let n = tape_len(&doc);
        self.loc_res.push(vec![NONE; n]);
        self.docs.push(doc);
        self.doc_uris.push(retrieval.into());
        self.loading += 1;
        let r = self.search(id);
        self.loading -= 1;
        r.map(|_| id)
    }

    /// The dialect `$schema` names: a built-in draft, or a metaschema from
    /// the registry whose `$vocabulary` is honoured.
    fn dialect_for(&mut self, s: &str, hops: u32) -> Result<Dialect, String> {
        let norm = uri::resolve(DEFAULT_BASE, s);
        if let Some(d) = known_dialect(&norm) {
            return Ok(d);
        }
        let (base, _) = uri::split_fragment(&norm);
        let unknown = || {
            let mut m = String::from("unknown $schema '");
            m.push_str(s);
            m.push('\'');
            m
        };
        if hops > 4 {
            return Err(unknown());
        }
        let Some(r) = self.find_resource(base).map_err(|e| e.message)? else {
            return Err(unknown());
        };
        let (doc, idx) = match self.res.get(r as usize) {
            Some(r) => (r.doc, r.idx),
            None => return Err(unknown()),
        };
        let d = match self.docs.get(doc as usize) {
            Some(d) => Arc::clone(d),
            None => return Err(unknown()),
        };
        let Some(m) = d.value_at(idx as usize) else {
            return Err(unknown());
        };
        let parent = match m.get("$schema").and_then(|v| v.as_str()) {
            Some(p) if p != s => self.dialect_for(&p, hops + 1)?,
            _ => return Err(unknown()),
        };
        let Some(vocab) = m.get("$vocabulary") else {
            return Ok(parent);
        };
        let prefix = match parent.draft {
            Draft::Draft2020_12 => "https://json-schema.org/draft/2020-12/vocab/",
            Draft::Draft2019_09 => "https://json-schema.org/draft/2019-09/vocab/",
            Draft::Draft4 | Draft::Draft6 | Draft::Draft7 => return Ok(parent),
        };
        let mut bits = 0u8;
        for (k, required) in vocab.members() {
            let known = match k.strip_prefix(prefix) {
                Some("applicator") => Some(VOC_APPLICATOR),
                Some("unevaluated") => Some(VOC_UNEVALUATED),
                Some("validation") => Some(VOC_VALIDATION),
                Some("format-assertion") => Some(VOC_FORMAT_ASSERTION),
                Some("core" | "meta-data" | "format-annotation" | "content" | "format") => Some(0),
                _ => None,
            };
            match known {
                Some(b) => bits |= b,
                None if required.as_bool() == Some(true) => {
                    let mut m = String::from("$schema '");
                    m.push_str(s);
                    m.push_str("' requires the unknown vocabulary '");
                    m.push_str(&k);
                    m.push('\'');
                    return Err(m);
                }
                None => {}
            }
        }
        // 2019-09 puts the unevaluated keywords in the applicator vocabulary.
        if parent.draft == Draft::Draft2019_09 && bits & VOC_APPLICATOR != 0 {
            bits |= VOC_UNEVALUATED;
        }
        Ok(Dialect {
            draft: parent.draft,
            vocab: bits,
        })
    }

    /// Searches document `doc` for resources and anchors.
    fn search(&mut self, doc: u32) -> Result<(), CompileError> {
        let Some(d) = self.docs.get(doc as usize).map(Arc::clone) else {
            return Ok(());
        };
        let retrieval: Box<str> = self.doc_uris.get(doc as usize).cloned().unwrap_or_default();
        // (value, parent resource or NONE for the document root)
        let mut stack: Vec<(Value<'_>, u32)> = vec![(d.root(), NONE)];
        while let Some((v, parent)) = stack.pop() {
            let idx = v.index_in_doc() as u32;
            if self.res_at(doc, idx) != NONE {
                continue;
            }
            if v.kind() != Kind::Object {
                if parent == NONE {
                    // A document whose root is not an object is still a
                    // resource (`true`, or a schema error reported later).
                    let uri: &str = if retrieval.is_empty() {
                        DEFAULT_BASE
                    } else {
                        &retrieval
                    };
                    let dialect = self.default;
                    let r = self.add_res(uri, doc, idx, dialect);
                    self.set_res(doc, idx, r);
                } else if v.kind() == Kind::Bool {
                    self.set_res(doc, idx, parent);
                }
                continue;
            }
            let parent_dialect = match self.res.get(parent as usize) {
                Some(r) => r.dialect,
                None => self.default,
            };
            let mut res = parent;
            // A document root, or a subschema with an id in its parent's
            // dialect, may name its own dialect with `$schema`; that
            // dialect says which keyword (`id` or `$id`) names it.
            let id_of = |d: Dialect| v.get(d.draft.id_keyword()).and_then(|i| i.as_str());
            let own = match v.get("$schema").and_then(|s| s.as_str()) {
                Some(s) if parent == NONE || id_of(parent_dialect).is_some() => self
                    .dialect_for(&s, 0)
                    .map_err(|m| error(self.location(doc, idx), "$schema", &m))?,
                _ => parent_dialect,
            };
            // The id is ignored next to `$ref` before 2019-09, where
            // `$ref` overrides its siblings.
            let legacy_ref = own.draft.legacy() && v.get("$ref").is_some();
            let id = match id_of(own) {
                Some(i) if !legacy_ref => Some(i),
                _ => None,
            };
            let (id_base, id_frag) = match &id {
                Some(i) => uri::split_fragment(i),
                None => ("", None),
            };
            if parent == NONE || !id_base.is_empty() {
                let base: &str = match self.res.get(parent as usize) {
                    Some(r) => &r.uri,
                    None if retrieval.is_empty() => DEFAULT_BASE,
                    None => &retrieval,
                };
                let full = uri::resolve(base, id_base);
                let (full, _) = uri::split_fragment(&full);
                res = self.add_res(full, doc, idx, own);
            }
            self.set_res(doc, idx, res);
            let dialect = match self.res.get(res as usize) {
                Some(r) => r.dialect,
                None => parent_dialect,
            };
            // Anchors.
            match dialect.draft {
                Draft::Draft4 | Draft::Draft6 | Draft::Draft7 => {
                    if let Some(f) = id_frag {
                        if !f.starts_with('/') {
                            self.anchor(res, f, idx, false);
                        }
                    }
                }
                Draft::Draft2019_09 | Draft::Draft2020_12 => {
                    if let Some(a) = v.get("$anchor").and_then(|a| a.as_str()) {
                        self.anchor(res, &a, idx, false);
                    }
                    if dialect.draft == Draft::Draft2020_12 {
                        if let Some(a) = v.get("$dynamicAnchor").and_then(|a| a.as_str()) {
                            self.anchor(res, &a, idx, true);
                        }
                    } else if v.get("$recursiveAnchor").and_then(|a| a.as_bool()) == Some(true) {
                        self.anchor(res, "", idx, true);
                    }
                }
            }
            // Subschemas.
            for (k, child) in v.members() {
                let Some(h) = holds(&k, dialect.draft) else {
                    continue;
                };
                match (h, child.kind()) {
                    (Holds::One | Holds::OneOrList, Kind::Object | Kind::Bool) => {
                        stack.push((child, res))
                    }
                    (Holds::List | Holds::OneOrList, Kind::Array) => {
                        for c in child.items().filter(|c| is_schema(*c)) {
                            stack.push((c, res));
                        }
                    }
                    (Holds::Map | Holds::MapMaybe, Kind::Object) => {
                        for (_, c) in child.members() {
                            if is_schema(c) {
                                stack.push((c, res));
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }

    fn set_res(&mut self, doc: u32, idx: u32, res: u32) {
        if let Some(slot) = self
            .loc_res
            .get_mut(doc as usize)
            .and_then(|m| m.get_mut(idx as usize))
        {
            *slot = res;
        }
    }

    fn add_res(&mut self, uri: &str, doc: u32, idx: u32, dialect: Dialect) -> u32 {
        let id = self.res.len() as u32;
        self.res_index.insert(hash(uri), id);
        self.res.push(Res {
            uri: uri.into(),
            doc,
            idx,
            dialect,
        });
        id
    }

    fn res_by_uri(&self, uri: &str) -> Option<u32> {
        let res = &self.res;
        self.res_index.find(hash(uri), &|i| {
            res.get(i as usize).is_some_and(|r| &*r.uri == uri)
        })
    }

    fn anchor_hash(res: u32, name: &str) -> u32 {
        hash(name) ^ res.wrapping_mul(0x9e37_79b9)
    }

    /// The anchor `name` of resource `res`.
    fn find_anchor(&self, res: u32, name: &str) -> Option<&Anchor> {
        let anchors = &self.anchors;
        let i = self.anchor_index.find(Self::anchor_hash(res, name), &|i| {
            anchors
                .get(i as usize)
                .is_some_and(|a| a.res == res && &*a.name == name)
        })?;
        self.anchors.get(i as usize)
    }

    fn anchor(&mut self, res: u32, name: &str, idx: u32, dynamic: bool) {
        // A `$dynamicAnchor` is also a plain anchor; keep one entry per name.
        let anchors = &self.anchors;
        let h = Self::anchor_hash(res, name);
        let found = self.anchor_index.find(h, &|i| {
            anchors
                .get(i as usize)
                .is_some_and(|a| a.res == res && &*a.name == name)
        });
        let id = match found {
            Some(i) => {
                let Some(a) = self.anchors.get_mut(i as usize) else {
                    return;
                };
                if a.dynamic || !dynamic {
                    return;
                }
                a.dynamic = true;
                i
            }
            None => {
                let i = self.anchors.len() as u32;
                self.anchor_index.insert(h, i);
                self.anchors.push(Anchor {
                    res,
                    name: name.into(),
                    idx,
                    dynamic,
                });
                if !dynamic {
                    return;
                }
                i
            }
        };
        if self.dynamic_by_res.len() <= res as usize && (res as usize) < self.res.len() {
            self.dynamic_by_res.resize(res as usize + 1, Vec::new());
        }
        if let Some(list) = self.dynamic_by_res.get_mut(res as usize) {
            list.push(id);
        }
    }

    /// The resource known as `uri` (absolute, no fragment): already known,
    /// else a registry document retrieved under that URI, else a built-in
    /// metaschema, else any resource of any registry document.
    pub(crate) fn find_resource(&mut self, uri: &str) -> Result<Option<u32>, CompileError> {
        if let Some(i) = self.res_by_uri(uri) {
            return Ok(Some(i));
        }
        if self.doc_uris.iter().any(|u| &**u == uri) {
            // Already loaded under that name: it is the document's root.
            return Ok(self
                .doc_uris
                .iter()
                .position(|u| &**u == uri)
                .and_then(|d| {
                    self.res
                        .iter()
                        .position(|r| r.doc == d as u32 && r.idx == 0)
                })
                .map(|i| i as u32));
        }
        let doc = if let Some(d) = self.registry.get(uri) {
            Arc::clone(d)
        } else if let Some(text) = meta::lookup(uri) {
            match Document::parse(text) {
                Ok(d) => Arc::new(d),
                Err(_) => return Ok(None),
            }
        } else {
            if !self.all_registry_loaded {
                self.all_registry_loaded = true;
                let pending: Vec<(Box<str>, Arc<Document>)> = self
                    .registry
                    .entries
                    .iter()
                    .filter(|(u, _)| !self.doc_uris.iter().any(|d| d == u))
                    .cloned()
                    .collect();
                for (u, d) in pending {
                    // A registry document that cannot be read (say, an
                    // unknown `$schema`) only matters if it is referred to.
                    let _ = self.add_doc(d, &u);
                }
                if let Some(i) = self.res_by_uri(uri) {
                    return Ok(Some(i));
                }
            }
            return Ok(None);
        };
        let d = self.add_doc(doc, uri)?;
        // The document's root is its first resource; it is also known by
        // the retrieval URI even when its `$id` says otherwise.
        Ok(self
            .res
            .iter()
            .position(|r| r.doc == d && r.idx == 0)
            .map(|i| i as u32))
    }

    /// Resolves `reference` against the base URI of resource `res`.
    pub(crate) fn resolve(&mut self, res: u32, reference: &str) -> Result<Target, String> {
        let base: Box<str> = self
            .res
            .get(res as usize)
            .map(|r| r.uri.clone())
            .unwrap_or_else(|| DEFAULT_BASE.into());
        let full = uri::resolve(&base, reference);
        let (abs, frag) = uri::split_fragment(&full);
        let not_found = || {
            let mut m = String::from("no schema found for '");
            // Relative to a schema without `$id`: show it as written.
            m.push_str(if full.starts_with(DEFAULT_SCHEME) {
                reference
            } else {
                &full
            });
            m.push('\'');
            m
        };
        let r = match self.find_resource(abs).map_err(|e| e.message)? {
            Some(r) => r,
            None => return Err(not_found()),
        };
        let (doc, root) = match self.res.get(r as usize) {
            Some(x) => (x.doc, x.idx),
            None => return Err(not_found()),
        };
        let Some(frag) = frag else {
            return Ok(Target {
                doc,
                idx: root,
                res: r,
                dynamic: false,
            });
        };
        let frag = uri::percent_decode(frag);
        if frag.starts_with('/') {
            return self.walk_pointer(doc, root, r, &frag).ok_or_else(not_found);
        }
        match self.find_anchor(r, &frag) {
            Some(a) => Ok(Target {
                doc,
                idx: a.idx,
                res: a.res,
                dynamic: a.dynamic,
            }),
            None => Err(not_found()),
        }
    }

    /// Follows a JSON Pointer from a resource root, tracking the resource
    /// of the deepest searched schema on the way.
    pub(crate) fn walk_pointer(
        &self,
        doc: u32,
        root: u32,
        mut res: u32,
        ptr: &str,
    ) -> Option<Target> {
        let d = self.docs.get(doc as usize)?;
        let mut cur = d.value_at(root as usize)?;
        for raw in ptr.split('/').skip(1) {
            let token: std::borrow::Cow<'_, str> = if raw.contains('~') {
                raw.replace("~1", "/").replace("~0", "~").into()
            } else {
                raw.into()
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
            let r = self.res_at(doc, cur.index_in_doc() as u32);
            if r != NONE {
                res = r;
            }
        }
        Some(Target {
            doc,
            idx: cur.index_in_doc() as u32,
            res,
            dynamic: false,
        })
    }
}
