## One-time notices after a write

notice-accepted = Accepté : { $subject }.
notice-decided = Décision enregistrée : { $subject }.
notice-revoked = Révoqué : { $subject }.
notice-signed_go = GO signé. La décision ci-dessous indique pour quel état il vaut.
notice-recorded_no_go = NO-GO enregistré avec son motif.
notice-target_saved = Cible enregistrée : { $subject }. Elle n’est lue qu’au moment où une exécution se connecte.
notice-run_started = Lancé : { $subject }. La page suit l’exécution jusqu’à sa fin.
