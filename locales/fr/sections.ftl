## Sections postérieures à la décision : titres et introductions

section-proof_path = Parcours de preuves pour les réviseurs
section-providers = Contrats fournisseurs
section-session = Session en cours
section-rbac = Cartographie RBAC
section-environments = Environnements
section-count = Prêts : { $ready }/{ $total }
section-misconfigured = Une partie du catalogue de cette section n’a pas pu être lue ; ses chiffres sont donc incomplets. Le problème a été consigné à l’intention de l’administrateur.

intro-provider_acceptance = La direction générale accepte { $target } avant le raccordement réel DB/auth ; d’ici là, la seule décision possible pour la production est de la maintenir bloquée.
intro-infrastructure = La direction générale choisit l’hébergement, la région, le responsable de l’exploitation et le périmètre des secrets et des sauvegardes pour { $target }.
intro-proof_path = De chaque point bloquant ouvert jusqu’à la section qui en réunit les preuves, sans prétendre qu’une infrastructure réelle existe déjà.
intro-wiring = Le raccordement local des contrats pour { $target } peut commencer après l’acceptation de l’infrastructure ; le trafic de production reste désactivé tant qu’il n’existe pas d’identifiants réels.
intro-providers = Chaque dépendance externe dispose d’un mode de démonstration local et d’un remplaçant désigné pour la production.
intro-session = Fonctionnement actuel du locataire.
intro-rbac = Les mêmes identifiants d’acteur et permissions circulent aujourd’hui dans les en-têtes de l’API des scénarios et deviendront ensuite des revendications d’authentification.
intro-passage = Chaque responsable accepte sa répétition de bascule, preuves à l’appui, ce qui transforme la liste de contrôle DB/auth en preuves d’audit.
intro-decision_board = Les décisions relatives à l’adaptateur DB/auth, à l’environnement, aux secrets, au schéma, à la migration, au retour arrière et aux approbations avant la bascule en production ; les preuves de chaque décision sont les vérifications de ses responsables.
intro-runbook = Une ébauche SQL et RLS portable et une liste de contrôle pour l’opérateur, afin de rejouer l’instantané actuel dans { $target } sans secrets réels.
intro-cutover = La procédure de migration sous forme de preuves par lots pour le locataire, les opérations, la finance et l’audit, avant le raccordement réel DB/auth.
intro-connection = Consigne le point de terminaison masqué, les preuves TLS et RBAC et un test d’écriture, sans stocker aucun secret.
intro-dry_run = Rejoue le scénario figé dans le contrat de { $target }, puis effectue le retour arrière, en laissant un journal comme preuve.
intro-preflight = Un rapport de répétition DB/auth, communicable sans risque aux réviseurs, établi à partir de la charge utile BFGScenarioSnapshot.v1 actuelle, de la cible de l’adaptateur et des preuves de retour arrière.
intro-release = L’environnement prêt pour l’examen : le mode local de l’adaptateur, la cible, le responsable du retour arrière et la décision go/no-go.
intro-rollback = L’équipe des opérations répète la solution de repli avec son responsable, l’adaptateur de stockage et le paquet d’audit avant la bascule réelle.
intro-environments = Où s’exécute chaque adaptateur, de la démonstration locale à la production.

## Éléments : état, responsable, dépendances

status-ready = Prêt
status-open = Ouvert
status-waiting = En attente
item-owner = Responsable : { $owner }
item-run-by-console = Exécution par la console
item-depends-on = Dépend de : { $items }
item-proposed = Proposition : { $value }
item-accepted-by = Accepté par { $owner }, { $date }
fact-snapshot = { $rows ->
    [one] { $rows } ligne
   *[other] { $rows } lignes
} · { $checksum }
fact-snapshot-none = Pas encore figé

item-provider_acceptance-live_provider-detail = La direction générale choisit le contrat fournisseur réel pour { $target }.
item-provider_acceptance-auth_rbac_owner-detail = La direction générale confirme les rôles, les revendications et la gestion des secrets avant l’arrivée des utilisateurs réels.
item-provider_acceptance-tenant_secrets_boundary-detail = { $target } reste bloqué tant que l’isolation du locataire et les secrets gérés ne sont pas acceptés.
item-provider_acceptance-live_wiring-detail = Reste verrouillé tant que les responsables du fournisseur, de l’authentification et du retour arrière n’ont pas donné leur accord et que la production n’est pas en GO.
item-infrastructure-hosting-detail = Le compte et le fournisseur d’hébergement réels doivent être choisis avant que { $target } reçoive du trafic de production.
item-infrastructure-region-detail = La région EU, la résidence des données et la localisation des sauvegardes doivent être confirmées avant le raccordement réel DB/auth.
item-infrastructure-runtime_owner-detail = Les responsables de l’astreinte, du déploiement, de la supervision et des incidents doivent être désignés pour { $target }.
item-infrastructure-secrets_backup-detail = Les secrets gérés, les sauvegardes et le RPO, ainsi que le responsable de la restauration, doivent être acceptés.
item-wiring-infrastructure_acceptance-detail = Exige que l’hébergement, la région EU, le responsable de l’exploitation et la responsabilité des secrets et des sauvegardes aient été acceptés pour { $target }.
item-wiring-endpoint_contract-detail = Utilise le contrat du point de terminaison masqué de l’adaptateur, sans connexion externe réelle.
item-wiring-tenant_context-detail = Associe les revendications d’organisation et de locataire avant toute écriture réelle dans la base de données.
item-wiring-oidc_rbac_claims-detail = Prépare les revendications de rôle pour les portées de la direction générale, du répartiteur, du comptable, du chauffeur et du client.
item-wiring-rls_policy_draft-detail = Confirme que le plan de politiques RLS par locataire est prêt pour l’examen de la migration.
item-wiring-secrets_backup_boundary-detail = Maintient les secrets, les sauvegardes et le RPO, ainsi que la responsabilité de la restauration, rattachés à la décision d’infrastructure acceptée.
item-wiring-live_credentials-detail = Blocage maintenu jusqu’à ce qu’une personne fournisse, en dehors de l’espace de travail de la démonstration locale, des identifiants fournisseur examinés.
item-passage-contracts_frozen-detail = L’enveloppe du scénario, les en-têtes d’acteur et les champs de métadonnées sont couverts par des tests de fumée.
item-passage-role_headers-detail = La direction générale, le répartiteur, le comptable, le chauffeur et le client sont visibles.
item-passage-scenario_store_rehearsal-detail = Confirmer la charge utile file-local pour le rejeu dans la base de données.
item-passage-db_schema-detail = Créer les tables des locataires, des utilisateurs, des permissions et de l’état du scénario pour l’adaptateur de production.
item-passage-secrets_auth-detail = Connecter le fournisseur OIDC/RBAC retenu sans exiger de clés payantes dans la démonstration.
item-passage-migration_rollback-detail = Transférer l’état de la démonstration locale vers l’adaptateur de base de données et conserver une voie de retour arrière pour les démonstrations.
item-decision_board-adapter_selection-detail = La cible de préproduction est explicitement sélectionnée, tandis que la démonstration locale conserve l’adaptateur de fichiers.
item-decision_board-environment_readiness-detail = Les contrats et une charge utile Scenario Store rejouable doivent être acceptés avant l’ouverture de l’environnement DB/auth.
item-decision_board-secrets_rbac_owner-detail = Les en-têtes de rôle comme la gestion des secrets doivent être acceptés avant le raccordement de l’authentification réelle des utilisateurs.
item-decision_board-schema_rls-detail = Les tables des locataires, des utilisateurs, des permissions et de l’état du scénario doivent être acceptées par leur responsable avant la migration de l’adaptateur.
item-decision_board-migration_dry_run-detail = L’état de la démonstration locale doit disposer d’un parcours d’essai à blanc vers l’adaptateur de base de données avant la bascule destinée aux réviseurs.
item-decision_board-rollback_window-detail = Garder l’adaptateur file-local prêt jusqu’à ce que les preuves de migration et de rejeu soient acceptées ensemble.
item-decision_board-release_approvals-detail = Chaque répétition de bascule menée par son responsable doit être acceptée avant la validation finale de la version de production.
item-runbook-freeze_snapshot-detail = Reporter les lignes et la somme de contrôle de BFGScenarioSnapshot.v1 dans le paquet de migration.
item-runbook-schema_rls-detail = Les tables des locataires, des utilisateurs, des instantanés et de l’audit, avec leur RLS, présentes dans la cible.
item-runbook-actor_claims-detail = Les acteurs et les permissions de la démonstration deviennent de futures revendications DB/auth.
item-runbook-adapter_replay-detail = Les preuves de connexion et d’essai à blanc démontrent que la cible peut rejouer la charge utile.
item-runbook-checksum_verification-detail = L’état du contrôle préalable et la somme de contrôle bouclent la vérification de la migration.
item-runbook-rollback_seal-detail = Les décisions de version et de retour arrière restent liées à l’adaptateur local de repli.
item-cutover-freeze_snapshot-detail = Les lignes et la somme de contrôle de BFGScenarioSnapshot.v1 sont verrouillées.
item-cutover-seed_tenant_rls-detail = Les tables et le RLS de la procédure sont prêts dans la cible.
item-cutover-batch_replay-detail = La connexion et l’essai à blanc démontrent un rejeu sûr.
item-cutover-audit_parity-detail = Chaque groupe de lots contient des données et les preuves du contrôle préalable sont complètes.
item-cutover-rollback_seal-detail = La version et le retour arrière gardent visible la solution de repli file-local.
item-connection-endpoint_reachability-detail = Le point de terminaison sélectionné est nommé et accessible.
item-connection-tls_fingerprint-detail = Une empreinte de certificat communicable sans risque aux réviseurs a été relevée.
item-connection-rbac_session-detail = Les revendications de la démonstration reflètent le périmètre du locataire et des utilisateurs.
item-connection-write_probe-detail = Un test d’écriture sans secret, annulé par retour arrière, avant la bascule.
item-dry_run-export_snapshot-detail = Fige les commandes, les événements des chauffeurs, les événements financiers et les preuves destinées aux réviseurs.
item-dry_run-schema_map-detail = Fait correspondre les champs du Scenario Store aux tables des locataires, des utilisateurs, des commandes, des documents et de l’audit.
item-dry_run-rbac_claims-detail = Rejoue les identifiants d’acteur de la démonstration en tant que futures revendications d’authentification.
item-dry_run-replay_transcript-detail = Écrit et lit la charge utile via le contrat de l’adaptateur DB/auth.
item-dry_run-rollback_checkpoint-detail = Conserve la solution de repli file-local et l’identifiant du rejeu jusqu’à l’approbation de la bascule.
item-preflight-payload_snapshot-detail = BFGScenarioSnapshot.v1 est fixé avec son nombre de lignes et sa somme de contrôle.
item-preflight-schema_map-detail = Les décisions relatives à l’adaptateur et les preuves de bascule désignent les tables des locataires, des utilisateurs, des commandes, des documents et de l’audit.
item-preflight-rbac_claims-detail = Les identifiants d’acteur et les permissions de la démonstration sont prêts à servir de revendications d’authentification.
item-preflight-adapter_replay-detail = ProductionAdapterDryRun.v1 démontre la compatibilité en écriture et en lecture de l’adaptateur retenu.
item-preflight-rollback_evidence-detail = Les paquets de version et de retour arrière maintiennent explicite la solution de repli file-local.
item-release-env_vars-detail = Neuf valeurs de version proviennent des métadonnées de la session.
item-release-adapter_target-detail = La cible DB/auth retenue est visible.
item-release-dry_run_transcript-detail = Le journal du rejeu démontre que la charge utile locale est compatible.
item-release-rollback_fallback-detail = L’adaptateur de repli est explicitement indiqué.
item-release-owner_evidence-detail = Les vérifications des responsables de la bascule sont liées au Scenario Store.
item-rollback-freeze_window-detail = La production reste bloquée tant que la décision go/no-go locale n’a pas été examinée.
item-rollback-owner_ack-detail = La décision de retour arrière et le paquet d’audit relèvent de la direction générale.
item-rollback-storage_fallback-detail = L’adaptateur file-local reste la voie de retour arrière explicite.
item-rollback-audit_packet-detail = Les preuves de version et de retour arrière sont réunies dans un seul paquet exportable.

## Détails des sections

wiring-traffic = Trafic de production
connection-target = Cible de l’adaptateur
connection-endpoint = Point de terminaison masqué
connection-fingerprint = Empreinte du point de terminaison
not-recorded = Non consigné
batch-caption = Groupes de lots et leurs lignes
batch-group = Groupe de lots
batch-rows-heading = Lignes
batch-rows = { $rows ->
    [one] { $rows } ligne
   *[other] { $rows } lignes
}
batch-seed_tenant = Données initiales du locataire et RBAC
batch-operations = Rejeu des opérations
batch-finance = Grand livre financier
batch-audit = Piste d’audit
proof-none = Aucun point bloquant ouvert : tous les points de contrôle sont au vert.

providers-caption = Contrats fournisseurs, mode actuel et mode cible
providers-name = Fournisseur
providers-current = Mode actuel
providers-target = Mode cible
provider-no-target = Aucune cible choisie
provider-scenario_store = Stockage des scénarios
provider-detail-scenario_store = Contient aujourd’hui le scénario de démonstration et définit le futur contrat de session de la base de données.
provider-auth_rbac = Authentification et RBAC
provider-detail-auth_rbac = Les en-têtes de rôle pilotent la démonstration et préservent les périmètres des utilisateurs, du locataire et des permissions.
provider-document_intelligence = Traitement intelligent des documents
provider-detail-document_intelligence = La sortie de l’OCR local a la même forme que les réponses d’extraction de production.
provider-ksef = Facture électronique KSeF
provider-detail-ksef = Des paquets de factures simulés préparent la finance à l’API réglementée.
provider-maps_eta = Cartographie et ETA
provider-detail-maps_eta = La logique ETA locale peut être remplacée par un fournisseur réel de cartographie et de trafic.
provider-offline_sync = Synchronisation hors ligne des chauffeurs
provider-detail-offline_sync = Un service worker et un cache des trajets définissent le futur périmètre de la synchronisation en arrière-plan.

session-storage = Adaptateur de stockage
session-auth = Mode d’authentification
session-tenant = Mode de locataire
session-last-write = Dernière écriture
session-not-written = Aucune écriture pour l’instant

rbac-caption = Acteurs du scénario par rôle
rbac-actor = Acteur
rbac-role = Rôle
rbac-unit = Unité
rbac-permissions = Permissions
rbac-permission-count = { $count ->
    [one] { $count } permission
   *[other] { $count } permissions
}
role-managing_director = Direction générale
role-dispatcher = Répartiteur
role-accountant = Comptable
role-driver = Chauffeur
role-client = Client
role-reviewer = Réviseur

environment-local = Démonstration locale
environment-local-detail = Fonctionne actuellement avec l’état du scénario file-local et des contrats fournisseurs simulés.
environment-staging = Préproduction
environment-staging-detail = La prochaine cible, pour la persistance en base de données, les revendications d’authentification et les secrets des fournisseurs.
environment-production = Production
environment-production-detail = L’adaptateur final par locataire, avec authentification réelle et journaux d’audit des fournisseurs.
environment-active = Actif
environment-planned = Prévu

## Paquets

packet-copy = Copier
packet-copied = Copié
packet-runbook-sql-intro = L’ébauche SQL pour { $target }, somme de contrôle { $checksum } : une répétition de migration communicable sans risque aux réviseurs jusqu’au raccordement de l’infrastructure réelle. Elle s’exécute telle quelle sur PostgreSQL 15.
packet-cutover-plan-intro = Le plan par lots pour { $target }, somme de contrôle { $checksum } : le plan sûr en attendant le choix de l’infrastructure de production.
packet-connection-intro = Le paquet de connexion pour { $target }, somme de contrôle { $checksum }. Le point de terminaison n’est jamais consigné autrement que masqué.
packet-dry-run-intro = Le point de reprise de l’essai à blanc pour { $target }, somme de contrôle { $checksum }, rejouable par les réviseurs.
packet-preflight-intro = Le rapport de contrôle préalable, somme de contrôle { $checksum }, pour la répétition de la migration DB/auth avant la mise en place de l’infrastructure réelle.
packet-release-env-intro = Le bloc de l’environnement de version, somme de contrôle { $checksum }.
packet-rollback-intro = Le paquet d’audit du retour arrière, somme de contrôle { $checksum }.
packet-download = Télécharger
packet-digest-help = Le SHA-256 est celui du fichier téléchargé (sha256sum) ; ses 8 premiers chiffres hexadécimaux forment la somme de contrôle bfg-.
