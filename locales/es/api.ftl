# La API: títulos y detalles de los problemas, la página de referencia, las claves de API.

api-problem-VALIDATION_ERROR = La solicitud no es válida
api-problem-UNAUTHORIZED = Ninguna clave de API válida
api-problem-TENANT_NOT_FOUND = No existe ese inquilino
api-problem-TENANT_SUSPENDED = El inquilino está suspendido
api-problem-FORBIDDEN_ACTION = No permitido
api-problem-NOT_FOUND = No encontrado
api-problem-CONFLICT = La escritura ya no encaja
api-problem-PRECONDITION_FAILED = El elemento ha cambiado
api-problem-RATE_LIMITED = Demasiadas solicitudes
api-problem-INTERNAL_ERROR = Algo falló de nuestro lado
api-problem-SERVICE_UNAVAILABLE = La consola no puede responder ahora

api-detail-unauthorized = Envíe una clave de API de este inquilino como «Authorization: Bearer rc_key_…». Una clave desconocida, revocada o caducada se rechaza del mismo modo.
api-detail-forbidden = Esta solicitud no está permitida.
api-detail-other-tenant = Esta clave de API pertenece a otro inquilino: use una clave creada para este.
api-detail-tenant-not-found = No hay ningún inquilino con este nombre.
api-detail-tenant-suspended = El operador de la plataforma ha suspendido este inquilino: no se puede leer ni escribir nada hasta que lo reanude.
api-detail-read-scope = Esta clave solo puede leer: aceptar o revocar una comprobación requiere una clave con el alcance «attest».
api-detail-not-owner = La cuenta de servicio de esta clave no es responsable de esta comprobación: la dirección general la asigna en la página Personas.
api-detail-not-found = No hay nada en esta dirección.
api-detail-method = Esta dirección no admite este método.
api-detail-item-not-found = Este inquilino no tiene ningún elemento con esta clave.
api-detail-idempotency-missing = Una escritura necesita una cabecera Idempotency-Key de 1 a 255 caracteres visibles; envíe la misma al reintentar.
api-detail-idempotency-reused = Esta Idempotency-Key ya se usó con otra solicitud: use una clave nueva para una solicitud nueva.
api-detail-if-match = If-Match debe ser la versión del elemento, tal como la da su ETag (por ejemplo "3").
api-detail-stale = El elemento cambió desde la versión indicada en If-Match: léalo de nuevo y decida.
api-detail-withdraw-unconfirmed = Esta escritura retiraría la firma GO vigente: envíe "confirmWithdraw": true para hacerlo de todos modos.
api-detail-conflict = La escritura ya no encaja con el estado del inquilino.
api-detail-body = El cuerpo no es JSON con la forma esperada: consulte el documento OpenAPI en /v1/openapi.json.
api-detail-content-type = El cuerpo debe enviarse como application/json.
api-detail-too-large = El cuerpo supera lo que admite la API (64 KiB).
api-detail-query = La consulta no es válida: limit va de 1 a 200, from y to son instantes RFC 3339, action es el código de una acción de auditoría.
api-detail-cursor = Esta consola no dio este cursor para esta misma consulta: empiece de nuevo sin él.
api-detail-rate-limited = Demasiadas solicitudes para esta clave o este inquilino: inténtelo de nuevo dentro de { $seconds } s.
api-detail-internal = Algo falló de nuestro lado. El identificador de la solicitud lo localiza en nuestros registros.
api-detail-unavailable = La consola no puede llegar a su base de datos ahora mismo. Inténtelo de nuevo en un momento.

api-docs-title = Referencia de la API de Readiness Console
api-docs-noscript = La referencia necesita JavaScript. El documento está en /v1/openapi.json.

role-service = Cuenta de servicio
audit-action-create_api_key = Creó una clave de API
audit-action-revoke_api_key = Revocó una clave de API
