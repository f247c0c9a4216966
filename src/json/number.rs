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
#[derive(Clone, Debug)]
pub struct Divisor {
    /// Significant digits as a big integer (empty above [`MAX_DIVISOR_DIGITS`]).
    digits: Vec<u32>,
    /// The larger power of 2 or 5 in `digits`: scaling an instance by 10^k
    /// beyond this changes nothing about divisibility.
    twos_fives: u64,
    exp: i64,
    value: f64,
}

/// Divisors with more significant digits than this are judged on `f64`:
/// exact division costs (instance digits) × (divisor digits) / 9 steps.
pub const MAX_DIVISOR_DIGITS: usize = 100;

impl Divisor {
    /// Prepares a divisor from its text; `None` unless it is > 0.
    pub fn new(text: &str) -> Option<Divisor> {
        let d = Dec::parse(text);
        if d.neg || d.is_zero() {
            return None;
        }
        let mut digits = Vec::new();
        let mut twos_fives = 0;
        if d.len <= MAX_DIVISOR_DIGITS {
            for k in 0..d.len {
                mul_add(&mut digits, 10, u32::from(d.digit(k)));
            }
            for p in [2, 5] {
                let mut n = digits.clone();
                let mut count = 0;
                while div_small(&mut n, p) == 0 {
                    count += 1;
                }
                twos_fives = twos_fives.max(count);
            }
        }
        Some(Divisor {
            digits,
            twos_fives,
            exp: d.exp,
            value: to_f64(text),
        })
    }

    /// Whether `text` (a JSON number) is an integer multiple of the divisor.
    pub fn divides(&self, text: &str, value: f64) -> bool {
        self.divide(text, value).0
    }

    /// [`Divisor::divides`], and the limb operations it took.
    fn divide(&self, text: &str, value: f64) -> (bool, usize) {
        let x = Dec::parse(text);
        if x.is_zero() {
            return (true, 0);
        }
        if self.digits.is_empty() {
            return (f64_multiple(value, self.value), 0);
        }
        // x = X·10^ex, d = D·10^ed, neither X nor D ending in 0.
        if x.exp < self.exp {
            // X / (D·10^k) with k ≥ 1 would need X to end in 0.
            return (false, 0);
        }
        // D = 2^a·5^b·D' divides X·10^s exactly when it divides
        // X·10^min(s, max(a, b)): past that, 10^s only adds 2s and 5s.
        let shift = (x.exp - self.exp).unsigned_abs().min(self.twos_fives);
        // The remainder, on the stack: `is_valid` allocates nothing.
        let mut buf = [0u32; MAX_DIVISOR_DIGITS / 9 + 2];
        let Some(r) = buf.get_mut(..self.digits.len() + 1) else {
            return (f64_multiple(value, self.value), 0);
        };
        let mut steps = 0;
        let digits = (0..x.len).map(|k| x.digit(k)).chain((0..shift).map(|_| 0));
        for c in digits {
            // r < D, so r·10 + c < 10·D: at most nine subtractions.
            mul_add_limbs(r, 10, u32::from(c));
            steps += r.len();
            while cmp_big(r, &self.digits).is_ge() {
                sub_big(r, &self.digits);
                steps += r.len();
            }
        }
        (r.iter().all(|&l| l == 0), steps)
    }

    /// Whether the exact value of `x` (a finite `f64`) is a multiple.
    pub fn divides_f64(&self, x: f64) -> bool {
        x.is_finite() && self.divides(&exact_decimal(x), x)
    }
}

/// Big integers are little-endian base-10^9 limbs with no zero top limb
/// (zero is empty). Only what exact `multipleOf` and correctly rounded
/// parsing need: multiply-add by a small number, compare, subtract.
const LIMB: u64 = 1_000_000_000;

/// n = n·m + a (m < 2^32, a < 10^9), growing n.
fn mul_add(n: &mut Vec<u32>, m: u32, a: u32) {
    let mut carry = mul_add_limbs(n, m, a);
    while carry > 0 {
        n.push((carry % LIMB) as u32);
        carry /= LIMB;
    }
}

/// n = n·m + a in place, returning what does not fit.
fn mul_add_limbs(n: &mut [u32], m: u32, a: u32) -> u64 {
    let mut carry = u64::from(a);
    for limb in n.iter_mut() {
        let v = u64::from(*limb) * u64::from(m) + carry;
        *limb = (v % LIMB) as u32;
        carry = v / LIMB;
    }
    carry
}

/// n = n / d, returning the remainder.
fn div_small(n: &mut Vec<u32>, d: u32) -> u32 {
    let mut rem = 0u64;
    for limb in n.iter_mut().rev() {
        let v = rem * LIMB + u64::from(*limb);
        *limb = (v / u64::from(d)) as u32;
        rem = v % u64::from(d);
    }
    trim(n);
    rem as u32
}

fn trim(n: &mut Vec<u32>) {
    while n.last() == Some(&0) {
        n.pop();
    }
}

/// Compares limbs; either side may have zero top limbs.
fn cmp_big(a: &[u32], b: &[u32]) -> Ordering {
    let limb = |n: &[u32], i: usize| n.get(i).copied().unwrap_or(0);
    (0..a.len().max(b.len()))
        .rev()
        .map(|i| limb(a, i).cmp(&limb(b, i)))
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// a = a − b, for a ≥ b.
fn sub_big(a: &mut [u32], b: &[u32]) {
    let mut borrow = 0;
    for (i, limb) in a.iter_mut().enumerate() {
        let sub = b.get(i).copied().unwrap_or(0) + borrow;
        borrow = u32::from(*limb < sub);
        *limb = (u64::from(*limb) + u64::from(borrow) * LIMB - u64::from(sub)) as u32;
    }
}

/// n = n·p^k for p = 2 or 5, in chunks that keep a limb's product in `u64`.
fn mul_pow(n: &mut Vec<u32>, p: u32, mut k: u64) {
    // 5^13 and 2^29 are the largest such powers below 2^32.
    let (chunk, step) = if p == 5 {
        (1_220_703_125, 13)
    } else {
        (1 << 29, 29)
    };
    while k >= step {
        mul_add(n, chunk, 0);
        k -= step;
    }
    for _ in 0..k {
        mul_add(n, p, 0);
    }
}

/// A big integer from a `u64`.
fn big(m: u64) -> Vec<u32> {
    let mut n = vec![
        (m % LIMB) as u32,
        (m / LIMB % LIMB) as u32,
        (m / LIMB / LIMB) as u32,
    ];
    trim(&mut n);
    n
}

/// Significant digits of a number beyond which rounding to `f64` cannot
/// change: a point halfway between two doubles has at most 768.
const NEAREST_DIGITS: usize = 800;

/// |d| as D·10^k with D a big integer of at most [`NEAREST_DIGITS`] + 1
/// digits: digits past that only matter as "something more".
fn scaled(d: &Dec<'_>) -> (Vec<u32>, i64) {
    let n = d.len.min(NEAREST_DIGITS);
    let mut big = Vec::new();
    let (mut chunk, mut width) = (0, 1);
    for i in 0..n {
        chunk = chunk * 10 + u32::from(d.digit(i));
        width *= 10;
        if width == LIMB as u32 {
            mul_add(&mut big, width, chunk);
            (chunk, width) = (0, 1);
        }
    }
    mul_add(&mut big, width, chunk);
    let mut k = d.exp + (d.len - n) as i64;
    if (n..d.len).any(|i| d.digit(i) != 0) {
        mul_add(&mut big, 10, 1);
        k -= 1;
    }
    (big, k)
}

/// Compares D·10^k (from [`scaled`]) with m·2^e exactly.
fn cmp_binary((digits, k): &(Vec<u32>, i64), m: u64, e: i64) -> Ordering {
    let (mut lhs, k) = (digits.clone(), *k);
    let mut rhs = big(m);
    // D·5^k·2^k against m·2^e, every factor moved to the side where it
    // is a positive power.
    let five = if k >= 0 { &mut lhs } else { &mut rhs };
    mul_pow(five, 5, k.unsigned_abs());
    let two = if k >= e { &mut lhs } else { &mut rhs };
    mul_pow(two, 2, (k - e).unsigned_abs());
    cmp_big(&lhs, &rhs)
}

/// A non-negative double (+∞ reads as 2^1024) as m·2^e.
fn binary(x: f64) -> (u64, i64) {
    let bits = x.to_bits();
    let frac = bits & ((1 << 52) - 1);
    let exp = ((bits >> 52) & 0x7ff) as i64;
    if exp == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, exp - 1075)
    }
}

/// The point halfway between two adjacent non-negative doubles, as m·2^e.
fn halfway(a: f64, b: f64) -> (u64, i64) {
    let ((ma, ea), (mb, eb)) = (binary(a), binary(b));
    let e = ea.min(eb);
    // Adjacent doubles' exponents differ by at most one.
    let scale = |m: u64, x: i64| m << (x - e).clamp(0, 1);
    (scale(ma, ea) + scale(mb, eb), e - 1)
}

/// The `f64` nearest the number (ties to even), as JS's `Number()` and
/// Rust's `str::parse` give it. `str::parse` costs ~10 KB of wasm; this
/// refines [`to_f64`] by exact comparisons with halfway points instead.
/// Cost: at most 800 digits are read once; each of a few comparisons
/// multiplies numbers of at most ~2,300 digits by 9-digit factors (~20k
/// limb operations). Up to 15 digits and 10^±22, none of this runs.
pub fn nearest_f64(text: &str) -> f64 {
    let d = Dec::parse(text);
    let top = d.exp + d.len as i64;
    let sign = if d.neg { -1.0 } else { 1.0 };
    // Below 10^-324 is below half the smallest double (2^-1075).
    if d.is_zero() || top < -323 {
        return sign * 0.0;
    }
    if top > 310 {
        return sign * f64::INFINITY;
    }
    let mut c = approx(&d).abs();
    // Up to 15 digits times an exact power of ten: one rounding, exact.
    if d.len <= 15 && (-22..=22).contains(&d.exp) {
        return sign * c;
    }
    // to_f64 is within a few ulps: step to the right double.
    let x = scaled(&d);
    for _ in 0..8 {
        let bits = c.min(f64::MAX).to_bits();
        c = f64::from_bits(bits);
        let odd = bits & 1 == 1;
        let up = f64::from_bits(bits + 1);
        let (m, e) = halfway(c, up);
        match cmp_binary(&x, m, e) {
            Ordering::Greater if up.is_infinite() => return sign * up,
            Ordering::Greater => {
                c = up;
                continue;
            }
            Ordering::Equal if odd => return sign * up,
            _ => {}
        }
        if bits == 0 {
            break;
        }
        let down = f64::from_bits(bits - 1);
        let (m, e) = halfway(down, c);
        match cmp_binary(&x, m, e) {
            Ordering::Less => c = down,
            Ordering::Equal if odd => return sign * down,
            _ => break,
        }
    }
    sign * c
}

/// The exact decimal value of a finite `f64` as JSON number text (`0.1`
/// is `10000000000000000555111512312578270211815834045410156250e-56`).
pub fn exact_decimal(x: f64) -> String {
    let (m, e) = binary(x.abs());
    let mut n = big(m);
    // m·2^e = m·5^-e·10^e for e < 0.
    mul_pow(&mut n, if e >= 0 { 2 } else { 5 }, e.unsigned_abs());
    let mut s = String::from(if x < 0.0 { "-" } else { "" });
    let mut any = false;
    for &limb in n.iter().rev() {
        let mut div = LIMB / 10;
        while div > 0 {
            let c = (u64::from(limb) / div % 10) as u8;
            // Leading zeros are skipped.
            any |= c != 0;
            if any {
                s.push(char::from(b'0' + c));
            }
            div /= 10;
        }
    }
    if !any {
        s.push('0');
    }
    if e < 0 {
        s.push_str("e-");
        push_u64(&mut s, e.unsigned_abs());
    }
    s
}

fn push_u64(s: &mut String, n: u64) {
    if n >= 10 {
        push_u64(s, n / 10);
    }
    s.push(char::from(b'0' + (n % 10) as u8));
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

/// The number as `u64` if it is a whole number from 0 to 2^53 (`3`, `3.0`
/// and `3e0` all count), decided on the decimal: `947.9999999999999` is not
/// whole, though a quick `f64` estimate of it is 948.
pub fn whole_u64(text: &str) -> Option<u64> {
    let d = Dec::parse(text);
    if d.is_zero() {
        return Some(0);
    }
    // Whole when the last significant digit is at 10^0 or above; 2^53 has 16 digits.
    if d.neg || d.exp < 0 || d.exp + d.len as i64 > 16 {
        return None;
    }
    let mut n: u64 = 0;
    for k in 0..d.len {
        n = n * 10 + u64::from(d.digit(k));
    }
    for _ in 0..d.exp {
        n *= 10;
    }
    (n <= 1 << 53).then_some(n)
}

/// The number as `f64`: exact for up to 15 significant digits and
/// exponents within ±22 (all form data in practice), otherwise within an
/// ulp or two. Use [`compare`] and [`Divisor`] for exact decisions.
pub fn to_f64(text: &str) -> f64 {
    approx(&Dec::parse(text))
}

/// [`to_f64`] of a parsed decimal.
fn approx(d: &Dec) -> f64 {
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
        // More than 19 significant digits are exact too.
        assert!(!mult("2", "1.0000000000000000000001"));
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

    #[test]
    fn long_divisors_are_exact() {
        let d = "1.00000000000000000001";
        assert!(!mult("8", d));
        assert!(!mult("1", d));
        assert!(mult(d, d));
        assert!(mult("8.00000000000000000008", d));
        assert!(mult("-800000000000000000008e-20", d));
        assert!(!mult("8.00000000000000000009", d));
        // 10^21 + 1 = 7^2 · 11 · 13 · 127 · 2689 · 459691 · 909091: no 2s or 5s.
        let odd = "1000000000000000000001";
        assert!(mult("1000000000000000000002000000000000000000001", odd)); // squared
        assert!(!mult("1000000000000000000001000000000000000000001", odd));
        assert!(mult("1.000000000000000000001e40", odd));
        assert!(!mult("1.0000000000000000000011e40", odd));
        // With factors of 2 and 5: 2^70 = 1180591620717411303424, and the
        // instance's exponent supplies some of them.
        let two70 = "1180591620717411303424";
        assert!(mult("1180591620717411303424e3", two70));
        assert!(mult("5902958103587056517120", two70)); // ·5
        assert!(!mult("590295810358705651712", two70)); // /2
                                                        // 1 / (2^70·10^-70) = 5^70; 0.1 / (2^70·10^-70) = 5^69 / 2.
        assert!(mult("1", "1180591620717411303424e-70"));
        assert!(mult("1e69", "1180591620717411303424e-70"));
        assert!(!mult("0.1", "1180591620717411303424e-70"));
        assert!(mult("5e-70", "5000000000000000000000000e-94"));
        // A 300-digit instance against a 60-digit divisor, both ways.
        let p60 = "1".repeat(60);
        let x = format!("{}{}", p60, "0".repeat(240));
        assert!(mult(&x, &p60));
        let x1 = format!("{}{}1", p60, "0".repeat(239));
        assert!(!mult(&x1, &p60));
        // 300 ones = 60 ones × (1 + 10^60 + ... + 10^240).
        assert!(mult(&p60.repeat(5), &p60));
        assert!(!mult(&(p60.repeat(5) + "1"), &p60));
        assert!(!mult(&"1".repeat(299), &p60));
        // Past MAX_DIVISOR_DIGITS: f64, as documented.
        let huge = format!("1.{}1", "0".repeat(MAX_DIVISOR_DIGITS));
        assert!(mult("8", &huge));
    }

    #[test]
    fn long_division_is_linear() {
        // Limb operations grow with the instance's digits times the
        // divisor's limbs: 10× the digits is 10× the work.
        let d = Divisor::new(&"7".repeat(MAX_DIVISOR_DIGITS)).unwrap();
        let (_, one) = d.divide(&"9".repeat(300), 0.0);
        let (_, ten) = d.divide(&"9".repeat(3000), 0.0);
        assert!(one > 300 && ten <= 11 * one, "{one} {ten}");
        let small = Divisor::new("7").unwrap();
        let (_, few) = small.divide(&"9".repeat(3000), 0.0);
        assert!(few * 3 < ten, "{few} {ten}");
        assert!(d.divides(&"7".repeat(MAX_DIVISOR_DIGITS * 30), 0.0));
        assert!(!d.divides(&"7".repeat(MAX_DIVISOR_DIGITS * 30 + 1), 0.0));
    }

    #[test]
    fn nearest_is_correctly_rounded() {
        let mut cases: Vec<String> = [
            "0", "-0", "1", "0.1", "0.3", "0.30000000000000004", "18446744073709552000",
            "18446744073709551616", "18446744073709551615", "9007199254740993",
            "9007199254740993.0000000000000000000000000000001", "9007199254740995",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9999999999999999999999999999",
            "1e400", "-1e400", "4.9406564584124654e-324", "2.4703282292062327e-324",
            "2.4703282292062328e-324", "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324",
            "2.2250738585072011e-308", "2.2250738585072012e-308", "1e-320", "123456789012345678901234567890",
            "0.000000000000000000000000000000000001", "7.2057594037927933e16", "1e23", "8.98846567431158e307",
            "1e-400", "4.940656458412e-324", "3e-324",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // A deterministic spread of digit counts and exponents.
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let digits = 1 + (seed % 40) as usize;
            let mut t = String::new();
            let mut s = seed;
            for _ in 0..digits {
                s = s
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                t.push(char::from(b'0' + ((s >> 33) % 10) as u8));
            }
            let e = (seed >> 20) % 680;
            cases.push(format!("{t}e{}", e as i64 - 340));
        }
        // Halfway points themselves, and one digit to either side.
        for bits in [
            1u64,
            2,
            0x000f_ffff_ffff_ffff,
            0x0010_0000_0000_0000,
            0x4340_0000_0000_0000,
            0x3fb9_9999_9999_999a,
            0x7fef_ffff_ffff_ffff,
        ] {
            let (m, e) = halfway(f64::from_bits(bits), f64::from_bits(bits + 1));
            let (ml, el) = (m, e);
            // The exact decimal of m·2^e, written independently of exact_decimal.
            let mut n = big(ml);
            let exact = if el >= 0 {
                mul_pow(&mut n, 2, el as u64);
                "e0".to_string()
            } else {
                mul_pow(&mut n, 5, el.unsigned_abs());
                format!("e{el}")
            };
            let mut digits = String::new();
            for (i, limb) in n.iter().rev().enumerate() {
                if i == 0 {
                    digits.push_str(&limb.to_string());
                } else {
                    digits.push_str(&format!("{limb:09}"));
                }
            }
            cases.push(format!("{digits}{exact}"));
            // Just above the halfway point, also past the 800 digits read.
            let e: i64 = exact[1..].parse().unwrap();
            cases.push(format!("{digits}1e{}", e - 1));
            cases.push(format!("{digits}{}1e{}", "0".repeat(3000), e - 3001));
        }
        for t in &cases {
            let want: f64 = t.parse().unwrap();
            let got = nearest_f64(t);
            assert_eq!(got.to_bits(), want.to_bits(), "{t}: {got:e} vs {want:e}");
        }
    }

    #[test]
    fn exact_decimals() {
        let same = |x: f64, want: &str| {
            let got = exact_decimal(x);
            assert!(compare(&got, want).is_eq(), "{x}: {got} vs {want}");
        };
        same(
            0.1,
            "0.1000000000000000055511151231257827021181583404541015625",
        );
        same(18446744073709552000.0, "18446744073709551616");
        same(-2.5, "-2.5");
        same(0.0, "0");
        same(1.0, "1");
        assert_eq!(exact_decimal(2f64.powi(64)), "18446744073709551616");
        for x in [0.1, 5e-324, f64::MAX, 1.5e300, -3.25, 2f64.powi(64)] {
            let text = exact_decimal(x);
            assert_eq!(nearest_f64(&text), x, "{text}");
            assert_eq!(text.parse::<f64>().unwrap(), x);
        }
        // The exact value of 2^64 is a multiple of 1024; its shortest
        // spelling 18446744073709552000 is not.
        let d = Divisor::new("1024").unwrap();
        assert!(d.divides_f64(2f64.powi(64)));
        assert!(!mult("18446744073709552000", "1024"));
        assert!(!d.divides_f64(0.1));
        assert!(!d.divides_f64(f64::INFINITY));
    }
}
