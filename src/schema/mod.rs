//! JSON Schema validation: draft 2020-12 (default), 2019-09, draft-07,
//! draft-06 and draft-04.
//!
//! [`Schema::compile`] turns a schema into a compact program once: flat
//! arrays of nodes and operations linked by indices, property names interned
//! and sorted for binary search, patterns compiled, `$ref`s resolved. Then
//! [`Schema::is_valid`] and [`Schema::validate`] run it against many
//! instances. The fast path allocates nothing; failures are collected only
//! by `validate`, and only the leaf failures a person can act on are kept.
//!
//! Nothing is ever fetched: remote schemas come from a [`Registry`] the
//! caller fills; the metaschemas of every supported draft are built in.
//!
//! What [`Schema::validate`] reports (see [`Failure`]):
//! - leaf failures only: `allOf`, `properties`, `items`, `$ref`... pass
//!   their subschemas' failures through without adding their own;
//! - `anyOf`/`oneOf` with no match: if exactly one branch accepts the
//!   instance's type, that branch's failures; otherwise one `anyOf`/`oneOf`
//!   failure. `oneOf` with several matches: one failure naming two of them;
//! - `not`, `contains`, `propertyNames`: one failure each (their
//!   subschemas' failures are not something to fix);
//! - a `false` subschema reached through `additionalProperties`,
//!   `unevaluatedProperties`, `items`/`additionalItems` or `propertyNames`
//!   is reported as that keyword, on the offending property or array;
//! - `required`/`dependentRequired` are reported at the missing field's
//!   path, with its `title` when the schema gives one.
//!
//! Two vocabularies of Ajv's plugins are understood: `errorMessage`
//! (ajv-errors: an annotation, read only when a failure is reported, see
//! [`Failure::error_message`]) and the date and time limits of
//! ajv-formats (`formatMinimum`, `formatExclusiveMinimum`,
//! `formatMaximum`, `formatExclusiveMaximum` beside `format: date | time |
//! date-time`).
//!
//! Flow: `index` finds resources and anchors in the schema documents,
//! `compile` builds the `program`, `validate` runs it, `output`
//! describes failures (and turns them into the spec's 422 envelope),
//! `wording` says them to people, `types` answers [`Schema::type_at`].

#[cfg(feature = "compiler")]
use std::sync::Arc;
use std::sync::Mutex;

#[cfg(feature = "compiler")]
use crate::json::Document;
use crate::json::{Limits, Parser, Value};

// The compiler (feature `compiler`): schema text → program. The runtime
// (`validator`) needs none of it to run a program loaded from an image.
#[cfg(feature = "compiler")]
mod compile;
mod image;
#[cfg(feature = "compiler")]
mod index;
#[cfg(feature = "compiler")]
mod meta;
#[cfg(feature = "compiler")]
mod openapi;
mod output;
mod program;
#[cfg(feature = "compiler")]
mod strict;
mod types;
#[cfg(feature = "compiler")]
mod uri;
mod validate;
mod wording;

pub use image::{ImageError, ImageErrorKind, IMAGE_MAGIC, IMAGE_VERSION};
#[cfg(feature = "compiler")]
pub use openapi::Selector;
pub use output::{to_envelope, to_envelope_with, Failure, Params, MAX_DETAILS};
pub use wording::{humanize, more, MessageOptions};

/// Deepest nesting of evaluation accepted: every subschema entered counts
/// (a data level, an `allOf` branch, a `$ref` hop). Keeps the stack bounded
/// (wasm has 1 MB).
pub const MAX_EVAL_DEPTH: u32 = 512;
/// Deepest instance nesting validated (the root is depth 0).
pub const MAX_DATA_DEPTH: u32 = 256;
/// Most subschema evaluations one validation may make, so that hostile
/// schemas (nested `anyOf`s of `$ref`s that double at each level) end with
/// an error instead of running for hours. A step costs up to ~1.3 µs in
/// wasm when failures are collected: this bound keeps the worst case near
/// a second of a page's main thread, and is hundreds of times what a form
/// needs (a 50-field form takes a few hundred).
pub const MAX_EVAL_STEPS: u64 = 1_000_000;
/// Longest schema text accepted (each document, in bytes).
pub const MAX_SCHEMA_LEN: usize = 8 << 20;
/// Deepest nesting of arrays and objects in a schema document.
pub const MAX_SCHEMA_DEPTH: u32 = 256;
/// Most subschemas one compiled schema may contain.
pub const MAX_SCHEMA_NODES: usize = 1 << 18;
/// Deepest nesting in instance text given to [`Schema::validate_json`].
pub const MAX_INSTANCE_DEPTH: u32 = 256;

/// A JSON Schema draft, oldest first (drafts compare by age).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Draft {
    /// Draft-04 (`http://json-schema.org/draft-04/schema#`): `id`, boolean
    /// `exclusiveMaximum`/`exclusiveMinimum`.
    Draft4,
    /// Draft-06 (`http://json-schema.org/draft-06/schema#`).
    Draft6,
    /// Draft-07 (`http://json-schema.org/draft-07/schema#`).
    Draft7,
    /// Draft 2019-09 (`https://json-schema.org/draft/2019-09/schema`).
    Draft2019_09,
    /// Draft 2020-12 (`https://json-schema.org/draft/2020-12/schema`).
    Draft2020_12,
}

#[cfg(feature = "compiler")]
impl Draft {
    /// Before 2019-09: `$ref` overrides its siblings, `#name` in an id is
    /// an anchor, and there are no `$defs`, `dependentSchemas`, ...
    pub(crate) fn legacy(self) -> bool {
        self <= Draft::Draft7
    }

    /// The keyword that gives a schema its URI.
    pub(crate) fn id_keyword(self) -> &'static str {
        if self == Draft::Draft4 {
            "id"
        } else {
            "$id"
        }
    }
}

/// How to compile and run a schema.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Assert `format` (the 19 formats of 2020-12). Default `true`; when
    /// `false`, `format` is an annotation unless the schema's metaschema
    /// asks for the format-assertion vocabulary.
    pub formats: bool,
    /// The draft of schemas without `$schema` (and of registry schemas
    /// without one). Default 2020-12.
    pub default_draft: Draft,
    /// Assert `contentEncoding: base64` and `contentMediaType:
    /// application/json` in draft-07 schemas (the draft allows it; 2019-09
    /// and later forbid it). Default `false`.
    pub content_assertion: bool,
    /// Refuse schemas with the mistakes Ajv's strict mode catches: unknown
    /// keywords and formats, keywords that would be ignored, `required`
    /// names no value can have, unbounded tuples, union types and keywords
    /// for an undeclared type (see the `strict` module). Default `false`:
    /// the specification says unknown keywords are ignored.
    pub strict: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            formats: true,
            default_draft: Draft::Draft2020_12,
            content_assertion: false,
            strict: false,
        }
    }
}

impl Options {
    /// The compile options in a JSON object (as the JS API takes them):
    /// `formats` (boolean), `strict` (boolean), `contentAssertion`
    /// (boolean), `draft` (`"2020-12"`, `"2019-09"`, `"draft-07"`,
    /// `"draft-06"`, `"draft-04"`, or a `$schema` URI). Other members
    /// (`locale`, `labels`, `messages`, `schemas`, `ref`, `operationId`)
    /// belong to other layers and are passed over; `null` or a missing
    /// member keeps the default. A member of the wrong type is an error
    /// naming it.
    pub fn from_json(o: Value<'_>) -> Result<Options, String> {
        let mut opts = Options::default();
        if o.kind() == crate::json::Kind::Null {
            return Ok(opts);
        }
        if o.kind() != crate::json::Kind::Object {
            return Err("options must be an object".into());
        }
        let flag = |name: &str, slot: &mut bool| -> Result<(), String> {
            match o.get(name) {
                None => Ok(()),
                Some(v) if v.kind() == crate::json::Kind::Null => Ok(()),
                Some(v) => match v.as_bool() {
                    Some(b) => {
                        *slot = b;
                        Ok(())
                    }
                    None => Err(["options.", name, " must be true or false"].concat()),
                },
            }
        };
        flag("formats", &mut opts.formats)?;
        flag("strict", &mut opts.strict)?;
        flag("contentAssertion", &mut opts.content_assertion)?;
        if let Some(d) = o
            .get("draft")
            .filter(|d| d.kind() != crate::json::Kind::Null)
        {
            let name = d.as_str().unwrap_or_default();
            opts.default_draft = match name.trim_end_matches('#') {
                "2020-12" | "draft2020-12" | "https://json-schema.org/draft/2020-12/schema" => {
                    Draft::Draft2020_12
                }
                "2019-09" | "draft2019-09" | "https://json-schema.org/draft/2019-09/schema" => {
                    Draft::Draft2019_09
                }
                "7" | "draft-07" | "draft7" | "http://json-schema.org/draft-07/schema" => {
                    Draft::Draft7
                }
                "6" | "draft-06" | "draft6" | "http://json-schema.org/draft-06/schema" => {
                    Draft::Draft6
                }
                "4" | "draft-04" | "draft4" | "http://json-schema.org/draft-04/schema" => {
                    Draft::Draft4
                }
                _ => {
                    return Err(
                        "options.draft must be \"2020-12\", \"2019-09\", \"draft-07\", \"draft-06\" or \"draft-04\""
                            .into(),
                    )
                }
            };
        }
        Ok(opts)
    }
}

/// Schemas that `$ref` and `$schema` may name, added by the caller under
/// the URI they are known by. Nothing is fetched from the network.
#[cfg(feature = "compiler")]
#[derive(Clone, Debug, Default)]
pub struct Registry {
    entries: Vec<(Box<str>, Arc<Document>)>,
}

#[cfg(feature = "compiler")]
impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Registry::default()
    }

    /// Adds (or replaces) the schema known as `uri` (its fragment, if any,
    /// is ignored). The text must be JSON; it is compiled when a schema
    /// refers to it. A relative `uri` (`address.json`) is what a schema
    /// without `$id` reaches with `{"$ref": "address.json"}`.
    pub fn add(&mut self, uri: &str, schema_json: &str) -> Result<(), CompileError> {
        let full = uri::resolve(index::DEFAULT_BASE, uri);
        let (base, _) = uri::split_fragment(&full);
        let doc = parse_schema_text(schema_json, uri)?;
        self.entries.retain(|(u, _)| &**u != base);
        self.entries.push((base.into(), Arc::new(doc)));
        Ok(())
    }

    fn get(&self, uri: &str) -> Option<&Arc<Document>> {
        self.entries
            .iter()
            .find(|(u, _)| &**u == uri)
            .map(|(_, d)| d)
    }
}

fn schema_limits() -> Limits {
    Limits {
        max_depth: MAX_SCHEMA_DEPTH,
        max_len: MAX_SCHEMA_LEN,
    }
}

#[cfg(feature = "compiler")]
fn parse_schema_text(text: &str, uri: &str) -> Result<Document, CompileError> {
    let limits = schema_limits();
    Document::parse_with(text.into(), &limits).map_err(|e| {
        let mut m = String::from("schema");
        if !uri.is_empty() {
            m.push_str(" '");
            m.push_str(uri);
            m.push('\'');
        }
        m.push_str(" is not JSON: ");
        m.push_str(&e.describe(&limits));
        CompileError {
            location: uri.into(),
            message: m,
        }
    })
}

/// A schema that could not be compiled: what was wrong and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// Where: a JSON Pointer into the schema (`/properties/zip/pattern`),
    /// prefixed by the document's URI when it is not the schema itself.
    pub location: String,
    /// The whole sentence, location included, e.g. `pattern at
    /// /properties/zip/pattern: unterminated group at character 4`.
    pub message: String,
}

/// Why an instance could not be validated (as opposed to being invalid).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValidateErrorKind {
    /// The instance text is not JSON.
    NotJson,
    /// Data nested deeper than [`MAX_DATA_DEPTH`], or evaluation deeper
    /// than [`MAX_EVAL_DEPTH`].
    TooDeep,
    /// A `$ref` led back to the same subschema at the same place in the
    /// instance: it would never end.
    RefLoop,
    /// More than [`MAX_EVAL_STEPS`] subschema evaluations.
    TooComplex,
}

/// An instance that could not be validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidateError {
    /// What went wrong.
    pub kind: ValidateErrorKind,
    /// A sentence for developers.
    pub message: String,
}

/// A compiled schema. Immutable, cheap to share between threads.
#[derive(Debug)]
pub struct Schema {
    prog: program::Program,
    /// Reused between [`Schema::validate_json`] calls (when free).
    parser: Mutex<Parser>,
}

impl Schema {
    /// Compiles `schema_json`. `$ref`s to other documents are looked up in
    /// `registry` (and the built-in metaschemas).
    #[cfg(feature = "compiler")]
    pub fn compile(
        schema_json: &str,
        registry: &Registry,
        options: &Options,
    ) -> Result<Schema, CompileError> {
        let doc = parse_schema_text(schema_json, "")?;
        let prog = compile::compile(doc, registry, options)?;
        Ok(Schema::from_program(prog))
    }

    fn from_program(mut prog: program::Program) -> Schema {
        prog.finish();
        Schema {
            prog,
            parser: Mutex::new(Parser::new(instance_limits())),
        }
    }

    /// The compiled program as bytes (a "program image"), for
    /// [`Schema::from_image`] to load where the compiler is not built in:
    /// compile a schema ahead of time, ship the image and the runtime
    /// only. Validating with the loaded schema gives exactly the same
    /// answers and failures. The image starts with [`IMAGE_MAGIC`] and
    /// [`IMAGE_VERSION`], and is checksummed.
    #[cfg(feature = "compiler")]
    pub fn to_image(&self) -> Vec<u8> {
        image::write(&self.prog)
    }

    /// Loads a program image made by [`Schema::to_image`]. An image of
    /// another format version, a truncated or altered one, or bytes that
    /// are not an image give an [`ImageError`] saying which. Loading never
    /// panics; its tables take at most ~24 bytes per image byte, and its
    /// patterns and schema texts are bounded as when compiling.
    pub fn from_image(image: &[u8]) -> Result<Schema, ImageError> {
        image::read(image).map(Schema::from_program)
    }

    /// Compiles a schema object of an OpenAPI 3.0 or 3.1 document (JSON
    /// text), picked by `selector`: `$ref`s into the document's
    /// `components` resolve, 3.1 is JSON Schema 2020-12 (or the
    /// document's `jsonSchemaDialect`), 3.0 has draft-04's rules plus
    /// `nullable`. Both honour `discriminator` (a failing `oneOf` is
    /// reported for the branch the tag names) and read the schema as a
    /// request: `readOnly` properties are not required. Errors name the
    /// place as a JSON Pointer into the document.
    #[cfg(feature = "compiler")]
    pub fn compile_openapi(
        document_json: &str,
        selector: &Selector<'_>,
        registry: &Registry,
        options: &Options,
    ) -> Result<Schema, CompileError> {
        let doc = parse_schema_text(document_json, "")?;
        let (at, api, draft) = openapi::locate(&doc, selector)?;
        let opts = Options {
            default_draft: draft,
            ..*options
        };
        let prog = compile::compile_at(doc, &at, Some(api), registry, &opts)?;
        Ok(Schema {
            prog,
            parser: Mutex::new(Parser::new(instance_limits())),
        })
    }

    /// Whether `instance` is valid. Stops at the first failure and
    /// allocates nothing (unless the schema uses `unevaluated*` on objects
    /// with more than 64 members or `uniqueItems` on long arrays).
    pub fn is_valid(&self, instance: Value<'_>) -> Result<bool, ValidateError> {
        validate::is_valid(&self.prog, instance)
    }

    /// All leaf failures (empty when valid).
    pub fn validate(&self, instance: Value<'_>) -> Result<Vec<Failure>, ValidateError> {
        validate::failures(&self.prog, instance, true, false)
    }

    /// The JSON types the schema allows at `path` (canonical dotted, e.g.
    /// `items.0.quantity`), most specific first (`["integer"]`,
    /// `["string", "null"]`), following `properties`,
    /// `patternProperties`, `additionalProperties`, `prefixItems`/`items`,
    /// `$ref` and `allOf`; `None` when nothing constrains the type there or
    /// the path leads nowhere.
    pub fn type_at(&self, path: &str) -> Option<Vec<&'static str>> {
        types::type_at(&self.prog, path).map(types::names)
    }

    /// Parses `instance_json` (reusing buffers between calls) and validates it.
    pub fn validate_json(&self, instance_json: &str) -> Result<Vec<Failure>, ValidateError> {
        self.validate_text(instance_json, true, false)
    }

    /// Like [`Schema::validate_json`] for text that stands for JS values
    /// (`JSON.stringify` output): every number, the instance's and the
    /// schema's, is judged as the `f64` nearest it, as JS judges it. So
    /// `{"maximum": 18446744073709551616}` accepts `18446744073709552000`
    /// (JS's spelling of 2**64), `{"maximum": 0.3}` rejects
    /// `0.30000000000000004`, `{"const": 0.1}` accepts `0.1`, and
    /// `type: integer` accepts `9007199254740993.5` (the double
    /// 9007199254740994). `multipleOf` holds when the decimal as written
    /// (`19.99` for `0.01`) or the double's exact value (2**64 for `1024`)
    /// is a multiple.
    pub fn validate_json_f64(&self, instance_json: &str) -> Result<Vec<Failure>, ValidateError> {
        self.validate_text(instance_json, true, true)
    }

    /// Like [`Schema::validate_json`], for the 422 envelope
    /// ([`to_envelope`]): every [`Failure::schema_path`] is left empty. It
    /// is for developers' tools, and finding it walks the schema document
    /// once per failure (a sixth of the time of a failing validation).
    pub fn validate_json_for_envelope(
        &self,
        instance_json: &str,
    ) -> Result<Vec<Failure>, ValidateError> {
        self.validate_text(instance_json, false, false)
    }

    /// [`Schema::validate_json_for_envelope`] with numbers judged as JS
    /// numbers, as in [`Schema::validate_json_f64`].
    pub fn validate_json_f64_for_envelope(
        &self,
        instance_json: &str,
    ) -> Result<Vec<Failure>, ValidateError> {
        self.validate_text(instance_json, false, true)
    }

    fn validate_text(
        &self,
        text: &str,
        schema_paths: bool,
        js_numbers: bool,
    ) -> Result<Vec<Failure>, ValidateError> {
        match self.parser.try_lock() {
            Ok(mut p) => validate_text(&self.prog, &mut p, text, schema_paths, js_numbers),
            // Busy on another thread (or poisoned): use a fresh parser.
            Err(_) => validate_text(
                &self.prog,
                &mut Parser::new(instance_limits()),
                text,
                schema_paths,
                js_numbers,
            ),
        }
    }
}

fn instance_limits() -> Limits {
    Limits {
        max_depth: MAX_INSTANCE_DEPTH,
        ..Limits::default()
    }
}

fn validate_text(
    prog: &program::Program,
    parser: &mut Parser,
    text: &str,
    schema_paths: bool,
    js_numbers: bool,
) -> Result<Vec<Failure>, ValidateError> {
    let limits = *parser.limits();
    match parser.parse(text) {
        Ok(v) => validate::failures(prog, v, schema_paths, js_numbers),
        Err(e) => {
            let mut m = String::from("instance is not JSON: ");
            m.push_str(&e.describe(&limits));
            Err(ValidateError {
                kind: ValidateErrorKind::NotJson,
                message: m,
            })
        }
    }
}

#[cfg(all(test, feature = "compiler"))]
mod tests;
