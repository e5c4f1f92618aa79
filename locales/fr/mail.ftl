## Courriel : invitations, réinitialisations de mot de passe, rappels « en attente de vous »

mail-greeting = Bonjour { $name },
mail-footer = Console de préparation · { $tenant }
mail-invite-subject = Invitation à la console de préparation de { $tenant }
mail-invite-intro = Vous êtes invité à la console de préparation de { $tenant }. Ouvrez le lien ci-dessous pour choisir votre nom d’utilisateur et votre mot de passe.
mail-invite-action = Accepter l’invitation
mail-reset-subject = Choisissez un nouveau mot de passe pour { $tenant }
mail-reset-intro = Un nouveau mot de passe a été demandé pour votre compte sur la console de préparation de { $tenant }. Ouvrez le lien ci-dessous pour le choisir.
mail-reset-action = Choisir un nouveau mot de passe
mail-link-once = Le lien ne fonctionne qu’une fois et expire. Si vous n’attendiez pas ce courriel, ignorez-le.
mail-waiting-subject = En attente de vous : { $item }
mail-waiting-intro = La vérification « { $item } » de { $tenant } est désormais en attente de vous.
mail-waiting-action = Ouvrir la vérification
mail-waiting-why = Vous recevez ce rappel parce que vous êtes responsable de cette vérification.
mail-unsubscribe = Ne plus recevoir ces rappels

## La page de désabonnement, et le réglage des rappels du compte

unsubscribe-title = Ne plus recevoir les rappels
unsubscribe-intro = Ne plus envoyer à { $name } les courriels « en attente de vous » de { $tenant } ? Les invitations et les réinitialisations de mot de passe sont toujours envoyées.
unsubscribe-submit = Ne plus recevoir les rappels
unsubscribe-done = C’est fait : plus de courriels « en attente de vous ». Vous pouvez les réactiver sur la page de votre compte.
unsubscribe-invalid = Ce lien de désabonnement n’est pas valide.
account-reminders-heading = Rappels par courriel
account-reminders-on = Vous recevez un courriel quand une vérification se met en attente de vous.
account-reminders-off = Vous ne recevez aucun courriel quand une vérification se met en attente de vous.
account-reminders-turn-off = Ne plus recevoir les rappels
account-reminders-turn-on = M’envoyer les rappels
account-done-reminders = Votre réglage des rappels est enregistré.
