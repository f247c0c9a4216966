//! The demo's local server: serves `www/` and the built package (`pkg/`) on
//! 127.0.0.1. Standard library only; one thread per connection.
//!
//! Usage: `fieldnote-demo [--port N]` (or `PORT`; default 8080).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

/// Largest request body read (bigger ones get 413).
const MAX_BODY: usize = 1 << 20;

struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

struct Reply {
    status: u16,
    content_type: &'static str,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type,
            headers: Vec::new(),
            body: body.into(),
        }
    }
}

fn main() {
    let port = port_from_args().unwrap_or(8080);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let listener = match TcpListener::bind(("127.0.0.1", port)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("fieldnote-demo: cannot listen on 127.0.0.1:{port}: {e} (set PORT to use another port)");
            std::process::exit(1);
        }
    };
    let addr = listener.local_addr().map(|a| a.port()).unwrap_or(port);
    println!("fieldnote demo: http://127.0.0.1:{addr}/  (Ctrl-C stops it)");
    for stream in listener.incoming().flatten() {
        let root = root.clone();
        std::thread::spawn(move || {
            let _ = serve(stream, &root);
        });
    }
}

fn port_from_args() -> Option<u16> {
    let args: Vec<String> = std::env::args().collect();
    let from_flag = args
        .iter()
        .position(|a| a == "--port")
        .and_then(|i| args.get(i + 1))
        .cloned();
    from_flag
        .or_else(|| std::env::var("PORT").ok())
        .and_then(|p| p.parse().ok())
}

fn serve(stream: TcpStream, root: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(std::time::Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let reply = match read_request(&mut reader) {
        Ok(req) => route(&req, root),
        Err(status) => Reply::new(status, "text/plain; charset=utf-8", "bad request\n"),
    };
    write_reply(stream, &reply)
}

fn read_request(r: &mut impl BufRead) -> Result<Request, u16> {
    let mut line = String::new();
    r.read_line(&mut line).map_err(|_| 400u16)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().ok_or(400u16)?.to_owned();
    let path = parts.next().ok_or(400u16)?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        r.read_line(&mut h).map_err(|_| 400u16)?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if headers.len() > 100 {
            return Err(431);
        }
        if let Some((n, v)) = h.split_once(':') {
            headers.push((n.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    let len: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    if len > MAX_BODY {
        return Err(413);
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body).map_err(|_| 400u16)?;
    Ok(Request {
        method,
        path,
        headers,
        body,
    })
}

fn write_reply(mut s: TcpStream, reply: &Reply) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        reply.status,
        fieldnote::report::reason_phrase(reply.status).unwrap_or("Status"),
        reply.content_type,
        reply.body.len()
    );
    for (n, v) in &reply.headers {
        head.push_str(n);
        head.push_str(": ");
        head.push_str(v);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes())?;
    s.write_all(&reply.body)?;
    s.flush()
}

fn route(req: &Request, root: &Path) -> Reply {
    let _ = (&req.headers, &req.body);
    if req.method != "GET" && req.method != "HEAD" {
        return Reply::new(405, "text/plain; charset=utf-8", "method not allowed\n");
    }
    let path = req.path.split('?').next().unwrap_or("/");
    let file = match path {
        "/" => root.join("www/index.html"),
        p if p.starts_with("/pkg/") => match safe_join(&root.join("pkg"), &p[5..]) {
            Some(f) => f,
            None => return not_found(),
        },
        p => match safe_join(&root.join("www"), &p[1..]) {
            Some(f) => f,
            None => return not_found(),
        },
    };
    let Some(ct) = content_type(&file) else {
        return not_found();
    };
    match std::fs::read(&file) {
        Ok(bytes) => Reply::new(200, ct, bytes),
        Err(_) => not_found(),
    }
}

fn not_found() -> Reply {
    Reply::new(404, "text/plain; charset=utf-8", "not found\n")
}

/// Joins a URL path under `base`, refusing `..` and absolute parts.
fn safe_join(base: &Path, rel: &str) -> Option<PathBuf> {
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
        "ico" => "image/x-icon",
        _ => return None,
    })
}
