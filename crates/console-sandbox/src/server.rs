//! The HTTP server: the accept loop on hyper, and connection control for the `Drop` fault. Each
//! request is read and handed to the router.
//!
//! Each connection runs in its own task. When the router answers [`Outcome::Drop`], the
//! request's service future signals that task, which then drops the connection (closing the
//! socket) without writing a response.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use hyper::body::Incoming;
use hyper::Request;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;

use crate::http::Req;
use crate::router::{self, Outcome};
use crate::state::Shared;

pub(crate) struct ServerHandle {
    shutdown: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl ServerHandle {
    pub(crate) async fn stop(self) {
        let _ = self.shutdown.send(true);
        let _ = self.task.await;
    }

    pub(crate) fn abort(self) {
        let _ = self.shutdown.send(true);
        self.task.abort();
    }
}

pub(crate) fn spawn(listener: TcpListener, shared: Arc<Shared>) -> ServerHandle {
    let (tx, rx) = watch::channel(false);
    let task = tokio::spawn(accept_loop(listener, shared, rx));
    ServerHandle { shutdown: tx, task }
}

async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut connections = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            _ = shutdown.changed() => break,
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(x) => x,
                    Err(e) => {
                        tracing::warn!("accept failed: {e}");
                        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                        continue;
                    }
                };
                let shared = shared.clone();
                let shutdown = shutdown.clone();
                connections.spawn(serve_connection(stream, peer, shared, shutdown));
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.abort_all();
    while connections.join_next().await.is_some() {}
}

async fn serve_connection(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
) {
    let kill = Arc::new(Notify::new());
    let kill_for_service = kill.clone();
    let service = hyper::service::service_fn(move |req: Request<Incoming>| {
        let shared = shared.clone();
        let kill = kill_for_service.clone();
        async move {
            let outcome = match Req::read(req, peer).await {
                Ok(req) => router::handle(&shared, req).await,
                Err(reply) => Outcome::Reply(reply),
            };
            match outcome {
                Outcome::Reply(reply) => Ok::<_, Infallible>(reply.into_response()),
                Outcome::Drop => {
                    kill.notify_one();
                    // The connection task drops this future together with the connection.
                    std::future::pending().await
                }
            }
        }
    });
    let conn =
        hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        res = conn => {
            if let Err(e) = res {
                tracing::debug!("connection from {peer} ended: {e}");
            }
        }
        _ = kill.notified() => {
            tracing::debug!("dropping connection from {peer} (fault)");
        }
        _ = shutdown.changed() => {}
    }
}
