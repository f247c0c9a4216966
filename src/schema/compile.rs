//! Schema documents → [`Program`].
//!
//! Subschemas are compiled from a work queue, not by recursion: a node's
//! children only get an index when it is compiled, and are compiled in
//! turn. Only what the root reaches is compiled (`$defs` nobody refers to
//! cost nothing). Afterwards, `$ref` cycles that never move into the
//! instance are rejected, since evaluating them could never end.

use std::sync::Arc;

use super::index::{
    error, tape_len, Anchor, Catalog, Dialect, VOC_APPLICATOR, VOC_FORMAT_ASSERTION,
    VOC_UNEVALUATED, VOC_VALIDATION,
};
use super::openapi::OpenApi;
use super::program::*;
use super::{CompileError, Draft, Options, Registry, MAX_SCHEMA_NODES};
use crate::json::number::Divisor;
use crate::json::{Document, Kind, Value};
use crate::regex::Regex;

/// Compiles a parsed schema.
pub(crate) fn compile(
    doc: Document,
    registry: &Registry,
    options: &Options,
) -> Result<Program, CompileError> {
    compile_at(doc, "", None, registry, options)
}

/// Compiles the schema at JSON Pointer `at` of a parsed document (an
/// OpenAPI document when `openapi` says so).
pub(crate) fn compile_at(
    doc: Document,
    at: &str,
    openapi: Option<OpenApi>,
    registry: &Registry,
    options: &Options,
) -> Result<Program, CompileError> {
    let mut c = Compiler {
        cat: Catalog::new(registry, Dialect::of(options.default_draft)),
        opts: *options,
        openapi,
        p: Program::default(),
        node_of: Vec::new(),
        queue: Vec::new(),
        res_used: Vec::new(),
        used: Vec::new(),
        used_done: 0,
        dyn_names: Vec::new(),
        interner: Vec::new(),
        patterns: Vec::new(),
    };
    let d = c.cat.add_doc(Arc::new(doc), "")?;
    // The root's resource (its `$schema` may have loaded others first).
    let res = c.cat.res_at(d, 0);
    // Registry schemas without `$schema` take the draft of the schema.
    if let Some(r) = c.cat.res.get(res as usize) {
        c.cat.default = r.dialect;
    }
    let root = if at.is_empty() {
        super::index::Target {
            doc: d,
            idx: 0,
            res,
            dynamic: false,
        }
    } else {
        c.cat
            .walk_pointer(d, 0, res, at)
            .ok_or_else(|| error(at.into(), "schema", "no schema here"))?
    };
    c.p.root = c.node_for(root.doc, root.idx, root.res)?;
    c.run()?;
    c.check_cycles()?;
    if c.opts.strict {
        let start = (openapi.is_some()).then_some((root.doc, root.idx));
        super::strict::check(&c.cat, &c.opts, start)?;
    }
    let mut p = c.p;
    p.docs = c.cat.docs;
    p.doc_uris = c.cat.doc_uris;
    Ok(p)
}

struct Compiler<'r> {
    cat: Catalog<'r>,
    opts: Options,
    /// Compiling a schema object of an OpenAPI document.
    openapi: Option<OpenApi>,
    p: Program,
    /// Per document: value index → node ([`NONE`] if not compiled).
    node_of: Vec<Vec<u32>>,
    queue: Vec<u32>,
    res_used: Vec<bool>,
    /// Resources in the order they were first used, and how many of them
    /// had their `$dynamicAnchor`s compiled.
    used: Vec<u32>,
    used_done: usize,
    /// Anchor names some `$dynamicRef` looks for.
    dyn_names: Vec<u32>,
    /// Open-addressing table of `p.names` indices.
    interner: Vec<u32>,
    /// Compiled patterns by source text.
    patterns: Vec<(Box<str>, u32)>,
}

/// What a keyword's value must be, for error messages.
fn expected(what: &str) -> String {
    let mut m = String::from("expected ");
    m.push_str(what);
    m
}

/// A non-negative integer keyword value (`2.0` counts), saturating.
fn count(v: Value<'_>) -> Option<u64> {
    let f = v.as_f64()?;
    if f < 0.0 || f.fract() != 0.0 {
        return None;
    }
    Some(if f >= u64::MAX as f64 {
        u64::MAX
    } else {
        f as u64
    })
}

fn type_bit(name: &str) -> Option<u8> {
    TYPE_NAMES.iter().position(|n| *n == name).map(|i| 1u8 << i)
}

/// Interns `s` in `names`, using `table` (open addressing, at most half
/// full) to find it.
fn intern_in(names: &mut Vec<Box<str>>, table: &mut Vec<u32>, s: &str) -> u32 {
    if names.len() * 2 >= table.len() {
        let size = (table.len() * 2).max(64);
        *table = vec![NONE; size];
        for (i, n) in names.iter().enumerate() {
            let mut at = hash(n) as usize & (size - 1);
            while table.get(at).is_some_and(|&x| x != NONE) {
                at = (at + 1) & (size - 1);
            }
            if let Some(slot) = table.get_mut(at) {
                *slot = i as u32;
            }
        }
    }
    let mask = table.len() - 1;
    let mut at = hash(s) as usize & mask;
    loop {
        match table.get(at).copied() {
            Some(NONE) | None => break,
            Some(id) if names.get(id as usize).is_some_and(|n| &**n == s) => return id,
            Some(_) => at = (at + 1) & mask,
        }
    }
    let id = names.len() as u32;
    names.push(s.into());
    if let Some(slot) = table.get_mut(at) {
        *slot = id;
    }
    id
}

/// Work-in-progress keywords of one object schema.
#[derive(Default)]
struct Parts {
    ops: Vec<(u8, Op)>,
    props: Vec<(u32, u32)>,
    pats: Vec<(u32, u32)>,
    additional: Option<u32>,
    prefix: Option<Vec<u32>>,
    items: Option<u32>,
    items_is_list: bool,
    additional_items: Option<u32>,
    contains: Option<u32>,
    contains_marks: bool,
    min_contains: Option<u64>,
    max_contains: Option<u64>,
    cond: Option<u32>,
    then: Option<u32>,
    els: Option<u32>,
    content_base64: bool,
    content_json: bool,
    error_message: bool,
}

impl<'r> Compiler<'r> {
    fn intern(&mut self, s: &str) -> u32 {
        intern_in(&mut self.p.names, &mut self.interner, s)
    }

    /// The node for the schema at `(doc, idx)`, queued for compilation if new.
    fn node_for(&mut self, doc: u32, idx: u32, res: u32) -> Result<u32, CompileError> {
        while self.node_of.len() < self.cat.docs.len() {
            let n = self
                .cat
                .docs
                .get(self.node_of.len())
                .map(|d| tape_len(d))
                .unwrap_or(0);
            self.node_of.push(vec![NONE; n]);
        }
        let slot = self
            .node_of
            .get_mut(doc as usize)
            .and_then(|m| m.get_mut(idx as usize));
        let Some(slot) = slot else {
            return Err(error(self.cat.location(doc, idx), "schema", "too large"));
        };
        if *slot != NONE {
            return Ok(*slot);
        }
        if self.p.nodes.len() >= MAX_SCHEMA_NODES {
            let mut m = String::from("more than ");
            crate::json::write_u64(&mut m, MAX_SCHEMA_NODES as u64);
            m.push_str(" subschemas");
            return Err(error(String::new(), "schema", &m));
        }
        let id = self.p.nodes.len() as u32;
        *slot = id;
        self.p.nodes.push(Node {
            start: 0,
            end: 0,
            doc,
            idx,
            res,
            title: NONE,
            flags: 0,
        });
        if self.res_used.len() <= res as usize && (res as usize) < self.cat.res.len() {
            self.res_used.resize(res as usize + 1, false);
        }
        if let Some(u) = self.res_used.get_mut(res as usize) {
            if !*u {
                *u = true;
                self.used.push(res);
            }
        }
        self.queue.push(id);
        Ok(id)
    }

    /// A subschema of the node being compiled.
    fn child(&mut self, doc: u32, v: Value<'_>, res: u32) -> Result<u32, CompileError> {
        let idx = v.index_in_doc() as u32;
        let r = self.cat.res_at(doc, idx);
        self.node_for(doc, idx, if r == NONE { res } else { r })
    }

    fn run(&mut self) -> Result<(), CompileError> {
        loop {
            while let Some(id) = self.queue.pop() {
                self.fill(id)?;
            }
            // Every resource that can be in the dynamic scope needs its
            // `$dynamicAnchor`s compiled, once some `$dynamicRef` exists.
            // Resources are visited once each, in the order first used.
            if self.dyn_names.is_empty() || self.used_done >= self.used.len() {
                break;
            }
            while let Some(&res) = self.used.get(self.used_done) {
                self.used_done += 1;
                let list = self
                    .cat
                    .dynamic_by_res
                    .get(res as usize)
                    .cloned()
                    .unwrap_or_default();
                for a in list {
                    let Some(&Anchor { idx, .. }) = self.cat.anchors.get(a as usize) else {
                        continue;
                    };
                    let doc = self.cat.res.get(res as usize).map(|r| r.doc).unwrap_or(0);
                    self.node_for(doc, idx, res)?;
                }
            }
        }
        if self.dyn_names.is_empty() {
            return Ok(());
        }
        for &res in &self.used {
            for &a in self
                .cat
                .dynamic_by_res
                .get(res as usize)
                .map(|v| &v[..])
                .unwrap_or(&[])
            {
                let Some(anchor) = self.cat.anchors.get(a as usize) else {
                    continue;
                };
                let doc = self.cat.res.get(res as usize).map(|r| r.doc).unwrap_or(0);
                let node = self
                    .node_of
                    .get(doc as usize)
                    .and_then(|m| m.get(anchor.idx as usize))
                    .copied()
                    .unwrap_or(NONE);
                if node != NONE {
                    let name = intern_in(&mut self.p.names, &mut self.interner, &anchor.name);
                    self.p.add_dynamic(res, name, node);
                }
            }
        }
        Ok(())
    }

    fn fill(&mut self, id: u32) -> Result<(), CompileError> {
        let node = self.p.node(id);
        let Some(d) = self.cat.docs.get(node.doc as usize).map(Arc::clone) else {
            return Ok(());
        };
        let Some(v) = d.value_at(node.idx as usize) else {
            return Ok(());
        };
        let dialect = self
            .cat
            .res
            .get(node.res as usize)
            .map(|r| r.dialect)
            .unwrap_or(self.cat.default);
        let start = self.p.ops.len() as u32;
        let mut flags = 0;
        let mut title = NONE;
        match v.kind() {
            Kind::Bool => {
                if v.as_bool() == Some(false) {
                    self.p.ops.push(Op::False);
                    flags |= F_FALSE;
                }
            }
            Kind::Object => {
                let mut parts = Parts::default();
                self.keywords(node, v, dialect, &mut parts, &mut title)?;
                flags |= self.assemble(parts)?;
            }
            k => {
                let mut m = String::from("a schema must be an object or a boolean, not ");
                m.push_str(if k == Kind::Array { "an " } else { "a " });
                m.push_str(k.name());
                return Err(error(self.cat.location(node.doc, node.idx), "schema", &m));
            }
        }
        let end = self.p.ops.len() as u32;
        if let Some(n) = self.p.nodes.get_mut(id as usize) {
            n.start = start;
            n.end = end;
            n.flags = flags;
            n.title = title;
        }
        Ok(())
    }

    /// `key at location: expected what` (cold: only for broken schemas).
    #[cold]
    #[inline(never)]
    fn bad(&self, node: Node, key: &str, what: &str) -> CompileError {
        self.err_at(node, key, &expected(what))
    }

    #[cold]
    #[inline(never)]
    fn err_at(&self, node: Node, key: &str, reason: &str) -> CompileError {
        let mut loc = self.cat.location(node.doc, node.idx);
        loc.push('/');
        loc.push_str(&key.replace('~', "~0").replace('/', "~1"));
        error(loc, key, reason)
    }

    fn reference(&mut self, node: Node, key: &str, r: &str) -> Result<(u32, bool), CompileError> {
        let t = self
            .cat
            .resolve(node.res, r)
            .map_err(|m| self.err_at(node, key, &m))?;
        let mut dynamic = t.dynamic;
        if key == "$recursiveRef" {
            // 2019-09: dynamic when the target has `$recursiveAnchor: true`.
            dynamic = self
                .cat
                .docs
                .get(t.doc as usize)
                .and_then(|d| d.value_at(t.idx as usize))
                .and_then(|v| v.get("$recursiveAnchor"))
                .and_then(|a| a.as_bool())
                == Some(true);
        }
        Ok((self.node_for(t.doc, t.idx, t.res)?, dynamic))
    }

    /// Whether property `name` of schema `v` is `readOnly` (on the
    /// property's schema or what its `$ref`s lead to).
    fn read_only(&mut self, node: Node, v: Value<'_>, name: u32) -> bool {
        let name = self.p.name(name).to_owned();
        let Some(s) = v.get("properties").and_then(|p| p.get(&name)) else {
            return false;
        };
        if s.get("readOnly").and_then(|r| r.as_bool()) == Some(true) {
            return true;
        }
        match s.get("$ref").and_then(|r| r.as_str()) {
            Some(r) => self.read_only_ref(node.res, &r, 8),
            None => false,
        }
    }

    /// Whether the schema `$ref` `r` (from resource `res`) leads to is
    /// `readOnly`, following at most `hops` more `$ref`s.
    fn read_only_ref(&mut self, res: u32, r: &str, hops: u32) -> bool {
        let Ok(t) = self.cat.resolve(res, r) else {
            return false;
        };
        let Some(d) = self.cat.docs.get(t.doc as usize).map(Arc::clone) else {
            return false;
        };
        let Some(s) = d.value_at(t.idx as usize) else {
            return false;
        };
        if s.get("readOnly").and_then(|r| r.as_bool()) == Some(true) {
            return true;
        }
        match s.get("$ref").and_then(|r| r.as_str()) {
            Some(next) if hops > 0 => self.read_only_ref(t.res, &next, hops - 1),
            _ => false,
        }
    }

    /// OpenAPI's `discriminator` beside `oneOf`/`anyOf` (`branches`, at
    /// `kids[range]`): tags from `mapping` (a `$ref` or a schema name),
    /// and implicitly the names of branches that are `$ref`s to
    /// `#/components/schemas/<name>`.
    fn discriminator(
        &mut self,
        node: Node,
        d: Value<'_>,
        list_value: Value<'_>,
        branches: &[u32],
        range: (u32, u32),
        one: bool,
    ) -> Result<Op, CompileError> {
        let Some(prop) = d.get("propertyName").and_then(|p| p.as_str()) else {
            return Err(self.bad(node, "discriminator", "an object with \"propertyName\""));
        };
        let prop = self.intern(&prop);
        let mut entries: Vec<(u32, u32)> = Vec::new();
        if let Some(mapping) = d.get("mapping") {
            for (tag, target) in mapping.members() {
                let Some(target) = target.as_str() else {
                    return Err(self.bad(node, "discriminator", "mapping values that are strings"));
                };
                let r: String = if target.contains(['#', '/', '.']) {
                    target.into_owned()
                } else {
                    ["#/components/schemas/", &target].concat()
                };
                let (n, _) = self.reference(node, "discriminator", &r)?;
                let t = self.intern(&tag);
                entries.push((t, n));
            }
        }
        for (branch, &kid) in list_value.items().zip(branches) {
            let Some(r) = branch.get("$ref").and_then(|r| r.as_str()) else {
                continue;
            };
            let Some((_, name)) = r.rsplit_once("#/components/schemas/") else {
                continue;
            };
            let name = super::uri::percent_decode(name)
                .replace("~1", "/")
                .replace("~0", "~");
            let t = self.intern(&name);
            if !entries.iter().any(|e| e.0 == t) {
                entries.push((t, kid));
            }
        }
        let map = self.p.dschemas.len() as u32;
        self.p.dschemas.extend_from_slice(&entries);
        Ok(Op::Discriminator {
            prop,
            map,
            map_end: self.p.dschemas.len() as u32,
            start: range.0,
            end: range.1,
            one,
        })
    }

    /// ajv-formats' date and time limits: the `format` beside them says
    /// how to order, and the limit must be of that format.
    fn format_limit(
        &self,
        node: Node,
        v: Value<'_>,
        k: &str,
        kv: Value<'_>,
    ) -> Result<Op, CompileError> {
        let kind = match v.get("format").and_then(|f| f.as_str()).as_deref() {
            Some("date") => 0,
            Some("time") => 1,
            Some("date-time") => 2,
            _ => {
                return Err(self.err_at(
                    node,
                    k,
                    "needs \"format\": \"date\", \"time\" or \"date-time\" beside it",
                ))
            }
        };
        let fits = kv
            .as_str()
            .is_some_and(|s| crate::format::date::instant(kind, &s).is_some());
        if !fits {
            return Err(self.bad(
                node,
                k,
                [
                    "a date like \"2024-03-27\"",
                    "a time like \"09:30:00Z\"",
                    "a date and time like \"2024-03-27T09:30:00Z\"",
                ]
                .get(usize::from(kind))
                .copied()
                .unwrap_or("a date"),
            ));
        }
        let cmp = match k {
            "formatMinimum" => Cmp::Minimum,
            "formatExclusiveMinimum" => Cmp::ExclusiveMinimum,
            "formatMaximum" => Cmp::Maximum,
            _ => Cmp::ExclusiveMaximum,
        };
        Ok(Op::FormatCompare(cmp, kv.index_in_doc() as u32, kind))
    }

    fn regex(&mut self, node: Node, key: &str, src: &str) -> Result<u32, CompileError> {
        if let Some((_, i)) = self.patterns.iter().find(|(s, _)| &**s == src) {
            return Ok(*i);
        }
        let re = Regex::new(src).map_err(|e| self.err_at(node, key, &e.describe()))?;
        let i = self.p.regexes.len() as u32;
        self.p.regexes.push(re);
        self.patterns.push((src.into(), i));
        Ok(i)
    }

    fn schema_map(
        &mut self,
        node: Node,
        key: &str,
        v: Value<'_>,
    ) -> Result<Vec<(u32, u32)>, CompileError> {
        if v.kind() != Kind::Object {
            return Err(self.bad(node, key, "an object of schemas"));
        }
        let mut out = Vec::with_capacity(v.len());
        for (k, s) in v.members() {
            let name = self.intern(&k);
            out.push((name, self.child(node.doc, s, node.res)?));
        }
        Ok(out)
    }

    fn schema_list(
        &mut self,
        node: Node,
        key: &str,
        v: Value<'_>,
    ) -> Result<Vec<u32>, CompileError> {
        if v.kind() != Kind::Array || v.is_empty() {
            return Err(self.bad(node, key, "a non-empty array of schemas"));
        }
        let mut out = Vec::with_capacity(v.len());
        for s in v.items() {
            out.push(self.child(node.doc, s, node.res)?);
        }
        Ok(out)
    }

    fn name_list(&mut self, node: Node, key: &str, v: Value<'_>) -> Result<Vec<u32>, CompileError> {
        if v.kind() != Kind::Array {
            return Err(self.bad(node, key, "an array of strings"));
        }
        let mut out = Vec::with_capacity(v.len());
        for s in v.items() {
            match s.as_str() {
                Some(s) => out.push(self.intern(&s)),
                None => return Err(self.bad(node, key, "an array of strings")),
            }
        }
        Ok(out)
    }

    fn push_list(&mut self, names: &[u32]) -> (u32, u32) {
        let start = self.p.lists.len() as u32;
        self.p.lists.extend_from_slice(names);
        (start, self.p.lists.len() as u32)
    }

    fn kids(&mut self, list: &[u32]) -> (u32, u32) {
        let start = self.p.kids.len() as u32;
        self.p.kids.extend_from_slice(list);
        (start, self.p.kids.len() as u32)
    }

    fn keywords(
        &mut self,
        node: Node,
        v: Value<'_>,
        dialect: Dialect,
        parts: &mut Parts,
        title: &mut u32,
    ) -> Result<(), CompileError> {
        let draft = dialect.draft;
        let modern = !draft.legacy();
        let validation = dialect.has(VOC_VALIDATION);
        let applicator = dialect.has(VOC_APPLICATOR);
        let unevaluated = dialect.has(VOC_UNEVALUATED);
        // Before 2019-09, `$ref` overrides its siblings.
        let only_ref = draft.legacy() && v.get("$ref").is_some();
        let mut min_c = None;
        let mut max_c = None;
        for (k, kv) in v.members() {
            let k: &str = &k;
            if k == "title" {
                if let Some(t) = kv.as_str() {
                    *title = self.intern(&t);
                }
                continue;
            }
            if k == "errorMessage" {
                // ajv-errors' custom messages: an annotation (also beside a
                // draft-07 `$ref`), read only when a failure is reported.
                parts.error_message = true;
                continue;
            }
            if only_ref && k != "$ref" {
                continue;
            }
            let string = || kv.as_str();
            match k {
                "$ref" => {
                    let Some(r) = string() else {
                        return Err(self.bad(node, k, "a string"));
                    };
                    let (t, _) = self.reference(node, k, &r)?;
                    parts.ops.push((1, Op::Ref(t)));
                }
                "$dynamicRef" if draft == Draft::Draft2020_12 => {
                    let Some(r) = string() else {
                        return Err(self.bad(node, k, "a string"));
                    };
                    let (t, dynamic) = self.reference(node, k, &r)?;
                    // Only a fragment naming a `$dynamicAnchor` is dynamic.
                    let frag = r.split_once('#').map(|(_, f)| f).unwrap_or("");
                    if dynamic && !frag.is_empty() && !frag.starts_with('/') {
                        let name = self.intern(&super::uri::percent_decode(frag));
                        if !self.dyn_names.contains(&name) {
                            self.dyn_names.push(name);
                        }
                        parts.ops.push((1, Op::DynamicRef(t, name)));
                    } else {
                        parts.ops.push((1, Op::Ref(t)));
                    }
                }
                "$recursiveRef" if draft == Draft::Draft2019_09 => {
                    let Some(r) = string() else {
                        return Err(self.bad(node, k, "a string"));
                    };
                    let (t, dynamic) = self.reference(node, k, &r)?;
                    if dynamic {
                        let name = self.intern("");
                        if !self.dyn_names.contains(&name) {
                            self.dyn_names.push(name);
                        }
                        parts.ops.push((1, Op::DynamicRef(t, name)));
                    } else {
                        parts.ops.push((1, Op::Ref(t)));
                    }
                }
                "type" if validation => {
                    let mut bits = 0u8;
                    let bad = || {
                        self.err_at(node, k, "expected a type name or an array of them (null, boolean, object, array, number, string, integer)")
                    };
                    match kv.kind() {
                        Kind::String => {
                            bits = type_bit(&kv.as_str().unwrap_or_default()).ok_or_else(bad)?
                        }
                        Kind::Array => {
                            for t in kv.items() {
                                bits |= t.as_str().and_then(|t| type_bit(&t)).ok_or_else(bad)?;
                            }
                        }
                        _ => return Err(bad()),
                    }
                    if draft == Draft::Draft4 && self.openapi.is_none() {
                        bits |= TYPE_INT_NO_FRACTION;
                    }
                    // OpenAPI 3.0: `nullable: true` adds null to the type.
                    if self.openapi.is_some_and(|a| a.v30)
                        && v.get("nullable").and_then(|n| n.as_bool()) == Some(true)
                    {
                        bits |= TYPE_NULL;
                    }
                    parts.ops.push((0, Op::Type(bits)));
                }
                "const" if validation && draft >= Draft::Draft6 => {
                    parts.ops.push((1, Op::Const(kv.index_in_doc() as u32)))
                }
                "enum" if validation => {
                    if kv.kind() != Kind::Array {
                        return Err(self.bad(node, k, "an array"));
                    }
                    parts.ops.push((1, Op::Enum(kv.index_in_doc() as u32)));
                }
                "multipleOf" if validation => {
                    let d = kv
                        .number_text()
                        .and_then(Divisor::new)
                        .ok_or_else(|| self.bad(node, k, "a number greater than 0"))?;
                    let i = self.p.divisors.len() as u32;
                    self.p.divisors.push(d);
                    parts.ops.push((1, Op::MultipleOf(i)));
                }
                "exclusiveMinimum" | "exclusiveMaximum" if draft == Draft::Draft4 => {
                    // Draft-04: a flag on `minimum`/`maximum` (read there).
                    kv.as_bool()
                        .ok_or_else(|| self.bad(node, k, "true or false"))?;
                }
                "minimum" | "maximum" if draft == Draft::Draft4 && validation => {
                    let flag = if k == "minimum" {
                        "exclusiveMinimum"
                    } else {
                        "exclusiveMaximum"
                    };
                    let exclusive = v.get(flag).and_then(|b| b.as_bool()) == Some(true);
                    let cmp = match (k, exclusive) {
                        ("minimum", false) => Cmp::Minimum,
                        ("minimum", true) => Cmp::ExclusiveMinimum,
                        (_, false) => Cmp::Maximum,
                        (_, true) => Cmp::ExclusiveMaximum,
                    };
                    let f = kv.as_f64().ok_or_else(|| self.bad(node, k, "a number"))?;
                    parts
                        .ops
                        .push((1, Op::Compare(cmp, kv.index_in_doc() as u32, f)));
                }
                "minimum" | "exclusiveMinimum" | "maximum" | "exclusiveMaximum" if validation => {
                    let cmp = match k {
                        "minimum" => Cmp::Minimum,
                        "exclusiveMinimum" => Cmp::ExclusiveMinimum,
                        "maximum" => Cmp::Maximum,
                        _ => Cmp::ExclusiveMaximum,
                    };
                    let f = kv.as_f64().ok_or_else(|| self.bad(node, k, "a number"))?;
                    parts
                        .ops
                        .push((1, Op::Compare(cmp, kv.index_in_doc() as u32, f)));
                }
                "minLength" | "maxLength" | "minItems" | "maxItems" | "minProperties"
                | "maxProperties"
                    if validation =>
                {
                    let size = match k {
                        "minLength" => Size::MinLength,
                        "maxLength" => Size::MaxLength,
                        "minItems" => Size::MinItems,
                        "maxItems" => Size::MaxItems,
                        "minProperties" => Size::MinProperties,
                        _ => Size::MaxProperties,
                    };
                    let n = count(kv).ok_or_else(|| self.bad(node, k, "a non-negative integer"))?;
                    parts.ops.push((1, Op::Size(size, n)));
                }
                "minContains" | "maxContains" if modern && validation => {
                    let n = count(kv).ok_or_else(|| self.bad(node, k, "a non-negative integer"))?;
                    if k == "minContains" {
                        min_c = Some(n);
                    } else {
                        max_c = Some(n);
                    }
                }
                "formatMinimum"
                | "formatExclusiveMinimum"
                | "formatMaximum"
                | "formatExclusiveMaximum"
                    if validation =>
                {
                    parts.ops.push((1, self.format_limit(node, v, k, kv)?));
                }
                "pattern" if validation => {
                    let Some(src) = string() else {
                        return Err(self.bad(node, k, "a string"));
                    };
                    let r = self.regex(node, k, &src)?;
                    parts.ops.push((1, Op::Pattern(r)));
                }
                "format" => {
                    let Some(name) = string() else {
                        return Err(self.bad(node, k, "a string"));
                    };
                    let asserted = self.opts.formats || dialect.has(VOC_FORMAT_ASSERTION);
                    // Unknown formats are ignored (`check` says None).
                    if asserted && crate::format::check(&name, "").is_some() {
                        let n = self.intern(&name);
                        parts.ops.push((1, Op::Format(n)));
                    }
                }
                "uniqueItems" if validation => match kv.as_bool() {
                    Some(true) => parts.ops.push((1, Op::UniqueItems)),
                    Some(false) => {}
                    None => return Err(self.bad(node, k, "true or false")),
                },
                "required" if validation => {
                    let mut names = self.name_list(node, k, kv)?;
                    if self.openapi.is_some() {
                        // A request: the server fills `readOnly` properties.
                        names.retain(|&n| !self.read_only(node, v, n));
                    }
                    if !names.is_empty() {
                        let mut sorted: Vec<(u32, u32)> = names.iter().map(|&n| (n, 0)).collect();
                        let p = &self.p;
                        sort_pairs(&mut sorted, &|a, b| key_cmp(p.name(a), p.name(b)).is_lt());
                        let sorted: Vec<u32> = sorted.iter().map(|x| x.0).collect();
                        let (s, e) = self.push_list(&names);
                        self.push_list(&sorted);
                        parts.ops.push((1, Op::Required(s, e)));
                    }
                }
                "dependentRequired" if modern && validation => {
                    if kv.kind() != Kind::Object {
                        return Err(self.bad(node, k, "an object of string arrays"));
                    }
                    let start = self.p.deps.len() as u32;
                    for (name, list) in kv.members() {
                        let names = self.name_list(node, k, list)?;
                        let n = self.intern(&name);
                        let (s, e) = self.push_list(&names);
                        self.p.deps.push(Dep {
                            name: n,
                            start: s,
                            end: e,
                        });
                    }
                    parts
                        .ops
                        .push((1, Op::DependentRequired(start, self.p.deps.len() as u32)));
                }
                "dependencies" if applicator => {
                    if kv.kind() != Kind::Object {
                        return Err(self.bad(node, k, "an object"));
                    }
                    let start = self.p.deps.len() as u32;
                    let mut schemas = Vec::new();
                    for (name, dep) in kv.members() {
                        let n = self.intern(&name);
                        if dep.kind() == Kind::Array {
                            let names = self.name_list(node, k, dep)?;
                            let (s, e) = self.push_list(&names);
                            self.p.deps.push(Dep {
                                name: n,
                                start: s,
                                end: e,
                            });
                        } else {
                            schemas.push((n, self.child(node.doc, dep, node.res)?));
                        }
                    }
                    let end = self.p.deps.len() as u32;
                    if end > start {
                        parts.ops.push((1, Op::DependentRequired(start, end)));
                    }
                    if !schemas.is_empty() {
                        let s = self.p.dschemas.len() as u32;
                        self.p.dschemas.extend_from_slice(&schemas);
                        parts
                            .ops
                            .push((1, Op::DependentSchemas(s, self.p.dschemas.len() as u32)));
                    }
                }
                "dependentSchemas" if modern && applicator => {
                    let list = self.schema_map(node, k, kv)?;
                    let s = self.p.dschemas.len() as u32;
                    self.p.dschemas.extend_from_slice(&list);
                    parts
                        .ops
                        .push((1, Op::DependentSchemas(s, self.p.dschemas.len() as u32)));
                }
                "properties" if applicator => parts.props = self.schema_map(node, k, kv)?,
                "patternProperties" if applicator => {
                    if kv.kind() != Kind::Object {
                        return Err(self.bad(node, k, "an object of schemas"));
                    }
                    for (src, s) in kv.members() {
                        let r = self.regex(node, k, &src)?;
                        let c = self.child(node.doc, s, node.res)?;
                        parts.pats.push((r, c));
                    }
                }
                "additionalProperties" if applicator => {
                    parts.additional = Some(self.child(node.doc, kv, node.res)?)
                }
                "propertyNames" if applicator && draft >= Draft::Draft6 => {
                    let c = self.child(node.doc, kv, node.res)?;
                    parts.ops.push((1, Op::PropertyNames(c)));
                }
                "prefixItems" if draft == Draft::Draft2020_12 && applicator => {
                    parts.prefix = Some(self.schema_list(node, k, kv)?)
                }
                "items" if applicator => {
                    if draft != Draft::Draft2020_12 && kv.kind() == Kind::Array {
                        let list = if kv.is_empty() {
                            Vec::new()
                        } else {
                            self.schema_list(node, k, kv)?
                        };
                        parts.prefix = Some(list);
                        parts.items_is_list = true;
                    } else {
                        parts.items = Some(self.child(node.doc, kv, node.res)?);
                    }
                }
                "additionalItems" if draft != Draft::Draft2020_12 && applicator => {
                    parts.additional_items = Some(self.child(node.doc, kv, node.res)?)
                }
                "contains" if applicator && draft >= Draft::Draft6 => {
                    parts.contains = Some(self.child(node.doc, kv, node.res)?);
                    parts.contains_marks = draft == Draft::Draft2020_12;
                }
                "allOf" | "anyOf" | "oneOf" if applicator => {
                    let list = self.schema_list(node, k, kv)?;
                    let (s, e) = self.kids(&list);
                    if k != "allOf" && self.openapi.is_some() {
                        if let Some(d) = v.get("discriminator") {
                            let op =
                                self.discriminator(node, d, kv, &list, (s, e), k == "oneOf")?;
                            parts.ops.push((1, op));
                            continue;
                        }
                    }
                    parts.ops.push((
                        1,
                        match k {
                            "allOf" => Op::AllOf(s, e),
                            "anyOf" => Op::AnyOf(s, e),
                            _ => Op::OneOf(s, e),
                        },
                    ));
                }
                "not" if applicator => {
                    let c = self.child(node.doc, kv, node.res)?;
                    parts.ops.push((1, Op::Not(c)));
                }
                "if" if applicator && draft >= Draft::Draft7 => {
                    parts.cond = Some(self.child(node.doc, kv, node.res)?)
                }
                "then" if applicator && draft >= Draft::Draft7 => {
                    parts.then = Some(self.child(node.doc, kv, node.res)?)
                }
                "else" if applicator && draft >= Draft::Draft7 => {
                    parts.els = Some(self.child(node.doc, kv, node.res)?)
                }
                "unevaluatedProperties" | "unevaluatedItems" if modern && unevaluated => {
                    let c = self.child(node.doc, kv, node.res)?;
                    let op = if k == "unevaluatedItems" {
                        Op::UnevaluatedItems(c)
                    } else {
                        Op::UnevaluatedProperties(c)
                    };
                    parts.ops.push((2, op));
                }
                "contentEncoding" if draft.legacy() && self.opts.content_assertion => {
                    parts.content_base64 = string().as_deref() == Some("base64");
                }
                "contentMediaType" if draft.legacy() && self.opts.content_assertion => {
                    parts.content_json = string().as_deref() == Some("application/json");
                }
                _ => {}
            }
        }
        parts.min_contains = min_c;
        parts.max_contains = max_c;
        Ok(())
    }

    /// Turns the collected keywords into the node's ops; returns its flags.
    fn assemble(&mut self, mut parts: Parts) -> Result<u8, CompileError> {
        let mut flags = if parts.error_message { F_ERRMSG } else { 0 };
        if !parts.props.is_empty() || !parts.pats.is_empty() || parts.additional.is_some() {
            let p = &self.p;
            sort_pairs(&mut parts.props, &|a, b| {
                key_cmp(p.name(a), p.name(b)).is_lt()
            });
            parts.props.dedup_by_key(|a| a.0);
            let ps = self.p.props.len() as u32;
            self.p.props.extend_from_slice(&parts.props);
            let pe = self.p.props.len() as u32;
            let qs = self.p.pats.len() as u32;
            self.p.pats.extend_from_slice(&parts.pats);
            let qe = self.p.pats.len() as u32;
            parts.ops.push((
                1,
                Op::Props {
                    props: ps,
                    props_end: pe,
                    pats: qs,
                    pats_end: qe,
                    additional: parts.additional.unwrap_or(NONE),
                },
            ));
        }
        let (prefix, rest, legacy) = if parts.items_is_list {
            (parts.prefix.take(), parts.additional_items, true)
        } else {
            (parts.prefix.take(), parts.items, false)
        };
        if prefix.is_some() || rest.is_some() {
            let (s, e) = self.kids(&prefix.unwrap_or_default());
            parts.ops.push((
                1,
                Op::Items {
                    prefix: s,
                    prefix_end: e,
                    rest: rest.unwrap_or(NONE),
                    legacy,
                },
            ));
        }
        if let Some(c) = parts.contains {
            let clamp = |n: u64| u32::try_from(n).unwrap_or(NONE - 1);
            parts.ops.push((
                1,
                Op::Contains {
                    node: c,
                    min: parts.min_contains.map(clamp).unwrap_or(1),
                    max: parts.max_contains.map(clamp).unwrap_or(NONE),
                    explicit_min: parts.min_contains.is_some(),
                    marks: parts.contains_marks,
                },
            ));
        }
        if let Some(c) = parts.cond {
            parts.ops.push((
                1,
                Op::If(c, parts.then.unwrap_or(NONE), parts.els.unwrap_or(NONE)),
            ));
        }
        if parts.content_base64 || parts.content_json {
            parts.ops.push((
                1,
                Op::Content {
                    base64: parts.content_base64,
                    json: parts.content_json,
                },
            ));
        }
        // `type` first (cheapest, rejects most), `unevaluated*` last (they
        // need every other keyword's annotations).
        for want in 0..3 {
            for (prio, op) in &parts.ops {
                if *prio == want {
                    self.p.ops.push(*op);
                    if want == 2 {
                        flags |= F_UNEVAL;
                    }
                }
            }
        }
        Ok(flags)
    }

    /// Rejects cycles of subschemas that are always evaluated at the same
    /// place in the instance (`$ref`, `allOf`, `anyOf`, `oneOf`, `not`,
    /// `if`/`then`/`else`, `dependentSchemas`): evaluating them would
    /// never end.
    fn check_cycles(&self) -> Result<(), CompileError> {
        let n = self.p.nodes.len();
        let mut color = vec![0u8; n];
        let edges = |node: u32, out: &mut Vec<u32>| {
            out.clear();
            let nd = self.p.node(node);
            for op in self
                .p
                .ops
                .get(nd.start as usize..nd.end as usize)
                .unwrap_or(&[])
            {
                match *op {
                    Op::Ref(t) | Op::Not(t) => out.push(t),
                    Op::If(c, t, e) => out.extend([c, t, e].into_iter().filter(|&x| x != NONE)),
                    Op::AllOf(s, e) | Op::AnyOf(s, e) | Op::OneOf(s, e) => {
                        out.extend((s..e).map(|i| self.p.kid(i)))
                    }
                    Op::Discriminator {
                        map,
                        map_end,
                        start,
                        end,
                        ..
                    } => {
                        out.extend((start..end).map(|i| self.p.kid(i)));
                        out.extend(
                            self.p
                                .dschemas
                                .get(map as usize..map_end as usize)
                                .unwrap_or(&[])
                                .iter()
                                .map(|d| d.1),
                        );
                    }
                    Op::DependentSchemas(s, e) => out.extend(
                        self.p
                            .dschemas
                            .get(s as usize..e as usize)
                            .unwrap_or(&[])
                            .iter()
                            .map(|d| d.1),
                    ),
                    _ => {}
                }
            }
        };
        let mut buf = Vec::new();
        // (node, its edges, next edge)
        let mut stack: Vec<(u32, Vec<u32>, usize)> = Vec::new();
        for start in 0..n as u32 {
            if color.get(start as usize).copied() != Some(0) {
                continue;
            }
            edges(start, &mut buf);
            stack.push((start, buf.clone(), 0));
            if let Some(c) = color.get_mut(start as usize) {
                *c = 1;
            }
            while let Some(top) = stack.last_mut() {
                let (node, list, next) = (top.0, &top.1, top.2);
                match list.get(next).copied() {
                    Some(t) => {
                        top.2 += 1;
                        match color.get(t as usize).copied() {
                            Some(0) => {
                                if let Some(c) = color.get_mut(t as usize) {
                                    *c = 1;
                                }
                                edges(t, &mut buf);
                                stack.push((t, buf.clone(), 0));
                            }
                            Some(1) => {
                                let nd = self.p.node(node);
                                return Err(error(
                                    self.cat.location(nd.doc, nd.idx),
                                    "$ref",
                                    "the schema refers back to itself without moving into the instance, so validation would never end",
                                ));
                            }
                            _ => {}
                        }
                    }
                    None => {
                        if let Some(c) = color.get_mut(node as usize) {
                            *c = 2;
                        }
                        stack.pop();
                    }
                }
            }
        }
        Ok(())
    }
}
