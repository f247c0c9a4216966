//! Writes the English catalog each build compiles in (`$OUT_DIR/en.json`).
//!
//! Natively, and in a wasm build with both jobs, that is all of
//! `src/messages/en.json`. A wasm build with one job keeps the sentences
//! its code can say: the validator modules the `schema.*` keys, the errors
//! module everything else (and `schema.label.*`, which a NestJS message's
//! field names use). Every module ships to every page that uses it; the
//! other job's sentences would be dead bytes there (1.4 KB gzip in the
//! errors module). Keys are matched line by line: `en.json` keeps one key
//! per line at four spaces (a plural's forms indented deeper), and the
//! build fails, saying so, if it does not.

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    let src = "src/messages/en.json";
    println!("cargo:rerun-if-changed={src}");
    println!("cargo:rerun-if-changed=build.rs");
    let text = match fs::read_to_string(src) {
        Ok(t) => t,
        Err(e) => fail(&format!("cannot read {src}: {e}")),
    };
    let wasm = env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    let errors = env::var_os("CARGO_FEATURE_ERRORS").is_some();
    let validator = env::var_os("CARGO_FEATURE_VALIDATOR").is_some();
    let keep = |key: &str| {
        let schema = key.starts_with("schema.");
        !wasm || (errors && (!schema || key.starts_with("schema.label."))) || (validator && schema)
    };
    let out = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| fail("OUT_DIR is not set")))
        .join("en.json");
    if let Err(e) = fs::write(&out, filter(&text, keep)) {
        fail(&format!("cannot write {}: {e}", out.display()));
    }
}

/// `text` with the messages whose key `keep` refuses left out.
fn filter(text: &str, keep: impl Fn(&str) -> bool) -> String {
    let start = text
        .find("\"messages\": {\n")
        .unwrap_or_else(|| fail("en.json: no `\"messages\": {` line"))
        + "\"messages\": {\n".len();
    let end = text[start..]
        .find("\n  }")
        .unwrap_or_else(|| fail("en.json: the messages object does not end in a `  }` line"))
        + start;
    // One entry per key: its first line at four spaces, then any deeper lines.
    let mut entries: Vec<(String, String)> = Vec::new();
    for line in text[start..end].lines() {
        if let Some(rest) = line.strip_prefix("    \"") {
            let key = rest
                .split('"')
                .next()
                .unwrap_or_else(|| fail(&format!("en.json: cannot read the key of {line}")));
            entries.push((key.to_owned(), line.to_owned()));
        } else if line.starts_with("     ") || line.trim() == "}" || line.trim() == "}," {
            match entries.last_mut() {
                Some((_, body)) => {
                    body.push('\n');
                    body.push_str(line);
                }
                None => fail(&format!("en.json: a line before the first key: {line}")),
            }
        } else {
            fail(&format!("en.json: unexpected line in messages: {line}"));
        }
    }
    let kept: Vec<&str> = entries
        .iter()
        .filter(|(k, _)| keep(k))
        .map(|(_, body)| body.trim_end_matches(','))
        .collect();
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    out.push_str(&kept.join(",\n"));
    out.push_str(&text[end..]);
    out
}

fn fail(why: &str) -> ! {
    eprintln!("build.rs: {why}");
    std::process::exit(1)
}
