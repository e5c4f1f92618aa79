## Programme files: `readiness-console programme check FILE`

programme-check-ok = { $name } version { $version } is a valid programme: { $sections ->
    [one] { $sections } section
   *[other] { $sections } sections
}, { $items ->
    [one] { $items } item
   *[other] { $items } items
}.
programme-unreadable = The file { $file } cannot be read.
programme-error-syntax = This is not valid TOML: check the quotes, the brackets and the “key = value” form here.
programme-error-unknown-field = The format has no field “{ $field }”: check its spelling.
programme-error-missing-field = The field “{ $field }” is required here.
programme-error-wrong-type = This value has the wrong type: text, a number, a list or a table is expected here, as in the format’s example.
programme-error-wrong-format = The format is “{ $found }”, but this console reads “{ $expected }”.
programme-error-unknown-kind = “{ $kind }” is not an item kind. Use one of: { $expected }.
programme-error-unknown-fact = “{ $fact }” is not a fact the console knows: a programme can name facts, not define them. Use one of: { $expected }.
programme-error-unknown-owner-role = “{ $role }” is not an owner role of this programme. Use one of: { $expected }.
programme-error-unknown-decision = “{ $code }” cannot be used here. Use one of: { $expected }.
programme-error-dangling-dependency = { $item } depends on “{ $dependency }”, which names no item and no section of this programme.
programme-error-dependency-cycle = { $item } closes a dependency cycle: { $cycle }.
programme-error-duplicate-section = The section “{ $section }” is defined twice.
programme-error-duplicate-item = The item “{ $item }” is defined twice.
programme-error-duplicate-rung = The ladder has the rung { $code } twice.
programme-error-rung-without-section = The rung { $code } requires no section: name the sections that must be ready to pass it.
programme-error-rung-unknown-section = The rung { $code } requires the section “{ $section }”, which this programme does not have.
programme-error-gate-not-a-rung = “{ $code }” is not a rung of this programme’s ladder. Use one of: { $expected }.
programme-error-missing-language = There are no labels in { $language }: every language the console speaks needs its table.
programme-error-unknown-language = The console does not speak “{ $language }”. Use one of: { $expected }.
programme-error-missing-label = { $key } has no label in { $language }.
programme-error-missing-description = { $key } has a description in another language but not in { $language }.
programme-error-label-for-nothing = The labels in { $language } name “{ $key }”, which this programme does not have.
programme-error-missing-profile = The programme has no [profile]: a new tenant starts with the profile it gives (its modes, its release environment and its providers).
programme-error-invalid-mode = { $reason ->
    [empty] { $field } is empty: a mode is a short name, such as “Postgres/RLS”.
    [too_long] { $field } is longer than { $max } characters: a mode is a short name, such as “Postgres/RLS”.
   *[character] { $field } is “{ $value }”, which is not a mode: use only letters, digits, spaces and - . _ / : + ( ), and start with a letter or a digit.
}
programme-error-duplicate-provider = The provider “{ $key }” is listed twice in [profile].
programme-check-failed = { $file }: { $count ->
    [one] { $count } problem
   *[other] { $count } problems
}.
