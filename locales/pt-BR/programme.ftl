## Arquivos de programa: `readiness-console programme check ARQUIVO`

programme-check-ok = { $name } versão { $version } é um programa válido: { $sections ->
    [one] { $sections } seção
   *[other] { $sections } seções
}, { $items ->
    [one] { $items } item
   *[other] { $items } itens
}.
programme-unreadable = Não é possível ler o arquivo { $file }.
programme-error-syntax = Isto não é TOML válido: confira aqui as aspas, os colchetes e a forma “chave = valor”.
programme-error-unknown-field = O formato não tem o campo “{ $field }”: confira a grafia.
programme-error-missing-field = O campo “{ $field }” é obrigatório aqui.
programme-error-wrong-type = Este valor não é do tipo esperado: aqui vai texto, um número, uma lista ou uma tabela, como no exemplo do formato.
programme-error-wrong-format = O formato é “{ $found }”, mas este console lê “{ $expected }”.
programme-error-unknown-kind = “{ $kind }” não é um tipo de item. Use um destes: { $expected }.
programme-error-unknown-fact = “{ $fact }” não é um fato que o console conheça: um programa pode citar fatos, não defini-los. Use um destes: { $expected }.
programme-error-unknown-owner-role = “{ $role }” não é um papel responsável deste programa. Use um destes: { $expected }.
programme-error-unknown-decision = “{ $code }” não pode ser usado aqui. Use um destes: { $expected }.
programme-error-dangling-dependency = { $item } depende de “{ $dependency }”, que não corresponde a nenhum item nem a nenhuma seção deste programa.
programme-error-dependency-cycle = { $item } fecha um ciclo de dependências: { $cycle }.
programme-error-duplicate-section = A seção “{ $section }” está definida duas vezes.
programme-error-duplicate-item = O item “{ $item }” está definido duas vezes.
programme-error-duplicate-rung = A escada tem duas vezes o degrau { $code }.
programme-error-rung-without-section = O degrau { $code } não exige nenhuma seção: indique as seções que precisam estar prontas para passá-lo.
programme-error-rung-unknown-section = O degrau { $code } exige a seção “{ $section }”, que este programa não tem.
programme-error-gate-not-a-rung = “{ $code }” não é um degrau da escada deste programa. Use um destes: { $expected }.
programme-error-missing-language = Não há rótulos em { $language }: cada idioma que o console fala precisa da sua tabela.
programme-error-unknown-language = O console não fala “{ $language }”. Use um destes: { $expected }.
programme-error-missing-label = { $key } não tem rótulo em { $language }.
programme-error-missing-description = { $key } tem descrição em outro idioma, mas não em { $language }.
programme-error-label-for-nothing = Os rótulos em { $language } citam “{ $key }”, que este programa não tem.
programme-error-missing-profile = O programa não tem [profile]: um tenant novo começa com o perfil que ele dá (seus modos, seu ambiente da entrega e seus provedores).
programme-error-invalid-mode = { $reason ->
    [empty] { $field } está vazio: um modo é um nome curto, como “Postgres/RLS”.
    [too_long] { $field } tem mais de { $max } caracteres: um modo é um nome curto, como “Postgres/RLS”.
   *[character] { $field } é “{ $value }”, que não é um modo: use apenas letras, dígitos, espaços e - . _ / : + ( ), começando por uma letra ou um dígito.
}
programme-error-duplicate-provider = O provedor “{ $key }” aparece duas vezes em [profile].
programme-check-failed = { $file }: { $count ->
    [one] { $count } problema
   *[other] { $count } problemas
}.
