# A tenant that is not serving, and the managing director's invitation.

error-title-suspended = This console is suspended
error-body-suspended = The platform operator has suspended this console, saying: “{ $reason }”. Nothing can be viewed or changed until it is resumed.
error-title-provisioning = This console is still being set up
error-body-provisioning = The console is being prepared and is not ready yet. Try again in a few minutes.
error-title-deleting = This console is being deleted
error-body-deleting = The console has been deleted and can no longer be opened. If you think this is a mistake, contact the platform operator.

invite-title = Set up your account for { $tenant }
invite-lead = You have been invited as managing director. Choose the username and password you will sign in with; this link works only once.
invite-username = Username
invite-password = Password (at least 12 characters)
invite-password-again = Password again
invite-submit = Create my account
invite-to-sign-in = Go to the sign-in page of { $tenant }
invite-error-username = Choose a username of 2 to 64 characters: lowercase letters, digits, dots, hyphens or underscores.
invite-error-password-length = Choose a password of at least 12 characters.
invite-error-password-mismatch = The two passwords differ. Type the same password twice.
invite-error-username-taken = This username is already taken in this console. Choose another.
invite-expired-title = This invitation has expired
invite-expired-body = Invitations are valid for 72 hours. Ask the platform operator for a new one.
invite-used-title = This invitation has already been used
invite-used-body = Each invitation works once. If you have already created your account, sign in with it.
invite-unknown-title = This invitation is not valid
invite-unknown-body = No invitation matches this link. Check that you opened the whole link from the message you received.
