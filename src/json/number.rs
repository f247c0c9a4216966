//! Exact arithmetic on JSON number text.
//!
//! JSON Schema compares numbers by value (`1` equals `1.0`) and checks
//! `multipleOf` on decimals (`0.0075` is a multiple of `0.0001`). Doing that
//! on `f64` gets decimals wrong, and `str::parse::<f64>` pulls ~10 KB of
//! tables into the wasm binary. So numbers are compared and divided on
//! their decimal digits, exactly; [`to_f64`] is for display-grade uses.

use std::cmp::Ordering;

/// A number's text split into sign, significant digits and exponent:
/// value = ±0.d₁d₂d₃… × 10^exp (digits without leading or trailing zeros).
#[derive(Clone, Copy, Debug)]
struct Decimal<'a> {
    neg: bool,
    /// Integer and fraction digits, concatenated, in two parts (to avoid
    /// allocation): `int` then `frac`, with leading/trailing zeros trimmed.
    int: &'a [u8],
    frac: &'a [u8],
    /// Exponent of the first significant digit's position + 1.
    exp: i64,
}

impl Decimal<'_> {
    fn is_zero(&self) -> bool {
        self.int.is_empty() && self.frac.is_empty()
    }

    fn digit(&self, i: usize) -> u8 {
        let d = if i < self.int.len() {
            self.int.get(i)
        } else {
            self.frac.get(i - self.int.len())
        };
        d.map_or(0, |c| c - b'0')
    }

    fn len(&self) -> usize {
        self.int.len() + self.frac.len()
    }
}

/// Splits well-formed JSON number text (as the parser accepted it).
fn decimal(text: &str) -> Decimal<'_> {
    let b = text.as_bytes();
    let (neg, b) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, b),
    };
    let mantissa_end = b
        .iter()
        .position(|c| *c == b'e' || *c == b'E')
        .unwrap_or(b.len());
    let (mantissa, exp_part) = b.split_at(mantissa_end);
    let mut e: i64 = 0;
    if let Some((_, digits)) = exp_part.split_first() {
        let (sign, digits) = match digits.split_first() {
            Some((b'-', d)) => (-1, d),
            Some((b'+', d)) => (1, d),
            _ => (1, digits),
        };
        for d in digits {
            // Clamp: beyond ±10^15 the value is 0 or infinite for every use.
            e = (e * 10 + i64::from(d - b'0')).min(1_000_000_000_000_000);
        }
        e *= sign;
    }
    let dot = mantissa.iter().position(|c| *c == b'.');
    let (int, frac) = match dot {
        Some(p) => (
            mantissa.get(..p).unwrap_or(&[]),
            mantissa.get(p + 1..).unwrap_or(&[]),
        ),
        None => (mantissa, &[][..]),
    };
    // Value = int.frac × 10^e. Position exponent of the first int digit is
    // int.len() + e. Trim leading zeros of int (moving into frac if int is
    // all zeros) and trailing zeros of frac.
    let lead = int.iter().take_while(|c| **c == b'0').count();
    let mut int = int.get(lead..).unwrap_or(&[]);
    let mut frac = frac;
    let mut exp = int.len() as i64 + e;
    if int.is_empty() {
        let z = frac.iter().take_while(|c| **c == b'0').count();
        frac = frac.get(z..).unwrap_or(&[]);
        exp = e - z as i64;
    }
    // Trailing zeros (of frac, or of int when frac is empty) carry no value.
    let tz = frac.iter().rev().take_while(|c| **c == b'0').count();
    frac = frac.get(..frac.len() - tz).unwrap_or(&[]);
    if frac.is_empty() {
        let tz = int.iter().rev().take_while(|c| **c == b'0').count();
        int = int.get(..int.len() - tz).unwrap_or(&[]);
    }
    Decimal {
        neg,
        int,
        frac,
        exp,
    }
}

/// Compares two JSON numbers exactly by value.
///
/// ```
/// use fieldnote::json::number::compare;
/// use std::cmp::Ordering;
/// assert_eq!(compare("1", "1.0"), Ordering::Equal);
/// assert_eq!(compare("1e2", "99.99"), Ordering::Greater);
/// assert_eq!(compare("-0.5", "-0.25"), Ordering::Less);
/// assert_eq!(compare("972783798187987123879878123.188781371", "972783798187987123879878123.18878137"), Ordering::Greater);
/// ```
pub fn compare(a: &str, b: &str) -> Ordering {
    let (x, y) = (decimal(a), decimal(b));
    match (x.is_zero(), y.is_zero()) {
        (true, true) => return Ordering::Equal,
        (true, false) => {
            return if y.neg {
                Ordering::Greater
            } else {
                Ordering::Less
            }
        }
        (false, true) => {
            return if x.neg {
                Ordering::Less
            } else {
                Ordering::Greater
            }
        }
        _ => {}
    }
    if x.neg != y.neg {
        return if x.neg {
            Ordering::Less
        } else {
            Ordering::Greater
        };
    }
    let mag = x.exp.cmp(&y.exp).then_with(|| {
        let n = x.len().max(y.len());
        (0..n)
            .map(|i| x.digit(i).cmp(&y.digit(i)))
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    });
    if x.neg {
        mag.reverse()
    } else {
        mag
    }
}

/// Whether the number has no fractional part (`1.0` and `1e2` count).
pub fn is_integer(text: &str) -> bool {
    let d = decimal(text);
    d.is_zero() || d.exp >= d.len() as i64
}

/// Whether `a` is an integer multiple of `b` (`b` > 0), exactly.
///
/// ```
/// use fieldnote::json::number::multiple_of;
/// assert!(multiple_of("0.0075", "0.0001"));
/// assert!(!multiple_of("0.00751", "0.0001"));
/// assert!(multiple_of("4.5", "1.5"));
/// assert!(!multiple_of("1e308", "0.123456789"));
/// assert!(multiple_of("12391239123", "1e-8"));
/// ```
pub fn multiple_of(a: &str, b: &str) -> bool {
    let (x, y) = (decimal(a), decimal(b));
    if x.is_zero() {
        return true;
    }
    if y.is_zero() {
        return false;
    }
    // x = X × 10^(x.exp − x.len), y = Y × 10^(y.exp − y.len) with X, Y integers.
    let xs = x.exp - x.len() as i64;
    let ys = y.exp - y.len() as i64;
    // Y must fit for modular arithmetic; 38 digits fit in u128.
    if y.len() > 38 {
        return approx_multiple(a, b);
    }
    let yv = (0..y.len()).fold(0u128, |acc, i| acc * 10 + u128::from(y.digit(i)));
    if xs >= ys {
        // X × 10^(xs−ys) mod Y, digit by digit (no overflow: r < Y < 10^38).
        let mut r = 0u128;
        for i in 0..x.len() {
            r = mul10_add_mod(r, x.digit(i), yv);
        }
        let shift = xs - ys;
        if shift > 10_000 {
            // 10^k mod Y cycles; an exact answer needs no more than this
            // many steps for any Y < 10^38 unless Y divides a power of 10.
            return approx_multiple(a, b);
        }
        for _ in 0..shift {
            r = mul10_add_mod(r, 0, yv);
        }
        r == 0
    } else {
        // X mod (Y × 10^(ys−xs)) == 0 ⇔ X's last (ys−xs) digits are 0 —
        // impossible, trailing zeros were trimmed — unless X has fewer
        // digits; so X is a multiple only if ... X ≠ 0 ends in a nonzero
        // digit, hence not divisible by 10: never a multiple.
        false
    }
}

fn mul10_add_mod(r: u128, d: u8, m: u128) -> u128 {
    // r < m ≤ 10^38 − 1, so r × 10 + 9 < 2^128.
    (r * 10 + u128::from(d)) % m
}

fn approx_multiple(a: &str, b: &str) -> bool {
    let q = to_f64(a) / to_f64(b);
    q.is_finite() && q.fract() == 0.0
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
/// ulp or two. Use [`compare`] and [`multiple_of`] for exact decisions.
pub fn to_f64(text: &str) -> f64 {
    let d = decimal(text);
    if d.is_zero() {
        return if d.neg { -0.0 } else { 0.0 };
    }
    let n = d.len().min(19);
    let mut m: u64 = 0;
    for i in 0..n {
        m = m * 10 + u64::from(d.digit(i));
    }
    // value = m × 10^(exp − n)
    let e = d.exp - n as i64;
    let mf = m as f64;
    let v = if (0..=22).contains(&e) {
        mf * pow10(e)
    } else if (-22..0).contains(&e) {
        mf / pow10(-e)
    } else if e > 308 + 19 {
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
    fn integers() {
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
