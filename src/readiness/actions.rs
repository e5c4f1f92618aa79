//! What people and rehearsal runs do, as the audit chain records it: each event's action and,
//! for the events that are not about one item, its target.

use super::code::code_enum;

code_enum! {
    /// The action of an audit event. Every write appends exactly one; the audit filter, the
    /// message ids and the records the chain must account for are all derived from [`Self::ALL`].
    pub enum AuditAction as "audit action" {
        /// An owner check was accepted.
        Accept => "accept",
        /// A decision's value was recorded.
        Decide => "decide",
        /// An acceptance or a decision was revoked.
        Revoke => "revoke",
        /// The managing director signed GO.
        SignGo => "sign_go",
        /// The managing director recorded NO-GO.
        RecordNoGo => "record_no_go",
        /// A scenario payload was imported.
        ImportSnapshot => "import_snapshot",
        /// An import was frozen as a scenario snapshot version.
        FreezeSnapshot => "freeze_snapshot",
        /// The rehearsal target's reference was named.
        SetTarget => "set_target",
        /// A rehearsal step passed.
        ProbePassed => "probe_passed",
        /// A rehearsal step failed.
        ProbeFailed => "probe_failed",
        /// The managing director changed the tenant's profile on the settings page.
        SetProfile => "set_profile",
        /// A person signed in (the target is their actor id).
        SignIn => "sign_in",
        /// A person signed out.
        SignOut => "sign_out",
        /// A sign-in was refused: the target is the account's actor id, or the username as
        /// typed (normalised and truncated) when no account has it. At most one per username
        /// and a few per tenant a minute are recorded.
        SignInFailed => "sign_in_failed",
        /// A person changed their own password (their other sessions ended).
        ChangePassword => "change_password",
        /// A person ended their other sessions.
        EndSessions => "end_sessions",
        /// The managing director invited a person (target: the person's actor id).
        InvitePerson => "invite_person",
        /// An invited person accepted their invitation and has an account (target: the actor).
        AcceptInvitation => "accept_invitation",
        /// A person's role changed (target: `{actor}:{new role}`).
        ChangeRole => "change_role",
        /// A person's account was disabled (target: the actor).
        DisableAccount => "disable_account",
        /// A person's account was enabled again (target: the actor).
        EnableAccount => "enable_account",
        /// A password-reset link was issued for a person (target: the actor).
        IssuePasswordReset => "issue_password_reset",
        /// A person set a new password through a reset link (target: the actor).
        ResetPassword => "reset_password",
        /// An item was given an owner (target: `{item}:{actor}`).
        AssignOwner => "assign_owner",
        /// An item was given back to its role: no person is pinned to it any more (target:
        /// `{item}:{actor}`, the person who owns it now).
        UnpinOwner => "unpin_owner",
        /// A role's default owner was named (target: `{role}:{actor}`).
        SetRoleOwner => "set_role_owner",
        /// A role's default owner was cleared (target: `{role}:{actor}`, the person who was
        /// its default).
        ClearRoleOwner => "clear_role_owner",
        /// A person's account was linked to the tenant's identity provider at their first
        /// single sign-on, by the email they were invited with (target: the actor).
        LinkIdentity => "link_identity",
        /// A person unknown to the tenant signed up through its identity provider, which the
        /// tenant allows (target: the actor).
        SignUp => "sign_up",
        /// An API key was created, with its service account (target: `{name}:{scope}`).
        CreateApiKey => "create_api_key",
        /// An API key was revoked (target: its name).
        RevokeApiKey => "revoke_api_key",
        /// A webhook endpoint was added (target: its id).
        AddWebhook => "add_webhook",
        /// A webhook endpoint was removed (target: its id).
        RemoveWebhook => "remove_webhook",
        /// A dead webhook delivery was given its tries again (target: the delivery's id).
        RetryDelivery => "retry_delivery",
    }
}

code_enum! {
    /// What an event that is not about one item is about (events on an item name the item's
    /// key instead).
    pub enum AuditTarget as "audit target" {
        /// The production go/no-go: sign-offs.
        Production => "production",
        /// The scenario snapshot: imports and freezes.
        Scenario => "scenario",
        /// The rehearsal target's connection: naming it.
        Connection => "connection",
        /// The tenant's profile: its settings.
        Profile => "profile",
    }
}

code_enum! {
    /// What a form does to an owner check or a decision (the last segment of its URL).
    pub enum CheckAction as "check action" {
        /// Accept an owner check with evidence.
        Accept => "accept",
        /// Record and accept a decision's value.
        Decide => "decide",
        /// Revoke the standing acceptance or decision.
        Revoke => "revoke",
    }
}

impl CheckAction {
    /// The audit event it appends.
    pub fn audit_action(self) -> AuditAction {
        match self {
            Self::Accept => AuditAction::Accept,
            Self::Decide => AuditAction::Decide,
            Self::Revoke => AuditAction::Revoke,
        }
    }

    /// The permission table's action.
    pub fn permission(self) -> super::permissions::Action {
        use super::permissions::Action;
        match self {
            Self::Accept => Action::Accept,
            Self::Decide => Action::Decide,
            Self::Revoke => Action::Revoke,
        }
    }

    /// The action a form offers on an item: revoke what stands, else decide a decision or
    /// accept an owner check.
    pub fn offered(accepted: bool, decision: bool) -> Self {
        match (accepted, decision) {
            (true, _) => Self::Revoke,
            (false, true) => Self::Decide,
            (false, false) => Self::Accept,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_check_action_is_recorded_as_the_audit_action_of_the_same_name() {
        for action in CheckAction::ALL {
            assert_eq!(action.audit_action().as_str(), action.as_str());
        }
    }

    #[test]
    fn a_form_revokes_what_stands_and_otherwise_accepts_or_decides() {
        for (accepted, decision, offered) in [
            (true, true, CheckAction::Revoke),
            (true, false, CheckAction::Revoke),
            (false, true, CheckAction::Decide),
            (false, false, CheckAction::Accept),
        ] {
            assert_eq!(CheckAction::offered(accepted, decision), offered);
        }
    }
}
