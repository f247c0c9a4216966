//! Field paths: every syntax servers and form libraries use, one canonical form.
//!
//! The canonical form is dotted, with array indices as numeric segments:
//! `items.0.name`. The server's own spelling and case are kept. The empty
//! path means "the whole form" (a form-level error).
//!
//! Accepted inputs: dotted (`items.0.name`), brackets (`items[0].name`,
//! `items[0][name]`, `a["b"]`, `a['b']`), JSON Pointer (`/items/0/name`),
//! URI-fragment pointers (`#/items/0/name`, percent-encoded) and
//! JSONPath-like (`$.items[0].name`, `$` alone is the root).

/// A syntax to write a canonical path in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `items.0.name` (React Hook Form, Laravel). The canonical form.
    Dotted,
    /// `items[0].name` (Conform, TanStack Form, VeeValidate, Zod).
    Bracket,
    /// `/items/0/name` (RFC 6901; RFC 9457, JSON:API, Ajv).
    Pointer,
}

impl Style {
    /// Parses "dotted", "bracket" or "pointer".
    pub fn from_name(name: &str) -> Option<Style> {
        match name {
            "dotted" => Some(Style::Dotted),
            "bracket" => Some(Style::Bracket),
            "pointer" => Some(Style::Pointer),
            _ => None,
        }
    }
}

/// Whether a segment is an array index (`0`, `12`; not `01`, `-1`, `1e3`).
pub fn is_index(seg: &str) -> bool {
    !seg.is_empty()
        && seg.len() <= 9
        && seg.bytes().all(|c| c.is_ascii_digit())
        && (seg == "0" || !seg.starts_with('0'))
}

/// Appends an object key to a canonical path.
pub fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

/// Appends an array index to a canonical path.
pub fn push_index(path: &mut String, index: usize) {
    if !path.is_empty() {
        path.push('.');
    }
    crate::json::write_u64(path, index as u64);
}

/// The canonical dotted form of a path written in any supported syntax.
///
/// ```
/// use fieldnote::paths::canonical;
/// assert_eq!(canonical("items[0].name"), "items.0.name");
/// assert_eq!(canonical("/items/0/name"), "items.0.name");
/// assert_eq!(canonical("#/profile/color"), "profile.color");
/// assert_eq!(canonical("customer_details[address][line1]"), "customer_details.address.line1");
/// assert_eq!(canonical("$.Channel"), "Channel");
/// assert_eq!(canonical("$"), "");
/// ```
pub fn canonical(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let s = input.trim();
    if let Some(frag) = s.strip_prefix('#') {
        pointer_into(&percent_decode(frag), &mut out);
    } else if s.starts_with('/') {
        pointer_into(s, &mut out);
    } else if let Some(rest) = s.strip_prefix('$') {
        if rest.is_empty() || rest.starts_with('.') || rest.starts_with('[') {
            brackets_into(rest.strip_prefix('.').unwrap_or(rest), &mut out);
        } else {
            brackets_into(s, &mut out);
        }
    } else {
        brackets_into(s, &mut out);
    }
    out
}

/// Canonical path from a list of segments (e.g. FastAPI's `loc`,
/// GraphQL's `field`): each segment is a key or an index.
pub fn from_segments<'a>(segments: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for seg in segments {
        push_key(&mut out, seg);
    }
    out
}

fn pointer_into(p: &str, out: &mut String) {
    for raw in p.split('/').skip(1) {
        if raw.contains('~') {
            push_key(out, &raw.replace("~1", "/").replace("~0", "~"));
        } else {
            push_key(out, raw);
        }
    }
}

/// Dotted and bracketed segments, mixed freely.
fn brackets_into(s: &str, out: &mut String) {
    let b = s.as_bytes();
    let mut i = 0;
    let mut seg_start = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'.' => {
                if i > seg_start {
                    push_key(out, &s[seg_start..i]);
                }
                i += 1;
                seg_start = i;
            }
            b'[' => {
                if i > seg_start {
                    push_key(out, &s[seg_start..i]);
                }
                let (seg, next) = bracket_segment(s, i + 1);
                if !seg.is_empty() {
                    push_key(out, seg);
                }
                i = next;
                seg_start = i;
            }
            _ => i += 1,
        }
    }
    if seg_start < b.len() {
        push_key(out, &s[seg_start..]);
    }
}

/// Reads the inside of `[...]` starting at `i` (after the `[`); returns the
/// segment and the index after the `]`. Quoted segments may hold dots.
fn bracket_segment(s: &str, i: usize) -> (&str, usize) {
    let b = s.as_bytes();
    if let Some(&q @ (b'"' | b'\'')) = b.get(i) {
        if let Some(len) = s[i + 1..].find(q as char) {
            let end = i + 1 + len;
            let after = if b.get(end + 1) == Some(&b']') {
                end + 2
            } else {
                end + 1
            };
            return (&s[i + 1..end], after);
        }
    }
    match s[i..].find(']') {
        Some(len) => (&s[i..i + len], i + len + 1),
        None => (&s[i..], s.len()),
    }
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            if let (Some(h), Some(l)) = (
                b.get(i + 1).and_then(|c| (*c as char).to_digit(16)),
                b.get(i + 2).and_then(|c| (*c as char).to_digit(16)),
            ) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes a canonical path in the given style.
///
/// ```
/// use fieldnote::paths::{format, Style};
/// assert_eq!(format("items.0.name", Style::Bracket), "items[0].name");
/// assert_eq!(format("items.0.name", Style::Pointer), "/items/0/name");
/// assert_eq!(format("a/b.c~d", Style::Pointer), "/a~1b/c~0d");
/// assert_eq!(format("", Style::Pointer), "");
/// ```
pub fn format(canonical: &str, style: Style) -> String {
    if canonical.is_empty() {
        return String::new();
    }
    match style {
        Style::Dotted => canonical.to_owned(),
        Style::Pointer => {
            let mut out = String::with_capacity(canonical.len() + 1);
            for seg in canonical.split('.') {
                out.push('/');
                out.push_str(&seg.replace('~', "~0").replace('/', "~1"));
            }
            out
        }
        Style::Bracket => {
            let mut out = String::with_capacity(canonical.len() + 4);
            for seg in canonical.split('.') {
                if is_index(seg) {
                    out.push('[');
                    out.push_str(seg);
                    out.push(']');
                } else {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(seg);
                }
            }
            out
        }
    }
}

/// Distinct paths → a number (a position in the caller's list), by open
/// addressing on an FNV-1a hash: grouping the tens of thousands of field
/// errors a 1 MB body can hold stays linear (a scan per error is quadratic;
/// a std `HashMap` costs kilobytes of wasm). The caller keeps the paths;
/// `key_of(n)` gives the path stored under `n`.
pub(crate) struct Index {
    /// 1 + the stored number, or 0 for an empty slot.
    table: Vec<u32>,
    mask: usize,
}

impl Index {
    /// Room for `n` paths (the table is kept at most half full).
    pub(crate) fn with_capacity(n: usize) -> Index {
        let size = n
            .saturating_mul(2)
            .checked_next_power_of_two()
            .unwrap_or(usize::MAX / 2 + 1)
            .max(8);
        Index {
            table: vec![0; size],
            mask: size - 1,
        }
    }

    /// The number stored for `path`, if any.
    pub(crate) fn get<'k>(
        &self,
        path: &str,
        key_of: &dyn Fn(usize) -> Option<&'k str>,
    ) -> Option<usize> {
        self.get_hashed(fnv1a(path), path, key_of)
    }

    /// [`Index::get`] for a path whose hash [`dotted_prefixes`] gave.
    pub(crate) fn get_hashed<'k>(
        &self,
        hash: usize,
        path: &str,
        key_of: &dyn Fn(usize) -> Option<&'k str>,
    ) -> Option<usize> {
        let mut slot = hash & self.mask;
        loop {
            let cell = *self.table.get(slot)?;
            if cell == 0 {
                return None;
            }
            let n = cell as usize - 1;
            if key_of(n) == Some(path) {
                return Some(n);
            }
            slot = (slot + 1) & self.mask;
        }
    }

    /// The number stored for `path`; if there is none, stores `n` for it
    /// and returns `None`. At most `capacity` paths may be stored.
    pub(crate) fn get_or_insert<'k>(
        &mut self,
        path: &str,
        n: usize,
        key_of: &dyn Fn(usize) -> Option<&'k str>,
    ) -> Option<usize> {
        self.get_or_insert_hashed(fnv1a(path), path, n, key_of)
    }

    /// [`Index::get_or_insert`] for a path whose hash [`dotted_prefixes`]
    /// gave.
    pub(crate) fn get_or_insert_hashed<'k>(
        &mut self,
        hash: usize,
        path: &str,
        n: usize,
        key_of: &dyn Fn(usize) -> Option<&'k str>,
    ) -> Option<usize> {
        let mut slot = hash & self.mask;
        loop {
            let cell = self.table.get_mut(slot)?;
            if *cell == 0 {
                *cell = u32::try_from(n).map_or(0, |n| n.saturating_add(1));
                return None;
            }
            let m = *cell as usize - 1;
            if key_of(m) == Some(path) {
                return Some(m);
            }
            slot = (slot + 1) & self.mask;
        }
    }
}

const FNV_OFFSET: u32 = 0x811c_9dc5;

/// FNV-1a: a few instructions and no tables.
fn fnv1a(s: &str) -> usize {
    let mut h = FNV_OFFSET;
    for b in s.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h as usize
}

/// Calls `f(hash, length)` for each non-empty prefix of `path` that ends
/// before a `.` (`a`, `a.b` for `a.b.c`), outermost first: one pass, since
/// FNV-1a hashes a prefix on the way, so looking up every ancestor of a
/// path is linear in its length rather than quadratic. (A `dyn` callback:
/// one copy in the wasm for every caller.)
#[cfg(feature = "errors")]
pub(crate) fn dotted_prefixes(path: &str, f: &mut dyn FnMut(usize, usize)) {
    let mut h = FNV_OFFSET;
    for (i, b) in path.bytes().enumerate() {
        if b == b'.' && i > 0 {
            f(h as usize, i);
        }
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
}

/// The last segment of a canonical path that is not an index (what a field
/// is called): `items.0.name` → `name`.
pub fn last_name(canonical: &str) -> &str {
    canonical
        .rsplit('.')
        .find(|s| !is_index(s))
        .unwrap_or(canonical)
}

/// Which of a form's field names a server's key means, when the server
/// spells its keys in another case or style than the form's inputs
/// (ASP.NET's `Email`, DRF's `first_name`, Spring's `emailAddress`).
/// Returns the index into `form_fields`, or `None` when no field — or more
/// than one — fits.
///
/// The rule, tried in order; the first step with exactly one candidate
/// wins (a step with several candidates ends the search: no guessing):
///
/// 1. **Same path**: both sides canonical ([`canonical`]), equal.
/// 2. **Same name in another style**: segment by segment, case and the
///    separators `_`, `-` and space are ignored (`first_name`,
///    `firstName`, `FirstName` and `first-name` are one name;
///    `Items[0].Name` is `items.0.name`). Indices must be equal.
/// 3. **A longer name for the same thing**: as 2, but the last segments'
///    words may differ in length, one's words starting with all of the
///    other's (`EmailAddress` → `email`, `phone` → `phoneNumber`). Words
///    split at separators and at lower-to-upper case changes.
///
/// ```
/// use fieldnote::paths::match_field;
/// let form = ["email", "firstName", "items[0].name", "phoneNumber"];
/// assert_eq!(match_field("Email", &form), Some(0));
/// assert_eq!(match_field("EmailAddress", &form), Some(0));
/// assert_eq!(match_field("first_name", &form), Some(1));
/// assert_eq!(match_field("Items[0].Name", &form), Some(2));
/// assert_eq!(match_field("phone", &form), Some(3));
/// assert_eq!(match_field("Items[1].Name", &form), None);
/// assert_eq!(match_field("surname", &form), None);
/// ```
pub fn match_field(server_key: &str, form_fields: &[&str]) -> Option<usize> {
    let key = canonical(server_key);
    let forms: Vec<String> = form_fields.iter().map(|f| canonical(f)).collect();
    let unique = |fits: &dyn Fn(&str) -> bool| -> Result<Option<usize>, ()> {
        let mut found = None;
        for (i, f) in forms.iter().enumerate() {
            if fits(f) {
                if found.is_some() {
                    return Err(());
                }
                found = Some(i);
            }
        }
        Ok(found)
    };
    let steps: [&dyn Fn(&str) -> bool; 3] = [
        &|f: &str| f == key,
        &|f: &str| same_segments(&key, f, false),
        &|f: &str| same_segments(&key, f, true),
    ];
    for fits in steps {
        match unique(fits) {
            Ok(Some(i)) => return Some(i),
            Ok(None) => {}
            Err(()) => return None,
        }
    }
    None
}

/// Segment by segment, folded names equal; with `prefix`, the last
/// segments need only share their leading words.
fn same_segments(a: &str, b: &str, prefix: bool) -> bool {
    let (mut xs, mut ys) = (a.split('.'), b.split('.'));
    loop {
        match (xs.next(), ys.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) => {
                let last = prefix && xs.clone().next().is_none() && ys.clone().next().is_none();
                let fits = if is_index(x) || is_index(y) {
                    x == y
                } else if last {
                    words_prefix(x, y)
                } else {
                    folded_eq(x, y)
                };
                if !fits {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// Letters and digits of a name, lower-cased: `first_name` → `firstname`.
fn folded(s: &str) -> impl Iterator<Item = u8> + '_ {
    s.bytes()
        .filter(|c| !matches!(c, b'_' | b'-' | b' '))
        .map(|c| c.to_ascii_lowercase())
}

fn folded_eq(a: &str, b: &str) -> bool {
    folded(a).eq(folded(b))
}

/// The words of a name, lower-cased: `emailAddress`, `email_address` and
/// `EmailAddress` → `email`, `address`; `HTTPServer` → `http`, `server`.
fn words(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if matches!(c, '_' | '-' | ' ') {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| chars.get(p));
        let next = chars.get(i + 1);
        // ASCII case only: Unicode case tables would cost KBs of wasm, and
        // field names are identifiers.
        let boundary = c.is_ascii_uppercase()
            && (prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
                || (prev.is_some_and(char::is_ascii_uppercase)
                    && next.is_some_and(char::is_ascii_lowercase)));
        if boundary && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether one name's words start with all of the other's.
fn words_prefix(a: &str, b: &str) -> bool {
    let (wa, wb) = (words(a), words(b));
    let (short, long) = if wa.len() <= wb.len() {
        (&wa, &wb)
    } else {
        (&wb, &wa)
    };
    !short.is_empty() && long.starts_with(short)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_syntaxes_land_on_one_form() {
        for input in [
            "items[0].name",
            "items.0.name",
            "/items/0/name",
            "#/items/0/name",
            "items[0][name]",
            "$.items[0].name",
            "$['items'][0]['name']",
            "items[\"0\"].name",
        ] {
            assert_eq!(canonical(input), "items.0.name", "{input}");
        }
    }

    #[test]
    fn keeps_spelling_and_case() {
        assert_eq!(canonical("Address.Zip"), "Address.Zip");
        assert_eq!(canonical("Items[0].Name"), "Items.0.Name");
        assert_eq!(canonical("first_name"), "first_name");
    }

    #[test]
    fn pointer_escapes_and_percent_encoding() {
        assert_eq!(canonical("/a~1b/c~0d"), "a/b.c~d");
        assert_eq!(canonical("#/profile%20info/color"), "profile info.color");
        assert_eq!(canonical("/"), "");
        assert_eq!(canonical("#"), "");
        assert_eq!(canonical(""), "");
        assert_eq!(canonical("  email "), "email");
    }

    #[test]
    fn quoted_brackets_keep_dots() {
        assert_eq!(canonical("a['b.c']"), "a.b.c");
        assert_eq!(canonical("a[0"), "a.0");
        assert_eq!(canonical("a[]"), "a");
    }

    #[test]
    fn styles_round_trip() {
        for style in [Style::Dotted, Style::Bracket, Style::Pointer] {
            let p = format("items.12.name", style);
            assert_eq!(canonical(&p), "items.12.name");
        }
        assert_eq!(format("0.a", Style::Bracket), "[0].a");
        assert_eq!(Style::from_name("bracket"), Some(Style::Bracket));
        assert_eq!(Style::from_name("x"), None);
    }

    #[test]
    fn index_finds_and_inserts() {
        let paths = ["a", "b.0", "a", "c", "b.0", ""];
        let mut ix = Index::with_capacity(paths.len());
        let key = |n: usize| paths.get(n).copied();
        let firsts: Vec<Option<usize>> = paths
            .iter()
            .enumerate()
            .map(|(i, p)| ix.get_or_insert(p, i, &key))
            .collect();
        assert_eq!(firsts, [None, None, Some(0), None, Some(1), None]);
        assert_eq!(ix.get("c", &key), Some(3));
        assert_eq!(ix.get("d", &key), None);
        // Many colliding paths in a small table still resolve.
        let many: Vec<String> = (0..5_000).map(|i| format!("f{i}")).collect();
        let mut ix = Index::with_capacity(many.len());
        let key = |n: usize| many.get(n).map(String::as_str);
        for (i, p) in many.iter().enumerate() {
            assert_eq!(ix.get_or_insert(p, i, &key), None);
        }
        assert_eq!(ix.get("f4999", &key), Some(4999));
    }

    #[test]
    fn server_keys_find_the_forms_fields() {
        let form = [
            "email",
            "firstName",
            "last_name",
            "address.postCode",
            "items[0].unitPrice",
            "items[1].unitPrice",
        ];
        for (key, want) in [
            ("email", Some(0)),
            ("Email", Some(0)),
            ("EMAIL", Some(0)),
            ("EmailAddress", Some(0)),
            ("email_address", Some(0)),
            ("first_name", Some(1)),
            ("FirstName", Some(1)),
            ("first-name", Some(1)),
            ("lastName", Some(2)),
            ("LastName", Some(2)),
            ("Address.PostCode", Some(3)),
            ("address.post_code", Some(3)),
            ("/address/postCode", Some(3)),
            ("Items[1].UnitPrice", Some(5)),
            ("items.0.unit_price", Some(4)),
            // Not the same item, not a field of the form.
            ("items.2.unitPrice", None),
            ("name", None),
            ("address", None),
            ("$", None),
        ] {
            assert_eq!(match_field(key, &form), want, "{key}");
        }
        // Two fields fit the longer-name rule: no guess.
        assert_eq!(match_field("phone", &["phoneHome", "phoneWork"]), None);
        // An exact match wins over a folded one.
        assert_eq!(match_field("Email", &["email", "Email"]), Some(1));
        // Two folded matches and no exact one: no guess.
        assert_eq!(match_field("EMAIL", &["email", "Email"]), None);
        assert_eq!(match_field("email", &[]), None);
    }

    #[test]
    fn words_of_names() {
        assert_eq!(words("emailAddress"), ["email", "address"]);
        assert_eq!(words("EmailAddress"), ["email", "address"]);
        assert_eq!(words("email_address"), ["email", "address"]);
        assert_eq!(words("HTTPServer"), ["http", "server"]);
        assert_eq!(words("addressLine1"), ["address", "line1"]);
        assert_eq!(words("__"), Vec::<String>::new());
    }

    #[test]
    fn indices() {
        assert!(is_index("0") && is_index("12"));
        assert!(!is_index("01") && !is_index("-1") && !is_index("") && !is_index("1e3"));
        assert_eq!(last_name("items.0.name"), "name");
        assert_eq!(last_name("items.0"), "items");
        let mut p = String::new();
        push_key(&mut p, "items");
        push_index(&mut p, 3);
        push_key(&mut p, "qty");
        assert_eq!(p, "items.3.qty");
    }
}
