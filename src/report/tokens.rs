//! Credentials recognised by their shape, wherever they appear: PEM private
//! keys, vendor tokens with a known prefix (`sk_live_`, `ghp_`, `AKIA…`),
//! `Bearer`/`Basic` credentials, JWTs and card numbers (Luhn-checked).
//! Every pass reads the text once.

use super::redact::{find_at, step};
use super::{head, REDACTED};

/// Token characters: base64url and the separators vendors use.
fn is_tok(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

fn byte(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

/// `-----BEGIN … PRIVATE KEY-----` up to its `-----END …-----`, or to the
/// end of the text when the end is missing (a cut body).
pub(super) fn redact_pem(s: &str) -> String {
    const BEGIN: &str = "-----BEGIN ";
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut from = 0;
    while let Some(p) = find_at(s, from, BEGIN) {
        let label_start = p + BEGIN.len();
        let label = head(s.get(label_start..).unwrap_or(""), 64);
        let label = label.split("-----").next().unwrap_or("");
        if !label.contains("PRIVATE") && !label.contains("SECRET") {
            from = label_start;
            continue;
        }
        let end = match find_at(s, label_start, "-----END ") {
            Some(e) => {
                let e = e + "-----END ".len();
                // The END line's own closing dashes.
                match head(s.get(e..).unwrap_or(""), 80).find("-----") {
                    Some(d) => e + d + 5,
                    None => e,
                }
            }
            None => s.len(),
        };
        out.push_str(s.get(copied..p).unwrap_or(""));
        out.push_str(REDACTED);
        copied = end;
        from = end;
    }
    out.push_str(s.get(copied..).unwrap_or(""));
    out
}

/// Vendor token formats: prefix, minimum characters after it, whether `.`
/// belongs to the token.
const PREFIXES: &[(&str, usize, bool)] = &[
    ("sk_live_", 8, false),
    ("sk_test_", 8, false),
    ("rk_live_", 8, false),
    ("rk_test_", 8, false),
    ("whsec_", 8, false),
    ("ghp_", 20, false),
    ("gho_", 20, false),
    ("ghu_", 20, false),
    ("ghs_", 20, false),
    ("ghr_", 20, false),
    ("github_pat_", 20, false),
    ("glpat-", 16, false),
    ("xoxb-", 10, false),
    ("xoxp-", 10, false),
    ("xoxa-", 10, false),
    ("xoxr-", 10, false),
    ("xoxs-", 10, false),
    ("xapp-", 10, false),
    ("AIza", 30, false),
    ("ya29.", 20, true),
    ("npm_", 30, false),
    ("pypi-", 30, false),
    ("shpat_", 16, false),
    ("shpss_", 16, false),
    ("shpca_", 16, false),
    ("shppa_", 16, false),
    ("sk-", 20, false),
    ("SG.", 16, true),
    ("dop_v1_", 32, false),
    ("hf_", 30, false),
    ("sq0atp-", 20, false),
    ("sq0csp-", 20, false),
    ("key-", 32, false),
];

/// AWS access key ids: one of these, then exactly 16 of `[A-Z0-9]`.
const AWS: &[&str] = &[
    "AKIA", "ASIA", "ABIA", "ACCA", "AIDA", "AROA", "AGPA", "ANPA", "ANVA", "AIPA", "APKA",
];

/// Vendor tokens (Stripe, GitHub, GitLab, Slack, Google, npm, PyPI,
/// Shopify, OpenAI, SendGrid, DigitalOcean, Hugging Face, Square, Mailgun)
/// and AWS access key ids, where they start a word.
pub(super) fn redact_known(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        step(1);
        if i > 0 && byte(b, i - 1).is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let rest = s.get(i..).unwrap_or("");
        let mut end = None;
        for &(prefix, min, dot) in PREFIXES {
            step(1);
            if !rest.starts_with(prefix) {
                continue;
            }
            let body = rest.get(prefix.len()..).unwrap_or("").as_bytes();
            let n = body
                .iter()
                .position(|&c| !(is_tok(c) || (dot && c == b'.')))
                .unwrap_or(body.len());
            step(n);
            if n >= min {
                end = Some(i + prefix.len() + n);
                break;
            }
        }
        if end.is_none() && AWS.iter().any(|p| rest.starts_with(p)) {
            let body = rest.get(4..).unwrap_or("").as_bytes();
            let n = body
                .iter()
                .position(|&c| !(c.is_ascii_uppercase() || c.is_ascii_digit()))
                .unwrap_or(body.len());
            step(n);
            if n == 16 && !body.get(16).is_some_and(u8::is_ascii_alphanumeric) {
                end = Some(i + 20);
            }
        }
        match end {
            Some(e) => {
                out.push_str(s.get(copied..i).unwrap_or(""));
                out.push_str(REDACTED);
                copied = e;
                i = e;
            }
            None => i += 1,
        }
    }
    out.push_str(s.get(copied..).unwrap_or(""));
    out
}

/// Words after `Bearer` that are prose, not a credential.
fn is_prose_after_bearer(w: &str) -> bool {
    [
        "token",
        "tokens",
        "auth",
        "authentication",
        "authorization",
        "scheme",
        "header",
        "credential",
        "credentials",
        "is",
        "was",
        "required",
        "missing",
        "invalid",
        "expired",
        "realm",
        "error",
        "the",
        "a",
        "an",
        "and",
        "or",
        "not",
        "value",
        "format",
        "type",
        "must",
    ]
    .iter()
    .any(|p| w.eq_ignore_ascii_case(p))
}

/// After `Basic`/`Token`: a plain word ("basic plan", "token expired",
/// "Basic Auth") is prose; anything else is a credential.
fn is_prose_word(w: &str) -> bool {
    let mut chars = w.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    w.len() <= 10 && first_ok && chars.all(|c| c.is_ascii_lowercase())
}

/// `Bearer xxx`, `Basic xxx`, `Token xxx`, `Negotiate xxx` credentials. One
/// pass: the next occurrence of each scheme is remembered, so text full of
/// "token a" stays linear.
pub(super) fn redact_schemes(s: &str) -> String {
    const KEYS: [&str; 4] = ["bearer ", "basic ", "token ", "negotiate "];
    // Same byte offsets as `s` (ASCII case only).
    let lower = s.to_ascii_lowercase();
    let b = s.as_bytes();
    let find_from = |key: &str, at: usize| find_at(&lower, at, key);
    let mut next: [Option<usize>; 4] = [None; 4];
    let mut searched = [false; 4];
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
                        if p == 0 || !is_tok(byte(b, p - 1)) {
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
        let mut after = p + klen;
        while b.get(after) == Some(&b' ') {
            after += 1;
        }
        let rest = s.get(after..).unwrap_or("");
        let cred_len = rest
            .find(|c: char| {
                c.is_whitespace() || matches!(c, '"' | '\'' | ',' | ';' | '<' | '>' | '\\')
            })
            .unwrap_or(rest.len());
        step(cred_len + after - p);
        let cred = rest.get(..cred_len).unwrap_or("");
        // Sentence punctuation after a word is not part of it.
        let word = cred.trim_end_matches(['.', ')', ':', '!', '?']);
        let bearer = klen == KEYS[0].len();
        let prose = word.is_empty()
            || if bearer {
                is_prose_after_bearer(word)
            } else {
                is_prose_word(word) || is_prose_after_bearer(word)
            };
        if prose {
            from = after.max(p + 1);
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

/// JWTs (and JWEs): `eyJ` (base64url of `{"`) then at least 13 more
/// base64url characters or dots.
pub(super) fn redact_jwts(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find("eyJ") {
        let tail = rest.get(p..).unwrap_or("");
        let len = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'))
            .unwrap_or(tail.len());
        step(p + len);
        out.push_str(rest.get(..p).unwrap_or(""));
        if len >= 16 {
            out.push_str(REDACTED);
        } else {
            out.push_str(tail.get(..len).unwrap_or(""));
        }
        rest = tail.get(len..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// Card numbers: 13–19 digits, optionally grouped by spaces or dashes,
/// passing the Luhn check.
pub(super) fn redact_cards(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut i = 0;
    let mut digits = Vec::with_capacity(19);
    while i < b.len() {
        step(1);
        if !byte(b, i).is_ascii_digit() || (i > 0 && byte(b, i - 1).is_ascii_digit()) {
            i += 1;
            continue;
        }
        let start = i;
        digits.clear();
        let mut j = i;
        let mut end = i;
        while j < b.len() && digits.len() < 19 {
            step(1);
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
            out.push_str(s.get(copied..start).unwrap_or(""));
            out.push_str(REDACTED);
            copied = end;
        }
        i = end.max(i + 1);
    }
    out.push_str(s.get(copied..).unwrap_or(""));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let pem = "x -----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY----- y";
        assert_eq!(redact_pem(pem), "x [REDACTED] y");
        assert_eq!(
            redact_pem("-----BEGIN PRIVATE KEY-----\nMIIE (cut)"),
            "[REDACTED]"
        );
        assert_eq!(
            redact_pem("-----BEGIN CERTIFICATE-----"),
            "-----BEGIN CERTIFICATE-----"
        );
        assert_eq!(
            redact_known("key sk_live_4eC39HqLyjWDarjtT1zdp7dc, AKIAIOSFODNN7EXAMPLE."),
            "key [REDACTED], [REDACTED]."
        );
        assert_eq!(
            redact_known("ghp_abcdefghijklmnopqrstuvwxyz0123456789"),
            "[REDACTED]"
        );
        assert_eq!(redact_known("risk-free sk-8 AKIA"), "risk-free sk-8 AKIA");
        assert_eq!(redact_schemes("Bearer abc."), "[REDACTED]");
        assert_eq!(
            redact_schemes("a bearer token is missing"),
            "a bearer token is missing"
        );
        assert_eq!(redact_schemes("HTTP Basic Auth"), "HTTP Basic Auth");
        assert_eq!(redact_schemes("Basic YTpi"), "[REDACTED]");
    }
}
