## La boîte de réception : ce qui attend la personne connectée, et ce qui a changé depuis sa dernière visite

inbox-nav = Boîte de réception
inbox-badge-label = { $count ->
    [0] rien ne vous attend
    [one] { $count } élément vous attend
   *[other] { $count } éléments vous attendent
}
inbox-title = Votre boîte de réception chez { $tenant }
inbox-intro = Ce que vous pouvez faire maintenant pour rapprocher la production, et ce que d’autres ont changé pendant votre absence.
inbox-waiting-heading = Ce qui vous attend
inbox-waiting-none = Rien ne vous attend pour le moment. Dès qu’une vérification ou une décision dont vous êtes responsable pourra être faite, elle apparaîtra ici.
inbox-waiting-reader = Votre rôle consulte la console et ne change rien : rien ne vous attendra donc ici. Ce qui a changé figure ci-dessous.
inbox-task-accept = Accepter
inbox-task-decide = Décider
inbox-task-run_rehearsal = Lancer la répétition
inbox-task-sign = Signer
inbox-signoff-subject = GO ou NO-GO de la production
inbox-signoff-detail = { $given } signature(s) donnée(s) sur { $required }
inbox-act = Y aller
inbox-since-heading = Depuis votre dernière visite
inbox-since-visit = Votre dernière visite a commencé à votre connexion du { $date }. Voici les changements enregistrés depuis, du plus récent au plus ancien. Ouvrir cette page n’enregistre rien.
inbox-since-none = Rien n’a changé depuis.
inbox-since-first = C’est votre première visite : il n’y a pas de connexion antérieure à comparer. À partir de votre prochaine visite, ce qui aura changé entre-temps sera listé ici.
inbox-since-audit = Tout ce qui a été enregistré jusqu’ici figure dans le journal d’audit
inbox-since-rest = { $count ->
    [one] Seul le dernier changement est listé : les précédents sont dans le journal d’audit
   *[other] Seuls les { $count } derniers changements sont listés : les précédents sont dans le journal d’audit
}
inbox-change-who = Qui
inbox-change-nobody = Personne de connecté
