## Ce que couvre la chaîne d’audit : des points de contrôle signés jusqu’à la tête, et l’événement de chaque enregistrement

coverage-unpinned = Les événements n° { $first }–n° { $last } sont couverts par leurs propres signatures, mais encore par aucun point de contrôle signé : les supprimer ne laisserait rien de signé qui les nomme.
coverage-unpinned-one = L’événement n° { $seq } est couvert par sa propre signature, mais encore par aucun point de contrôle signé : le supprimer ne laisserait rien de signé qui le nomme.
coverage-head-signed = La tête est couverte par un point de contrôle signé.
coverage-records-ok = Chaque acceptation, décision, révocation, résultat de sonde et signature a son événement d’audit, et chacun de ces événements son enregistrement.
coverage-records-broken = Les enregistrements et les événements d’audit ne se correspondent pas :
coverage-row = { $record } n° { $id } :
coverage-event = Événement n° { $seq } ({ $record }) :
coverage-record-acceptance = Acceptation
coverage-record-decision = Décision
coverage-record-revocation = Révocation
coverage-record-probe_result = Résultat de sonde
coverage-record-signoff = Signature GO/NO-GO
coverage-seeded = Écrit par l’amorçage de la démo (requête { $request }), et non par un formulaire.
audit-fault-record_without_event = Aucun événement d’audit n’enregistre cette ligne telle qu’elle est : elle a été écrite ou modifiée directement dans la base de données.
audit-fault-event_without_record = La ligne que cet événement enregistre n’est pas là, ou ne dit plus ce que l’événement a enregistré.
