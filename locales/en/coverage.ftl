## What the audit chain covers: signed checkpoints up to the head, and every record's event

coverage-unpinned = Events #{ $first }–#{ $last } are covered by their own signatures but by no signed checkpoint yet: deleting them would leave nothing signed that names them.
coverage-unpinned-one = Event #{ $seq } is covered by its own signature but by no signed checkpoint yet: deleting it would leave nothing signed that names it.
coverage-head-signed = The head is covered by a signed checkpoint.
coverage-seeded = Written by the demo seed (request { $request }), not through a form.
