//! The `http` fuzz target's body: arbitrary bytes as one raw HTTP/1.1
//! connection to the demo server (`www/server/`), served by the code
//! `fieldnote-demo` runs (`app::app`, `connections::connection`: hyper's
//! HTTP/1 reader, its limits and timeouts, axum's router, the API and the
//! files) on an in-memory stream. The client writes the bytes, closes its
//! side and reads until the server closes. Checked: no panic; an answer
//! or a clean close within [`LIMIT`]; the answer is well-formed (status
//! line in the request's HTTP/1.x version, headers, a body of the length
//! the head gives) with a status the server is meant to send.
//!
//! Needs the server's dependencies (feature `demo`): the fuzz crate always
//! has them; `tests/hardening.rs` replays `http` inputs only when built
//! with `--features demo`.

#[path = "../www/server/api.rs"]
mod api;
#[path = "../www/server/app.rs"]
mod app;
#[path = "../www/server/connections.rs"]
mod connections;
#[path = "../www/server/files.rs"]
mod files;
#[path = "../www/server/scenario.rs"]
mod scenario;
#[path = "../www/server/token.rs"]
mod token;

use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The server's request timeout (the demo's default is 10 s; nothing here
/// waits for it: the client closes its side after writing).
const TIMEOUT: Duration = Duration::from_secs(2);
/// Longest the client waits for the answer and the close (a hang is a
/// finding; libFuzzer's own timeout is 10 s).
const LIMIT: Duration = Duration::from_secs(8);

/// Statuses the demo server sends: its API's, the file service's
/// (tower-http: ranges, conditional requests) and hyper's for requests it
/// cannot read (400, 414 URI too long, 431 head too large, 501 unknown
/// transfer coding, 505 version).
const STATUSES: &[u16] = &[
    100, 200, 201, 206, 304, 400, 401, 403, 404, 405, 409, 412, 413, 414, 415, 416, 422, 429, 431,
    500, 501, 502, 503, 505,
];

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime")
    })
}

/// The demo's router, built once for the repository this file is in.
fn router() -> axum::Router {
    static APP: OnceLock<axum::Router> = OnceLock::new();
    APP.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = if dir.join("www/schema/signup.json").exists() {
            dir
        } else {
            dir.parent().expect("the repository")
        };
        app::app(root, TIMEOUT).expect("the demo server's router")
    })
    .clone()
}

/// http: the bytes as a raw HTTP/1.1 connection (see the module's doc).
pub fn http(data: &[u8]) {
    let app = router();
    let table = Arc::new(connections::Table::default());
    let slot = table
        .admit(IpAddr::V4(Ipv4Addr::LOCALHOST))
        .expect("an empty table admits");
    let (client, server) = tokio::io::duplex(64 * 1024);
    let answer = runtime().block_on(async move {
        let serve = connections::connection(server, app, slot, TIMEOUT);
        let talk = async move {
            let (mut rd, mut wr) = tokio::io::split(client);
            // The server may answer and close before reading everything
            // (a head too large): a failed write is not a finding.
            let write = async {
                let _ = wr.write_all(data).await;
                let _ = wr.shutdown().await;
            };
            let read = async {
                let mut out = Vec::new();
                let _ = rd.read_to_end(&mut out).await;
                out
            };
            tokio::join!(write, read).1
        };
        tokio::time::timeout(LIMIT, async { tokio::join!(serve, talk).1 }).await
    });
    let answer = answer.unwrap_or_else(|_| panic!("no answer and no close within {LIMIT:?}"));
    check_answer(data, &answer);
}

/// `answer` is empty (a clean close) or interim answers then one final
/// answer, each well-formed, with nothing after it.
fn check_answer(request: &[u8], answer: &[u8]) {
    // HTTP/1.1 servers skip empty lines before a request line (RFC 9112 §2.2).
    let start = request
        .iter()
        .position(|&b| b != b'\r' && b != b'\n')
        .unwrap_or(request.len());
    let head_request = request
        .get(start..)
        .is_some_and(|r| r.starts_with(b"HEAD "));
    let mut rest = answer;
    while !rest.is_empty() {
        let (status, headers, after) = parse_head(rest);
        assert!(
            STATUSES.contains(&status),
            "status {status} is not one the server sends:\n{}",
            String::from_utf8_lossy(&answer[..answer.len().min(2000)])
        );
        if status < 200 {
            rest = after;
            continue;
        }
        let header = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        let body = if head_request || status == 304 {
            0
        } else if header("transfer-encoding").is_some_and(|t| t.eq_ignore_ascii_case("chunked")) {
            chunked_len(after)
        } else if let Some(n) = header("content-length") {
            n.parse::<usize>()
                .unwrap_or_else(|_| panic!("Content-Length {n:?}"))
        } else {
            after.len() // delimited by the close
        };
        assert_eq!(
            after.len(),
            body,
            "status {status}: the body is not the length the head gives"
        );
        return;
    }
}

/// The status, headers and what follows the head of an answer.
fn parse_head(answer: &[u8]) -> (u16, Vec<(String, String)>, &[u8]) {
    let end = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| {
            panic!(
                "an answer without the end of its head: {:?}",
                String::from_utf8_lossy(&answer[..answer.len().min(500)])
            )
        });
    let head = std::str::from_utf8(&answer[..end]).expect("the head is ASCII");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .strip_prefix("HTTP/1.1 ")
        // An HTTP/1.0 request gets an HTTP/1.0 answer.
        .or_else(|| status_line.strip_prefix("HTTP/1.0 "))
        .and_then(|s| s.get(..3))
        .and_then(|s| s.parse::<u16>().ok())
        .unwrap_or_else(|| panic!("status line {status_line:?}"));
    assert!(
        status_line.len() > 13 && status_line.as_bytes()[12] == b' ',
        "status line without a reason: {status_line:?}"
    );
    let headers = lines
        .map(|l| {
            let (n, v) = l
                .split_once(':')
                .unwrap_or_else(|| panic!("header line {l:?}"));
            assert!(
                !n.is_empty() && !n.contains(char::is_whitespace),
                "header name {n:?}"
            );
            (n.to_owned(), v.trim().to_owned())
        })
        .collect();
    (status, headers, &answer[end + 4..])
}

/// Length of a complete chunked body at the start of `body`.
fn chunked_len(body: &[u8]) -> usize {
    let mut at = 0;
    loop {
        let line_end = body[at..]
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("a chunk size line")
            + at;
        let size = std::str::from_utf8(&body[at..line_end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next().unwrap_or("").trim(), 16).ok())
            .expect("a chunk size");
        at = line_end + 2;
        if size == 0 {
            // No trailers are sent: the empty line ends the body.
            assert_eq!(&body[at..at + 2], b"\r\n", "the end of a chunked body");
            return at + 2;
        }
        at += size;
        assert_eq!(&body[at..at + 2], b"\r\n", "the end of a chunk");
        at += 2;
    }
}
