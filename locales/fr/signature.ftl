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
