//! One look at an object's members: which of the keys the dialects care
//! about are present, and where. Detection reads each object once through
//! this table instead of asking `get` key by key (each `get` is a scan).

use crate::json::{Kind, Value};

/// The member names dialects look for, as slots in [`Shape`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum K {
    Error,
    Errors,
    Message,
    /// `Message` (AWS, some .NET services).
    MessageCap,
    Detail,
    Title,
    Type,
    Status,
    Instance,
    Data,
    /// `__type` (AWS JSON protocols).
    AwsType,
    Code,
    MoreInfo,
    StatusCode,
    Timestamp,
    Path,
    DocumentationUrl,
    InvalidParams,
    TraceId,
    Exception,
    Extensions,
    Details,
    Param,
    DeclineCode,
    DocUrl,
    /// `innererror` (OData) or `innerError` (Microsoft Graph).
    InnerError,
    Target,
    Source,
    Locations,
    Resource,
    Field,
    DefaultMessage,
    ObjectName,
    Loc,
    Msg,
    Pointer,
    Name,
    Reason,
    ErrorDescription,
    /// Zod `flatten()`: `fieldErrors`.
    FieldErrors,
    /// Zod `flatten()`: `formErrors`.
    FormErrors,
    /// Zod `format()`: `_errors`.
    ZodErrors,
    /// Zod `ZodError`: `issues`.
    Issues,
    /// Zod 4 `treeifyError()`: `properties`.
    Properties,
    /// next-safe-action's result: `validationErrors`.
    ValidationErrors,
}

const SLOTS: usize = K::ValidationErrors as usize + 1;

/// Member names and their slots (a table: a `match` on strings costs
/// more wasm than a scan of 40 short names).
const NAMES: [(&str, K); 46] = [
    ("error", K::Error),
    ("errors", K::Errors),
    ("message", K::Message),
    ("Message", K::MessageCap),
    ("detail", K::Detail),
    ("title", K::Title),
    ("type", K::Type),
    ("status", K::Status),
    ("instance", K::Instance),
    ("data", K::Data),
    ("__type", K::AwsType),
    ("code", K::Code),
    ("more_info", K::MoreInfo),
    ("statusCode", K::StatusCode),
    ("timestamp", K::Timestamp),
    ("path", K::Path),
    ("documentation_url", K::DocumentationUrl),
    ("invalid-params", K::InvalidParams),
    ("traceId", K::TraceId),
    ("exception", K::Exception),
    ("extensions", K::Extensions),
    ("details", K::Details),
    ("param", K::Param),
    ("decline_code", K::DeclineCode),
    ("doc_url", K::DocUrl),
    ("innererror", K::InnerError),
    ("innerError", K::InnerError),
    ("target", K::Target),
    ("source", K::Source),
    ("locations", K::Locations),
    ("resource", K::Resource),
    ("field", K::Field),
    ("defaultMessage", K::DefaultMessage),
    ("objectName", K::ObjectName),
    ("loc", K::Loc),
    ("msg", K::Msg),
    ("pointer", K::Pointer),
    ("name", K::Name),
    ("reason", K::Reason),
    ("error_description", K::ErrorDescription),
    ("fieldErrors", K::FieldErrors),
    ("formErrors", K::FormErrors),
    ("_errors", K::ZodErrors),
    ("issues", K::Issues),
    ("properties", K::Properties),
    ("validationErrors", K::ValidationErrors),
];

fn key(name: &str) -> Option<K> {
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
}

/// An object's members of interest, found in one pass.
pub(crate) struct Shape<'a> {
    /// The object (or any value: non-objects have no members).
    pub(crate) value: Value<'a>,
    /// Each slot's value, if present.
    slots: [Option<Value<'a>>; SLOTS],
    /// Number of members.
    pub(crate) members: usize,
    /// Members whose value is an array or an object.
    pub(crate) containers: usize,
}

impl<'a> Shape<'a> {
    /// Reads `value`'s member names once.
    pub(crate) fn of(value: Value<'a>) -> Shape<'a> {
        let mut s = Shape {
            value,
            slots: [None; SLOTS],
            members: 0,
            containers: 0,
        };
        for (k, v) in value.members_raw() {
            s.members += 1;
            if matches!(v.kind(), Kind::Array | Kind::Object) {
                s.containers += 1;
            }
            let slot = match k.as_plain_str() {
                Some(name) => key(name),
                None => k.as_str().and_then(|n| key(&n)),
            };
            if let Some(slot) = slot {
                if let Some(cell) = s.slots.get_mut(slot as usize) {
                    // The last of repeated names wins, as in `JSON.parse`.
                    *cell = Some(v);
                }
            }
        }
        s
    }

    /// The member in slot `k`.
    pub(crate) fn get(&self, k: K) -> Option<Value<'a>> {
        self.slots.get(k as usize).copied().flatten()
    }

    /// Whether slot `k` is present.
    pub(crate) fn has(&self, k: K) -> bool {
        self.slots.get(k as usize).is_some_and(Option::is_some)
    }

    /// The member in slot `k` if it is a non-blank string, trimmed.
    pub(crate) fn text(&self, k: K) -> Option<String> {
        super::text(self.get(k))
    }

    /// The member in slot `k` if it is of `kind`.
    pub(crate) fn get_kind(&self, k: K, kind: Kind) -> Option<Value<'a>> {
        self.get(k).filter(|v| v.kind() == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Document;

    #[test]
    fn finds_members_in_one_pass() {
        let d = Document::parse(
            r#"{"type":"about:blank","title":"Nope","errors":{"a":["b"]},"x":1,"innerError":{}}"#,
        )
        .unwrap();
        let s = Shape::of(d.root());
        assert_eq!(s.members, 5);
        assert_eq!(s.containers, 2);
        assert_eq!(s.text(K::Title).as_deref(), Some("Nope"));
        assert!(s.has(K::InnerError));
        assert_eq!(s.get(K::Errors).map(|e| e.kind()), Some(Kind::Object));
        assert!(s.get_kind(K::Errors, Kind::Array).is_none());
        assert!(!s.has(K::Detail));
    }

    #[test]
    fn escaped_keys_and_non_objects() {
        let d = Document::parse(r#"{"mess\u0061ge":"  hi there "}"#).unwrap();
        assert_eq!(
            Shape::of(d.root()).text(K::Message).as_deref(),
            Some("hi there")
        );
        let d = Document::parse("[1,2]").unwrap();
        let s = Shape::of(d.root());
        assert_eq!((s.members, s.has(K::Error)), (0, false));
    }
}
