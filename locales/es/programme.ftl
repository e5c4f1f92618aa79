## Archivos de programa: `readiness-console programme check ARCHIVO`

programme-check-ok = { $name } versión { $version } es un programa válido: { $sections ->
    [one] { $sections } sección
   *[other] { $sections } secciones
}, { $items ->
    [one] { $items } elemento
   *[other] { $items } elementos
}.
programme-unreadable = No se puede leer el archivo { $file }.
programme-error-syntax = Esto no es TOML válido: revise aquí las comillas, los corchetes y la forma «clave = valor».
programme-error-unknown-field = El formato no tiene el campo «{ $field }»: revise cómo está escrito.
programme-error-missing-field = Aquí se requiere el campo «{ $field }».
programme-error-wrong-type = Este valor no es del tipo esperado: aquí va texto, un número, una lista o una tabla, como en el ejemplo del formato.
programme-error-wrong-format = El formato es «{ $found }», pero esta consola lee «{ $expected }».
programme-error-unknown-kind = «{ $kind }» no es un tipo de elemento. Use uno de estos: { $expected }.
programme-error-unknown-fact = «{ $fact }» no es un hecho que la consola conozca: un programa puede nombrar hechos, no definirlos. Use uno de estos: { $expected }.
programme-error-unknown-owner-role = «{ $role }» no es un rol responsable de este programa. Use uno de estos: { $expected }.
programme-error-unknown-decision = «{ $code }» no se puede usar aquí. Use uno de estos: { $expected }.
programme-error-dangling-dependency = { $item } depende de «{ $dependency }», que no nombra ningún elemento ni ninguna sección de este programa.
programme-error-dependency-cycle = { $item } cierra un ciclo de dependencias: { $cycle }.
programme-error-duplicate-section = La sección «{ $section }» está definida dos veces.
programme-error-duplicate-item = El elemento «{ $item }» está definido dos veces.
programme-error-duplicate-rung = La escalera tiene dos veces el peldaño { $code }.
programme-error-rung-without-section = El peldaño { $code } no exige ninguna sección: nombre las secciones que deben estar listas para superarlo.
programme-error-rung-unknown-section = El peldaño { $code } exige la sección «{ $section }», que este programa no tiene.
programme-error-gate-not-a-rung = «{ $code }» no es un peldaño de la escalera de este programa. Use uno de estos: { $expected }.
programme-error-missing-language = No hay etiquetas en { $language }: cada idioma que habla la consola necesita su tabla.
programme-error-unknown-language = La consola no habla «{ $language }». Use uno de estos: { $expected }.
programme-error-missing-label = { $key } no tiene etiqueta en { $language }.
programme-error-missing-description = { $key } tiene descripción en otro idioma, pero no en { $language }.
programme-error-label-for-nothing = Las etiquetas en { $language } nombran «{ $key }», que este programa no tiene.
programme-error-missing-profile = El programa no tiene [profile]: un tenant nuevo empieza con el perfil que da (sus modos, su entorno de la entrega y sus proveedores).
programme-error-invalid-mode = { $reason ->
    [empty] { $field } está vacío: un modo es un nombre corto, como «Postgres/RLS».
    [too_long] { $field } supera los { $max } caracteres: un modo es un nombre corto, como «Postgres/RLS».
   *[character] { $field } es «{ $value }», que no es un modo: use solo letras, cifras, espacios y - . _ / : + ( ), y empiece por una letra o una cifra.
}
programme-error-duplicate-provider = El proveedor «{ $key }» figura dos veces en [profile].
programme-check-failed = { $file }: { $count ->
    [one] { $count } problema
   *[other] { $count } problemas
}.
