//! The validator module's exports (feature `validator`): compiled schemas
//! that validate instances; with feature `compiler`, compiled from a schema
//! at run time, else loaded from a program image made ahead of time.

use wasm_bindgen::prelude::*;

use super::{concat, doc_of, js_err};
use crate::json::Writer;

// ---------------------------------------------------------------------------
// Validation: compiled JSON Schemas (`crate::schema`). `pkg/index.js` wraps
// `CompiledSchema` in the public `Validator` (`compile(schema, options)`),
// which rebuilds it after a trap and frees it when forgotten.
// ---------------------------------------------------------------------------

/// A compiled JSON Schema with its wording options. Instances cross as JSON
/// text: one call per validation, nothing built when the instance is valid.
#[doc(hidden)]
#[wasm_bindgen]
pub struct CompiledSchema {
    schema: crate::schema::Schema,
    words: crate::schema::MessageOptions,
}

/// Live `CompiledSchema`s, so tests can see forgotten ones being freed.
static LIVE: core::sync::atomic::AtomicU32 = core::sync::atomic::AtomicU32::new(0);

impl Drop for CompiledSchema {
    fn drop(&mut self) {
        LIVE.fetch_sub(1, core::sync::atomic::Ordering::Relaxed);
    }
}

/// How many compiled schemas are alive (for tests of `free` and the
/// finalization fallback).
#[doc(hidden)]
#[wasm_bindgen(js_name = __liveSchemas)]
pub fn live_schemas() -> u32 {
    LIVE.load(core::sync::atomic::Ordering::Relaxed)
}

/// Per-call wording options (`{ locale, labels, messages }` as JSON text,
/// "" for none) on top of the compiled ones. Parsed only when there is
/// something to say.
fn words_for(base: &crate::schema::MessageOptions, call: &str) -> crate::schema::MessageOptions {
    let mut words = if call.is_empty() {
        base.clone()
    } else {
        let doc = doc_of(call);
        base.overlaid(&crate::schema::MessageOptions::from_json(doc.root()))
    };
    if words.today.is_none() {
        // The person's own calendar day, for "must be in the past".
        let d = js_sys::Date::new_0();
        let mut t = String::with_capacity(10);
        let pad = |t: &mut String, n: u32, w: usize| {
            let mut s = String::new();
            crate::json::write_u64(&mut s, u64::from(n));
            for _ in s.len()..w {
                t.push('0');
            }
            t.push_str(&s);
        };
        pad(&mut t, d.get_full_year(), 4);
        t.push('-');
        pad(&mut t, d.get_month() + 1, 2);
        t.push('-');
        pad(&mut t, d.get_date(), 2);
        words.today = Some(t);
    }
    words
}

fn instance_error(e: crate::schema::ValidateError) -> JsError {
    js_err(&concat(&["fieldnote: ", &e.message]))
}

impl CompiledSchema {
    fn with(schema: crate::schema::Schema, words: crate::schema::MessageOptions) -> Self {
        LIVE.fetch_add(1, core::sync::atomic::Ordering::Relaxed);
        CompiledSchema { schema, words }
    }
}

/// Compiles a schema with the other schemas `$ref` may name (`schemas_json`:
/// an object by URI) and the compile options in `o` (`formats`, `strict`,
/// `draft`, ...; `ref` or `operationId` pick a schema in an OpenAPI
/// document).
#[cfg(feature = "compiler")]
fn compile_schema(
    schema_json: &str,
    schemas_json: &str,
    o: crate::json::Value<'_>,
) -> Result<crate::schema::Schema, JsError> {
    let opts = crate::schema::Options::from_json(o)
        .map_err(|m| js_err(&concat(&["fieldnote: compile options: ", &m])))?;
    let mut registry = crate::schema::Registry::new();
    if !schemas_json.is_empty() {
        let limits = crate::json::Limits {
            max_depth: crate::schema::MAX_SCHEMA_DEPTH.saturating_add(1),
            max_len: usize::MAX,
        };
        let all = crate::json::Document::parse_with(schemas_json.into(), &limits).map_err(|e| {
            js_err(&concat(&[
                "fieldnote: options.schemas: ",
                &e.describe(&limits),
            ]))
        })?;
        for (uri, s) in all.root().members() {
            let mut w = Writer::new();
            w.value(s);
            registry
                .add(&uri, &w.finish())
                .map_err(|e| js_err(&concat(&["fieldnote: ", &e.message])))?;
        }
    }
    let openapi_ref = o.get("ref").and_then(|v| v.as_str());
    let operation = o.get("operationId").and_then(|v| v.as_str());
    let compiled = match (&openapi_ref, &operation) {
        (Some(r), _) => crate::schema::Schema::compile_openapi(
            schema_json,
            &crate::schema::Selector::Ref(r),
            &registry,
            &opts,
        ),
        (None, Some(id)) => crate::schema::Schema::compile_openapi(
            schema_json,
            &crate::schema::Selector::OperationId(id),
            &registry,
            &opts,
        ),
        (None, None) => crate::schema::Schema::compile(schema_json, &registry, &opts),
    };
    compiled.map_err(|e| {
        js_err(&concat(&[
            "fieldnote: the schema cannot be used: ",
            &e.message,
        ]))
    })
}

#[wasm_bindgen]
impl CompiledSchema {
    /// Compiles `schema_json`. `schemas_json` is an object of other schemas
    /// by URI (what `$ref` may name; nothing is fetched), `options_json`
    /// holds `formats`, `locale`, `labels` and `messages`. Throws a
    /// sentence naming the location of what is wrong.
    #[cfg(feature = "compiler")]
    #[wasm_bindgen(constructor)]
    pub fn new(
        schema_json: &str,
        schemas_json: &str,
        options_json: &str,
    ) -> Result<CompiledSchema, JsError> {
        let opts_doc = doc_of(options_json);
        let schema = compile_schema(schema_json, schemas_json, opts_doc.root())?;
        Ok(CompiledSchema::with(
            schema,
            crate::schema::MessageOptions::from_json(opts_doc.root()),
        ))
    }

    /// Validates JSON text: `undefined` when valid, else the spec's 422
    /// envelope as JSON text, worded with `call_json`'s options on top.
    /// `js_numbers`: the text is `JSON.stringify` of a JS value, whose
    /// numbers are judged as the doubles they are. Throws when the text is
    /// not JSON.
    pub fn envelope(
        &self,
        instance_json: &str,
        call_json: &str,
        js_numbers: bool,
    ) -> Result<Option<String>, JsError> {
        let failures = if js_numbers {
            self.schema.validate_json_f64_for_envelope(instance_json)
        } else {
            self.schema.validate_json_for_envelope(instance_json)
        }
        .map_err(instance_error)?;
        if failures.is_empty() {
            return Ok(None);
        }
        let words = words_for(&self.words, call_json);
        Ok(Some(
            crate::schema::to_envelope_with(&failures, &words).to_json(),
        ))
    }

    /// Validates JSON text: `undefined` when valid, else `[{path, keyword,
    /// params, message, schemaPath}]` as JSON text (`js_numbers` as for
    /// `envelope`).
    pub fn issues(
        &self,
        instance_json: &str,
        call_json: &str,
        js_numbers: bool,
    ) -> Result<Option<String>, JsError> {
        let failures = if js_numbers {
            self.schema.validate_json_f64(instance_json)
        } else {
            self.schema.validate_json(instance_json)
        }
        .map_err(instance_error)?;
        if failures.is_empty() {
            return Ok(None);
        }
        let words = words_for(&self.words, call_json);
        let mut w = Writer::new();
        w.begin_array();
        // As many as the envelope reports, then one saying how many more.
        for f in failures.iter().take(crate::schema::MAX_DETAILS) {
            w.begin_object();
            w.key("path");
            w.string(&f.path);
            w.key("keyword");
            w.string(f.keyword);
            w.key("params");
            f.params.write_json(&mut w);
            w.key("message");
            w.string(&f.message_with(&words));
            w.key("schemaPath");
            w.string(&f.schema_path);
            w.end_object();
        }
        if let Some(rest) = failures.len().checked_sub(crate::schema::MAX_DETAILS) {
            if rest > 0 {
                w.begin_object();
                for key in ["path", "keyword"] {
                    w.key(key);
                    w.string("");
                }
                w.key("params");
                w.begin_object();
                w.end_object();
                w.key("message");
                w.string(&crate::schema::more(rest as u64, &words));
                w.key("schemaPath");
                w.string("");
                w.end_object();
            }
        }
        w.end_array();
        Ok(Some(w.finish()))
    }

    /// The JSON types allowed at a field path (any syntax), comma-separated
    /// (`"string,null"`), or `undefined` when unconstrained or unknown.
    #[wasm_bindgen(js_name = typeAt)]
    pub fn type_at(&self, path: &str) -> Option<String> {
        let types = self.schema.type_at(&crate::paths::canonical(path))?;
        Some(types.join(","))
    }
}

#[cfg(not(feature = "compiler"))]
#[wasm_bindgen]
impl CompiledSchema {
    /// Loads a program image made ahead of time (`compileToImage`, `npx
    /// fieldnote compile`); `options_json` holds `locale`, `labels` and
    /// `messages`. Throws for an image of another version, or bytes that
    /// are not one (truncated, altered).
    #[wasm_bindgen(js_name = fromImage)]
    pub fn from_image(image: &[u8], options_json: &str) -> Result<CompiledSchema, JsError> {
        let schema = crate::schema::Schema::from_image(image)
            .map_err(|e| js_err(&concat(&["fieldnote: ", &e.message])))?;
        let opts_doc = doc_of(options_json);
        Ok(CompiledSchema::with(
            schema,
            crate::schema::MessageOptions::from_json(opts_doc.root()),
        ))
    }
}

/// Compiles a schema (with the other schemas `$ref` may name, and the
/// compile options) into a program image for the runtime module: what
/// `npx fieldnote compile` and the bundler plugins write. Throws a sentence
/// naming the place in the schema that cannot be used.
#[cfg(feature = "compiler")]
#[wasm_bindgen(js_name = compileToImage)]
pub fn compile_to_image(
    schema_json: &str,
    schemas_json: &str,
    options_json: &str,
) -> Result<Vec<u8>, JsError> {
    let opts_doc = doc_of(options_json);
    Ok(compile_schema(schema_json, schemas_json, opts_doc.root())?.to_image())
}
