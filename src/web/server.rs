//! The listener: accepts connections and hands each to hyper, with the
//! limits an open server needs against slow or idle clients. axum's own
//! `serve` sets no timer, so hyper's header timeout never fires and an idle
//! or slow client keeps its connection (and a file descriptor) forever;
//! this loop is axum's, with the timer, a cap on connections and the
//! timeouts below. hyper's header timeout starts only with a request's
//! first byte, so a connection that sends nothing, or nothing more after an
//! answer, is watched here: with no request running and no byte read or
//! written for the idle time, it is closed.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{ConnectInfo, Request};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Instant;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// How long a client may take to send a request's headers, and how long a
/// connection may stay idle (no request running, no byte either way).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a request may take, its body included, before it is answered
/// 408; an upload of the largest size allowed at 1 MB/s fits.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(90);
/// How long a new connection waits for the room an idle one makes.
const EVICTION_WAIT: Duration = Duration::from_millis(500);
/// How long open connections are given to finish when the server stops.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// The connections served at once, by default: three quarters of the
/// process's file descriptors (the rest are the database's, the index's and
/// the logs'), at most 10,000.
pub fn default_max_connections() -> usize {
    let files = open_files_limit().unwrap_or(1024);
    (files.saturating_sub(64) * 3 / 4).clamp(16, 10_000)
}

/// The soft limit on open files, from /proc (Linux); none elsewhere.
fn open_files_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits
        .lines()
        .find(|line| line.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// What a listener allows its clients.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Connections at once; one beyond is closed as it arrives, so the
    /// process never runs out of descriptors.
    pub max_connections: usize,
    /// See [`HEADER_TIMEOUT`].
    pub header_timeout: Duration,
}

impl Limits {
    pub fn new(max_connections: usize) -> Limits {
        Limits {
            max_connections,
            header_timeout: HEADER_TIMEOUT,
        }
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, within `limits`:
/// a connection is closed when its headers, or its next request, are
/// slower than the header timeout; at the cap, the connection idle longest
/// makes room for a new one.
pub async fn run(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()>,
) -> anyhow::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let open = Arc::new(Open::default());
    let graceful = GracefulShutdown::new();
    // HTTP/1.1 only: Kinora speaks plain HTTP (TLS and HTTP/2 are the
    // proxy's), and telling the versions apart would wait for a first byte
    // with no timeout at all.
    let mut builder = Builder::new(TokioExecutor::new()).http1_only();
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(256 << 10);
    let builder = Arc::new(builder);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of descriptors or memory, for a moment: wait
                    // rather than spin.
                    tracing::warn!("cannot accept a connection: {error}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let slot = match Arc::clone(&slots).try_acquire_owned() {
            Ok(slot) => slot,
            // Full: the connection idle longest makes room, so that clients
            // holding connections open and idle cannot keep others out.
            // With none idle (every one is running a request), the new one
            // is closed.
            Err(_) => {
                let room = if open.evict_idlest() {
                    tokio::time::timeout(EVICTION_WAIT, Arc::clone(&slots).acquire_owned())
                        .await
                        .ok()
                        .and_then(Result::ok)
                } else {
                    None
                };
                match room {
                    Some(slot) => slot,
                    None => {
                        metrics::counter!("kinora_connections_refused_total").increment(1);
                        drop(stream);
                        continue;
                    }
                }
            }
        };
        let _ = stream.set_nodelay(true);
        let activity = Arc::new(Activity::new());
        let key = open.add(Arc::clone(&activity));
        let app = app.clone();
        let requests = Arc::clone(&activity);
        let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            let app = app.clone();
            let running = Running::start(Arc::clone(&requests));
            async move {
                let response = app
                    .oneshot(request.map(axum::body::Body::new))
                    .await
                    .unwrap_or_else(|never: Infallible| match never {});
                drop(running);
                Ok::<_, Infallible>(response)
            }
        });
        let io = Watched {
            inner: stream,
            activity: Arc::clone(&activity),
        };
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(io), service)
            .into_owned();
        let connection = graceful.watch(connection);
        let idle = limits.header_timeout;
        let open = Arc::clone(&open);
        tokio::spawn(async move {
            tokio::select! {
                _ = connection => {}
                () = activity.idle_for(idle) => {
                    metrics::counter!("kinora_connections_idle_closed_total").increment(1);
                }
                () = activity.evicted.notified() => {
                    metrics::counter!("kinora_connections_evicted_total").increment(1);
                }
            }
            open.remove(key);
            drop(slot);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(SHUTDOWN_GRACE) => {
            tracing::warn!("connections still open after {SHUTDOWN_GRACE:?}; stopping anyway");
        }
    }
    Ok(())
}

/// The connections open, to find the one idle longest when room is needed.
#[derive(Default)]
struct Open {
    next: AtomicU64,
    connections: std::sync::Mutex<std::collections::HashMap<u64, Arc<Activity>>>,
}

impl Open {
    fn add(&self, activity: Arc<Activity>) -> u64 {
        let key = self.next.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut connections) = self.connections.lock() {
            connections.insert(key, activity);
        }
        key
    }

    fn remove(&self, key: u64) {
        if let Ok(mut connections) = self.connections.lock() {
            connections.remove(&key);
        }
    }

    /// Tells the connection idle longest (no request running) to close;
    /// false when every one is at work.
    fn evict_idlest(&self) -> bool {
        let Ok(connections) = self.connections.lock() else {
            return false;
        };
        let idlest = connections
            .values()
            .filter(|activity| activity.running.load(Ordering::Relaxed) == 0)
            .min_by_key(|activity| activity.last());
        match idlest {
            Some(activity) => {
                activity.evicted.notify_one();
                true
            }
            None => false,
        }
    }
}

/// What a connection did last, and how many of its requests are running.
struct Activity {
    opened: Instant,
    /// Milliseconds after `opened` of the last byte read or written.
    last: AtomicU64,
    running: AtomicUsize,
    /// Told to close, to make room for a new connection.
    evicted: tokio::sync::Notify,
}

impl Activity {
    fn new() -> Activity {
        Activity {
            opened: Instant::now(),
            last: AtomicU64::new(0),
            running: AtomicUsize::new(0),
            evicted: tokio::sync::Notify::new(),
        }
    }

    fn touch(&self) {
        let now = u64::try_from(self.opened.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(now, Ordering::Relaxed);
    }

    fn last(&self) -> Instant {
        self.opened + Duration::from_millis(self.last.load(Ordering::Relaxed))
    }

    /// Resolves once the connection has been idle for `idle`: no request
    /// running and nothing read or written.
    async fn idle_for(&self, idle: Duration) {
        loop {
            let deadline = self.last() + idle;
            tokio::time::sleep_until(deadline.into()).await;
            if self.running.load(Ordering::Relaxed) > 0 {
                // A handler at work (an import, say) is not idleness.
                tokio::time::sleep(idle).await;
            } else if self.last() + idle <= Instant::now() {
                return;
            }
        }
    }
}

/// A request running on a connection, from its headers to its handler's
/// answer.
struct Running(Arc<Activity>);

impl Running {
    fn start(activity: Arc<Activity>) -> Running {
        activity.running.fetch_add(1, Ordering::Relaxed);
        activity.touch();
        Running(activity)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.0.touch();
        self.0.running.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A connection's socket that notes each byte read or written.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let result = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.touch();
        }
        result
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let result = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(result, Poll::Ready(Ok(written)) if written > 0) {
            self.activity.touch();
        }
        result
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let result = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(result, Poll::Ready(Ok(written)) if written > 0) {
            self.activity.touch();
        }
        result
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
