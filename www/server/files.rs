//! Static files: the page (`www/`) and the built package (`/pkg/`), served
//! by tower-http's `ServeDir` (which refuses `..` and decodes paths
//! safely), limited to the kinds of files the page needs.

use std::path::Path;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tower_http::services::ServeDir;

/// What the page may load: its own scripts and the package (WebAssembly
/// needs `wasm-unsafe-eval`; nothing uses `eval` or inline code).
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Only these kinds of files are served (never the server's own source).
const SERVED: &[&str] = &["html", "css", "js", "mjs", "json", "wasm", "svg", "png"];

/// The two directories files come from.
#[derive(Clone)]
pub struct Files {
    www: ServeDir,
    pkg: ServeDir,
}

impl Files {
    /// Files under `root/www` (at `/`) and `root/pkg` (at `/pkg/`).
    pub fn new(root: &Path) -> Files {
        Files {
            www: ServeDir::new(root.join("www")),
            pkg: ServeDir::new(root.join("pkg")),
        }
    }

    /// Answers `GET`/`HEAD` for a file; 404 for anything not served, 405
    /// for other methods.
    pub async fn serve(mut self, req: Request) -> Response {
        let path = req.uri().path().to_owned();
        let ext = path.rsplit_once('.').map(|(_, e)| e);
        if path != "/" && !ext.is_some_and(|e| SERVED.contains(&e)) {
            return not_found();
        }
        let result = match path.strip_prefix("/pkg/").map(str::to_owned) {
            Some(rest) => {
                let mut req = req;
                match format!("/{rest}").parse() {
                    Ok(uri) => *req.uri_mut() = uri,
                    Err(_) => return not_found(),
                }
                self.pkg.try_call(req).await
            }
            None => self.www.try_call(req).await,
        };
        let Ok(res) = result else {
            return not_found();
        };
        let mut res = res.map(Body::new);
        if res.status() == StatusCode::METHOD_NOT_ALLOWED {
            res.headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        }
        let html = res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"));
        if html {
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CSP),
            );
            h.insert(
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            );
        }
        res.headers_mut().insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        res
    }
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Not found.\n",
    )
        .into_response()
}
