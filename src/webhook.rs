//! Webhooks, as the Standard Webhooks specification has them: each endpoint's secret, the
//! signature of each try, the HTTP client that sends them (no redirects, a timeout, public
//! addresses only), and the worker inside `serve` that delivers the outbox.
//!
//! An endpoint's secret is never stored. It is derived from the console's key and the endpoint's
//! id (HMAC-SHA256), shown once when the endpoint is added, and derived again for each try.
//! Whoever holds the audit key file holds every secret; replacing that key changes them all.

use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::PgPool;
use tokio::sync::{Notify, Semaphore};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use crate::checkpoint::CheckpointKey;
use crate::clock::Clock;
use crate::db::outbox::{self, Claimed, DeliveryStatus, Outcome};
use crate::outbound::{self, PRIVATE, Resolver};
use crate::readiness::outbox::{AfterFailure, after_failure};
use crate::worker;

/// The prefix of a secret, as Standard Webhooks writes it.
pub const SECRET_PREFIX: &str = "whsec_";

/// The default time a receiver has to answer.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// How many deliveries one instance has in flight at once.
const IN_FLIGHT: usize = 64;

/// How many characters of the secret's SHA-256 the pages show.
const HINT: usize = 12;

type Signer = Hmac<Sha256>;

/// The secret of the endpoint `id`: `whsec_` and the base64 of 32 bytes derived from the key.
pub fn secret_of(key: &CheckpointKey, id: Uuid) -> String {
    format!("{SECRET_PREFIX}{}", STANDARD.encode(secret_bytes(key, id)))
}

fn secret_bytes(key: &CheckpointKey, id: Uuid) -> [u8; 32] {
    let mut mac = Signer::new_from_slice(&key.derive("webhook-secret")).unwrap_or_else(|_| {
        // HMAC takes a key of any length: this cannot fail.
        unreachable!("HMAC accepts every key length")
    });
    mac.update(id.as_bytes());
    mac.finalize().into_bytes().into()
}

/// What the pages show of a secret so that a receiver's copy can be recognised: the first
/// characters of its SHA-256.
pub fn hint_of(secret: &str) -> String {
    crate::bundle::sha256(secret.as_bytes())
        .chars()
        .take(HINT)
        .collect()
}

/// The `webhook-signature` of a try: `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`.
pub fn signature(secret: &[u8], id: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac = Signer::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC accepts every key length"));
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
}

/// The body of a delivery: `{type, timestamp, data}`, the data naming its tenant and event.
pub fn body(claimed: &Claimed) -> Vec<u8> {
    let mut data = claimed.data.0.clone();
    if let Some(object) = data.as_object_mut() {
        object.insert("tenant".into(), claimed.slug.clone().into());
        object.insert("eventId".into(), claimed.event_id.to_string().into());
    }
    let timestamp = claimed
        .at
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    serde_json::to_vec(&serde_json::json!({
        "type": claimed.kind,
        "timestamp": timestamp,
        "data": data,
    }))
    .unwrap_or_default()
}

/// Whether the console may send to `url`'s host now: it must resolve, and to at least one
/// public address unless `allow_private`. Checked when an endpoint is added, so the person adding
/// it hears why at once; every try checks again, as the name may resolve elsewhere later.
pub async fn check_destination(
    url: &url::Url,
    allow_private: bool,
) -> Result<(), crate::readiness::outbox::EndpointRefusal> {
    use crate::readiness::outbox::EndpointRefusal;
    let host = url.host_str().unwrap_or_default();
    let literal = host.trim_start_matches('[').trim_end_matches(']');
    if literal.parse::<std::net::IpAddr>().is_ok() {
        return if outbound::literal_allowed(host, allow_private) {
            Ok(())
        } else {
            Err(EndpointRefusal::PrivateAddress)
        };
    }
    let port = url.port_or_known_default().unwrap_or(443);
    let found: Vec<_> = tokio::net::lookup_host((host, port))
        .await
        .map_err(|_| EndpointRefusal::Unresolvable)?
        .collect();
    if found.is_empty() {
        return Err(EndpointRefusal::Unresolvable);
    }
    if allow_private || found.iter().any(|a| outbound::is_public(a.ip())) {
        Ok(())
    } else {
        Err(EndpointRefusal::PrivateAddress)
    }
}

/// How the console reaches receivers.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Let endpoints resolve to loopback, private and link-local addresses (tests, labs).
    pub allow_private: bool,
    /// Certificates (PEM) trusted besides the public roots: an internal CA.
    pub extra_roots: Vec<reqwest::Certificate>,
    /// How long a receiver has to answer.
    pub timeout: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            allow_private: false,
            extra_roots: Vec::new(),
            timeout: DEFAULT_TIMEOUT,
        }
    }
}

/// Sends tries: one HTTP client, no redirects, the timeout, and the address guard.
#[derive(Debug, Clone)]
pub struct Sender {
    client: reqwest::Client,
    allow_private: bool,
}

impl Sender {
    /// A sender with these settings.
    pub fn new(settings: &Settings) -> Result<Self, reqwest::Error> {
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout.min(Duration::from_secs(5)))
            .pool_max_idle_per_host(IN_FLIGHT)
            .user_agent(concat!("readiness-console/", env!("CARGO_PKG_VERSION")))
            .dns_resolver(Arc::new(Resolver::new(settings.allow_private)));
        for root in &settings.extra_roots {
            builder = builder.add_root_certificate(root.clone());
        }
        Ok(Self {
            client: builder.build()?,
            allow_private: settings.allow_private,
        })
    }

    /// Sends one try of `claimed` and says how it went: the receiver must answer 2xx. Its body
    /// is never read (a huge answer costs nothing), and a redirect is not followed.
    pub async fn send(&self, claimed: &Claimed, key: &CheckpointKey) -> Tried {
        let started = Instant::now();
        let url = match url::Url::parse(&claimed.url) {
            Ok(url) if url.scheme() == "https" => url,
            _ => return Tried::failed(Failure::Refused, started),
        };
        if !outbound::literal_allowed(url.host_str().unwrap_or_default(), self.allow_private) {
            return Tried::failed(Failure::PrivateAddress, started);
        }
        let body = body(claimed);
        let id = claimed.event_id.to_string();
        // The receiver checks the timestamp against its own clock, so it is the wall clock's,
        // whatever clock the console keeps its records by.
        let timestamp = Clock::system().now().unix_timestamp();
        let signed = signature(
            &secret_bytes(key, claimed.endpoint_id),
            &id,
            timestamp,
            &body,
        );
        let answer = self
            .client
            .post(url)
            .header("content-type", "application/json")
            .header("webhook-id", &id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signed)
            .body(body)
            .send()
            .await;
        match answer {
            Ok(response) => {
                let status = response.status();
                // Dropping the response closes its connection without reading the body.
                drop(response);
                let mut tried = Tried::failed(
                    if status.is_redirection() {
                        Failure::Redirect
                    } else {
                        Failure::Status
                    },
                    started,
                );
                tried.http = Some(status.as_u16());
                if status.is_success() {
                    tried.failure = None;
                }
                tried
            }
            Err(error) => Tried::failed(Failure::of(&error), started),
        }
    }
}

crate::readiness::code::code_enum! {
    /// Why a try failed, as the deliveries page names it.
    pub enum Failure as "delivery failure" {
        /// The receiver answered, but not 2xx.
        Status => "status",
        /// The receiver answered with a redirect, which is never followed.
        Redirect => "redirect",
        /// It did not answer in time.
        Timeout => "timeout",
        /// The endpoint's name resolves only to addresses the console may not reach.
        PrivateAddress => "private_address",
        /// It could not be reached (no such name, connection refused, TLS failed).
        Unreachable => "unreachable",
        /// The endpoint was removed, or its URL is not one the console sends to.
        Refused => "refused",
    }
}

impl Failure {
    fn of(error: &reqwest::Error) -> Self {
        let mut text = error.to_string();
        let mut cause = std::error::Error::source(error);
        while let Some(c) = cause {
            text.push_str(&c.to_string());
            cause = c.source();
        }
        if text.contains(PRIVATE) {
            Self::PrivateAddress
        } else if error.is_timeout() {
            Self::Timeout
        } else {
            Self::Unreachable
        }
    }
}

/// How one try went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tried {
    /// Why it failed; `None` when delivered.
    pub failure: Option<Failure>,
    /// The receiver's status, when it answered.
    pub http: Option<u16>,
    /// How long it took.
    pub millis: u32,
}

impl Tried {
    fn failed(failure: Failure, started: Instant) -> Self {
        Self {
            failure: Some(failure),
            http: None,
            millis: u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX),
        }
    }

    /// What the delivery becomes after this try, its `tries`th, at `now`.
    pub fn outcome(&self, tries: i32, now: time::OffsetDateTime) -> Outcome {
        let (status, next) = match self.failure {
            None => (DeliveryStatus::Delivered, None),
            Some(_) => match after_failure(tries) {
                AfterFailure::Retry(wait) => (DeliveryStatus::Pending, Some(now + wait)),
                AfterFailure::Dead => (DeliveryStatus::Dead, None),
            },
        };
        Outcome {
            status,
            next,
            http: self.http,
            error: self.failure.map(|f| f.as_str().to_owned()),
            millis: self.millis,
        }
    }
}

/// The delivery worker of one instance: claims due deliveries (any number of instances may run
/// one), sends up to [`IN_FLIGHT`] at once, and records each outcome. Woken by the outbox's
/// notification (`wake`), and at least every second, for retries coming due and leases running
/// out. Ends when `stop` is notified, after the tries in flight.
async fn work(
    pool: PgPool,
    sender: Sender,
    key: Arc<CheckpointKey>,
    clock: Clock,
    lease: Duration,
    wake: Arc<Notify>,
    stop: CancellationToken,
) {
    let slots = Arc::new(Semaphore::new(IN_FLIGHT));
    let (pool, sender, key, clock, slots) = (&pool, &sender, &key, &clock, &slots);
    worker::rounds(&wake, &stop, || async move {
        let free = i32::try_from(slots.available_permits()).unwrap_or(0);
        let claimed = if free > 0 {
            outbox::claim(pool, clock.now(), lease, free)
                .await
                .unwrap_or_else(|error| {
                    tracing::warn!(%error, "cannot claim webhook deliveries");
                    Vec::new()
                })
        } else {
            Vec::new()
        };
        let busy = !claimed.is_empty();
        for delivery in claimed {
            let Ok(permit) = slots.clone().acquire_owned().await else {
                break;
            };
            let (pool, sender, key, clock) =
                (pool.clone(), sender.clone(), key.clone(), clock.clone());
            tokio::spawn(async move {
                let _permit = permit;
                deliver(&pool, &sender, &key, &clock, &delivery).await;
            });
        }
        busy
    })
    .await;
    // Let the tries in flight finish and record their outcome.
    let _ = slots
        .acquire_many(u32::try_from(IN_FLIGHT).unwrap_or(u32::MAX))
        .await;
}

/// The worker of one instance, and the listener that wakes it.
#[derive(Debug)]
pub struct Worker(worker::Tasks);

impl Worker {
    /// Starts delivering the outbox of every tenant from `pool`. A try's lease is the receivers'
    /// timeout and 5 seconds.
    pub fn start(
        pool: PgPool,
        settings: &Settings,
        key: Arc<CheckpointKey>,
        clock: Clock,
    ) -> Result<Self, reqwest::Error> {
        let sender = Sender::new(settings)?;
        let lease = settings.timeout + Duration::from_secs(5);
        Ok(Self(worker::Tasks::spawn(
            pool.clone(),
            outbox::CHANNEL,
            |wake, stop| work(pool, sender, key, clock, lease, wake, stop),
        )))
    }

    /// Stops claiming; waits up to `grace` for the tries in flight to be recorded (a try cut
    /// short is claimed again by whichever worker finds its lease run out).
    pub async fn stop(self, grace: Duration) {
        if !self.0.stop(grace).await {
            tracing::warn!("webhook tries still in flight at shutdown: their leases will run out");
        }
    }
}

async fn deliver(
    pool: &PgPool,
    sender: &Sender,
    key: &CheckpointKey,
    clock: &Clock,
    delivery: &Claimed,
) {
    let outcome = if delivery.removed {
        Outcome {
            status: DeliveryStatus::Dead,
            next: None,
            http: None,
            error: Some(Failure::Refused.as_str().to_owned()),
            millis: 0,
        }
    } else {
        sender
            .send(delivery, key)
            .await
            .outcome(delivery.tries, clock.now())
    };
    tracing::debug!(
        delivery = %delivery.id,
        event = %delivery.event_id,
        status = outcome.status.as_str(),
        http = ?outcome.http,
        millis = outcome.millis,
        "webhook try"
    );
    if let Err(error) = outbox::settle(pool, delivery.id, &outcome, clock.now()).await {
        // The lease runs out and the delivery is tried again: at least once, never lost.
        tracing::warn!(%error, delivery = %delivery.id, "cannot record a webhook try");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_standard_webhooks_v1() {
        // The example of the Standard Webhooks specification's reference libraries.
        let secret = STANDARD.decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let signed = signature(
            &secret,
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1_614_265_330,
            br#"{"test": 2432232314}"#,
        );
        assert_eq!(signed, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn each_endpoint_has_its_own_secret_and_the_hint_names_it() {
        let key = CheckpointKey::from_seed([7; 32]);
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        assert_eq!(secret_of(&key, a), secret_of(&key, a));
        assert_ne!(secret_of(&key, a), secret_of(&key, b));
        let secret = secret_of(&key, a);
        assert!(secret.starts_with(SECRET_PREFIX));
        assert_eq!(
            STANDARD
                .decode(&secret[SECRET_PREFIX.len()..])
                .unwrap()
                .len(),
            32
        );
        assert_eq!(hint_of(&secret).len(), HINT);
    }

    #[test]
    fn a_failed_try_backs_off_and_the_last_one_dies() {
        let now = time::macros::datetime!(2026-12-01 10:00 UTC);
        let failed = Tried {
            failure: Some(Failure::Status),
            http: Some(500),
            millis: 3,
        };
        let first = failed.outcome(1, now);
        assert_eq!(first.status, DeliveryStatus::Pending);
        assert_eq!(first.next, Some(now + time::Duration::minutes(1)));
        assert_eq!(first.error.as_deref(), Some("status"));
        assert_eq!(failed.outcome(6, now).status, DeliveryStatus::Dead);
        let delivered = Tried {
            failure: None,
            http: Some(204),
            millis: 3,
        };
        assert_eq!(delivered.outcome(6, now).status, DeliveryStatus::Delivered);
    }
}
