//! Accepting connections without letting idle ones take the server.
//!
//! Each connection answers one request. Its head must arrive within the
//! request timeout (hyper's header timeout, and ours around it), the whole
//! connection ends after three timeouts, and a table bounds how many are
//! open: [`PER_CLIENT`] per IP address, [`MAX_CONNECTIONS`] in all. At a
//! bound, the oldest connection that has not yet sent a request head (of
//! that client, or of anyone) is closed to make room; only when every one
//! is busy with a request does the newcomer get a 503.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::response::IntoResponse;
use axum::Router;
use fieldnote::serve::axum::ApiError;
use hyper::server::conn::http1;
use hyper::service::Service as _;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

/// Most connections one IP address may hold open.
pub const PER_CLIENT: usize = 128;
/// Most connections open at once.
pub const MAX_CONNECTIONS: usize = 1024;
/// Largest request head (request line and headers) accepted, in bytes
/// (hyper's smallest buffer): more gets a 431.
const MAX_HEAD: usize = 8 * 1024;
/// Most header fields in one request: more gets a 431.
const MAX_HEADERS: usize = 64;

/// One open connection, as the table sees it.
struct Entry {
    id: u64,
    ip: IpAddr,
    /// Whether a request head has arrived (then it is never evicted).
    started: Arc<AtomicBool>,
    close: Arc<Notify>,
}

/// The open connections, oldest first.
#[derive(Default)]
pub struct Table {
    open: Mutex<VecDeque<Entry>>,
    next: AtomicU64,
}

/// A connection's place in the table; leaving it frees the place.
pub struct Slot {
    id: u64,
    table: Arc<Table>,
    started: Arc<AtomicBool>,
    close: Arc<Notify>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        if let Ok(mut open) = self.table.open.lock() {
            open.retain(|e| e.id != self.id);
        }
    }
}

impl Table {
    /// A place for a connection from `ip`, evicting an idle connection if
    /// a bound is reached; `None` when every connection in the way is busy.
    pub fn admit(self: &Arc<Table>, ip: IpAddr) -> Option<Slot> {
        let mut open = self.open.lock().ok()?;
        let mine = open.iter().filter(|e| e.ip == ip).count();
        let evict = |open: &mut VecDeque<Entry>, same_client: bool| -> bool {
            let idle = open
                .iter()
                .position(|e| (!same_client || e.ip == ip) && !e.started.load(Ordering::SeqCst));
            match idle.and_then(|i| open.remove(i)) {
                Some(e) => {
                    e.close.notify_one();
                    true
                }
                None => false,
            }
        };
        if mine >= PER_CLIENT && !evict(&mut open, true) {
            return None;
        }
        if open.len() >= MAX_CONNECTIONS && !evict(&mut open, false) {
            return None;
        }
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let started = Arc::new(AtomicBool::new(false));
        let close = Arc::new(Notify::new());
        open.push_back(Entry {
            id,
            ip,
            started: Arc::clone(&started),
            close: Arc::clone(&close),
        });
        Some(Slot {
            id,
            table: Arc::clone(self),
            started,
            close,
        })
    }
}

/// Accepts connections for ever, each on its own task.
pub async fn serve(listener: TcpListener, app: Router, timeout: Duration) {
    let table = Arc::new(Table::default());
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(c) => c,
            // Out of file descriptors, or a connection reset before it was
            // accepted: wait a little rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let slot = table.admit(peer.ip());
        let app = app.clone();
        tokio::spawn(async move {
            match slot {
                Some(slot) => connection(stream, app, slot, timeout).await,
                None => busy(stream).await,
            }
        });
    }
}

fn builder(timeout: Duration) -> http1::Builder {
    let mut b = http1::Builder::new();
    // A client that sends its request and then closes its side (`shutdown(SHUT_WR)`, as curl
    // and raw sockets may) still gets the answer: without half-close hyper drops the
    // connection when that FIN arrives before the response is written (seen under load).
    b.timer(TokioTimer::new())
        .header_read_timeout(timeout)
        .half_close(true)
        .keep_alive(false)
        .max_buf_size(MAX_HEAD)
        .max_headers(MAX_HEADERS);
    b
}

/// Serves one connection (a socket, or in the `http` fuzz target an
/// in-memory stream) in its `slot`: at most one request, within the
/// timeouts.
pub async fn connection<S>(stream: S, app: Router, slot: Slot, timeout: Duration)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let inner = TowerToHyperService::new(app);
    let started = Arc::clone(&slot.started);
    let service = hyper::service::service_fn(move |req| {
        started.store(true, Ordering::SeqCst);
        let answer = inner.call(req);
        async move {
            let mut res = answer.await?;
            // RFC 9110's reason phrases, as fieldnote's reports print them
            // ("422 Unprocessable Content", not RFC 4918's "Entity").
            if let Some(p) = fieldnote::report::reason_phrase(res.status().as_u16()) {
                if let Ok(p) = hyper::ext::ReasonPhrase::try_from(p.as_bytes()) {
                    res.extensions_mut().insert(p);
                }
            }
            Ok::<_, Infallible>(res)
        }
    });
    let conn = builder(timeout).serve_connection(TokioIo::new(stream), service);
    // No request head within the timeout: closed without an answer.
    let head = async {
        tokio::time::sleep(timeout).await;
        if slot.started.load(Ordering::SeqCst) {
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        _ = conn => {}
        _ = slot.close.notified() => {}
        _ = head => {}
        _ = tokio::time::sleep(timeout.saturating_mul(3)) => {}
    }
}

/// Every place is taken by a connection that is being answered: a 503 in
/// the spec's envelope, after reading at most a short request head.
async fn busy(stream: TcpStream) {
    let service = hyper::service::service_fn(|_req| async {
        Ok::<_, Infallible>(
            ApiError::new(
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "The demo server is busy. Try again in a moment.",
            )
            .header("retry-after", "1")
            .into_response(),
        )
    });
    let wait = Duration::from_secs(2);
    let conn = builder(wait).serve_connection(TokioIo::new(stream), service);
    let _ = tokio::time::timeout(wait, conn).await;
}
