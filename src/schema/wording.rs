//! The sentence a person reads for a failure: which field (its label), what
//! is wrong and how to fix it, in their language.
//!
//! The words are data (`schema.*` keys of [`crate::messages`]); this module
//! only picks the key and its arguments. Overrides, most specific first:
//! the caller's message for the field (and keyword), the schema's own
//! `errorMessage` (see [`Failure::error_message`]), the caller's message
//! for the keyword, then the catalog. Custom messages take the same
//! placeholders as the catalog's: `{label}`, `{Label}`, `{n}`, `{limit}`,
//! `{value}`, `{format}`, `{name}`, `{example}`.

use super::output::{Failure, Params};
use crate::json::number::Dec;
use crate::json::{Kind, Value};
use crate::messages::{catalog, fill, text, Arg};

/// How failures are worded.
#[derive(Clone, Debug, Default)]
pub struct MessageOptions {
    /// Locale tag (`en`, `de-AT`); unknown locales fall back to English.
    pub locale: String,
    /// Field labels by canonical path; a `*` segment matches any array
    /// index (`items.*.name`).
    pub labels: Vec<(String, String)>,
    /// Messages by keyword (`minLength`, `required`, `format`...).
    pub keywords: Vec<(String, String)>,
    /// Messages by field: canonical path (`*` as in `labels`), keyword (""
    /// for any failure of the field), message.
    pub fields: Vec<(String, String, String)>,
    /// Today's date (`2026-11-24`), so that a date limit of today reads
    /// "must be in the past"; natively the system clock's (UTC) if unset.
    pub today: Option<String>,
}

/// The keywords a failure can have: a `messages` entry with one of these
/// names is a keyword's message, any other a field's.
const KEYWORDS: &[&str] = &[
    "required",
    "dependentRequired",
    "type",
    "const",
    "enum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
    "minimum",
    "exclusiveMinimum",
    "maximum",
    "exclusiveMaximum",
    "formatMinimum",
    "formatExclusiveMinimum",
    "formatMaximum",
    "formatExclusiveMaximum",
    "multipleOf",
    "pattern",
    "format",
    "uniqueItems",
    "contains",
    "minContains",
    "maxContains",
    "items",
    "additionalItems",
    "additionalProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
    "propertyNames",
    "anyOf",
    "oneOf",
    "not",
    "false schema",
    "contentEncoding",
    "contentMediaType",
];

impl MessageOptions {
    /// Default wording in `locale`.
    pub fn for_locale(locale: &str) -> MessageOptions {
        MessageOptions {
            locale: locale.into(),
            ..MessageOptions::default()
        }
    }

    /// Reads `{ locale?, labels?: { path: label }, messages?: { keyword:
    /// message, path: message | { keyword: message } } }`. Paths in any
    /// syntax; members of other types are ignored.
    pub fn from_json(o: Value<'_>) -> MessageOptions {
        let mut out = MessageOptions::default();
        if let Some(l) = o.get("locale").and_then(|l| l.as_str()) {
            out.locale = l.into_owned();
        }
        if let Some(labels) = o.get("labels") {
            for (k, v) in labels.members() {
                if let Some(v) = v.as_str() {
                    out.labels
                        .push((crate::paths::canonical(&k), v.into_owned()));
                }
            }
        }
        if let Some(m) = o.get("messages") {
            for (k, v) in m.members() {
                match v.kind() {
                    Kind::String if KEYWORDS.contains(&&*k) => {
                        out.keywords
                            .push((k.into_owned(), v.as_str().unwrap_or_default().into()));
                    }
                    Kind::String => out.fields.push((
                        crate::paths::canonical(&k),
                        String::new(),
                        v.as_str().unwrap_or_default().into(),
                    )),
                    Kind::Object => {
                        let path = crate::paths::canonical(&k);
                        for (kw, text) in v.members() {
                            if let Some(t) = text.as_str() {
                                out.fields
                                    .push((path.clone(), kw.into_owned(), t.into_owned()));
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }

    /// These options with `over`'s on top: its locale if it names one, its
    /// labels and messages before these.
    pub fn overlaid(&self, over: &MessageOptions) -> MessageOptions {
        let join = |a: &[(String, String)], b: &[(String, String)]| {
            let mut v = a.to_vec();
            v.extend_from_slice(b);
            v
        };
        let mut fields = over.fields.clone();
        fields.extend_from_slice(&self.fields);
        MessageOptions {
            locale: if over.locale.is_empty() {
                self.locale.clone()
            } else {
                over.locale.clone()
            },
            labels: join(&over.labels, &self.labels),
            keywords: join(&over.keywords, &self.keywords),
            fields,
            today: over.today.clone().or_else(|| self.today.clone()),
        }
    }
}

/// Whether `pattern` (canonical, `*` for any index) matches `path`.
fn path_matches(pattern: &str, path: &str) -> bool {
    if pattern == path {
        return true;
    }
    if !pattern.contains('*') {
        return false;
    }
    let mut a = pattern.split('.');
    let mut b = path.split('.');
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y || (x == "*" && crate::paths::is_index(y)) => {}
            _ => return false,
        }
    }
}

fn find_label<'o>(o: &'o MessageOptions, path: &str) -> Option<&'o str> {
    o.labels
        .iter()
        .find(|(p, _)| path_matches(p, path))
        .map(|(_, l)| l.as_str())
}

/// The field's label: the caller's (`labels`), else the schema's `title`,
/// else the last path segment made readable (`date_of_birth` → "date of
/// birth"). Items are "item 2 of order items"; fields inside an item are
/// "name for item 2".
pub fn label(f: &Failure, o: &MessageOptions) -> String {
    if let Some(l) = find_label(o, &f.path) {
        return l.to_owned();
    }
    let locale = &o.locale;
    if f.path.is_empty() {
        return match &f.title {
            Some(t) if !t.trim().is_empty() => t.clone(),
            _ => text(locale, "schema.label.root", &[]),
        };
    }
    let (parent, last) = f.path.rsplit_once('.').unwrap_or(("", &f.path));
    if crate::paths::is_index(last) {
        let list = find_label(o, parent)
            .map(str::to_owned)
            .unwrap_or_else(|| humanize(parent.rsplit('.').next().unwrap_or("")));
        let n = last.parse::<u64>().unwrap_or(0).saturating_add(1);
        if list.is_empty() {
            return text(locale, "schema.label.item_alone", &[("n", Arg::Count(n))]);
        }
        let list = lower_first(&list, lowercase(locale));
        return text(
            locale,
            "schema.label.item",
            &[("n", Arg::Count(n)), ("list", Arg::Text(&list))],
        );
    }
    let base = match &f.title {
        Some(t) if !t.trim().is_empty() => t.clone(),
        _ => humanize(last),
    };
    // Inside an item of a list: say which one.
    let index = parent.rsplit('.').find(|s| crate::paths::is_index(s));
    match index {
        Some(i) => {
            let n = i.parse::<u64>().unwrap_or(0).saturating_add(1);
            let field = lower_first(&base, lowercase(locale));
            text(
                locale,
                "schema.label.in_item",
                &[("n", Arg::Count(n)), ("field", Arg::Text(&field))],
            )
        }
        None => base,
    }
}

/// Whether the locale writes labels in lower case mid-sentence.
fn lowercase(locale: &str) -> bool {
    catalog(locale).lowercase_labels()
}

/// The caller's or the schema's own message for `f`, if any.
fn custom<'o>(f: &'o Failure, o: &'o MessageOptions) -> Option<&'o str> {
    let field = |kw: &str| {
        o.fields
            .iter()
            .find(|(p, k, _)| k == kw && path_matches(p, &f.path))
            .map(|(_, _, m)| m.as_str())
    };
    field(f.keyword)
        .or_else(|| field(""))
        .or(f.error_message.as_deref())
        .or_else(|| {
            o.keywords
                .iter()
                .find(|(k, _)| k == f.keyword)
                .map(|(_, m)| m.as_str())
        })
}

/// The sentence for `f`.
pub fn message(f: &Failure, o: &MessageOptions) -> String {
    let locale = &o.locale;
    let label = label(f, o);
    let lower = lower_first(&label, lowercase(locale));
    let upper = upper_first(&label);
    let mut args: Vec<(&str, Arg<'_>)> =
        vec![("label", Arg::Text(&lower)), ("Label", Arg::Text(&upper))];
    let mut key = String::from("schema.");
    let mut places = None;
    let shown;
    match &f.params {
        Params::Limit(n) => {
            args.push(("n", Arg::Count(*n)));
            args.push(("limit", Arg::Count(*n)));
            if f.keyword == "minLength" && *n == 1 {
                key.push_str("required");
            } else {
                key.push_str(f.keyword);
            }
        }
        Params::Compare { limit, .. } => {
            let unquoted = limit
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .unwrap_or(limit);
            args.push(("limit", Arg::Text(unquoted)));
            key.push_str(f.keyword);
            if f.keyword.starts_with("format") && today(o).as_deref() == Some(unquoted) {
                key.push_str(".today");
            }
        }
        Params::MultipleOf(m) => {
            args.push(("multipleOf", Arg::Text(m)));
            args.push(("limit", Arg::Text(m)));
            match Dec::parse(m).decimal_places() {
                Some(0) => key.push_str("type.integer"),
                Some(p) => {
                    places = Some(p);
                    key.push_str("multipleOf.places");
                }
                None => key.push_str("multipleOf"),
            }
        }
        Params::Type(t) => {
            let first = t.split(',').find(|t| *t != "null").unwrap_or(t);
            key.push_str("type.");
            key.push_str(first);
        }
        Params::Format(name) => {
            args.push(("format", Arg::Text(name)));
            key.push_str("format.");
            key.push_str(name);
            if !catalog("en").has(&key) {
                key.truncate("schema.format".len());
            }
        }
        Params::Pattern {
            too_complex,
            example,
            ..
        } => {
            key.push_str("pattern");
            if *too_complex {
                key.push_str(".tooComplex");
            } else if let Some(e) = example {
                args.push(("example", Arg::Text(e)));
                key.push_str(".example");
            }
        }
        Params::Const(v) => {
            shown = v
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .unwrap_or(v);
            args.push(("value", Arg::Text(shown)));
            key.push_str(if v == "true" { "const.true" } else { "const" });
        }
        Params::PropertyName(p) => {
            args.push(("name", Arg::Text(p)));
            key.push_str("propertyNames");
        }
        Params::Passing(..) => key.push_str("oneOf.many"),
        Params::Missing(_) | Params::Dependent { .. } => key.push_str(if f.choice {
            "required.select"
        } else {
            "required"
        }),
        Params::AdditionalProperty(_) | Params::UnevaluatedProperty(_) => {
            key.push_str("additionalProperties")
        }
        Params::Enum(_) => key.push_str("enum"),
        Params::Duplicate(..) => key.push_str("uniqueItems"),
        Params::None => key.push_str(match f.keyword {
            "anyOf" | "oneOf" => "anyOf",
            "not" => "not",
            "contentEncoding" | "contentMediaType" => "format",
            _ => "additionalProperties",
        }),
    }
    if let Some(p) = places {
        args.push(("n", Arg::Count(p)));
    }
    match custom(f, o) {
        Some(t) => fill(t, &args),
        None => text(locale, &key, &args),
    }
}

/// Today's date, for date limits.
fn today(o: &MessageOptions) -> Option<String> {
    if o.today.is_some() {
        return o.today.clone();
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let ms = crate::time::now_ms();
        let iso = crate::time::format_iso(ms);
        return iso.get(..10).map(str::to_owned);
    }
    #[allow(unreachable_code)]
    None
}

/// One sentence for the whole form: how many answers to correct (distinct
/// fields, counted through a hash index: linear in the failures).
pub fn summary(failures: &[Failure], o: &MessageOptions) -> String {
    let mut index = crate::paths::Index::with_capacity(failures.len());
    let mut fields = 0u64;
    for (i, f) in failures.iter().enumerate() {
        let key_of = |n: usize| failures.get(n).map(|f| f.path.as_str());
        if index.get_or_insert(&f.path, i, &key_of).is_none() {
            fields += 1;
        }
    }
    text(&o.locale, "schema.summary", &[("n", Arg::Count(fields))])
}

/// The last detail of an envelope cut at its limit: how many failures
/// were not listed ("And 39 000 more answers to correct").
pub fn more(n: u64, o: &MessageOptions) -> String {
    text(&o.locale, "schema.more", &[("n", Arg::Count(n))])
}

/// `first_name`, `firstName`, `first-name` → "first name". ASCII case
/// only: Unicode case tables would cost tens of kilobytes of wasm, and
/// labels that matter come from `title` or `labels`.
pub fn humanize(seg: &str) -> String {
    let mut out = String::with_capacity(seg.len() + 4);
    let mut prev_lower = false;
    for c in seg.chars() {
        if c == '_' || c == '-' {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower {
            out.push(' ');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    out.trim().to_owned()
}

/// Lowercases the first letter (when the locale does so mid-sentence)
/// unless the word looks like an acronym or is "I" ("Email address" →
/// "email address"; "UK postcode" stays).
fn lower_first(s: &str, lowercase: bool) -> String {
    let b = s.as_bytes();
    match (b.first(), b.get(1)) {
        (Some(a), Some(second))
            if lowercase
                && a.is_ascii_uppercase()
                && !second.is_ascii_uppercase()
                && *second != b' ' =>
        {
            let mut out = String::with_capacity(s.len());
            out.push(char::from(a.to_ascii_lowercase()));
            out.push_str(s.get(1..).unwrap_or(""));
            out
        }
        _ => s.to_owned(),
    }
}

fn upper_first(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    match s.as_bytes().first() {
        Some(a) if a.is_ascii_lowercase() => {
            out.push(char::from(a.to_ascii_uppercase()));
            out.push_str(s.get(1..).unwrap_or(""));
        }
        _ => out.push_str(s),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::output::failure;

    #[test]
    fn labels() {
        assert_eq!(humanize("date_of_birth"), "date of birth");
        assert_eq!(humanize("postCode"), "post code");
        assert_eq!(humanize("postcode2"), "postcode2");
        assert_eq!(lower_first("Email address", true), "email address");
        assert_eq!(lower_first("Email address", false), "Email address");
        assert_eq!(lower_first("UK postcode", true), "UK postcode");
        assert_eq!(lower_first("I agree", true), "I agree");
        let en = MessageOptions::for_locale("en");
        let t = Params::Type("object".into());
        let f = failure("orderItems.1", "type", t.clone(), None);
        assert_eq!(label(&f, &en), "item 2 of order items");
        let f = failure("orderItems.0.name", "type", t.clone(), None);
        assert_eq!(label(&f, &en), "name for item 1");
        let f = failure("0", "type", t.clone(), None);
        assert_eq!(label(&f, &en), "item 1");
        let f = failure("", "type", t.clone(), None);
        assert_eq!(label(&f, &en), "your answer");
        let mut o = MessageOptions::for_locale("en");
        o.labels
            .push(("orderItems.*.name".into(), "Product".into()));
        o.labels.push(("orderItems".into(), "Your order".into()));
        let f = failure("orderItems.3.name", "type", t.clone(), None);
        assert_eq!(label(&f, &o), "Product");
        let f = failure("orderItems.3", "type", t, None);
        assert_eq!(label(&f, &o), "item 4 of your order");
    }

    #[test]
    fn overrides_most_specific_first() {
        let doc = crate::json::Document::parse(
            r#"{"locale":"en","labels":{"address[zip]":"Postcode"},
                "messages":{"minLength":"{Label} is too short (at least {limit})",
                            "address.zip":{"pattern":"Enter a real {label}"},
                            "email":"Enter your email"}}"#,
        )
        .unwrap();
        let o = MessageOptions::from_json(doc.root());
        let pat = Params::Pattern {
            pattern: "x".into(),
            too_complex: false,
            example: None,
        };
        let f = failure("address.zip", "pattern", pat.clone(), None);
        assert_eq!(message(&f, &o), "Enter a real postcode");
        let f = failure("email", "format", Params::Format("email".into()), None);
        assert_eq!(message(&f, &o), "Enter your email");
        let f = failure("name", "minLength", Params::Limit(3), None);
        assert_eq!(message(&f, &o), "Name is too short (at least 3)");
        // The schema's errorMessage beats a keyword message, not a field one.
        let mut f = failure("name", "minLength", Params::Limit(3), None);
        f.error_message = Some("Enter {label} in full".into());
        assert_eq!(message(&f, &o), "Enter name in full");
        let mut f = failure("address.zip", "pattern", pat, None);
        f.error_message = Some("schema's".into());
        assert_eq!(message(&f, &o), "Enter a real postcode");
    }
}
