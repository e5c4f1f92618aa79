## Email: invitations, password resets, "waiting on you" reminders

mail-greeting = Hello { $name },
mail-footer = Readiness Console · { $tenant }
mail-invite-subject = You are invited to the readiness console of { $tenant }
mail-invite-intro = You are invited to { $tenant }'s readiness console. Open the link below to choose your username and password.
mail-invite-action = Accept the invitation
mail-reset-subject = Choose a new password for { $tenant }
mail-reset-intro = A new password was requested for your account at { $tenant }'s readiness console. Open the link below to choose it.
mail-reset-action = Choose a new password
mail-link-once = The link works once and expires. If you did not expect this mail, ignore it.
mail-waiting-subject = Waiting on you: { $item }
mail-waiting-intro = The check “{ $item }” of { $tenant } is now waiting on you.
mail-waiting-action = Open the check
mail-waiting-why = You get this reminder because you own this check.
mail-unsubscribe = Stop these reminders

## The unsubscribe page, and the account page's reminder setting

unsubscribe-title = Stop the reminders
unsubscribe-intro = Stop the “waiting on you” mails of { $tenant } for { $name }? Invitations and password resets are still sent.
unsubscribe-submit = Stop the reminders
unsubscribe-done = Done: no more “waiting on you” mails. You can turn them on again on your account page.
unsubscribe-invalid = This unsubscribe link is not valid.
account-reminders-heading = Email reminders
account-reminders-on = You get a mail when a check starts waiting on you.
account-reminders-off = You get no mail when a check starts waiting on you.
account-reminders-turn-off = Stop the reminders
account-reminders-turn-on = Send me the reminders
account-done-reminders = Your reminder setting is saved.
