## Your account: passwords, sessions, sign-in audit

account-link = Your account
account-title = { $tenant } · Your account
account-intro = You are signed in as { $username }. Here you change your password and end the sessions you no longer use.
account-sessions-heading = Your active sessions
account-sessions-started = Started
account-sessions-browser = Browser
account-sessions-this = (this session)
account-sessions-end = End the other sessions
account-sessions-none-other = No other session is open.
account-browser-unknown = Unknown browser
account-password-heading = Change your password
account-password-current = Your current password
account-password-new = New password (12 to 256 characters)
account-password-again = The new password, again
account-password-help = Changing it ends your other sessions; this one stays signed in.
account-password-submit = Change the password
account-error-current-wrong = Your current password is not right; nothing was changed.
account-done-password = Your password was changed. Your other sessions have ended.
account-done-sessions = Your other sessions have ended.
invite-error-password-common = This password is on the list of the most common passwords. Choose another.
audit-action-sign_in = Signed in
audit-action-sign_out = Signed out
audit-action-sign_in_failed = Sign-in refused
audit-action-change_password = Changed their password
audit-action-end_sessions = Ended their other sessions
