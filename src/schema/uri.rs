//! Just enough RFC 3986 for `$id` and `$ref`: split a URI into parts,
//! resolve a reference against a base (section 5.2), and percent-decode
//! fragments. Resolved URIs are normalized as RFC 3986 section 6.2.2-6.2.3
//! allows without knowing the scheme's rules: scheme and host lowercased,
//! default ports (80, 443) and empty ports dropped. Then they are compared
//! as strings.

use std::borrow::Cow;

/// A URI reference split into its five components (RFC 3986 appendix B).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Parts<'a> {
    scheme: Option<&'a str>,
    authority: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

fn parse(s: &str) -> Parts<'_> {
    let (rest, fragment) = match s.split_once('#') {
        Some((a, f)) => (a, Some(f)),
        None => (s, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((a, q)) => (a, Some(q)),
        None => (rest, None),
    };
    // A scheme is letters/digits/+-. before the first ':' that comes before
    // any '/'.
    let mut scheme = None;
    let mut rest = rest;
    if let Some(colon) = rest.find(':') {
        let cand = rest.get(..colon).unwrap_or("");
        let valid = cand.bytes().next().is_some_and(|c| c.is_ascii_alphabetic())
            && cand
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'));
        if valid {
            scheme = Some(cand);
            rest = rest.get(colon + 1..).unwrap_or("");
        }
    }
    let mut authority = None;
    if let Some(after) = rest.strip_prefix("//") {
        let end = after.find('/').unwrap_or(after.len());
        authority = Some(after.get(..end).unwrap_or(""));
        rest = after.get(end..).unwrap_or("");
    }
    Parts {
        scheme,
        authority,
        path: rest,
        query,
        fragment,
    }
}

/// RFC 3986 section 6.2.2.1 and 6.2.3: scheme and host are compared
/// without case, and a scheme's default port is the same as none.
fn recompose(p: &Parts<'_>, path: &str) -> String {
    let mut out = String::with_capacity(64);
    if let Some(s) = p.scheme {
        out.push_str(&s.to_ascii_lowercase());
        out.push(':');
    }
    if let Some(a) = p.authority {
        out.push_str("//");
        let (user, host) = match a.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, a),
        };
        if let Some(u) = user {
            out.push_str(u);
            out.push('@');
        }
        let default_port = match p.scheme.map(|s| s.to_ascii_lowercase()).as_deref() {
            Some("http" | "ws") => ":80",
            Some("https" | "wss") => ":443",
            _ => "",
        };
        let host = match host.strip_suffix(default_port) {
            Some(h) if !default_port.is_empty() => h,
            _ => host.strip_suffix(':').unwrap_or(host),
        };
        out.push_str(&host.to_ascii_lowercase());
    }
    out.push_str(path);
    if let Some(q) = p.query {
        out.push('?');
        out.push_str(q);
    }
    if let Some(f) = p.fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// RFC 3986 section 5.2.4.
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let absolute = path.starts_with('/');
    let segs: Vec<&str> = path.split('/').collect();
    let last = segs.len().saturating_sub(1);
    let mut trailing_slash = false;
    for (i, seg) in segs.iter().enumerate() {
        if i == 0 && absolute {
            continue;
        }
        match *seg {
            "." => trailing_slash = i == last,
            ".." => {
                out.pop();
                trailing_slash = i == last;
            }
            s => {
                out.push(s);
                trailing_slash = false;
            }
        }
    }
    let mut s = String::with_capacity(path.len());
    if absolute {
        s.push('/');
    }
    s.push_str(&out.join("/"));
    if trailing_slash && !s.ends_with('/') {
        s.push('/');
    }
    s
}

/// Resolves `reference` against the absolute URI `base` (RFC 3986 5.2.2).
pub(crate) fn resolve(base: &str, reference: &str) -> String {
    let r = parse(reference);
    let b = parse(base);
    let mut t = Parts::default();
    let path: String;
    if r.scheme.is_some() {
        t.scheme = r.scheme;
        t.authority = r.authority;
        t.query = r.query;
        path = remove_dot_segments(r.path);
    } else {
        t.scheme = b.scheme;
        if r.authority.is_some() {
            t.authority = r.authority;
            t.query = r.query;
            path = remove_dot_segments(r.path);
        } else {
            t.authority = b.authority;
            if r.path.is_empty() {
                path = b.path.to_owned();
                t.query = r.query.or(b.query);
            } else {
                t.query = r.query;
                if r.path.starts_with('/') {
                    path = remove_dot_segments(r.path);
                } else {
                    // Merge (5.2.3).
                    let merged = if b.authority.is_some() && b.path.is_empty() {
                        let mut m = String::from("/");
                        m.push_str(r.path);
                        m
                    } else {
                        let dir = match b.path.rfind('/') {
                            Some(i) => b.path.get(..=i).unwrap_or(""),
                            None => "",
                        };
                        let mut m = String::from(dir);
                        m.push_str(r.path);
                        m
                    };
                    path = remove_dot_segments(&merged);
                }
            }
        }
    }
    t.fragment = r.fragment;
    recompose(&t, &path)
}

/// Splits off the fragment: `("http://x/y", Some("/a"))`. An empty fragment
/// (`"x#"`) counts as none.
pub(crate) fn split_fragment(uri: &str) -> (&str, Option<&str>) {
    match uri.split_once('#') {
        Some((u, "")) => (u, None),
        Some((u, f)) => (u, Some(f)),
        None => (uri, None),
    }
}

/// Decodes `%XX` escapes; malformed escapes and invalid UTF-8 stay as
/// written.
pub(crate) fn percent_decode(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return Cow::Borrowed(s);
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            let hex = |k: usize| b.get(k).and_then(|&h| char::from(h).to_digit(16));
            if let (Some(h), Some(l)) = (hex(i + 1), hex(i + 2)) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(s) => Cow::Owned(s),
        Err(_) => Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3986_examples() {
        let base = "http://a/b/c/d;p?q";
        for (r, want) in [
            ("g:h", "g:h"),
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"),
            (";x", "http://a/b/c/;x"),
            ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"),
            ("./", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("/./g", "http://a/g"),
            ("/../g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            ("..g", "http://a/b/c/..g"),
            ("./../g", "http://a/b/g"),
            ("g/./h", "http://a/b/c/g/h"),
            ("g/../h", "http://a/b/c/h"),
        ] {
            assert_eq!(resolve(base, r), want, "{r}");
        }
    }

    #[test]
    fn urns_and_files() {
        assert_eq!(
            resolve("urn:uuid:deadbeef-1234", "#/$defs/bar"),
            "urn:uuid:deadbeef-1234#/$defs/bar"
        );
        assert_eq!(
            resolve("file:///folder/file.json", "#/$defs/x"),
            "file:///folder/file.json#/$defs/x"
        );
        assert_eq!(
            resolve("http://localhost:1234/a/b.json", "c.json"),
            "http://localhost:1234/a/c.json"
        );
        assert_eq!(
            resolve("http://localhost:1234", "item.json"),
            "http://localhost:1234/item.json"
        );
    }

    #[test]
    fn scheme_host_and_default_port_are_normalized() {
        for (r, want) in [
            ("HTTP://EXAMPLE.COM/a.json", "http://example.com/a.json"),
            ("http://example.com:80/a.json", "http://example.com/a.json"),
            (
                "https://Example.com:443/A.json",
                "https://example.com/A.json",
            ),
            ("https://example.com:80/a", "https://example.com:80/a"),
            ("http://example.com:/a", "http://example.com/a"),
            (
                "http://User@Example.com:8080/a",
                "http://User@example.com:8080/a",
            ),
            ("URN:x:Y", "urn:x:Y"),
        ] {
            assert_eq!(resolve("fieldnote:/schema.json", r), want, "{r}");
        }
    }

    #[test]
    fn fragments_and_decoding() {
        assert_eq!(split_fragment("http://x/y#/a"), ("http://x/y", Some("/a")));
        assert_eq!(split_fragment("http://x/y#"), ("http://x/y", None));
        assert_eq!(split_fragment("http://x/y"), ("http://x/y", None));
        assert_eq!(percent_decode("/a%25b%22c%zz"), "/a%b\"c%zz");
        assert_eq!(percent_decode("%E2%82%AC"), "€");
    }
}
