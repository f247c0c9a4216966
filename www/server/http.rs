//! HTTP/1.1 on a `TcpStream`, just enough for the demo and hard to abuse:
//! every read has a deadline, lines, headers and bodies have size limits,
//! and each connection answers one request, then closes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// Largest request body accepted; a sign-up is a few hundred bytes.
pub const MAX_BODY: usize = 64 * 1024;
/// Longest request line or header line.
const MAX_LINE: u64 = 8 * 1024;
/// Most header fields in one request.
const MAX_HEADERS: usize = 64;
/// Time allowed to receive a whole request by default (slow clients are cut
/// off); `--request-timeout` changes it.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// How much of an unread body is drained after an early answer, so closing
/// the socket does not reset the connection before the client reads it.
const MAX_DRAIN: u64 = 8 << 20;

/// A request as received.
pub struct Request {
    /// `GET`, `POST`, ... as sent.
    pub method: String,
    /// The request target without its query string.
    pub path: String,
    /// Header fields, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body (at most [`MAX_BODY`] bytes).
    pub body: Vec<u8>,
}

impl Request {
    /// The first header called `name` (lower-case), trimmed.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// An answer.
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// Header fields (`Content-Length` and the fixed ones are added when written).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    /// A reply with a `Content-Type`.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    /// Adds a header (builder style).
    pub fn with(mut self, name: &str, value: impl Into<String>) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// Why no request could be read.
pub enum ReadError {
    /// The client went away (or sent nothing): close without answering.
    Gone,
    /// Answer with this status; the body was not (fully) read.
    Status(u16),
}

/// A reader that fails once the request's deadline has passed, however
/// slowly the bytes trickle in.
pub struct Deadline {
    stream: TcpStream,
    until: Instant,
}

impl Deadline {
    /// Reads from `stream` until `timeout` from now.
    pub fn new(stream: TcpStream, timeout: Duration) -> Deadline {
        Deadline {
            stream,
            until: Instant::now() + timeout,
        }
    }
}

impl Read for Deadline {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

/// Reads one request.
pub fn read_request(r: &mut BufReader<Deadline>) -> Result<Request, ReadError> {
    let line = match read_line(r) {
        Ok(Some(l)) => l,
        Ok(None) | Err(ReadError::Status(408)) => return Err(ReadError::Gone),
        Err(e) => return Err(e),
    };
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Status(400));
    };
    if !version.starts_with("HTTP/1.") || !target.starts_with('/') || method.is_empty() {
        return Err(ReadError::Status(400));
    }
    let path = target.split('?').next().unwrap_or("/").to_owned();
    let mut headers = Vec::new();
    loop {
        let h = read_line(r)?.ok_or(ReadError::Status(400))?;
        if h.is_empty() {
            break;
        }
        if headers.len() >= MAX_HEADERS {
            return Err(ReadError::Status(431));
        }
        let (n, v) = h.split_once(':').ok_or(ReadError::Status(400))?;
        headers.push((n.trim().to_ascii_lowercase(), v.trim().to_owned()));
    }
    if headers.iter().any(|(n, _)| n == "transfer-encoding") {
        return Err(ReadError::Status(411));
    }
    let mut lengths = headers.iter().filter(|(n, _)| n == "content-length");
    let len = match (lengths.next(), lengths.next()) {
        (None, _) => 0,
        (Some((_, v)), None) if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) => {
            v.parse::<usize>().unwrap_or(usize::MAX)
        }
        _ => return Err(ReadError::Status(400)),
    };
    if len > MAX_BODY {
        return Err(ReadError::Status(413));
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body).map_err(|e| match e.kind() {
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => ReadError::Status(408),
        _ => ReadError::Gone,
    })?;
    Ok(Request {
        method: method.to_owned(),
        path,
        headers,
        body,
    })
}

/// One CRLF- (or LF-) terminated line, at most [`MAX_LINE`] bytes;
/// `None` at a clean end of input.
fn read_line(r: &mut BufReader<Deadline>) -> Result<Option<String>, ReadError> {
    let mut buf = Vec::new();
    let n = r
        .by_ref()
        .take(MAX_LINE)
        .read_until(b'\n', &mut buf)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => ReadError::Status(408),
            _ => ReadError::Gone,
        })?;
    if n == 0 {
        return Ok(None);
    }
    if buf.last() != Some(&b'\n') {
        // Too long, or the client stopped mid-line.
        return Err(if n as u64 >= MAX_LINE {
            ReadError::Status(431)
        } else {
            ReadError::Gone
        });
    }
    while matches!(buf.last(), Some(b'\n' | b'\r')) {
        buf.pop();
    }
    String::from_utf8(buf)
        .map(Some)
        .map_err(|_| ReadError::Status(400))
}

/// Writes `reply` (no body for `HEAD`) and closes the connection. With
/// `drain`, the rest of an unread request body is read and dropped first,
/// so the client sees the answer instead of a reset connection.
pub fn write_reply(
    mut stream: &TcpStream,
    reply: &Reply,
    head_only: bool,
    drain: Option<&mut BufReader<Deadline>>,
) -> std::io::Result<()> {
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let mut head = String::with_capacity(256);
    head.push_str("HTTP/1.1 ");
    head.push_str(&reply.status.to_string());
    head.push(' ');
    head.push_str(reason(reply.status));
    head.push_str("\r\n");
    for (n, v) in &reply.headers {
        head.push_str(n);
        head.push_str(": ");
        head.push_str(v);
        head.push_str("\r\n");
    }
    head.push_str("Content-Length: ");
    head.push_str(&reply.body.len().to_string());
    head.push_str("\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&reply.body)?;
    }
    stream.flush()?;
    if let Some(r) = drain {
        let _ = stream.shutdown(Shutdown::Write);
        let _ = std::io::copy(&mut r.by_ref().take(MAX_DRAIN), &mut std::io::sink());
    }
    Ok(())
}

/// The reason phrase: fieldnote's (the statuses it reports on), then the
/// few others this server sends.
fn reason(status: u16) -> &'static str {
    fieldnote::report::reason_phrase(status).unwrap_or(match status {
        405 => "Method Not Allowed",
        411 => "Length Required",
        415 => "Unsupported Media Type",
        431 => "Request Header Fields Too Large",
        _ => "Unknown",
    })
}
