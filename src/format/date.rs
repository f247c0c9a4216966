//! `date`, `time`, `date-time` (RFC 3339 §5.6) and `duration` (RFC 3339
//! Appendix A).
//!
//! Letters match case-insensitively, as ABNF strings do (RFC 3339 §5.6 says so
//! for `T` and `Z`). A leap second (`:60`) is accepted only when the time,
//! moved to UTC by its offset, is 23:59; which days really had one is not
//! checked (that needs a table that grows over time).

/// `n` ASCII digits at `b[at..]` as a number, or `None`.
fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = b.get(at..at.checked_add(n)?)?;
    let mut v = 0u32;
    for &d in part {
        if !d.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(d - b'0');
    }
    Some(v)
}

fn is_leap(y: u32) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// RFC 3339 `full-date` filling exactly `b`.
fn full_date(b: &[u8]) -> bool {
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return false;
    }
    let (Some(y), Some(m), Some(d)) = (digits(b, 0, 4), digits(b, 5, 2), digits(b, 8, 2)) else {
        return false;
    };
    let max = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=max).contains(&d)
}

/// RFC 3339 `full-time` filling exactly `b`.
fn full_time(b: &[u8]) -> bool {
    if b.get(2) != Some(&b':') || b.get(5) != Some(&b':') {
        return false;
    }
    let (Some(h), Some(m), Some(s)) = (digits(b, 0, 2), digits(b, 3, 2), digits(b, 6, 2)) else {
        return false;
    };
    if h > 23 || m > 59 || s > 60 {
        return false;
    }
    let mut i = 8;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    // Offset in minutes east of UTC.
    let offset = match b.get(i..) {
        Some([b'Z' | b'z']) => 0,
        Some([sign @ (b'+' | b'-'), rest @ ..])
            if rest.len() == 5 && rest.get(2) == Some(&b':') =>
        {
            let (Some(oh), Some(om)) = (digits(rest, 0, 2), digits(rest, 3, 2)) else {
                return false;
            };
            if oh > 23 || om > 59 {
                return false;
            }
            let o = (oh * 60 + om) as i32;
            if *sign == b'-' {
                -o
            } else {
                o
            }
        }
        _ => return false,
    };
    // A leap second is the last second of a UTC day.
    s < 60 || ((h * 60 + m) as i32 - offset).rem_euclid(1440) == 1439
}

/// `date`: RFC 3339 `full-date`.
pub fn is_date(s: &str) -> bool {
    full_date(s.as_bytes())
}

/// `time`: RFC 3339 `full-time` (the offset is required).
pub fn is_time(s: &str) -> bool {
    full_time(s.as_bytes())
}

/// `date-time`: RFC 3339 `date-time`.
pub fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.get(..10), b.get(10), b.get(11..)) {
        (Some(d), Some(b'T' | b't'), Some(t)) => full_date(d) && full_time(t),
        _ => false,
    }
}

/// The instant a valid `date`, `time` or `date-time` (`kind` 0, 1, 2)
/// names, for ordering (ajv-formats' `formatMinimum`...): whole seconds
/// since 1970-01-01 UTC (for `time`, since midnight UTC), and the digits of
/// the fraction of a second without trailing zeros (compared as text, they
/// order like the fractions). `None` when `s` is not of that format.
pub fn instant(kind: u8, s: &str) -> Option<(i64, &str)> {
    let b = s.as_bytes();
    let (date, time) = match kind {
        0 if full_date(b) => (Some(b), None),
        1 if full_time(b) => (None, Some(b)),
        2 if is_date_time(s) => (b.get(..10), b.get(11..)),
        _ => return None,
    };
    let mut secs = 0i64;
    if let Some(d) = date {
        let y = i64::from(digits(d, 0, 4)?);
        secs = crate::time::days_from_civil(y, digits(d, 5, 2)?, digits(d, 8, 2)?) * 86_400;
    }
    let mut frac = "";
    if let Some(t) = time {
        let (h, m, sec) = (digits(t, 0, 2)?, digits(t, 3, 2)?, digits(t, 6, 2)?);
        secs += i64::from(h * 3600 + m * 60 + sec);
        let mut i = 8;
        if t.get(i) == Some(&b'.') {
            let start = i + 1;
            i = start;
            while t.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            let at = s.len() - t.len();
            frac = s
                .get(at + start..at + i)
                .unwrap_or("")
                .trim_end_matches('0');
        }
        if let Some([sign @ (b'+' | b'-'), rest @ ..]) = t.get(i..) {
            let offset = i64::from(digits(rest, 0, 2)? * 3600 + digits(rest, 3, 2)? * 60);
            secs -= if *sign == b'-' { -offset } else { offset };
        }
    }
    Some((secs, frac))
}

/// `duration`: RFC 3339 Appendix A. Date units run Y, M, D and time units
/// H, M, S; a duration names a contiguous stretch of one chain or both
/// (`P1Y2D` skips the month and is rejected), or weeks alone.
pub fn is_duration(s: &str) -> bool {
    let b = s.as_bytes();
    if !matches!(b.first(), Some(b'P' | b'p')) {
        return false;
    }
    let mut i = 1;
    let mut any = false;
    let mut chain: &[u8] = b"YMD";
    let mut last: Option<usize> = None;
    loop {
        match b.get(i) {
            None => return any && last.is_some(),
            Some(b'T' | b't') if chain == b"YMD" => {
                chain = b"HMS";
                last = None;
                i += 1;
                continue;
            }
            _ => {}
        }
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let Some(unit) = b.get(i).map(u8::to_ascii_uppercase) else {
            return false;
        };
        if i == start {
            return false;
        }
        i += 1;
        if unit == b'W' {
            // Weeks stand alone: `P` digits `W` and nothing else.
            return start == 1 && i == b.len();
        }
        let Some(idx) = chain.iter().position(|&u| u == unit) else {
            return false;
        };
        if last.is_some_and(|l| idx != l + 1) {
            return false;
        }
        last = Some(idx);
        any = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_date("2020-02-29"));
        assert!(!is_date("2021-02-29"));
        assert!(!is_date("1900-02-29"));
        assert!(is_date("2000-02-29"));
        assert!(!is_date("2020-13-01"));
        assert!(!is_date("2020-1-01"));
        assert!(!is_date("2020-01-01T"));
    }

    #[test]
    fn times() {
        assert!(is_time("23:59:60Z"));
        assert!(is_time("15:59:60-08:00"));
        assert!(!is_time("23:59:60+01:00"));
        assert!(is_time("00:29:60-23:30"));
        assert!(!is_time("12:00:00"));
        assert!(!is_time("12:00:00."));
        assert!(is_time("12:00:00.5z"));
        assert!(!is_time("12:00:00+0100"));
        assert!(!is_time("12:00:00Z+01:00"));
    }

    #[test]
    fn date_times() {
        assert!(is_date_time("1998-12-31t23:59:60z"));
        assert!(!is_date_time("1998-12-31 23:59:59Z"));
        assert!(!is_date_time("1998-12-31T"));
        assert!(!is_date_time("1998-12-31"));
    }

    #[test]
    fn durations() {
        for ok in ["P1Y2M3DT4H5M6S", "P2W", "PT1M2S", "P1M2D", "PT36H", "p1d"] {
            assert!(is_duration(ok), "{ok}");
        }
        for bad in [
            "P", "PT", "P1YT", "P1Y2D", "PT1H2S", "P1Y2W", "P2WT1H", "P1D2H", "PT1D", "P1",
            "PT0.5S", "P1DT",
        ] {
            assert!(!is_duration(bad), "{bad}");
        }
    }
}
