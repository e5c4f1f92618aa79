## Votre compte : mots de passe, sessions, audit des connexions

account-link = Votre compte
account-title = { $tenant } · Votre compte
account-intro = Vous êtes connecté en tant que { $username }. Ici, vous changez votre mot de passe et fermez les sessions que vous n’utilisez plus.
account-sessions-heading = Vos sessions actives
account-sessions-started = Ouverte le
account-sessions-browser = Navigateur
account-sessions-this = (cette session)
account-sessions-end = Fermer les autres sessions
account-sessions-none-other = Aucune autre session n’est ouverte.
account-browser-unknown = Navigateur inconnu
account-password-heading = Changer votre mot de passe
account-password-current = Votre mot de passe actuel
account-password-new = Nouveau mot de passe (12 à 256 caractères)
account-password-again = Le nouveau mot de passe, encore une fois
account-password-help = Le changer ferme vos autres sessions ; celle-ci reste ouverte.
account-password-submit = Changer le mot de passe
account-error-current-wrong = Votre mot de passe actuel n’est pas le bon ; rien n’a été changé.
account-done-password = Votre mot de passe a été changé. Vos autres sessions ont été fermées.
account-done-sessions = Vos autres sessions ont été fermées.
invite-error-password-common = Ce mot de passe figure sur la liste des mots de passe les plus courants. Choisissez-en un autre.
audit-action-sign_in = S’est connecté
audit-action-sign_out = S’est déconnecté
audit-action-sign_in_failed = Connexion refusée
audit-action-change_password = A changé son mot de passe
audit-action-end_sessions = A fermé ses autres sessions
