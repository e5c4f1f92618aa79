//! One-time notices: what a write did, said once on the page its redirect lands on (without
//! JavaScript), or swapped into the page's notice region with the changed section (htmx).

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::response::Response;

/// What was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeCode {
    /// An owner check was accepted.
    Accepted,
    /// A decision was recorded.
    Decided,
    /// An acceptance or a decision was revoked.
    Revoked,
    /// GO was signed.
    SignedGo,
    /// GO was signed, and production waits for the other signatures the programme requires.
    SignedPartialGo,
    /// NO-GO was recorded.
    RecordedNoGo,
    /// The rehearsal target was named.
    TargetSaved,
    /// A rehearsal run started.
    RunStarted,
    /// The tenant's profile was changed on the settings page.
    ProfileSaved,
    /// The settings form changed no value.
    ProfileUnchanged,
}

impl NoticeCode {
    /// What a sign-off recorded.
    pub fn signed(signoff: &crate::db::write::Signoff) -> Self {
        match signoff {
            crate::db::write::Signoff::Go { .. } => Self::SignedGo,
            crate::db::write::Signoff::NoGo(_) => Self::RecordedNoGo,
        }
    }

    /// What an owner check's write did.
    pub fn written(command: &crate::db::write::CheckCommand) -> Self {
        use crate::db::write::CheckCommand;
        match command {
            CheckCommand::Accept(_) => Self::Accepted,
            CheckCommand::Decide(..) => Self::Decided,
            CheckCommand::Revoke(_) => Self::Revoked,
        }
    }

    /// The code in message ids (`notice-…`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Decided => "decided",
            Self::Revoked => "revoked",
            Self::SignedGo => "signed_go",
            Self::SignedPartialGo => "signed_partial_go",
            Self::RecordedNoGo => "recorded_no_go",
            Self::TargetSaved => "target_saved",
            Self::RunStarted => "run_started",
            Self::ProfileSaved => "profile_saved",
            Self::ProfileUnchanged => "profile_unchanged",
        }
    }

    /// Every notice, for the message-id list.
    pub const ALL: [Self; 10] = [
        Self::Accepted,
        Self::Decided,
        Self::Revoked,
        Self::SignedGo,
        Self::SignedPartialGo,
        Self::RecordedNoGo,
        Self::TargetSaved,
        Self::RunStarted,
        Self::ProfileSaved,
        Self::ProfileUnchanged,
    ];
}

/// A notice and what it is about: an item's key, or a rehearsal kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What was done.
    pub code: NoticeCode,
    /// On what.
    pub subject: String,
}

/// The cookie that carries a notice from a write's answer to the next page. A cookie, not the
/// session: confirming a write must not cost a second database write.
const COOKIE: &str = "notice";

impl Notice {
    /// A notice for `subject`.
    pub fn new(code: NoticeCode, subject: &str) -> Self {
        Self {
            code,
            subject: subject.to_owned(),
        }
    }

    /// The cookie's value: `code.subject`.
    fn value(&self) -> String {
        format!("{}.{}", self.code.as_str(), self.subject)
    }

    /// Reads a cookie's value back; anything that is not a code and a plain subject is none.
    fn parse(value: &str) -> Option<Self> {
        let (code, subject) = value.split_once('.')?;
        let code = NoticeCode::ALL.into_iter().find(|c| c.as_str() == code)?;
        let plain = subject.len() <= 200
            && subject.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b':' | b'/')
            });
        plain.then(|| Self::new(code, subject))
    }
}

/// A write's answer that leaves `notice` for the next page.
pub fn leave(mut response: Response, notice: Notice) -> Response {
    response.extensions_mut().insert(notice);
    response
}

/// Carries notices: a response that leaves one sets the cookie ([`settle`]); the next full
/// page (a GET that is not an htmx request) finds it here, as a request extension, shows it,
/// and the cookie is cleared — said once. Whether one was found.
pub fn take(request: &mut Request) -> bool {
    let page = request.method() == axum::http::Method::GET
        && !request.headers().contains_key("hx-request");
    if !page {
        return false;
    }
    let pending = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("notice="))
        .and_then(Notice::parse);
    let found = pending.is_some();
    if let Some(notice) = pending {
        request.extensions_mut().insert(notice);
    }
    found
}

/// After the handler: a notice the response leaves sets the cookie; one [`take`] found on
/// the request (`shown`) is cleared.
pub fn settle(mut response: Response, shown: bool, https: bool) -> Response {
    let secure = if https { "; Secure" } else { "" };
    let cookie = match response.extensions_mut().remove::<Notice>() {
        Some(left) => Some(format!(
            "{COOKIE}={}; Path=/; Max-Age=300; HttpOnly; SameSite=Lax{secure}",
            left.value()
        )),
        None if shown => Some(format!(
            "{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}"
        )),
        None => None,
    };
    if let Some(value) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}
