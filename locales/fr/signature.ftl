## La signature du GO : l’état pour lequel elle vaut, ou l’écriture qui l’a retirée

signature-heading = Signature de la production
signature-standing = GO signé par { $owner } le { $date }.
signature-holds = Elle vaut pour l’état sur lequel elle a été donnée : le statut de chaque élément à l’événement { $event } (empreinte de l’état { $digest }). Toute écriture qui change le statut d’un élément la retire.
signature-holds-empty-chain = Elle vaut pour l’état sur lequel elle a été donnée, quand le journal d’audit ne comptait encore aucun événement (empreinte de l’état { $digest }). Toute écriture qui change le statut d’un élément la retire.
signature-holds-unrecorded = Elle a été donnée avant que les signatures n’enregistrent leur état. Toute écriture qui change le statut d’un élément la retire.
signature-withdrawn-accept = GO signé par { $owner } le { $date } — retiré à l’événement { $event }, quand { $actor } a accepté « { $item } ».
signature-withdrawn-decide = GO signé par { $owner } le { $date } — retiré à l’événement { $event }, quand { $actor } a enregistré la décision « { $item } ».
signature-withdrawn-revoke = GO signé par { $owner } le { $date } — retiré à l’événement { $event }, quand { $actor } a révoqué « { $item } ».
signature-withdrawn-probe_passed = GO signé par { $owner } le { $date } — retiré à l’événement { $event }, quand une répétition lancée par { $actor } a réussi « { $item } ».
signature-withdrawn-probe_failed = GO signé par { $owner } le { $date } — retiré à l’événement { $event }, quand une répétition lancée par { $actor } a échoué sur « { $item } ».
signature-withdrawn-freeze_snapshot = GO signé par { $owner } le { $date } — retiré à l’événement { $event }, quand { $actor } a figé un instantané du scénario qui a changé « { $item } ».
signature-withdrawn-unknown = GO signé par { $owner } le { $date } — retiré à l’événement { $event } par { $actor }, qui a changé « { $item } ».
signature-withdrawn-detail = Une signature retirée ne compte plus : la production reste en NO-GO jusqu’à ce que la direction générale signe de nouveau le GO sur l’état tel qu’il est maintenant.
signature-lapsed = GO signé par { $owner } le { $date } — il ne vaut plus : l’état sur lequel il a été donné a changé en dehors des formulaires de la console.
signature-lapsed-detail = La production reste en NO-GO. Quand tous les points de contrôle seront de nouveau au vert, la direction générale signera à nouveau.
signature-badge-standing = Valable
signature-badge-withdrawn = Retirée
signature-badge-lapsed = Ne vaut plus
signature-event-withdrew = a retiré la signature du GO
signature-confirm-warning = Le GO de production est signé par { $owner }. Ce changement retire cette signature : la production repasse en NO-GO jusqu’à une nouvelle signature.
signature-confirm-warning-run = Le GO de production est signé par { $owner }. Si cette répétition change le statut d’un élément, elle retire cette signature : la production repasse en NO-GO jusqu’à une nouvelle signature.
signature-confirm-warning-freeze = Le GO de production est signé par { $owner }. Si cet instantané change le statut d’un élément, le figer retire cette signature : la production repasse en NO-GO jusqu’à une nouvelle signature.
signature-confirm-label = J’ai compris : retirer la signature du GO
signature-confirm-required = Ce changement retirerait la signature du GO. Cochez la confirmation pour continuer ; rien n’a été enregistré.
signoff-stale = L’état a changé depuis l’affichage de ce formulaire. Vérifiez la décision telle qu’elle est maintenant, puis signez de nouveau ; rien n’a été signé.

## Une deuxième signature : un programme peut exiger le GO de plusieurs directeurs généraux distincts

signature-count = { $signed } { $signed ->
        [one] signature
       *[other] signatures
    } sur { $required }
signature-badge-partial = Signé en partie
signature-partial = La production reste NO-GO jusqu’à ce { $missing ->
        [one] qu’un autre directeur général signe
       *[other] que { $missing } autres directeurs généraux signent
    } GO sur ce même état.
signature-signer = { $owner } a signé GO le { $date }
signoff-you-signed = Vous avez signé GO le { $date } : { $signed } { $signed ->
        [one] signature
       *[other] signatures
    } sur { $required }. Un autre directeur général signe ensuite ; vous pouvez encore enregistrer NO-GO.
signoff-cosign = Signatures données : { $signed } sur { $required }. Votre GO signe le même état que les leurs ; { $missing ->
        [one] il complète la signature.
       *[other] il manque encore { $missing } signatures.
    }
signoff-already-signed = Vous avez déjà signé GO sur cet état, et la signature d’une personne ne compte qu’une fois. Un autre directeur général doit signer ; rien n’a été signé.
notice-signed_partial_go = Votre signature GO est enregistrée. La production attend les autres signatures que le programme exige.
programme-error-signatures-out-of-range = La signature exige { $found } signatures : un programme exige de 1 à { $max } signatures GO.
