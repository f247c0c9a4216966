//! Runs a [`Program`] against an instance.
//!
//! Evaluation recurses through subschemas, but every level is counted
//! ([`MAX_EVAL_DEPTH`], [`MAX_DATA_DEPTH`]) and every step too
//! ([`MAX_EVAL_STEPS`]). The evaluation path is a linked list of [`Frame`]s
//! on the stack: it gives the instance path, the dynamic scope for
//! `$dynamicRef`, `$ref` loop detection and field titles without any
//! allocation until a failure is reported.
//!
//! Two modes: fast (`is_valid`, stops at the first failure) and collecting
//! (`validate`, reports leaf failures; `anyOf`/`oneOf`/`not`/`contains`
//! summarize their branches instead of reporting every branch's failures).

use std::borrow::Cow;

use super::output::{Failure, Params};
use super::program::*;
use super::{ValidateError, ValidateErrorKind, MAX_DATA_DEPTH, MAX_EVAL_DEPTH, MAX_EVAL_STEPS};
use crate::json::number;
use crate::json::{equal, Kind, Value, Writer};

/// Whether `inst` is valid, stopping at the first failure.
pub(crate) fn is_valid(p: &Program, inst: Value<'_>) -> Result<bool, ValidateError> {
    let mut cx = Cx {
        p,
        collect: false,
        schema_paths: false,
        out: Vec::new(),
        err: None,
        steps: 0,
        js_numbers: false,
    };
    let ok = cx.eval(None, p.root, inst, Seg::Same, false, None);
    match cx.err {
        Some(e) => Err(e),
        None => Ok(ok),
    }
}

/// All leaf failures of `inst`; their `schema_path`s only if
/// `schema_paths` (each is a walk through the schema document); numbers
/// judged as the doubles JS has when `js_numbers` ([`Cx::js_numbers`]).
pub(crate) fn failures(
    p: &Program,
    inst: Value<'_>,
    schema_paths: bool,
    js_numbers: bool,
) -> Result<Vec<Failure>, ValidateError> {
    let mut cx = Cx {
        p,
        collect: true,
        schema_paths,
        out: Vec::new(),
        err: None,
        steps: 0,
        js_numbers,
    };
    let ok = cx.eval(None, p.root, inst, Seg::Same, false, None);
    if let Some(e) = cx.err {
        return Err(e);
    }
    if !ok && cx.out.is_empty() {
        // Every failing path reports something; this is a safety net.
        let f = Frame {
            up: None,
            node: p.root,
            inst,
            seg: Seg::Same,
            depth: 0,
            data: 0,
        };
        cx.fail(&f, Extra::None, "false schema", "", Params::None);
    }
    let mut out = cx.out;
    // A schema's message that covers several failures is reported once.
    // Those failures come from one subschema's evaluation, so they are
    // close together: looking back over the last few such messages keeps
    // this linear however many items fail.
    if out.iter().any(|f| f.error_message.is_some()) {
        let mut keep: Vec<Failure> = Vec::with_capacity(out.len());
        let mut customs: Vec<usize> = Vec::new();
        for f in out.drain(..) {
            if f.error_message.is_some() {
                let dup = customs.iter().rev().take(32).any(|&i| {
                    keep.get(i)
                        .is_some_and(|k| k.path == f.path && k.error_message == f.error_message)
                });
                if dup {
                    continue;
                }
                customs.push(keep.len());
            }
            keep.push(f);
        }
        out = keep;
    }
    Ok(out)
}

/// How a frame's instance relates to its parent's.
#[derive(Clone, Copy)]
enum Seg<'v> {
    /// Same instance location (an in-place applicator or `$ref`).
    Same,
    /// The member with this key (a string value of the instance).
    Key(Value<'v>),
    /// The item at this index.
    Index(usize),
}

/// One step of the evaluation path.
struct Frame<'f, 'v> {
    up: Option<&'f Frame<'f, 'v>>,
    node: u32,
    inst: Value<'v>,
    seg: Seg<'v>,
    depth: u32,
    data: u32,
}

/// A path segment added to a frame's path for one failure.
#[derive(Clone, Copy)]
enum Extra<'a> {
    None,
    Key(&'a str),
}

/// A set of small indices; no allocation below 64.
#[derive(Default)]
struct Bits {
    small: u64,
    big: Vec<u64>,
}

impl Bits {
    fn set(&mut self, i: usize) {
        if i < 64 {
            self.small |= 1 << i;
            return;
        }
        let w = i / 64 - 1;
        if self.big.len() <= w {
            self.big.resize(w + 1, 0);
        }
        if let Some(x) = self.big.get_mut(w) {
            *x |= 1 << (i % 64);
        }
    }

    fn get(&self, i: usize) -> bool {
        if i < 64 {
            return self.small & (1 << i) != 0;
        }
        self.big
            .get(i / 64 - 1)
            .is_some_and(|x| x & (1 << (i % 64)) != 0)
    }

    fn merge(&mut self, o: &Bits) {
        self.small |= o.small;
        if self.big.len() < o.big.len() {
            self.big.resize(o.big.len(), 0);
        }
        for (a, b) in self.big.iter_mut().zip(&o.big) {
            *a |= b;
        }
    }
}

/// Annotations at one instance location, for `unevaluated*`: which
/// members and items some subschema evaluated.
#[derive(Default)]
struct Ann {
    props: Bits,
    all_props: bool,
    items: Bits,
    items_upto: usize,
    all_items: bool,
}

impl Ann {
    fn merge(&mut self, o: &Ann) {
        self.props.merge(&o.props);
        self.all_props |= o.all_props;
        self.items.merge(&o.items);
        self.items_upto = self.items_upto.max(o.items_upto);
        self.all_items |= o.all_items;
    }
}

struct Cx<'p> {
    p: &'p Program,
    collect: bool,
    /// Whether failures get their `schema_path` (not needed for envelopes).
    schema_paths: bool,
    out: Vec<Failure>,
    err: Option<ValidateError>,
    steps: u64,
    /// Numbers are JS numbers (doubles): comparisons, `const`/`enum` and
    /// `integer` use the nearest `f64` of the instance's and the schema's
    /// numbers, as JS does; `multipleOf` holds when the decimal as written
    /// or the double's exact value is a multiple.
    js_numbers: bool,
}

fn key_str<'v>(k: Value<'v>) -> Cow<'v, str> {
    match k.as_plain_str() {
        Some(s) => Cow::Borrowed(s),
        None => k.as_str().unwrap_or_default(),
    }
}

fn str_of<'v>(v: Value<'v>) -> Option<Cow<'v, str>> {
    match v.as_plain_str() {
        Some(s) => Some(Cow::Borrowed(s)),
        None => v.as_str(),
    }
}

fn type_ok(bits: u8, v: Value<'_>) -> bool {
    let bit = match v.kind() {
        Kind::Null => TYPE_NULL,
        Kind::Bool => TYPE_BOOLEAN,
        Kind::Object => TYPE_OBJECT,
        Kind::Array => TYPE_ARRAY,
        Kind::String => TYPE_STRING,
        Kind::Number => {
            return bits & TYPE_NUMBER != 0
                || (bits & TYPE_INTEGER != 0
                    && v.number_text().is_some_and(|t| {
                        number::is_integer(t)
                            && (bits & TYPE_INT_NO_FRACTION == 0 || !t.contains('.'))
                    }));
        }
    };
    bits & bit != 0
}

fn json_text(v: Option<Value<'_>>) -> String {
    let mut w = Writer::new();
    match v {
        Some(v) => w.value(v),
        None => w.null(),
    }
    w.finish()
}

/// `type: integer` for a JS number: its double has no fraction
/// (`9007199254740993.5` is the double 9007199254740994).
fn js_integer_ok(bits: u8, v: Value<'_>) -> bool {
    bits & TYPE_INTEGER != 0
        && v.number_text().is_some_and(|t| {
            let x = number::nearest_f64(t);
            x == x.trunc() && (bits & TYPE_INT_NO_FRACTION == 0 || !t.contains('.'))
        })
}

/// JSON equality with numbers compared as the doubles nearest them.
fn equal_js(a: Value<'_>, b: Value<'_>) -> bool {
    match (a.kind(), b.kind()) {
        (Kind::Number, Kind::Number) => match (a.number_text(), b.number_text()) {
            (Some(x), Some(y)) => number::nearest_f64(x) == number::nearest_f64(y),
            _ => false,
        },
        // The schema's value bounds the depth: both sides descend together.
        (Kind::Array, Kind::Array) => {
            a.len() == b.len() && a.items().zip(b.items()).all(|(x, y)| equal_js(x, y))
        }
        (Kind::Object, Kind::Object) => {
            crate::json::objects_equal(a, b, &mut |x, y| Some(equal_js(x, y))) == Some(true)
        }
        _ => equal(a, b),
    }
}

/// JSON equality with a depth bound (instance values can be arbitrarily
/// deep when the caller parsed them with generous limits). Adds the work
/// done to `steps`: one per value compared, plus the members of compared
/// objects (they are indexed).
fn equal_bounded(a: Value<'_>, b: Value<'_>, depth: u32, steps: &mut u64) -> Option<bool> {
    if depth == 0 {
        return None;
    }
    *steps += 1;
    Some(match (a.kind(), b.kind()) {
        (Kind::Array, Kind::Array) => {
            if a.len() != b.len() {
                return Some(false);
            }
            for (x, y) in a.items().zip(b.items()) {
                if !equal_bounded(x, y, depth - 1, steps)? {
                    return Some(false);
                }
            }
            true
        }
        (Kind::Object, Kind::Object) => {
            *steps += (a.len() + b.len()) as u64;
            crate::json::objects_equal(a, b, &mut |x, y| equal_bounded(x, y, depth - 1, steps))?
        }
        (Kind::Array | Kind::Object, _) | (_, Kind::Array | Kind::Object) => false,
        (Kind::Number, Kind::Number) | (Kind::String, Kind::String) => {
            // Long numbers and strings are compared byte by byte.
            *steps += (a.number_text().map_or(0, str::len) + a.as_plain_str().map_or(0, str::len))
                as u64
                / 64;
            equal(a, b)
        }
        _ => equal(a, b),
    })
}

impl<'p> Cx<'p> {
    /// `const`/`enum` equality of a schema value and the instance.
    fn equal(&self, schema: Value<'_>, inst: Value<'_>) -> bool {
        if self.js_numbers {
            equal_js(schema, inst)
        } else {
            equal(schema, inst)
        }
    }

    fn error(&mut self, kind: ValidateErrorKind, message: String) {
        if self.err.is_none() {
            self.err = Some(ValidateError { kind, message });
        }
    }

    /// Counts `n` steps of work that is not a subschema evaluation
    /// (`uniqueItems` and `enum` comparisons, `required` lookups,
    /// `patternProperties` matches) against [`MAX_EVAL_STEPS`]; false, with
    /// the `TooComplex` error, once the budget is spent.
    fn spend(&mut self, n: u64) -> bool {
        self.steps = self.steps.saturating_add(n);
        if self.steps <= MAX_EVAL_STEPS {
            return true;
        }
        let mut m = String::from("validation needed more than ");
        crate::json::write_u64(&mut m, MAX_EVAL_STEPS);
        m.push_str(" steps; the schema is too complex for this instance");
        self.error(ValidateErrorKind::TooComplex, m);
        false
    }

    fn is_false(&self, node: u32) -> bool {
        self.p.node(node).flags & F_FALSE != 0
    }

    /// Evaluates `node` against `inst`. `hop` marks a `$ref`, checked for
    /// loops; `ann` collects annotations for an enclosing `unevaluated*`.
    #[cfg_attr(fieldnote_speed, optimize(speed))]
    fn eval<'v>(
        &mut self,
        up: Option<&Frame<'_, 'v>>,
        node: u32,
        inst: Value<'v>,
        seg: Seg<'v>,
        hop: bool,
        ann: Option<&mut Ann>,
    ) -> bool {
        if self.err.is_some() {
            return false;
        }
        let (depth, data) = match up {
            Some(f) => (f.depth + 1, f.data + u32::from(!matches!(seg, Seg::Same))),
            None => (0, 0),
        };
        if depth > MAX_EVAL_DEPTH || data > MAX_DATA_DEPTH {
            let mut m = String::new();
            if data > MAX_DATA_DEPTH {
                m.push_str("instance is nested deeper than ");
                crate::json::write_u64(&mut m, u64::from(MAX_DATA_DEPTH));
                m.push_str(" levels");
            } else {
                m.push_str("schema evaluation is nested deeper than ");
                crate::json::write_u64(&mut m, u64::from(MAX_EVAL_DEPTH));
                m.push_str(" levels (deep data or a long chain of $refs)");
            }
            self.error(ValidateErrorKind::TooDeep, m);
            return false;
        }
        self.steps += 1;
        if self.steps > MAX_EVAL_STEPS {
            let mut m = String::from("validation needed more than ");
            crate::json::write_u64(&mut m, MAX_EVAL_STEPS);
            m.push_str(" steps; the schema is too complex for this instance");
            self.error(ValidateErrorKind::TooComplex, m);
            return false;
        }
        if hop {
            let at = inst.index_in_doc();
            let mut cur = up;
            while let Some(f) = cur {
                if f.inst.index_in_doc() != at {
                    break;
                }
                if f.node == node {
                    self.ref_loop(f, node);
                    return false;
                }
                cur = f.up;
            }
        }
        let frame = Frame {
            up,
            node,
            inst,
            seg,
            depth,
            data,
        };
        let n = self.p.node(node);
        if n.flags & F_UNEVAL != 0 {
            self.ops_tracked(&frame, n, ann)
        } else {
            self.ops(&frame, n, ann)
        }
    }

    /// Runs a node with `unevaluated*`: its annotations are collected
    /// afresh, then passed up if it is valid. (Separate so that the common
    /// path's stack frame does not carry an `Ann`.)
    #[inline(never)]
    fn ops_tracked<'v>(&mut self, f: &Frame<'_, 'v>, n: Node, ann: Option<&mut Ann>) -> bool {
        let mut local = Ann::default();
        let ok = self.ops(f, n, Some(&mut local));
        if ok {
            if let Some(a) = ann {
                a.merge(&local);
            }
        }
        ok
    }

    #[inline(never)]
    fn ref_loop(&mut self, f: &Frame<'_, '_>, node: u32) {
        let mut m = String::from("$ref to ");
        m.push_str(&self.schema_path(node, ""));
        m.push_str(" leads back to itself at ");
        let path = inst_path(f);
        if path.is_empty() {
            m.push_str("the root of the instance");
        } else {
            m.push_str(&path);
        }
        m.push_str(" without moving into the instance, so validation would never end");
        self.error(ValidateErrorKind::RefLoop, m);
    }

    #[cfg_attr(fieldnote_speed, optimize(speed))]
    fn ops<'v>(&mut self, f: &Frame<'_, 'v>, n: Node, mut ann: Option<&mut Ann>) -> bool {
        let mut ok = true;
        for i in n.start..n.end {
            let Some(&op) = self.p.ops.get(i as usize) else {
                break;
            };
            if !self.op(f, n, op, ann.as_deref_mut()) {
                ok = false;
                if !self.collect || self.err.is_some() {
                    return false;
                }
            }
        }
        ok
    }

    #[cfg_attr(fieldnote_speed, optimize(speed))]
    fn op<'v>(&mut self, f: &Frame<'_, 'v>, n: Node, op: Op, mut ann: Option<&mut Ann>) -> bool {
        let inst = f.inst;
        match op {
            Op::Type(bits) => {
                type_ok(bits, inst)
                    || (self.js_numbers && js_integer_ok(bits, inst))
                    || self.fail_type(f, bits)
            }
            Op::Const(idx) => {
                let c = self.p.value(n.doc, idx);
                c.is_some_and(|c| self.equal(c, inst)) || self.fail_value(f, "const", c)
            }
            Op::Enum(idx) => {
                let e = self.p.value(n.doc, idx);
                self.enum_has(e, f) || self.fail_value(f, "enum", e)
            }
            Op::MultipleOf(i) => match (inst.number_text(), self.p.divisors.get(i as usize)) {
                (Some(t), Some(d)) => {
                    d.divides(t, number::to_f64(t))
                        || (self.js_numbers && d.divides_f64(number::nearest_f64(t)))
                        || self.fail_multiple(f, n)
                }
                _ => true,
            },
            Op::Compare(cmp, idx, limit) => self.compare(f, n, cmp, idx, limit),
            Op::FormatCompare(cmp, idx, kind) => self.format_compare(f, n, cmp, idx, kind),
            Op::Size(size, limit) => self.size(f, size, limit),
            Op::Pattern(r) => match str_of(inst) {
                Some(s) => match self.p.regexes.get(r as usize).map(|re| re.is_match(&s)) {
                    Some(Ok(false)) => self.fail_pattern(f, n, false),
                    Some(Err(_)) => self.fail_pattern(f, n, true),
                    _ => true,
                },
                None => true,
            },
            Op::Format(name) => match str_of(inst) {
                Some(s) => {
                    crate::format::check(self.p.name(name), &s) != Some(false)
                        || self.fail_format(f, name)
                }
                None => true,
            },
            Op::UniqueItems => self.unique(f),
            Op::Required(s, e) => self.required(f, s, e),
            Op::DependentRequired(s, e) => self.dependent_required(f, n, s, e),
            Op::Props {
                props,
                props_end,
                pats,
                pats_end,
                additional,
            } => self.props(f, props, props_end, pats, pats_end, additional, ann),
            Op::PropertyNames(c) => self.property_names(f, c),
            Op::DependentSchemas(s, e) => {
                if inst.kind() != Kind::Object {
                    return true;
                }
                let mut ok = true;
                for i in s..e {
                    let Some(&(name, c)) = self.p.dschemas.get(i as usize) else {
                        break;
                    };
                    if inst.get(self.p.name(name)).is_some()
                        && !self.eval(Some(f), c, inst, Seg::Same, false, ann.as_deref_mut())
                    {
                        ok = false;
                        if !self.collect {
                            return false;
                        }
                    }
                }
                ok
            }
            Op::Items {
                prefix,
                prefix_end,
                rest,
                legacy,
            } => self.items(f, prefix, prefix_end, rest, legacy, ann),
            Op::Contains {
                node,
                min,
                max,
                explicit_min,
                marks,
            } => self.contains(f, node, min, max, explicit_min, ann.filter(|_| marks)),
            Op::AllOf(s, e) => {
                let mut ok = true;
                for i in s..e {
                    if !self.eval(
                        Some(f),
                        self.p.kid(i),
                        inst,
                        Seg::Same,
                        false,
                        ann.as_deref_mut(),
                    ) {
                        ok = false;
                        if !self.collect {
                            return false;
                        }
                    }
                }
                ok
            }
            Op::Discriminator {
                prop,
                map,
                map_end,
                start,
                end,
                one,
            } => {
                let tag = inst.get(self.p.name(prop)).and_then(str_of);
                let mapped = tag.and_then(|t| {
                    let entries = self.p.dschemas.get(map as usize..map_end as usize)?;
                    entries.iter().find(|e| self.p.name(e.0) == t).map(|e| e.1)
                });
                match mapped {
                    Some(node) => self.eval(Some(f), node, inst, Seg::Same, false, ann),
                    None => self.any_of(f, start, end, one, ann),
                }
            }
            Op::AnyOf(s, e) => self.any_of(f, s, e, false, ann),
            Op::OneOf(s, e) => self.any_of(f, s, e, true, ann),
            Op::Not(c) => {
                let saved = std::mem::replace(&mut self.collect, false);
                let valid = self.eval(Some(f), c, inst, Seg::Same, false, None);
                self.collect = saved;
                !valid || self.fail(f, Extra::None, "not", "not", Params::None)
            }
            Op::If(c, t, e) => self.if_then_else(f, c, t, e, ann),
            Op::Ref(t) => self.eval(Some(f), t, inst, Seg::Same, true, ann),
            Op::DynamicRef(t, name) => {
                let mut target = t;
                let mut last = NONE;
                let mut cur = Some(f);
                while let Some(fr) = cur {
                    let res = self.p.node(fr.node).res;
                    if res != last {
                        if let Some(found) = self.p.dynamic_anchor(res, name) {
                            target = found;
                        }
                        last = res;
                    }
                    cur = fr.up;
                }
                self.eval(Some(f), target, inst, Seg::Same, true, ann)
            }
            Op::UnevaluatedProperties(c) => self.unevaluated_props(f, c, ann),
            Op::UnevaluatedItems(c) => self.unevaluated_items(f, c, ann),
            Op::Content { base64, json } => self.content(f, base64, json),
            Op::False => self.fail(f, Extra::None, "false schema", "", Params::None),
        }
    }

    // ----- keyword handlers (kept out of `op` to keep its stack frame small)

    #[inline(never)]
    fn if_then_else(
        &mut self,
        f: &Frame<'_, '_>,
        c: u32,
        t: u32,
        e: u32,
        mut ann: Option<&mut Ann>,
    ) -> bool {
        let inst = f.inst;
        let saved = std::mem::replace(&mut self.collect, false);
        let cond = match ann {
            Some(ref mut a) => {
                let mut b = Ann::default();
                let r = self.eval(Some(f), c, inst, Seg::Same, false, Some(&mut b));
                if r {
                    a.merge(&b);
                }
                r
            }
            None => self.eval(Some(f), c, inst, Seg::Same, false, None),
        };
        self.collect = saved;
        let next = if cond { t } else { e };
        next == NONE || self.eval(Some(f), next, inst, Seg::Same, false, ann)
    }

    #[inline(never)]
    #[cfg_attr(fieldnote_speed, optimize(speed))]
    fn compare(&mut self, f: &Frame<'_, '_>, n: Node, cmp: Cmp, idx: u32, limit: f64) -> bool {
        let Some(text) = f.inst.number_text() else {
            return true;
        };
        // A quick estimate decides unless it is within a few ulps of the
        // limit; then the decimals are compared exactly.
        let x = number::to_f64(text);
        let near = (x - limit).abs() <= x.abs().max(limit.abs()) * 1e-15;
        let ord = if self.js_numbers {
            let lt = self.p.value(n.doc, idx).and_then(|v| v.number_text());
            let limit = number::nearest_f64(lt.unwrap_or("0"));
            number::nearest_f64(text)
                .partial_cmp(&limit)
                .unwrap_or(std::cmp::Ordering::Equal)
        } else if x < limit && !near {
            std::cmp::Ordering::Less
        } else if x > limit && !near {
            std::cmp::Ordering::Greater
        } else {
            let lt = self
                .p
                .value(n.doc, idx)
                .and_then(|v| v.number_text())
                .unwrap_or("0");
            number::Dec::parse(text).cmp_value(&number::Dec::parse(lt))
        };
        use std::cmp::Ordering::*;
        let (ok, keyword, comparison) = match cmp {
            Cmp::Minimum => (ord != Less, "minimum", ">="),
            Cmp::ExclusiveMinimum => (ord == Greater, "exclusiveMinimum", ">"),
            Cmp::Maximum => (ord != Greater, "maximum", "<="),
            Cmp::ExclusiveMaximum => (ord == Less, "exclusiveMaximum", "<"),
        };
        if ok || !self.collect {
            return ok;
        }
        let limit = self
            .p
            .value(n.doc, idx)
            .and_then(|v| v.number_text())
            .unwrap_or("0")
            .to_owned();
        self.fail(
            f,
            Extra::None,
            keyword,
            keyword,
            Params::Compare { comparison, limit },
        )
    }

    /// `formatMinimum`... Values not of the format pass (`format` reports
    /// them).
    #[inline(never)]
    fn format_compare(&mut self, f: &Frame<'_, '_>, n: Node, cmp: Cmp, idx: u32, kind: u8) -> bool {
        use crate::format::date::instant;
        let Some(s) = str_of(f.inst) else {
            return true;
        };
        let Some(limit) = self.p.value(n.doc, idx).and_then(|v| str_of(v)) else {
            return true;
        };
        let (Some(a), Some(b)) = (instant(kind, &s), instant(kind, &limit)) else {
            return true;
        };
        use std::cmp::Ordering::*;
        let ord = a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1));
        let (ok, keyword, comparison) = match cmp {
            Cmp::Minimum => (ord != Less, "formatMinimum", ">="),
            Cmp::ExclusiveMinimum => (ord == Greater, "formatExclusiveMinimum", ">"),
            Cmp::Maximum => (ord != Greater, "formatMaximum", "<="),
            Cmp::ExclusiveMaximum => (ord == Less, "formatExclusiveMaximum", "<"),
        };
        if ok || !self.collect {
            return ok;
        }
        let limit = json_text(self.p.value(n.doc, idx));
        self.fail(
            f,
            Extra::None,
            keyword,
            keyword,
            Params::Compare { comparison, limit },
        )
    }

    #[inline(never)]
    #[cfg_attr(fieldnote_speed, optimize(speed))]
    fn size(&mut self, f: &Frame<'_, '_>, size: Size, limit: u64) -> bool {
        let inst = f.inst;
        let (kind, min, keyword) = match size {
            Size::MinLength => (Kind::String, true, "minLength"),
            Size::MaxLength => (Kind::String, false, "maxLength"),
            Size::MinItems => (Kind::Array, true, "minItems"),
            Size::MaxItems => (Kind::Array, false, "maxItems"),
            Size::MinProperties => (Kind::Object, true, "minProperties"),
            Size::MaxProperties => (Kind::Object, false, "maxProperties"),
        };
        if inst.kind() != kind {
            return true;
        }
        let n = if kind == Kind::String {
            str_of(inst).map(|s| s.chars().count()).unwrap_or(0)
        } else {
            inst.len()
        } as u64;
        let ok = if min { n >= limit } else { n <= limit };
        ok || self.fail(f, Extra::None, keyword, keyword, Params::Limit(limit))
    }

    /// Whether the instance is one of the `enum` values; every comparison
    /// is counted against the step budget (an `enum` of 100 000 objects
    /// against a 1 000-member instance ends with `TooComplex`).
    fn enum_has(&mut self, e: Option<Value<'_>>, f: &Frame<'_, '_>) -> bool {
        let Some(e) = e else {
            return false;
        };
        let depth = MAX_DATA_DEPTH.saturating_sub(f.data).max(1);
        let mut steps = 0;
        for c in e.items() {
            // An enum value nested deeper than the data may go is not equal.
            let eq = if self.js_numbers {
                // The schema's value bounds the depth: both sides descend together.
                steps += 1 + c.len() as u64;
                Some(equal_js(c, f.inst))
            } else {
                equal_bounded(c, f.inst, depth, &mut steps)
            };
            if !self.spend(steps) {
                return true; // the error ends the validation
            }
            steps = 0;
            if eq == Some(true) {
                return true;
            }
        }
        false
    }

    #[inline(never)]
    fn unique(&mut self, f: &Frame<'_, '_>) -> bool {
        let inst = f.inst;
        if inst.kind() != Kind::Array || inst.len() < 2 {
            return true;
        }
        let depth = MAX_DATA_DEPTH.saturating_sub(f.data).max(1);
        let mut dup = None;
        let mut too_deep = false;
        // Comparisons and hashing are counted against the step budget.
        let mut steps = 0u64;
        if inst.len() <= 16 {
            'outer: for (i, a) in inst.items().enumerate() {
                for (j, b) in inst.items().enumerate().skip(i + 1) {
                    match equal_bounded(a, b, depth, &mut steps) {
                        Some(true) => {
                            dup = Some((i, j));
                            break 'outer;
                        }
                        Some(false) => {}
                        None => {
                            too_deep = true;
                            break 'outer;
                        }
                    }
                }
            }
        } else {
            // Long arrays: an open-addressing table of item hashes (mixed
            // so that every bit counts), so the work stays linear; equal
            // hashes are confirmed by comparison.
            let items: Vec<Value<'_>> = inst.items().collect();
            let mut hashes = Vec::with_capacity(items.len());
            for v in &items {
                match v.json_hash(depth) {
                    Some(h) => hashes.push(h),
                    None => {
                        too_deep = true;
                        break;
                    }
                }
            }
            steps += items.len() as u64;
            let size = (items.len() * 2).next_power_of_two();
            let mut table = vec![u32::MAX; if too_deep { 0 } else { size }];
            // Stop as soon as the budget is spent: a table that degenerates
            // (a bug, or many equal hashes) must not run on.
            let budget = MAX_EVAL_STEPS.saturating_sub(self.steps);
            'items: for (j, &h) in hashes.iter().enumerate() {
                let mut at = h as usize & (size - 1);
                loop {
                    steps += 1;
                    if steps > budget {
                        break 'items;
                    }
                    let Some(slot) = table.get_mut(at) else {
                        break 'items;
                    };
                    if *slot == u32::MAX {
                        *slot = j as u32;
                        break;
                    }
                    let i = *slot as usize;
                    if hashes.get(i) == Some(&h) {
                        let (Some(a), Some(b)) = (items.get(i), items.get(j)) else {
                            break 'items;
                        };
                        match equal_bounded(*a, *b, depth, &mut steps) {
                            Some(true) => {
                                dup = Some((i, j));
                                break 'items;
                            }
                            Some(false) => {}
                            None => {
                                too_deep = true;
                                break 'items;
                            }
                        }
                    }
                    at = (at + 1) & (size - 1);
                }
            }
        }
        if too_deep {
            let mut m = String::from("instance is nested deeper than ");
            crate::json::write_u64(&mut m, u64::from(MAX_DATA_DEPTH));
            m.push_str(" levels");
            self.error(ValidateErrorKind::TooDeep, m);
            return false;
        }
        if !self.spend(steps) {
            return false;
        }
        match dup {
            None => true,
            Some((i, j)) => self.fail(
                f,
                Extra::None,
                "uniqueItems",
                "uniqueItems",
                Params::Duplicate(i as u64, j as u64),
            ),
        }
    }

    #[inline(never)]
    #[cfg_attr(fieldnote_speed, optimize(speed))]
    fn required(&mut self, f: &Frame<'_, '_>, s: u32, e: u32) -> bool {
        let inst = f.inst;
        if inst.kind() != Kind::Object {
            return true;
        }
        let n = e.saturating_sub(s) as usize;
        if n <= 64 && inst.len() >= n {
            // One pass over the members, looking each key up in the sorted
            // copy of the list.
            let sorted = self.p.lists.get(e as usize..e as usize + n).unwrap_or(&[]);
            let mut seen = 0u64;
            for (k, _) in inst.members_raw() {
                let key = key_str(k);
                if let Ok(pos) = sorted.binary_search_by(|x| key_cmp(self.p.name(*x), &key)) {
                    seen |= 1 << pos;
                }
            }
            if seen.count_ones() as usize == n {
                return true;
            }
        }
        // A long list against a large object (40 000 names, 40 000 members):
        // the object's names are indexed once, not scanned per name. The
        // work is counted against the step budget.
        let big = n > 1 && inst.len() > 16;
        let work = if big {
            n + inst.len()
        } else {
            n * inst.len().max(1)
        };
        if !self.spend(work as u64) {
            return false;
        }
        let keys: Vec<Cow<'_, str>> = if big {
            inst.members_raw().map(|(k, _)| key_str(k)).collect()
        } else {
            Vec::new()
        };
        let key_of = |m: usize| keys.get(m).map(|k| k.as_ref());
        // Built only for large objects: validating ordinary ones allocates nothing.
        let index = big.then(|| {
            let mut index = crate::paths::Index::with_capacity(keys.len());
            for (i, k) in keys.iter().enumerate() {
                index.get_or_insert(k, i, &key_of);
            }
            index
        });
        let mut ok = true;
        for i in s..e {
            let name = self.p.list(i);
            let present = match &index {
                Some(ix) => ix.get(self.p.name(name), &key_of).is_some(),
                None => inst.get(self.p.name(name)).is_some(),
            };
            if !present {
                ok = false;
                if !self.collect {
                    return false;
                }
                let name = self.p.name(name).to_owned();
                self.fail(
                    f,
                    Extra::Key(&name),
                    "required",
                    "required",
                    Params::Missing(name.clone()),
                );
            }
        }
        ok
    }

    #[inline(never)]
    fn dependent_required(&mut self, f: &Frame<'_, '_>, n: Node, s: u32, e: u32) -> bool {
        let inst = f.inst;
        if inst.kind() != Kind::Object {
            return true;
        }
        let mut ok = true;
        for d in s..e {
            let Some(&dep) = self.p.deps.get(d as usize) else {
                break;
            };
            if inst.get(self.p.name(dep.name)).is_none() {
                continue;
            }
            for i in dep.start..dep.end {
                let name = self.p.list(i);
                if inst.get(self.p.name(name)).is_some() {
                    continue;
                }
                ok = false;
                if !self.collect {
                    return false;
                }
                let kw = match self.p.value(n.doc, n.idx) {
                    Some(v) if v.get("dependentRequired").is_some() => "dependentRequired",
                    _ => "dependencies",
                };
                let missing = self.p.name(name).to_owned();
                let property = self.p.name(dep.name).to_owned();
                let mut path = String::from(kw);
                path.push('/');
                path.push_str(&escape_token(&property));
                self.fail(
                    f,
                    Extra::Key(&missing),
                    "dependentRequired",
                    &path,
                    Params::Dependent {
                        property,
                        missing: missing.clone(),
                    },
                );
            }
        }
        ok
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    #[cfg_attr(fieldnote_speed, optimize(speed))]
    fn props<'v>(
        &mut self,
        f: &Frame<'_, 'v>,
        ps: u32,
        pe: u32,
        qs: u32,
        qe: u32,
        additional: u32,
        mut ann: Option<&mut Ann>,
    ) -> bool {
        let inst = f.inst;
        if inst.kind() != Kind::Object {
            return true;
        }
        let mut ok = true;
        for (i, (k, v)) in inst.members_raw().enumerate() {
            let key = key_str(k);
            let mut matched = false;
            let mut good = true;
            if ps < pe {
                if let Some(c) = self.p.find_prop(ps, pe, &key) {
                    matched = true;
                    good &= self.eval(Some(f), c, v, Seg::Key(k), false, None);
                }
            }
            for q in qs..qe {
                if !good && !self.collect {
                    break;
                }
                let Some(&(r, c)) = self.p.pats.get(q as usize) else {
                    break;
                };
                // Each match is counted: 1 000 unanchored patterns against
                // 5 000 long names end with `TooComplex`, not a minute of work.
                if !self.spend(1 + key.len() as u64 / 64) {
                    return false;
                }
                match self.p.regexes.get(r as usize).map(|re| re.is_match(&key)) {
                    Some(Ok(true)) => {
                        matched = true;
                        good &= self.eval(Some(f), c, v, Seg::Key(k), false, None);
                    }
                    Some(Err(_)) => {
                        good = false;
                        if !self.collect {
                            return false;
                        }
                        let src = self.pattern_source(c);
                        self.fail(
                            f,
                            Extra::Key(&key),
                            "pattern",
                            "patternProperties",
                            Params::Pattern {
                                pattern: src,
                                too_complex: true,
                                example: None,
                            },
                        );
                    }
                    _ => {}
                }
            }
            if !matched && additional != NONE && (good || self.collect) {
                if self.is_false(additional) {
                    good = false;
                    if !self.collect {
                        return false;
                    }
                    self.fail(
                        f,
                        Extra::Key(&key),
                        "additionalProperties",
                        "additionalProperties",
                        Params::AdditionalProperty(key.clone().into_owned()),
                    );
                } else {
                    good &= self.eval(Some(f), additional, v, Seg::Key(k), false, None);
                }
            }
            if let Some(a) = ann.as_deref_mut() {
                if matched || additional != NONE {
                    a.props.set(i);
                }
            }
            if !good {
                ok = false;
                if !self.collect || self.err.is_some() {
                    return false;
                }
            }
        }
        ok
    }

    /// The source text of the pattern of a `patternProperties` entry whose
    /// subschema is `node` (for failure params).
    fn pattern_source(&self, node: u32) -> String {
        let n = self.p.node(node);
        let Some(doc) = self.p.docs.get(n.doc as usize) else {
            return String::new();
        };
        // The key node sits just before its value on the tape.
        n.idx
            .checked_sub(1)
            .and_then(|k| doc.value_at(k as usize))
            .and_then(|k| k.as_str())
            .map(|s| s.into_owned())
            .unwrap_or_default()
    }

    #[inline(never)]
    fn property_names(&mut self, f: &Frame<'_, '_>, c: u32) -> bool {
        let inst = f.inst;
        if inst.kind() != Kind::Object {
            return true;
        }
        let mut ok = true;
        for (k, _) in inst.members_raw() {
            let saved = std::mem::replace(&mut self.collect, false);
            let good = !self.is_false(c) && self.eval(Some(f), c, k, Seg::Same, false, None);
            self.collect = saved;
            if !good {
                ok = false;
                if !self.collect || self.err.is_some() {
                    return false;
                }
                let name = key_str(k).into_owned();
                self.fail(
                    f,
                    Extra::None,
                    "propertyNames",
                    "propertyNames",
                    Params::PropertyName(name),
                );
            }
        }
        ok
    }

    #[inline(never)]
    #[cfg_attr(fieldnote_speed, optimize(speed))]
    fn items<'v>(
        &mut self,
        f: &Frame<'_, 'v>,
        prefix: u32,
        prefix_end: u32,
        rest: u32,
        legacy: bool,
        ann: Option<&mut Ann>,
    ) -> bool {
        let inst = f.inst;
        if inst.kind() != Kind::Array {
            return true;
        }
        let np = prefix_end.saturating_sub(prefix) as usize;
        let mut ok = true;
        for (i, item) in inst.items().enumerate() {
            let c = if i < np {
                self.p.kid(prefix + i as u32)
            } else if rest != NONE {
                if self.is_false(rest) {
                    let kw = if legacy { "additionalItems" } else { "items" };
                    self.fail(f, Extra::None, kw, kw, Params::Limit(np as u64));
                    ok = false;
                    break;
                }
                rest
            } else {
                break;
            };
            if !self.eval(Some(f), c, item, Seg::Index(i), false, None) {
                ok = false;
                if !self.collect || self.err.is_some() {
                    return false;
                }
            }
        }
        if let Some(a) = ann {
            if rest != NONE {
                a.all_items = true;
            } else {
                a.items_upto = a.items_upto.max(np.min(inst.len()));
            }
        }
        ok
    }

    #[inline(never)]
    fn contains(
        &mut self,
        f: &Frame<'_, '_>,
        node: u32,
        min: u32,
        max: u32,
        explicit_min: bool,
        mut ann: Option<&mut Ann>,
    ) -> bool {
        let inst = f.inst;
        if inst.kind() != Kind::Array {
            return true;
        }
        let saved = std::mem::replace(&mut self.collect, false);
        let mut count: u32 = 0;
        for (i, item) in inst.items().enumerate() {
            if self.eval(Some(f), node, item, Seg::Index(i), false, None) {
                count = count.saturating_add(1);
                if let Some(a) = ann.as_deref_mut() {
                    a.items.set(i);
                }
            }
            if self.err.is_some() {
                break;
            }
            if ann.is_none() && max == NONE && count >= min {
                break;
            }
        }
        self.collect = saved;
        if count < min {
            let kw = if explicit_min {
                "minContains"
            } else {
                "contains"
            };
            return self.fail(f, Extra::None, kw, kw, Params::Limit(u64::from(min)));
        }
        if max != NONE && count > max {
            return self.fail(
                f,
                Extra::None,
                "maxContains",
                "maxContains",
                Params::Limit(u64::from(max)),
            );
        }
        true
    }

    /// `anyOf` (`one == false`) and `oneOf`.
    #[inline(never)]
    fn any_of(
        &mut self,
        f: &Frame<'_, '_>,
        s: u32,
        e: u32,
        one: bool,
        ann: Option<&mut Ann>,
    ) -> bool {
        let inst = f.inst;
        let start = self.out.len();
        let at = inst.index_in_doc();
        let mut valid: u32 = 0;
        let mut passing = (0u32, 0u32);
        let mut chosen: Option<Ann> = None;
        let mut merged = Ann::default();
        // Branches that failed but accept the instance's type, and the
        // failures of the last such branch.
        let mut compatible = 0u32;
        let mut last = (start, start);
        let want_ann = ann.is_some();
        for i in s..e {
            let before = self.out.len();
            let mut b = Ann::default();
            let ok = self.eval(
                Some(f),
                self.p.kid(i),
                inst,
                Seg::Same,
                false,
                if want_ann { Some(&mut b) } else { None },
            );
            if self.err.is_some() {
                return false;
            }
            if ok {
                valid += 1;
                if valid == 1 {
                    passing.0 = i - s;
                } else if valid == 2 {
                    passing.1 = i - s;
                }
                if one {
                    if valid == 1 {
                        chosen = Some(b);
                    } else {
                        break;
                    }
                } else if want_ann {
                    merged.merge(&b);
                } else {
                    break;
                }
            } else if self.collect {
                let mismatch = self
                    .out
                    .get(before..)
                    .unwrap_or(&[])
                    .iter()
                    .any(|x| x.at == at && matches!(x.keyword, "type" | "false schema"));
                if !mismatch {
                    compatible += 1;
                    last = (before, self.out.len());
                }
            }
        }
        let ok = if one { valid == 1 } else { valid >= 1 };
        if ok {
            self.out.truncate(start);
            if let Some(a) = ann {
                a.merge(if one {
                    chosen.as_ref().unwrap_or(&merged)
                } else {
                    &merged
                });
            }
            return true;
        }
        if !self.collect {
            return false;
        }
        let kw = if one { "oneOf" } else { "anyOf" };
        if valid > 1 {
            self.out.truncate(start);
            return self.fail(
                f,
                Extra::None,
                kw,
                kw,
                Params::Passing(passing.0, passing.1),
            );
        }
        if compatible == 1 {
            // Keep only the failures of the one branch that fits the type.
            let (a, b) = last;
            self.out.truncate(b);
            self.out.drain(start..a);
            return false;
        }
        self.out.truncate(start);
        self.fail(f, Extra::None, kw, kw, Params::None)
    }

    #[inline(never)]
    fn unevaluated_props(&mut self, f: &Frame<'_, '_>, c: u32, ann: Option<&mut Ann>) -> bool {
        let inst = f.inst;
        let Some(a) = ann else {
            return true;
        };
        if inst.kind() != Kind::Object || a.all_props {
            return true;
        }
        let mut ok = true;
        for (i, (k, v)) in inst.members_raw().enumerate() {
            if a.props.get(i) {
                continue;
            }
            let good = if self.is_false(c) {
                if !self.collect {
                    return false;
                }
                let key = key_str(k).into_owned();
                self.fail(
                    f,
                    Extra::Key(&key),
                    "unevaluatedProperties",
                    "unevaluatedProperties",
                    Params::UnevaluatedProperty(key.clone()),
                )
            } else {
                self.eval(Some(f), c, v, Seg::Key(k), false, None)
            };
            if !good {
                ok = false;
                if !self.collect || self.err.is_some() {
                    return false;
                }
            }
        }
        a.all_props = true;
        ok
    }

    #[inline(never)]
    fn unevaluated_items(&mut self, f: &Frame<'_, '_>, c: u32, ann: Option<&mut Ann>) -> bool {
        let inst = f.inst;
        let Some(a) = ann else {
            return true;
        };
        if inst.kind() != Kind::Array || a.all_items {
            return true;
        }
        let mut ok = true;
        for (i, item) in inst.items().enumerate() {
            if i < a.items_upto || a.items.get(i) {
                continue;
            }
            let good = if self.is_false(c) {
                let frame = Frame {
                    up: Some(f),
                    node: c,
                    inst: item,
                    seg: Seg::Index(i),
                    depth: f.depth + 1,
                    data: f.data + 1,
                };
                self.fail(
                    &frame,
                    Extra::None,
                    "unevaluatedItems",
                    "unevaluatedItems",
                    Params::None,
                )
            } else {
                self.eval(Some(f), c, item, Seg::Index(i), false, None)
            };
            if !good {
                ok = false;
                if !self.collect || self.err.is_some() {
                    return false;
                }
            }
        }
        a.all_items = true;
        ok
    }

    #[inline(never)]
    fn content(&mut self, f: &Frame<'_, '_>, base64: bool, json: bool) -> bool {
        let Some(s) = str_of(f.inst) else {
            return true;
        };
        let decoded;
        let text: &str = if base64 {
            match crate::base64::decode(&s, crate::base64::Alphabet::Standard) {
                Some(bytes) => {
                    decoded = String::from_utf8(bytes).ok();
                    match (&decoded, json) {
                        (Some(d), _) => d,
                        (None, true) => {
                            return self.fail(
                                f,
                                Extra::None,
                                "contentMediaType",
                                "contentMediaType",
                                Params::None,
                            )
                        }
                        (None, false) => return true,
                    }
                }
                None => {
                    return self.fail(
                        f,
                        Extra::None,
                        "contentEncoding",
                        "contentEncoding",
                        Params::None,
                    )
                }
            }
        } else {
            &s
        };
        if json && crate::json::Document::parse(text).is_err() {
            return self.fail(
                f,
                Extra::None,
                "contentMediaType",
                "contentMediaType",
                Params::None,
            );
        }
        true
    }

    // ----- failures

    #[inline(never)]
    fn fail_type(&mut self, f: &Frame<'_, '_>, bits: u8) -> bool {
        if !self.collect {
            return false;
        }
        let mut t = String::new();
        for (i, name) in TYPE_NAMES.iter().enumerate() {
            if bits & (1 << i) != 0 {
                if !t.is_empty() {
                    t.push(',');
                }
                t.push_str(name);
            }
        }
        self.fail(f, Extra::None, "type", "type", Params::Type(t))
    }

    #[inline(never)]
    fn fail_value(&mut self, f: &Frame<'_, '_>, kw: &'static str, v: Option<Value<'_>>) -> bool {
        if !self.collect {
            return false;
        }
        let text = json_text(v);
        let params = if kw == "const" {
            Params::Const(text)
        } else {
            Params::Enum(text)
        };
        self.fail(f, Extra::None, kw, kw, params)
    }

    #[inline(never)]
    fn fail_multiple(&mut self, f: &Frame<'_, '_>, n: Node) -> bool {
        if !self.collect {
            return false;
        }
        let m = self
            .p
            .value(n.doc, n.idx)
            .and_then(|v| v.get("multipleOf"))
            .and_then(|v| v.number_text())
            .unwrap_or("1")
            .to_owned();
        self.fail(
            f,
            Extra::None,
            "multipleOf",
            "multipleOf",
            Params::MultipleOf(m),
        )
    }

    #[inline(never)]
    fn fail_pattern(&mut self, f: &Frame<'_, '_>, n: Node, too_complex: bool) -> bool {
        if !self.collect {
            return false;
        }
        let v = self.p.value(n.doc, n.idx);
        let pattern = v
            .and_then(|v| v.get("pattern"))
            .and_then(|v| v.as_str())
            .map(|s| s.into_owned())
            .unwrap_or_default();
        let example = v
            .and_then(|v| v.get("examples"))
            .and_then(|e| e.at(0))
            .and_then(|e| e.as_str())
            .map(|s| s.into_owned());
        self.fail(
            f,
            Extra::None,
            "pattern",
            "pattern",
            Params::Pattern {
                pattern,
                too_complex,
                example,
            },
        )
    }

    #[inline(never)]
    fn fail_format(&mut self, f: &Frame<'_, '_>, name: u32) -> bool {
        if !self.collect {
            return false;
        }
        let name = self.p.name(name).to_owned();
        self.fail(f, Extra::None, "format", "format", Params::Format(name))
    }

    /// Records a failure (in collecting mode); always returns `false`.
    #[inline(never)]
    fn fail(
        &mut self,
        f: &Frame<'_, '_>,
        extra: Extra<'_>,
        keyword: &'static str,
        kw_path: &str,
        params: Params,
    ) -> bool {
        if !self.collect {
            return false;
        }
        let mut path = inst_path(f);
        let key = match extra {
            Extra::Key(k) => Some(k),
            Extra::None => None,
        };
        let mut title = match key {
            Some(k) => {
                crate::paths::push_key(&mut path, k);
                if matches!(keyword, "required" | "dependentRequired") {
                    self.title_of_property(f, k)
                } else {
                    None
                }
            }
            None => self.title_at(f),
        };
        let error_message = self.error_message(f, keyword, key).map(|c| {
            if let Some((p, t)) = c.at {
                path = p;
                title = t;
            }
            c.text
        });
        let schema_path = if self.schema_paths {
            self.schema_path(f.node, kw_path)
        } else {
            String::new()
        };
        let choice = match key {
            Some(k) if matches!(keyword, "required" | "dependentRequired") => self.is_choice(f, k),
            _ => false,
        };
        self.out.push(Failure {
            path,
            keyword,
            params,
            schema_path,
            title,
            error_message,
            choice,
            at: f.inst.index_in_doc(),
        });
        false
    }

    /// Whether property `name` is answered by choosing: its subschema (or
    /// what it `$ref`s) has `enum`, `const` or `type: boolean`.
    fn is_choice(&self, f: &Frame<'_, '_>, name: &str) -> bool {
        let Some(mut c) = self.property_node(f, name) else {
            return false;
        };
        for _ in 0..8 {
            let n = self.p.node(c);
            let ops = self
                .p
                .ops
                .get(n.start as usize..n.end as usize)
                .unwrap_or(&[]);
            let mut next = None;
            for op in ops {
                match *op {
                    Op::Enum(_) | Op::Const(_) => return true,
                    Op::Type(b) if b & !TYPE_NULL == TYPE_BOOLEAN => return true,
                    Op::Ref(t) => next = Some(t),
                    _ => {}
                }
            }
            match next {
                Some(t) => c = t,
                None => return false,
            }
        }
        false
    }

    /// The schema's `errorMessage` for a failure (ajv-errors' forms),
    /// nearest subschema first. At the failing subschema: the keyword's
    /// entry (for `required`/`dependentRequired` a string or an object
    /// keyed by property). At it or any enclosing subschema: a string
    /// (all failures in it), `properties[name]`/`items[i]` for the child
    /// the failure is under, or `_` (any other failure). Strings and `_`
    /// report at that subschema's location, once. Before `_`, a
    /// `required` failure takes the missing property's own `errorMessage`
    /// (an extension of ajv-errors: the field's message for "enter this").
    fn error_message(&self, f: &Frame<'_, '_>, keyword: &str, key: Option<&str>) -> Option<Custom> {
        let mut child: Option<&Frame<'_, '_>> = None;
        let mut cur = Some(f);
        while let Some(fr) = cur {
            let n = self.p.node(fr.node);
            let em = (n.flags & F_ERRMSG != 0)
                .then(|| self.p.value(n.doc, n.idx))
                .flatten()
                .and_then(|v| v.get("errorMessage"));
            let here = |text: String| Custom {
                text,
                at: Some((inst_path(fr), self.title_at(fr))),
            };
            if let Some(s) = em.and_then(|e| e.as_str()) {
                return Some(here(s.into_owned()));
            }
            let entry = em.and_then(|em| match child {
                None => em.get(keyword).and_then(|e| match (e.kind(), key) {
                    (Kind::Object, Some(k)) => e.get(k),
                    (Kind::Object, None) => None,
                    _ => Some(e),
                }),
                Some(c) => match c.seg {
                    Seg::Key(k) => em.get("properties").and_then(|p| p.get(&key_str(k))),
                    Seg::Index(i) => em.get("items").and_then(|it| it.at(i)),
                    Seg::Same => None,
                },
            });
            if let Some(s) = entry.and_then(|e| e.as_str()) {
                let at = match child {
                    Some(c) if !matches!(c.seg, Seg::Same) => {
                        Some((inst_path(c), self.title_at(c)))
                    }
                    _ => None,
                };
                return Some(Custom {
                    text: s.into_owned(),
                    at,
                });
            }
            if child.is_none() {
                if let Some(text) = self.missing_property_message(f, keyword, key) {
                    return Some(Custom { text, at: None });
                }
            }
            if let Some(s) = em.and_then(|e| e.get("_")).and_then(|e| e.as_str()) {
                return Some(here(s.into_owned()));
            }
            child = Some(fr);
            cur = fr.up;
        }
        None
    }

    /// For `required`: the missing property's own `errorMessage` (a
    /// string, or its `required` entry), its message for "enter this".
    fn missing_property_message(
        &self,
        f: &Frame<'_, '_>,
        keyword: &str,
        key: Option<&str>,
    ) -> Option<String> {
        let k = key.filter(|_| matches!(keyword, "required" | "dependentRequired"))?;
        let c = self.property_node(f, k)?;
        let n = self.p.node(c);
        if n.flags & F_ERRMSG == 0 {
            return None;
        }
        let em = self.p.value(n.doc, n.idx)?.get("errorMessage")?;
        let s = match em.kind() {
            Kind::String => em.as_str(),
            _ => em.get("required").and_then(|e| e.as_str()),
        }?;
        Some(s.into_owned())
    }

    /// `#/pointer/to/node/keyword`, prefixed by the document's URI when the
    /// node is not in the schema itself.
    fn schema_path(&self, node: u32, kw_path: &str) -> String {
        let n = self.p.node(node);
        let mut s = String::new();
        if let Some(u) = self.p.doc_uris.get(n.doc as usize) {
            s.push_str(u);
        }
        s.push('#');
        if let Some(doc) = self.p.docs.get(n.doc as usize) {
            s.push_str(&pointer_to(doc.root(), n.idx as usize).unwrap_or_default());
        }
        if !kw_path.is_empty() {
            s.push('/');
            s.push_str(kw_path);
        }
        s
    }

    /// The title of the innermost subschema at this instance location that
    /// has one.
    fn title_at(&self, f: &Frame<'_, '_>) -> Option<String> {
        let at = f.inst.index_in_doc();
        let mut cur = Some(f);
        while let Some(fr) = cur {
            if fr.inst.index_in_doc() != at {
                break;
            }
            let t = self.p.node(fr.node).title;
            if t != NONE {
                return Some(self.p.name(t).to_owned());
            }
            cur = fr.up;
        }
        None
    }

    /// The title of `properties[name]` in the subschemas at this instance
    /// location (following `$ref`s from the property's subschema).
    fn title_of_property(&self, f: &Frame<'_, '_>, name: &str) -> Option<String> {
        let mut c = self.property_node(f, name)?;
        for _ in 0..8 {
            let cn = self.p.node(c);
            if cn.title != NONE {
                return Some(self.p.name(cn.title).to_owned());
            }
            match self.p.ops.get(cn.start as usize..cn.end as usize) {
                Some([Op::Ref(t), ..]) => c = *t,
                _ => break,
            }
        }
        None
    }

    /// The subschema of `properties[name]` among the subschemas at this
    /// instance location, innermost first.
    fn property_node(&self, f: &Frame<'_, '_>, name: &str) -> Option<u32> {
        let at = f.inst.index_in_doc();
        let mut cur = Some(f);
        while let Some(fr) = cur {
            if fr.inst.index_in_doc() != at {
                break;
            }
            let n = self.p.node(fr.node);
            for op in self
                .p
                .ops
                .get(n.start as usize..n.end as usize)
                .unwrap_or(&[])
            {
                if let Op::Props {
                    props, props_end, ..
                } = *op
                {
                    if let Some(c) = self.p.find_prop(props, props_end, name) {
                        return Some(c);
                    }
                }
            }
            cur = fr.up;
        }
        None
    }
}

/// A schema's own message for a failure, and where to report it (`None`:
/// the failure's own path; else a path and that location's title).
struct Custom {
    text: String,
    at: Option<(String, Option<String>)>,
}

/// The canonical dotted instance path of a frame.
fn inst_path(f: &Frame<'_, '_>) -> String {
    let mut segs: Vec<Seg<'_>> = Vec::new();
    let mut cur = Some(f);
    while let Some(fr) = cur {
        if !matches!(fr.seg, Seg::Same) {
            segs.push(fr.seg);
        }
        cur = fr.up;
    }
    let mut s = String::new();
    for seg in segs.iter().rev() {
        match *seg {
            Seg::Key(k) => crate::paths::push_key(&mut s, &key_str(k)),
            Seg::Index(i) => crate::paths::push_index(&mut s, i),
            Seg::Same => {}
        }
    }
    s
}

fn escape_token(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}
