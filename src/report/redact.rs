//! Removing credentials before anything is shown or copied.
//!
//! Headers, JSON members, form fields and query parameters are redacted by
//! name ([`super::names`]); free text is scanned for credentials by shape
//! ([`super::tokens`]), in URLs ([`super::url`]), in markup and multipart
//! bodies ([`super::markup`]) and in `name=value` / `"name": "value"` pairs.
//! Every pass reads its input once: work is linear in the text's length.

use super::names::{is_label_key, is_secret_header, is_secret_name, is_secret_param, is_value_key};
use super::{markup, tokens, url};
use crate::json::{Kind, Value, Writer};

/// What replaces a secret.
pub const REDACTED: &str = "[REDACTED]";

#[cfg(test)]
thread_local! {
    /// Work done by the redaction passes in this thread (tests count it).
    pub(crate) static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts `n` steps of redaction work (bytes looked at); compiled out
/// outside tests, where linearity is checked by counting.
#[inline]
pub(crate) fn step(n: usize) {
    #[cfg(test)]
    STEPS.with(|s| s.set(s.get().saturating_add(n as u64)));
    #[cfg(not(test))]
    let _ = n;
}

/// The first `pat` in `s` at or after `at`, counting the bytes searched.
pub(crate) fn find_at(s: &str, at: usize, pat: &str) -> Option<usize> {
    let found = s.get(at..)?.find(pat).map(|p| p + at);
    step(found.map_or(s.len(), |p| p + pat.len()).saturating_sub(at));
    found
}

/// The longest prefix of `s` of at most `max` bytes that ends on a
/// character boundary.
pub(crate) fn head(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}

/// `a=1&password=x` → `a=1&password=[REDACTED]` (form bodies, query
/// strings). Parameters that only URLs use for credentials (`code`,
/// `ticket`) count too, and so does `name=password&value=…`.
pub fn redact_form(q: &str) -> String {
    let mut out = String::with_capacity(q.len());
    // The previous pair named a secret field: a `value=` pair is its value.
    let mut armed = false;
    for (i, pair) in q.split('&').enumerate() {
        step(pair.len() + 1);
        if i > 0 {
            out.push('&');
        }
        match pair.split_once('=') {
            Some((k, v)) => {
                let secret = is_secret_param(k) || (armed && is_value_key(k));
                armed = is_label_key(k) && is_secret_name(&v.replace('+', " "));
                if secret {
                    out.push_str(k);
                    out.push('=');
                    out.push_str(REDACTED);
                } else {
                    out.push_str(pair);
                }
            }
            None => {
                armed = false;
                out.push_str(pair);
            }
        }
    }
    // Then the whole as text, once: credentials by shape, and secrets in
    // the names of text that only looks like a form (JSON without spaces
    // holding an `=`).
    redact_text(&out)
}

/// Writes a copy of `v` with secret members replaced by `"[REDACTED]"`,
/// member names and strings scanned with [`redact_text`]. Name/value shapes
/// count: `{"name":"password","value":…}`, Spring's `{"field":"password",
/// "rejectedValue":…}`, Pydantic's `{"loc":[…,"password"],"input":…}`,
/// `["password", …]`.
pub fn redact_json(v: Value<'_>, w: &mut Writer) {
    match v.kind() {
        Kind::String => w.string(&redact_text(&v.as_str().unwrap_or_default())),
        Kind::Array => {
            // A two-item array whose first item names a secret: a pair.
            let pair = v.len() == 2
                && v.items()
                    .next()
                    .and_then(|f| f.as_str())
                    .is_some_and(|f| is_secret_name(&f));
            w.begin_array();
            for (k, item) in v.items().enumerate() {
                if pair && k == 1 && !matches!(item.kind(), Kind::Null | Kind::Bool) {
                    w.string(REDACTED);
                } else {
                    redact_json(item, w);
                }
            }
            w.end_array();
        }
        Kind::Object => {
            let labelled = v
                .members()
                .any(|(k, item)| is_label_key(&k) && names_secret(item));
            w.begin_object();
            for (k, item) in v.members() {
                w.key(&redact_text(&k));
                let secret = is_secret_name(&k) || (labelled && is_value_key(&k));
                if secret && !matches!(item.kind(), Kind::Null | Kind::Bool) {
                    w.string(REDACTED);
                } else {
                    redact_json(item, w);
                }
            }
            w.end_object();
        }
        _ => w.value(v),
    }
}

/// Whether a label member's value names a secret field: a name, or a path
/// whose last segment is one (Pydantic's `loc`).
fn names_secret(v: Value<'_>) -> bool {
    match v.kind() {
        Kind::String => v.as_str().is_some_and(|s| is_secret_name(&s)),
        Kind::Array => v
            .items()
            .last()
            .and_then(|s| s.as_str())
            .is_some_and(|s| is_secret_name(&s)),
        _ => false,
    }
}

/// Redacts credentials found in free text: PEM private keys, vendor tokens
/// (`sk_live_…`, `ghp_…`, AWS key ids), multipart parts, XML and HTML
/// fields, `secret=value` / `secret: value` / `"secret":"value"` pairs
/// (escaped, percent-encoded and look-alike names too), URL passwords and
/// path tokens, `Bearer …`/`Basic …`, JWTs and card numbers that pass the
/// Luhn check.
///
/// ```
/// use fieldnote::report::redact_text;
/// assert_eq!(redact_text("Authorization: Bearer abc.def"), "Authorization: [REDACTED]");
/// assert_eq!(redact_text("card 4242 4242 4242 4242 declined"), "card [REDACTED] declined");
/// assert_eq!(redact_text("password=hunter2&x=1"), "password=[REDACTED]&x=1");
/// assert_eq!(redact_text("at postgres://app:pw@db/x"), "at postgres://app:[REDACTED]@db/x");
/// ```
pub fn redact_text(s: &str) -> String {
    let s = tokens::redact_pem(s);
    let s = tokens::redact_known(&s);
    let s = markup::redact_multipart(&s);
    let s = markup::redact_markup(&s);
    let s = redact_pairs(&s);
    let s = url::redact_urls_in_text(&s);
    let s = tokens::redact_schemes(&s);
    let s = tokens::redact_jwts(&s);
    tokens::redact_cards(&s)
}

/// Bytes that can be part of a bare name: letters, digits, separators,
/// percent-escapes, JSON escapes and any non-ASCII letter (look-alikes).
fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, b'_' | b'-' | b'%' | b'\\' | b'.' | b'[' | b']')
        || c >= 0x80
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

/// Names whose value runs to the end of the line (`Cookie: a=1; b=2`).
fn is_line_name(name: &str) -> bool {
    let n: String = name
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|c| char::from(c.to_ascii_lowercase()))
        .collect();
    matches!(
        n.as_str(),
        "cookie" | "setcookie" | "authorization" | "proxyauthorization" | "xauthorization"
    )
}

/// Longest quoted name looked at (longer quoted text is not a name).
const MAX_QUOTED_NAME: usize = 128;

/// The quoted string starting at `i` if it closes within
/// [`MAX_QUOTED_NAME`] bytes on the same line: its content and the index
/// after the closing quote.
fn quoted_at(s: &str, i: usize) -> Option<(&str, usize)> {
    let b = s.as_bytes();
    let q = byte(b, i);
    let mut k = i + 1;
    while k < b.len() && k <= i + MAX_QUOTED_NAME {
        step(1);
        let c = byte(b, k);
        if c == b'\n' {
            return None;
        }
        if c == q && byte(b, k - 1) != b'\\' {
            return Some((s.get(i + 1..k)?, k + 1));
        }
        k += 1;
    }
    None
}

/// Whether the text before `i`, blanks skipped, ends with `[` (a
/// `["name", value]` pair).
fn after_bracket(b: &[u8], i: usize) -> bool {
    let mut k = i;
    while k > 0 && i - k < 16 {
        k -= 1;
        match byte(b, k) {
            c if is_ws(c) => continue,
            b'[' => return true,
            _ => return false,
        }
    }
    false
}

/// `name=value`, `name: value`, `"name": "value"`, `["name", "value"]`
/// where name is secret, and `"field": "password", …, "value": "…"`.
fn redact_pairs(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut copied = 0;
    // A label named a secret field: a value pair before this offset is its value.
    let mut armed_until = 0;
    while i < b.len() {
        step(1);
        let c = byte(b, i);
        let quoted = c == b'"' || c == b'\'';
        let (name, name_end) = if quoted {
            match quoted_at(s, i) {
                Some(found) => found,
                None => {
                    i += 1;
                    continue;
                }
            }
        } else if is_name_byte(c) && (i == 0 || !is_name_byte(byte(b, i - 1))) {
            let mut e = i;
            while e < b.len() && is_name_byte(byte(b, e)) {
                e += 1;
            }
            step(e - i);
            (s.get(i..e).unwrap_or(""), e)
        } else {
            i += 1;
            continue;
        };
        // Where to go on when this is not a pair: inside a quoted string
        // (it may be a value holding pairs), after a bare name.
        let skip = if quoted { i + 1 } else { name_end };
        let mut j = name_end;
        if !quoted {
            if byte(b, j) == b'\\' {
                j += 1;
            }
            if matches!(byte(b, j), b'"' | b'\'') {
                j += 1;
            }
        }
        while is_ws(byte(b, j)) {
            j += 1;
        }
        let sep = byte(b, j);
        let list_pair = quoted && sep == b',' && after_bracket(b, i);
        let is_sep = sep == b'=' || (sep == b':' && b.get(j + 1..j + 3).is_none_or(|r| r != b"//"));
        if !(is_sep || list_pair) {
            i = skip;
            continue;
        }
        let url_ctx = i > 0 && matches!(byte(b, i - 1), b'?' | b'&' | b'#');
        let secret = if url_ctx {
            is_secret_param(name)
        } else {
            // `X-Refresh: …` in a header dump.
            is_secret_header(name)
        } || (armed_until > i && is_value_key(name));
        let label = !list_pair && is_label_key(name);
        if !secret && !label {
            i = skip;
            continue;
        }
        j += 1;
        while matches!(byte(b, j), b' ' | b'\t') {
            j += 1;
        }
        // A value on the next line only in pretty-printed JSON (`"password":
        // ⏎ "x"`): the next line of text is not this name's value (found by
        // the `redact` fuzz target: `?ticket=` ⏎ `totp: …`).
        if matches!(byte(b, j), b'\r' | b'\n') {
            let mut k = j;
            while is_ws(byte(b, k)) {
                k += 1;
            }
            if matches!(byte(b, k), b'"' | b'\'' | b'{' | b'[') {
                j = k;
            }
        }
        // `\"password\":\"x\"`: JSON inside a JSON string, read as text.
        let escaped = byte(b, j) == b'\\' && matches!(byte(b, j + 1), b'"' | b'\'');
        if escaped {
            j += 1;
        }
        let quote = match byte(b, j) {
            q @ (b'"' | b'\'') => {
                j += 1;
                Some(q)
            }
            _ => None,
        };
        let v0 = j;
        if quote.is_none() && matches!(byte(b, j), b'{' | b'[') {
            if !secret {
                // Pydantic's `"loc": ["body", "password"]`: the last segment
                // names the field (a short list, looked at within 256 bytes).
                let list = head(s.get(j + 1..).unwrap_or(""), 256);
                step(list.len());
                if label {
                    if let Some(end) = list.find(']') {
                        let last = list
                            .get(..end)
                            .unwrap_or("")
                            .rsplit(',')
                            .next()
                            .unwrap_or("");
                        if is_secret_name(last.trim().trim_matches(['"', '\''])) {
                            armed_until = j + end + 512;
                        }
                    }
                }
                i = skip;
                continue;
            }
            // `"token": {"value": "…"}` in JSON that is read as text (too
            // long or too deep to parse): the whole structure goes.
            j = balanced_end(b, j);
            out.push_str(s.get(copied..v0).unwrap_or(""));
            out.push_str(super::REDACTED);
            copied = j;
            i = j;
            continue;
        }
        let line = quote.is_none() && is_line_name(name);
        // `Authorization: Digest username="bob", response="…"`: quotes
        // belong to the credential.
        let scheme_line = line && {
            let word = head(s.get(j..).unwrap_or(""), 16);
            let w = word.split([' ', '\t']).next().unwrap_or("");
            is_auth_scheme(w)
        };
        // A label's value only matters if it is a name: read at most 256
        // bytes of it, so `name=name=name=…` stays linear.
        let limit = if secret {
            b.len()
        } else {
            b.len().min(v0 + 256)
        };
        while j < limit {
            step(1);
            let c = byte(b, j);
            let end = match quote {
                Some(q) if escaped => c == b'\\' && byte(b, j + 1) == q,
                Some(q) => c == q && byte(b, j - 1) != b'\\',
                None if scheme_line => matches!(c, b'\n' | b'\r' | b'\\' | b'<'),
                None if line => matches!(c, b'\n' | b'\r' | b'"' | b'\'' | b'<'),
                None => {
                    is_ws(c)
                        || matches!(
                            c,
                            b'&' | b',' | b';' | b'"' | b'\'' | b'}' | b']' | b'<' | b'>' | b')'
                        )
                }
            };
            if end {
                break;
            }
            j += 1;
        }
        // `password: totp: 123`: a value that is itself a secret's name and
        // separator is not a value; the next round reads it as a pair.
        let names_next = quote.is_none()
            && !line
            && j - v0 <= 64
            && matches!(byte(b, j - 1), b':' | b'=')
            && s.get(v0..j - 1)
                .is_some_and(|n| is_secret_header(n) || is_label_key(n));
        if j == v0 || names_next {
            i = skip;
            continue;
        }
        if label {
            // A label names the field of the pairs after it, until the next label.
            armed_until = if s.get(v0..j).is_some_and(is_secret_name) {
                j + 512
            } else {
                0
            };
        } else if armed_until > i && is_value_key(name) {
            // One value per label.
            armed_until = 0;
        }
        if !secret {
            i = skip;
            continue;
        }
        // `token: Bearer xyz`: the credential is the word after the scheme.
        if quote.is_none() && !line && is_auth_scheme(s.get(v0..j).unwrap_or("")) {
            while byte(b, j) == b' ' {
                j += 1;
            }
            while j < b.len()
                && !matches!(
                    byte(b, j),
                    b' ' | b'\n' | b'\r' | b'"' | b'\'' | b',' | b';'
                )
            {
                step(1);
                j += 1;
            }
        }
        out.push_str(s.get(copied..v0).unwrap_or(""));
        out.push_str(super::REDACTED);
        copied = j;
        i = j.max(i + 1);
    }
    out.push_str(s.get(copied..).unwrap_or(""));
    out
}

/// The index after the bracket that closes the one at `start` (strings
/// skipped), or the end of the text if it never closes.
fn balanced_end(b: &[u8], start: usize) -> usize {
    let mut depth = 0u32;
    let mut in_str = false;
    let mut i = start;
    while let Some(&c) = b.get(i) {
        step(1);
        i += 1;
        if in_str {
            match c {
                b'\\' => i += 1,
                b'"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            b'"' => in_str = true,
            b'{' | b'[' => depth = depth.saturating_add(1),
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    b.len()
}

fn is_auth_scheme(word: &str) -> bool {
    ["bearer", "basic", "token", "digest", "negotiate"]
        .iter()
        .any(|k| word.eq_ignore_ascii_case(k))
}

/// The byte at `i`, or 0 past the end (callers stop at 0 or at the length).
fn byte(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Document;

    fn steps_for(text: &str) -> u64 {
        STEPS.with(|s| s.set(0));
        let _ = redact_text(text);
        let _ = redact_form(text);
        STEPS.with(std::cell::Cell::get)
    }

    /// Every pass reads its input once: hostile patterns repeated 10× more
    /// cost at most about 10× the steps (bytes looked at), where a
    /// quadratic pass would cost 100×.
    #[test]
    fn hostile_patterns_are_linear() {
        for unit in [
            "token a ",
            "Bearer ",
            "<",
            "<a ",
            "<a b='",
            "\"",
            "'",
            "\"password\":",
            "password=",
            "name=name=",
            "\"name\":\"",
            "\"loc\":[",
            "Cookie:",
            "Authorization: Digest ",
            "form-data; name=\"password\"\n",
            "-----BEGIN PRIVATE KEY-----",
            "-----BEGIN ",
            "eyJ",
            "/reset-password/",
            "//a:b@",
            "{\"a\":\"",
            "{\"token\":{",
            "pass\\u0077ord ",
            "4242 ",
            "sk_live_",
            "AKIA",
            "ya29.",
            "<td>password</td>",
            "<password>",
            "[\"password\",",
            "a&",
            "p%61ssword",
            "\u{0430}",
        ] {
            let one = steps_for(&unit.repeat(1_000));
            let ten = steps_for(&unit.repeat(10_000));
            assert!(one > 0, "{unit:?}: no steps counted");
            assert!(ten <= 12 * one, "{unit:?}: {one} steps at 1×, {ten} at 10×");
        }
    }

    #[test]
    fn json_bodies_nested() {
        let d = Document::parse(
            r#"{"user":{"email":"a@b.c","password":"hunter2","cards":[{"card_number":"4242424242424242","cvc":123}]},"token":null,"note":"Bearer abcdefghijkl"}"#,
        )
        .unwrap();
        let mut w = Writer::new();
        redact_json(d.root(), &mut w);
        let out = w.finish();
        assert_eq!(
            out,
            r#"{"user":{"email":"a@b.c","password":"[REDACTED]","cards":[{"card_number":"[REDACTED]","cvc":"[REDACTED]"}]},"token":null,"note":"[REDACTED]"}"#
        );
    }

    #[test]
    fn json_name_value_shapes() {
        let d = Document::parse(
            r#"{"a":{"name":"password","value":"s1"},"b":[["pwd","s2"]],"c":{"field":"new_password","rejectedValue":"s3","defaultMessage":"too short"},"d":{"loc":["body","password"],"input":"s4","msg":"bad"},"e":{"name":"email","value":"a@b.c"}}"#,
        )
        .unwrap();
        let mut w = Writer::new();
        redact_json(d.root(), &mut w);
        let out = w.finish();
        for s in ["s1", "s2", "s3", "s4"] {
            assert!(!out.contains(&format!("\"{s}\"")), "{s} in {out}");
        }
        assert!(out.contains("a@b.c") && out.contains("too short"), "{out}");
    }

    #[test]
    fn free_text() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln";
        assert_eq!(
            redact_text(&format!("got {jwt} rejected")),
            "got [REDACTED] rejected"
        );
        assert_eq!(redact_text("the basic plan"), "the basic plan");
        // A scheme word inside another word does not hide a later credential.
        assert_eq!(
            redact_text("mytoken x, then token abcdefghijk"),
            "mytoken x, then [REDACTED]"
        );
        assert_eq!(
            redact_text("Basic dXNlcjpwYXNz and bearer abcdefghijkl."),
            "[REDACTED] and [REDACTED]"
        );
        assert_eq!(
            redact_text("order 1234567890123 shipped"),
            "order 1234567890123 shipped"
        );
        assert_eq!(redact_text("4111-1111-1111-1111"), "[REDACTED]");
        assert_eq!(
            redact_text(r#"{"password": "p w", "name":"x"}"#),
            r#"{"password": "[REDACTED]", "name":"x"}"#
        );
        assert_eq!(
            redact_text("api_key: abc123 next"),
            "api_key: [REDACTED] next"
        );
        assert_eq!(
            redact_form("user%5Bpassword%5D=x&a=1"),
            "user%5Bpassword%5D=[REDACTED]&a=1"
        );
        assert_eq!(
            redact_form("name=password&value=s1&name=email&value=a"),
            "name=password&value=[REDACTED]&name=email&value=a"
        );
        // Structures under secret names in JSON read as text.
        assert_eq!(
            redact_text(r#"x {"token": {"v": "s1", "w": ["s2"]}, "a": 1}"#),
            r#"x {"token": [REDACTED], "a": 1}"#
        );
        assert_eq!(
            redact_text(r#"{"password":["s1","s]2"],"a":1}"#),
            r#"{"password":[REDACTED],"a":1}"#
        );
        assert_eq!(redact_text(r#"{"secret":{"a":"#), r#"{"secret":[REDACTED]"#);
        // JSON without spaces that holds an `=` only looks like a form.
        let t = redact_form(r#"{"password":"hunter2","q":"a=b""#);
        assert!(!t.contains("hunter2"), "{t}");
        for (input, secret) in [
            (r#"{"pass\u0077ord" : "s1"}"#, "s1"),
            ("{\"password\"\n\t:\t\"s2\"}", "s2"),
            ("p%61ssword=s3", "s3"),
            ("p\u{0430}ssword: s4", "s4"),
            (r#"[["password","s5"]]"#, "s5"),
            (
                r#"{"field":"password","code":"Size","rejectedValue":"s6"}"#,
                "s6",
            ),
            (r#"{\"password\":\"s7\"}"#, "s7"),
            ("Cookie: a=1; PHPSESSID=s8", "s8"),
            ("/cb?code=s9x&state=1", "s9x"),
            ("Login failed: pwd=s10 for bob", "s10"),
            // Found by the `redact` fuzz target.
            ("https://x/?ticket=\ntotp: s11x", "s11x"),
            ("password: totp: s12x", "s12x"),
        ] {
            let out = redact_text(input);
            assert!(!out.contains(secret), "{input:?} → {out:?}");
        }
        assert_eq!(redact_text("error code=E42"), "error code=E42");
    }
}
