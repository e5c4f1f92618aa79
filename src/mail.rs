//! Email, off unless `serve` is given an SMTP server: the mails themselves (plain text and HTML,
//! from the templates under `templates/mail/`, in the person's language), the unsubscribe
//! token of the reminders, and the worker inside `serve` that sends the queue (see
//! [`crate::db::mail`]) through `lettre`, with the webhooks' backoff.
//!
//! The SMTP server's URL, with its credentials, is given by secret reference and kept in a
//! [`SecretUrl`]: it is never logged, stored or shown, and a failure's recorded text has the
//! password scrubbed from it.

use std::sync::Arc;
use std::time::Duration;

use askama::Template;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sha2::Sha256;
use sqlx::PgPool;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::checkpoint::CheckpointKey;
use crate::clock::Clock;
use crate::config::SecretUrl;
use crate::db::mail::{self, Claimed, MailKind, MailStatus, Outcome};
use crate::i18n::{Lang, Tr};
use crate::readiness::outbox::{AfterFailure, after_failure};
use crate::worker;

/// How long the SMTP server has to answer each command.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// How many mails one claim takes (they are sent one after the other, on one connection each).
const BATCH: i32 = 16;

type Signer = Hmac<Sha256>;

/// How the console sends mail: `serve`'s `--smtp-url` (resolved) and `--mail-from`.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `smtp://user:pass@host:port` (plain, or `?tls=required` for STARTTLS) or `smtps://…`.
    pub url: SecretUrl,
    /// Who the mails are from.
    pub from: Mailbox,
    /// The console's address as its users reach it: every link of a mail begins with it.
    pub base_url: String,
    /// How long the server has to answer.
    pub timeout: Duration,
}

/// Why the mail settings cannot be used; never says what the URL holds.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The URL is not an SMTP URL lettre understands.
    #[error("the SMTP URL is not a valid smtp:// or smtps:// URL (its text is not shown)")]
    Url,
    /// `--mail-from` is not an address.
    #[error("--mail-from is not a mailbox such as \"Readiness Console <console@example.com>\"")]
    From,
}

impl Settings {
    /// Reads the `--mail-from` mailbox.
    pub fn parse_from(text: &str) -> Result<Mailbox, SettingsError> {
        text.trim().parse().map_err(|_| SettingsError::From)
    }

    fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, SettingsError> {
        let url = self.url.expose();
        if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
            return Err(SettingsError::Url);
        }
        Ok(AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|_| SettingsError::Url)?
            .timeout(Some(self.timeout))
            .build())
    }

    /// The password in the URL, percent-decoded, to scrub from recorded failures.
    fn password(&self) -> Option<String> {
        let url = url::Url::parse(self.url.expose()).ok()?;
        let raw = url.password()?;
        let decoded = percent_decode(raw);
        Some(decoded).filter(|p| !p.is_empty())
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The unsubscribe token of `actor` in the tenant `slug`: the actor id (base64url) and an
/// HMAC-SHA256 of the tenant and actor under a key derived from the console's key. Whoever
/// holds it may turn that person's reminders off, and nothing else.
pub fn unsubscribe_token(key: &CheckpointKey, slug: &str, actor: &str) -> String {
    let mac = unsubscribe_mac(key, slug, actor);
    format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(actor.as_bytes()),
        URL_SAFE_NO_PAD.encode(mac)
    )
}

fn unsubscribe_mac(key: &CheckpointKey, slug: &str, actor: &str) -> [u8; 32] {
    let mut mac = Signer::new_from_slice(&key.derive("mail-unsubscribe"))
        .unwrap_or_else(|_| unreachable!("HMAC accepts every key length"));
    mac.update(slug.as_bytes());
    mac.update(b"\n");
    mac.update(actor.as_bytes());
    mac.finalize().into_bytes().into()
}

/// The actor an unsubscribe token of the tenant `slug` names, if it is one the console made.
pub fn unsubscribe_actor(key: &CheckpointKey, slug: &str, token: &str) -> Option<String> {
    let (actor, mac) = token.split_once('.')?;
    let actor = String::from_utf8(URL_SAFE_NO_PAD.decode(actor).ok()?).ok()?;
    let mac = URL_SAFE_NO_PAD.decode(mac).ok()?;
    let mut check = Signer::new_from_slice(&key.derive("mail-unsubscribe"))
        .unwrap_or_else(|_| unreachable!("HMAC accepts every key length"));
    check.update(slug.as_bytes());
    check.update(b"\n");
    check.update(actor.as_bytes());
    // `verify_slice` compares in constant time.
    check.verify_slice(&mac).ok()?;
    Some(actor)
}

/// A mail's plain-text part.
#[derive(Template)]
#[template(path = "mail/mail.txt")]
struct TextPart<'a> {
    m: &'a Rendered,
}

/// A mail's HTML part.
#[derive(Template)]
#[template(path = "mail/mail.html")]
struct HtmlPart<'a> {
    m: &'a Rendered,
    lang: &'a str,
}

/// What a mail says, in its reader's language, before it is laid out as text and as HTML.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The subject.
    pub subject: String,
    /// "Hello Olena,".
    pub greeting: String,
    /// What happened.
    pub intro: String,
    /// The link's words, for the HTML part's anchor.
    pub action: String,
    /// The link.
    pub link: String,
    /// A closing remark (the link's validity, why they get this).
    pub note: String,
    /// For reminders: the words and link that unsubscribe.
    pub unsubscribe: Option<(String, String)>,
    /// The signature line.
    pub footer: String,
}

/// The message ids of the mails that are chosen by the mail's kind.
pub fn message_ids() -> Vec<String> {
    [MailKind::Invite, MailKind::Reset]
        .into_iter()
        .flat_map(|kind| {
            ["subject", "intro", "action"].map(|part| format!("mail-{}-{part}", kind.as_str()))
        })
        .collect()
}

/// Writes the mail `claimed` in its reader's language, its links under `base`. `None` for a
/// mail whose content is gone or that this build does not know.
pub fn render(claimed: &Claimed, base: &str, key: &CheckpointKey) -> Option<Rendered> {
    let tr: Tr = Lang::from_tag(&claimed.lang).unwrap_or(Lang::En).tr();
    let lang = tr.lang().code();
    let tenant = claimed.tenant_name.as_str();
    let greeting = tr.t1("mail-greeting", "name", claimed.name.as_str());
    let footer = tr.t1("mail-footer", "tenant", tenant);
    let rendered = match claimed.mail_kind()? {
        kind @ (MailKind::Invite | MailKind::Reset) => {
            let link = format!("{base}{}?lang={lang}", claimed.field("link")?);
            let code = kind.as_str();
            Rendered {
                subject: tr.t1(&format!("mail-{code}-subject"), "tenant", tenant),
                greeting,
                intro: tr.t1(&format!("mail-{code}-intro"), "tenant", tenant),
                action: tr.t(&format!("mail-{code}-action")),
                link,
                note: tr.t("mail-link-once"),
                unsubscribe: None,
                footer,
            }
        }
        MailKind::Waiting => {
            let item = claimed.field("item")?;
            // An item's label is the message `item-<key with dashes>`, as on the console.
            let label = tr
                .t1_opt(
                    &format!("item-{}", item.replace('.', "-")),
                    "environment",
                    claimed.field("environment").unwrap_or_default(),
                )
                .unwrap_or_else(|| item.to_owned());
            let slug = &claimed.slug;
            let token = unsubscribe_token(key, slug, &claimed.actor_id);
            Rendered {
                subject: tr.t1("mail-waiting-subject", "item", label.as_str()),
                greeting,
                intro: tr.t2(
                    "mail-waiting-intro",
                    "item",
                    label.as_str(),
                    "tenant",
                    tenant,
                ),
                action: tr.t("mail-waiting-action"),
                link: format!("{base}/t/{slug}/items/{item}?lang={lang}"),
                note: tr.t("mail-waiting-why"),
                unsubscribe: Some((
                    tr.t("mail-unsubscribe"),
                    format!("{base}/t/{slug}/unsubscribe/{token}?lang={lang}"),
                )),
                footer,
            }
        }
    };
    Some(rendered)
}

/// Lays `rendered` out as a message from `from` to `claimed`'s person: plain text and HTML,
/// and for reminders `List-Unsubscribe` with RFC 8058's one-click POST.
pub fn message(
    claimed: &Claimed,
    rendered: &Rendered,
    from: &Mailbox,
) -> Result<Message, lettre::error::Error> {
    let to = Mailbox::new(
        Some(claimed.name.clone()),
        claimed
            .to_address
            .parse()
            .map_err(|_| lettre::error::Error::MissingTo)?,
    );
    let text = TextPart { m: rendered }
        .render()
        .map_err(|_| lettre::error::Error::CannotParseFilename)?;
    let html = HtmlPart {
        m: rendered,
        lang: &claimed.lang,
    }
    .render()
    .map_err(|_| lettre::error::Error::CannotParseFilename)?;
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(rendered.subject.clone())
        .message_id(Some(format!("<{}@{}>", claimed.id, from.email.domain())));
    if let Some((_, link)) = &rendered.unsubscribe {
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{link}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_owned(),
            ));
    }
    builder.multipart(MultiPart::alternative_plain_html(text, html))
}

/// What became of one try, before it is recorded.
fn tried(
    result: Result<(), (Option<u16>, String)>,
    tries: i32,
    now: time::OffsetDateTime,
) -> Outcome {
    match result {
        Ok(()) => Outcome {
            status: MailStatus::Sent,
            next: None,
            code: None,
            error: None,
        },
        Err((code, error)) => {
            let (status, next) = match after_failure(tries) {
                AfterFailure::Retry(wait) => (MailStatus::Pending, Some(now + wait)),
                AfterFailure::Dead => (MailStatus::Dead, None),
            };
            Outcome {
                status,
                next,
                code,
                error: Some(error),
            }
        }
    }
}

/// Sends mails: the transport built from the settings.
struct Sender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    settings: Settings,
    password: Option<String>,
}

impl Sender {
    /// Sends `claimed` and says how: `Err` carries the server's reply code, if it answered,
    /// and what went wrong in a few words (the password scrubbed, should it appear).
    async fn send(
        &self,
        claimed: &Claimed,
        key: &CheckpointKey,
    ) -> Result<(), (Option<u16>, String)> {
        let Some(rendered) = render(claimed, &self.settings.base_url, key) else {
            return Err((
                None,
                "nothing to send: the mail's content is gone".to_owned(),
            ));
        };
        let message = message(claimed, &rendered, &self.settings.from).map_err(|_| {
            (
                None,
                "the mail could not be built (bad address?)".to_owned(),
            )
        })?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(error) => {
                let code = error
                    .status()
                    .and_then(|c| c.to_string().parse::<u16>().ok());
                let mut text = error.to_string();
                if let Some(password) = &self.password {
                    text = text.replace(password.as_str(), "***");
                }
                Err((code, text.chars().take(300).collect()))
            }
        }
    }
}

async fn work(
    pool: PgPool,
    sender: Sender,
    key: Arc<CheckpointKey>,
    clock: Clock,
    wake: Arc<Notify>,
    stop: CancellationToken,
) {
    // A try's lease: the server's timeout for each of a few commands, and some slack.
    let lease = sender.settings.timeout * 4 + Duration::from_secs(5);
    let (pool, sender, key, clock) = (&pool, &sender, &key, &clock);
    worker::rounds(&wake, &stop, || async move {
        let claimed = mail::claim(pool, clock.now(), lease, BATCH)
            .await
            .unwrap_or_else(|error| {
                tracing::warn!(%error, "cannot claim mails");
                Vec::new()
            });
        let busy = !claimed.is_empty();
        for one in claimed {
            let outcome = tried(sender.send(&one, key).await, one.tries, clock.now());
            tracing::debug!(
                mail = %one.id,
                kind = one.kind,
                status = outcome.status.as_str(),
                code = ?outcome.code,
                "mail try"
            );
            if let Err(error) = mail::settle(pool, one.id, &outcome, clock.now()).await {
                // The lease runs out and the mail is tried again: at least once, never lost.
                tracing::warn!(%error, mail = %one.id, "cannot record a mail try");
            }
        }
        busy
    })
    .await;
}

/// The mail sender of one instance, and the listener that wakes it.
#[derive(Debug)]
pub struct Worker(worker::Tasks);

impl Worker {
    /// Turns mail on for the database of `pool` and starts sending its queue.
    pub async fn start(
        pool: PgPool,
        settings: Settings,
        key: Arc<CheckpointKey>,
        clock: Clock,
    ) -> anyhow::Result<Self> {
        let transport = settings.transport()?;
        mail::set_enabled(&pool, true).await?;
        let password = settings.password();
        let sender = Sender {
            transport,
            settings,
            password,
        };
        Ok(Self(worker::Tasks::spawn(
            pool.clone(),
            mail::CHANNEL,
            |wake, stop| work(pool, sender, key, clock, wake, stop),
        )))
    }

    /// Stops claiming; waits up to `grace` for the mail being sent (one cut short is claimed
    /// again once its lease runs out).
    pub async fn stop(self, grace: Duration) {
        if !self.0.stop(grace).await {
            tracing::warn!("a mail was still being sent at shutdown: its lease will run out");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unsubscribe_token_names_its_actor_in_its_tenant_only() {
        let key = CheckpointKey::from_seed([7; 32]);
        let token = unsubscribe_token(&key, "bfg-control", "user_dispatcher_marek");
        assert_eq!(
            unsubscribe_actor(&key, "bfg-control", &token).as_deref(),
            Some("user_dispatcher_marek")
        );
        assert_eq!(unsubscribe_actor(&key, "other", &token), None);
        let other = CheckpointKey::from_seed([8; 32]);
        assert_eq!(unsubscribe_actor(&other, "bfg-control", &token), None);
        let forged = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(b"user_md_anna"),
            token.split_once('.').unwrap().1
        );
        assert_eq!(unsubscribe_actor(&key, "bfg-control", &forged), None);
        assert_eq!(unsubscribe_actor(&key, "bfg-control", "garbage"), None);
    }

    #[test]
    fn a_refused_mail_backs_off_then_dies() {
        let now = time::macros::datetime!(2026-12-01 10:00 UTC);
        let refused = || Err((Some(550), "permanent error (550): no".to_owned()));
        let first = tried(refused(), 1, now);
        assert_eq!(first.status, MailStatus::Pending);
        assert_eq!(first.next, Some(now + time::Duration::minutes(1)));
        assert_eq!(first.code, Some(550));
        assert_eq!(tried(refused(), 6, now).status, MailStatus::Dead);
        assert_eq!(tried(Ok(()), 6, now).status, MailStatus::Sent);
    }

    #[test]
    fn the_password_is_read_back_decoded() {
        let settings = Settings {
            url: "smtp://user:p%40ss@127.0.0.1:2525".parse().unwrap(),
            from: Settings::parse_from("Readiness Console <console@example.com>").unwrap(),
            base_url: "http://localhost".into(),
            timeout: DEFAULT_TIMEOUT,
        };
        assert_eq!(settings.password().as_deref(), Some("p@ss"));
        assert!(settings.transport().is_ok());
        let bad = Settings {
            url: "postgres://x".parse().unwrap(),
            ..settings
        };
        assert!(bad.transport().is_err());
    }
}
