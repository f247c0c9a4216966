//! The `format` vocabulary: the 19 formats JSON Schema 2020-12 (and draft-07)
//! names, each checked exactly against its RFC as the JSON-Schema-Test-Suite
//! reads it.
//!
//! - [`date`]: `date`, `time`, `date-time`, `duration` (RFC 3339).
//! - [`email`]: `email`, `idn-email` (RFC 5321, RFC 6531).
//! - [`host`]: `hostname`, `idn-hostname` (RFC 1123, RFC 5890–5893), with
//!   [`punycode`] (RFC 3492) and [`idna`] (the code point rules).
//! - [`ip`]: `ipv4`, `ipv6` (RFC 2673, RFC 4291).
//! - [`uri`]: `uri`, `uri-reference`, `iri`, `iri-reference` (RFC 3986, RFC 3987).
//! - [`template`]: `uri-template` (RFC 6570).
//! - [`pointer`](mod@pointer): `json-pointer`, `relative-json-pointer` (RFC 6901).
//! - [`uuid`]: `uuid` (RFC 4122).
//! - `regex`: compiles with [`crate::regex`] (ECMA-262).
//!
//! Every check is a hand-written scanner over bytes: no allocation, no
//! recursion, no panics. Only non-ASCII host names consult Unicode data.

pub mod date;
pub mod email;
pub mod host;
pub mod idna;
mod idna_tables;
pub mod ip;
pub mod pointer;
pub mod punycode;
pub mod template;
pub mod uri;
pub mod uuid;

#[cfg(test)]
mod suite;

/// A set of ASCII bytes as a bit mask, for one-instruction class tests.
pub(crate) const fn ascii_set(chars: &[u8], alnum: bool) -> u128 {
    let mut m = 0u128;
    let mut i = 0;
    while i < chars.len() {
        m |= 1 << chars[i];
        i += 1;
    }
    if alnum {
        let mut c = 0u8;
        while c < 128 {
            if c.is_ascii_alphanumeric() {
                m |= 1 << c;
            }
            c += 1;
        }
    }
    m
}

/// Whether byte `c` is in `set` (made by [`ascii_set`]).
pub(crate) fn in_set(c: u8, set: u128) -> bool {
    c < 128 && (set >> c) & 1 == 1
}

/// A format name JSON Schema defines, resolved once so a validator does not
/// compare strings on every instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `date`: RFC 3339 full-date.
    Date,
    /// `time`: RFC 3339 full-time (offset required).
    Time,
    /// `date-time`: RFC 3339 date-time.
    DateTime,
    /// `duration`: RFC 3339 Appendix A duration.
    Duration,
    /// `email`: RFC 5321 Mailbox.
    Email,
    /// `idn-email`: RFC 6531 Mailbox.
    IdnEmail,
    /// `hostname`: RFC 1123 host name; `xn--` labels must be valid A-labels.
    Hostname,
    /// `idn-hostname`: RFC 5890 internationalized host name.
    IdnHostname,
    /// `ipv4`: dotted-quad, no leading zeros.
    Ipv4,
    /// `ipv6`: RFC 4291 text form.
    Ipv6,
    /// `uri`: RFC 3986 URI (absolute, fragment allowed).
    Uri,
    /// `uri-reference`: RFC 3986 URI-reference.
    UriReference,
    /// `iri`: RFC 3987 IRI.
    Iri,
    /// `iri-reference`: RFC 3987 IRI-reference.
    IriReference,
    /// `uri-template`: RFC 6570 URI Template.
    UriTemplate,
    /// `uuid`: RFC 4122 hyphenated form.
    Uuid,
    /// `json-pointer`: RFC 6901 JSON Pointer.
    JsonPointer,
    /// `relative-json-pointer`: Relative JSON Pointer.
    RelativeJsonPointer,
    /// `regex`: an ECMA-262 regular expression that compiles.
    Regex,
}

/// Names in the order of the variants, for [`Format::from_name`] and [`Format::name`].
const NAMES: [(&str, Format); 19] = [
    ("date", Format::Date),
    ("time", Format::Time),
    ("date-time", Format::DateTime),
    ("duration", Format::Duration),
    ("email", Format::Email),
    ("idn-email", Format::IdnEmail),
    ("hostname", Format::Hostname),
    ("idn-hostname", Format::IdnHostname),
    ("ipv4", Format::Ipv4),
    ("ipv6", Format::Ipv6),
    ("uri", Format::Uri),
    ("uri-reference", Format::UriReference),
    ("iri", Format::Iri),
    ("iri-reference", Format::IriReference),
    ("uri-template", Format::UriTemplate),
    ("uuid", Format::Uuid),
    ("json-pointer", Format::JsonPointer),
    ("relative-json-pointer", Format::RelativeJsonPointer),
    ("regex", Format::Regex),
];

impl Format {
    /// The format called `name` (exact, case-sensitive), or `None` for a name
    /// JSON Schema does not define.
    pub fn from_name(name: &str) -> Option<Format> {
        NAMES.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
    }

    /// The name a schema uses for this format.
    pub fn name(self) -> &'static str {
        NAMES
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(n, _)| n)
    }

    /// Whether `value` is valid for this format.
    pub fn check(self, value: &str) -> bool {
        match self {
            Format::Date => date::is_date(value),
            Format::Time => date::is_time(value),
            Format::DateTime => date::is_date_time(value),
            Format::Duration => date::is_duration(value),
            Format::Email => email::is_email(value, false),
            Format::IdnEmail => email::is_email(value, true),
            Format::Hostname => host::is_hostname(value),
            Format::IdnHostname => host::is_idn_hostname(value),
            Format::Ipv4 => ip::is_ipv4(value),
            Format::Ipv6 => ip::is_ipv6(value),
            Format::Uri => uri::is_uri(value, false, false),
            Format::UriReference => uri::is_uri(value, true, false),
            Format::Iri => uri::is_uri(value, false, true),
            Format::IriReference => uri::is_uri(value, true, true),
            Format::UriTemplate => template::is_uri_template(value),
            Format::Uuid => uuid::is_uuid(value),
            Format::JsonPointer => pointer::is_json_pointer(value),
            Format::RelativeJsonPointer => pointer::is_relative_json_pointer(value),
            Format::Regex => crate::regex::Regex::new(value).is_ok(),
        }
    }
}

/// Checks `value` against a named format. `None` = unknown format name (the
/// validator ignores it).
pub fn check(name: &str, value: &str) -> Option<bool> {
    Format::from_name(name).map(|f| f.check(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (name, f) in NAMES {
            assert_eq!(Format::from_name(name), Some(f));
            assert_eq!(f.name(), name);
        }
        assert_eq!(Format::from_name("Date"), None);
        assert_eq!(check("unknown", "x"), None);
        assert_eq!(check("ipv4", "1.2.3.4"), Some(true));
        assert_eq!(check("ipv4", "1.2.3"), Some(false));
    }
}
