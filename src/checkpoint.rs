//! Signed checkpoints of the audit chain, after AWS CloudTrail's digest files.
//!
//! At least every [`EVERY_EVENTS`] events, and within an hour of any activity, the app signs the
//! chain's head — tenant, sequence number, hash, time — with an Ed25519 key that lives in a file
//! outside the database. The signed **statement** is plain text, stored exactly as signed, so
//! anyone holding the public key can check it with any Ed25519 tool. A checkpoint pins the
//! chain: whoever deletes events up to and past it, and rewrites the head to match, still cannot
//! make the checkpoint's hash appear at its sequence number again.
//!
//! The same key signs every event's hash as it is appended ([`CheckpointKey::sign_event`]), so
//! an event written with a database login alone carries no valid signature.

use std::fmt;
use std::io::Write as _;
use std::path::Path;

use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

/// A checkpoint is signed at least every this many events.
pub const EVERY_EVENTS: i64 = 1_000;
/// …and at least this often while there is activity.
pub const EVERY: time::Duration = time::Duration::HOUR;
/// The first line of every statement.
pub const CONTRACT: &str = "BFGAuditCheckpoint.v1";
/// The first line of what an event's signature covers (see [`event_statement`]).
pub const EVENT_CONTRACT: &str = "BFGAuditEvent.v1";

/// Why the key file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// Reading or creating the file failed.
    #[error("cannot use the audit signing key {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What failed.
        source: std::io::Error,
    },
    /// The file does not hold 64 hex digits.
    #[error("the audit signing key {0} is not 64 hex digits")]
    Malformed(String),
    /// The system has no randomness to make a key with.
    #[error("no randomness to create an audit signing key: {0}")]
    Random(String),
}

/// The signing key. It never prints.
pub struct CheckpointKey {
    signing: SigningKey,
}

impl fmt::Debug for CheckpointKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CheckpointKey(public {})", self.public_hex())
    }
}

impl CheckpointKey {
    /// The key in `path`, creating it (readable by its owner only) on first use.
    pub fn load_or_create(path: &Path) -> Result<Self, KeyError> {
        let io = |source| KeyError::Io {
            path: path.display().to_string(),
            source,
        };
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let seed = decode_hex::<32>(text.trim())
                    .ok_or_else(|| KeyError::Malformed(path.display().to_string()))?;
                Ok(Self::from_seed(seed))
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                let mut seed = [0u8; 32];
                getrandom::fill(&mut seed).map_err(|e| KeyError::Random(e.to_string()))?;
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(io)?;
                }
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                let mut file = options.open(path).map_err(io)?;
                writeln!(file, "{}", hex(&seed)).map_err(io)?;
                file.sync_all().map_err(io)?;
                Ok(Self::from_seed(seed))
            }
            Err(error) => Err(io(error)),
        }
    }

    /// The key with this seed.
    pub fn from_seed(seed: [u8; 32]) -> Self {
        Self {
            signing: SigningKey::from_bytes(&seed),
        }
    }

    /// The public key, 64 lowercase hex digits.
    pub fn public_hex(&self) -> String {
        hex(self.signing.verifying_key().as_bytes())
    }

    /// Signs one event's hash (see [`event_statement`]): the Ed25519 signature in hex. This is
    /// what makes an event appended by someone with only the database's logins stand out.
    pub fn sign_event(&self, hash: &str) -> String {
        hex(&self
            .signing
            .sign(event_statement(hash).as_bytes())
            .to_bytes())
    }

    /// Signs the head `seq`/`hash` of `tenant`'s chain as of `at`.
    pub fn sign(&self, tenant: Uuid, seq: i64, hash: &str, at: OffsetDateTime) -> Checkpoint {
        let public_key = self.public_hex();
        let at = to_micros(at);
        let statement = statement(tenant, seq, hash, at, &public_key);
        let signature = hex(&self.signing.sign(statement.as_bytes()).to_bytes());
        Checkpoint {
            seq,
            hash: hash.to_owned(),
            at,
            public_key,
            statement,
            signature,
        }
    }
}

/// A signed checkpoint, as stored and as exported.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct Checkpoint {
    /// The head's sequence number.
    pub seq: i64,
    /// The head's hash.
    pub hash: String,
    /// When it was signed.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// The signer's public key (hex).
    pub public_key: String,
    /// The exact signed text.
    pub statement: String,
    /// The Ed25519 signature of the statement (hex).
    pub signature: String,
}

/// An instant as PostgreSQL's `timestamptz` keeps it (whole microseconds): what is signed or
/// hashed must read back the same from the database.
pub fn to_micros(at: OffsetDateTime) -> OffsetDateTime {
    at.replace_nanosecond(at.nanosecond() / 1_000 * 1_000)
        .unwrap_or(at)
}

/// An instant as the signed and hashed texts write it: RFC 3339, in UTC.
pub fn utc_rfc3339(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC)
        .format(&Rfc3339)
        .unwrap_or_default()
}

/// The text a checkpoint signs: one `key=value` per line.
pub fn statement(
    tenant: Uuid,
    seq: i64,
    hash: &str,
    at: OffsetDateTime,
    public_key: &str,
) -> String {
    let at = utc_rfc3339(at);
    format!(
        "{CONTRACT}\ntenant={tenant}\nseq={seq}\nhash={hash}\nat={at}\npublic_key={public_key}\n"
    )
}

/// The text an event's signature covers: the contract line and the event's hash. The hash
/// already covers the tenant, the sequence number and the previous hash; the contract line
/// keeps an event's signature from ever passing for a checkpoint's, and the other way round.
pub fn event_statement(hash: &str) -> String {
    format!("{EVENT_CONTRACT}\nhash={hash}\n")
}

/// A public key (hex) ready to check event signatures with, decoded once for a whole chain.
#[derive(Debug, Clone)]
pub struct EventVerifier(Option<VerifyingKey>);

impl EventVerifier {
    /// The verifier of signatures made by the key whose public half is `public_hex`. A
    /// malformed key verifies nothing.
    pub fn new(public_hex: &str) -> Self {
        Self(decode_hex::<32>(public_hex).and_then(|k| VerifyingKey::from_bytes(&k).ok()))
    }

    /// Whether `signature` (hex) is this key's signature of the event with this `hash`.
    pub fn verifies(&self, hash: &str, signature: &str) -> bool {
        let signature = decode_hex::<64>(signature).map(|s| Signature::from_bytes(&s));
        match (&self.0, signature) {
            (Some(key), Some(signature)) => key
                .verify(event_statement(hash).as_bytes(), &signature)
                .is_ok(),
            _ => false,
        }
    }
}

/// What is wrong with a checkpoint, on its own (before comparing it with the chain).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckpointFault {
    /// Signed by a key other than the trusted one.
    UnknownKey,
    /// The signature does not verify.
    BadSignature,
    /// The stored columns say something other than the signed statement.
    StatementMismatch,
}

impl Checkpoint {
    /// Checks the signature under `trusted` (hex public key) and that the columns match the
    /// statement of `tenant`.
    pub fn check(&self, tenant: Uuid, trusted: &str) -> Result<(), CheckpointFault> {
        if self.public_key != trusted {
            return Err(CheckpointFault::UnknownKey);
        }
        if self.statement != statement(tenant, self.seq, &self.hash, self.at, &self.public_key) {
            return Err(CheckpointFault::StatementMismatch);
        }
        let key = decode_hex::<32>(trusted).and_then(|k| VerifyingKey::from_bytes(&k).ok());
        let signature = decode_hex::<64>(&self.signature).map(|s| Signature::from_bytes(&s));
        match (key, signature) {
            (Some(key), Some(signature))
                if key.verify(self.statement.as_bytes(), &signature).is_ok() =>
            {
                Ok(())
            }
            _ => Err(CheckpointFault::BadSignature),
        }
    }
}

/// Whether a head at `seq`, last checkpointed at `last` (sequence and time), needs a new
/// checkpoint `now`.
pub fn due(seq: i64, last: Option<(i64, OffsetDateTime)>, now: OffsetDateTime) -> bool {
    match last {
        None => seq > 0,
        Some((at_seq, at)) => seq > at_seq && (seq - at_seq >= EVERY_EVENTS || now - at >= EVERY),
    }
}

/// Lowercase hex (the `hex` crate: one allocation, where a `format!` per byte made 32 for a
/// digest on every API request).
pub fn hex(bytes: &[u8]) -> String {
    ::hex::encode(bytes)
}

fn decode_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    if text.len() != N * 2 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut out = [0u8; N];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(out)
}

impl CheckpointKey {
    /// A 64-byte key for another purpose, derived from this one (SHA-512 over the purpose's
    /// name and the seed): whoever holds the audit key file holds it too, and nothing else
    /// needs keeping. The purpose names keep the derived keys apart.
    pub fn derive(&self, purpose: &str) -> [u8; 64] {
        use sha2::{Digest, Sha512};
        let mut hasher = Sha512::new();
        hasher.update(b"readiness-console derived key v1\n");
        hasher.update(purpose.as_bytes());
        hasher.update(b"\n");
        hasher.update(self.signing.to_bytes());
        hasher.finalize().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const TENANT: Uuid = Uuid::from_u128(7);
    const AT: OffsetDateTime = datetime!(2026-11-22 10:00 UTC);

    #[test]
    fn a_checkpoint_verifies_under_its_key_and_no_other() {
        let key = CheckpointKey::from_seed([1; 32]);
        let cp = key.sign(TENANT, 1000, "ab", AT);
        assert_eq!(cp.check(TENANT, &key.public_hex()), Ok(()));
        let other = CheckpointKey::from_seed([2; 32]).public_hex();
        assert_eq!(cp.check(TENANT, &other), Err(CheckpointFault::UnknownKey));
        assert_eq!(
            cp.check(Uuid::from_u128(8), &key.public_hex()),
            Err(CheckpointFault::StatementMismatch)
        );
    }

    #[test]
    fn an_edited_checkpoint_does_not_verify() {
        let key = CheckpointKey::from_seed([1; 32]);
        let good = key.sign(TENANT, 1000, "ab", AT);
        let edits: [fn(&mut Checkpoint); 4] = [
            |c| c.seq = 999,
            |c| c.hash = "cd".into(),
            |c| c.statement = c.statement.replace("seq=1000", "seq=999"),
            |c| c.signature = c.signature.replacen(&c.signature[..2], "00", 1),
        ];
        for edit in edits {
            let mut cp = good.clone();
            edit(&mut cp);
            assert!(cp.check(TENANT, &key.public_hex()).is_err(), "{cp:?}");
        }
    }

    #[test]
    fn an_event_signature_verifies_for_its_hash_under_its_key_only() {
        let key = CheckpointKey::from_seed([1; 32]);
        let signature = key.sign_event("ab");
        let verifier = EventVerifier::new(&key.public_hex());
        assert!(verifier.verifies("ab", &signature));
        assert!(!verifier.verifies("cd", &signature));
        assert!(!verifier.verifies("ab", "00"));
        let other = CheckpointKey::from_seed([2; 32]).public_hex();
        assert!(!EventVerifier::new(&other).verifies("ab", &signature));
        assert!(!EventVerifier::new("not a key").verifies("ab", &signature));
        // A checkpoint's signature is not an event's, even over the same hash.
        let cp = key.sign(TENANT, 1, "ab", AT);
        assert!(!verifier.verifies("ab", &cp.signature));
    }

    #[test]
    fn a_key_file_is_created_once_and_read_back() {
        let dir = std::env::temp_dir().join(format!("cp-key-{}", Uuid::new_v4()));
        let path = dir.join("audit-signing.key");
        let first = CheckpointKey::load_or_create(&path).unwrap();
        let again = CheckpointKey::load_or_create(&path).unwrap();
        assert_eq!(first.public_hex(), again.public_hex());
        assert!(!format!("{first:?}").contains(&std::fs::read_to_string(&path).unwrap()[..20]));
        std::fs::write(&path, "not hex").unwrap();
        assert!(matches!(
            CheckpointKey::load_or_create(&path),
            Err(KeyError::Malformed(_))
        ));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn checkpoints_fall_due_every_thousand_events_and_every_hour_of_activity() {
        assert!(!due(0, None, AT));
        assert!(due(1, None, AT));
        assert!(!due(1500, Some((1000, AT)), AT + time::Duration::MINUTE));
        assert!(due(2000, Some((1000, AT)), AT + time::Duration::MINUTE));
        assert!(due(1001, Some((1000, AT)), AT + time::Duration::HOUR));
        assert!(!due(1000, Some((1000, AT)), AT + time::Duration::DAY));
    }
}
