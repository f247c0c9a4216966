//! Prototype (bench/crossing.mjs): a value the JS layer wrote as a tape —
//! nodes as `(tag, a, b)` triples in the layout of [`super::parse::Node`],
//! and the UTF-8 bytes of its strings and numbers — checked and adopted as a
//! [`Document`] without parsing any text.

use super::parse::{
    is_number, Document, Error, ErrorKind, Limits, Node, ARR, NUM, OBJ, STR, STR_ESC,
};

fn bad<T>(at: usize) -> Result<T, Error> {
    Err(Error {
        kind: ErrorKind::UnexpectedChar,
        offset: at,
    })
}

/// An open container: where its subtree ends, children (members) left,
/// whether it is an object and its next child is a member's value.
struct Open {
    end: usize,
    left: u32,
    obj: bool,
    value_next: bool,
}

/// Closes the containers that end at node `i`; false if one is incomplete.
fn close(open: &mut Vec<Open>, i: usize) -> bool {
    while let Some(top) = open.last() {
        if top.end != i {
            break;
        }
        if top.left != 0 || top.value_next {
            return false;
        }
        open.pop();
    }
    true
}

impl Document {
    /// Checks a tape and adopts it: every span inside the bytes and on
    /// character boundaries, numbers in JSON's grammar, containers holding
    /// exactly their children, object keys strings, depth within `limits`.
    pub fn from_tape(bytes: Vec<u8>, words: &[u32], limits: &Limits) -> Result<Document, Error> {
        let text = String::from_utf8(bytes).map_err(|e| Error {
            kind: ErrorKind::UnexpectedChar,
            offset: e.utf8_error().valid_up_to(),
        })?;
        let n = words.len() / 3;
        if n == 0 || words.len() % 3 != 0 {
            return bad(0);
        }
        let mut nodes = Vec::with_capacity(n);
        let mut open: Vec<Open> = Vec::new();
        for (i, w) in words.chunks_exact(3).enumerate() {
            let [tag, a, b] = [w.first(), w.get(1), w.get(2)].map(|x| x.copied().unwrap_or(0));
            if !close(&mut open, i) {
                return bad(i);
            }
            let key = match open.last_mut() {
                Some(top) if top.obj && top.value_next => {
                    top.value_next = false;
                    false
                }
                Some(top) if top.left > 0 => {
                    top.left -= 1;
                    top.value_next = top.obj;
                    top.obj
                }
                None if i == 0 => false,
                _ => return bad(i),
            };
            let tag = match u8::try_from(tag) {
                Ok(t) if t <= OBJ && t != STR_ESC && (!key || t == STR) => t,
                _ => return bad(i),
            };
            if tag == ARR || tag == OBJ {
                if b as usize <= i || b as usize > n || open.len() as u32 >= limits.max_depth {
                    return bad(i);
                }
                open.push(Open {
                    end: b as usize,
                    left: a,
                    obj: tag == OBJ,
                    value_next: false,
                });
            } else if tag == STR || tag == NUM {
                match text.get(a as usize..b as usize) {
                    Some(s) if tag == STR || is_number(s.as_bytes()) => {}
                    _ => return bad(i),
                }
            }
            nodes.push(Node { tag, a, b });
        }
        if !close(&mut open, n) || !open.is_empty() {
            return bad(n);
        }
        Ok(Document::from_parts(text, nodes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(bytes: &str, words: &[u32]) -> Option<String> {
        let d = Document::from_tape(bytes.into(), words, &Limits::default()).ok()?;
        let mut w = crate::json::Writer::new();
        w.value(d.root());
        Some(w.finish())
    }

    #[test]
    fn adopts_a_well_formed_tape_and_refuses_broken_ones() {
        // {"a":[1,"x\"y"],"b":null}
        let bytes = "a1x\"yb";
        let t = [
            7, 2, 7, 4, 0, 1, 6, 2, 5, 3, 1, 2, 4, 2, 5, 4, 5, 6, 0, 0, 0,
        ];
        assert_eq!(
            doc(bytes, &t).as_deref(),
            Some(r#"{"a":[1,"x\"y"],"b":null}"#)
        );
        let mut short = t;
        short[1] = 3; // three members claimed
        assert_eq!(doc(bytes, &short), None);
        let mut num = t;
        num[10] = 2; // "1x" is not a number
        assert_eq!(doc(bytes, &num), None);
        let mut key = t;
        key[3] = 3; // a number as a key
        assert_eq!(doc(bytes, &key), None);
        assert_eq!(doc(bytes, &t[..18]), None); // truncated
        assert_eq!(doc("é", &[4, 0, 1]), None); // inside a character
        assert_eq!(doc("1", &[3, 0, 1, 3, 0, 1]), None); // two roots
    }
}
