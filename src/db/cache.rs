//! A per-tenant cache of loaded and evaluated state, kept exact by PostgreSQL `LISTEN/NOTIFY`.
//!
//! Every change to a tenant table fires `NOTIFY readiness_state` (a trigger in the schema), so
//! any number of app instances drop what they cached. The cache serves nothing unless its
//! listener is connected: while the listener is down, every request loads from the database.
//! An epoch counter stops a load that raced with a notification from caching stale state.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::PgListener;

/// The channel the schema's triggers notify.
pub const CHANNEL: &str = "readiness_state";

/// Cached values by tenant slug.
#[derive(Debug)]
pub struct StateCache<T> {
    entries: RwLock<HashMap<String, Arc<T>>>,
    epoch: AtomicU64,
    live: AtomicBool,
}

impl<T> Default for StateCache<T> {
    fn default() -> Self {
        Self {
            entries: RwLock::new(HashMap::new()),
            epoch: AtomicU64::new(0),
            live: AtomicBool::new(false),
        }
    }
}

impl<T> StateCache<T> {
    /// The cached value, if the listener is live and one is cached.
    pub fn get(&self, slug: &str) -> Option<Arc<T>> {
        if !self.live.load(Ordering::Acquire) {
            return None;
        }
        self.entries.read().ok()?.get(slug).cloned()
    }

    /// Call before loading; hand the token to [`StateCache::put`].
    pub fn token(&self) -> u64 {
        self.epoch.load(Ordering::Acquire)
    }

    /// Caches `value` unless a notification arrived since `token` was taken.
    pub fn put(&self, slug: &str, token: u64, value: Arc<T>) {
        if !self.live.load(Ordering::Acquire) {
            return;
        }
        if let Ok(mut entries) = self.entries.write()
            && self.epoch.load(Ordering::Acquire) == token
        {
            entries.insert(slug.to_owned(), value);
        }
    }

    /// Drops everything cached. Called on every notification: writes are rare next to reads,
    /// and one tenant's change costs the others one load each.
    pub fn invalidate(&self) {
        // Bump first, so a load in flight cannot put its result back after the clear.
        self.epoch.fetch_add(1, Ordering::AcqRel);
        if let Ok(mut entries) = self.entries.write() {
            entries.clear();
        }
    }

    fn set_live(&self, live: bool) {
        self.invalidate();
        self.live.store(live, Ordering::Release);
        self.invalidate();
    }

    /// Whether the listener is connected (and the cache therefore in use).
    pub fn is_live(&self) -> bool {
        self.live.load(Ordering::Acquire)
    }
}

/// Keeps a `LISTEN` connection open for as long as the task runs, reconnecting after failures.
pub async fn listen<T>(pool: PgPool, cache: Arc<StateCache<T>>) {
    loop {
        match PgListener::connect_with(&pool).await {
            Ok(mut listener) => {
                if let Err(error) = listener.listen(CHANNEL).await {
                    tracing::warn!(%error, "cannot listen for state changes; cache disabled");
                } else {
                    cache.set_live(true);
                    tracing::debug!("listening for state changes; cache enabled");
                    // `None` or an error: the connection dropped and notifications may have been
                    // lost, so the cache is switched off until the listener is back.
                    while let Ok(Some(_)) = listener.try_recv().await {
                        cache.invalidate();
                    }
                    tracing::warn!("state change listener lost its connection; cache disabled");
                }
                cache.set_live(false);
            }
            Err(error) => {
                tracing::debug!(%error, "state change listener cannot connect yet");
            }
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}
