//! Credentials in URLs: user-info passwords (`postgres://app:pw@db`,
//! `//bob:pw@host`), tokens in paths (`/reset-password/<token>`, long
//! mixed-case segments) and secret query or fragment parameters.

use super::redact::step;
use super::{redact_form, REDACTED};

/// Path segments after which the next segment is a credential.
const SENSITIVE_SEGMENTS: &[&str] = &[
    "resetpassword",
    "passwordreset",
    "password",
    "reset",
    "setpassword",
    "newpassword",
    "recover",
    "recovery",
    "verify",
    "verification",
    "verifyemail",
    "confirm",
    "confirmation",
    "confirmemail",
    "activate",
    "activation",
    "magic",
    "magiclinks",
    "magiclink",
    "invite",
    "invitation",
    "invitations",
    "token",
    "tokens",
    "auth",
    "login",
    "signin",
    "unlock",
    "otp",
    "apikey",
    "apikeys",
    "secret",
    "secrets",
    "share",
    "download",
    "hooks",
    "services",
    "webhook",
    "webhooks",
];

/// Where a URL, a path segment or an authority ends in text.
fn ends_url(c: u8) -> bool {
    c.is_ascii_whitespace()
        || matches!(
            c,
            b'"' | b'\'' | b'<' | b'>' | b'\\' | b'`' | b'(' | b')' | b'{' | b'}' | b'|' | b','
        )
}

fn ends_segment(c: u8) -> bool {
    ends_url(c) || matches!(c, b'/' | b'?' | b'#' | b';' | b'&' | b'=')
}

fn squash(s: &str) -> String {
    s.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|c| char::from(c.to_ascii_lowercase()))
        .collect()
}

/// A path segment that is a token by its look: at least 24 characters of
/// letters and digits mixing upper case, lower case and digits (a UUID or
/// a slug is none of that).
fn looks_like_token(seg: &str) -> bool {
    let b = seg.as_bytes();
    b.len() >= 24
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'~' | b'%'))
        && b.iter().any(u8::is_ascii_uppercase)
        && b.iter().any(u8::is_ascii_lowercase)
        && b.iter().any(u8::is_ascii_digit)
}

/// Redacts user-info passwords and path tokens in URLs found in free text.
/// Query parameters are left to the `name=value` pass.
pub(super) fn redact_urls_in_text(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut i = 0;
    // Whether the previous segment names a credential that follows it.
    let mut after_sensitive = false;
    while i < b.len() {
        step(1);
        let c = b.get(i).copied().unwrap_or(0);
        if c != b'/' {
            if ends_url(c) {
                after_sensitive = false;
            }
            i += 1;
            continue;
        }
        if b.get(i + 1) == Some(&b'/') {
            // An authority: `//user:password@host`.
            let start = i + 2;
            let mut end = start;
            while end < b.len()
                && !(ends_url(byte(b, end)) || matches!(byte(b, end), b'/' | b'?' | b'#'))
            {
                end += 1;
            }
            step(end - start);
            let authority = s.get(start..end).unwrap_or("");
            if let Some(at) = authority.rfind('@') {
                let userinfo = authority.get(..at).unwrap_or("");
                let has_scheme = i > 0 && byte(b, i - 1) == b':';
                match userinfo.find(':') {
                    Some(colon) if colon + 1 < userinfo.len() => {
                        out.push_str(s.get(copied..start + colon + 1).unwrap_or(""));
                        out.push_str(REDACTED);
                        copied = start + at;
                    }
                    None if has_scheme && !userinfo.is_empty() => {
                        out.push_str(s.get(copied..start).unwrap_or(""));
                        out.push_str(REDACTED);
                        copied = start + at;
                    }
                    _ => {}
                }
            }
            after_sensitive = false;
            i = end.max(i + 2);
            continue;
        }
        // A path segment.
        let start = i + 1;
        let mut end = start;
        while end < b.len() && !ends_segment(byte(b, end)) {
            end += 1;
        }
        step(end - start);
        let seg = s.get(start..end).unwrap_or("");
        // `/auth/magic-link/<token>`: a keyword after a keyword is not the token.
        let keyword = seg.len() <= 32 && SENSITIVE_SEGMENTS.contains(&squash(seg).as_str());
        let secret = !keyword
            && ((after_sensitive && (seg.len() >= 8 || seg.bytes().any(|c| c.is_ascii_digit())))
                || looks_like_token(seg));
        if secret && !seg.is_empty() {
            out.push_str(s.get(copied..start).unwrap_or(""));
            out.push_str(REDACTED);
            copied = end;
            after_sensitive = false;
        } else {
            after_sensitive = keyword;
        }
        i = end;
    }
    out.push_str(s.get(copied..).unwrap_or(""));
    out
}

fn byte(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

/// A URL with the password of its user-info, tokens in its path and secret
/// query and fragment values redacted (OAuth's `code`, CAS's `ticket` too).
///
/// ```
/// use fieldnote::report::redact_url;
/// assert_eq!(
///     redact_url("https://u:p4ss@api.test/x?access_token=abc&page=2"),
///     "https://u:[REDACTED]@api.test/x?access_token=[REDACTED]&page=2"
/// );
/// assert_eq!(
///     redact_url("/reset-password/9f8e7d6c5b4a?code=xyz"),
///     "/reset-password/[REDACTED]?code=[REDACTED]"
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
    // Matrix parameters (`;jsessionid=…`) and known token formats in the path too.
    out.push_str(&super::redact_text(before_query));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(redact_url("/x?token=a"), "/x?token=[REDACTED]");
        assert_eq!(redact_url("https://api.test/a/b"), "https://api.test/a/b");
        assert_eq!(
            redact_url("https://tok@api.test/"),
            "https://[REDACTED]@api.test/"
        );
        assert_eq!(
            redact_url("https://app.test/cb#access_token=abc&state=1"),
            "https://app.test/cb#access_token=[REDACTED]&state=1"
        );
        assert_eq!(
            redact_url("/cb?x=1#id_token=abc"),
            "/cb?x=1#id_token=[REDACTED]"
        );
        assert_eq!(
            redact_url("https://sso.test/login?ticket=ST-1-abc&service=x"),
            "https://sso.test/login?ticket=[REDACTED]&service=x"
        );
        assert_eq!(
            redact_url("/orders/550e8400-e29b-41d4-a716-446655440000"),
            "/orders/550e8400-e29b-41d4-a716-446655440000"
        );
        assert_eq!(
            redact_urls_in_text("db at postgres://app:pw1@db:5432/x and redis://:pw2@cache, //bob:pw3@host"),
            "db at postgres://app:[REDACTED]@db:5432/x and redis://:[REDACTED]@cache, //bob:[REDACTED]@host"
        );
    }
}
