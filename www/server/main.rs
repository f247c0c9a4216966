//! The demo's local server: serves the page (`www/`) and the built package
//! (`/pkg/`), and a small API (`/api/`) that validates with the same schema
//! file as the page, natively, and answers in the spec's envelope.
//! Standard library only; one thread per connection, a bounded number of
//! connections, one request per connection.
//!
//! Usage: `fieldnote-demo [--port N] [--request-timeout SECONDS]` (port:
//! `PORT`, default 8080, 0 picks a free one; a request must arrive within
//! the timeout, default 10 s). It prints its URL, then serves until stopped
//! (Ctrl-C).

#![forbid(unsafe_code)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod api;
mod files;
mod http;
mod scenario;
mod token;

use std::io::BufReader;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use http::{Deadline, ReadError, Reply};

/// Most connections served at once; more get a 503 straight away.
const MAX_CONNECTIONS: usize = 64;
static OPEN: AtomicUsize = AtomicUsize::new(0);

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let api = match load_api(&root) {
        Ok(a) => Arc::new(a),
        Err(e) => {
            eprintln!("fieldnote-demo: {e}");
            std::process::exit(1);
        }
    };
    let (port, timeout) = match options() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("fieldnote-demo: {e}");
            std::process::exit(2);
        }
    };
    let listener = match TcpListener::bind(("127.0.0.1", port)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("fieldnote-demo: cannot listen on 127.0.0.1:{port}: {e} (set PORT to use another port)");
            std::process::exit(1);
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(port);
    println!("fieldnote demo: http://127.0.0.1:{port}/  (Ctrl-C stops it)");
    for stream in listener.incoming().flatten() {
        if OPEN.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            busy(stream);
            OPEN.fetch_sub(1, Ordering::SeqCst);
            continue;
        }
        let (root, api) = (root.clone(), Arc::clone(&api));
        let spawned = std::thread::Builder::new().spawn(move || {
            let _ = serve(stream, &root, &api, timeout);
            OPEN.fetch_sub(1, Ordering::SeqCst);
        });
        if spawned.is_err() {
            OPEN.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// The API with the page's schema, `www/schema/signup.json`.
fn load_api(root: &Path) -> Result<api::Api, String> {
    let rel = "www/schema/signup.json";
    let schema =
        std::fs::read_to_string(root.join(rel)).map_err(|e| format!("cannot read {rel}: {e}"))?;
    api::Api::new(&schema).map_err(|e| format!("{rel}: {e}"))
}

/// The port (`--port N`, else `PORT`, else 8080) and the request timeout
/// (`--request-timeout SECONDS`).
fn options() -> Result<(u16, Duration), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut port = None;
    let mut timeout = http::REQUEST_TIMEOUT;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--port" => port = Some(it.next().cloned().unwrap_or_default()),
            "--request-timeout" => {
                timeout = it
                    .next()
                    .and_then(|s| s.parse::<u64>().ok())
                    .filter(|s| (1..=3600).contains(s))
                    .map(Duration::from_secs)
                    .ok_or("--request-timeout takes whole seconds from 1 to 3600")?;
            }
            "-h" | "--help" => {
                println!("usage: fieldnote-demo [--port N] [--request-timeout SECONDS]");
                println!("  --port N             127.0.0.1 port (or PORT=N; default 8080; 0 picks a free port)");
                println!("  --request-timeout S  time a request may take to arrive (default 10)");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?} (try --help)")),
        }
    }
    let port = match port.or_else(|| std::env::var("PORT").ok().filter(|p| !p.is_empty())) {
        None => 8080,
        Some(p) => p
            .trim()
            .parse()
            .map_err(|_| format!("the port must be a number from 0 to 65535, not {p:?}"))?,
    };
    Ok((port, timeout))
}

fn serve(stream: TcpStream, root: &Path, api: &api::Api, timeout: Duration) -> std::io::Result<()> {
    let mut reader = BufReader::new(Deadline::new(stream.try_clone()?, timeout));
    match http::read_request(&mut reader) {
        Ok(req) => {
            let reply = if req.path.starts_with("/api/") {
                api.handle(&req)
            } else {
                files::serve(&req, root)
            };
            http::write_reply(&stream, &reply, req.method == "HEAD", None)
        }
        Err(ReadError::Gone) => Ok(()),
        Err(ReadError::Status(status)) => {
            http::write_reply(&stream, &read_error(status), false, Some(&mut reader))
        }
    }
}

/// The spec's envelope for a request that could not be read.
fn read_error(status: u16) -> Reply {
    let (code, message) = match status {
        408 => (
            "request_timeout",
            "The request took too long to arrive. Try again.",
        ),
        411 => (
            "length_required",
            "Send the body with a Content-Length header; chunked uploads are not accepted.",
        ),
        413 => (
            "payload_too_large",
            "The request is too large: a sign-up must be smaller than 64 KB.",
        ),
        431 => ("headers_too_large", "The request headers are too large."),
        _ => ("bad_request", "The request could not be read as HTTP/1.1."),
    };
    api::error(status, code, message)
}

/// Answers 503 when every connection slot is taken.
fn busy(stream: TcpStream) {
    let reply = api::error(
        503,
        "unavailable",
        "The demo server is busy. Try again in a moment.",
    )
    .with("Retry-After", "1");
    let _ = http::write_reply(&stream, &reply, false, None);
}
