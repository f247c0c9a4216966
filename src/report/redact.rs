//! Removing credentials before anything is shown or copied.
//!
//! Headers, JSON members and URL query parameters are redacted by name;
//! free text is scanned for bearer/basic credentials, JWTs, card numbers
//! (Luhn-checked) and `secret=value` pairs.

use crate::json::{Kind, Value, Writer};

/// What replaces a secret.
pub const REDACTED: &str = "[REDACTED]";

fn squash(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether a JSON member, form field or query parameter called `name`
/// holds a secret (`password`, `access_token`, `apiKey`, `card_number`,
/// `cvc`, ...). Case and separators are ignored.
pub fn is_secret_name(name: &str) -> bool {
    let n = squash(name);
    const EXACT: &[&str] = &[
        "pan", "pin", "otp", "auth", "key", "sig", "cvc", "cvv", "cvv2", "csc", "ssn", "jwt", "sid",
    ];
    const PARTS: &[&str] = &[
        "password",
        "passwd",
        "passphrase",
        "secret",
        "token",
        "apikey",
        "accesskey",
        "privatekey",
        "authorization",
        "cookie",
        "sessionid",
        "session",
        "cardnumber",
        "ccnumber",
        "creditcard",
        "cardno",
        "securitycode",
        "cardverification",
        "credential",
        "signature",
        "bearer",
    ];
    EXACT.contains(&n.as_str()) || PARTS.iter().any(|p| n.contains(p)) || has_secret_word(name)
}

/// Whether a short secret word stands alone inside a longer name:
/// `card_cvc`, `user[pin]`, `cardCvv` (words split at separators and
/// lower-to-upper case changes). `key` and `auth` are not enough alone
/// (`sort_key`, `auth_method`).
fn has_secret_word(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "pan", "pin", "otp", "cvc", "cvv", "cvv2", "csc", "ssn", "jwt", "sid",
    ];
    let b = name.as_bytes();
    let mut start = 0;
    for i in 0..=b.len() {
        let c = byte(b, i);
        let prev = if i > 0 { byte(b, i - 1) } else { 0 };
        let boundary = i == b.len()
            || !c.is_ascii_alphanumeric()
            || (c.is_ascii_uppercase() && prev.is_ascii_lowercase());
        if !boundary {
            continue;
        }
        if let Some(w) = name.get(start..i) {
            if WORDS.iter().any(|k| w.eq_ignore_ascii_case(k)) {
                return true;
            }
        }
        start = if c.is_ascii_alphanumeric() { i } else { i + 1 };
    }
    false
}

/// Whether a header's value is a credential (`Authorization`, `Cookie`,
/// `Set-Cookie`, `X-Api-Key`, `X-Auth-Token`, ...).
pub fn is_secret_header(name: &str) -> bool {
    let bare = match name.get(..2) {
        Some(p) if p.eq_ignore_ascii_case("x-") => &name[2..],
        _ => name,
    };
    let n = squash(bare);
    matches!(
        n.as_str(),
        "authorization" | "proxyauthorization" | "cookie" | "setcookie"
    ) || is_secret_name(&n)
}

/// A URL with the password of its user-info and secret query values redacted.
///
/// ```
/// use fieldnote::report::redact_url;
/// assert_eq!(
///     redact_url("https://u:p4ss@api.test/x?access_token=abc&page=2"),
///     "https://u:[REDACTED]@api.test/x?access_token=[REDACTED]&page=2"
/// );
/// ```
pub fn redact_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    // The query and the fragment (OAuth's implicit flow puts
    // `#access_token=…` there) are both read as `name=value` pairs.
    let (before_query, query) = match url.find(['?', '#']) {
        Some(i) => (url.get(..i).unwrap_or(url), url.get(i..)),
        None => (url, None),
    };
    // user:password@ in the authority.
    match before_query.split_once("://") {
        Some((scheme, rest)) => {
            out.push_str(scheme);
            out.push_str("://");
            let auth_end = rest.find('/').unwrap_or(rest.len());
            let (authority, path) = rest.split_at(auth_end);
            match authority.rsplit_once('@') {
                Some((userinfo, host)) => {
                    match userinfo.split_once(':') {
                        Some((user, _)) => {
                            out.push_str(user);
                            out.push(':');
                            out.push_str(REDACTED);
                        }
                        None => out.push_str(REDACTED),
                    }
                    out.push('@');
                    out.push_str(host);
                }
                None => out.push_str(authority),
            }
            out.push_str(path);
        }
        None => out.push_str(before_query),
    }
    if let Some(q) = query {
        // `?` or `#`, then the pairs; a `#` inside the query is a pair's
        // separator as far as redaction goes.
        out.push_str(q.get(..1).unwrap_or(""));
        let pairs = q.get(1..).unwrap_or("");
        for (i, part) in pairs.split('#').enumerate() {
            if i > 0 {
                out.push('#');
            }
            out.push_str(&redact_form(part));
        }
    }
    out
}

/// `a=1&password=x` → `a=1&password=[REDACTED]` (form bodies, query strings).
pub fn redact_form(q: &str) -> String {
    let mut out = String::with_capacity(q.len());
    for (i, pair) in q.split('&').enumerate() {
        if i > 0 {
            out.push('&');
        }
        match pair.split_once('=') {
            Some((k, _)) if is_secret_name(&percent_lossy(k)) => {
                // Text that only looks like a form (JSON without spaces
                // holding an `=`) has secrets in the "name" too.
                out.push_str(&redact_text(k));
                out.push('=');
                out.push_str(REDACTED);
            }
            _ => out.push_str(&redact_text(pair)),
        }
    }
    out
}

fn percent_lossy(s: &str) -> String {
    // Field names like `user%5Bpassword%5D` → `user[password]`.
    crate::paths::canonical(&format_brackets(s))
}

fn format_brackets(s: &str) -> String {
    s.replace("%5B", "[")
        .replace("%5D", "]")
        .replace("%5b", "[")
        .replace("%5d", "]")
}

/// Writes a copy of `v` with secret members replaced by `"[REDACTED]"` and
/// strings scanned with [`redact_text`].
pub fn redact_json(v: Value<'_>, w: &mut Writer) {
    match v.kind() {
        Kind::String => w.string(&redact_text(&v.as_str().unwrap_or_default())),
        Kind::Array => {
            w.begin_array();
            for item in v.items() {
                redact_json(item, w);
            }
            w.end_array();
        }
        Kind::Object => {
            w.begin_object();
            for (k, item) in v.members() {
                w.key(&k);
                if is_secret_name(&k) && !matches!(item.kind(), Kind::Null | Kind::Bool) {
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

/// Redacts credentials found in free text: `Bearer …`/`Basic …`, JWTs,
/// card numbers that pass the Luhn check, and `secret=value` /
/// `secret: value` / `"secret":"value"` pairs.
///
/// ```
/// use fieldnote::report::redact_text;
/// assert_eq!(redact_text("Authorization: Bearer abc.def"), "Authorization: [REDACTED]");
/// assert_eq!(redact_text("card 4242 4242 4242 4242 declined"), "card [REDACTED] declined");
/// assert_eq!(redact_text("password=hunter2&x=1"), "password=[REDACTED]&x=1");
/// ```
pub fn redact_text(s: &str) -> String {
    let s = redact_pairs(s);
    let s = redact_schemes(&s);
    let s = redact_jwts(&s);
    redact_cards(&s)
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

/// `name=value`, `name: value`, `"name": "value"` where name is secret.
fn redact_pairs(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        if !is_word(byte(b, i)) || (i > 0 && is_word(byte(b, i - 1))) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && is_word(byte(b, i)) {
            i += 1;
        }
        let name = &s[start..i];
        let mut j = i;
        if b.get(j) == Some(&b'"') || b.get(j) == Some(&b'\'') {
            j += 1;
        }
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
        if !matches!(b.get(j), Some(b'=' | b':')) || !is_secret_name(name) {
            continue;
        }
        j += 1;
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
        let quote = match b.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                j += 1;
                Some(q)
            }
            _ => None,
        };
        let v0 = j;
        if quote.is_none() && matches!(b.get(j), Some(b'{' | b'[')) {
            // `"token": {"value": "…"}` in JSON that is read as text (too
            // long or too deep to parse): the whole structure goes.
            j = balanced_end(b, j);
            out.push_str(&s[copied..v0]);
            out.push_str(REDACTED);
            copied = j;
            i = j;
            continue;
        }
        while j < b.len() {
            let c = byte(b, j);
            let end = match quote {
                Some(q) => c == q && byte(b, j - 1) != b'\\',
                None => matches!(
                    c,
                    b'&' | b',' | b';' | b' ' | b'\n' | b'\r' | b'"' | b'\'' | b'}' | b']'
                ),
            };
            if end {
                break;
            }
            j += 1;
        }
        if j == v0 {
            continue;
        }
        // `Authorization: Bearer xyz`: the credential is the word after the scheme.
        if quote.is_none() && is_auth_scheme(&s[v0..j]) {
            while b.get(j) == Some(&b' ') {
                j += 1;
            }
            while j < b.len()
                && !matches!(
                    byte(b, j),
                    b' ' | b'\n' | b'\r' | b'"' | b'\'' | b',' | b';'
                )
            {
                j += 1;
            }
        }
        out.push_str(&s[copied..v0]);
        out.push_str(REDACTED);
        copied = j;
        i = j;
    }
    out.push_str(&s[copied..]);
    out
}

/// The index after the bracket that closes the one at `start` (strings
/// skipped), or the end of the text if it never closes.
fn balanced_end(b: &[u8], start: usize) -> usize {
    let mut depth = 0u32;
    let mut in_str = false;
    let mut i = start;
    while let Some(&c) = b.get(i) {
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

/// `Bearer xxx`, `Basic xxx`, `Token xxx` credentials. One pass: the next
/// occurrence of each scheme is remembered, so text full of "token a"
/// stays linear.
fn redact_schemes(s: &str) -> String {
    const KEYS: [&str; 3] = ["bearer ", "basic ", "token "];
    // Same byte offsets as `s` (ASCII case only).
    let lower = s.to_ascii_lowercase();
    let b = s.as_bytes();
    let find_from = |key: &str, at: usize| lower.get(at..)?.find(key).map(|p| p + at);
    let mut next: [Option<usize>; 3] = [None; 3];
    let mut searched = [false; 3];
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut from = 0;
    loop {
        let mut best: Option<(usize, usize)> = None;
        for (k, key) in KEYS.iter().enumerate() {
            let (Some(n), Some(done)) = (next.get_mut(k), searched.get_mut(k)) else {
                continue;
            };
            // The next occurrence at or after `from` that starts a word.
            loop {
                match *n {
                    Some(p) if p >= from => {
                        if p == 0 || !is_word(byte(b, p - 1)) {
                            break;
                        }
                        *n = find_from(key, p + 1);
                    }
                    Some(_) => *n = find_from(key, from),
                    None if !*done => *n = find_from(key, from),
                    None => break,
                }
                *done = true;
            }
            if let Some(p) = *n {
                if best.is_none_or(|(q, _)| p < q) {
                    best = Some((p, key.len()));
                }
            }
        }
        let Some((p, klen)) = best else {
            break;
        };
        let after = p + klen;
        let rest = s.get(after..).unwrap_or("");
        let cred_len = rest
            .find(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == ',' || c == ';')
            .unwrap_or(rest.len());
        if cred_len < 8 {
            // "basic plan", "token expired": ordinary words, not credentials.
            from = after;
            continue;
        }
        out.push_str(s.get(copied..p).unwrap_or(""));
        out.push_str(REDACTED);
        copied = after + cred_len;
        from = copied;
    }
    out.push_str(s.get(copied..).unwrap_or(""));
    out
}

fn redact_jwts(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find("eyJ") {
        let tail = &rest[p..];
        let len = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'))
            .unwrap_or(tail.len());
        let cand = &tail[..len];
        out.push_str(&rest[..p]);
        if cand.matches('.').count() >= 1 && len >= 16 {
            out.push_str(REDACTED);
        } else {
            out.push_str(cand);
        }
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

/// Card numbers: 13–19 digits, optionally grouped by spaces or dashes,
/// passing the Luhn check.
fn redact_cards(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if !byte(b, i).is_ascii_digit() || (i > 0 && byte(b, i - 1).is_ascii_digit()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut digits = Vec::new();
        let mut j = i;
        let mut end = i;
        while j < b.len() && digits.len() < 19 {
            if byte(b, j).is_ascii_digit() {
                digits.push(byte(b, j) - b'0');
                j += 1;
                end = j;
            } else if (byte(b, j) == b' ' || byte(b, j) == b'-')
                && b.get(j + 1).is_some_and(u8::is_ascii_digit)
            {
                j += 1;
            } else {
                break;
            }
        }
        let followed_by_digit = b.get(end).is_some_and(u8::is_ascii_digit);
        if (13..=19).contains(&digits.len()) && !followed_by_digit && luhn(&digits) {
            out.push_str(&s[copied..start]);
            out.push_str(REDACTED);
            copied = end;
        }
        i = end.max(i + 1);
    }
    out.push_str(&s[copied..]);
    out
}

fn luhn(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (k, &d) in digits.iter().rev().enumerate() {
        let mut d = u32::from(d);
        if k % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

/// The byte at `i`, or 0 past the end (callers stop at 0 or at the length).
fn byte(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Document;

    #[test]
    fn secret_names() {
        for n in [
            "password",
            "new_password",
            "passwordConfirmation",
            "access_token",
            "refreshToken",
            "api_key",
            "X-Api-Key",
            "client_secret",
            "card_number",
            "cardNumber",
            "cvc",
            "CVV",
            "session_id",
            "Authorization",
            "pin",
            "card_cvc",
            "cardCvv",
            "user[pin]",
            "user.cvc",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in [
            "email", "name", "author", "postcode", "quantity", "pinned", "keyboard", "sort_key",
            "spinner", "PinnedAt",
        ] {
            assert!(!is_secret_name(n), "{n}");
        }
    }

    #[test]
    fn secret_headers() {
        for n in [
            "Authorization",
            "Proxy-Authorization",
            "Cookie",
            "Set-Cookie",
            "X-API-Key",
            "Api-Key",
            "X-Auth-Token",
            "X-CSRF-Token",
            "X-Amz-Security-Token",
        ] {
            assert!(is_secret_header(n), "{n}");
        }
        for n in [
            "Content-Type",
            "X-Request-Id",
            "traceparent",
            "Retry-After",
            "X-Correlation-Id",
        ] {
            assert!(!is_secret_header(n), "{n}");
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
    }

    #[test]
    fn urls() {
        assert_eq!(redact_url("/x?token=a"), "/x?token=[REDACTED]");
        assert_eq!(redact_url("https://api.test/a/b"), "https://api.test/a/b");
        assert_eq!(
            redact_url("https://tok@api.test/"),
            "https://[REDACTED]@api.test/"
        );
        // OAuth implicit flow: the token is in the fragment.
        assert_eq!(
            redact_url("https://app.test/cb#access_token=abc&state=1"),
            "https://app.test/cb#access_token=[REDACTED]&state=1"
        );
        assert_eq!(
            redact_url("/cb?x=1#id_token=abc"),
            "/cb?x=1#id_token=[REDACTED]"
        );
    }
}
