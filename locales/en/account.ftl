## Signing in and out

account-signed-in-as = Signed in as { $who }
account-sign-in = Sign in
account-sign-out = Sign out
sign-in-title = Sign in to { $tenant }
sign-in-username = Username
sign-in-password = Password
sign-in-submit = Sign in
sign-in-failed = Wrong username or password.
sign-in-throttled = Too many attempts. Wait a minute, then try again.

## Accepting and revoking checks

item-yours = Yours
item-waiting-owner = Waiting on { $owner }
form-note = Evidence (10 to 2,000 characters)
form-reason = Why you revoke it (10 to 2,000 characters)
form-url = Link to the evidence (https, optional)
form-checksum = Checksum of the evidence (optional)
form-accept = Accept with this evidence
form-revoke = Revoke
evidence-note-too-short = The evidence needs at least 10 visible characters.
evidence-note-too-long = The evidence may have at most 2,000 characters.
evidence-url-invalid = The link is not a web address.
evidence-url-not-https = The link must start with https://.
evidence-url-too-long = The link may have at most 2,048 characters.
evidence-checksum-invalid = A checksum holds 8 to 128 letters, digits, colons, underscores or hyphens.
write-stale = This check changed while you were filling in the form. Your text is kept below: look at the new state and submit again.
write-not-accepted = There is nothing to revoke: this check is not accepted. The form below shows its current state.
write-already-accepted = This check is already accepted. The form below shows its current state; revoke it first to accept it again.

## Refusals

error-title-forbidden = Not allowed
error-body-forbidden = You may not do this: your role does not allow it, or the request did not come from this console.
error-title-conflict = Changed meanwhile
error-body-conflict = What this form was drawn from has changed since. Open the page again to see the current state, then try once more.
error-title-sign-in-required = Sign in again
error-body-sign-in-required = Your session has ended. Sign in again, then submit the form once more.

## Decisions

form-value = Decided value
form-decide = Record this decision
evidence-value-invalid = A decided value holds 1 to 200 characters on one line.
evidence-note-control = The evidence holds a control character, or text that was not valid UTF-8 (shown as �): remove it and send again.

## Signing off production

signoff-heading = Sign-off
signoff-password = Your password, again
signoff-go = Sign production GO
signoff-no-go = Record NO-GO
signoff-reason = Why production may not go ahead (10 to 2,000 characters)
signoff-go-unavailable = Production can be signed GO once every gate is green; the decision stands at { $decision }.
signoff-go-signed = GO is signed and holds for the state shown above. If production must not go ahead after all, record NO-GO with its reason.
signoff-not-ready = Production cannot be signed GO: the decision stands at { $decision }.
signoff-wrong-password = The password is not right; nothing was signed.
signoff-last-no-go = NO-GO recorded by { $owner }, { $date }: { $reason }
write-session-ended = Your session had ended. You are signed in again and your evidence is back in the form: check it and send it.
error-title-bad-request = The request could not be read
error-body-bad-request = The form arrived incomplete or damaged. Go back and send it again.
