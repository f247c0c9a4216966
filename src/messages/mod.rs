//! Every sentence fieldnote shows a person, as data: one catalog per locale.
//!
//! English is compiled in. Other locales are JSON catalogs of the same
//! shape (`src/messages/en.json`): natively they are compiled in too; in the
//! browser the package loads them on demand and passes them to
//! [`register`], so English-only pages do not pay for them.
//!
//! A message is a string with `{name}` placeholders, or a plural object
//! (`{"one": "...", "other": "..."}`) chosen by the argument `n` under the
//! locale's CLDR plural rule.

use std::sync::{Arc, RwLock};

use crate::json::{Document, Kind, Value};

mod human;

pub use human::{is_human, is_internal};

/// CLDR plural rule families, for the integer counts fieldnote formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    /// `one` for 1, else `other` (en, de, es, it, nl, sv, ...).
    OneOther,
    /// `one` for 0 and 1, else `other` (fr, pt-PT... for integers).
    ZeroOneOther,
    /// Always `other` (ja, zh, ko, ...).
    Other,
}

impl Plural {
    /// The category (`"one"` or `"other"`) for integer `n`.
    pub fn select(self, n: u64) -> &'static str {
        match (self, n) {
            (Plural::OneOther, 1) | (Plural::ZeroOneOther, 0 | 1) => "one",
            _ => "other",
        }
    }

    fn from_name(s: &str) -> Option<Plural> {
        match s {
            "one_other" => Some(Plural::OneOther),
            "zero_one_other" => Some(Plural::ZeroOneOther),
            "other" => Some(Plural::Other),
            _ => None,
        }
    }
}

/// One locale's messages.
#[derive(Debug)]
pub struct Catalog {
    locale: String,
    plural: Plural,
    lowercase_labels: bool,
    doc: Document,
    /// `(key, value)` tape indices of the messages, sorted by key: a
    /// lookup is a binary search, not a scan of every member.
    index: Vec<(u32, u32)>,
}

/// An argument for a message placeholder.
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    /// Text, inserted as is.
    Text(&'a str),
    /// A count; also selects the plural form when named `n`.
    Count(u64),
}

impl Catalog {
    /// Parses a catalog (`{"locale", "plural", "messages": {...}}`).
    pub fn parse(json: &str) -> Result<Catalog, String> {
        let doc = Document::parse(json).map_err(|e| e.describe(&Default::default()))?;
        let root = doc.root();
        let locale = root
            .get("locale")
            .and_then(|v| v.as_str())
            .ok_or("locale catalog needs a \"locale\" string")?
            .into_owned();
        let plural = root
            .get("plural")
            .and_then(|v| v.as_str())
            .and_then(|p| Plural::from_name(&p))
            .ok_or("locale catalog needs \"plural\": one_other, zero_one_other or other")?;
        if root.get("messages").map(|m| m.kind()) != Some(Kind::Object) {
            return Err("locale catalog needs a \"messages\" object".into());
        }
        // Languages that lowercase a field's name mid-sentence ("Enter
        // email address") say `"label_case": "lower"`; others (German
        // nouns, Japanese) keep it as written.
        let lowercase_labels =
            root.get("label_case").and_then(|v| v.as_str()).as_deref() == Some("lower");
        let mut index: Vec<(u32, u32)> = Vec::new();
        if let Some(m) = root.get("messages") {
            for (k, v) in m.members_raw() {
                let key = k.as_str().unwrap_or_default();
                let pos = index.binary_search_by(|&(i, _)| key_at(&doc, i).cmp(&key));
                let entry = (k.index_in_doc() as u32, v.index_in_doc() as u32);
                match pos {
                    // A repeated key: the last one wins, as in JSON.parse.
                    Ok(at) => {
                        if let Some(e) = index.get_mut(at) {
                            *e = entry;
                        }
                    }
                    Err(at) => index.insert(at, entry),
                }
            }
        }
        Ok(Catalog {
            locale,
            plural,
            lowercase_labels,
            doc,
            index,
        })
    }

    /// The locale tag (`en`, `de`, `pt-BR`).
    pub fn locale(&self) -> &str {
        &self.locale
    }

    /// The plural rule.
    pub fn plural(&self) -> Plural {
        self.plural
    }

    /// Whether field labels are lowercased mid-sentence (`label_case`).
    pub fn lowercase_labels(&self) -> bool {
        self.lowercase_labels
    }

    fn entry(&self, key: &str) -> Option<Value<'_>> {
        let at = self
            .index
            .binary_search_by(|&(k, _)| key_at(&self.doc, k).as_ref().cmp(key))
            .ok()?;
        let &(_, v) = self.index.get(at)?;
        self.doc.value_at(v as usize)
    }

    /// Whether the catalog has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.entry(key).is_some()
    }

    /// All keys, in file order.
    pub fn keys(&self) -> Vec<String> {
        self.doc
            .root()
            .get("messages")
            .map(|m| m.members().map(|(k, _)| k.into_owned()).collect())
            .unwrap_or_default()
    }

    /// The message `key` with placeholders filled, or `None` if absent.
    pub fn format(&self, key: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
        self.format_upto(key, args, usize::MAX)
    }

    /// [`Catalog::format`], stopping once past `max_bytes`.
    fn format_upto(&self, key: &str, args: &[(&str, Arg<'_>)], max_bytes: usize) -> Option<String> {
        let entry = self.entry(key)?;
        let template = match entry.kind() {
            Kind::String => entry.as_str()?,
            Kind::Object => {
                let n = args.iter().find_map(|(k, a)| match (k, a) {
                    (&"n", Arg::Count(n)) => Some(*n),
                    _ => None,
                });
                let form = self.plural.select(n.unwrap_or(0));
                entry.get(form).or_else(|| entry.get("other"))?.as_str()?
            }
            _ => return None,
        };
        Some(fill_upto(&template, args, max_bytes))
    }
}

/// The text of the key at tape index `i` (keys of catalogs are plain
/// strings, so this borrows).
fn key_at(doc: &Document, i: u32) -> std::borrow::Cow<'_, str> {
    doc.value_at(i as usize)
        .and_then(|k| k.as_str())
        .unwrap_or_default()
}

/// Longest message, in characters, that fieldnote shows: a server's field
/// message or form error is cut to this (with an ellipsis), so hostile or
/// broken servers cannot fill a page.
pub const MAX_MESSAGE_CHARS: usize = 500;
/// Longest text, in characters, put into a placeholder (a label, a field
/// name, a schema's value): a 1 MB `title` or `enum` value must not be
/// echoed whole. Longer text is cut with an ellipsis.
pub const MAX_ARG_CHARS: usize = 120;

/// `s`, cut to at most `max` characters: the first `max - 1` and `…`.
///
/// ```
/// use fieldnote::messages::truncate;
/// assert_eq!(truncate("abcdef", 4), "abc…");
/// assert_eq!(truncate("abc", 4), "abc");
/// ```
pub fn truncate(s: &str, max: usize) -> String {
    let mut chars = s.char_indices();
    match chars.nth(max.saturating_sub(1)) {
        // The `max`-th character starts at `end`, and more follow it.
        Some((end, _)) if chars.next().is_some() => {
            let mut out = String::with_capacity(end + 3);
            out.push_str(s.get(..end).unwrap_or(""));
            out.push('…');
            out
        }
        _ => s.to_owned(),
    }
}

/// Replaces `{name}` with the named argument; unknown names stay as
/// written. Text arguments are cut at [`MAX_ARG_CHARS`].
pub fn fill(template: &str, args: &[(&str, Arg<'_>)]) -> String {
    fill_upto(template, args, usize::MAX)
}

/// [`fill`], stopping once the text is longer than `max_bytes` (the
/// caller cuts it): a catalog's `"{a}{a}{a}…"` must not grow 40-fold.
fn fill_upto(template: &str, args: &[(&str, Arg<'_>)], max_bytes: usize) -> String {
    let mut out = String::with_capacity(template.len().min(max_bytes) + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        if out.len() > max_bytes {
            return out;
        }
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        match args.iter().find(|(k, _)| *k == name) {
            Some((_, Arg::Text(t))) => {
                if t.len() <= MAX_ARG_CHARS {
                    out.push_str(t);
                } else {
                    out.push_str(&truncate(t, MAX_ARG_CHARS));
                }
            }
            Some((_, Arg::Count(n))) => crate::json::write_u64(&mut out, *n),
            None => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

static CATALOGS: RwLock<Vec<Arc<Catalog>>> = RwLock::new(Vec::new());

/// The built-in English catalog's source: `en.json`, of which a wasm build
/// with one job compiles in only its own sentences (see `build.rs`).
pub const ENGLISH: &str = include_str!(concat!(env!("OUT_DIR"), "/en.json"));

/// The catalogs that ship beside English (`pkg/locales/*.js` in the npm
/// package is generated from them).
pub const OTHERS: &[&str] = &[
    include_str!("de.json"),
    include_str!("es.json"),
    include_str!("fr.json"),
    include_str!("ja.json"),
];

/// Catalogs compiled in: all of them natively; in wasm only English (the
/// package loads the others on demand, so English pages do not pay).
#[cfg(not(target_arch = "wasm32"))]
const BUILT_IN: &[&str] = &[
    ENGLISH,
    include_str!("de.json"),
    include_str!("es.json"),
    include_str!("fr.json"),
    include_str!("ja.json"),
];
#[cfg(target_arch = "wasm32")]
const BUILT_IN: &[&str] = &[ENGLISH];

/// Adds (or replaces) a locale's catalog; returns its locale tag.
pub fn register(json: &str) -> Result<String, String> {
    // Built-ins first, so a catalog registered before any lookup neither
    // hides English nor is replaced by a built-in later.
    ensure_built_in();
    insert(json)
}

fn insert(json: &str) -> Result<String, String> {
    let cat = Catalog::parse(json)?;
    let locale = cat.locale.clone();
    let mut all = CATALOGS
        .write()
        .map_err(|_| "locale registry is unavailable")?;
    all.retain(|c| !c.locale.eq_ignore_ascii_case(&locale));
    all.push(Arc::new(cat));
    Ok(locale)
}

fn ensure_built_in() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        for src in BUILT_IN {
            let _ = insert(src);
        }
    });
}

/// The catalog for `locale`: an exact match, else its language (`de-AT` →
/// `de`), else English. Never fails.
pub fn catalog(locale: &str) -> Arc<Catalog> {
    ensure_built_in();
    let all = match CATALOGS.read() {
        Ok(all) => all,
        Err(_) => return fallback(),
    };
    let lang = locale.split(['-', '_']).next().unwrap_or("");
    all.iter()
        .find(|c| c.locale.eq_ignore_ascii_case(locale))
        .or_else(|| all.iter().find(|c| c.locale.eq_ignore_ascii_case(lang)))
        .or_else(|| all.iter().find(|c| c.locale == "en"))
        .cloned()
        .unwrap_or_else(fallback)
}

fn fallback() -> Arc<Catalog> {
    // Only reachable if the registry lock is poisoned; English always parses
    // (a test checks it), and an empty catalog makes every lookup fall back
    // to the key.
    Arc::new(Catalog::parse(ENGLISH).unwrap_or(Catalog {
        locale: "en".into(),
        plural: Plural::OneOther,
        lowercase_labels: true,
        doc: Document::null(),
        index: Vec::new(),
    }))
}

/// Formats `key` in `locale`, falling back to English, then to the key.
/// The result is cut at [`MAX_MESSAGE_CHARS`]: a registered catalog (or a
/// key with no message) cannot put a page-long sentence on screen.
pub fn text(locale: &str, key: &str, args: &[(&str, Arg<'_>)]) -> String {
    // Past 4 bytes a character, the text is surely over the bound.
    let max_bytes = 4 * (MAX_MESSAGE_CHARS + 1);
    let cat = catalog(locale);
    let found = cat.format_upto(key, args, max_bytes).or_else(|| {
        (cat.locale != "en")
            .then(|| catalog("en").format_upto(key, args, max_bytes))
            .flatten()
    });
    let s = found.as_deref().unwrap_or(key);
    if s.len() <= MAX_MESSAGE_CHARS {
        found.unwrap_or_else(|| key.to_owned())
    } else {
        truncate(s, MAX_MESSAGE_CHARS)
    }
}

/// A wait as words in `locale`, to fill a sentence's `{when}`: "now",
/// "in 45 seconds", "in 30 minutes", "at 14:30" (see
/// [`crate::time::describe_wait`] for which unit).
///
/// ```
/// use fieldnote::messages::wait_text;
/// use fieldnote::time::Wait;
/// assert_eq!(wait_text("en", Wait::Minutes(30)), "in 30 minutes");
/// assert_eq!(wait_text("de", Wait::At(9, 5)), "um 09:05 Uhr");
/// ```
pub fn wait_text(locale: &str, wait: crate::time::Wait) -> String {
    use crate::time::Wait;
    let (key, n) = match wait {
        Wait::Now => return text(locale, "time.now", &[]),
        Wait::At(h, m) => {
            let two = |v: u32| {
                let mut s = String::with_capacity(2);
                if v < 10 {
                    s.push('0');
                }
                crate::json::write_u64(&mut s, u64::from(v));
                s
            };
            let (hh, mm) = (two(h), two(m));
            return text(
                locale,
                "time.at",
                &[("hh", Arg::Text(&hh)), ("mm", Arg::Text(&mm))],
            );
        }
        Wait::Seconds(n) => ("time.in_seconds", n),
        Wait::Minutes(n) => ("time.in_minutes", n),
        Wait::Hours(n) => ("time.in_hours", n),
        Wait::Days(n) => ("time.in_days", n),
    };
    text(locale, key, &[("n", Arg::Count(n))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_built_in() {
        let when = wait_text("en", crate::time::Wait::Seconds(1));
        let s = text(
            "en",
            "category.rate_limited.after",
            &[("when", Arg::Text(&when))],
        );
        assert!(s.ends_with("Try again in 1 second."), "{s}");
        assert_eq!(
            wait_text("en-GB", crate::time::Wait::Seconds(30)),
            "in 30 seconds"
        );
        assert_eq!(text("xx", "no.such.key", &[]), "no.such.key");
    }

    #[test]
    fn registered_locale_and_fallback() {
        let fr = r#"{"locale":"fr-test","plural":"zero_one_other","messages":{
            "k":{"one":"{n} seconde","other":"{n} secondes"}}}"#;
        assert_eq!(register(fr).unwrap(), "fr-test");
        assert_eq!(text("fr-test", "k", &[("n", Arg::Count(0))]), "0 seconde");
        assert_eq!(text("fr-test", "k", &[("n", Arg::Count(2))]), "2 secondes");
        // Missing key in a locale falls back to English.
        assert!(text("fr-test", "category.validation", &[]).starts_with("Some answers"));
    }

    /// The `locale` fuzz target's bound: no message over
    /// `MAX_MESSAGE_CHARS`, whatever a registered catalog says or a key is.
    #[test]
    fn messages_are_bounded_whatever_the_catalog() {
        let long = "x".repeat(3 * MAX_MESSAGE_CHARS);
        let cat = format!(
            r#"{{"locale":"long-test","plural":"other","messages":{{
            "long":"{long}","many":"{}","ok":"{{a}} fine"}}}}"#,
            "{a}".repeat(10_000)
        );
        assert_eq!(register(&cat).unwrap(), "long-test");
        let a = "é".repeat(MAX_ARG_CHARS);
        let args = [("a", Arg::Text(&a))];
        for key in ["long", "many", long.as_str()] {
            let m = text("long-test", key, &args);
            assert_eq!(m.chars().count(), MAX_MESSAGE_CHARS, "{key:.10}");
            assert!(m.ends_with('…'));
        }
        // The start of a filled message is kept as written.
        assert!(text("long-test", "many", &args).starts_with(&a));
        assert_eq!(text("long-test", "ok", &[("a", Arg::Text("A"))]), "A fine");
    }

    #[test]
    fn bad_catalogs_are_clear_errors() {
        assert!(register("{").is_err());
        assert!(register(r#"{"locale":"x","plural":"many","messages":{}}"#)
            .unwrap_err()
            .contains("plural"));
        assert!(register(r#"{"plural":"other","messages":{}}"#)
            .unwrap_err()
            .contains("locale"));
    }

    #[test]
    fn fill_placeholders() {
        assert_eq!(
            fill(
                "{label} must be {limit} or fewer {x}",
                &[("label", Arg::Text("Name")), ("limit", Arg::Count(8))]
            ),
            "Name must be 8 or fewer {x}"
        );
        assert_eq!(fill("unclosed {", &[]), "unclosed {");
    }

    /// Placeholder names of a message (every plural form), lowercased:
    /// `{Label}` and `{label}` are the same argument in two cases.
    fn placeholders(v: Value<'_>) -> Vec<String> {
        let mut out = Vec::new();
        let texts: Vec<String> = match v.kind() {
            Kind::String => vec![v.as_str().unwrap().into_owned()],
            _ => v
                .members()
                .map(|(_, t)| t.as_str().unwrap().into_owned())
                .collect(),
        };
        for t in texts {
            for part in t.split('{').skip(1) {
                let name = part.split('}').next().unwrap().to_ascii_lowercase();
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn every_locale_has_every_message_with_the_same_placeholders() {
        let en = Catalog::parse(ENGLISH).unwrap();
        let en_doc = Document::parse(ENGLISH).unwrap();
        let en_msgs = en_doc.root().get("messages").unwrap();
        assert!(en.keys().len() > 90);
        for src in OTHERS {
            let cat = Catalog::parse(src).unwrap();
            let doc = Document::parse(src).unwrap();
            let msgs = doc.root().get("messages").unwrap();
            let tag = cat.locale().to_owned();
            assert_eq!(cat.keys(), en.keys(), "{tag}: same keys, same order");
            for (k, v) in en_msgs.members() {
                let t = msgs.get(&k).unwrap();
                assert_eq!(placeholders(t), placeholders(v), "{tag}: {k}");
                // Plural forms: the locale's categories, always "other".
                if t.kind() == Kind::Object {
                    assert!(t.get("other").is_some(), "{tag}: {k}");
                    let one = t.get("one").is_some();
                    assert_eq!(one, cat.plural() != Plural::Other, "{tag}: {k}");
                } else {
                    assert_eq!(v.kind(), Kind::String, "{tag}: {k} is plural in English");
                }
            }
            assert_eq!(catalog(&tag).locale(), tag, "{tag} is built in natively");
        }
    }

    #[test]
    fn plain_words_in_every_locale() {
        // The style guide's words to avoid, and each language's "please".
        let banned = [
            "invalid",
            "please",
            "sorry",
            "oops",
            "bitte",
            "leider",
            "ungültig",
            "veuillez",
            "merci de",
            "désolé",
            "invalide",
            "por favor",
            "lo sentimos",
            "inválid",
            "ください",
            "お願い",
            "申し訳",
            "無効",
        ];
        for src in [ENGLISH].iter().chain(OTHERS) {
            let doc = Document::parse(src).unwrap();
            for (k, v) in doc.root().get("messages").unwrap().members() {
                let texts: Vec<String> = match v.kind() {
                    Kind::String => vec![v.as_str().unwrap().into_owned()],
                    _ => v
                        .members()
                        .map(|(_, t)| t.as_str().unwrap().into_owned())
                        .collect(),
                };
                for t in texts {
                    let lower = t.to_lowercase();
                    for b in banned {
                        assert!(!lower.contains(b), "{k}: {t}");
                    }
                }
            }
        }
    }

    #[test]
    fn locales_format_with_their_plural_rules() {
        let args = |n| [("n", Arg::Count(n)), ("Label", Arg::Text("Name"))];
        assert_eq!(
            text("de", "schema.maxLength", &args(1)),
            "Name darf höchstens 1 Zeichen lang sein"
        );
        assert_eq!(
            text("fr", "schema.minLength", &args(0)),
            "Name doit contenir au moins 0 caractère"
        );
        assert_eq!(
            text("fr-CA", "schema.minLength", &args(2)),
            "Name doit contenir au moins 2 caractères"
        );
        assert_eq!(
            text("es", "form.countdown", &args(1)),
            "Puede volver a intentarlo dentro de 1 segundo."
        );
        assert_eq!(
            text("ja", "form.countdown", &args(1)),
            "1秒後にもう一度お試しいただけます。"
        );
        assert!(catalog("en").lowercase_labels() && !catalog("de").lowercase_labels());
    }

    #[test]
    fn waits_in_every_locale() {
        use crate::time::Wait;
        let table = [
            (
                "en",
                [
                    "now",
                    "in 1 second",
                    "in 30 minutes",
                    "in 1 hour",
                    "in 3 days",
                    "at 14:30",
                ],
            ),
            (
                "de",
                [
                    "jetzt",
                    "in 1 Sekunde",
                    "in 30 Minuten",
                    "in 1 Stunde",
                    "in 3 Tagen",
                    "um 14:30 Uhr",
                ],
            ),
            (
                "fr",
                [
                    "maintenant",
                    "dans 1 seconde",
                    "dans 30 minutes",
                    "dans 1 heure",
                    "dans 3 jours",
                    "à 14 h 30",
                ],
            ),
            (
                "es",
                [
                    "ahora",
                    "dentro de 1 segundo",
                    "dentro de 30 minutos",
                    "dentro de 1 hora",
                    "dentro de 3 días",
                    "a las 14:30",
                ],
            ),
            (
                "ja",
                [
                    "今すぐ",
                    "1秒後に",
                    "30分後に",
                    "1時間後に",
                    "3日後に",
                    "14:30以降に",
                ],
            ),
        ];
        let waits = [
            Wait::Now,
            Wait::Seconds(1),
            Wait::Minutes(30),
            Wait::Hours(1),
            Wait::Days(3),
            Wait::At(14, 30),
        ];
        for (locale, want) in table {
            for (w, text) in waits.iter().zip(want) {
                assert_eq!(wait_text(locale, *w), text, "{locale}");
            }
        }
        let when = wait_text("fr", Wait::Minutes(30));
        assert_eq!(
            text(
                "fr",
                "category.unavailable.after",
                &[("when", Arg::Text(&when))]
            ),
            "Le service est temporairement indisponible. Réessayez dans 30 minutes."
        );
    }

    #[test]
    fn plural_rules() {
        assert_eq!(Plural::OneOther.select(1), "one");
        assert_eq!(Plural::OneOther.select(0), "other");
        assert_eq!(Plural::ZeroOneOther.select(0), "one");
        assert_eq!(Plural::Other.select(1), "other");
    }
}

#[cfg(test)]
mod bench {
    use super::*;

    /// Time per `Catalog::format` on the failure path (run with
    /// `cargo test --release --lib messages::bench -- --ignored --nocapture`).
    #[test]
    #[ignore = "timing; run by hand with --release"]
    fn format_speed() {
        let cat = catalog("en");
        let keys = [
            "schema.required",
            "schema.maxLength",
            "schema.format.email",
            "schema.not",
            "schema.pattern",
            "category.validation",
            "form.countdown",
            "schema.summary",
        ];
        let args = [("label", Arg::Text("name")), ("n", Arg::Count(3))];
        let rounds = 200_000;
        let t = std::time::Instant::now();
        let mut total = 0;
        for i in 0..rounds {
            let k = keys[i % keys.len()];
            total += cat.format(k, &args).map_or(0, |s| s.len());
        }
        let ns = t.elapsed().as_nanos() / rounds as u128;
        println!("Catalog::format: {ns} ns per message ({total} bytes)");
        assert!(total > 0);
    }
}
