//! One-time notices: what a write did, said once on the page its redirect lands on (without
//! JavaScript), or swapped into the page's notice region with the changed section (htmx).

use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// What was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeCode {
    /// An owner check was accepted.
    Accepted,
    /// A decision was recorded.
    Decided,
    /// An acceptance or a decision was revoked.
    Revoked,
    /// GO was signed.
    SignedGo,
    /// NO-GO was recorded.
    RecordedNoGo,
    /// The rehearsal target was named.
    TargetSaved,
    /// A rehearsal run started.
    RunStarted,
}

impl NoticeCode {
    /// The code in message ids (`notice-…`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Decided => "decided",
            Self::Revoked => "revoked",
            Self::SignedGo => "signed_go",
            Self::RecordedNoGo => "recorded_no_go",
            Self::TargetSaved => "target_saved",
            Self::RunStarted => "run_started",
        }
    }

    /// Every notice, for the message-id list.
    pub const ALL: [Self; 7] = [
        Self::Accepted,
        Self::Decided,
        Self::Revoked,
        Self::SignedGo,
        Self::RecordedNoGo,
        Self::TargetSaved,
        Self::RunStarted,
    ];
}

/// A notice and what it is about: an item's key, or a rehearsal kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// What was done.
    pub code: NoticeCode,
    /// On what.
    pub subject: String,
}

const KEY: &str = "notice";

/// Leaves a notice for the next page this session shows.
pub async fn leave(
    session: &Session,
    code: NoticeCode,
    subject: &str,
) -> Result<(), tower_sessions::session::Error> {
    let notice = Notice {
        code,
        subject: subject.to_owned(),
    };
    session.insert(KEY, notice).await
}

/// Takes the notice left for this page, if any: it is shown once.
pub async fn take(session: &Session) -> Option<Notice> {
    session.remove::<Notice>(KEY).await.ok().flatten()
}
