//! The spec's error envelope:
//! `{"error":{"code","message","details":[{"field","message"}]}}`.
//!
//! [`read`] recognizes it in a response body; [`Envelope`] writes it (the
//! validator's 422 output, and Rust servers answering in the same shape).

#[cfg(feature = "errors")]
use crate::dialects::ErrorBody;
use crate::json::Writer;
#[cfg(feature = "errors")]
use crate::json::{Kind, Value};

/// One entry of `details`: a field (canonical path, empty for the whole
/// form) and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detail {
    /// The field's path (dotted), or empty for a form-level error.
    pub field: String,
    /// The message for that field.
    pub message: String,
}

/// The spec's error envelope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    /// A machine-readable code such as `validation_failed`.
    pub code: String,
    /// A sentence for people.
    pub message: String,
    /// Field-level details.
    pub details: Vec<Detail>,
}

impl Envelope {
    /// Writes `{"error":{...}}`.
    pub fn write(&self, w: &mut Writer) {
        w.begin_object();
        w.key("error");
        w.begin_object();
        w.key("code");
        w.string(&self.code);
        w.key("message");
        w.string(&self.message);
        w.key("details");
        w.begin_array();
        for d in &self.details {
            w.begin_object();
            w.key("field");
            w.string(&d.field);
            w.key("message");
            w.string(&d.message);
            w.end_object();
        }
        w.end_array();
        w.end_object();
        w.end_object();
    }

    /// The envelope as JSON text.
    pub fn to_json(&self) -> String {
        let mut w = Writer::new();
        self.write(&mut w);
        w.finish()
    }
}

/// Reads the spec's envelope from a parsed body, if that is its shape: an
/// object whose `error` is an object with a string `code` or `message`.
#[cfg(feature = "errors")]
pub fn read(root: Value<'_>) -> Option<ErrorBody> {
    let err = root.get("error")?;
    if err.kind() != Kind::Object {
        return None;
    }
    let code = err.get("code").and_then(|c| c.as_str());
    let message = err.get("message").and_then(|m| m.as_str());
    if code.is_none() && message.is_none() {
        return None;
    }
    let details = err.get("details");
    // Other dialects share the outer shape; let them claim details that are
    // not `{field, message}` lists.
    if let Some(d) = details {
        let spec_items = d.kind() == Kind::Array
            && d.items().all(|i| {
                i.kind() == Kind::Object
                    && i.get("message").is_some()
                    && i.get("@type").is_none()
                    && i.get("target").is_none()
            });
        if !spec_items && !d.is_empty() {
            return None;
        }
    }
    let mut body = ErrorBody::new("spec");
    // The spec's message is written for people, at every status.
    body.audience = crate::dialects::Audience::People;
    body.code = code.map(|c| c.into_owned());
    body.message = message.map(|m| m.into_owned());
    if let Some(d) = details {
        for item in d.items() {
            let field = item
                .get("field")
                .and_then(|f| f.as_str())
                .map(|f| crate::paths::canonical(&f))
                .unwrap_or_default();
            let msg = item
                .get("message")
                .and_then(|m| m.as_str())
                .map(|m| m.into_owned())
                .unwrap_or_default();
            // Kept as given: the reader of a server's body filters out
            // internals (`dialects`); a validator's own envelope is trusted.
            body.fields.push((field, msg));
        }
    }
    Some(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Document;

    #[test]
    fn writes_the_spec_shape() {
        let e = Envelope {
            code: "validation_failed".into(),
            message: "Check the marked fields".into(),
            details: vec![Detail {
                field: "address.zip".into(),
                message: "Enter a postcode".into(),
            }],
        };
        assert_eq!(
            e.to_json(),
            r#"{"error":{"code":"validation_failed","message":"Check the marked fields","details":[{"field":"address.zip","message":"Enter a postcode"}]}}"#
        );
    }

    #[test]
    fn reads_the_spec_shape() {
        let d = Document::parse(
            r#"{"error":{"code":"validation_failed","message":"Validation failed","details":[
                {"field":"items[0].name","message":"Enter a name"},
                {"field":"","message":"Start must be before end"},
                {"message":"No field at all"}]}}"#,
        )
        .unwrap();
        let b = read(d.root()).unwrap();
        assert_eq!(b.code.as_deref(), Some("validation_failed"));
        assert_eq!(
            b.fields,
            vec![
                ("items.0.name".to_owned(), "Enter a name".to_owned()),
                (String::new(), "Start must be before end".to_owned()),
                (String::new(), "No field at all".to_owned()),
            ]
        );
    }

    #[test]
    fn not_the_spec_shape() {
        for s in [
            r#"{"error":"nope"}"#,
            r#"{"error":{}}"#,
            r#"{"message":"x"}"#,
            "[1]",
        ] {
            let d = Document::parse(s).unwrap();
            assert!(read(d.root()).is_none(), "{s}");
        }
    }
}
