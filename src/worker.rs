//! What the webhook deliverer ([`crate::webhook`]) and the mail sender ([`crate::mail`]) share:
//! a task that works a queue in rounds (each claims due rows under a lease and settles them),
//! woken by the queue's notification channel and at least every second, and the listener on
//! that channel. Any number of instances may run one: the lease keeps them apart.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use sqlx::PgPool;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

/// A queue's worker task and the listener that wakes it.
#[derive(Debug)]
pub(crate) struct Tasks {
    stop: CancellationToken,
    work: tokio::task::JoinHandle<()>,
    listener: tokio::task::JoinHandle<()>,
}

impl Tasks {
    /// Spawns a listener on `channel` and `work`, which is handed what wakes it and what stops
    /// it.
    pub(crate) fn spawn<W, F>(pool: PgPool, channel: &'static str, work: W) -> Self
    where
        W: FnOnce(Arc<Notify>, CancellationToken) -> F,
        F: Future<Output = ()> + Send + 'static,
    {
        let wake = Arc::new(Notify::new());
        let stop = CancellationToken::new();
        let listener = tokio::spawn(listen(pool, channel, wake.clone()));
        let work = tokio::spawn(work(wake, stop.clone()));
        Self {
            stop,
            work,
            listener,
        }
    }

    /// Stops claiming and waits up to `grace` for the work to end; false if it had not (what it
    /// was doing is claimed again once its lease runs out).
    pub(crate) async fn stop(self, grace: Duration) -> bool {
        self.listener.abort();
        self.stop.cancel();
        tokio::time::timeout(grace, self.work).await.is_ok()
    }
}

/// Runs `round` until `stop` is cancelled. A round says whether it claimed anything: if it did,
/// the next follows at once; if not, the next waits for `wake` or a second, whichever is first
/// (retries come due and leases run out without a notification).
pub(crate) async fn rounds<R, F>(wake: &Notify, stop: &CancellationToken, mut round: R)
where
    R: FnMut() -> F,
    F: Future<Output = bool>,
{
    loop {
        if stop.is_cancelled() {
            break;
        }
        if round().await {
            continue;
        }
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(Duration::from_secs(1)) => {}
            () = stop.cancelled() => break,
        }
    }
}

/// Wakes `wake` on every notification of `channel`, for as long as the task runs, reconnecting
/// after failures (meanwhile the worker still looks every second).
async fn listen(pool: PgPool, channel: &'static str, wake: Arc<Notify>) {
    loop {
        match sqlx::postgres::PgListener::connect_with(&pool).await {
            Ok(mut listener) => {
                if listener.listen(channel).await.is_ok() {
                    wake.notify_one();
                    while let Ok(Some(_)) = listener.try_recv().await {
                        wake.notify_one();
                    }
                }
                tracing::debug!("outbox listener lost its connection");
            }
            Err(error) => tracing::debug!(%error, "outbox listener cannot connect yet"),
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}
