# Single sign-on through the tenant's identity provider (OpenID Connect).

sso-sign-in-with = Sign in with { $provider }
sso-or-password = Or with your username and password:
sso-password-off = This console signs in through its identity provider only.
sso-back-to-sign-in = Back to the sign-in page of { $tenant }

sso-failure-not_configured-title = No single sign-on here
sso-failure-not_configured-body = This console has no identity provider configured. Sign in with your username and password.
sso-failure-state-title = This sign-in link has expired
sso-failure-state-body = The answer from the identity provider does not belong to a sign-in started in this browser, or it was used already. Start again from the sign-in page.
sso-failure-denied-title = The identity provider did not sign you in
sso-failure-denied-body = The sign-in was cancelled or refused at the identity provider. Nothing was changed here.
sso-failure-code-title = The sign-in code was refused
sso-failure-code-body = The identity provider refused the sign-in code: it was used already or has expired. Start again from the sign-in page.
sso-failure-audience-title = The identity token is not for this console
sso-failure-audience-body = The identity provider issued a token for another application. Nobody was signed in; tell your administrator.
sso-failure-expired-title = The identity token has expired
sso-failure-expired-body = The token from the identity provider is no longer valid. Start again from the sign-in page; if it happens again, the clocks may disagree.
sso-failure-signature-title = The identity token could not be verified
sso-failure-signature-body = The token's signature does not match the identity provider's keys. Nobody was signed in; tell your administrator.
sso-failure-token-title = The identity token is not valid
sso-failure-token-body = The token from the identity provider has the wrong issuer or nonce, or is missing. Nobody was signed in; start again from the sign-in page.
sso-failure-unmapped-title = Your groups give no role in this console
sso-failure-unmapped-body = None of your groups at the identity provider is mapped to a role here. Ask your administrator to add you to a group the console knows.
sso-failure-unknown-title = This console does not know you yet
sso-failure-unknown-body = You signed in at the identity provider, but nobody here has invited you. Ask the managing director for an invitation.
sso-failure-disabled-title = Your account is disabled
sso-failure-disabled-body = Your account in this console has been disabled. Ask the managing director if this is a mistake.
sso-failure-last_director-title = Your new role would leave this console without a managing director
sso-failure-last_director-body = The identity provider now gives you another role, but you are the last active managing director here, and the console needs one. You were not signed in and your role is unchanged: make another person managing director first, or ask your administrator to keep you in the managing directors’ group.
sso-failure-unavailable-title = The identity provider cannot be reached
sso-failure-unavailable-body = The console could not reach the identity provider, or could not understand its answer. Try again in a few minutes.
sso-failure-private-title = The identity provider's address is not allowed
sso-failure-private-body = The identity provider is configured at a private network address, which this console does not contact. Tell your administrator.
sso-failure-secret-title = Single sign-on is not set up correctly
sso-failure-secret-body = The console cannot read its client secret for the identity provider. Tell your administrator.

audit-action-link_identity = Linked an account to the identity provider
audit-action-sign_up = Signed up through the identity provider
