//! Punycode (RFC 3492), only as host names need it: decode an A-label into a
//! fixed buffer, re-encode to compare or to measure. No allocation; every
//! step is checked for overflow.

/// Most code points a label can hold: 63 octets of A-label.
pub const MAX: usize = 63;

const BASE: u32 = 36;
const TMIN: u32 = 1;
const TMAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;

fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / points.max(1);
    let mut k = 0;
    while delta > ((BASE - TMIN) * TMAX) / 2 {
        delta /= BASE - TMIN;
        k += BASE;
    }
    k + (BASE - TMIN + 1) * delta / (delta + SKEW)
}

fn threshold(k: u32, bias: u32) -> u32 {
    k.saturating_sub(bias).clamp(TMIN, TMAX)
}

fn digit_value(c: u8) -> Option<u32> {
    match c {
        b'a'..=b'z' => Some(u32::from(c - b'a')),
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        b'0'..=b'9' => Some(u32::from(c - b'0') + 26),
        _ => None,
    }
}

/// Decodes `input` (the part after `xn--`) into `out`; returns how many code
/// points it holds, or `None` if the input is not valid Punycode or does not
/// fit. Basic code points keep their case.
pub fn decode(input: &[u8], out: &mut [char; MAX]) -> Option<usize> {
    let (basic, digits) = match input.iter().rposition(|&c| c == b'-') {
        Some(p) => (input.get(..p)?, input.get(p + 1..)?),
        None => (&[][..], input),
    };
    let mut len = 0usize;
    for &c in basic {
        if !c.is_ascii() {
            return None;
        }
        *out.get_mut(len)? = char::from(c);
        len += 1;
    }
    let (mut n, mut i, mut bias) = (128u32, 0u32, 72u32);
    let mut rest = digits.iter();
    while rest.len() > 0 {
        let old = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let d = digit_value(*rest.next()?)?;
            i = i.checked_add(d.checked_mul(w)?)?;
            let t = threshold(k, bias);
            if d < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k = k.checked_add(BASE)?;
        }
        let count = u32::try_from(len + 1).ok()?;
        bias = adapt(i - old, count, old == 0);
        n = n.checked_add(i / count)?;
        i %= count;
        // A basic code point may not be encoded as a delta (RFC 3492 §6.2).
        let c = char::from_u32(n).filter(|c| !c.is_ascii())?;
        // Insert at `i` (≤ len), shifting the tail right by one.
        let mut j = len;
        while j > i as usize {
            *out.get_mut(j)? = *out.get(j - 1)?;
            j -= 1;
        }
        *out.get_mut(j)? = c;
        len += 1;
        i += 1;
    }
    Some(len)
}

fn digit(d: u32) -> u8 {
    // d < 36 by construction; the casts cannot truncate.
    if d < 26 {
        b'a' + d as u8
    } else {
        b'0' + (d - 26) as u8
    }
}

/// Where [`encode`] writes: it counts the output and compares it, ASCII
/// case-insensitively, with `expect`.
struct Out<'a> {
    expect: &'a [u8],
    len: usize,
    same: bool,
}

impl Out<'_> {
    fn push(&mut self, c: u8) {
        self.same &= self
            .expect
            .get(self.len)
            .is_some_and(|e| e.eq_ignore_ascii_case(&c));
        self.len += 1;
    }
}

/// Encodes `input` into `out`; `false` on arithmetic overflow.
fn encode_into(input: &[char], out: &mut Out) -> bool {
    let basic = input.iter().filter(|c| c.is_ascii()).count();
    for &c in input.iter().filter(|c| c.is_ascii()) {
        out.push(c as u8);
    }
    if basic > 0 {
        out.push(b'-');
    }
    let (mut n, mut delta, mut bias) = (128u32, 0u32, 72u32);
    let mut h = basic as u32;
    let total = input.len() as u32;
    while h < total {
        let Some(m) = input.iter().map(|&c| c as u32).filter(|&c| c >= n).min() else {
            return false;
        };
        let Some(d) = (m - n)
            .checked_mul(h + 1)
            .and_then(|x| x.checked_add(delta))
        else {
            return false;
        };
        delta = d;
        n = m;
        for &c in input {
            let c = c as u32;
            if c < n {
                let Some(d) = delta.checked_add(1) else {
                    return false;
                };
                delta = d;
            } else if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = threshold(k, bias);
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                bias = adapt(delta, h + 1, h == basic as u32);
                delta = 0;
                h += 1;
            }
        }
        delta = delta.saturating_add(1);
        n = n.saturating_add(1);
    }
    true
}

/// Length of the Punycode form of `input` (without `xn--`), or `None` on
/// overflow.
pub fn encoded_len(input: &[char]) -> Option<usize> {
    let mut out = Out {
        expect: &[],
        len: 0,
        same: false,
    };
    encode_into(input, &mut out).then_some(out.len)
}

/// Whether `input` encodes to exactly `expect` (ASCII case-insensitively):
/// an A-label must be the canonical encoding of what it decodes to.
pub fn encodes_to(input: &[char], expect: &[u8]) -> bool {
    let mut out = Out {
        expect,
        len: 0,
        same: true,
    };
    encode_into(input, &mut out) && out.same && out.len == expect.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Option<String> {
        let mut buf = ['\0'; MAX];
        let n = decode(s.as_bytes(), &mut buf)?;
        Some(buf[..n].iter().collect())
    }

    #[test]
    fn round_trips() {
        // RFC 3492 §7.1 samples and the suite's labels.
        for (a, u) in [
            ("ihqwcrb4cv8a8dqg056pqjye", "他们为什么不说中文"),
            ("9n2bp8q", "실례"),
            ("bcher-kva", "bücher"),
            ("-> $1.00 <--", "-> $1.00 <-"),
            ("egbpdaj6bu4bxfgehfvwxn", "ليهمابتكلموشعربي؟"),
        ] {
            assert_eq!(dec(a).as_deref(), Some(u), "{a}");
            let cps: Vec<char> = u.chars().collect();
            assert!(encodes_to(&cps, a.as_bytes()), "{a}");
            assert_eq!(encoded_len(&cps), Some(a.len()));
        }
    }

    #[test]
    fn rejects() {
        assert_eq!(dec("X"), None);
        assert_eq!(dec("99999999999999999"), None);
        assert_eq!(dec("a-é"), None);
        // Decodes, but is not what encoding produces.
        let cps: Vec<char> = dec("-9uc").unwrap_or_default().chars().collect();
        assert!(!encodes_to(&cps, b"-9uc"));
    }
}
