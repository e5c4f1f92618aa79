## Lo que cubre la cadena de auditoría: puntos de control firmados hasta la cabeza, y el evento de cada registro

coverage-seeded = Escrito por la siembra de la demo (solicitud { $request }), no mediante un formulario.
