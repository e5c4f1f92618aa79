//! API keys: what a key may do, what its name and its text look like, and whether a presented
//! key is the stored one. A key is `rc_key_` and 32 random bytes in unpadded base64url; its first
//! [`LOOKUP_LEN`] characters after the prefix are its public lookup (stored in the clear, to find
//! it), and only the SHA-256 of the whole key is kept.

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::code::code_enum;
use super::permissions::{Action, Target};

/// What a key's text begins with.
pub const PREFIX: &str = "rc_key_";

/// How many characters after [`PREFIX`] find a key.
pub const LOOKUP_LEN: usize = 12;

/// How many characters follow [`PREFIX`]: 32 bytes in unpadded base64url.
const BODY_LEN: usize = 43;

code_enum! {
    /// What a key may do.
    pub enum Scope as "API key scope" {
        /// Read the readiness, the items, the audit trail, the packets and the bundle.
        Read => "read",
        /// Read, and accept or revoke the owner checks its service account is assigned.
        Attest => "attest",
    }
}

impl Scope {
    /// Whether a key of this scope may ask for `action` on `target` at all. The permission
    /// table still decides for its service account (which owns only what it was assigned).
    pub fn permits(self, action: Action, target: Target) -> bool {
        match self {
            Self::Read => false,
            Self::Attest => {
                matches!(action, Action::Accept | Action::Revoke) && target == Target::OwnCheck
            }
        }
    }
}

/// A key's name, as typed: 1 to 63 lowercase letters, digits and dashes, beginning with a letter
/// or a digit ("deploy-pipeline"). It names the key's service account too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyName(String);

/// A name that cannot be a key's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a key's name is 1 to 63 lowercase letters, digits and dashes")]
pub struct BadKeyName;

impl KeyName {
    /// Reads a typed name (surrounding spaces are ignored).
    pub fn parse(typed: &str) -> Result<Self, BadKeyName> {
        let name = typed.trim();
        let well_formed = (1..=63).contains(&name.len())
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !name.starts_with('-');
        if well_formed {
            Ok(Self(name.to_owned()))
        } else {
            Err(BadKeyName)
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The actor id of the key's service account: `svc-` and the name. No person's id begins
    /// so (people's ids are made by the invitation, from their names, as `user_…`).
    pub fn actor(&self) -> String {
        format!("svc-{}", self.0)
    }
}

/// A key as presented in a request: well formed, not yet known to be anyone's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presented {
    lookup: String,
    sha256: String,
}

impl Presented {
    /// Reads the text of an `Authorization: Bearer …` header's token; `None` unless it has a
    /// key's shape.
    pub fn parse(token: &str) -> Option<Self> {
        let body = token.strip_prefix(PREFIX)?;
        let well_formed = body.len() == BODY_LEN
            && body
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        well_formed.then(|| Self {
            lookup: body[..LOOKUP_LEN].to_owned(),
            sha256: sha256_hex(token),
        })
    }

    /// The public part that finds the stored key.
    pub fn lookup(&self) -> &str {
        &self.lookup
    }

    /// The SHA-256 of the whole key, lowercase hex: what is stored.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// Whether this is the key stored as `sha256`: compared in constant time, so the time an
    /// answer takes tells nothing of how much of a guess was right.
    pub fn matches(&self, sha256: &str) -> bool {
        constant_time_eq(self.sha256.as_bytes(), sha256.as_bytes())
    }
}

/// The lookup of a key's text (for a key just made: its text is a well-formed key).
pub fn lookup_of(key: &str) -> Option<&str> {
    key.strip_prefix(PREFIX)?.get(..LOOKUP_LEN)
}

/// The SHA-256 of `text` in lowercase hex.
pub fn sha256_hex(text: &str) -> String {
    crate::checkpoint::hex(&Sha256::digest(text.as_bytes()))
}

/// Equal bytes, compared without stopping at the first difference.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A tenant's live key, as the cached console state carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredKey {
    /// The key's id.
    pub id: uuid::Uuid,
    /// Its name.
    pub name: String,
    /// Its service account's actor id.
    pub actor: String,
    /// What it may do.
    pub scope: Scope,
    /// Its public lookup.
    pub lookup: String,
    /// The SHA-256 of its text.
    pub sha256: String,
    /// When it stops working, if ever.
    pub expires_at: Option<OffsetDateTime>,
}

impl StoredKey {
    /// Whether `presented` is this key and it still works at `now`.
    pub fn admits(&self, presented: &Presented, now: OffsetDateTime) -> bool {
        let unexpired = self.expires_at.is_none_or(|at| now < at);
        presented.matches(&self.sha256) & unexpired
    }
}

/// The live key of `keys` the presented one is, at `now`: found by its lookup, compared in
/// constant time, and refused once expired. An unknown key is compared against a stand-in, so
/// that it takes the time a known one does.
pub fn find<'k>(
    keys: &'k [StoredKey],
    presented: &Presented,
    now: OffsetDateTime,
) -> Option<&'k StoredKey> {
    const STAND_IN: &str = "0000000000000000000000000000000000000000000000000000000000000000";
    match keys.iter().find(|k| k.lookup == presented.lookup) {
        Some(key) => key.admits(presented, now).then_some(key),
        None => {
            let _ = presented.matches(STAND_IN);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "rc_key_abcdefghijklMNOPQRSTUVWXYZ0123456789-_abcde";

    fn stored(expires_at: Option<OffsetDateTime>) -> StoredKey {
        StoredKey {
            id: uuid::Uuid::nil(),
            name: "deploy-pipeline".into(),
            actor: "svc-deploy-pipeline".into(),
            scope: Scope::Read,
            lookup: "abcdefghijkl".into(),
            sha256: sha256_hex(KEY),
            expires_at,
        }
    }

    #[test]
    fn a_key_is_found_by_its_lookup_and_matched_by_its_hash() {
        let now = OffsetDateTime::UNIX_EPOCH;
        let presented = Presented::parse(KEY).expect("well formed");
        assert_eq!(presented.lookup(), "abcdefghijkl");
        assert_eq!(lookup_of(KEY), Some("abcdefghijkl"));
        let keys = [stored(None)];
        assert!(find(&keys, &presented, now).is_some());
        // The same lookup with other characters after it is another key.
        let other = Presented::parse("rc_key_abcdefghijklMNOPQRSTUVWXYZ0123456789-_abcdX")
            .expect("well formed");
        assert!(find(&keys, &other, now).is_none());
    }

    #[test]
    fn an_expired_key_is_refused_from_its_expiry_on() {
        let at = OffsetDateTime::UNIX_EPOCH + time::Duration::days(1);
        let presented = Presented::parse(KEY).expect("well formed");
        let keys = [stored(Some(at))];
        assert!(find(&keys, &presented, at - time::Duration::seconds(1)).is_some());
        assert!(find(&keys, &presented, at).is_none());
    }

    #[test]
    fn only_a_key_shaped_token_is_read() {
        for token in [
            "",
            "rc_key_",
            "rc_inv_abcdefghijklMNOPQRSTUVWXYZ0123456789-_abcde",
            "rc_key_abcdefghijklMNOPQRSTUVWXYZ0123456789-_abcd",
            "rc_key_abcdefghijklMNOPQRSTUVWXYZ0123456789-_abcdef",
            "rc_key_abcdefghijklMNOPQRSTUVWXYZ0123456789-_abcd=",
        ] {
            assert!(Presented::parse(token).is_none(), "{token:?}");
        }
    }

    #[test]
    fn names_are_lowercase_slugs() {
        assert_eq!(
            KeyName::parse(" deploy-pipeline ").map(|n| n.actor()),
            Ok("svc-deploy-pipeline".to_owned())
        );
        for bad in ["", "-x", "Deploy", "a b", "é", &"a".repeat(64)] {
            assert_eq!(KeyName::parse(bad), Err(BadKeyName), "{bad:?}");
        }
    }

    #[test]
    fn a_read_key_writes_nothing_and_an_attest_key_only_its_own_checks() {
        use super::super::permissions::{Action, Target};
        for action in Action::ALL {
            for target in Target::ALL {
                assert!(!Scope::Read.permits(action, target));
                let attests =
                    matches!(action, Action::Accept | Action::Revoke) && target == Target::OwnCheck;
                assert_eq!(Scope::Attest.permits(action, target), attests);
            }
        }
    }
}
