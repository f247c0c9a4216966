//! The backtracking VM.
//!
//! Without backreferences, whether a match is reachable from a state depends
//! only on (instruction, position), so each such state is explored at most
//! once (a bitset of visited states; Davis et al., "Using Selective
//! Memoization to Defeat ReDoS"): time is linear in the input for a fixed
//! pattern. Lookaround results are cached per position. With backreferences,
//! or when the bitset would be too big, it is plain ECMA-262 backtracking
//! with captures, bounded by the step budget.

use super::class::is_word_byte;
use super::compile::{First, Inst, Program, NO_MEMO};
use super::parse::Assert;
use super::Exhausted;

/// The visited-state bitset may use at most this many bits (4 MiB).
const MEMO_CAP: usize = 32 << 20;
/// Steps allowed per search: a base, plus some per input byte so long inputs
/// with linear patterns still finish. ~20 ns per step in wasm keeps the
/// worst case near 50 ms.
const BUDGET_BASE: u64 = 2_000_000;
const BUDGET_PER_BYTE: u64 = 32;
/// An unset capture slot.
const UNSET: usize = usize::MAX;

/// Backtracking entries: a choice to resume, or a slot value to restore.
#[derive(Clone, Copy)]
enum Frame {
    Alt(u32, usize),
    Undo(u32, usize),
}

struct Vm<'a> {
    p: &'a Program,
    h: &'a [u8],
    positions: usize,
    memoize: bool,
    /// Visited (memo row, position) states.
    seen: Vec<u64>,
    /// Lookaround results per (look, position): 0 unknown, 1 false, 2 true.
    looks: Vec<u8>,
    /// Bits set inside a lookaround body, to unset if that body matches.
    trail: Vec<usize>,
    slots: Vec<usize>,
    stack: Vec<Frame>,
    steps: u64,
}

/// Unanchored search, like `RegExp.prototype.test`.
pub(crate) fn is_match(p: &Program, hay: &str) -> Result<bool, Exhausted> {
    let h = hay.as_bytes();
    let positions = h.len() + 1;
    let bits = (p.memo_rows + p.looks.len() * 8).saturating_mul(positions);
    let memoize = !p.backrefs && bits <= MEMO_CAP;
    let mut vm = Vm {
        p,
        h,
        positions,
        memoize,
        seen: if memoize {
            vec![0; (p.memo_rows * positions).div_ceil(64)]
        } else {
            Vec::new()
        },
        looks: if memoize {
            vec![0; p.looks.len() * positions]
        } else {
            Vec::new()
        },
        trail: Vec::new(),
        slots: if memoize {
            Vec::new()
        } else {
            vec![UNSET; p.slots]
        },
        stack: Vec::new(),
        steps: BUDGET_BASE.saturating_add(BUDGET_PER_BYTE.saturating_mul(h.len() as u64)),
    };
    let mut s = 0;
    loop {
        match p.first {
            First::Anchored => return vm.run(0, 0, 0),
            First::Byte(b) => match h.get(s..).and_then(|t| t.iter().position(|&x| x == b)) {
                Some(i) => s += i,
                None => return Ok(false),
            },
            First::Class(i) => {
                let class = p.classes.get(i as usize);
                while let Some((c, len)) = next_char(h, s) {
                    if class.is_some_and(|k| k.matches(c)) {
                        break;
                    }
                    s += len;
                }
                if s >= h.len() {
                    return Ok(false);
                }
            }
            First::Any => {}
        }
        if vm.run(0, s, 0)? {
            return Ok(true);
        }
        match next_char(h, s) {
            Some((_, len)) => s += len,
            None => return Ok(false),
        }
    }
}

impl Vm<'_> {
    /// Runs from `pc` at `pos` until `Match` (true) or every path failed
    /// (false). On true, frames pushed by this run stay on the stack.
    fn run(&mut self, mut pc: u32, mut pos: usize, depth: u32) -> Result<bool, Exhausted> {
        let base = self.stack.len();
        loop {
            if self.thread(&mut pc, &mut pos, depth)? {
                return Ok(true);
            }
            loop {
                if self.stack.len() <= base {
                    return Ok(false);
                }
                match self.stack.pop() {
                    Some(Frame::Alt(a, p)) => {
                        pc = a;
                        pos = p;
                        break;
                    }
                    Some(Frame::Undo(s, v)) => self.set(s, v),
                    None => return Ok(false),
                }
            }
        }
    }

    fn set(&mut self, slot: u32, v: usize) {
        if let Some(x) = self.slots.get_mut(slot as usize) {
            *x = v;
        }
    }

    fn save(&mut self, slot: u32, v: usize) {
        let old = self.slots.get(slot as usize).copied().unwrap_or(UNSET);
        self.stack.push(Frame::Undo(slot, old));
        self.set(slot, v);
    }

    /// Follows one path; true on `Match`, false on failure.
    fn thread(&mut self, pc: &mut u32, pos: &mut usize, depth: u32) -> Result<bool, Exhausted> {
        let p = self.p;
        let h = self.h;
        loop {
            if self.steps == 0 {
                return Err(Exhausted);
            }
            self.steps -= 1;
            if self.memoize {
                let row = p.memo.get(*pc as usize).copied().unwrap_or(NO_MEMO);
                if row != NO_MEMO {
                    let bit = row as usize * self.positions + *pos;
                    let Some(word) = self.seen.get_mut(bit / 64) else {
                        return Ok(false);
                    };
                    let mask = 1u64 << (bit % 64);
                    if *word & mask != 0 {
                        return Ok(false);
                    }
                    *word |= mask;
                    if depth > 0 {
                        self.trail.push(bit);
                    }
                }
            }
            let Some(&inst) = p.insts.get(*pc as usize) else {
                return Ok(false);
            };
            *pc += 1;
            match inst {
                Inst::Char(c) => {
                    if c < 0x80 {
                        if h.get(*pos) != Some(&(c as u8)) {
                            return Ok(false);
                        }
                        *pos += 1;
                    } else {
                        match next_char(h, *pos) {
                            Some((x, len)) if x as u32 == c => *pos += len,
                            _ => return Ok(false),
                        }
                    }
                }
                Inst::CharBack(c) => match prev_char(h, *pos) {
                    Some((x, len)) if x as u32 == c => *pos -= len,
                    _ => return Ok(false),
                },
                Inst::Class(i) => match next_char(h, *pos) {
                    Some((x, len)) if p.classes.get(i as usize).is_some_and(|k| k.matches(x)) => {
                        *pos += len
                    }
                    _ => return Ok(false),
                },
                Inst::ClassBack(i) => match prev_char(h, *pos) {
                    Some((x, len)) if p.classes.get(i as usize).is_some_and(|k| k.matches(x)) => {
                        *pos -= len
                    }
                    _ => return Ok(false),
                },
                Inst::Ref(g) | Inst::RefBack(g) => {
                    let start = self.slots.get(g as usize * 2).copied().unwrap_or(UNSET);
                    let end = self.slots.get(g as usize * 2 + 1).copied().unwrap_or(UNSET);
                    // An unset group matches the empty string.
                    if let Some(text) = h.get(start..end) {
                        let len = text.len();
                        let found = if matches!(inst, Inst::Ref(_)) {
                            let at = *pos;
                            (h.get(at..at.saturating_add(len)) == Some(text)).then(|| at + len)
                        } else {
                            let at = pos.wrapping_sub(len);
                            (h.get(at..*pos) == Some(text)).then_some(at)
                        };
                        match found {
                            Some(next) => *pos = next,
                            None => return Ok(false),
                        }
                    }
                }
                Inst::Split(a, b) => {
                    self.stack.push(Frame::Alt(b, *pos));
                    *pc = a;
                }
                Inst::Jmp(t) => *pc = t,
                Inst::Save(s) => {
                    if !self.memoize {
                        self.save(s, *pos);
                    }
                }
                Inst::Clear(from, to) => {
                    if !self.memoize {
                        for s in from..to {
                            if self.slots.get(s as usize) != Some(&UNSET) {
                                self.save(s, UNSET);
                            }
                        }
                    }
                }
                Inst::Mark(s) => {
                    if !self.memoize {
                        self.save(s, *pos);
                    }
                }
                Inst::Check(s) => {
                    // With memoization, revisiting the loop head prunes
                    // empty iterations already.
                    if !self.memoize && self.slots.get(s as usize) == Some(pos) {
                        return Ok(false);
                    }
                }
                Inst::Assert(a) => {
                    let ok = match a {
                        Assert::Start => *pos == 0,
                        Assert::End => *pos == h.len(),
                        Assert::Word | Assert::NotWord => {
                            let before =
                                *pos > 0 && h.get(*pos - 1).is_some_and(|&b| is_word_byte(b));
                            let after = h.get(*pos).is_some_and(|&b| is_word_byte(b));
                            (before != after) == (a == Assert::Word)
                        }
                    };
                    if !ok {
                        return Ok(false);
                    }
                }
                Inst::Look(i) => {
                    let Some(&look) = p.looks.get(i as usize) else {
                        return Ok(false);
                    };
                    let matched = self.look(i, *pc, *pos, depth)?;
                    if matched == look.negate {
                        return Ok(false);
                    }
                    *pc = look.next;
                }
                Inst::Match => return Ok(true),
            }
        }
    }

    /// Whether the lookaround body at `body` matches at `pos`. A positive
    /// match keeps the captures it set (and stays atomic); a negative one
    /// keeps none.
    fn look(&mut self, i: u32, body: u32, pos: usize, depth: u32) -> Result<bool, Exhausted> {
        let cache = (i as usize) * self.positions + pos;
        if self.memoize {
            match self.looks.get(cache) {
                Some(1) => return Ok(false),
                Some(2) => return Ok(true),
                _ => {}
            }
        }
        let base = self.stack.len();
        let trail = self.trail.len();
        let matched = self.run(body, pos, depth + 1)?;
        if self.memoize {
            if matched {
                // States on the matching path are not dead: forget them.
                for bit in self.trail.drain(trail..) {
                    if let Some(w) = self.seen.get_mut(bit / 64) {
                        *w &= !(1u64 << (bit % 64));
                    }
                }
            }
            self.trail.truncate(trail);
            self.stack.truncate(base);
            if let Some(c) = self.looks.get_mut(cache) {
                *c = if matched { 2 } else { 1 };
            }
        } else if matched {
            let negate = self.p.looks.get(i as usize).is_some_and(|l| l.negate);
            let frames: Vec<Frame> = self.stack.drain(base..).collect();
            if negate {
                for f in frames.into_iter().rev() {
                    if let Frame::Undo(s, v) = f {
                        self.set(s, v);
                    }
                }
            } else {
                self.stack
                    .extend(frames.into_iter().filter(|f| matches!(f, Frame::Undo(..))));
            }
        }
        Ok(matched)
    }
}

/// Decodes the char starting at byte `i` and its length.
#[inline]
fn next_char(h: &[u8], i: usize) -> Option<(char, usize)> {
    let b0 = *h.get(i)?;
    if b0 < 0x80 {
        return Some((char::from(b0), 1));
    }
    let len = match b0 {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    let bytes = h.get(i..i + len)?;
    let mut n = u32::from(b0) & (0x7F >> len);
    for &b in bytes.iter().skip(1) {
        n = (n << 6) | (u32::from(b) & 0x3F);
    }
    Some((char::from_u32(n)?, len))
}

/// Decodes the char ending at byte `i` and its length.
#[inline]
fn prev_char(h: &[u8], i: usize) -> Option<(char, usize)> {
    let mut start = i.checked_sub(1)?;
    while start > 0 && i - start < 4 && h.get(start).is_some_and(|b| b & 0xC0 == 0x80) {
        start -= 1;
    }
    let (c, len) = next_char(h, start)?;
    (start + len == i).then_some((c, len))
}
