## Connexion et déconnexion

account-signed-in-as = Session ouverte en tant que { $who }
account-sign-in = Se connecter
account-sign-out = Se déconnecter
sign-in-title = Connexion à { $tenant }
sign-in-username = Nom d’utilisateur
sign-in-password = Mot de passe
sign-in-submit = Se connecter
sign-in-failed = Nom d’utilisateur ou mot de passe incorrect.
sign-in-throttled = Trop de tentatives. Patientez une minute, puis réessayez.

## Acceptation et révocation des vérifications

item-yours = À vous
item-waiting-owner = En attente de { $owner }
form-note = Preuves (10 à 2 000 caractères)
form-reason = Motif de la révocation (10 à 2 000 caractères)
form-url = Lien vers les preuves (https, facultatif)
form-checksum = Somme de contrôle des preuves (facultatif)
form-accept = Accepter avec ces preuves
form-revoke = Révoquer
evidence-note-too-short = Les preuves doivent comporter au moins 10 caractères visibles.
evidence-note-too-long = Les preuves ne peuvent pas dépasser 2 000 caractères.
evidence-url-invalid = Le lien n’est pas une adresse web.
evidence-url-not-https = Le lien doit commencer par https://.
evidence-url-too-long = Le lien ne peut pas dépasser 2 048 caractères.
evidence-checksum-invalid = Une somme de contrôle comporte de 8 à 128 lettres, chiffres, deux-points, traits de soulignement ou traits d’union.
write-stale = Cette vérification a changé pendant que vous remplissiez le formulaire. Votre texte est conservé ci-dessous : consultez le nouvel état, puis renvoyez le formulaire.
write-not-accepted = Il n’y a rien à révoquer : cette vérification n’est pas acceptée. Le formulaire ci-dessous montre son état actuel.
write-already-accepted = Cette vérification est déjà acceptée. Le formulaire ci-dessous montre son état actuel ; révoquez-la d’abord pour l’accepter à nouveau.

## Refus

error-title-forbidden = Action non autorisée
error-body-forbidden = Vous ne pouvez pas faire cela : votre rôle ne le permet pas, ou la requête ne vient pas de cette console.
error-title-conflict = Modifié entre-temps
error-body-conflict = Ce que montrait ce formulaire a changé depuis. Rouvrez la page pour voir l’état actuel, puis réessayez.
error-title-sign-in-required = Reconnectez-vous
error-body-sign-in-required = Votre session a pris fin. Reconnectez-vous, puis renvoyez le formulaire.

## Décisions

form-value = Valeur décidée
form-decide = Enregistrer cette décision
evidence-value-invalid = Une valeur décidée compte de 1 à 200 caractères sur une seule ligne.
evidence-note-control = Les preuves contiennent un caractère de contrôle, ou du texte qui n’était pas de l’UTF-8 valide (affiché �) : supprimez-le et envoyez à nouveau.

## Signature de la mise en production

signoff-heading = Signature
signoff-password = Votre mot de passe, à nouveau
signoff-go = Signer le GO de production
signoff-no-go = Enregistrer un NO-GO
signoff-reason = Pourquoi la production ne peut pas avancer (de 10 à 2 000 caractères)
signoff-go-unavailable = Le GO de production pourra être signé quand tous les points de contrôle seront au vert ; la décision en est à { $decision }.
signoff-go-signed = Le GO est signé et vaut pour l’état présenté ci-dessus. Si la production ne doit finalement pas avancer, enregistrez un NO-GO avec son motif.
signoff-not-ready = Le GO de production ne peut pas être signé : la décision en est à { $decision }.
signoff-wrong-password = Le mot de passe n’est pas le bon ; rien n’a été signé.
signoff-last-no-go = NO-GO enregistré par { $owner }, { $date } : { $reason }
write-session-ended = Votre session avait expiré. Elle est rouverte et vos preuves sont revenues dans le formulaire : vérifiez-les et envoyez-les.
error-title-bad-request = La requête n’a pas pu être lue
error-body-bad-request = Le formulaire est arrivé incomplet ou endommagé. Revenez en arrière et envoyez-le de nouveau.
