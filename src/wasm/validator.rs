//! The validator module's exports (feature `validator`): compiled schemas
//! that validate instances; with feature `compiler`, compiled from a schema
//! at run time, else loaded from a program image made ahead of time.

use wasm_bindgen::prelude::*;

use crate::js;

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

/// The person's own calendar day (`YYYY-MM-DD`), for "must be in the past".
fn today() -> String {
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
    t
}

impl CompiledSchema {
    fn with(schema: crate::schema::Schema, words: crate::schema::MessageOptions) -> Self {
        LIVE.fetch_add(1, core::sync::atomic::Ordering::Relaxed);
        CompiledSchema { schema, words }
    }
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
        let (schema, words) = js::compile::<JsError>(schema_json, schemas_json, options_json)?;
        Ok(CompiledSchema::with(schema, words))
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
        js::envelope(
            &self.schema,
            &self.words,
            instance_json,
            call_json,
            js_numbers,
            today,
        )
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
        js::issues(
            &self.schema,
            &self.words,
            instance_json,
            call_json,
            js_numbers,
            today,
        )
    }

    /// The JSON types allowed at a field path (any syntax), comma-separated
    /// (`"string,null"`), or `undefined` when unconstrained or unknown.
    #[wasm_bindgen(js_name = typeAt)]
    pub fn type_at(&self, path: &str) -> Option<String> {
        js::type_at(&self.schema, path)
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
        let (schema, words) = js::from_image::<JsError>(image, options_json)?;
        Ok(CompiledSchema::with(schema, words))
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
    js::compile_to_image(schema_json, schemas_json, options_json)
}
