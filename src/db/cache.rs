//! A per-tenant cache of loaded and evaluated state, kept exact by PostgreSQL `LISTEN/NOTIFY`.
//!
//! Every change to a tenant table fires `NOTIFY readiness_state` with the tenant's id (a trigger
//! in the schema), so any number of app instances drop what they cached of that tenant, and of
//! no other. A truncate notifies `*`, which drops everything. The cache serves nothing unless
//! its listener is connected: while the listener is down, every request loads from the
//! database.
//!
//! The cache is bounded (moka, least recently used out first): at ten thousand tenants, the
//! ones being read stay cached and the rest cost one load when next read.
//!
//! A load that raced with a notification must not cache what it read before the change. Each
//! notification is numbered; a load takes the number before it reads ([`StateCache::token`]),
//! and [`StateCache::put`] refuses its result when its tenant (or, for a notification naming a
//! tenant this cache never loaded, any tenant) changed since.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use moka::sync::Cache;
use sqlx::PgPool;
use sqlx::postgres::PgListener;
use uuid::Uuid;

/// The channel the schema's triggers notify.
pub const CHANNEL: &str = "readiness_state";

/// How many tenants' evaluated states are kept by default.
pub const DEFAULT_TENANTS: u64 = 1_000;

/// A load's place in the sequence of notifications (see [`StateCache::token`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token(u64);

/// Cached values by tenant slug.
pub struct StateCache<T> {
    entries: Cache<String, Arc<T>>,
    /// Which slug a notified tenant id names: learnt when a value is put.
    slugs: Cache<Uuid, String>,
    /// The number of the last notification naming each slug. Bounded too: when one is evicted,
    /// `changed_any` takes its number, so forgetting is never mistaken for "unchanged".
    changed: Cache<String, u64>,
    /// The number of the last notification that could concern any tenant.
    changed_any: Arc<AtomicU64>,
    notifications: AtomicU64,
    live: AtomicBool,
}

impl<T> std::fmt::Debug for StateCache<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StateCache")
            .field("entries", &self.entries.entry_count())
            .field("live", &self.live.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl<T: Send + Sync + 'static> Default for StateCache<T> {
    fn default() -> Self {
        Self::new(DEFAULT_TENANTS)
    }
}

impl<T: Send + Sync + 'static> StateCache<T> {
    /// A cache of at most `tenants` evaluated tenants.
    pub fn new(tenants: u64) -> Self {
        let changed_any = Arc::new(AtomicU64::new(0));
        let forgotten = changed_any.clone();
        // Ids and change numbers are a few dozen bytes each: keep many more of them than of
        // values, so a write to a tenant read a while ago still finds its slug.
        let keys = tenants.saturating_mul(8).max(1_024);
        Self {
            entries: Cache::builder().max_capacity(tenants).build(),
            slugs: Cache::builder().max_capacity(keys).build(),
            changed: Cache::builder()
                .max_capacity(keys)
                .eviction_listener(move |_, number: u64, _| {
                    forgotten.fetch_max(number, Ordering::AcqRel);
                })
                .build(),
            changed_any,
            notifications: AtomicU64::new(0),
            live: AtomicBool::new(false),
        }
    }

    /// The cached value, if the listener is live and one is cached.
    pub fn get(&self, slug: &str) -> Option<Arc<T>> {
        if !self.live.load(Ordering::Acquire) {
            return None;
        }
        self.entries.get(slug)
    }

    /// Call before loading; hand the token to [`StateCache::put`].
    pub fn token(&self) -> Token {
        Token(self.notifications.load(Ordering::Acquire))
    }

    /// Caches `value`, the state of tenant `id` known as `slug`, unless a notification that may
    /// concern it arrived since `token` was taken.
    pub fn put(&self, slug: &str, id: Uuid, token: Token, value: Arc<T>) {
        if !self.live.load(Ordering::Acquire) {
            return;
        }
        self.slugs.insert(id, slug.to_owned());
        if self.changed_since(slug, token) {
            return;
        }
        self.entries.insert(slug.to_owned(), value);
        // A notification may have slipped in between the check and the insert: look again,
        // now that a later notification would find the entry and drop it.
        if self.changed_since(slug, token) {
            self.entries.invalidate(slug);
        }
    }

    fn changed_since(&self, slug: &str, Token(token): Token) -> bool {
        self.changed_any.load(Ordering::Acquire) > token
            || self.changed.get(slug).is_some_and(|number| number > token)
    }

    /// What a notification's payload names: a tenant id, or anything else (`*` after a
    /// truncate) for every tenant.
    pub fn notified(&self, payload: &str) {
        match Uuid::parse_str(payload)
            .ok()
            .and_then(|id| self.slugs.get(&id))
        {
            Some(slug) => self.invalidate(&slug),
            // A tenant this cache never put (or has forgotten) may be loading right now.
            None => self.invalidate_all(),
        }
    }

    /// Drops what is cached of the tenant `slug`.
    pub fn invalidate(&self, slug: &str) {
        // Number first, so a load in flight cannot put its result back after the drop.
        let number = self.notifications.fetch_add(1, Ordering::AcqRel) + 1;
        self.changed.insert(slug.to_owned(), number);
        self.entries.invalidate(slug);
    }

    /// Drops everything cached.
    pub fn invalidate_all(&self) {
        let number = self.notifications.fetch_add(1, Ordering::AcqRel) + 1;
        self.changed_any.fetch_max(number, Ordering::AcqRel);
        self.entries.invalidate_all();
    }

    fn set_live(&self, live: bool) {
        self.invalidate_all();
        self.live.store(live, Ordering::Release);
        self.invalidate_all();
    }

    /// Whether the listener is connected (and the cache therefore in use).
    pub fn is_live(&self) -> bool {
        self.live.load(Ordering::Acquire)
    }

    /// How many tenants are cached (approximately: evictions run in the background).
    pub fn len(&self) -> u64 {
        self.entries.run_pending_tasks();
        self.entries.entry_count()
    }

    /// Whether nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Keeps a `LISTEN` connection open for as long as the task runs, reconnecting after failures.
/// Each notification's payload is handed to `on_change` once the cache has dropped what it
/// names (the live consoles reload it); on (re)connecting, `*`: notifications may have been
/// lost meanwhile.
pub async fn listen<T: Send + Sync + 'static>(
    pool: PgPool,
    cache: Arc<StateCache<T>>,
    on_change: impl Fn(&str) + Send + 'static,
) {
    loop {
        match PgListener::connect_with(&pool).await {
            Ok(mut listener) => {
                if let Err(error) = listener.listen(CHANNEL).await {
                    tracing::warn!(%error, "cannot listen for state changes; cache disabled");
                } else {
                    cache.set_live(true);
                    on_change("*");
                    tracing::debug!("listening for state changes; cache enabled");
                    // `None` or an error: the connection dropped and notifications may have been
                    // lost, so the cache is switched off until the listener is back.
                    while let Ok(Some(notification)) = listener.try_recv().await {
                        cache.notified(notification.payload());
                        on_change(notification.payload());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn live(tenants: u64) -> StateCache<&'static str> {
        let cache = StateCache::new(tenants);
        cache.set_live(true);
        cache
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn a_change_drops_only_its_tenant() {
        let cache = live(10);
        cache.put("acme", id(1), cache.token(), Arc::new("acme"));
        cache.put("bfg", id(2), cache.token(), Arc::new("bfg"));
        cache.notified(&id(1).to_string());
        assert!(cache.get("acme").is_none());
        assert_eq!(cache.get("bfg").as_deref(), Some(&"bfg"));
    }

    #[test]
    fn a_truncate_or_an_unknown_tenant_drops_everything() {
        for payload in ["*".to_owned(), id(9).to_string()] {
            let cache = live(10);
            cache.put("acme", id(1), cache.token(), Arc::new("acme"));
            cache.notified(&payload);
            assert!(cache.get("acme").is_none(), "{payload}");
        }
    }

    #[test]
    fn a_load_that_raced_with_its_tenant_change_is_not_cached() {
        let cache = live(10);
        cache.put("acme", id(1), cache.token(), Arc::new("old"));
        let token = cache.token();
        cache.notified(&id(1).to_string());
        cache.put("acme", id(1), token, Arc::new("read before the change"));
        assert!(cache.get("acme").is_none());
        // Another tenant's change does not stop it.
        let token = cache.token();
        cache.invalidate("bfg");
        cache.put("acme", id(1), token, Arc::new("fresh"));
        assert_eq!(cache.get("acme").as_deref(), Some(&"fresh"));
    }

    #[test]
    fn a_first_load_racing_with_its_first_change_is_not_cached() {
        // The cache has never seen acme's id: the notification cannot be told from any other.
        let cache = live(10);
        let token = cache.token();
        cache.notified(&id(1).to_string());
        cache.put("acme", id(1), token, Arc::new("stale"));
        assert!(cache.get("acme").is_none());
    }

    #[test]
    fn a_forgotten_change_number_counts_as_a_change() {
        let cache = live(1);
        let token = cache.token();
        // More changed slugs than the cache keeps numbers for.
        for n in 0..5_000 {
            cache.invalidate(&format!("t{n}"));
        }
        cache.changed.run_pending_tasks();
        cache.put("t0", id(1), token, Arc::new("stale"));
        assert!(cache.get("t0").is_none());
    }

    #[test]
    fn the_cache_is_bounded() {
        let cache = live(100);
        for n in 0..1_000u32 {
            cache.put(&format!("t{n}"), id(n.into()), cache.token(), Arc::new("x"));
        }
        assert!(cache.len() <= 100, "{} cached", cache.len());
    }

    #[test]
    fn nothing_is_served_while_the_listener_is_down() {
        let cache = live(10);
        cache.put("acme", id(1), cache.token(), Arc::new("acme"));
        cache.set_live(false);
        assert!(cache.get("acme").is_none());
        cache.put("acme", id(1), cache.token(), Arc::new("acme"));
        cache.set_live(true);
        assert!(cache.get("acme").is_none());
    }
}
