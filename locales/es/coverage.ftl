## Lo que cubre la cadena de auditoría: puntos de control firmados hasta la cabeza, y el evento de cada registro

coverage-unpinned = Los eventos n.º { $first }–n.º { $last } están cubiertos por sus propias firmas, pero todavía por ningún punto de control firmado: si se borraran, no quedaría nada firmado que los nombre.
coverage-unpinned-one = El evento n.º { $seq } está cubierto por su propia firma, pero todavía por ningún punto de control firmado: si se borrara, no quedaría nada firmado que lo nombre.
coverage-head-signed = La cabeza está cubierta por un punto de control firmado.
coverage-records-ok = Cada aceptación, decisión, revocación, resultado de sonda y firma tiene su evento de auditoría, y cada uno de esos eventos su registro.
coverage-records-broken = Los registros y los eventos de auditoría no se corresponden:
coverage-row = { $record } n.º { $id }:
coverage-event = Evento n.º { $seq } ({ $record }):
coverage-record-acceptance = Aceptación
coverage-record-decision = Decisión
coverage-record-revocation = Revocación
coverage-record-probe_result = Resultado de sonda
coverage-record-signoff = Firma GO/NO-GO
coverage-seeded = Escrito por la siembra de la demo (solicitud { $request }), no mediante un formulario.
audit-fault-record_without_event = Ningún evento de auditoría registra esta fila tal como está: se escribió o se cambió directamente en la base de datos.
audit-fault-event_without_record = La fila que registra este evento no está, o ya no dice lo que el evento registró.
