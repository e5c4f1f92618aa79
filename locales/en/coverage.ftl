## What the audit chain covers: signed checkpoints up to the head, and every record's event

coverage-seeded = Written by the demo seed (request { $request }), not through a form.
