# Authentification unique par le fournisseur d’identité du locataire (OpenID Connect).

sso-sign-in-with = Se connecter avec { $provider }
sso-or-password = Ou avec votre identifiant et votre mot de passe :
sso-password-off = Cette console se connecte uniquement par son fournisseur d’identité.
sso-back-to-sign-in = Retour à la page de connexion de { $tenant }

sso-failure-not_configured-title = Pas d’authentification unique ici
sso-failure-not_configured-body = Cette console n’a aucun fournisseur d’identité configuré. Connectez-vous avec votre identifiant et votre mot de passe.
sso-failure-state-title = Ce lien de connexion a expiré
sso-failure-state-body = La réponse du fournisseur d’identité ne correspond à aucune connexion commencée dans ce navigateur, ou elle a déjà servi. Recommencez depuis la page de connexion.
sso-failure-denied-title = Le fournisseur d’identité ne vous a pas connecté
sso-failure-denied-body = La connexion a été annulée ou refusée chez le fournisseur d’identité. Rien n’a été modifié ici.
sso-failure-code-title = Le code de connexion a été refusé
sso-failure-code-body = Le fournisseur d’identité a refusé le code de connexion : il a déjà servi ou a expiré. Recommencez depuis la page de connexion.
sso-failure-audience-title = Le jeton d’identité n’est pas destiné à cette console
sso-failure-audience-body = Le fournisseur d’identité a émis un jeton pour une autre application. Personne n’a été connecté ; prévenez votre administrateur.
sso-failure-expired-title = Le jeton d’identité a expiré
sso-failure-expired-body = Le jeton du fournisseur d’identité n’est plus valide. Recommencez depuis la page de connexion ; si cela se reproduit, les horloges ne sont peut-être pas d’accord.
sso-failure-signature-title = Le jeton d’identité n’a pas pu être vérifié
sso-failure-signature-body = La signature du jeton ne correspond pas aux clés du fournisseur d’identité. Personne n’a été connecté ; prévenez votre administrateur.
sso-failure-token-title = Le jeton d’identité n’est pas valide
sso-failure-token-body = Le jeton du fournisseur d’identité a un émetteur ou un nonce incorrect, ou il manque. Personne n’a été connecté ; recommencez depuis la page de connexion.
sso-failure-unmapped-title = Vos groupes ne vous donnent aucun rôle dans cette console
sso-failure-unmapped-body = Aucun de vos groupes chez le fournisseur d’identité ne correspond à un rôle ici. Demandez à votre administrateur de vous ajouter à un groupe que la console connaît.
sso-failure-unknown-title = Cette console ne vous connaît pas encore
sso-failure-unknown-body = Vous vous êtes connecté chez le fournisseur d’identité, mais personne ne vous a invité ici. Demandez une invitation à la direction générale.
sso-failure-disabled-title = Votre compte est désactivé
sso-failure-disabled-body = Votre compte dans cette console a été désactivé. Adressez-vous à la direction générale s’il s’agit d’une erreur.
sso-failure-last_director-title = Votre nouveau rôle laisserait cette console sans direction générale
sso-failure-last_director-body = Le fournisseur d’identité vous donne désormais un autre rôle, mais vous êtes la dernière direction générale active ici, et la console en a besoin d’une. Vous n’avez pas été connecté et votre rôle n’a pas changé : donnez d’abord le rôle de direction générale à une autre personne, ou demandez à votre administrateur de vous garder dans le groupe de la direction générale.
sso-failure-unavailable-title = Le fournisseur d’identité est injoignable
sso-failure-unavailable-body = La console n’a pas pu joindre le fournisseur d’identité, ou n’a pas compris sa réponse. Réessayez dans quelques minutes.
sso-failure-private-title = L’adresse du fournisseur d’identité n’est pas autorisée
sso-failure-private-body = Le fournisseur d’identité est configuré à une adresse de réseau privé, que cette console ne contacte pas. Prévenez votre administrateur.
sso-failure-secret-title = L’authentification unique est mal configurée
sso-failure-secret-body = La console ne peut pas lire son secret client pour le fournisseur d’identité. Prévenez votre administrateur.

audit-action-link_identity = A lié un compte au fournisseur d’identité
audit-action-sign_up = S’est inscrit par le fournisseur d’identité
