//! Exact arithmetic on JSON number text.
//!
//! JSON Schema compares numbers by value (`1` equals `1.0`), needs limits
//! that `f64` cannot tell apart (18446744073709551600 < 18446744073709551615)
//! and checks `multipleOf` on decimals (0.0075 is a multiple of 0.0001).
//! So numbers are compared and divided on their decimal digits, exactly,
//! without allocating; [`to_f64`] is for display-grade uses (and avoids
//! `str::parse::<f64>`, whose tables cost ~10 KB of wasm).

use std::cmp::Ordering;

/// A JSON number as `sign × digits × 10^exp`, where `digits` are the
/// significant digits (no leading or trailing zeros) taken from the text.
#[derive(Clone, Copy, Debug)]
pub struct Dec<'a> {
    neg: bool,
    int: &'a [u8],
    frac: &'a [u8],
    /// Offset of the first significant digit in `int ++ frac`.
    lead: usize,
    /// Number of significant digits (0 for zero).
    len: usize,
    /// Exponent of the last significant digit.
    exp: i64,
}

/// Exponents are clamped here so that arithmetic on them cannot overflow.
const EXP_CLAMP: i64 = 1 << 40;

impl<'a> Dec<'a> {
    /// Reads well-formed JSON number text (as the parser accepted it).
    pub fn parse(text: &'a str) -> Dec<'a> {
        let b = text.as_bytes();
        let (neg, b) = match b.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, b),
        };
        let int_end = b
            .iter()
            .position(|c| !c.is_ascii_digit())
            .unwrap_or(b.len());
        let int = b.get(..int_end).unwrap_or(&[]);
        let mut rest = b.get(int_end..).unwrap_or(&[]);
        let mut frac: &[u8] = &[];
        if let Some((b'.', r)) = rest.split_first() {
            let end = r
                .iter()
                .position(|c| !c.is_ascii_digit())
                .unwrap_or(r.len());
            frac = r.get(..end).unwrap_or(&[]);
            rest = r.get(end..).unwrap_or(&[]);
        }
        let mut exp: i64 = 0;
        if let Some((b'e' | b'E', r)) = rest.split_first() {
            let (eneg, r) = match r.split_first() {
                Some((b'-', r)) => (true, r),
                Some((b'+', r)) => (false, r),
                _ => (false, r),
            };
            for &c in r {
                exp = (exp * 10 + i64::from(c.wrapping_sub(b'0'))).min(EXP_CLAMP);
            }
            if eneg {
                exp = -exp;
            }
        }
        let total = int.len() + frac.len();
        let digit = |k: usize| -> u8 {
            if k < int.len() {
                int.get(k).copied().unwrap_or(b'0')
            } else {
                frac.get(k - int.len()).copied().unwrap_or(b'0')
            }
        };
        let lead = (0..total).find(|&k| digit(k) != b'0').unwrap_or(total);
        let last = (lead..total).rev().find(|&k| digit(k) != b'0');
        let (len, trailing) = match last {
            Some(l) => (l + 1 - lead, total - 1 - l),
            None => (0, 0),
        };
        let exp = exp - frac.len() as i64 + trailing as i64;
        Dec {
            neg,
            int,
            frac,
            lead,
            len,
            exp,
        }
    }

    /// The `k`-th significant digit (0-9).
    fn digit(&self, k: usize) -> u8 {
        let k = self.lead + k;
        let c = if k < self.int.len() {
            self.int.get(k)
        } else {
            self.frac.get(k - self.int.len())
        };
        c.copied().unwrap_or(b'0').wrapping_sub(b'0')
    }

    fn is_zero(&self) -> bool {
        self.len == 0
    }

    /// Whether the value has no fractional part (`1.0`, `1e400` do not).
    pub fn is_integer(&self) -> bool {
        self.is_zero() || self.exp >= 0
    }

    /// `Some(k)` when the value is exactly 10^-k (`1`, `0.1`, `0.01`, `1e-3`).
    pub fn decimal_places(&self) -> Option<u64> {
        (self.len == 1 && self.digit(0) == 1 && self.exp <= 0 && !self.neg)
            .then(|| self.exp.unsigned_abs())
    }

    /// The significant digits as an integer, if there are at most 19.
    fn small_digits(&self) -> Option<u64> {
        if self.len > 19 {
            return None;
        }
        let mut n: u64 = 0;
        for k in 0..self.len {
            n = n.checked_mul(10)?.checked_add(u64::from(self.digit(k)))?;
        }
        Some(n)
    }

    fn cmp_magnitude(&self, other: &Dec<'_>) -> Ordering {
        match (self.is_zero(), other.is_zero()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        let top = |d: &Dec<'_>| d.exp + d.len as i64;
        match top(self).cmp(&top(other)) {
            Ordering::Equal => {}
            o => return o,
        }
        for k in 0..self.len.max(other.len) {
            let a = if k < self.len { self.digit(k) } else { 0 };
            let b = if k < other.len { other.digit(k) } else { 0 };
            match a.cmp(&b) {
                Ordering::Equal => {}
                o => return o,
            }
        }
        Ordering::Equal
    }

    /// Exact numeric ordering.
    pub fn cmp_value(&self, other: &Dec<'_>) -> Ordering {
        let sa = if self.is_zero() {
            0
        } else if self.neg {
            -1
        } else {
            1
        };
        let sb = if other.is_zero() {
            0
        } else if other.neg {
            -1
        } else {
            1
        };
        match sa.cmp(&sb) {
            Ordering::Equal => {}
            o => return o,
        }
        let m = self.cmp_magnitude(other);
        if sa < 0 {
            m.reverse()
        } else {
            m
        }
    }
}

/// Whether a JSON number text is an integer (`1.0` and `1e400` are).
pub fn is_integer(text: &str) -> bool {
    if !text.bytes().any(|c| matches!(c, b'.' | b'e' | b'E')) {
        return true;
    }
    Dec::parse(text).is_integer()
}

/// A `multipleOf` divisor, prepared once at compile time.
#[derive(Clone, Copy, Debug)]
pub struct Divisor {
    /// Significant digits, when there are at most 19 of them.
    digits: Option<u64>,
    exp: i64,
    value: f64,
}

impl Divisor {
    /// Prepares a divisor from its text; `None` unless it is > 0.
    pub fn new(text: &str) -> Option<Divisor> {
        let d = Dec::parse(text);
        if d.neg || d.is_zero() {
            return None;
        }
        let value = to_f64(text);
        Some(Divisor {
            digits: d.small_digits().filter(|&n| n != 0),
            exp: d.exp,
            value,
        })
    }

    /// Whether `text` (a JSON number) is an integer multiple of the divisor.
    pub fn divides(&self, text: &str, value: f64) -> bool {
        let x = Dec::parse(text);
        if x.is_zero() {
            return true;
        }
        let Some(d) = self.digits else {
            return f64_multiple(value, self.value);
        };
        // x = X·10^ex, d = D·10^ed, neither X nor D ending in 0.
        if x.exp < self.exp {
            // X / (D·10^k) with k ≥ 1 would need X to end in 0.
            return false;
        }
        let mut r: u64 = 0;
        for k in 0..x.len {
            r = mul_mod(r, 10, d);
            r = add_mod(r, u64::from(x.digit(k)) % d, d);
        }
        let shift = (x.exp - self.exp).unsigned_abs();
        mul_mod(r, pow10_mod(shift, d), d) == 0
    }
}

/// (a + b) mod m for a, b < m, without overflow.
fn add_mod(a: u64, b: u64, m: u64) -> u64 {
    if a >= m - b {
        a - (m - b)
    } else {
        a + b
    }
}

/// (a · b) mod m for a < m, by doubling (u128 division costs a kilobyte
/// of wasm; this path only runs for `multipleOf`).
fn mul_mod(a: u64, mut b: u64, m: u64) -> u64 {
    let mut result = 0;
    let mut a = a % m;
    while b > 0 {
        if b & 1 == 1 {
            result = add_mod(result, a, m);
        }
        a = add_mod(a, a, m);
        b >>= 1;
    }
    result
}

/// 10^k mod m.
fn pow10_mod(mut k: u64, m: u64) -> u64 {
    let mut result = 1 % m;
    let mut base = 10 % m;
    while k > 0 {
        if k & 1 == 1 {
            result = mul_mod(result, base, m);
        }
        base = mul_mod(base, base, m);
        k >>= 1;
    }
    result
}

fn f64_multiple(x: f64, d: f64) -> bool {
    let q = x / d;
    q.is_finite() && q == q.trunc()
}

/// Compares two JSON numbers exactly by value.
///
/// ```
/// use fieldnote::json::number::compare;
/// use std::cmp::Ordering;
/// assert_eq!(compare("1", "1.0"), Ordering::Equal);
/// assert_eq!(compare("1e2", "99.99"), Ordering::Greater);
/// assert_eq!(compare("-0.5", "-0.25"), Ordering::Less);
/// ```
pub fn compare(a: &str, b: &str) -> Ordering {
    Dec::parse(a).cmp_value(&Dec::parse(b))
}

/// Whether `a` is an integer multiple of `b` (false unless `b` > 0).
///
/// ```
/// use fieldnote::json::number::multiple_of;
/// assert!(multiple_of("0.0075", "0.0001"));
/// assert!(!multiple_of("0.00751", "0.0001"));
/// assert!(!multiple_of("1e308", "0.123456789"));
/// assert!(multiple_of("12391239123", "1e-8"));
/// ```
pub fn multiple_of(a: &str, b: &str) -> bool {
    Divisor::new(b).is_some_and(|d| d.divides(a, to_f64(a)))
}

/// Parses text in JSON number syntax (`12`, `-1.5`, `3e2`) to `f64`;
/// `None` for anything else (no `+`, no spaces, no `inf`).
pub fn parse(text: &str) -> Option<f64> {
    let mut nodes = Vec::new();
    let end = super::parse::number_end(text.as_bytes(), 0, &mut nodes)?;
    (end == text.len()).then(|| to_f64(text))
}

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

fn pow10(e: i64) -> f64 {
    usize::try_from(e)
        .ok()
        .and_then(|i| POW10.get(i))
        .copied()
        .unwrap_or(1.0)
}

/// The number as `f64`: exact for up to 15 significant digits and
/// exponents within ±22 (all form data in practice), otherwise within an
/// ulp or two. Use [`compare`] and [`Divisor`] for exact decisions.
pub fn to_f64(text: &str) -> f64 {
    let d = Dec::parse(text);
    if d.is_zero() {
        return if d.neg { -0.0 } else { 0.0 };
    }
    let n = d.len.min(19);
    let mut m: u64 = 0;
    for k in 0..n {
        m = m * 10 + u64::from(d.digit(k));
    }
    // value = m × 10^e (digits dropped beyond the 19th move into e).
    let e = d.exp + (d.len - n) as i64;
    let mf = m as f64;
    let v = if (0..=22).contains(&e) {
        mf * pow10(e)
    } else if (-22..0).contains(&e) {
        mf / pow10(-e)
    } else if e > 308 {
        f64::INFINITY
    } else if e < -343 {
        0.0
    } else {
        // Split the scaling so intermediate values stay finite.
        let mut v = mf;
        let mut e = e;
        while e > 22 {
            v *= 1e22;
            e -= 22;
        }
        while e < -22 {
            v /= 1e22;
            e += 22;
        }
        if e >= 0 {
            v * pow10(e)
        } else {
            v / pow10(-e)
        }
    };
    if d.neg {
        -v
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mult(x: &str, d: &str) -> bool {
        Divisor::new(d).unwrap().divides(x, to_f64(x))
    }

    #[test]
    fn multiple_of_is_exact() {
        assert!(mult("0.0075", "0.0001"));
        assert!(mult("12391239123", "1e-8"));
        assert!(!mult("1e308", "0.123456789"));
        assert!(mult("1e308", "0.5"));
        assert!(mult("4.5", "1.5"));
        assert!(!mult("35", "1.5"));
        assert!(mult("0", "7"));
        assert!(mult("-10", "5"));
        assert!(!mult("0.00751", "0.0001"));
        assert!(mult("19.99", "0.01"));
        assert!(!mult("1e-400", "1"));
        assert!(mult("1e400", "1"));
        assert!(Divisor::new("0").is_none());
        assert!(Divisor::new("-2").is_none());
        // More than 19 significant digits falls back to f64.
        assert!(mult("2", "1.0000000000000000000001"));
    }

    #[test]
    fn exact_ordering() {
        let c = |a: &str, b: &str| Dec::parse(a).cmp_value(&Dec::parse(b));
        assert_eq!(
            c("18446744073709551600", "18446744073709551615"),
            Ordering::Less
        );
        assert_eq!(
            c("-18446744073709551600", "-18446744073709551615"),
            Ordering::Greater
        );
        assert_eq!(
            c("9.727837981879871e+26", "9.727837981879871e+26"),
            Ordering::Equal
        );
        assert_eq!(c("1.0", "1"), Ordering::Equal);
        assert_eq!(c("0", "-0.0"), Ordering::Equal);
        assert_eq!(c("100e-2", "1"), Ordering::Equal);
        assert_eq!(c("2", "10"), Ordering::Less);
    }

    #[test]
    fn integers() {
        assert!(is_integer(
            "12345678910111213141516171819202122232425262728293031"
        ));
        assert!(is_integer("1.0"));
        assert!(is_integer("1e400"));
        assert!(is_integer("-0"));
        assert!(is_integer("1.5e1"));
        assert!(!is_integer("1.5"));
        assert!(!is_integer("1e-400"));
    }

    #[test]
    fn compares_exactly() {
        let cases = [
            ("0", "-0", Ordering::Equal),
            ("0.0", "0e5", Ordering::Equal),
            ("10", "1e1", Ordering::Equal),
            ("100", "1e2", Ordering::Equal),
            ("0.001", "1e-3", Ordering::Equal),
            ("1.5", "1.45", Ordering::Greater),
            ("-1.5", "-1.45", Ordering::Less),
            ("-1", "0", Ordering::Less),
            ("0", "0.0000001", Ordering::Less),
            (
                "18446744073709551600",
                "18446744073709551615",
                Ordering::Less,
            ),
            (
                "-18446744073709551600",
                "-18446744073709551615",
                Ordering::Greater,
            ),
            ("1e400", "1e399", Ordering::Greater),
            ("12.30", "12.3", Ordering::Equal),
            ("120", "12e1", Ordering::Equal),
        ];
        for (a, b, want) in cases {
            assert_eq!(compare(a, b), want, "{a} vs {b}");
            assert_eq!(compare(b, a), want.reverse(), "{b} vs {a}");
        }
    }

    #[test]
    fn integers_by_text() {
        for t in [
            "0",
            "-0",
            "1",
            "1.0",
            "1e2",
            "1.5e1",
            "12345678910111213141516171819202122232425262728293031",
            "-1.0e0",
            "100e-2",
        ] {
            assert!(is_integer(t), "{t}");
        }
        for t in ["1.5", "1e-1", "0.1", "1.05e1", "123e-2"] {
            assert!(!is_integer(t), "{t}");
        }
    }

    #[test]
    fn multiples() {
        assert!(multiple_of("10", "2"));
        assert!(!multiple_of("7", "2"));
        assert!(multiple_of("0", "3"));
        assert!(multiple_of("-4.5", "1.5"));
        assert!(!multiple_of("35", "1.5"));
        assert!(multiple_of("1e30", "1e-5"));
        assert!(!multiple_of("1e-5", "1e30"));
        assert!(multiple_of("0.3", "0.1"));
        assert!(!multiple_of("1", "0"));
    }

    #[test]
    fn parses_number_syntax_only() {
        assert_eq!(parse("30"), Some(30.0));
        assert_eq!(parse("1.5"), Some(1.5));
        assert_eq!(parse("-2e1"), Some(-20.0));
        for bad in ["", "+1", " 1", "1.", "inf", "NaN", "0x10", "1s"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn floats() {
        for (t, want) in [
            ("0", 0.0),
            ("1", 1.0),
            ("-2.5", -2.5),
            ("1e3", 1000.0),
            ("0.1", 0.1),
            ("123.456", 123.456),
            ("1e-7", 1e-7),
            ("9007199254740993", 9007199254740992.0),
            ("1e400", f64::INFINITY),
            ("1e-400", 0.0),
        ] {
            assert_eq!(to_f64(t), want, "{t}");
        }
        let near = to_f64("1.7976931348623157e308");
        assert!((near - f64::MAX).abs() / f64::MAX < 1e-15);
    }
}
