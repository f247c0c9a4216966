//! serde for Rust servers (feature `serde`).
//!
//! **Validating what a server already holds.** [`Schema::validate_serde`]
//! takes a `&serde_json::Value` or any `T: Serialize`. A [`Serializer`]
//! writes it as compact JSON through the core's own [`Writer`] (no
//! serde_json formatting, nesting bounded *before* it recurses), and the
//! core's parser reads that text into its tape with the buffers it keeps
//! between calls. Going from memory to the tape without any text needs
//! the tape's node type, private to [`crate::json`] today; the measured
//! difference is in the README.
//!
//! **The crate's results as serde values.** [`Normalized`], the
//! [`Report`], schema [`Failure`]s and the [`Envelope`] implement
//! `Serialize` with exactly the JSON the npm package returns for them
//! (camelCase keys, `null` for absent values): each is written by the same
//! writer the wasm layer uses, then handed to the serializer, so the two
//! can never drift apart. A parsed [`Document`] or [`Value`] serializes as
//! itself.
//!
//! **Options from serde types.** [`MessageOptions`] implements
//! `Deserialize` from the same object the package's `compile()` options
//! take (`{ locale, labels, messages }`), schema [`Options`] from
//! `{ formats, defaultDraft, contentAssertion }` (a config file, say), and
//! [`Schema::compile_value`] compiles a schema held as a `serde_json::Value`.
//!
//! Why the core keeps its own JSON reader rather than serde_json: it keeps
//! numbers as their exact decimal text (`multipleOf: 0.01`, 300-digit
//! integers and `1.0` vs `1` are judged on the decimal, not an `f64`), its
//! tape borrows every string from the text (one allocation per document),
//! and it costs the browser a few kilobytes of wasm where serde_json would
//! cost tens. This module only adds bridges to it, natively.

use ::serde::ser::{self, Error as _, Serialize};
use ::serde::{Deserialize, Deserializer};

use crate::envelope::Envelope;
use crate::json::{Document, Kind, Limits, Value, Writer};
use crate::normalize::Normalized;
use crate::report::Report;
use crate::schema::{
    CompileError, Draft, Failure, MessageOptions, Options, Registry, Schema, ValidateError,
    ValidateErrorKind, MAX_INSTANCE_DEPTH,
};
use crate::status::{Action, Category};

/// Why a value could not be written as JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SerdeError {
    /// [`ValidateErrorKind::TooDeep`] for nesting deeper than
    /// [`MAX_INSTANCE_DEPTH`], else [`ValidateErrorKind::NotJson`] (a map
    /// key that is not a string, number or boolean, or the value's own
    /// `Serialize` failing).
    pub kind: ValidateErrorKind,
    /// A sentence for developers.
    pub message: String,
}

impl std::fmt::Display for SerdeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SerdeError {}

impl ser::Error for SerdeError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        not_json(msg.to_string())
    }
}

impl From<SerdeError> for ValidateError {
    fn from(e: SerdeError) -> ValidateError {
        ValidateError {
            kind: e.kind,
            message: e.message,
        }
    }
}

fn not_json(message: String) -> SerdeError {
    SerdeError {
        kind: ValidateErrorKind::NotJson,
        message,
    }
}

/// Writes `value` as compact JSON, as `serde_json` would: `None` and unit
/// are `null`, enums are externally tagged, bytes are arrays of numbers,
/// non-finite floats are `null`, integer and boolean map keys become
/// strings. Nesting deeper than [`MAX_INSTANCE_DEPTH`] is refused.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, SerdeError> {
    let mut w = Writer::new();
    value.serialize(Serializer {
        w: &mut w,
        depth: 0,
    })?;
    Ok(w.finish())
}

/// `value` as a parsed [`Document`] (see [`to_json`]), ready for
/// [`Schema::validate`] or any reader of the core's [`Value`].
pub fn to_document<T: Serialize + ?Sized>(value: &T) -> Result<Document, SerdeError> {
    let text = to_json(value)?;
    let limits = Limits {
        max_depth: MAX_INSTANCE_DEPTH,
        ..Limits::default()
    };
    Document::parse_with(text, &limits).map_err(|e| not_json(e.describe(&limits)))
}

impl Schema {
    /// Validates a value held in memory (a `serde_json::Value`, or any
    /// `T: Serialize`): the same failures as for the text
    /// `serde_json::to_string(value)` gives, without serde_json writing it.
    ///
    /// ```
    /// use fieldnote::schema::{Options, Registry, Schema};
    /// let schema = Schema::compile(
    ///     r#"{"properties":{"age":{"type":"integer","minimum":18}}}"#,
    ///     &Registry::new(),
    ///     &Options::default(),
    /// ).unwrap();
    /// let failures = schema.validate_serde(&serde_json::json!({"age": 12})).unwrap();
    /// assert_eq!(failures[0].path, "age");
    /// assert_eq!(failures[0].keyword, "minimum");
    /// ```
    pub fn validate_serde<T: Serialize + ?Sized>(
        &self,
        value: &T,
    ) -> Result<Vec<Failure>, ValidateError> {
        self.validate_json(&to_json(value)?)
    }

    /// Like [`Schema::validate_serde`], for the 422 envelope: no
    /// [`Failure::schema_path`]s (see [`Schema::validate_json_for_envelope`]).
    pub fn validate_serde_for_envelope<T: Serialize + ?Sized>(
        &self,
        value: &T,
    ) -> Result<Vec<Failure>, ValidateError> {
        self.validate_json_for_envelope(&to_json(value)?)
    }

    /// Whether a value held in memory is valid (see
    /// [`Schema::validate_serde`]); stops at the first failure.
    pub fn is_valid_serde<T: Serialize + ?Sized>(&self, value: &T) -> Result<bool, ValidateError> {
        let doc = to_document(value)?;
        self.is_valid(doc.root())
    }

    /// Compiles a schema held as a `serde_json::Value` (or any serializable
    /// schema type). Compiling is done once, so this writes the text the
    /// compiler reads.
    pub fn compile_value<T: Serialize + ?Sized>(
        schema: &T,
        registry: &Registry,
        options: &Options,
    ) -> Result<Schema, CompileError> {
        let text = to_json(schema).map_err(|e| CompileError {
            location: String::new(),
            message: format!("the schema cannot be written as JSON: {e}"),
        })?;
        Schema::compile(&text, registry, options)
    }
}

impl<'de> Deserialize<'de> for MessageOptions {
    /// Reads `{ locale?, labels?, messages? }`, the object the npm
    /// package's `compile()` takes (see [`MessageOptions::from_json`]).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        let doc = to_document(&v).map_err(::serde::de::Error::custom)?;
        Ok(MessageOptions::from_json(doc.root()))
    }
}

impl<'de> Deserialize<'de> for Options {
    /// Reads `{ formats?: bool, defaultDraft?: "2020-12" | "2019-09" |
    /// "draft-07", contentAssertion?: bool }` (camelCase, as the npm
    /// package's options); absent members keep their defaults, unknown
    /// ones are refused (a misspelt option should not pass silently).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use ::serde::de::Error;
        let v = serde_json::Value::deserialize(d)?;
        let serde_json::Value::Object(map) = v else {
            return Err(D::Error::custom("schema options must be an object"));
        };
        let mut o = Options::default();
        for (k, v) in &map {
            match (k.as_str(), v) {
                ("formats", serde_json::Value::Bool(b)) => o.formats = *b,
                ("contentAssertion", serde_json::Value::Bool(b)) => o.content_assertion = *b,
                ("defaultDraft", serde_json::Value::String(s)) => {
                    o.default_draft = match s.as_str() {
                        "2020-12" => Draft::Draft2020_12,
                        "2019-09" => Draft::Draft2019_09,
                        "draft-07" | "7" => Draft::Draft7,
                        other => {
                            return Err(D::Error::custom(format!(
                                "defaultDraft must be \"2020-12\", \"2019-09\" or \"draft-07\", not {other:?}"
                            )))
                        }
                    }
                }
                ("formats" | "contentAssertion", _) => {
                    return Err(D::Error::custom(format!("{k} must be true or false")))
                }
                ("defaultDraft", _) => {
                    return Err(D::Error::custom("defaultDraft must be a string"))
                }
                _ => {
                    return Err(D::Error::custom(format!(
                        "unknown schema option {k:?} (formats, defaultDraft, contentAssertion)"
                    )))
                }
            }
        }
        Ok(o)
    }
}

// ---- The crate's results as serde values ----

impl Serialize for Value<'_> {
    /// The value as serde data. Numbers become `u64` or `i64` when they are
    /// integers that fit, else `f64`.
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use ser::{SerializeMap, SerializeSeq};
        match self.kind() {
            Kind::Null => s.serialize_unit(),
            Kind::Bool => s.serialize_bool(self.as_bool().unwrap_or(false)),
            Kind::Number => {
                let t = self.number_text().unwrap_or("0");
                if let Ok(n) = t.parse::<u64>() {
                    s.serialize_u64(n)
                } else if let Ok(n) = t.parse::<i64>() {
                    s.serialize_i64(n)
                } else {
                    s.serialize_f64(self.as_nearest_f64().unwrap_or(0.0))
                }
            }
            Kind::String => s.serialize_str(&self.as_str().unwrap_or_default()),
            Kind::Array => {
                let mut seq = s.serialize_seq(Some(self.len()))?;
                for item in self.items() {
                    seq.serialize_element(&item)?;
                }
                seq.end()
            }
            Kind::Object => {
                let mut map = s.serialize_map(Some(self.len()))?;
                for (k, v) in self.members() {
                    map.serialize_entry(&*k, &v)?;
                }
                map.end()
            }
        }
    }
}

impl Serialize for Document {
    /// The document's root value (see `Serialize` for [`Value`]).
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.root().serialize(s)
    }
}

/// Serializes what `write` writes: the wasm layer's JSON, as serde data.
fn via_writer<S: ser::Serializer>(
    s: S,
    write: impl FnOnce(&mut Writer),
) -> Result<S::Ok, S::Error> {
    let mut w = Writer::new();
    write(&mut w);
    let doc = Document::parse(&w.finish()).map_err(|e| S::Error::custom(format!("{e:?}")))?;
    doc.root().serialize(s)
}

impl Serialize for Normalized {
    /// `{ ok, status, category, code, message, fields, formErrors, action,
    /// retry: { retryable, afterSeconds }, report, dialect }`, as the npm
    /// package's `normalize()` returns it.
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        via_writer(s, |w| self.write_json(w))
    }
}

impl Serialize for Report {
    /// `{ text, timestamp, attempts, request, status, requestIds, code,
    /// message, response: { headers, body } }`, as in the npm package's
    /// `result.report`.
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        via_writer(s, |w| self.write_json(w))
    }
}

impl Serialize for Failure {
    /// `{ path, keyword, params, schemaPath }` ([`Failure::write_json`]);
    /// the sentence for a person is [`Failure::message`].
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        via_writer(s, |w| self.write_json(w))
    }
}

impl Serialize for Envelope {
    /// The spec's `{"error":{"code","message","details":[{"field","message"}]}}`.
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        via_writer(s, |w| self.write(w))
    }
}

impl Serialize for Category {
    /// The category's name (`validation`, `rate_limited`, ...).
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Serialize for Action {
    /// The action's name (`fix_fields`, `sign_in`, ...).
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

// ---- The serializer that writes the core's JSON ----

/// A serde `Serializer` that writes one value as compact JSON through the
/// core's [`Writer`], refusing nesting deeper than [`MAX_INSTANCE_DEPTH`]
/// before it recurses further (see [`to_json`], the way to use it).
pub struct Serializer<'w> {
    w: &'w mut Writer,
    depth: u32,
}

/// A number's JSON text: the shortest that reads back as the same `f64`,
/// in exponent form when very large or small (as JavaScript writes it).
fn float_text(f: f64, short: impl std::fmt::Display + std::fmt::LowerExp) -> Option<String> {
    if !f.is_finite() {
        return None;
    }
    let a = f.abs();
    Some(if a != 0.0 && !(1e-6..1e21).contains(&a) {
        format!("{short:e}")
    } else {
        format!("{short}")
    })
}

impl<'w> Serializer<'w> {
    fn container(self, object: bool) -> Result<Compound<'w>, SerdeError> {
        let depth = self.depth.saturating_add(1);
        if depth > MAX_INSTANCE_DEPTH {
            return Err(SerdeError {
                kind: ValidateErrorKind::TooDeep,
                message: format!("the value is nested deeper than {MAX_INSTANCE_DEPTH} levels"),
            });
        }
        if object {
            self.w.begin_object();
        } else {
            self.w.begin_array();
        }
        Ok(Compound {
            w: self.w,
            depth,
            object,
            tagged: false,
        })
    }

    /// `{"variant": <container>}`: the outer object is closed by the inner
    /// compound's `end`.
    fn tagged(self, variant: &str, object: bool) -> Result<Compound<'w>, SerdeError> {
        let depth = self.depth;
        let outer = Serializer { w: self.w, depth }.container(true)?;
        outer.w.key(variant);
        let mut inner = Serializer {
            w: outer.w,
            depth: outer.depth,
        }
        .container(object)?;
        inner.tagged = true;
        Ok(inner)
    }

    fn number(self, text: &str) -> Result<(), SerdeError> {
        self.w.raw(text);
        Ok(())
    }
}

impl<'w> ser::Serializer for Serializer<'w> {
    type Ok = ();
    type Error = SerdeError;
    type SerializeSeq = Compound<'w>;
    type SerializeTuple = Compound<'w>;
    type SerializeTupleStruct = Compound<'w>;
    type SerializeTupleVariant = Compound<'w>;
    type SerializeMap = Compound<'w>;
    type SerializeStruct = Compound<'w>;
    type SerializeStructVariant = Compound<'w>;

    fn serialize_bool(self, v: bool) -> Result<(), SerdeError> {
        self.w.bool(v);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), SerdeError> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), SerdeError> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), SerdeError> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), SerdeError> {
        self.w.i64(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), SerdeError> {
        self.number(&v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<(), SerdeError> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), SerdeError> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), SerdeError> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), SerdeError> {
        self.w.u64(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), SerdeError> {
        self.number(&v.to_string())
    }
    fn serialize_f32(self, v: f32) -> Result<(), SerdeError> {
        match float_text(f64::from(v), v) {
            Some(t) => self.number(&t),
            None => self.serialize_unit(),
        }
    }
    fn serialize_f64(self, v: f64) -> Result<(), SerdeError> {
        match float_text(v, v) {
            Some(t) => self.number(&t),
            None => self.serialize_unit(),
        }
    }
    fn serialize_char(self, v: char) -> Result<(), SerdeError> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), SerdeError> {
        self.w.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), SerdeError> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), SerdeError> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), SerdeError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), SerdeError> {
        self.w.null();
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), SerdeError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), SerdeError> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), SerdeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), SerdeError> {
        use ser::SerializeMap;
        let mut map = self.container(true)?;
        map.serialize_entry(variant, value)?;
        map.end()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'w>, SerdeError> {
        self.container(false)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'w>, SerdeError> {
        self.container(false)
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'w>, SerdeError> {
        self.container(false)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'w>, SerdeError> {
        self.tagged(variant, false)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'w>, SerdeError> {
        self.container(true)
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'w>, SerdeError> {
        self.container(true)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'w>, SerdeError> {
        self.tagged(variant, true)
    }
    fn collect_str<T: std::fmt::Display + ?Sized>(self, value: &T) -> Result<(), SerdeError> {
        self.serialize_str(&value.to_string())
    }
}

/// An array or object being written (serde's compound serializers).
pub struct Compound<'w> {
    w: &'w mut Writer,
    depth: u32,
    object: bool,
    /// For `{"variant": [...]}` / `{"variant": {...}}`: close the outer
    /// object too.
    tagged: bool,
}

impl Compound<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerdeError> {
        value.serialize(Serializer {
            w: self.w,
            depth: self.depth,
        })
    }

    fn key(&mut self, key: &str) -> Result<(), SerdeError> {
        self.w.key(key);
        Ok(())
    }

    fn finish(self) -> Result<(), SerdeError> {
        if self.object {
            self.w.end_object();
        } else {
            self.w.end_array();
        }
        if self.tagged {
            self.w.end_object();
        }
        Ok(())
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = SerdeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerdeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), SerdeError> {
        self.finish()
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = SerdeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerdeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), SerdeError> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = SerdeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerdeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), SerdeError> {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = SerdeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerdeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), SerdeError> {
        self.finish()
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = SerdeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), SerdeError> {
        key.serialize(KeySerializer { w: self.w })
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerdeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), SerdeError> {
        self.finish()
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = SerdeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerdeError> {
        self.key(key)?;
        self.element(value)
    }
    fn end(self) -> Result<(), SerdeError> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = SerdeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerdeError> {
        self.key(key)?;
        self.element(value)
    }
    fn end(self) -> Result<(), SerdeError> {
        self.finish()
    }
}

/// Map keys, written straight to the writer: strings, and what
/// serde_json also turns into strings (integers, booleans, chars, unit
/// variants).
struct KeySerializer<'w> {
    w: &'w mut Writer,
}

fn bad_key() -> SerdeError {
    not_json("a map key must be a string, a number or a boolean".into())
}

impl KeySerializer<'_> {
    fn key(self, k: &str) -> Result<(), SerdeError> {
        self.w.key(k);
        Ok(())
    }
}

impl<'w> ser::Serializer for KeySerializer<'w> {
    type Ok = ();
    type Error = SerdeError;
    type SerializeSeq = ser::Impossible<(), SerdeError>;
    type SerializeTuple = ser::Impossible<(), SerdeError>;
    type SerializeTupleStruct = ser::Impossible<(), SerdeError>;
    type SerializeTupleVariant = ser::Impossible<(), SerdeError>;
    type SerializeMap = ser::Impossible<(), SerdeError>;
    type SerializeStruct = ser::Impossible<(), SerdeError>;
    type SerializeStructVariant = ser::Impossible<(), SerdeError>;

    fn serialize_bool(self, v: bool) -> Result<(), SerdeError> {
        self.key(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result<(), SerdeError> {
        self.key(&v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<(), SerdeError> {
        self.key(&v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<(), SerdeError> {
        self.key(&v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<(), SerdeError> {
        self.key(&v.to_string())
    }
    fn serialize_i128(self, v: i128) -> Result<(), SerdeError> {
        self.key(&v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<(), SerdeError> {
        self.key(&v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<(), SerdeError> {
        self.key(&v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<(), SerdeError> {
        self.key(&v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<(), SerdeError> {
        self.key(&v.to_string())
    }
    fn serialize_u128(self, v: u128) -> Result<(), SerdeError> {
        self.key(&v.to_string())
    }
    fn serialize_f32(self, _v: f32) -> Result<(), SerdeError> {
        Err(bad_key())
    }
    fn serialize_f64(self, _v: f64) -> Result<(), SerdeError> {
        Err(bad_key())
    }
    fn serialize_char(self, v: char) -> Result<(), SerdeError> {
        self.key(&v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<(), SerdeError> {
        self.key(v)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), SerdeError> {
        Err(bad_key())
    }
    fn serialize_none(self) -> Result<(), SerdeError> {
        Err(bad_key())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _v: &T) -> Result<(), SerdeError> {
        Err(bad_key())
    }
    fn serialize_unit(self) -> Result<(), SerdeError> {
        Err(bad_key())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), SerdeError> {
        Err(bad_key())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), SerdeError> {
        self.key(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), SerdeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), SerdeError> {
        Err(bad_key())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, SerdeError> {
        Err(bad_key())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, SerdeError> {
        Err(bad_key())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, SerdeError> {
        Err(bad_key())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, SerdeError> {
        Err(bad_key())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, SerdeError> {
        Err(bad_key())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, SerdeError> {
        Err(bad_key())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, SerdeError> {
        Err(bad_key())
    }
}
