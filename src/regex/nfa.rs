//! A bit-parallel fast path for the patterns forms use (`^[A-Z]{3}-[0-9]{4}$`,
//! `^\+?[0-9 ]{7,15}$`): when a program has at most 64 consuming
//! instructions and nothing but characters, classes, `^`, `$`, choices and
//! loops, a match is a set of live positions (one `u64`) advanced one
//! character at a time: a few instructions per character, no allocation, no
//! backtracking. Same answers as the VM (which memoizes, so it also treats
//! captures and the empty-iteration check as no-ops when it only answers
//! yes or no); other programs use the VM.

use super::class::Class;
use super::compile::Inst;
use super::exec::next_char;
use super::parse::Assert;

/// A position is one consuming instruction; a set of them is one `u64`.
const MAX_POSITIONS: usize = 64;

/// What a position consumes.
#[derive(Clone, Copy, Debug)]
enum Consumes {
    Char(u32),
    Class(u32),
}

/// Where a search can go without consuming: the positions that may take
/// the next character, and whether `Match` is reached (before the end of
/// the input, and at the end).
#[derive(Clone, Copy, Debug, Default)]
struct Reach {
    next: u64,
    done_mid: bool,
    done_end: bool,
}

/// The automaton of a small program.
#[derive(Clone, Debug)]
pub(crate) struct Nfa {
    /// Per ASCII character: the positions that consume it.
    ascii: Box<[u64; 128]>,
    /// Per position: what it consumes (for non-ASCII characters).
    consumes: Box<[Consumes]>,
    /// Per position: where the search can go after it consumed.
    after: Box<[Reach]>,
    /// Where a search starting at the first character, or a later one, can go.
    start_first: Reach,
    start_later: Reach,
}

impl Nfa {
    /// The automaton of `insts`, if it is one this fast path can run.
    pub(crate) fn build(insts: &[Inst], classes: &[Class]) -> Option<Nfa> {
        // Position of each consuming instruction.
        let mut pos_of = vec![u32::MAX; insts.len()];
        let mut consumes = Vec::new();
        for (pc, inst) in insts.iter().enumerate() {
            let c = match *inst {
                Inst::Char(c, false) => Consumes::Char(c),
                Inst::Class(i, false) | Inst::Star(i) => Consumes::Class(i),
                Inst::Split(..)
                | Inst::Jmp(_)
                | Inst::Save(_)
                | Inst::Clear(..)
                | Inst::Mark(_)
                | Inst::Check(_)
                | Inst::Assert(Assert::Start | Assert::End)
                | Inst::Match => continue,
                // Lookbehind bodies, backreferences, lookarounds, `\b`.
                _ => return None,
            };
            if consumes.len() == MAX_POSITIONS {
                return None;
            }
            *pos_of.get_mut(pc)? = consumes.len() as u32;
            consumes.push(c);
        }
        let mut g = Graph {
            insts,
            pos_of: &pos_of,
            seen: vec![0; insts.len()],
            stamp: 0,
            todo: Vec::new(),
        };
        let mut after = Vec::with_capacity(consumes.len());
        for (pc, inst) in insts.iter().enumerate() {
            let p = *pos_of.get(pc)?;
            if p == u32::MAX {
                continue;
            }
            let mut r = g.reach(pc + 1, false);
            if matches!(inst, Inst::Star(_)) {
                // A star may take another character of its class.
                r.next |= 1 << p;
            }
            after.push(r);
        }
        let mut ascii = Box::new([0u64; 128]);
        for (p, what) in consumes.iter().enumerate() {
            let bits = match *what {
                Consumes::Char(c) if c < 128 => {
                    let mut b = [0u64; 2];
                    if let Some(w) = b.get_mut(c as usize / 64) {
                        *w = 1 << (c % 64);
                    }
                    b
                }
                Consumes::Char(_) => [0; 2],
                Consumes::Class(i) => classes.get(i as usize).map_or([0; 2], Class::ascii),
            };
            for (half, mut w) in bits.into_iter().enumerate() {
                while w != 0 {
                    let b = half * 64 + w.trailing_zeros() as usize;
                    w &= w - 1;
                    if let Some(set) = ascii.get_mut(b) {
                        *set |= 1 << p;
                    }
                }
            }
        }
        Some(Nfa {
            ascii,
            consumes: consumes.into(),
            after: after.into(),
            start_first: g.reach(0, true),
            start_later: g.reach(0, false),
        })
    }

    /// Unanchored search, like `RegExp.prototype.test`.
    #[cfg_attr(fieldnote_speed, optimize(speed))]
    pub(crate) fn is_match(&self, h: &[u8], classes: &[Class]) -> bool {
        let first = self.start_first;
        if (h.is_empty() && first.done_end) || (!h.is_empty() && first.done_mid) {
            return true;
        }
        let later = self.start_later;
        let mut live = first.next;
        let mut at = 0;
        while let Some((c, len)) = next_char(h, at) {
            let took = live & self.takes(c, classes);
            at += len;
            let end = at == h.len();
            live = later.next;
            let mut bits = took;
            while bits != 0 {
                let p = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let Some(r) = self.after.get(p) else {
                    return false;
                };
                if (end && r.done_end) || (!end && r.done_mid) {
                    return true;
                }
                live |= r.next;
            }
            // A search may also start here.
            if (end && later.done_end) || (!end && later.done_mid) {
                return true;
            }
            if live == 0 {
                // Only an empty match at the end could still come.
                return later.done_end;
            }
        }
        false
    }

    #[inline]
    fn takes(&self, c: char, classes: &[Class]) -> u64 {
        if let Some(&set) = self.ascii.get(c as usize) {
            return set;
        }
        let mut set = 0;
        for (p, what) in self.consumes.iter().enumerate() {
            if takes(*what, c, classes) {
                set |= 1 << p;
            }
        }
        set
    }
}

fn takes(what: Consumes, c: char, classes: &[Class]) -> bool {
    match what {
        Consumes::Char(x) => x == c as u32,
        Consumes::Class(i) => classes.get(i as usize).is_some_and(|k| k.matches(c)),
    }
}

struct Graph<'a> {
    insts: &'a [Inst],
    pos_of: &'a [u32],
    /// Per instruction: the walk that last visited it (one buffer for all).
    seen: Vec<u32>,
    stamp: u32,
    todo: Vec<usize>,
}

impl Graph<'_> {
    /// Where the search goes from `pc` without consuming; `^` passes only
    /// at the first character (`first`), `$` only at the end.
    fn reach(&mut self, pc: usize, first: bool) -> Reach {
        let mut r = Reach::default();
        for end in [false, true] {
            self.stamp += 1;
            let todo = &mut self.todo;
            todo.clear();
            todo.push(pc);
            while let Some(pc) = todo.pop() {
                let Some(s) = self.seen.get_mut(pc) else {
                    continue;
                };
                if *s == self.stamp {
                    continue;
                }
                *s = self.stamp;
                let Some(inst) = self.insts.get(pc) else {
                    continue;
                };
                match *inst {
                    Inst::Char(..) | Inst::Class(..) | Inst::Star(_) => {
                        if let Some(&p) = self.pos_of.get(pc).filter(|&&p| p != u32::MAX) {
                            if !end {
                                r.next |= 1 << p;
                            }
                        }
                        // Zero iterations of a star.
                        if matches!(inst, Inst::Star(_)) {
                            todo.push(pc + 1);
                        }
                    }
                    Inst::Split(a, b) => {
                        todo.push(b as usize);
                        todo.push(a as usize);
                    }
                    Inst::Jmp(t) => todo.push(t as usize),
                    Inst::Assert(Assert::Start) if !first => {}
                    Inst::Assert(Assert::End) if !end => {}
                    Inst::Match if end => r.done_end = true,
                    Inst::Match => r.done_mid = true,
                    _ => todo.push(pc + 1),
                }
            }
        }
        r
    }
}
