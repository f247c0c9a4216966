//! Compiles the tree to a flat program for the backtracking VM.
//!
//! Counted repetitions are unrolled, so a VM state is just (instruction,
//! position): that is what makes memoizing visited states sound. Lookbehind
//! bodies are compiled right to left (ECMA-262 matches them backward).

use super::class::{Builder, Class};
use super::parse::{Assert, Ast, Node, UNBOUNDED};
use super::Error;

/// The program may hold at most this many instructions.
const MAX_INSTS: usize = 1 << 16;
/// No memo slot for this instruction.
pub(crate) const NO_MEMO: u32 = u32::MAX;

/// One VM instruction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Inst {
    /// A code point; `true` when matching right to left.
    Char(u32, bool),
    /// Index into the classes.
    Class(u32, bool),
    /// Backreference to a group number.
    Ref(u32, bool),
    /// Greedy `[class]*`, forward: consume all, then give back one by one.
    Star(u32),
    /// Try the first target, then the second.
    Split(u32, u32),
    Jmp(u32),
    /// Record the position in a capture slot.
    Save(u32),
    /// Unset slots `[from, to)`: captures of a repeated group, per iteration.
    Clear(u32, u32),
    /// Record the position where a loop iteration starts.
    Mark(u32),
    /// Fail if the iteration started at the current position (ECMA-262's
    /// empty check: an iteration that matched nothing is rejected).
    Check(u32),
    Assert(Assert),
    /// A lookaround; its body starts at the next instruction and ends with `Match`.
    Look(u32),
    Match,
}

/// Where a lookaround continues, and whether it is negative.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Look {
    pub next: u32,
    pub negate: bool,
}

/// A cheap test for where a match can start.
#[derive(Clone, Copy, Debug)]
pub(crate) enum First {
    Anchored,
    Byte(u8),
    Class(u32),
    Any,
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub(crate) struct Program {
    pub insts: Vec<Inst>,
    /// Per instruction: its memo row, or [`NO_MEMO`].
    pub memo: Vec<u32>,
    pub memo_rows: usize,
    pub classes: Vec<Class>,
    pub looks: Vec<Look>,
    pub slots: usize,
    pub backrefs: bool,
    pub first: First,
    /// The bit-parallel automaton, when the program is small and simple
    /// enough (see `nfa`).
    pub nfa: Option<super::nfa::Nfa>,
}

/// Compiles a parsed pattern.
pub(crate) fn compile(ast: Ast) -> Result<Program, Error> {
    let mut c = Compiler {
        classes: ast.classes,
        named: ast.named,
        insts: Vec::new(),
        looks: Vec::new(),
        slots: (ast.groups as usize + 1) * 2,
        backrefs: ast.backrefs,
    };
    c.node(&ast.node, false)?;
    c.emit(Inst::Match)?;
    let insts = c.insts;
    // Memoize only where paths join or branch: loops and alternations.
    let mut memo = vec![NO_MEMO; insts.len()];
    let mut mark = |t: u32| {
        if let Some(m) = memo.get_mut(t as usize) {
            *m = 0;
        }
    };
    for (pc, inst) in insts.iter().enumerate() {
        match *inst {
            Inst::Split(a, b) => {
                mark(pc as u32);
                mark(a);
                mark(b);
            }
            Inst::Jmp(t) => mark(t),
            Inst::Star(_) => mark(pc as u32),
            _ => {}
        }
    }
    let mut rows = 0u32;
    for m in memo.iter_mut().filter(|m| **m == 0) {
        *m = rows;
        rows += 1;
    }
    let first = first(&insts);
    let nfa = if c.backrefs {
        None
    } else {
        super::nfa::Nfa::build(&insts, &c.classes)
    };
    Ok(Program {
        insts,
        memo,
        memo_rows: rows as usize,
        classes: c.classes,
        looks: c.looks,
        slots: c.slots,
        nfa,
        backrefs: c.backrefs,
        first,
    })
}

/// What the first consuming instruction needs, skipping bookkeeping.
fn first(insts: &[Inst]) -> First {
    for inst in insts {
        return match *inst {
            Inst::Save(_) | Inst::Clear(..) | Inst::Mark(_) => continue,
            Inst::Assert(Assert::Start) => First::Anchored,
            Inst::Char(c, false) => match char::from_u32(c) {
                Some(ch) => ch
                    .encode_utf8(&mut [0; 4])
                    .as_bytes()
                    .first()
                    .map_or(First::Any, |&b| First::Byte(b)),
                None => First::Any,
            },
            Inst::Class(i, false) => First::Class(i),
            _ => First::Any,
        };
    }
    First::Any
}

struct Compiler {
    classes: Vec<Class>,
    named: Vec<u32>,
    insts: Vec<Inst>,
    looks: Vec<Look>,
    slots: usize,
    backrefs: bool,
}

fn too_large() -> Error {
    Error {
        offset: 0,
        reason: "pattern is too large once its repetitions are expanded",
    }
}

impl Compiler {
    fn here(&self) -> u32 {
        self.insts.len() as u32
    }

    fn emit(&mut self, i: Inst) -> Result<u32, Error> {
        if self.insts.len() >= MAX_INSTS {
            return Err(too_large());
        }
        self.insts.push(i);
        Ok(self.here() - 1)
    }

    fn patch(&mut self, at: u32, i: Inst) {
        if let Some(slot) = self.insts.get_mut(at as usize) {
            *slot = i;
        }
    }

    fn slot(&mut self) -> Result<u32, Error> {
        self.slots += 1;
        u32::try_from(self.slots - 1).map_err(|_| too_large())
    }

    fn node(&mut self, n: &Node, back: bool) -> Result<(), Error> {
        match n {
            Node::Empty => {}
            Node::Char(c) => {
                self.emit(Inst::Char(*c, back))?;
            }
            Node::Class(i) => {
                self.emit(Inst::Class(*i, back))?;
            }
            Node::Ref(g) => {
                let g = match u32::MAX - *g {
                    k if k < u32::MAX / 2 => self.named.get(k as usize).copied().unwrap_or(0),
                    _ => *g,
                };
                self.emit(Inst::Ref(g, back))?;
            }
            Node::Assert(a) => {
                self.emit(Inst::Assert(*a))?;
            }
            Node::Cat(items) => {
                // Right to left in a lookbehind.
                let len = items.len();
                for k in 0..len {
                    let i = if back { len - 1 - k } else { k };
                    if let Some(item) = items.get(i) {
                        self.node(item, back)?;
                    }
                }
            }
            Node::Alt(alts) => {
                let mut jumps = Vec::new();
                let last = alts.len().saturating_sub(1);
                for (i, alt) in alts.iter().enumerate() {
                    if i == last {
                        self.node(alt, back)?;
                        break;
                    }
                    let split = self.emit(Inst::Split(0, 0))?;
                    self.node(alt, back)?;
                    jumps.push(self.emit(Inst::Jmp(0))?);
                    let next = self.here();
                    self.patch(split, Inst::Split(split + 1, next));
                }
                let end = self.here();
                for j in jumps {
                    self.patch(j, Inst::Jmp(end));
                }
            }
            Node::Group(inner, g) => {
                // Captures only matter to backreferences.
                let (open, close) = (g * 2, g * 2 + 1);
                let (first, second) = if back { (close, open) } else { (open, close) };
                if self.backrefs {
                    self.emit(Inst::Save(first))?;
                }
                self.node(inner, back)?;
                if self.backrefs {
                    self.emit(Inst::Save(second))?;
                }
            }
            Node::Look {
                node,
                behind,
                negate,
            } => {
                let at = self.emit(Inst::Look(self.looks.len() as u32))?;
                self.looks.push(Look {
                    next: 0,
                    negate: *negate,
                });
                self.node(node, *behind)?;
                self.emit(Inst::Match)?;
                let next = self.here();
                if let Some(Inst::Look(i)) = self.insts.get(at as usize).copied() {
                    if let Some(l) = self.looks.get_mut(i as usize) {
                        l.next = next;
                    }
                }
            }
            Node::Repeat {
                node,
                min,
                max,
                greedy,
                groups,
            } => self.repeat(node, *min, *max, *greedy, *groups, back)?,
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn repeat(
        &mut self,
        n: &Node,
        min: u32,
        max: u32,
        greedy: bool,
        groups: (u32, u32),
        back: bool,
    ) -> Result<(), Error> {
        if min as usize > MAX_INSTS || (max != UNBOUNDED && max as usize > MAX_INSTS) {
            return Err(too_large());
        }
        // ECMA-262 unsets the captures inside the body at each iteration.
        let clear = Some(groups).filter(|(lo, hi)| self.backrefs && lo <= hi);
        let nullable = nullable(n);
        let split = |body: u32, exit: u32| {
            if greedy {
                Inst::Split(body, exit)
            } else {
                Inst::Split(exit, body)
            }
        };
        let single = match n {
            Node::Class(i) => Some(*i),
            Node::Char(c) => {
                let mut b = Builder::default();
                b.range(*c, *c);
                self.classes.push(b.finish(false));
                u32::try_from(self.classes.len() - 1).ok()
            }
            _ => None,
        };
        if let Some(class) = single.filter(|_| max == UNBOUNDED && greedy && !back) {
            for _ in 0..min {
                self.node(n, back)?;
            }
            self.emit(Inst::Star(class))?;
            return Ok(());
        }
        if max == UNBOUNDED && min >= 1 && !nullable {
            // X{n,} as X{n-1} then "L: X; split(L, exit)": no copy for the loop.
            for _ in 1..min {
                self.iteration(n, clear, None, back)?;
            }
            let top = self.here();
            self.iteration(n, clear, None, back)?;
            let exit = self.here() + 1;
            self.emit(split(top, exit))?;
            return Ok(());
        }
        for _ in 0..min {
            self.iteration(n, clear, None, back)?;
        }
        if max == UNBOUNDED {
            let top = self.emit(Inst::Split(0, 0))?;
            let check = if nullable { Some(self.slot()?) } else { None };
            self.iteration(n, clear, check, back)?;
            self.emit(Inst::Jmp(top))?;
            let exit = self.here();
            self.patch(top, split(top + 1, exit));
        } else {
            let mut splits = Vec::new();
            let check = if nullable { Some(self.slot()?) } else { None };
            for _ in min..max {
                splits.push(self.emit(Inst::Split(0, 0))?);
                self.iteration(n, clear, check, back)?;
            }
            let exit = self.here();
            for s in splits {
                self.patch(s, split(s + 1, exit));
            }
        }
        Ok(())
    }

    fn iteration(
        &mut self,
        n: &Node,
        clear: Option<(u32, u32)>,
        check: Option<u32>,
        back: bool,
    ) -> Result<(), Error> {
        if let Some((lo, hi)) = clear {
            self.emit(Inst::Clear(lo * 2, hi * 2 + 2))?;
        }
        if let Some(slot) = check {
            self.emit(Inst::Mark(slot))?;
        }
        self.node(n, back)?;
        if let Some(slot) = check {
            self.emit(Inst::Check(slot))?;
        }
        Ok(())
    }
}

/// Whether `n` can match the empty string.
fn nullable(n: &Node) -> bool {
    match n {
        Node::Empty | Node::Assert(_) | Node::Look { .. } | Node::Ref(_) => true,
        Node::Char(_) | Node::Class(_) => false,
        Node::Cat(v) => v.iter().all(nullable),
        Node::Alt(v) => v.iter().any(nullable),
        Node::Group(inner, _) => nullable(inner),
        Node::Repeat { node, min, .. } => *min == 0 || nullable(node),
    }
}
