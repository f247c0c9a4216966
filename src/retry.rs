//! When to try again: the server's stated delay, or exponential backoff.
//!
//! Read in this order (the first present wins): `Retry-After` (seconds or
//! HTTP-date), the IETF structured `RateLimit` field (`"default";r=0;t=30`,
//! and the older `limit=.., remaining=.., reset=..` form), `RateLimit-Reset`
//! (seconds), and `X-RateLimit-Reset` (epoch seconds, used when
//! `X-RateLimit-Remaining` is 0 or absent).

use crate::http::Headers;

/// Seconds the server asks us to wait before retrying, if it says.
pub fn stated_delay(headers: &Headers<'_>, now_ms: f64) -> Option<u64> {
    if let Some(v) = headers.get("retry-after") {
        if let Some(s) = parse_retry_after(v, now_ms) {
            return Some(s);
        }
    }
    if let Some(s) = headers.get("ratelimit").and_then(parse_ratelimit) {
        return Some(s);
    }
    if remaining_is_zero(headers.get("ratelimit-remaining")) {
        if let Some(s) = headers.get("ratelimit-reset").and_then(seconds) {
            return Some(s);
        }
    }
    if remaining_is_zero(headers.get("x-ratelimit-remaining")) {
        if let Some(v) = headers.get("x-ratelimit-reset") {
            return parse_reset(v, now_ms);
        }
    }
    None
}

/// Whether a rate-limit "remaining" header says the quota is used up
/// (absent counts: the reset then applies to the limited request itself).
fn remaining_is_zero(v: Option<&str>) -> bool {
    v.is_none_or(|v| v.trim() == "0")
}

/// `Retry-After`: delta-seconds or an HTTP-date (seconds from `now_ms`,
/// rounded up; a date in the past means 0).
///
/// ```
/// use fieldnote::retry::parse_retry_after;
/// assert_eq!(parse_retry_after("120", 0.0), Some(120));
/// assert_eq!(parse_retry_after("Thu, 01 Jan 1970 00:01:00 GMT", 30_500.0), Some(30));
/// assert_eq!(parse_retry_after("soon", 0.0), None);
/// ```
pub fn parse_retry_after(v: &str, now_ms: f64) -> Option<u64> {
    seconds(v).or_else(|| {
        let at = crate::time::parse_http_date(v.trim())? as f64 * 1000.0;
        Some(ms_to_secs(at - now_ms))
    })
}

/// `X-RateLimit-Reset`: epoch seconds (GitHub, Twitter), epoch milliseconds,
/// or — for small numbers — a delay in seconds (some gateways).
pub fn parse_reset(v: &str, now_ms: f64) -> Option<u64> {
    let n = crate::json::number::parse(v.trim()).filter(|n| n.is_finite() && *n >= 0.0)?;
    Some(if n >= 1e12 {
        ms_to_secs(n - now_ms)
    } else if n >= 1e9 {
        ms_to_secs(n * 1000.0 - now_ms)
    } else {
        n.ceil() as u64
    })
}

fn ms_to_secs(ms: f64) -> u64 {
    if ms <= 0.0 {
        0
    } else {
        (ms / 1000.0).ceil() as u64
    }
}

/// A non-negative integer number of seconds.
fn seconds(v: &str) -> Option<u64> {
    let v = v.trim();
    if v.is_empty() || v.len() > 12 || !v.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    v.parse().ok()
}

/// The IETF `RateLimit` field. Structured form (draft 7+):
/// `"default";r=0;t=30, "day";r=10;t=3600` — the longest `t` among
/// policies with `r=0`, else the shortest `t`. Older form:
/// `limit=100, remaining=0, reset=30` — `reset`.
///
/// ```
/// use fieldnote::retry::parse_ratelimit;
/// assert_eq!(parse_ratelimit(r#""default";r=0;t=30"#), Some(30));
/// assert_eq!(parse_ratelimit(r#""burst";r=0;t=5, "day";r=0;t=600"#), Some(600));
/// assert_eq!(parse_ratelimit("limit=100, remaining=0, reset=42"), Some(42));
/// assert_eq!(parse_ratelimit("nonsense"), None);
/// ```
pub fn parse_ratelimit(v: &str) -> Option<u64> {
    let mut exhausted: Option<u64> = None;
    let mut any: Option<u64> = None;
    for item in split_outside_quotes(v, ',') {
        let item = item.trim();
        // Older draft: key=value list items.
        if let Some(reset) = item.strip_prefix("reset=") {
            return seconds(reset);
        }
        let mut r = None;
        let mut t = None;
        for param in split_outside_quotes(item, ';').skip(1) {
            let (k, val) = param.trim().split_once('=')?;
            match k.trim() {
                "r" => r = seconds(val),
                "t" => t = seconds(val),
                _ => {}
            }
        }
        if let Some(t) = t {
            any = Some(any.map_or(t, |a: u64| a.min(t)));
            if r == Some(0) {
                exhausted = Some(exhausted.map_or(t, |e: u64| e.max(t)));
            }
        }
    }
    exhausted.or(any)
}

fn split_outside_quotes(s: &str, sep: char) -> impl Iterator<Item = &str> {
    let mut in_quotes = false;
    let mut escaped = false;
    s.split(move |c: char| {
        if escaped {
            escaped = false;
            return false;
        }
        match c {
            '\\' if in_quotes => escaped = true,
            '"' => in_quotes = !in_quotes,
            _ => {}
        }
        c == sep && !in_quotes
    })
}

/// A protobuf-JSON duration such as `"30s"` or `"1.500s"`, in whole seconds
/// rounded up (Google `RetryInfo.retryDelay`).
pub fn parse_duration(v: &str) -> Option<u64> {
    let n = crate::json::number::parse(v.trim().strip_suffix('s')?)?;
    (n.is_finite() && n >= 0.0).then(|| n.ceil() as u64)
}

/// Exponential backoff with full jitter: a delay in milliseconds drawn
/// uniformly from `[0, min(cap, base · 2^(attempt-1)))`, where `attempt` 1
/// is the first retry. `random` is a number in `[0, 1)` — pass a fixed
/// value for deterministic tests.
///
/// ```
/// use fieldnote::retry::backoff;
/// assert_eq!(backoff(1, 100.0, 10_000.0, 0.5), 50.0);
/// assert_eq!(backoff(3, 100.0, 10_000.0, 0.5), 200.0);
/// assert_eq!(backoff(20, 100.0, 10_000.0, 0.5), 5_000.0);
/// ```
pub fn backoff(attempt: u32, base_ms: f64, cap_ms: f64, random: f64) -> f64 {
    let exp = attempt.saturating_sub(1).min(62) as i32;
    let ceiling = (base_ms.max(0.0) * 2f64.powi(exp)).min(cap_ms.max(0.0));
    let r = if random.is_finite() {
        random.clamp(0.0, 1.0)
    } else {
        0.0
    };
    (ceiling * r).floor()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&'static str, &'static str)]) -> Headers<'static> {
        let mut h = Headers::new();
        for (n, v) in pairs {
            h.push(*n, *v);
        }
        h
    }

    #[test]
    fn retry_after_wins() {
        let hs = h(&[("Retry-After", "7"), ("RateLimit", "\"d\";r=0;t=30")]);
        assert_eq!(stated_delay(&hs, 0.0), Some(7));
    }

    #[test]
    fn retry_after_date() {
        let hs = h(&[("Retry-After", "Tue, 24 Nov 2026 21:19:00 GMT")]);
        let at = crate::time::parse_http_date("Tue, 24 Nov 2026 21:18:30 GMT").unwrap() as f64;
        assert_eq!(stated_delay(&hs, at * 1000.0), Some(30));
        assert_eq!(stated_delay(&hs, at * 1000.0 + 60_000.0), Some(0));
    }

    #[test]
    fn structured_ratelimit() {
        let hs = h(&[
            ("RateLimit", "\"default\";r=0;t=30"),
            ("RateLimit-Policy", "\"default\";q=100;w=60"),
        ]);
        assert_eq!(stated_delay(&hs, 0.0), Some(30));
        assert_eq!(parse_ratelimit("\"a\";r=5;t=10, \"b\";r=2;t=4"), Some(4));
        assert_eq!(parse_ratelimit("\"a;b\";r=0;t=9"), Some(9));
    }

    #[test]
    fn ratelimit_reset_and_x_ratelimit() {
        assert_eq!(
            stated_delay(&h(&[("RateLimit-Reset", "12")]), 0.0),
            Some(12)
        );
        assert_eq!(
            stated_delay(
                &h(&[("RateLimit-Remaining", "3"), ("RateLimit-Reset", "12")]),
                0.0
            ),
            None
        );
        let now = 1_795_900_000_000.0;
        let hs = h(&[
            ("X-RateLimit-Remaining", "0"),
            ("X-RateLimit-Reset", "1795900045"),
        ]);
        assert_eq!(stated_delay(&hs, now), Some(45));
        let hs = h(&[
            ("X-RateLimit-Remaining", "10"),
            ("X-RateLimit-Reset", "1795900045"),
        ]);
        assert_eq!(stated_delay(&hs, now), None);
        assert_eq!(parse_reset("1795900045500", now), Some(46));
        assert_eq!(parse_reset("20", now), Some(20));
        assert_eq!(parse_reset("-3", now), None);
    }

    #[test]
    fn nothing_stated() {
        assert_eq!(stated_delay(&h(&[("Retry-After", "")]), 0.0), None);
        assert_eq!(stated_delay(&h(&[]), 0.0), None);
        assert_eq!(parse_retry_after("-5", 0.0), None);
        assert_eq!(parse_retry_after("99999999999999999999", 0.0), None);
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30s"), Some(30));
        assert_eq!(parse_duration("1.200s"), Some(2));
        assert_eq!(parse_duration("30"), None);
        assert_eq!(parse_duration("-1s"), None);
    }

    #[test]
    fn backoff_is_full_jitter_and_capped() {
        assert_eq!(backoff(1, 100.0, 1000.0, 0.0), 0.0);
        assert_eq!(backoff(1, 100.0, 1000.0, 0.999), 99.0);
        assert_eq!(backoff(2, 100.0, 1000.0, 0.999), 199.0);
        assert_eq!(backoff(5, 100.0, 1000.0, 0.999), 999.0);
        assert_eq!(backoff(0, 100.0, 1000.0, 1.0), 100.0);
        assert_eq!(backoff(u32::MAX, 100.0, 1000.0, 1.0), 1000.0);
        assert_eq!(backoff(3, 100.0, 1000.0, f64::NAN), 0.0);
    }
}
