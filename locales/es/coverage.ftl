## Lo que cubre la cadena de auditoría: puntos de control firmados hasta la cabeza, y el evento de cada registro

coverage-unpinned = Los eventos n.º { $first }–n.º { $last } están cubiertos por sus propias firmas, pero todavía por ningún punto de control firmado: si se borraran, no quedaría nada firmado que los nombre.
coverage-unpinned-one = El evento n.º { $seq } está cubierto por su propia firma, pero todavía por ningún punto de control firmado: si se borrara, no quedaría nada firmado que lo nombre.
coverage-head-signed = La cabeza está cubierta por un punto de control firmado.
coverage-seeded = Escrito por la siembra de la demo (solicitud { $request }), no mediante un formulario.
