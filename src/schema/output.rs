//! What a failure says: [`Failure`] and its typed [`Params`], written as
//! JSON like Ajv's errors, and turned into the spec's 422 envelope with
//! plain-English messages from [`crate::messages`].

use super::wording::MessageOptions;
use crate::envelope::{Detail, Envelope};
use crate::json::Writer;

/// The details of a failure, per keyword. Serialized by
/// [`Failure::write_json`] as Ajv's `params` object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Params {
    /// No details (`not`, `anyOf`, `false schema`, `unevaluatedItems`).
    None,
    /// A count limit: `minLength`, `maxLength`, `minItems`, `maxItems`,
    /// `minProperties`, `maxProperties`, `contains`, `minContains`,
    /// `maxContains`, and `items`/`additionalItems` when no more items are
    /// allowed. `{"limit": 8}`
    Limit(u64),
    /// `minimum` (`>=`), `exclusiveMinimum` (`>`), `maximum` (`<=`),
    /// `exclusiveMaximum` (`<`), with the limit's JSON text.
    /// `{"comparison": ">=", "limit": 18}`
    Compare {
        /// `>=`, `>`, `<=` or `<`.
        comparison: &'static str,
        /// The limit as written in the schema.
        limit: String,
    },
    /// `multipleOf`, with the divisor's JSON text. `{"multipleOf": 0.01}`
    MultipleOf(String),
    /// `required`: the missing property. `{"missingProperty": "email"}`
    Missing(String),
    /// `dependentRequired` (`dependencies`): the property that is present
    /// and the one missing. `{"property": "card", "missingProperty": "cvc"}`
    Dependent {
        /// The property whose presence requires the other.
        property: String,
        /// The missing property.
        missing: String,
    },
    /// `type`: the allowed types, comma-separated. `{"type": "string"}`
    Type(String),
    /// `format`: the format name. `{"format": "email"}`
    Format(String),
    /// `pattern`: the pattern; `too_complex` when matching gave up.
    /// `{"pattern": "^[0-9]{5}$"}` (`"tooComplex": true` when it gave up)
    Pattern {
        /// The pattern as written.
        pattern: String,
        /// Matching gave up: the input could not be checked.
        too_complex: bool,
        /// The subschema's first string in `examples`, to show the format
        /// (not serialized).
        example: Option<String>,
    },
    /// `const`: the allowed value as JSON text. `{"allowedValue": true}`
    Const(String),
    /// `enum`: the allowed values as JSON array text.
    /// `{"allowedValues": ["a", "b"]}`
    Enum(String),
    /// `additionalProperties`: the property that is not allowed.
    /// `{"additionalProperty": "nickname"}`
    AdditionalProperty(String),
    /// `unevaluatedProperties`: `{"unevaluatedProperty": "nickname"}`
    UnevaluatedProperty(String),
    /// `propertyNames`: the name that is not allowed.
    /// `{"propertyName": "a b"}`
    PropertyName(String),
    /// `oneOf` matched by more than one schema: the first two matches.
    /// `{"passingSchemas": [0, 2]}`
    Passing(u32, u32),
    /// `uniqueItems`: indices of two equal items. `{"i": 1, "j": 4}`
    Duplicate(u64, u64),
}

impl Params {
    /// Writes the params object.
    pub fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        match self {
            Params::None => {}
            Params::Limit(n) => {
                w.key("limit");
                w.u64(*n);
            }
            Params::Compare { comparison, limit } => {
                w.key("comparison");
                w.string(comparison);
                w.key("limit");
                w.raw(limit);
            }
            Params::MultipleOf(n) => {
                w.key("multipleOf");
                w.raw(n);
            }
            Params::Missing(p) => {
                w.key("missingProperty");
                w.string(p);
            }
            Params::Dependent { property, missing } => {
                w.key("property");
                w.string(property);
                w.key("missingProperty");
                w.string(missing);
            }
            Params::Type(t) => {
                w.key("type");
                w.string(t);
            }
            Params::Format(f) => {
                w.key("format");
                w.string(f);
            }
            Params::Pattern {
                pattern,
                too_complex,
                ..
            } => {
                w.key("pattern");
                w.string(pattern);
                if *too_complex {
                    w.key("tooComplex");
                    w.bool(true);
                }
            }
            Params::Const(v) => {
                w.key("allowedValue");
                w.raw(v);
            }
            Params::Enum(v) => {
                w.key("allowedValues");
                w.raw(v);
            }
            Params::AdditionalProperty(p) => {
                w.key("additionalProperty");
                w.string(p);
            }
            Params::UnevaluatedProperty(p) => {
                w.key("unevaluatedProperty");
                w.string(p);
            }
            Params::PropertyName(p) => {
                w.key("propertyName");
                w.string(p);
            }
            Params::Passing(a, b) => {
                w.key("passingSchemas");
                w.begin_array();
                w.u64(u64::from(*a));
                w.u64(u64::from(*b));
                w.end_array();
            }
            Params::Duplicate(i, j) => {
                w.key("i");
                w.u64(*i);
                w.key("j");
                w.u64(*j);
            }
        }
        w.end_object();
    }
}

/// One thing wrong with an instance, at a field a person can fix.
#[derive(Clone, Debug, Eq)]
pub struct Failure {
    /// The canonical dotted path of the field (`items.0.name`; `""` is the
    /// whole instance). For `required` and `dependentRequired` it is the
    /// missing field itself; for `additionalProperties: false` the field
    /// that is not allowed.
    pub path: String,
    /// The keyword that failed (`required`, `minLength`, `type`, `format`,
    /// `anyOf`, `false schema`, ...).
    pub keyword: &'static str,
    /// Details, per keyword.
    pub params: Params,
    /// The absolute keyword location: a JSON Pointer into the schema as a
    /// URI fragment (`#/properties/zip/pattern`), prefixed by the document's
    /// URI when the keyword is in another document (`http://x/y.json#/...`).
    /// `$ref`s are followed, so this is where the keyword is written, not
    /// the path taken to reach it.
    pub schema_path: String,
    /// The `title` of the subschema that governs the field, if any (the
    /// field's label for messages).
    pub title: Option<String>,
    /// The schema's own message for this failure (an `errorMessage`
    /// keyword, ajv-errors' forms), with `{label}`-style placeholders.
    pub error_message: Option<String>,
    /// A missing field is answered by choosing (`enum`, `const`, `type:
    /// boolean`): the message says "Select" rather than "Enter".
    pub choice: bool,
    /// Tape index of the instance value being checked (to tell type
    /// mismatches at a location from failures deeper down).
    pub(crate) at: usize,
}

impl PartialEq for Failure {
    /// Equal when everything public is equal.
    fn eq(&self, o: &Failure) -> bool {
        self.path == o.path
            && self.error_message == o.error_message
            && self.keyword == o.keyword
            && self.params == o.params
            && self.schema_path == o.schema_path
            && self.title == o.title
    }
}

impl Failure {
    /// Writes `{"path", "keyword", "params", "schemaPath"}`.
    pub fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.key("path");
        w.string(&self.path);
        w.key("keyword");
        w.string(self.keyword);
        w.key("params");
        self.params.write_json(w);
        w.key("schemaPath");
        w.string(&self.schema_path);
        w.end_object();
    }

    /// The sentence for a person, in `locale` (falling back to English);
    /// [`Failure::message_with`] takes labels and overrides too.
    pub fn message(&self, locale: &str) -> String {
        super::wording::message(self, &MessageOptions::for_locale(locale))
    }

    /// The sentence for a person, with labels and message overrides.
    pub fn message_with(&self, o: &MessageOptions) -> String {
        super::wording::message(self, o)
    }

    /// The field's label: its `title`, else its path made readable.
    pub fn label(&self, locale: &str) -> String {
        super::wording::label(self, &MessageOptions::for_locale(locale))
    }
}

/// The spec's 422 envelope for `failures`: `code: validation_failed`, one
/// detail per failure with a plain-English message in `locale`.
pub fn to_envelope(failures: &[Failure], locale: &str) -> Envelope {
    to_envelope_with(failures, &MessageOptions::for_locale(locale))
}

/// Details an envelope lists; failures past it are counted in one last
/// form-level detail ("And 39 000 more answers to correct"), so a hostile
/// payload (40 000 failures) costs a bounded amount of wording and output.
pub const MAX_DETAILS: usize = 1_000;

/// [`to_envelope`] with labels and message overrides: one sentence for
/// the whole form (counting every field that failed), one detail per
/// failure up to [`MAX_DETAILS`], then one saying how many more.
pub fn to_envelope_with(failures: &[Failure], o: &MessageOptions) -> Envelope {
    let mut details: Vec<Detail> = failures
        .iter()
        .take(MAX_DETAILS)
        .map(|f| Detail {
            field: f.path.clone(),
            message: super::wording::message(f, o),
        })
        .collect();
    if let Some(rest) = failures.len().checked_sub(MAX_DETAILS).filter(|&r| r > 0) {
        details.push(Detail {
            field: String::new(),
            message: super::wording::more(rest as u64, o),
        });
    }
    Envelope {
        code: "validation_failed".into(),
        message: super::wording::summary(failures, o),
        details,
    }
}

/// A failure at `path` with nothing but its keyword, params and title (unit tests).
#[cfg(test)]
pub(super) fn failure(
    path: &str,
    keyword: &'static str,
    params: Params,
    title: Option<&str>,
) -> Failure {
    Failure {
        path: path.into(),
        keyword,
        params,
        schema_path: String::new(),
        title: title.map(Into::into),
        error_message: None,
        choice: false,
        at: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_plain() {
        let cases = [
            (
                failure(
                    "email",
                    "required",
                    Params::Missing("email".into()),
                    Some("Email address"),
                ),
                "Enter email address",
            ),
            (
                failure(
                    "email",
                    "format",
                    Params::Format("email".into()),
                    Some("Email"),
                ),
                "Enter an email address in the correct format, like name@example.com",
            ),
            (
                failure("password", "maxLength", Params::Limit(8), None),
                "Password must be 8 characters or fewer",
            ),
            (
                failure("name", "minLength", Params::Limit(1), Some("Full name")),
                "Enter full name",
            ),
            (
                failure(
                    "age",
                    "minimum",
                    Params::Compare {
                        comparison: ">=",
                        limit: "18".into(),
                    },
                    None,
                ),
                "Age must be 18 or more",
            ),
            (
                failure(
                    "price",
                    "multipleOf",
                    Params::MultipleOf("0.01".into()),
                    None,
                ),
                "Price must have 2 decimal places or fewer",
            ),
        ];
        for (f, want) in cases {
            assert_eq!(f.message("en"), want);
        }
        for k in ["anyOf", "not", "false schema"] {
            let m = failure("a", k, Params::None, None).message("en");
            assert!(
                !m.to_lowercase().contains("invalid") && !m.contains("schema."),
                "{m}"
            );
        }
    }

    #[test]
    fn json_shape() {
        let f = failure(
            "zip",
            "pattern",
            Params::Pattern {
                pattern: "^[0-9]{5}$".into(),
                too_complex: false,
                example: None,
            },
            None,
        );
        let mut w = Writer::new();
        f.write_json(&mut w);
        assert_eq!(
            w.finish(),
            r#"{"path":"zip","keyword":"pattern","params":{"pattern":"^[0-9]{5}$"},"schemaPath":""}"#
        );
        let e = to_envelope(&[f], "en");
        assert_eq!(e.code, "validation_failed");
        assert_eq!(e.details.len(), 1);
        assert_eq!(e.details[0].field, "zip");
    }

    #[test]
    fn envelopes_are_capped_with_a_count_of_the_rest() {
        let many: Vec<Failure> = (0..MAX_DETAILS + 1_234)
            .map(|i| {
                failure(
                    &format!("f{}", i % 2_000),
                    "type",
                    Params::Type("string".into()),
                    None,
                )
            })
            .collect();
        for (loc, want) in [
            ("en", "And 1234 more answers to correct"),
            ("de", "Und 1234 weitere Angaben sind zu korrigieren"),
            ("fr", "Et 1234 autres réponses à corriger"),
            ("es", "Y 1234 respuestas más por corregir"),
            ("ja", "ほかに1234件の回答を修正する必要があります"),
        ] {
            let e = to_envelope(&many, loc);
            assert_eq!(e.details.len(), MAX_DETAILS + 1, "{loc}");
            let last = e.details.last().unwrap();
            assert_eq!(
                (last.field.as_str(), last.message.as_str()),
                ("", want),
                "{loc}"
            );
        }
        // The summary counts every distinct field, listed or not.
        assert!(
            to_envelope(&many, "en").message.contains("2000"),
            "{}",
            to_envelope(&many, "en").message
        );
        assert_eq!(
            to_envelope(&many[..MAX_DETAILS], "en").details.len(),
            MAX_DETAILS
        );
    }
}
