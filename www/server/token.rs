//! Demo access tokens: JWTs that live one hour, as the spec says.
//!
//! They are UNSIGNED (`"alg":"none"`): the demo shows how a page reacts to
//! an expired token, not how to secure an API. A real server signs its
//! tokens and checks the signature before trusting `exp`.

use std::sync::atomic::{AtomicU64, Ordering};

/// How long a token lives, in seconds.
pub const LIFETIME: i64 = 3600;

static ISSUED: AtomicU64 = AtomicU64::new(0);

/// A new token for the demo user, expiring `LIFETIME` seconds after `now`
/// (seconds since the epoch, by the demo's clock).
pub fn issue(now: i64) -> String {
    let n = ISSUED.fetch_add(1, Ordering::Relaxed).saturating_add(1);
    let mut payload = String::from("{\"sub\":\"demo-user\",\"iat\":");
    payload.push_str(&now.to_string());
    payload.push_str(",\"exp\":");
    payload.push_str(&now.saturating_add(LIFETIME).to_string());
    payload.push_str(",\"jti\":\"t");
    payload.push_str(&n.to_string());
    payload.push_str("\"}");
    let mut jwt = base64url(br#"{"alg":"none","typ":"JWT"}"#);
    jwt.push('.');
    jwt.push_str(&base64url(payload.as_bytes()));
    // An unsecured JWT (RFC 7519 §6.1) has an empty signature.
    jwt.push('.');
    jwt
}

/// What the `Authorization` header says about the caller.
#[derive(Debug, PartialEq, Eq)]
pub enum Check {
    /// A token that has not expired.
    Valid,
    /// No bearer token at all.
    Missing,
    /// Not a JWT, or no usable `exp`.
    Malformed,
    /// `exp` has passed by the demo's clock.
    Expired,
}

/// Checks a request's `Authorization` value at `now` (seconds, demo clock),
/// reading `exp` with the fieldnote crate.
pub fn check(authorization: Option<&str>, now: i64) -> Check {
    let Some(token) = authorization.and_then(|a| {
        a.strip_prefix("Bearer ")
            .or_else(|| a.strip_prefix("bearer "))
    }) else {
        return Check::Missing;
    };
    match fieldnote::token::expiry(token.trim()) {
        Ok(Some(exp)) if exp > now as f64 => Check::Valid,
        Ok(Some(_)) => Check::Expired,
        Ok(None) | Err(_) => Check::Malformed,
    }
}

/// Base64url without padding (RFC 4648 §5).
fn base64url(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let sym = |v: u32| char::from(ABC.get((v & 63) as usize).copied().unwrap_or(b'A'));
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        out.push(sym(n >> 18));
        out.push(sym(n >> 12));
        if chunk.len() > 1 {
            out.push(sym(n >> 6));
        }
        if chunk.len() > 2 {
            out.push(sym(n));
        }
    }
    out
}
