//! Access tokens: when a JWT expires, and what a `WWW-Authenticate`
//! challenge says. Tokens are decoded, never verified: this only decides
//! *when* to refresh; the server still checks the signature.

/// Why a token could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenError {
    /// Not three dot-separated parts.
    NotJwt,
    /// The payload part is not base64url.
    BadBase64,
    /// The payload is not a JSON object.
    BadPayload,
    /// The `exp` claim is present but not a number.
    BadExp,
}

impl TokenError {
    /// A sentence saying what was wrong.
    pub fn message(self) -> &'static str {
        match self {
            TokenError::NotJwt => {
                "token is not a JWT: expected three base64url parts separated by dots"
            }
            TokenError::BadBase64 => "token payload (the second part) is not valid base64url",
            TokenError::BadPayload => "token payload does not decode to a JSON object",
            TokenError::BadExp => "token claim \"exp\" is not a number of seconds since the epoch",
        }
    }
}

/// The `exp` claim (seconds since the epoch), or `None` if the token has none.
pub fn expiry(jwt: &str) -> Result<Option<f64>, TokenError> {
    let jwt = jwt.trim();
    let jwt = jwt
        .strip_prefix("Bearer ")
        .or_else(|| jwt.strip_prefix("bearer "))
        .unwrap_or(jwt);
    let mut parts = jwt.split('.');
    let (Some(_header), Some(payload), Some(_sig), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(TokenError::NotJwt);
    };
    let bytes = crate::base64::decode(payload, crate::base64::Alphabet::Lenient)
        .ok_or(TokenError::BadBase64)?;
    let text = String::from_utf8(bytes).map_err(|_| TokenError::BadPayload)?;
    let doc = crate::json::Document::parse(&text).map_err(|_| TokenError::BadPayload)?;
    let root = doc.root();
    if root.kind() != crate::json::Kind::Object {
        return Err(TokenError::BadPayload);
    }
    match root.get("exp") {
        None => Ok(None),
        Some(v) => v
            .as_f64()
            .filter(|f| f.is_finite())
            .map(Some)
            .ok_or(TokenError::BadExp),
    }
}

/// Seconds until the token expires (negative once expired); `None` if it
/// has no `exp`.
pub fn expires_in(jwt: &str, now_ms: f64) -> Result<Option<f64>, TokenError> {
    Ok(expiry(jwt)?.map(|exp| exp - now_ms / 1000.0))
}

/// Whether to refresh now: the token expires within `skew_seconds` (or
/// already has). A token without `exp` never needs refreshing by time.
pub fn should_refresh(jwt: &str, now_ms: f64, skew_seconds: f64) -> Result<bool, TokenError> {
    Ok(expires_in(jwt, now_ms)?.is_some_and(|left| left <= skew_seconds))
}

/// A parsed `WWW-Authenticate` Bearer challenge (RFC 6750 §3).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Challenge {
    /// The auth scheme (`Bearer`).
    pub scheme: String,
    /// `error` (`invalid_token`, `insufficient_scope`, `invalid_request`).
    pub error: Option<String>,
    /// `error_description`: meant for developers, often readable.
    pub error_description: Option<String>,
}

/// Parses the first challenge of a `WWW-Authenticate` value.
///
/// ```
/// use fieldnote::token::parse_challenge;
/// let c = parse_challenge(r#"Bearer realm="api", error="invalid_token", error_description="The access token expired""#);
/// assert_eq!(c.scheme, "Bearer");
/// assert_eq!(c.error.as_deref(), Some("invalid_token"));
/// assert_eq!(c.error_description.as_deref(), Some("The access token expired"));
/// ```
pub fn parse_challenge(v: &str) -> Challenge {
    let v = v.trim();
    let (scheme, rest) = v.split_once(' ').unwrap_or((v, ""));
    let mut c = Challenge {
        scheme: scheme.to_owned(),
        ..Challenge::default()
    };
    let b = rest.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (byte(b, i) == b' ' || byte(b, i) == b',') {
            i += 1;
        }
        let k0 = i;
        while i < b.len() && byte(b, i) != b'=' && byte(b, i) != b',' && byte(b, i) != b' ' {
            i += 1;
        }
        let key = &rest[k0..i];
        if b.get(i) != Some(&b'=') {
            // The next challenge's scheme (or a token68): only the first counts.
            if !key.is_empty() {
                break;
            }
            continue;
        }
        i += 1;
        let mut val = String::new();
        if b.get(i) == Some(&b'"') {
            i += 1;
            while i < b.len() && byte(b, i) != b'"' {
                if byte(b, i) == b'\\' && i + 1 < b.len() {
                    i += 1;
                }
                let ch_len = rest[i..].chars().next().map_or(1, char::len_utf8);
                val.push_str(&rest[i..i + ch_len]);
                i += ch_len;
            }
            i += 1;
        } else {
            let v0 = i;
            while i < b.len() && byte(b, i) != b',' && byte(b, i) != b' ' {
                i += 1;
            }
            val.push_str(&rest[v0..i]);
        }
        match key.to_ascii_lowercase().as_str() {
            "error" => c.error = Some(val),
            "error_description" => c.error_description = Some(val),
            _ => {}
        }
    }
    c
}

/// The byte at `i`, or 0 past the end (callers stop at 0 or at the length).
fn byte(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(payload: &str) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut out = String::new();
        for chunk in payload.as_bytes().chunks(3) {
            let n =
                chunk.iter().fold(0u32, |a, &c| (a << 8) | u32::from(c)) << (8 * (3 - chunk.len()));
            for k in 0..=chunk.len() {
                out.push(A[((n >> (18 - 6 * k)) & 63) as usize] as char);
            }
        }
        format!("eyJhbGciOiJIUzI1NiJ9.{out}.sig")
    }

    #[test]
    fn reads_exp() {
        let t = jwt(r#"{"sub":"1","exp":1795900000}"#);
        assert_eq!(expiry(&t), Ok(Some(1_795_900_000.0)));
        assert_eq!(expires_in(&t, 1_795_896_400_000.0), Ok(Some(3600.0)));
        assert_eq!(should_refresh(&t, 1_795_896_400_000.0, 60.0), Ok(false));
        assert_eq!(should_refresh(&t, 1_795_899_950_000.0, 60.0), Ok(true));
        assert_eq!(should_refresh(&t, 1_795_900_100_000.0, 0.0), Ok(true));
        assert_eq!(expiry(&format!("Bearer {t}")), Ok(Some(1_795_900_000.0)));
    }

    #[test]
    fn no_exp_never_refreshes() {
        let t = jwt(r#"{"sub":"1"}"#);
        assert_eq!(expiry(&t), Ok(None));
        assert_eq!(should_refresh(&t, 0.0, 60.0), Ok(false));
    }

    #[test]
    fn malformed_tokens_are_clear_errors() {
        assert_eq!(expiry("abc"), Err(TokenError::NotJwt));
        assert_eq!(expiry("a.b.c.d"), Err(TokenError::NotJwt));
        assert_eq!(expiry("a.!!!.c"), Err(TokenError::BadBase64));
        assert_eq!(expiry(&jwt("[1]")), Err(TokenError::BadPayload));
        assert_eq!(expiry(&jwt("not json")), Err(TokenError::BadPayload));
        assert_eq!(expiry(&jwt(r#"{"exp":"soon"}"#)), Err(TokenError::BadExp));
        assert!(TokenError::NotJwt.message().contains("three"));
    }

    #[test]
    fn challenges() {
        let c = parse_challenge("Bearer error=invalid_token");
        assert_eq!(c.error.as_deref(), Some("invalid_token"));
        let c = parse_challenge(r#"Bearer realm="x", error_description="a \"quoted\" é""#);
        assert_eq!(c.error_description.as_deref(), Some("a \"quoted\" é"));
        let c = parse_challenge("Basic");
        assert_eq!(c.scheme, "Basic");
        assert_eq!(c.error, None);
        let c = parse_challenge(r#"Bearer error="unterminated"#);
        assert_eq!(c.error.as_deref(), Some("unterminated"));
    }
}
