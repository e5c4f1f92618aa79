# L’API : titres et détails des problèmes, la page de référence, les clés d’API.

api-problem-VALIDATION_ERROR = La requête n’est pas valide
api-problem-UNAUTHORIZED = Aucune clé d’API valide
api-problem-TENANT_NOT_FOUND = Ce locataire n’existe pas
api-problem-TENANT_SUSPENDED = Le locataire est suspendu
api-problem-FORBIDDEN_ACTION = Non autorisé
api-problem-NOT_FOUND = Introuvable
api-problem-CONFLICT = L’écriture ne correspond plus
api-problem-PRECONDITION_FAILED = L’élément a changé
api-problem-RATE_LIMITED = Trop de requêtes
api-problem-INTERNAL_ERROR = Un problème est survenu de notre côté
api-problem-SERVICE_UNAVAILABLE = La console ne peut pas répondre pour le moment

api-detail-unauthorized = Envoyez une clé d’API de ce locataire sous la forme « Authorization: Bearer rc_key_… ». Une clé inconnue, révoquée ou expirée est refusée de la même façon.
api-detail-forbidden = Cette requête n’est pas autorisée.
api-detail-other-tenant = Cette clé d’API appartient à un autre locataire : utilisez une clé créée pour celui-ci.
api-detail-tenant-not-found = Aucun locataire ne porte ce nom.
api-detail-tenant-suspended = L’opérateur de la plateforme a suspendu ce locataire : rien ne peut être lu ni écrit avant sa reprise.
api-detail-read-scope = Cette clé ne peut que lire : accepter ou révoquer une vérification demande une clé de portée « attest ».
api-detail-not-owner = Le compte de service de cette clé n’est pas responsable de cette vérification : la direction générale l’attribue sur la page Personnes.
api-detail-not-found = Il n’y a rien à cette adresse.
api-detail-method = Cette adresse n’accepte pas cette méthode.
api-detail-item-not-found = Ce locataire n’a aucun élément de cette clé.
api-detail-idempotency-missing = Une écriture demande un en-tête Idempotency-Key de 1 à 255 caractères visibles ; renvoyez le même en cas de nouvel essai.
api-detail-idempotency-reused = Cette Idempotency-Key a déjà servi pour une autre requête : utilisez une nouvelle clé pour une nouvelle requête.
api-detail-if-match = If-Match doit être la version de l’élément, telle que son ETag la donne (par exemple "3").
api-detail-stale = L’élément a changé depuis la version indiquée dans If-Match : relisez-le, puis décidez.
api-detail-withdraw-unconfirmed = Cette écriture retirerait la signature GO en vigueur : envoyez "confirmWithdraw": true pour le faire malgré tout.
api-detail-conflict = L’écriture ne correspond plus à l’état du locataire.
api-detail-body = Le corps n’est pas du JSON de la forme attendue : voyez le document OpenAPI à /v1/openapi.json.
api-detail-content-type = Le corps doit être envoyé en application/json.
api-detail-too-large = Le corps dépasse ce que l’API accepte (64 Kio).
api-detail-query = La requête n’est pas valide : limit va de 1 à 200, from et to sont des instants RFC 3339, action est le code d’une action d’audit.
api-detail-cursor = Cette console n’a pas donné ce curseur pour cette même requête : recommencez sans lui.
api-detail-rate-limited = Trop de requêtes pour cette clé ou ce locataire : réessayez dans { $seconds } s.
api-detail-internal = Un problème est survenu de notre côté. L’identifiant de la requête le retrouve dans nos journaux.
api-detail-unavailable = La console ne parvient pas à joindre sa base de données pour le moment. Réessayez dans un instant.

api-docs-title = Référence de l’API de Readiness Console
api-docs-noscript = La référence demande JavaScript. Le document lui-même est à /v1/openapi.json.

role-service = Compte de service
audit-action-create_api_key = A créé une clé d’API
audit-action-revoke_api_key = A révoqué une clé d’API
