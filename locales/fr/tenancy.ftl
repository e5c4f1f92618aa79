# Une console qui n’est pas en service, et l’invitation du directeur général.

error-title-suspended = Cette console est suspendue
error-body-suspended = L’opérateur de la plateforme a suspendu cette console pour ce motif : « { $reason } ». Rien ne peut être consulté ni modifié avant sa reprise.
error-title-provisioning = Cette console est encore en préparation
error-body-provisioning = La console est en cours de préparation et n’est pas encore prête. Réessayez dans quelques minutes.
error-title-deleting = Cette console est en cours de suppression
error-body-deleting = La console a été supprimée et ne peut plus être ouverte. Si vous pensez qu’il s’agit d’une erreur, contactez l’opérateur de la plateforme.

invite-title = Créez votre compte pour { $tenant }
invite-lead = Vous êtes invité en tant que directeur général. Choisissez l’identifiant et le mot de passe avec lesquels vous vous connecterez ; ce lien ne fonctionne qu’une fois.
invite-username = Identifiant
invite-password = Mot de passe (12 caractères au moins)
invite-password-again = Mot de passe, à nouveau
invite-submit = Créer mon compte
invite-to-sign-in = Aller à la page de connexion de { $tenant }
invite-error-username = Choisissez un identifiant de 2 à 64 caractères : lettres minuscules, chiffres, points, traits d’union ou tirets bas.
invite-error-password-length = Choisissez un mot de passe d’au moins 12 caractères.
invite-error-password-mismatch = Les deux mots de passe diffèrent. Saisissez deux fois le même mot de passe.
invite-error-username-taken = Cet identifiant est déjà pris dans cette console. Choisissez-en un autre.
invite-expired-title = Cette invitation a expiré
invite-expired-body = Les invitations sont valables 72 heures. Demandez-en une nouvelle à l’opérateur de la plateforme.
invite-used-title = Cette invitation a déjà été utilisée
invite-used-body = Chaque invitation ne fonctionne qu’une fois. Si vous avez déjà créé votre compte, connectez-vous avec celui-ci.
invite-unknown-title = Cette invitation n’est pas valable
invite-unknown-body = Aucune invitation ne correspond à ce lien. Vérifiez que vous avez ouvert le lien complet du message reçu.
