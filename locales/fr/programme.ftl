## Fichiers de programme : `readiness-console programme check FICHIER`

programme-check-ok = { $name } version { $version } est un programme valide : { $sections ->
    [one] { $sections } section
   *[other] { $sections } sections
}, { $items ->
    [one] { $items } élément
   *[other] { $items } éléments
}.
programme-unreadable = Le fichier { $file } ne peut pas être lu.
programme-error-syntax = Ce n’est pas du TOML valide : vérifiez ici les guillemets, les crochets et la forme « clé = valeur ».
programme-error-unknown-field = Le format n’a pas de champ « { $field } » : vérifiez son orthographe.
programme-error-missing-field = Le champ « { $field } » est obligatoire ici.
programme-error-wrong-type = Cette valeur n’a pas le bon type : on attend ici du texte, un nombre, une liste ou une table, comme dans l’exemple du format.
programme-error-wrong-format = Le format est « { $found } », mais cette console lit « { $expected } ».
programme-error-unknown-kind = « { $kind } » n’est pas un type d’élément. Utilisez l’un de ceux-ci : { $expected }.
programme-error-unknown-fact = « { $fact } » n’est pas un fait connu de la console : un programme peut nommer des faits, pas les définir. Utilisez l’un de ceux-ci : { $expected }.
programme-error-unknown-owner-role = « { $role } » n’est pas un rôle responsable de ce programme. Utilisez l’un de ceux-ci : { $expected }.
programme-error-unknown-decision = « { $code } » ne peut pas être utilisé ici. Utilisez l’un de ceux-ci : { $expected }.
programme-error-dangling-dependency = { $item } dépend de « { $dependency } », qui ne désigne aucun élément ni aucune section de ce programme.
programme-error-dependency-cycle = { $item } ferme un cycle de dépendances : { $cycle }.
programme-error-duplicate-section = La section « { $section } » est définie deux fois.
programme-error-duplicate-item = L’élément « { $item } » est défini deux fois.
programme-error-duplicate-rung = L’échelle contient deux fois l’échelon { $code }.
programme-error-rung-without-section = L’échelon { $code } n’exige aucune section : nommez les sections qui doivent être prêtes pour le franchir.
programme-error-rung-unknown-section = L’échelon { $code } exige la section « { $section } », que ce programme n’a pas.
programme-error-gate-not-a-rung = « { $code } » n’est pas un échelon de l’échelle de ce programme. Utilisez l’un de ceux-ci : { $expected }.
programme-error-missing-language = Il n’y a pas de libellés en { $language } : chaque langue que parle la console a besoin de sa table.
programme-error-unknown-language = La console ne parle pas « { $language } ». Utilisez l’une de celles-ci : { $expected }.
programme-error-missing-label = { $key } n’a pas de libellé en { $language }.
programme-error-missing-description = { $key } a une description dans une autre langue, mais pas en { $language }.
programme-error-label-for-nothing = Les libellés en { $language } nomment « { $key } », que ce programme n’a pas.
programme-error-missing-profile = Le programme n’a pas de [profile] : un nouveau tenant commence avec le profil qu’il donne (ses modes, son environnement de mise en production et ses fournisseurs).
programme-error-invalid-mode = { $reason ->
    [empty] { $field } est vide : un mode est un nom court, comme « Postgres/RLS ».
    [too_long] { $field } dépasse { $max } caractères : un mode est un nom court, comme « Postgres/RLS ».
   *[character] { $field } vaut « { $value } », qui n’est pas un mode : n’utilisez que des lettres, des chiffres, des espaces et - . _ / : + ( ), en commençant par une lettre ou un chiffre.
}
programme-error-duplicate-provider = Le fournisseur « { $key } » figure deux fois dans [profile].
programme-check-failed = { $file } : { $count ->
    [one] { $count } problème
   *[other] { $count } problèmes
}.
