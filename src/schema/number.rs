//! Exact decimal arithmetic on JSON number text, for the keywords where
//! `f64` gives wrong answers: `multipleOf` (0.0075 is a multiple of 0.0001)
//! and limits that `f64` cannot tell apart (18446744073709551600 ≤
//! 18446744073709551615). Nothing here allocates.

use std::cmp::Ordering;

/// A JSON number as `sign × digits × 10^exp`, where `digits` are the
/// significant digits (no leading or trailing zeros) taken from the text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Dec<'a> {
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
    pub(crate) fn parse(text: &'a str) -> Dec<'a> {
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
    pub(crate) fn is_integer(&self) -> bool {
        self.is_zero() || self.exp >= 0
    }

    /// `Some(k)` when the value is exactly 10^-k (`1`, `0.1`, `0.01`, `1e-3`).
    pub(crate) fn decimal_places(&self) -> Option<u64> {
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
    pub(crate) fn cmp(&self, other: &Dec<'_>) -> Ordering {
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
pub(crate) fn is_integer(text: &str) -> bool {
    if !text.bytes().any(|c| matches!(c, b'.' | b'e' | b'E')) {
        return true;
    }
    Dec::parse(text).is_integer()
}

/// A `multipleOf` divisor, prepared once at compile time.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Divisor {
    /// Significant digits, when there are at most 19 of them.
    digits: Option<u64>,
    exp: i64,
    value: f64,
}

impl Divisor {
    /// Prepares a divisor from its text; `None` unless it is > 0.
    pub(crate) fn new(text: &str) -> Option<Divisor> {
        let d = Dec::parse(text);
        if d.neg || d.is_zero() {
            return None;
        }
        let value = text.parse::<f64>().ok()?;
        Some(Divisor {
            digits: d.small_digits().filter(|&n| n != 0),
            exp: d.exp,
            value,
        })
    }

    /// Whether `text` (a JSON number) is an integer multiple of the divisor.
    pub(crate) fn divides(&self, text: &str, value: f64) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn mult(x: &str, d: &str) -> bool {
        Divisor::new(d)
            .unwrap()
            .divides(x, x.parse::<f64>().unwrap())
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
        let c = |a: &str, b: &str| Dec::parse(a).cmp(&Dec::parse(b));
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
}
