## Live console (server-sent events)

live-signed-out = Your session has ended: this page no longer updates by itself.
live-sign-in = Sign in again
