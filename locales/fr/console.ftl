## Cadre

brand = Console de préparation
meta-description = La console de préparation : si le passage de la configuration de démonstration à l’infrastructure de production est GO ou NO-GO, pourquoi, que faire ensuite, et les preuves derrière chaque chiffre.
skip-to-content = Aller au contenu
language-switcher = Langue
language-name = Français
footer-computed = Chaque chiffre de cette page est calculé à partir de l’état du locataire dans PostgreSQL au moment où la page est demandée.
toc-label = Sur cette page
back-to-console = Retour à la console de { $tenant }
refresh = Actualiser
refresh-label = Actualiser : { $section }

## Page de la console

console-page-title = { $tenant } · Console des intégrations
console-eyebrow = Intégrations → Configuration de l’adaptateur de production
console-title = Console des intégrations de { $tenant }
console-lede = La décision GO/NO-GO pour passer de la démonstration locale à { $target }, puis à la production.

section-kpis = Chiffres clés
section-copilot = Copilote de préparation de l’intégration
section-checklist = Liste des points bloquants de l’intégration
section-decision = Décision de mise en production

## Chiffres clés

kpi-contract-label = Contrat de scénario
kpi-actors-label = Acteurs par rôle
kpi-providers-label = Modes des fournisseurs
kpi-preflight-label = Contrôle préalable
kpi-cutover-label = Étapes de la bascule
kpi-connection-label = Connexion

## Copilote

copilot-percent = { $percent } % des éléments de la liste de contrôle sont prêts
copilot-action-heading = Prochaine action recommandée
action-step = Prochaine étape : { $item }
action-owner = Responsable : { $owner }
action-who-probe = Exécution par la console, déclenchée par un répartiteur ou par la direction générale.
action-none = Plus rien à faire : le GO de production est signé.
action-title-signoff = Signer le GO de production
action-detail-signoff = Tous les points de contrôle sont au vert pour { $target }, { $ready }/{ $total } : la direction générale signe le GO, ou consigne un NO-GO motivé.

copilot-card-providers-title = Contrats fournisseurs
copilot-card-session-title = Adaptateur de session
copilot-card-preflight-title = Contrôle préalable de la migration
copilot-card-runbook-title = Procédure de migration
copilot-card-release-title = Passation de la version
copilot-card-rollback-title = Exercice de retour arrière

## Actions recommandées, par section

action-title-gates = Franchir les points de contrôle d’intégration
action-detail-gates = La liste des points de contrôle indique { $ready }/{ $total }.
action-title-section = Compléter « { $section } »
action-detail-section = { $section } indique { $ready }/{ $total } ; chacune de ses vérifications demande sa preuve.
action-title-provider_acceptance = Accepter les fournisseurs réels retenus
action-detail-provider_acceptance = La sélection des fournisseurs indique { $ready }/{ $total } ; la direction générale accepte le fournisseur réel, le responsable de l’authentification et le périmètre du locataire.
action-title-infrastructure = Consigner les décisions d’infrastructure
action-detail-infrastructure = Les décisions d’infrastructure indiquent { $ready }/{ $total } ; l’hébergement, la région EU, le responsable de l’exploitation et le périmètre des secrets et des sauvegardes doivent être choisis avant le raccordement réel.
action-title-wiring = Terminer les vérifications du raccordement encadré
action-detail-wiring = Le raccordement encadré indique { $ready }/{ $total } ; le trafic de production reste désactivé tant que les identifiants réels n’ont pas été examinés.
action-title-passage = Accepter les répétitions menées par les responsables
action-detail-passage = La liste du passage en production indique { $ready }/{ $total } ; chaque responsable accepte sa répétition, preuves à l’appui.
action-title-decision_board = Arbitrer le tableau de décision de l’adaptateur
action-detail-decision_board = Le tableau de décision indique { $ready }/{ $total } ; chaque décision exige que ses responsables aient accepté les vérifications correspondantes.
action-title-runbook = Terminer la procédure de migration
action-detail-runbook = La procédure indique { $ready }/{ $total } ; le schéma et les objets RLS doivent exister dans la cible.
action-title-cutover = Terminer les vérifications de la bascule des données
action-detail-cutover = La bascule des données indique { $ready }/{ $total } ; chaque groupe de lots doit contenir des lignes et des preuves du contrôle préalable.
action-title-connection = Consigner les preuves de connexion de l’adaptateur
action-detail-connection = Les vérifications de connexion indiquent { $ready }/{ $total } ; consignez le paquet du point de terminaison masqué avant l’essai à blanc.
action-title-dry_run = Lancer l’essai à blanc de l’adaptateur
action-detail-dry_run = L’essai à blanc indique { $ready }/{ $total } ; rejouez l’instantané figé dans la cible, puis effectuez le retour arrière.
action-title-preflight = Terminer le contrôle préalable de la migration
action-detail-preflight = Le contrôle préalable indique { $ready }/{ $total } ; l’instantané, la correspondance de schéma, l’essai à blanc et les preuves de retour arrière doivent tous être disponibles.
action-title-release = Terminer la passation de la version
action-detail-release = La passation de la version indique { $ready }/{ $total } ; le journal de l’essai à blanc et les preuves des responsables la clôturent.
action-title-rollback = Réaliser l’exercice de retour arrière
action-detail-rollback = L’exercice de retour arrière indique { $ready }/{ $total } ; la direction générale valide la solution de repli et le paquet d’audit.

action-title-fact-providers_mapped = Associer chaque fournisseur à une cible de production
action-detail-fact-providers_mapped = Un fournisseur sans mode cible maintient à examiner le point de contrôle des contrats fournisseurs.
action-title-fact-session_adapter_present = Déclarer l’adaptateur de session et le mode d’authentification
action-detail-fact-session_adapter_present = Le point de contrôle de l’adaptateur de session exige le contrat de scénario et le mode d’authentification actuel.
action-title-fact-actors_claimed = Attribuer des permissions à chaque acteur
action-detail-fact-actors_claimed = Chaque acteur du scénario doit disposer d’au moins une permission pour devenir une revendication d’authentification.
action-title-fact-snapshot_frozen = Figer l’instantané du scénario
action-detail-fact-snapshot_frozen = L’essai à blanc rejoue un instantané BFGScenarioSnapshot.v1 figé : importez la charge utile du scénario, puis figez-la.
action-title-fact-batch_groups_populated = Alimenter chaque groupe de lots
action-detail-fact-batch_groups_populated = Les lots des opérations, de la finance et de l’audit doivent contenir des lignes dans l’instantané figé.
action-title-fact-release_env_complete = Compléter l’environnement de version
action-detail-fact-release_env_complete = Les neuf variables de version doivent avoir une valeur, et le retour arrière doit relever de la direction générale.
action-title-fact-rollback_fallback_available = Nommer l’adaptateur de stockage de repli
action-detail-fact-rollback_fallback_available = L’adaptateur de stockage actuel constitue la voie de retour arrière ; il doit être nommé.
action-title-fact-overall_go = Signer le GO de production
action-detail-fact-overall_go = Le raccordement réel s’ouvre dès que le GO de production est signé.

## Liste des points bloquants

checklist-intro = { $total ->
    [one] { $total } point de contrôle sépare la démonstration locale de la production ; il est prêt ou à examiner.
   *[other] { $total } points de contrôle séparent la démonstration locale de la production ; chacun est prêt ou à examiner.
}
gate-status-ready = Prêt
gate-status-review = À examiner
status-misconfigured = Mal configuré
gate-waiting-on = En attente de : { $sections }

## Décision de mise en production

decision-prompt-heading = Décision d’infrastructure attendue
decision-target-heading = Cible d’adaptateur sélectionnée
decision-target-none = Aucune cible sélectionnée pour l’instant
decision-auth-heading = Responsable authentification/RBAC
decision-auth-none = Aucune cible d’authentification choisie pour l’instant
decision-go-heading = Décision GO/NO-GO
decision-verdict-go = Production GO
decision-verdict-nogo = Production NO-GO
ladder-heading = Échelle de décision
ladder-blocked-pending-dry-run = Connexion et essai à blanc terminés
ladder-blocked-pending-preflight = Contrôle préalable de la migration terminé
ladder-blocked-pending-data-cutover = Vérifications de la bascule des données terminées
ladder-blocked-pending-infrastructure-or-credentials = Décisions d’infrastructure, raccordement encadré et les { $gates } points de contrôle au vert
ladder-blocked-pending-signoff = Signé par la direction générale
ladder-go = Production GO
ladder-state-passed = Franchi
ladder-state-current = Bloquant
ladder-state-ahead = À venir
ladder-state-reached = Atteint

## Sections du programme

section-name-gates = Liste des points bloquants de l’intégration
section-name-provider_acceptance = Acceptation de la sélection des fournisseurs
section-name-infrastructure = Décision de sélection de l’infrastructure
section-name-wiring = Raccordement DB/auth encadré
section-name-passage = Passage en production
section-name-decision_board = Tableau de décision de l’adaptateur
section-name-runbook = Procédure de migration
section-name-cutover = Bascule des données
section-name-connection = Assistant de connexion de l’adaptateur
section-name-dry_run = Essai à blanc de l’adaptateur
section-name-preflight = Contrôle préalable de la migration
section-name-release = Passation de la version
section-name-rollback = Exercice de retour arrière

## Éléments

item-gates-provider_contracts = Contrats fournisseurs associés à leur cible
item-gates-session_adapter = Adaptateur de session et contrat d’authentification présents
item-gates-preflight = Contrôle préalable de la migration prêt
item-gates-runbook = Procédure de migration prête à copier
item-gates-connection = Paquet de connexion de l’adaptateur consigné
item-gates-dry_run = Journal de l’essai à blanc de l’adaptateur complet
item-gates-release = Passation de l’environnement de version { $environment } en GO
item-gates-infrastructure = Décisions d’infrastructure acceptées par leur responsable
item-gates-rollback = Paquet de l’exercice de retour arrière prêt pour son responsable
item-provider_acceptance-live_provider = Fournisseur réel DB/auth
item-provider_acceptance-auth_rbac_owner = Responsable authentification/RBAC
item-provider_acceptance-tenant_secrets_boundary = Périmètre du locataire et des secrets
item-provider_acceptance-live_wiring = GO/NO-GO du raccordement réel
item-infrastructure-hosting = Fournisseur et compte d’hébergement
item-infrastructure-region = Région et résidence des données
item-infrastructure-runtime_owner = Responsable de l’exploitation
item-infrastructure-secrets_backup = Périmètre des secrets et des sauvegardes
item-wiring-infrastructure_acceptance = Acceptation de l’infrastructure
item-wiring-endpoint_contract = Contrat du point de terminaison
item-wiring-tenant_context = Contexte du locataire
item-wiring-oidc_rbac_claims = Revendications OIDC/RBAC
item-wiring-rls_policy_draft = Projet de politique RLS
item-wiring-secrets_backup_boundary = Périmètre des secrets et des sauvegardes
item-wiring-live_credentials = Identifiants réels
item-passage-contracts_frozen = Contrats figés
item-passage-role_headers = En-têtes de rôle associés
item-passage-scenario_store_rehearsal = Répétition du stockage des scénarios
item-passage-db_schema = Schéma de la base de données
item-passage-secrets_auth = Secrets et authentification
item-passage-migration_rollback = Migration et retour arrière
item-decision_board-adapter_selection = Choix de l’adaptateur
item-decision_board-environment_readiness = Préparation de l’environnement
item-decision_board-secrets_rbac_owner = Responsable des secrets et du RBAC
item-decision_board-schema_rls = Schéma et RLS
item-decision_board-migration_dry_run = Essai à blanc de la migration
item-decision_board-rollback_window = Fenêtre de retour arrière
item-decision_board-release_approvals = Approbations des responsables de la version
item-runbook-freeze_snapshot = Figer l’instantané
item-runbook-schema_rls = Schéma et RLS
item-runbook-actor_claims = Revendications des acteurs
item-runbook-adapter_replay = Rejeu dans l’adaptateur
item-runbook-checksum_verification = Vérification de la somme de contrôle
item-runbook-rollback_seal = Scellement du retour arrière
item-cutover-freeze_snapshot = Figer l’instantané
item-cutover-seed_tenant_rls = Données initiales du locataire et RLS
item-cutover-batch_replay = Rejeu des lots
item-cutover-audit_parity = Concordance de l’audit
item-cutover-rollback_seal = Scellement du retour arrière
item-connection-endpoint_reachability = Accessibilité du point de terminaison
item-connection-tls_fingerprint = Empreinte TLS
item-connection-rbac_session = Session RBAC
item-connection-write_probe = Test d’écriture
item-dry_run-export_snapshot = Exporter l’instantané
item-dry_run-schema_map = Validation de la correspondance de schéma
item-dry_run-rbac_claims = Répétition des revendications RBAC
item-dry_run-replay_transcript = Journal du rejeu dans l’adaptateur
item-dry_run-rollback_checkpoint = Point de reprise pour le retour arrière
item-preflight-payload_snapshot = Instantané de la charge utile
item-preflight-schema_map = Correspondance de schéma
item-preflight-rbac_claims = Revendications RBAC
item-preflight-adapter_replay = Rejeu dans l’adaptateur
item-preflight-rollback_evidence = Preuves de retour arrière
item-release-env_vars = Variables d’environnement
item-release-adapter_target = Cible de l’adaptateur
item-release-dry_run_transcript = Journal de l’essai à blanc
item-release-rollback_fallback = Solution de repli pour le retour arrière
item-release-owner_evidence = Preuves des responsables
item-rollback-freeze_window = Fenêtre de gel
item-rollback-owner_ack = Confirmation du responsable
item-rollback-storage_fallback = Stockage de repli
item-rollback-audit_packet = Paquet d’audit

## Unités organisationnelles du locataire de démonstration

unit-direction = Direction
unit-dispatch = Répartition
unit-finance = Finances · Comptabilité
unit-driver = BFG Driver
unit-client_portal = Client Portal
unit-audit = Audit

## Dates

datetime = { $day } { $month } { $year }, { $time } UTC
month-1 = janv.
month-2 = févr.
month-3 = mars
month-4 = avr.
month-5 = mai
month-6 = juin
month-7 = juil.
month-8 = août
month-9 = sept.
month-10 = oct.
month-11 = nov.
month-12 = déc.

## Erreurs

error-title-not-found = Page introuvable
error-body-not-found = Aucune console ne se trouve à cette adresse. Vérifiez le lien ou revenez à la console du locataire de démonstration.
error-title-unavailable = La console est temporairement indisponible
error-body-unavailable = La base de données est injoignable pour le moment. Rien n’a été perdu ; réessayez dans un instant.
error-title-internal = Une erreur est survenue
error-body-internal = La page n’a pas pu être générée. L’erreur a été consignée ; communiquez la référence ci-dessous à votre administrateur.
error-request-id = Référence : { $id }
error-back = Retour à la console

## Résumé imprimable

print-title = { $tenant } · Synthèse GO/NO-GO
print-generated = Généré le { $date }
print-audit-head = tête de la chaîne d’audit nº { $seq } { $hash }
print-audit-empty = la chaîne d’audit ne contient encore aucun événement
print-hint = Utilisez la commande d’impression du navigateur : cette synthèse tient sur une page A4.
print-signoff = Signature :
print-not-signed = non signé
print-blockers = Points bloquants et leurs responsables
print-item = Élément
print-section = Section
print-who = Responsable
print-status = Statut
print-derived = Découle d’autres vérifications
print-more = { $count ->
    [one] et { $count } autre élément
   *[other] et { $count } autres éléments
}
print-link = Synthèse GO/NO-GO imprimable
