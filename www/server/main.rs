//! The demo's local server: serves the page (`www/`) and the built package
//! (`/pkg/`), and a small API (`/api/`) that validates with the same schema
//! file as the page, natively, through fieldnote's axum integration, and
//! answers in the spec's envelope.
//!
//! axum on tokio and hyper; tower-http serves the files. One request per
//! connection. Connections are bounded: a request head must arrive within
//! the request timeout, the body within the same time, and each client
//! (IP address) holds at most [`connections::PER_CLIENT`] connections — a
//! client at its limit loses its oldest connection that has not sent a
//! request yet, so idle connections (slowloris) never lock anyone out.
//!
//! Usage: `fieldnote-demo [--port N] [--request-timeout SECONDS]` (port:
//! `PORT`, default 8080, 0 picks a free one; default timeout 10 s). It
//! prints its URL, then serves until stopped (Ctrl-C).

#![forbid(unsafe_code)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod api;
mod app;
mod connections;
mod files;
mod scenario;
mod token;

use std::path::PathBuf;
use std::time::Duration;

/// Time allowed for a request head, and then for its body, by default.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (port, timeout) = match options() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("fieldnote-demo: {e}");
            std::process::exit(2);
        }
    };
    let app = match app::app(&root, timeout) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("fieldnote-demo: {e}");
            std::process::exit(1);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("fieldnote-demo: cannot start: {e}");
            std::process::exit(1);
        }
    };
    let code = runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("fieldnote-demo: cannot listen on 127.0.0.1:{port}: {e} (set PORT to use another port)");
                return 1;
            }
        };
        let port = listener.local_addr().map(|a| a.port()).unwrap_or(port);
        println!("fieldnote demo: http://127.0.0.1:{port}/  (Ctrl-C stops it)");
        connections::serve(listener, app, timeout).await;
        0
    });
    // Ctrl-C is left to its default action: the process ends at once and
    // the port is free again.
    std::process::exit(code);
}

/// The port (`--port N`, else `PORT`, else 8080) and the request timeout
/// (`--request-timeout SECONDS`).
fn options() -> Result<(u16, Duration), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut port = None;
    let mut timeout = REQUEST_TIMEOUT;
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
                println!("  --request-timeout S  time a request head, then its body, may take to arrive (default 10)");
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
