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
    /// A greedy `Star` to give back: resume at the instruction with one
    /// char fewer, down to the start position.
    Star(u32, usize, usize),
}

struct Vm<'a> {
    p: &'a Program,
    h: &'a [u8],
    positions: usize,
    memoize: bool,
    /// Visited (memo row, position) states, then two rows per lookaround
    /// (result known, result) for cached lookaround results.
    seen: Vec<u64>,
    /// Bits set inside a lookaround body, to unset if that body matches.
    trail: Vec<usize>,
    slots: Vec<usize>,
    stack: Vec<Frame>,
    steps: u64,
}

/// Unanchored search, like `RegExp.prototype.test`.
#[cfg_attr(fieldnote_speed, optimize(speed))]
pub(crate) fn is_match(p: &Program, hay: &str) -> Result<bool, Exhausted> {
    match &p.nfa {
        Some(nfa) => Ok(nfa.is_match(hay.as_bytes(), &p.classes)),
        None => vm_is_match(p, hay),
    }
}

/// [`is_match`] on the backtracking VM, whatever the program.
pub(crate) fn vm_is_match(p: &Program, hay: &str) -> Result<bool, Exhausted> {
    let h = hay.as_bytes();
    let positions = h.len() + 1;
    let bits = (p.memo_rows + p.looks.len() * 2).saturating_mul(positions);
    let memoize = !p.backrefs && bits <= MEMO_CAP;
    let mut vm = Vm {
        p,
        h,
        positions,
        memoize,
        seen: if memoize {
            vec![0; bits.div_ceil(64)]
        } else {
            Vec::new()
        },
        trail: Vec::with_capacity(if p.looks.is_empty() { 0 } else { 64 }),
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
    #[cfg_attr(fieldnote_speed, optimize(speed))]
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
                    Some(Frame::Star(next, start, end)) => {
                        let back = prev_char(self.h, end).map_or(0, |(_, len)| len);
                        let end = end - back;
                        if end > start {
                            self.stack.push(Frame::Star(next, start, end));
                        }
                        pc = next;
                        pos = end;
                        break;
                    }
                    None => return Ok(false),
                }
            }
        }
    }

    fn bit(&self, bit: usize) -> bool {
        self.seen
            .get(bit / 64)
            .is_some_and(|w| (w >> (bit % 64)) & 1 == 1)
    }

    fn set_bit(&mut self, bit: usize, on: bool) {
        if let Some(w) = self.seen.get_mut(bit / 64) {
            let mask = 1u64 << (bit % 64);
            *w = if on { *w | mask } else { *w & !mask };
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
    #[cfg_attr(fieldnote_speed, optimize(speed))]
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
                Inst::Char(c, false) if c < 0x80 => {
                    // The common case: one byte compare.
                    if h.get(*pos) != Some(&(c as u8)) {
                        return Ok(false);
                    }
                    *pos += 1;
                }
                Inst::Char(_, back) | Inst::Class(_, back) => {
                    let got = if back {
                        prev_char(h, *pos)
                    } else {
                        next_char(h, *pos)
                    };
                    let Some((x, len)) = got else {
                        return Ok(false);
                    };
                    let ok = match inst {
                        Inst::Char(c, _) => x as u32 == c,
                        Inst::Class(i, _) => {
                            p.classes.get(i as usize).is_some_and(|k| k.matches(x))
                        }
                        _ => false,
                    };
                    if !ok {
                        return Ok(false);
                    }
                    *pos = if back { *pos - len } else { *pos + len };
                }
                Inst::Ref(g, back) => {
                    let start = self.slots.get(g as usize * 2).copied().unwrap_or(UNSET);
                    let end = self.slots.get(g as usize * 2 + 1).copied().unwrap_or(UNSET);
                    // An unset group matches the empty string.
                    if let Some(text) = h.get(start..end) {
                        let at = if back {
                            pos.wrapping_sub(text.len())
                        } else {
                            *pos
                        };
                        if h.get(at..at.wrapping_add(text.len())) != Some(text) {
                            return Ok(false);
                        }
                        *pos = if back { at } else { at + text.len() };
                    }
                }
                Inst::Star(i) => {
                    let class = p.classes.get(i as usize);
                    let start = *pos;
                    let row = p.memo.get(*pc as usize - 1).copied().unwrap_or(NO_MEMO);
                    while let Some((x, len)) = next_char(h, *pos) {
                        if !class.is_some_and(|k| k.matches(x)) {
                            break;
                        }
                        *pos += len;
                        // Scanned chars count as steps.
                        if self.steps == 0 {
                            return Err(Exhausted);
                        }
                        self.steps -= 1;
                        if self.memoize {
                            // A later entry inside this run would explore
                            // a subset of the same continuations: prune it.
                            let bit = row as usize * self.positions + *pos;
                            self.set_bit(bit, true);
                            if depth > 0 {
                                self.trail.push(bit);
                            }
                        }
                    }
                    if *pos > start {
                        self.stack.push(Frame::Star(*pc, start, *pos));
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
        let known = (self.p.memo_rows + 2 * i as usize) * self.positions + pos;
        let value = known + self.positions;
        if self.memoize && self.bit(known) {
            return Ok(self.bit(value));
        }
        let base = self.stack.len();
        let trail = self.trail.len();
        let matched = self.run(body, pos, depth + 1)?;
        if self.memoize {
            if matched {
                // States on the matching path are not dead: forget them.
                while self.trail.len() > trail {
                    if let Some(bit) = self.trail.pop() {
                        self.set_bit(bit, false);
                    }
                }
            }
            self.trail.truncate(trail);
            self.stack.truncate(base);
            self.set_bit(known, true);
            self.set_bit(value, matched);
        } else if matched {
            let negate = self.p.looks.get(i as usize).is_some_and(|l| l.negate);
            if negate {
                // Undo every capture the body set.
                while self.stack.len() > base {
                    if let Some(Frame::Undo(s, v)) = self.stack.pop() {
                        self.set(s, v);
                    }
                }
            } else {
                // Atomic: drop the body's choices, keep its undo entries.
                let mut kept = base;
                for i in base..self.stack.len() {
                    if matches!(self.stack.get(i), Some(Frame::Undo(..))) {
                        self.stack.swap(kept, i);
                        kept += 1;
                    }
                }
                self.stack.truncate(kept);
            }
        }
        Ok(matched)
    }
}

/// Decodes the char starting at byte `i` and its length.
#[inline]
pub(super) fn next_char(h: &[u8], i: usize) -> Option<(char, usize)> {
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
