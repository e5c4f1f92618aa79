## Console en direct (événements envoyés par le serveur)

live-signed-out = Votre session a pris fin : cette page ne se met plus à jour d’elle-même.
live-sign-in = Se reconnecter
