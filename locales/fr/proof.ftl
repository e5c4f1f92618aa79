## Parcours de preuves pour les réviseurs

proof-open = Suivre le parcours de preuves : chaque point bloquant, ses éléments, leurs preuves et leurs événements d’audit
proof-title = { $tenant } · Parcours de preuves
proof-intro = Chaque échelon encore à franchir, avec les éléments qui l’en empêchent. Chaque élément renvoie à ses preuves et aux événements d’audit qui le citent.
proof-rung-no-items = Rien à accepter ici : cet échelon attend les échelons précédents ou la signature.
proof-section = Section
proof-kind = Type de vérification
proof-depends-on = Dépend de
proof-depended-on-by = Requis par
proof-nothing = Rien.
proof-history = Acceptations et révocations
proof-no-history = Personne n’a encore accepté cet élément.
proof-accepted = Accepté par { $owner }, { $date }
proof-revoked = Révoqué par { $owner }, { $date }
proof-events = Événements d’audit
proof-no-events = Aucun événement d’audit ne cite encore cet élément.
proof-event-action = Action
proof-event-time = Heure
proof-event-hash = Empreinte
proof-event-prev = précédente : { $hash }
kind-owner_check = Vérification d’un responsable
kind-decision = Décision
kind-probe = Test exécuté par la console
kind-derived = Découle d’autres vérifications
proof-event-first = premier événement de la chaîne
proof-by-section = Chaque section, son décompte et ses éléments
