//! An account as the console's cached state knows it, and the rule saying whether a sign-in of
//! it still counts. Pure: the instant a sign-in began is handed in.

use time::OffsetDateTime;

use super::code::code_enum;

code_enum! {
    /// Whether an account may sign in.
    pub enum AccountStatus as "account status" {
        /// It signs in, and its sessions count.
        Active => "active",
        /// It signs in no more, and its sessions end at their next request.
        Disabled => "disabled",
    }
}

/// What the console's state holds of an account (never its password hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The actor it signs in as.
    pub actor: String,
    /// Its username.
    pub username: String,
    /// Whether it may sign in.
    pub status: AccountStatus,
    /// Sessions that began before this instant no longer count ("end the other sessions", a
    /// password change); `None` until either happened.
    pub sessions_valid_from: Option<OffsetDateTime>,
    /// It has a password.
    pub password: bool,
    /// It is linked to the tenant's identity provider.
    pub oidc: bool,
}

impl Account {
    /// Whether a sign-in of this account that began at `started` still counts: the account is
    /// active and the sign-in began at or after [`Self::sessions_valid_from`].
    pub fn sign_in_counts(&self, started: OffsetDateTime) -> bool {
        self.status == AccountStatus::Active
            && self.sessions_valid_from.is_none_or(|from| started >= from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_sign_in_counts_while_its_account_is_active_and_it_began_after_the_last_cut() {
        let cut = datetime!(2026-03-02 09:30:00.000_001 UTC);
        let account = |status, sessions_valid_from| Account {
            actor: "user_md_anna".into(),
            username: "anna".into(),
            status,
            sessions_valid_from,
            password: true,
            oidc: false,
        };
        let before = datetime!(2026-03-02 09:30 UTC);
        let cases = [
            (AccountStatus::Active, None, before, true),
            (AccountStatus::Active, Some(cut), before, false),
            (AccountStatus::Active, Some(cut), cut, true),
            (
                AccountStatus::Active,
                Some(cut),
                datetime!(2026-03-02 10:00 UTC),
                true,
            ),
            (AccountStatus::Disabled, None, before, false),
            (AccountStatus::Disabled, Some(cut), cut, false),
        ];
        for (status, from, started, counts) in cases {
            assert_eq!(
                account(status, from).sign_in_counts(started),
                counts,
                "{status} {from:?} {started}"
            );
        }
    }
}
