//! Static files: the page (`www/`) and the built package (`/pkg/`).

use std::path::{Component, Path, PathBuf};

use crate::http::{Reply, Request};

/// What the page may load: its own scripts and the package (WebAssembly
/// needs `wasm-unsafe-eval`; nothing uses `eval` or inline code).
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Serves `GET`/`HEAD` for files under `www/` and `pkg/`.
pub fn serve(req: &Request, root: &Path) -> Reply {
    if req.method != "GET" && req.method != "HEAD" {
        return text(405, "Only GET and HEAD are allowed here.\n").with("Allow", "GET, HEAD");
    }
    let file = match req.path.as_str() {
        "/" => Some(root.join("www/index.html")),
        p => match p.strip_prefix("/pkg/") {
            Some(rest) => safe_join(&root.join("pkg"), rest),
            None => safe_join(&root.join("www"), p.get(1..).unwrap_or("")),
        },
    };
    let Some((file, ct)) = file.and_then(|f| content_type(&f).map(|ct| (f, ct))) else {
        return not_found();
    };
    match std::fs::read(&file) {
        Ok(bytes) => {
            let reply = Reply::new(200, ct, bytes);
            if ct.starts_with("text/html") {
                reply
                    .with("Content-Security-Policy", CSP)
                    .with("Referrer-Policy", "no-referrer")
            } else {
                reply
            }
        }
        Err(_) => not_found(),
    }
}

fn text(status: u16, body: &str) -> Reply {
    Reply::new(status, "text/plain; charset=utf-8", body)
}

fn not_found() -> Reply {
    text(404, "Not found.\n")
}

/// Joins a URL path under `base`, refusing `..`, absolute parts and
/// percent-escapes (no file here needs one).
fn safe_join(base: &Path, rel: &str) -> Option<PathBuf> {
    if rel.contains('%') || rel.contains('\\') {
        return None;
    }
    let rel = Path::new(rel);
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    Some(base.join(rel))
}

/// Only these kinds of files are served (never the server's own source).
fn content_type(p: &Path) -> Option<&'static str> {
    Some(match p.extension()?.to_str()? {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => return None,
    })
}
