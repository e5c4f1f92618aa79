## Ce que couvre la chaîne d’audit : des points de contrôle signés jusqu’à la tête, et l’événement de chaque enregistrement

coverage-unpinned = Les événements n° { $first }–n° { $last } sont couverts par leurs propres signatures, mais encore par aucun point de contrôle signé : les supprimer ne laisserait rien de signé qui les nomme.
coverage-unpinned-one = L’événement n° { $seq } est couvert par sa propre signature, mais encore par aucun point de contrôle signé : le supprimer ne laisserait rien de signé qui le nomme.
coverage-head-signed = La tête est couverte par un point de contrôle signé.
coverage-seeded = Écrit par l’amorçage de la démo (requête { $request }), et non par un formulaire.
