//! Keeps the embedded server running while the console serves: a task looks for the
//! postmaster every second and, when it has exited without being asked to (killed, crashed,
//! stopped by hand), starts it again, waiting longer after each failed attempt. Meanwhile the
//! pool answers every request with the localized 503.
//!
//! Only the embedded default is supervised: a server named by `DATABASE_URL` belongs to
//! someone else, who restarts it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::embedded::{EmbeddedError, EmbeddedPostgres};

/// How the supervisor paces itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// How often it looks for the postmaster.
    pub check_every: Duration,
    /// The wait before the first restart attempt; doubled after each attempt…
    pub first_delay: Duration,
    /// …up to this.
    pub max_delay: Duration,
    /// A server that stayed up this long has recovered: its next exit starts again from
    /// `first_delay`.
    pub settle: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            check_every: Duration::from_secs(1),
            first_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            settle: Duration::from_secs(60),
        }
    }
}

/// The waits between restart attempts. Time is a parameter: the caller says how long the
/// server has stayed up.
#[derive(Debug, Clone)]
pub struct Backoff {
    policy: Policy,
    next: Duration,
}

impl Backoff {
    /// No attempt made yet.
    pub fn new(policy: Policy) -> Self {
        Self {
            policy,
            next: policy.first_delay,
        }
    }

    /// The wait before the next attempt; the one after waits twice as long, up to the cap.
    /// Attempts count across exits until the server has settled, so a server that keeps
    /// dying is restarted less and less often.
    pub fn next_delay(&mut self) -> Duration {
        let delay = self.next;
        self.next = (delay * 2).min(self.policy.max_delay);
        delay
    }

    /// The server has now been up for `uptime`; once that reaches the settle time, the next
    /// exit starts again from the first delay.
    pub fn stayed_up(&mut self, uptime: Duration) {
        if uptime >= self.policy.settle {
            self.next = self.policy.first_delay;
        }
    }
}

/// The running supervisor. [`Supervisor::stop`] it before stopping the server, or it would
/// start the server again.
#[derive(Debug)]
pub struct Supervisor {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Supervisor {
    /// Starts supervising `pg`, which is running now.
    pub fn spawn(pg: Arc<EmbeddedPostgres>, policy: Policy) -> Self {
        let (stop, stopped) = watch::channel(false);
        tracing::info!(
            supervisor.check_every_ms = millis(policy.check_every),
            "supervising embedded PostgreSQL: it is restarted if it exits"
        );
        let task = tokio::spawn(supervise(pg, policy, stopped));
        Self { stop, task }
    }

    /// Stops supervising. A restart under way is finished first, so that once this returns
    /// nothing starts the server behind the caller's back.
    pub async fn stop(self) {
        // The task may have ended already; then there is no one to tell.
        let _ = self.stop.send(true);
        if let Err(error) = self.task.await {
            tracing::error!(%error, "the embedded PostgreSQL supervisor failed");
        }
    }
}

async fn supervise(pg: Arc<EmbeddedPostgres>, policy: Policy, mut stopped: watch::Receiver<bool>) {
    let mut backoff = Backoff::new(policy);
    let mut up_since = Instant::now();
    let mut pid = postmaster_pid(&pg).await;
    loop {
        tokio::select! {
            _ = stopped.changed() => return,
            () = tokio::time::sleep(policy.check_every) => {}
        }
        if let Some(running) = postmaster_pid(&pg).await {
            pid = Some(running);
            backoff.stayed_up(up_since.elapsed());
            continue;
        }
        tracing::warn!(
            postgres.pid = pid,
            postgres.uptime_s = up_since.elapsed().as_secs(),
            "embedded PostgreSQL exited unexpectedly; restarting it"
        );
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let delay = backoff.next_delay();
            tracing::info!(
                restart.attempt = attempt,
                restart.delay_ms = millis(delay),
                "embedded PostgreSQL restart attempt"
            );
            tokio::select! {
                _ = stopped.changed() => return,
                () = tokio::time::sleep(delay) => {}
            }
            // Not raced against `stopped`: a start under way is finished before shutdown
            // goes on to stop the server.
            match start(&pg).await {
                Ok(()) => {
                    pid = postmaster_pid(&pg).await;
                    up_since = Instant::now();
                    tracing::info!(
                        restart.attempt = attempt,
                        postgres.pid = pid,
                        "embedded PostgreSQL restarted"
                    );
                    break;
                }
                Err(error) => tracing::warn!(
                    restart.attempt = attempt,
                    %error,
                    "embedded PostgreSQL restart attempt failed"
                ),
            }
        }
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

async fn postmaster_pid(pg: &Arc<EmbeddedPostgres>) -> Option<u32> {
    let pg = pg.clone();
    tokio::task::spawn_blocking(move || pg.postmaster_pid())
        .await
        .ok()
        .flatten()
}

async fn start(pg: &Arc<EmbeddedPostgres>) -> Result<(), EmbeddedError> {
    let pg = pg.clone();
    tokio::task::spawn_blocking(move || pg.start())
        .await
        .unwrap_or_else(|error| {
            Err(EmbeddedError::Tool {
                tool: "pg_ctl start".into(),
                detail: error.to_string(),
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn restart_attempts_wait_twice_as_long_each_time_up_to_the_cap() {
        let mut backoff = Backoff::new(Policy::default());
        let waits: Vec<_> = (0..10).map(|_| backoff.next_delay()).collect();
        assert_eq!(
            waits,
            [
                500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000
            ]
            .map(ms)
        );
    }

    #[test]
    fn a_server_that_stayed_up_long_enough_is_restarted_at_once_again() {
        let policy = Policy::default();
        // (how long the server stayed up between two exits, the first wait after the second)
        let cases = [
            (Duration::ZERO, ms(4000)),
            (ms(59_999), ms(4000)),
            (policy.settle, ms(500)),
            (Duration::from_secs(3600), ms(500)),
        ];
        for (uptime, expected) in cases {
            let mut backoff = Backoff::new(policy);
            // The first exit took three attempts.
            for _ in 0..3 {
                backoff.next_delay();
            }
            backoff.stayed_up(uptime);
            assert_eq!(backoff.next_delay(), expected, "up for {uptime:?}");
        }
    }
}
