//! Who is signed in, the CSRF token, the same-origin check and sign-in throttling; and the
//! middleware that turns a session store that cannot be reached into the 503 page.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::{AppError, AppState};

const AUTH: &str = "auth";
const CSRF: &str = "csrf";

/// The signed-in actor, as kept in the session. (A session kept in an older shape, without a
/// sign-in id, reads as nobody signed in.)
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignedIn {
    /// The tenant signed in to.
    pub tenant: String,
    /// The actor.
    pub actor: String,
    /// When it began, to the microsecond (as PostgreSQL keeps `sessions_valid_from`, with which
    /// it is compared). Moved to "now" when this session is kept while the others end.
    #[serde(with = "time::serde::rfc3339")]
    pub since: time::OffsetDateTime,
    /// The sign-in's id (its `sign_ins` row): random, 128 bits, hex.
    pub sign_in: String,
}

impl SignedIn {
    /// Whether at `now` this sign-in has lasted longer than `lifetime`.
    pub fn outlived(&self, now: time::OffsetDateTime, lifetime: Duration) -> bool {
        // `since` is kept to the microsecond (as PostgreSQL stores the sign-in): so is `now`.
        crate::checkpoint::to_micros(now) - self.since > lifetime
    }
}

/// A random token (128 bits, hex).
pub fn random_token() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// The actor signed in to `tenant` in this session, if any. A sign-in past its absolute
/// lifetime was ended by [`load`] before the handler ran.
pub async fn viewer(session: &Session, tenant: &str) -> Option<SignedIn> {
    // No cookie named a session: nobody is signed in, and there is no record to read (asking
    // for one would make an empty one, for nothing, on every anonymous page view).
    session.id()?;
    let signed: SignedIn = session.get(AUTH).await.ok().flatten()?;
    (signed.tenant == tenant).then_some(signed)
}

/// Whether this session is signed in to a tenant other than `tenant`: a sign-out posted to
/// another tenant's URL does not end it.
pub async fn signed_in_elsewhere(session: &Session, tenant: &str) -> bool {
    if session.id().is_none() {
        return false;
    }
    let signed: Option<SignedIn> = session.get(AUTH).await.ok().flatten();
    signed.is_some_and(|s| s.tenant != tenant)
}

/// The session's CSRF token, created on first use.
pub async fn csrf_token(session: &Session) -> String {
    if let Ok(Some(token)) = session.get::<String>(CSRF).await {
        return token;
    }
    let token = random_token();
    let _ = session.insert(CSRF, &token).await;
    token
}

/// Whether a submitted token is the session's.
pub async fn csrf_matches(session: &Session, submitted: &str) -> bool {
    match session.get::<String>(CSRF).await {
        Ok(Some(token)) => {
            // Compare digests, so the time taken says nothing about the token.
            use sha2::{Digest, Sha256};
            Sha256::digest(token.as_bytes()) == Sha256::digest(submitted.as_bytes())
        }
        _ => false,
    }
}

impl SignedIn {
    /// A sign-in of `actor` to `tenant` beginning at `now`, with a fresh id.
    pub fn new(tenant: &str, actor: &str, now: time::OffsetDateTime) -> Self {
        Self {
            tenant: tenant.to_owned(),
            actor: actor.to_owned(),
            since: crate::checkpoint::to_micros(now),
            sign_in: random_token(),
        }
    }
}

/// Keeps `signed` in the session: a new session id (the old one dies), a new CSRF token.
pub async fn sign_in(
    session: &Session,
    signed: &SignedIn,
) -> Result<(), tower_sessions::session::Error> {
    session.cycle_id().await?;
    session.insert(AUTH, signed).await?;
    session.insert(CSRF, random_token()).await
}

/// Keeps this session while the account's others end: it counts from `from` (the account's
/// new `sessions_valid_from`) under a new session id.
pub async fn restamp(
    session: &Session,
    signed: &SignedIn,
    from: time::OffsetDateTime,
) -> Result<(), tower_sessions::session::Error> {
    let mut kept = signed.clone();
    kept.since = from;
    session.cycle_id().await?;
    session.insert(AUTH, kept).await
}

/// Signs out: the session is destroyed (in the store too, or it fails: a session row left
/// behind would still be valid). The answer, passed through [`signed_out`], clears the
/// browser's cookie.
pub async fn sign_out(session: &Session) -> Result<(), tower_sessions::session::Error> {
    session.flush().await
}

/// Marks the answer to a sign-out: the one answer that clears the browser's session cookie
/// (see [`keep_cookie`]).
pub fn signed_out(mut response: Response) -> Response {
    response.extensions_mut().insert(SignedOut);
    response
}

/// The mark of [`signed_out`].
#[derive(Debug, Clone, Copy)]
struct SignedOut;

/// The session layer answers every request whose cookie names no session with a cookie that
/// clears it. But a cookie names no session also when a newer one has just replaced it — at
/// sign-in, or when this session is kept while the account's others end — and a request the
/// browser sent with the old id in that moment (the live stream reconnecting, a second tab)
/// would then clear the new cookie if its answer arrived last: signed out of the session just
/// begun or kept. So only a sign-out's answer clears the cookie; any other keeps the browser's
/// cookie as it is. A cookie naming no session reads as nobody signed in, so keeping it costs
/// nothing.
pub(super) fn keep_cookie(name: &'static str) -> impl Fn(Response) -> Response + Clone {
    move |mut response: Response| {
        if response.extensions().get::<SignedOut>().is_some() {
            return response;
        }
        let headers = response.headers_mut();
        let clears = |value: &axum::http::HeaderValue| {
            value
                .to_str()
                .ok()
                .and_then(|v| tower_sessions::cookie::Cookie::parse(v).ok())
                .is_some_and(|c| {
                    c.name() == name
                        && (c.value().is_empty() || c.max_age().is_some_and(|age| age.is_zero()))
                })
        };
        if !headers.get_all(header::SET_COOKIE).iter().any(clears) {
            return response;
        }
        let kept: Vec<_> = headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter(|v| !clears(v))
            .cloned()
            .collect();
        headers.remove(header::SET_COOKIE);
        for value in kept {
            headers.append(header::SET_COOKIE, value);
        }
        response
    }
}

/// Reads the session a request's cookie names before the handler runs (one read serves the
/// whole request). When the store — the database — cannot be reached, the request answers
/// 503 here; read lazily, the failure would look like "nobody signed in", and a write would
/// then fail as a 500 on storing what it keeps for after sign-in.
///
/// Layered on the routes that use sessions only: static files do not pay for a read.
/// Whether a request carried a session cookie this console signed is noted first, as
/// [`OurSessionCookie`]: once read, a session that has ended looks like none at all.
///
/// A sign-in older than the absolute lifetime, by the app's clock, ends here: every handler
/// then sees nobody signed in. (The idle lifetime is the session store's expiry.) So does a
/// sign-in that no longer counts: its account disabled, or its sessions ended since it began
/// (see [`still_counts`]).
pub(super) async fn load(
    State(app): State<AppState>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    if session.id().is_some() {
        request.extensions_mut().insert(OurSessionCookie);
        match session.get_value(AUTH).await {
            Err(error) => return AppError::from(error).into_response(),
            // A value that does not read as a sign-in is nobody signed in, as for `viewer`.
            Ok(Some(value)) => {
                if let Ok(signed) = serde_json::from_value::<SignedIn>(value) {
                    let ended = if signed.outlived(app.clock.now(), app.sessions.absolute) {
                        true
                    } else {
                        match still_counts(&app, &signed).await {
                            Ok(counts) => !counts,
                            Err(error) => return error.into_response(),
                        }
                    };
                    if ended {
                        let _ = session.flush().await;
                    }
                }
            }
            Ok(None) => {}
        }
    }
    next.run(request).await
}

/// Whether a tenant's sign-in still counts: its account is active and the sign-in began at or
/// after the account's `sessions_valid_from`. Read from the tenant's cached state, which any
/// instance drops when an `accounts` row changes (its trigger notifies): no query on a warm
/// page. A tenant that is gone has no sign-in that counts. The platform's operators have no
/// tenant account: their sign-ins end only by their lifetimes and signing out.
async fn still_counts(app: &AppState, signed: &SignedIn) -> Result<bool, AppError> {
    if signed.tenant == super::platform::PLATFORM {
        return Ok(true);
    }
    match app.tenant(&signed.tenant).await {
        Ok(view) => Ok(view
            .console
            .account(&signed.actor)
            .is_some_and(|a| a.sign_in_counts(signed.since))),
        Err(AppError::NotFound) => Ok(false),
        Err(error) => Err(error),
    }
}

/// Whether the session `id` still holds a sign-in to `tenant` that counts, read afresh from
/// the store: for an event stream, which outlives the request that read its session. Ended
/// when signed out (the record is gone), idle past its expiry, past its absolute lifetime, or
/// no longer counting (see [`still_counts`]).
pub(super) async fn still_signed_in(
    app: &AppState,
    id: &tower_sessions::session::Id,
    tenant: &str,
) -> Result<bool, AppError> {
    use tower_sessions::SessionStore;
    let store = tower_sessions_sqlx_store::PostgresStore::new(app.pool.clone());
    let record = store
        .load(id)
        .await
        .map_err(|error| AppError::Internal(anyhow::anyhow!(error)))?;
    let Some(signed) = record
        .and_then(|r| r.data.get(AUTH).cloned())
        .and_then(|value| serde_json::from_value::<SignedIn>(value).ok())
    else {
        return Ok(false);
    };
    if signed.tenant != tenant || signed.outlived(app.clock.now(), app.sessions.absolute) {
        return Ok(false);
    }
    still_counts(app, &signed).await
}

/// The request carried a session cookie this console signed (the session may have ended since).
#[derive(Debug, Clone, Copy)]
pub struct OurSessionCookie;

/// Marks every response the router produced, so that [`store_failed`] can tell them from the
/// session layer's own.
pub(super) fn mark(mut response: Response) -> Response {
    response.extensions_mut().insert(Routed);
    response
}

/// The mark of [`mark`].
#[derive(Debug, Clone, Copy)]
struct Routed;

/// When the session layer cannot save a changed session it drops the router's response and
/// answers an empty 500 of its own. The store is the database, so that is an outage: the
/// 503 page instead.
pub(super) fn store_failed(response: Response) -> Response {
    if response.extensions().get::<Routed>().is_some()
        || response.status() != axum::http::StatusCode::INTERNAL_SERVER_ERROR
    {
        return response;
    }
    AppError::Unavailable("the session store did not save the session".into()).into_response()
}

/// A write must come from our own pages: `Sec-Fetch-Site` (when the browser sends it) must be
/// `same-origin`, and `Origin` (when sent) must name the host the request was sent to.
pub fn same_origin(headers: &HeaderMap) -> bool {
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if let Some(site) = fetch_site
        && site != "same-origin"
        && site != "none"
    {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    origin
        .split_once("://")
        .is_some_and(|(_, authority)| !host.is_empty() && authority == host)
}

/// Stricter than [`same_origin`], for the one write that needs no session (keeping a draft
/// for a session that ended): the browser must say where the form came from, with
/// `Sec-Fetch-Site: same-origin` or an `Origin` naming this host.
pub fn declared_same_origin(headers: &HeaderMap) -> bool {
    let declared = headers.contains_key("sec-fetch-site") || headers.contains_key(header::ORIGIN);
    declared && same_origin(headers)
}

/// The sign-in form's CSRF token for a visitor without a session: a random value in a cookie
/// and the same value in the form (a "double submit"), so that showing the form stores
/// nothing on the server. A page elsewhere can neither read the cookie nor set it.
pub fn sign_in_token(https: bool) -> (String, String) {
    let token = random_token();
    let (name, secure) = sign_in_cookie_name(https);
    let cookie = format!("{name}={token}; Path=/; Max-Age=3600; SameSite=Strict; HttpOnly{secure}");
    (token, cookie)
}

/// The CSRF token of a form shown to a visitor without a session (see [`sign_in_token`]):
/// after a refusal, the token the form was sent with (it matched its cookie); otherwise a
/// fresh one, whose cookie the answer sets.
pub struct FormToken {
    /// The token to put in the form.
    pub token: String,
    cookie: Option<String>,
}

impl FormToken {
    /// The token `sent` back with a refused form, or a fresh one.
    pub fn new(https: bool, sent: Option<&str>) -> Self {
        match sent {
            Some(token) => Self {
                token: token.to_owned(),
                cookie: None,
            },
            None => {
                let (token, cookie) = sign_in_token(https);
                Self {
                    token,
                    cookie: Some(cookie),
                }
            }
        }
    }

    /// The page drawn with the token, answered with `status` (and a fresh token's cookie).
    pub fn answer(self, status: axum::http::StatusCode, html: String) -> Response {
        let mut response = (status, axum::response::Html(html)).into_response();
        if let Some(cookie) = self
            .cookie
            .and_then(|c| axum::http::HeaderValue::from_str(&c).ok())
        {
            response.headers_mut().insert(header::SET_COOKIE, cookie);
        }
        response
    }
}

fn sign_in_cookie_name(https: bool) -> (&'static str, &'static str) {
    if https {
        ("__Host-sign-in", "; Secure")
    } else {
        ("sign-in", "")
    }
}

/// Whether the sign-in form's token is the one its cookie holds.
pub fn sign_in_token_matches(headers: &HeaderMap, https: bool, submitted: &str) -> bool {
    use sha2::{Digest, Sha256};
    let (name, _) = sign_in_cookie_name(https);
    let prefix = format!("{name}=");
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix(prefix.as_str()))
        .any(|token| {
            !token.is_empty() && Sha256::digest(token.as_bytes()) == Sha256::digest(submitted)
        })
}

/// Which refused sign-ins the audit chain records: at most one per username and a few per
/// tenant in each window, so that a flood of failures cannot fill the chain (nor drop the
/// tenant's cached state at every attempt). Counted per instance, like [`Throttle`].
#[derive(Debug)]
pub struct FailureRecords {
    per_username: Throttle,
    per_tenant: Throttle,
}

impl FailureRecords {
    /// Refused sign-ins recorded per tenant per minute, at most.
    pub const PER_TENANT: u32 = 10;

    /// One per username and [`Self::PER_TENANT`] per tenant, per minute.
    pub fn new() -> Self {
        let minute = Duration::from_secs(60);
        Self {
            per_username: Throttle::new(1, minute),
            per_tenant: Throttle::new(Self::PER_TENANT, minute),
        }
    }

    /// Whether this refusal of `username` (as typed, normalised) in `tenant` is recorded.
    pub fn record(&self, tenant: &str, username: &str) -> bool {
        self.per_username.allow(&format!("{tenant}:{username}")) && self.per_tenant.allow(tenant)
    }
}

impl Default for FailureRecords {
    fn default() -> Self {
        Self::new()
    }
}

/// Counts sign-in attempts per key in a fixed window; refuses past the limit. Applied before
/// any password is hashed, per account and per client address.
#[derive(Debug)]
pub struct Throttle {
    limit: u32,
    window: Duration,
    seen: Mutex<HashMap<String, (Instant, u32)>>,
}

impl Throttle {
    /// At most `limit` attempts per `window` for one key.
    pub fn new(limit: u32, window: Duration) -> Self {
        Self {
            limit,
            window,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Records an attempt; `false` when the key is over its limit.
    pub fn allow(&self, key: &str) -> bool {
        let Ok(mut seen) = self.seen.lock() else {
            return false;
        };
        let now = Instant::now();
        if seen.len() > 10_000 {
            seen.retain(|_, (start, _)| now.duration_since(*start) < self.window);
        }
        let entry = seen.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= self.limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_in_outlives_its_lifetime_only_past_it() {
        let at = |secs| time::OffsetDateTime::from_unix_timestamp(secs).unwrap();
        let signed = SignedIn::new("bfg-control", "user_md_anna", at(1_000_000));
        let hour = Duration::from_secs(3600);
        let cases = [
            (1_000_000, false),
            (1_003_600, false),
            (1_003_601, true),
            // A clock set back: a sign-in "from the future" has not outlived anything.
            (999_000, false),
        ];
        for (now, outlived) in cases {
            assert_eq!(signed.outlived(at(now), hour), outlived, "{now}");
        }
    }

    #[test]
    fn the_throttle_refuses_past_its_limit_per_key() {
        let throttle = Throttle::new(3, Duration::from_secs(60));
        assert!((0..3).all(|_| throttle.allow("anna")));
        assert!(!throttle.allow("anna"));
        assert!(throttle.allow("marek"));
    }

    #[test]
    fn refused_sign_ins_are_recorded_once_per_username_and_a_few_per_tenant() {
        let records = FailureRecords::new();
        assert!(records.record("acme", "anna"));
        assert!(!records.record("acme", "anna"));
        assert!(records.record("bfg", "anna"));
        let recorded = (0..50)
            .filter(|n| records.record("acme", &format!("user{n}")))
            .count();
        assert_eq!(recorded, FailureRecords::PER_TENANT as usize - 1);
    }

    #[test]
    fn only_same_origin_requests_may_write() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, "console.example:8080".parse().unwrap());
        assert!(same_origin(&headers));
        headers.insert(
            header::ORIGIN,
            "http://console.example:8080".parse().unwrap(),
        );
        assert!(same_origin(&headers));
        headers.insert("sec-fetch-site", "same-origin".parse().unwrap());
        assert!(same_origin(&headers));
        headers.insert("sec-fetch-site", "cross-site".parse().unwrap());
        assert!(!same_origin(&headers));
        headers.insert("sec-fetch-site", "same-origin".parse().unwrap());
        headers.insert(header::ORIGIN, "https://evil.example".parse().unwrap());
        assert!(!same_origin(&headers));
    }
}
