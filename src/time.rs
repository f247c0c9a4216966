//! Dates: HTTP-date parsing and ISO 8601 output, on plain integers.
//!
//! The core never reads the clock in wasm (there is none in
//! `wasm32-unknown-unknown`); callers pass `now` in milliseconds since the
//! Unix epoch. Natively, [`now_ms`] reads the system clock.

/// Milliseconds since the Unix epoch, from the system clock (native only).
#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as f64)
        .unwrap_or(0.0)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
/// Years beyond ±25 quadrillion wrap instead of overflowing (no panic).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y.wrapping_sub(1) } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m.min(12));
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era.wrapping_mul(146_097)
        .wrapping_add(doe)
        .wrapping_sub(719_468)
}

/// The date (year, month 1–12, day 1–31) of a day count since 1970-01-01.
/// Counts near the ends of `i64` wrap instead of overflowing (no panic).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z.wrapping_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (
        yoe.wrapping_add(era.wrapping_mul(400))
            .wrapping_add(i64::from(m <= 2)),
        m,
        d,
    )
}

/// Whether `y` is a leap year.
pub fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in month `m` (1–12) of year `y`.
pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `2026-11-24T21:18:00.000Z` for a time in milliseconds since the epoch.
pub fn format_iso(ms: f64) -> String {
    let ms = if ms.is_finite() { ms.floor() as i64 } else { 0 };
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    let mut s = String::with_capacity(24);
    pad(&mut s, y.max(0) as u64, 4);
    s.push('-');
    pad(&mut s, u64::from(m), 2);
    s.push('-');
    pad(&mut s, u64::from(d), 2);
    s.push('T');
    pad(&mut s, (rem / 3_600_000) as u64, 2);
    s.push(':');
    pad(&mut s, (rem / 60_000 % 60) as u64, 2);
    s.push(':');
    pad(&mut s, (rem / 1000 % 60) as u64, 2);
    s.push('.');
    pad(&mut s, (rem % 1000) as u64, 3);
    s.push('Z');
    s
}

fn pad(s: &mut String, n: u64, width: usize) {
    let mut digits = String::new();
    crate::json::write_u64(&mut digits, n);
    for _ in digits.len()..width {
        s.push('0');
    }
    s.push_str(&digits);
}

/// A wait, in the unit a person would use for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    /// No wait: the time has already passed.
    Now,
    /// Under two minutes: seconds.
    Seconds(u64),
    /// Under 90 minutes: whole minutes, rounded up.
    Minutes(u64),
    /// Later the same local day, when the clock's offset is known: a time
    /// of day (hour 0–23, minute 0–59), rounded up to the minute.
    At(u32, u32),
    /// Under two days: whole hours, rounded up.
    Hours(u64),
    /// Two days or more: whole days, rounded up.
    Days(u64),
}

/// How to say a wait of `seconds` from `now_ms`. Rounding is always up, so
/// a person told "in 2 minutes" is never early. A time of day is used only
/// when `utc_offset_minutes` (the person's clock: minutes east of UTC) is
/// known and the wait ends on the same local day — "at 14:30" tomorrow
/// would read as today.
///
/// ```
/// use fieldnote::time::{describe_wait, Wait};
/// assert_eq!(describe_wait(45, 0.0, None), Wait::Seconds(45));
/// assert_eq!(describe_wait(1800, 0.0, None), Wait::Minutes(30));
/// assert_eq!(describe_wait(3 * 3600, 0.0, None), Wait::Hours(3));
/// // 1970-01-01 10:00 in UTC+1 is 11:00 local; three hours later is 14:00.
/// assert_eq!(describe_wait(3 * 3600, 36_000_000.0, Some(60)), Wait::At(14, 0));
/// ```
pub fn describe_wait(seconds: u64, now_ms: f64, utc_offset_minutes: Option<i32>) -> Wait {
    const MINUTE: u64 = 60;
    const HOUR: u64 = 3600;
    const DAY: u64 = 86_400;
    match seconds {
        0 => return Wait::Now,
        s if s < 2 * MINUTE => return Wait::Seconds(s),
        s if s < 90 * MINUTE => return Wait::Minutes(s.div_ceil(MINUTE)),
        _ => {}
    }
    if let Some(offset) = utc_offset_minutes.filter(|o| o.abs() <= 18 * 60) {
        let now = if now_ms.is_finite() {
            (now_ms / 1000.0).floor() as i64
        } else {
            0
        };
        let local_now = now.saturating_add(i64::from(offset) * 60);
        let then = local_now.saturating_add(i64::try_from(seconds).unwrap_or(i64::MAX));
        // Up to the next whole minute.
        let then = then.saturating_add(59).div_euclid(60) * 60;
        if then.div_euclid(DAY as i64) == local_now.div_euclid(DAY as i64) {
            let in_day = then.rem_euclid(DAY as i64);
            return Wait::At((in_day / 3600) as u32, (in_day / 60 % 60) as u32);
        }
    }
    if seconds < 2 * DAY {
        Wait::Hours(seconds.div_ceil(HOUR))
    } else {
        Wait::Days(seconds.div_ceil(DAY))
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Parses an HTTP-date (RFC 9110 §5.6.7: IMF-fixdate, RFC 850 or asctime)
/// into seconds since the epoch.
///
/// ```
/// use fieldnote::time::parse_http_date;
/// assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784111777));
/// assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), Some(784111777));
/// assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(784111777));
/// assert_eq!(parse_http_date("soon"), None);
/// ```
pub fn parse_http_date(s: &str) -> Option<i64> {
    let parts: Vec<&str> = s.split([' ', ',', '-']).filter(|p| !p.is_empty()).collect();
    // Drop the weekday name (not checked: servers get it wrong).
    let p = parts.get(1..)?;
    let (day, month, year, clock) = match p {
        // IMF-fixdate / RFC 850: day month year time GMT
        [d, m, y, t, zone] if zone.eq_ignore_ascii_case("GMT") || *zone == "UTC" => {
            (*d, *m, *y, *t)
        }
        // asctime: month day time year
        [m, d, t, y] => (*d, *m, *y, *t),
        _ => return None,
    };
    let day: u32 = num(day)?;
    let lower = month.to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| *m == lower)? as u32 + 1;
    let mut year: i64 = i64::from(num::<u32>(year)?);
    if year < 100 {
        // RFC 850 two-digit years: RFC 9110 says interpret as within 50 years.
        year += if year < 70 { 2000 } else { 1900 };
    }
    let mut hms = clock.split(':');
    let h: i64 = i64::from(num::<u32>(hms.next()?)?);
    let mi: i64 = i64::from(num::<u32>(hms.next()?)?);
    let se: i64 = i64::from(num::<u32>(hms.next()?)?);
    if hms.next().is_some()
        || day == 0
        || day > days_in_month(year, month)
        || h > 23
        || mi > 59
        || se > 60
    {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + h * 3600 + mi * 60 + se)
}

fn num<T: std::str::FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for days in [-800_000, -1, 0, 1, 59, 60, 11_016, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn iso_output() {
        assert_eq!(format_iso(0.0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_iso(1_795_900_680_123.0), "2026-11-28T21:18:00.123Z");
        assert_eq!(format_iso(951_782_400_000.0), "2000-02-29T00:00:00.000Z");
        assert_eq!(format_iso(f64::NAN), "1970-01-01T00:00:00.000Z");
    }

    #[test]
    fn waits_in_the_units_people_use() {
        let w = |s| describe_wait(s, 0.0, None);
        assert_eq!(w(0), Wait::Now);
        assert_eq!(w(1), Wait::Seconds(1));
        assert_eq!(w(119), Wait::Seconds(119));
        assert_eq!(w(120), Wait::Minutes(2));
        assert_eq!(w(121), Wait::Minutes(3));
        assert_eq!(w(1800), Wait::Minutes(30));
        assert_eq!(w(89 * 60 + 1), Wait::Minutes(90));
        assert_eq!(w(90 * 60), Wait::Hours(2));
        assert_eq!(w(47 * 3600), Wait::Hours(47));
        assert_eq!(w(48 * 3600), Wait::Days(2));
        assert_eq!(w(u64::MAX), Wait::Days(u64::MAX.div_ceil(86_400)));
        // 2026-11-24T12:10:00Z.
        let noon = (days_from_civil(2026, 11, 24) * 86_400 + 12 * 3600 + 600) as f64 * 1000.0;
        // Two hours and 20 seconds later, in UTC and in UTC+1: rounded up.
        assert_eq!(describe_wait(7220, noon, Some(0)), Wait::At(14, 11));
        assert_eq!(describe_wait(7220, noon, Some(60)), Wait::At(15, 11));
        assert_eq!(describe_wait(7200, noon, Some(-330)), Wait::At(8, 40));
        // Past local midnight: hours, not a time that reads as today.
        assert_eq!(describe_wait(11 * 3600, noon, Some(60)), Wait::Hours(11));
        // A short wait stays in minutes even with a clock.
        assert_eq!(describe_wait(1800, noon, Some(60)), Wait::Minutes(30));
        // A nonsense offset is ignored.
        assert_eq!(describe_wait(7200, noon, Some(100_000)), Wait::Hours(2));
        assert_eq!(describe_wait(7200, f64::NAN, Some(0)), Wait::At(2, 0));
    }

    #[test]
    fn http_dates() {
        assert_eq!(
            parse_http_date("Tue, 24 Nov 2026 21:18:30 GMT"),
            Some(days_from_civil(2026, 11, 24) * 86_400 + 21 * 3600 + 18 * 60 + 30)
        );
        assert_eq!(parse_http_date("Tue, 31 Feb 2026 21:18:30 GMT"), None);
        assert_eq!(parse_http_date("Tue, 24 Nov 2026 25:18:30 GMT"), None);
        assert_eq!(parse_http_date("Tue, 24 Foo 2026 21:18:30 GMT"), None);
        assert_eq!(parse_http_date("Tue, 24 Nov 2026 21:18:30 PST"), None);
        assert_eq!(parse_http_date(""), None);
        assert_eq!(parse_http_date("120"), None);
    }
}
