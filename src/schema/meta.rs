//! The built-in metaschemas (drafts 2020-12 and 2019-09 with their
//! vocabularies, draft-07, draft-06 and draft-04), stored minified without
//! annotation-only keywords (`title`, `description`, `default`,
//! `$comment`, `deprecated`, `examples`). They are parsed only when a
//! schema refers to them: a schema that only names its draft in `$schema`
//! never reads them.

const B2020: &str = "https://json-schema.org/draft/2020-12/";
const B2019: &str = "https://json-schema.org/draft/2019-09/";

/// `(URI after B2020, text)` of each built-in 2020-12 metaschema.
const ALL_2020: &[(&str, &str)] = &[
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

/// `(URI after B2019, text)` of each built-in 2019-09 metaschema.
const ALL_2019: &[(&str, &str)] = &[
    ("schema", include_str!("meta/draft2019-09.json")),
    ("meta/core", include_str!("meta/2019-09-core.json")),
    (
        "meta/applicator",
        include_str!("meta/2019-09-applicator.json"),
    ),
    (
        "meta/validation",
        include_str!("meta/2019-09-validation.json"),
    ),
    (
        "meta/meta-data",
        include_str!("meta/2019-09-meta-data.json"),
    ),
    ("meta/format", include_str!("meta/2019-09-format.json")),
    ("meta/content", include_str!("meta/2019-09-content.json")),
];

const DRAFT7: &str = include_str!("meta/draft-07.json");
const DRAFT6: &str = include_str!("meta/draft-06.json");
const DRAFT4: &str = include_str!("meta/draft-04.json");

/// The text of the built-in metaschema known as `uri` (no fragment).
pub(crate) fn lookup(uri: &str) -> Option<&'static str> {
    // The old drafts are known by http and https alike.
    let old = uri
        .strip_prefix("http://json-schema.org/")
        .or_else(|| uri.strip_prefix("https://json-schema.org/"));
    match old {
        Some("draft-07/schema") => return Some(DRAFT7),
        Some("draft-06/schema") => return Some(DRAFT6),
        Some("draft-04/schema") => return Some(DRAFT4),
        _ => {}
    }
    let (rest, all) = match uri.strip_prefix(B2020) {
        Some(rest) => (rest, ALL_2020),
        None => (uri.strip_prefix(B2019)?, ALL_2019),
    };
    all.iter().find(|(u, _)| *u == rest).map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_parse_and_name_themselves() {
        let modern = ALL_2020
            .iter()
            .map(|(u, t)| ([B2020, u].concat(), *t))
            .chain(ALL_2019.iter().map(|(u, t)| ([B2019, u].concat(), *t)));
        for (u, t) in modern {
            let d = crate::json::Document::parse(t).unwrap();
            assert_eq!(d.root().get("$id").unwrap().as_str().unwrap(), u);
            assert_eq!(lookup(&u), Some(t));
        }
        for (u, id) in [
            ("http://json-schema.org/draft-07/schema", "$id"),
            ("http://json-schema.org/draft-06/schema", "$id"),
            ("http://json-schema.org/draft-04/schema", "id"),
        ] {
            let d = crate::json::Document::parse(lookup(u).unwrap()).unwrap();
            let named = d.root().get(id).unwrap().as_str().unwrap();
            assert_eq!(named.trim_end_matches('#'), u);
        }
        assert!(lookup("https://json-schema.org/draft-04/schema").is_some());
        assert!(lookup("https://json-schema.org/draft/2020-12/meta/nope").is_none());
        assert!(lookup("https://json-schema.org/draft/2019-09/meta/unevaluated").is_none());
    }
}
