//! The built-in metaschemas (draft 2020-12 with its vocabularies, and
//! draft-07), stored minified without annotation-only keywords (`title`,
//! `description`, `default`, `$comment`, `deprecated`): about 9 KB, 1.3 KB
//! gzipped. They are parsed only when a schema refers to them.

const B: &str = "https://json-schema.org/draft/2020-12/";

/// `(URI, text)` of each built-in metaschema.
const ALL: &[(&str, &str)] = &[
    ("schema", include_str!("meta/draft2020-12.json")),
    ("meta/core", include_str!("meta/core.json")),
    ("meta/applicator", include_str!("meta/applicator.json")),
    ("meta/unevaluated", include_str!("meta/unevaluated.json")),
    ("meta/validation", include_str!("meta/validation.json")),
    ("meta/meta-data", include_str!("meta/meta-data.json")),
    (
        "meta/format-annotation",
        include_str!("meta/format-annotation.json"),
    ),
    (
        "meta/format-assertion",
        include_str!("meta/format-assertion.json"),
    ),
    ("meta/content", include_str!("meta/content.json")),
];

const DRAFT7: &str = include_str!("meta/draft-07.json");

/// The text of the built-in metaschema known as `uri` (no fragment).
pub(crate) fn lookup(uri: &str) -> Option<&'static str> {
    if matches!(
        uri,
        "http://json-schema.org/draft-07/schema" | "https://json-schema.org/draft-07/schema"
    ) {
        return Some(DRAFT7);
    }
    let rest = uri.strip_prefix(B)?;
    ALL.iter().find(|(u, _)| *u == rest).map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_parse_and_name_themselves() {
        for (u, t) in ALL.iter().map(|(u, t)| ([B, u].concat(), *t)) {
            let d = crate::json::Document::parse(t).unwrap();
            assert_eq!(d.root().get("$id").unwrap().as_str().unwrap(), u);
            assert_eq!(lookup(&u), Some(t));
        }
        let d = crate::json::Document::parse(DRAFT7).unwrap();
        assert!(d.root().get("properties").is_some());
        assert!(lookup("http://json-schema.org/draft-07/schema").is_some());
        assert!(lookup("https://json-schema.org/draft/2020-12/meta/nope").is_none());
    }
}
