//! Credentials in bodies that are not JSON: multipart form data
//! (`Content-Disposition: form-data; name="password"` then the value), XML
//! (`<password>…</password>`), HTML forms and debug pages
//! (`<input name="password" value="…">`, `<meta name="csrf-token"
//! content="…">`, `<td>DB_PASSWORD</td><td>…</td>`).

use super::names::{is_label_key, is_secret_name};
use super::redact::{find_at, step};
use super::{head, REDACTED};

/// The longest tag read as one (longer ones are left to the other passes).
const MAX_TAG: usize = 4096;

fn find_from(s: &str, at: usize, pat: &str) -> Option<usize> {
    find_at(s, at, pat)
}

/// Multipart parts whose name is secret: their content is replaced.
pub(super) fn redact_multipart(s: &str) -> String {
    let lower_marker = "form-data";
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut from = 0;
    let (mut next_crlf, mut next_lf) = (Some(0), Some(0));
    while let Some(p) = find_ci(s, from, lower_marker) {
        from = p + lower_marker.len();
        // The rest of the `Content-Disposition` line.
        let rest = head(s.get(from..).unwrap_or(""), 1024);
        step(rest.len().min(rest.find('\n').unwrap_or(rest.len())));
        let line = rest.split('\n').next().unwrap_or(rest);
        let Some(name) = param(line, "name") else {
            continue;
        };
        if !is_secret_name(name) {
            continue;
        }
        // The content starts after the blank line ending the part's headers.
        // The next blank line of each kind is searched for once and
        // remembered, so many markers without content stay linear.
        if next_crlf.is_some_and(|b| b <= p) {
            next_crlf = find_from(s, p, "\r\n\r\n");
        }
        if next_lf.is_some_and(|b| b <= p) {
            next_lf = find_from(s, p, "\n\n");
        }
        let blank = [next_crlf.map(|b| (b, 4)), next_lf.map(|b| (b, 2))]
            .into_iter()
            .flatten()
            .min()
            // Part headers are short.
            .filter(|&(b, _)| b - p <= 4096);
        let (start, end) = match blank {
            Some((b, len)) => {
                let start = b + len;
                let end = find_from(s, start, "\n--").map_or(s.len(), |e| {
                    if e > start && s.as_bytes().get(e - 1) == Some(&b'\r') {
                        e - 1
                    } else {
                        e
                    }
                });
                (start, end)
            }
            // A part folded onto one line (in a header, a log): the value
            // follows the `name` parameter, up to the next boundary.
            None => {
                let after = line.find(name).map_or(line.len(), |i| i + name.len() + 1);
                let start = from + after.min(line.len());
                (start, find_from(s, start, "--").unwrap_or(s.len()))
            }
        };
        out.push_str(s.get(copied..start).unwrap_or(""));
        out.push_str(REDACTED);
        copied = end;
        from = end.max(from);
    }
    out.push_str(s.get(copied..).unwrap_or(""));
    out
}

/// ASCII case-insensitive search for a lower-case needle.
fn find_ci(s: &str, at: usize, needle: &str) -> Option<usize> {
    let b = s.as_bytes();
    let n = needle.as_bytes();
    let first = *n.first()?;
    let mut i = at;
    while i + n.len() <= b.len() {
        step(1);
        if b.get(i).map(u8::to_ascii_lowercase) == Some(first)
            && b.get(i..i + n.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(n))
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The value of `key="…"` (or `key=…`) in a header parameter list.
fn param<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    for part in line.split(';') {
        let Some((k, v)) = part.split_once('=') else {
            continue;
        };
        if k.trim().eq_ignore_ascii_case(key) {
            let v = v.trim_start();
            return Some(match v.strip_prefix('"') {
                Some(q) => q.split('"').next().unwrap_or(q),
                None => v.split(|c: char| c.is_whitespace()).next().unwrap_or(v),
            });
        }
    }
    None
}

/// An attribute of a tag: its name, and the byte range of its value.
struct Attr<'a> {
    name: &'a str,
    value: (usize, usize),
}

/// The attributes of the tag text `t` (between `<name` and `>`); value
/// ranges are relative to `t`.
fn attributes(t: &str) -> Vec<Attr<'_>> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b.get(i).copied().unwrap_or(0);
        if !(c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b':') {
            i += 1;
            continue;
        }
        let ns = i;
        while i < b.len()
            && b.get(i).is_some_and(|&c| {
                c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b':' | b'.')
            })
        {
            i += 1;
        }
        let name = t.get(ns..i).unwrap_or("");
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let (vs, ve) = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let vs = i + 1;
                let ve = t
                    .get(vs..)
                    .and_then(|r| r.find(char::from(q)))
                    .map_or(b.len(), |e| e + vs);
                i = ve + 1;
                (vs, ve)
            }
            _ => {
                let vs = i;
                while i < b.len()
                    && !b
                        .get(i)
                        .is_some_and(|c| c.is_ascii_whitespace() || *c == b'>')
                {
                    i += 1;
                }
                (vs, i)
            }
        };
        out.push(Attr {
            name,
            value: (vs, ve),
        });
    }
    out
}

/// Attributes that hold the value of the field a tag names.
fn is_value_attr(name: &str) -> bool {
    ["value", "content", "data-value", "placeholder-value"]
        .iter()
        .any(|n| name.eq_ignore_ascii_case(n))
}

/// XML and HTML: the content of elements named like a secret, `value` and
/// `content` attributes of tags named like one, and the text after a cell
/// or term that names one.
pub(super) fn redact_markup(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut i = 0;
    // The last text node named a secret: the next non-blank one is its value.
    let mut armed = false;
    let mut next_gt = Some(0);
    while let Some(lt) = find_at(s, i, "<") {
        // The text node before this tag.
        let text = s.get(i..lt).unwrap_or("");
        step(text.len());
        if !text.trim().is_empty() {
            if armed {
                let lead = text.len() - text.trim_start().len();
                let trail = text.len() - text.trim_end().len();
                out.push_str(s.get(copied..i + lead).unwrap_or(""));
                out.push_str(REDACTED);
                copied = lt - trail;
            }
            // A value that is itself a secret's name arms the next one
            // (found by the `redact` fuzz target: `sid=` text, then a cell).
            armed = names_secret(text);
        }
        // The next `>` is searched for once and remembered, so text full of
        // `<` stays linear.
        if next_gt.is_some_and(|g| g <= lt) {
            next_gt = find_from(s, lt, ">");
        }
        let Some(gt) = next_gt.filter(|&g| g - lt <= MAX_TAG) else {
            if next_gt.is_none() {
                break;
            }
            i = lt + 1;
            continue;
        };
        // `<` that opened no tag (`a < b`, a stray `<` before a tag): the
        // tag starts at the last `<` before its `>`.
        let lt = s
            .get(lt..gt)
            .and_then(|t| t.rfind('<'))
            .map_or(lt, |p| p + lt);
        let inner = s.get(lt + 1..gt).unwrap_or("");
        i = gt + 1;
        if inner.starts_with('/') || inner.starts_with('!') || inner.starts_with('?') {
            continue;
        }
        let name_len = inner
            .find(|c: char| c.is_ascii_whitespace() || c == '/')
            .unwrap_or(inner.len());
        let tag = inner.get(..name_len).unwrap_or("");
        let local = tag.rsplit(':').next().unwrap_or(tag);
        step(inner.len());
        let attrs = attributes(inner.get(name_len..).unwrap_or(""));
        let labelled = attrs.iter().any(|a| {
            is_label_key(a.name)
                && inner
                    .get(name_len + a.value.0..name_len + a.value.1)
                    .is_some_and(is_secret_name)
        });
        if labelled {
            for a in attrs.iter().filter(|a| is_value_attr(a.name)) {
                let (vs, ve) = (lt + 1 + name_len + a.value.0, lt + 1 + name_len + a.value.1);
                if ve > vs && vs >= copied {
                    out.push_str(s.get(copied..vs).unwrap_or(""));
                    out.push_str(REDACTED);
                    copied = ve;
                }
            }
        }
        if !local.is_empty() && is_secret_name(local) && !inner.ends_with('/') {
            // `<password>hunter2</password>`, `<Password><![CDATA[x]]></Password>`.
            let start = gt + 1;
            let end = if s.get(start..).is_some_and(|r| r.starts_with("<![CDATA[")) {
                find_from(s, start, "]]>").map_or(s.len(), |e| e + 3)
            } else {
                find_from(s, start, "<").unwrap_or(s.len())
            };
            if end > start
                && b.get(start..end)
                    .is_some_and(|v| !v.iter().all(u8::is_ascii_whitespace))
            {
                out.push_str(s.get(copied..start).unwrap_or(""));
                out.push_str(REDACTED);
                copied = end;
            }
            i = end.max(i);
            armed = false;
        }
    }
    out.push_str(s.get(copied..).unwrap_or(""));
    out
}

/// A short text node that is a secret's name (`DB_PASSWORD`, `Password:`).
fn names_secret(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').trim();
    t.len() <= 64 && t.split_whitespace().count() <= 3 && is_secret_name(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup() {
        assert_eq!(
            redact_markup(
                "<user><Password>hunter2</Password><ns:pin><![CDATA[1234]]></ns:pin></user>"
            ),
            "<user><Password>[REDACTED]</Password><ns:pin>[REDACTED]</ns:pin></user>"
        );
        assert_eq!(
            redact_markup(
                r#"<input type="password" name="password" value="hunter2"><meta name="csrf-token" content="abc">"#
            ),
            r#"<input type="password" name="password" value="[REDACTED]"><meta name="csrf-token" content="[REDACTED]">"#
        );
        assert_eq!(
            redact_markup("<tr><td>DB_PASSWORD</td><td> 's3cret' </td></tr><tr><td>DEBUG</td><td>True</td></tr>"),
            "<tr><td>DB_PASSWORD</td><td> [REDACTED] </td></tr><tr><td>DEBUG</td><td>True</td></tr>"
        );
        // A `<` that opens no tag does not hide the next one (found by fast-check).
        assert_eq!(
            redact_markup("<\n<password>s1</password>"),
            "<\n<password>[REDACTED]</password>"
        );
        assert!(!redact_markup("sid=\n<td>DB_PASSWORD</td><td>s1</td>").contains("s1"));
        // Folded onto one line (found by the `redact` fuzz target).
        let folded = "--b\r Content-Disposition: form-data; name=\"password\"\r \r s1\r --b--";
        assert!(!redact_multipart(folded).contains("s1"));
        let mp = "--b\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\nbob\r\n--b\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nhunter2\r\n--b--";
        assert_eq!(
            redact_multipart(mp),
            "--b\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\nbob\r\n--b\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n[REDACTED]\r\n--b--"
        );
    }
}
