## Recorrido de evidencias para revisores

proof-open = Seguir el recorrido de evidencias: cada bloqueo, sus elementos, sus evidencias y sus eventos de auditoría
proof-title = { $tenant } · Recorrido de evidencias
proof-intro = Cada escalón que queda por superar, con los elementos que lo impiden. Cada elemento enlaza con sus evidencias y con los eventos de auditoría que lo mencionan.
proof-rung-no-items = Aquí no hay nada que aceptar: este escalón espera a los anteriores o a la firma.
proof-section = Sección
proof-kind = Tipo de comprobación
proof-depends-on = Depende de
proof-depended-on-by = Lo necesitan
proof-nothing = Nada.
proof-history = Aceptaciones y revocaciones
proof-no-history = Nadie ha aceptado todavía este elemento.
proof-accepted = Aceptado por { $owner }, { $date }
proof-revoked = Revocado por { $owner }, { $date }
proof-events = Eventos de auditoría
proof-no-events = Ningún evento de auditoría menciona todavía este elemento.
proof-event-action = Acción
proof-event-time = Hora
proof-event-hash = Hash
proof-event-prev = anterior: { $hash }
kind-owner_check = Comprobación de un responsable
kind-decision = Decisión
kind-probe = Prueba ejecutada por la consola
kind-derived = Se deduce de otras comprobaciones
proof-event-first = primer evento de la cadena
proof-by-section = Cada sección, su recuento y sus elementos
