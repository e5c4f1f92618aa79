## Ce que couvre la chaîne d’audit : des points de contrôle signés jusqu’à la tête, et l’événement de chaque enregistrement

coverage-seeded = Écrit par l’amorçage de la démo (requête { $request }), et non par un formulaire.
