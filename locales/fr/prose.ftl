## La prose de la console : chaque phrase des chiffres clés, du copilote et de la section de
## décision a une formulation par état possible, choisie d’après l’évaluation
## (src/readiness/narrative.rs). Les ids sont prose-<emplacement>-<code> ; chaque nombre est une variable.

## Chiffres clés

prose-kpi-contract-demo = La forme de l’API reste stable pour le futur adaptateur de base de données, { $target }.
prose-kpi-contract-go = Le GO de production est signé : la forme de l’API passe telle quelle à { $target }.
prose-kpi-actors-mapped = { $count ->
    [one] { $count } utilisateur de démonstration correspond à une future revendication RBAC.
   *[other] { $count } utilisateurs de démonstration correspondent à de futures revendications RBAC.
}
prose-kpi-actors-rehearsed = { $count ->
    [one] La revendication RBAC de { $count } utilisateur de démonstration est répétée lors de l’essai à blanc sur { $target }.
   *[other] Les revendications RBAC des { $count } utilisateurs de démonstration sont répétées lors de l’essai à blanc sur { $target }.
}
prose-kpi-actors-go = { $count ->
    [one] La revendication RBAC de { $count } utilisateur est confirmée pour la production, et le GO est signé.
   *[other] Les revendications RBAC des { $count } utilisateurs sont confirmées pour la production, et le GO est signé.
}
prose-kpi-providers-open = Fournisseurs simulés ou locaux dotés d’une cible de production : { $ready } sur { $total } ; les autres n’en ont pas encore.
prose-kpi-providers-complete = Les { $total } fournisseurs simulés et locaux indiquent leur cible de production.
prose-kpi-preflight-open = Contrôles de migration de l’instantané prêts avant la bascule réelle DB/auth : { $ready } sur { $total }.
prose-kpi-preflight-complete = Les { $total } contrôles de migration de l’instantané sont prêts pour la bascule réelle DB/auth.
prose-kpi-cutover-open = Répétitions menées par leurs responsables et acceptées au regard des tâches d’infrastructure : { $ready } sur { $total }.
prose-kpi-cutover-complete = Les { $total } répétitions menées par leurs responsables sont acceptées au regard des tâches d’infrastructure.
prose-kpi-connection-open = Contrôles du point de terminaison masqué réussis pour { $target } : { $ready } sur { $total }.
prose-kpi-connection-complete = Les { $total } contrôles du point de terminaison masqué sont réussis pour { $target }.

## Copilote

prose-gates-open = Points de contrôle d’intégration prêts pour { $target } : { $ready }/{ $total }.
prose-gates-complete = Les { $total } points de contrôle d’intégration sont prêts pour { $target }.
prose-percent-basis = { $ready ->
    [one] { $ready } élément sur { $total } de la liste de contrôle est prêt
   *[other] { $ready } éléments sur { $total } de la liste de contrôle sont prêts
} ; le pourcentage est arrondi à l’entier inférieur et les { $gates } points de contrôle ne sont pas recomptés.
prose-card-providers-open = Contrats fournisseurs du local vers la production dotés d’une cible de production : { $ready } sur { $total }.
prose-card-providers-complete = Les { $total } contrats fournisseurs du local vers la production sont visibles, chacun avec sa cible de production.
prose-card-session-demo = { $contract } fonctionne avec { $auth } pour le contrat de la démonstration locale.
prose-card-session-go = { $contract } fonctionne toujours avec { $auth } dans la démonstration locale ; le GO de production est signé pour { $target }.
prose-card-preflight-unfrozen = Contrôle préalable : { $ready }/{ $total } ; aucun instantané du scénario n’a encore été figé.
prose-card-preflight-open = Contrôle préalable : { $ready }/{ $total }, somme de contrôle de l’instantané { $checksum }.
prose-card-preflight-complete = Contrôle préalable complet, { $ready }/{ $total }, somme de contrôle de l’instantané { $checksum }.
prose-card-runbook-gated = Procédure : { $ready }/{ $total }, décision { $decision }.
prose-card-runbook-pending = Procédure : { $ready }/{ $total } ; ses propres contrôles ouverts la maintiennent à { $decision }.
prose-card-runbook-ready = Procédure complète, { $ready }/{ $total }, décision { $decision }.
prose-card-release-gated = Passation : { $ready }/{ $total }, décision { $decision }.
prose-card-release-pending = Passation : { $ready }/{ $total } ; ses propres points de contrôle ouverts la maintiennent à { $decision }.
prose-card-release-ready = Passation complète, { $ready }/{ $total }, décision { $decision }.
prose-card-rollback-gated = Retour arrière : { $ready }/{ $total }, décision { $decision }.
prose-card-rollback-pending = Retour arrière : { $ready }/{ $total } ; ses propres contrôles ouverts le maintiennent à { $decision }.
prose-card-rollback-ready = Retour arrière complet, { $ready }/{ $total }, décision { $decision }.

## Décision de mise en production : la décision d’infrastructure attendue

prose-prompt-undecided = { $target } est sélectionné pour la répétition, mais { $decision } maintient la bascule réelle DB/auth bloquée ; décisions fournisseur et infrastructure consignées : { $ready } sur { $total }.
prose-prompt-decided = Les { $total } décisions fournisseur et infrastructure sont consignées pour { $target } ; { $decision } maintient encore la bascule réelle DB/auth bloquée, dans l’attente de ses preuves.
prose-prompt-signoff = Les { $total } décisions fournisseur et infrastructure sont consignées et tous les points de contrôle sont au vert : la direction générale peut signer le GO de production pour { $target }.
prose-prompt-signoff-again = Le GO précédent pour { $target } a été retiré ; tous les points de contrôle sont de nouveau au vert et les { $total } décisions fournisseur et infrastructure sont consignées : la direction générale peut signer à nouveau le GO.
prose-prompt-go = Le GO de production est signé pour { $target }, avec les { $total } décisions fournisseur et infrastructure consignées.
prose-prompt-withdrawn = Le GO de production signé pour { $target } ne tient plus : { $decision } bloque de nouveau la bascule réelle DB/auth ; décisions fournisseur et infrastructure consignées : { $ready } sur { $total }.

## Ce qui est requis maintenant

prose-needed-heading-provider = Décision requise
prose-needed-heading-decisions = Décisions requises
prose-needed-heading-evidence = Preuves requises
prose-needed-heading-signoff = Signature requise
prose-needed-heading-signoff-again = Nouvelle signature requise
prose-needed-heading-nothing = Rien en attente
prose-needed-title-provider = Choisir le fournisseur réel DB/auth avant de raccorder la production
prose-needed-title-decisions = Consigner les décisions fournisseur et infrastructure restantes (consignées : { $ready } sur { $total })
prose-needed-title-evidence = Les { $total } décisions sont consignées ; { $decision } attend des preuves
prose-needed-title-signoff = Signer le GO de production, ou consigner un NO-GO motivé
prose-needed-title-signoff-again = Signer à nouveau le GO de production, ou consigner un NO-GO motivé
prose-needed-title-nothing = Le GO de production est signé
prose-needed-detail-open = Les points de contrôle de la version indiquent { $release_ready }/{ $release_total } ; la bascule des données indique { $cutover_ready }/{ $cutover_total }. Gardez les preuves de la démonstration ouvertes, mais n’annoncez pas que la production est prête.
prose-needed-detail-complete = Les points de contrôle de la version indiquent { $release_ready }/{ $release_total } et la bascule des données { $cutover_ready }/{ $cutover_total } ; la préparation de la production attend encore { $decision }.
prose-needed-detail-signoff = Les points de contrôle de la version indiquent { $release_ready }/{ $release_total } et la bascule des données { $cutover_ready }/{ $cutover_total } ; la production pourra être annoncée prête dès que le GO de production sera signé.
prose-needed-detail-go = Les points de contrôle de la version indiquent { $release_ready }/{ $release_total } et la bascule des données { $cutover_ready }/{ $cutover_total }, et le GO de production est signé : la production peut être annoncée prête.

## La cible d’adaptateur, le responsable authentification/RBAC, la décision GO/NO-GO

prose-target-unselected = Aucune cible d’adaptateur n’est encore sélectionnée : la direction générale la choisit dans le tableau de décision de l’adaptateur.
prose-target-unproven = La connexion indique { $connection_ready }/{ $connection_total } et l’essai à blanc { $dry_run_ready }/{ $dry_run_total } : la cible n’est pas encore éprouvée pour le rejeu local, et le trafic de production réel reste désactivé.
prose-target-replayed = La connexion ({ $connection_ready }/{ $connection_total }) et l’essai à blanc ({ $dry_run_ready }/{ $dry_run_total }) prouvent le rejeu local ; le trafic de production réel reste désactivé jusqu’à la signature du GO de production.
prose-target-live = La connexion ({ $connection_ready }/{ $connection_total }) et l’essai à blanc ({ $dry_run_ready }/{ $dry_run_total }) sont réussis et le GO de production est signé : la cible peut recevoir le trafic de production réel.
prose-auth-unconfirmed = OIDC, les rôles et la gestion des secrets doivent être confirmés par leurs responsables avant leur intégration dans le code ; confirmations consignées : { $ready } sur { $total }.
prose-auth-confirmed = Les { $total } confirmations des responsables sur OIDC, les rôles et la gestion des secrets sont consignées ; les revendications attendent la répétition des revendications RBAC de l’essai à blanc avant leur intégration dans le code.
prose-auth-wired = Les { $total } confirmations des responsables sur OIDC, les rôles et la gestion des secrets sont consignées, et les revendications RBAC sont prêtes pour leur intégration dans le code.
prose-decision-blocked-pending-dry-run = La connexion indique { $connection_ready }/{ $connection_total } et l’essai à blanc { $dry_run_ready }/{ $dry_run_total } : la démonstration locale peut continuer tant que la production reste bloquée.
prose-decision-blocked-pending-preflight = Le contrôle préalable de la migration indique { $preflight_ready }/{ $preflight_total } : la démonstration locale peut continuer tant que la production reste bloquée.
prose-decision-blocked-pending-data-cutover = La bascule des données indique { $cutover_ready }/{ $cutover_total } : la démonstration locale peut continuer tant que la production reste bloquée.
prose-decision-blocked-pending-infrastructure-or-credentials = Les décisions d’infrastructure indiquent { $infrastructure_ready }/{ $infrastructure_total }, le raccordement encadré { $wiring_ready }/{ $wiring_total } et les points de contrôle { $gates_ready }/{ $gates_total } : la démonstration locale peut continuer tant que la production reste bloquée.
prose-decision-blocked-pending-signoff = Tous les points de contrôle sont au vert, { $gates_ready }/{ $gates_total } : la production attend la signature de la direction générale.
prose-decision-go = Tous les points de contrôle sont au vert, { $gates_ready }/{ $gates_total }, et la direction générale a signé : la production peut aller de l’avant.
