//! Character classes: sorted code point ranges, Unicode properties, and a
//! 128-bit ASCII bitmap so the common case is one shift.

use crate::unicode::{contains, Property};

/// A compiled class (`[a-z]`, `\d`, `.`, `\p{L}`).
#[derive(Clone, Debug)]
pub(crate) struct Class {
    /// Membership of U+0000..U+007F, negation already applied.
    ascii: [u64; 2],
    /// Sorted, merged, inclusive ranges (code points, surrogates allowed).
    ranges: Box<[(u32, u32)]>,
    /// Properties, each with its own negation (`\P{…}`).
    props: Box<[(Property, bool)]>,
    negate: bool,
}

impl Class {
    /// Whether `c` is in the class.
    #[inline]
    pub(crate) fn matches(&self, c: char) -> bool {
        let n = c as u32;
        if let Some(word) = self.ascii.get(n as usize / 64) {
            return (word >> (n % 64)) & 1 == 1;
        }
        self.inside(c) != self.negate
    }

    /// Membership of U+0000..U+007F as a 128-bit set (negation applied).
    pub(crate) fn ascii(&self) -> [u64; 2] {
        self.ascii
    }

    fn inside(&self, c: char) -> bool {
        let n = c as u32;
        in_ranges(&self.ranges, n) || self.props.iter().any(|&(p, neg)| contains(p, c) != neg)
    }
}

fn in_ranges(ranges: &[(u32, u32)], n: u32) -> bool {
    // Partition point: the first range that ends at or after n.
    let i = ranges.partition_point(|&(_, hi)| hi < n);
    ranges.get(i).is_some_and(|&(lo, _)| lo <= n)
}

/// The classes `\d`, `\s`, `\w` (ECMA-262: `\d` and `\w` are ASCII only).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Builtin {
    Digit,
    Space,
    Word,
}

const DIGIT: &[(u32, u32)] = &[(0x30, 0x39)];
const WORD: &[(u32, u32)] = &[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)];
/// WhiteSpace and LineTerminator (ECMA-262 §12.2, §12.3), Zs included.
const SPACE: &[(u32, u32)] = &[
    (0x09, 0x0D),
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
];
const LINE_TERMINATORS: &[(u32, u32)] = &[(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)];

impl Builtin {
    fn ranges(self) -> &'static [(u32, u32)] {
        match self {
            Builtin::Digit => DIGIT,
            Builtin::Space => SPACE,
            Builtin::Word => WORD,
        }
    }
}

/// Whether `b` is an ASCII `\w` byte (word boundaries need nothing more).
#[inline]
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Collects the items of a class before it is compiled.
#[derive(Default)]
pub(crate) struct Builder {
    ranges: Vec<(u32, u32)>,
    props: Vec<(Property, bool)>,
}

impl Builder {
    pub(crate) fn range(&mut self, lo: u32, hi: u32) {
        self.ranges.push((lo, hi));
    }

    pub(crate) fn builtin(&mut self, b: Builtin, negate: bool) {
        if negate {
            let mut next = 0u32;
            for &(lo, hi) in b.ranges() {
                if lo > next {
                    self.ranges.push((next, lo - 1));
                }
                next = hi + 1;
            }
            self.ranges.push((next, 0x10FFFF));
        } else {
            self.ranges.extend_from_slice(b.ranges());
        }
    }

    pub(crate) fn property(&mut self, p: Property, negate: bool) {
        self.props.push((p, negate));
    }

    pub(crate) fn finish(mut self, negate: bool) -> Class {
        // Insertion sort: classes have few items, and the std sort costs
        // kilobytes of wasm.
        for i in 1..self.ranges.len() {
            let mut j = i;
            while j > 0 && self.ranges.get(j - 1) > self.ranges.get(j) {
                self.ranges.swap(j - 1, j);
                j -= 1;
            }
        }
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(self.ranges.len());
        for (lo, hi) in self.ranges {
            match merged.last_mut() {
                Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        let mut class = Class {
            ascii: [0; 2],
            ranges: merged.into(),
            props: self.props.into(),
            negate,
        };
        // The ASCII bitmap: ranges set spans of bits; only properties need
        // a look at each character.
        let mut bits = [0u64; 2];
        for &(lo, hi) in class.ranges.iter().take_while(|r| r.0 < 128) {
            for c in lo..=hi.min(127) {
                if let Some(w) = bits.get_mut(c as usize / 64) {
                    *w |= 1 << (c % 64);
                }
            }
        }
        if !class.props.is_empty() {
            for c in 0u8..128 {
                if class.inside(char::from(c)) {
                    if let Some(w) = bits.get_mut(usize::from(c / 64)) {
                        *w |= 1 << (c % 64);
                    }
                }
            }
        }
        class.ascii = if negate { [!bits[0], !bits[1]] } else { bits };
        class
    }
}

/// `.`: anything but a line terminator.
pub(crate) fn dot() -> Class {
    let mut b = Builder::default();
    b.ranges.extend_from_slice(LINE_TERMINATORS);
    b.finish(true)
}

/// `\d`, `\D`, `\s`, ... as a standalone class.
pub(crate) fn builtin(kind: Builtin, negate: bool) -> Class {
    let mut b = Builder::default();
    b.builtin(kind, false);
    b.finish(negate)
}
