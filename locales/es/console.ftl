## Marco

brand = Consola de preparación
meta-description = La consola de preparación: si el paso de la configuración de demostración a la infraestructura de producción es GO o NO-GO, por qué, qué hacer a continuación y las evidencias de cada cifra.
skip-to-content = Saltar al contenido
language-switcher = Idioma
language-name = Español
footer-computed = Todas las cifras de esta página se calculan a partir del estado del inquilino en PostgreSQL en el momento en que se solicita la página.
toc-label = En esta página
back-to-console = Volver a la consola de { $tenant }
refresh = Actualizar
refresh-label = Actualizar: { $section }

## Página de la consola

console-page-title = { $tenant } · Consola de integraciones
console-eyebrow = Integraciones → Configuración del adaptador de producción
console-title = Consola de integraciones de { $tenant }
console-lede = La decisión GO/NO-GO para pasar de la demostración local a { $target } y, después, a producción.

section-kpis = Cifras clave
section-copilot = Copiloto de preparación de la integración
section-checklist = Lista de bloqueos de la integración
section-decision = Decisión de puesta en producción

## Cifras clave

kpi-contract-label = Contrato de escenario
kpi-actors-label = Actores de rol
kpi-providers-label = Modos de proveedor
kpi-preflight-label = Verificación previa
kpi-cutover-label = Pasos de la conmutación
kpi-connection-label = Conexión

## Copiloto

copilot-percent = { $percent } % de los elementos de la lista de comprobación están listos
copilot-action-heading = Siguiente acción recomendada
action-step = Siguiente paso: { $item }
action-owner = Responsable: { $owner }
action-who-probe = Ejecución a cargo de la consola, iniciada por un despachador o por la dirección general.
action-none = No queda nada pendiente: el GO de producción está firmado.
action-title-signoff = Firmar el GO de producción
action-detail-signoff = Todos los puntos de control están en verde para { $target }, { $ready }/{ $total }: la dirección general firma el GO o registra un NO-GO con su motivo.

copilot-card-providers-title = Contratos de proveedor
copilot-card-session-title = Adaptador de sesión
copilot-card-preflight-title = Verificación previa de la migración
copilot-card-runbook-title = Procedimiento de migración
copilot-card-release-title = Entrega de la versión
copilot-card-rollback-title = Simulacro de reversión

## Acciones recomendadas, por sección

action-title-gates = Superar los puntos de control de integración
action-detail-gates = La lista de puntos de control muestra { $ready }/{ $total }.
action-title-section = Completar «{ $section }»
action-detail-section = { $section } muestra { $ready }/{ $total }; cada una de sus comprobaciones necesita su evidencia.
action-title-provider_acceptance = Aceptar los proveedores reales elegidos
action-detail-provider_acceptance = La selección de proveedores muestra { $ready }/{ $total }; la dirección general acepta el proveedor real, el responsable de autenticación y el perímetro del inquilino.
action-title-infrastructure = Registrar las decisiones de infraestructura
action-detail-infrastructure = Las decisiones de infraestructura muestran { $ready }/{ $total }; antes de la activación real deben elegirse el alojamiento, la región EU, el responsable de la explotación y el perímetro de secretos y copias de seguridad.
action-title-wiring = Completar las comprobaciones de la activación controlada
action-detail-wiring = La activación controlada muestra { $ready }/{ $total }; el tráfico de producción permanece desactivado hasta que se revisen las credenciales reales.
action-title-passage = Aceptar los ensayos dirigidos por los responsables
action-detail-passage = La lista del paso a producción muestra { $ready }/{ $total }; cada responsable acepta su ensayo aportando evidencias.
action-title-decision_board = Resolver el panel de decisiones del adaptador
action-detail-decision_board = El panel de decisiones muestra { $ready }/{ $total }; cada decisión requiere que sus responsables hayan aceptado las comprobaciones correspondientes.
action-title-runbook = Completar el procedimiento de migración
action-detail-runbook = El procedimiento muestra { $ready }/{ $total }; el esquema y los objetos RLS deben existir en el destino.
action-title-cutover = Completar las comprobaciones de la conmutación de datos
action-detail-cutover = La conmutación de datos muestra { $ready }/{ $total }; cada grupo de lotes necesita filas y evidencias de la verificación previa.
action-title-connection = Registrar las evidencias de conexión del adaptador
action-detail-connection = Las comprobaciones de conexión muestran { $ready }/{ $total }; registre el paquete del punto de conexión enmascarado antes de la simulación.
action-title-dry_run = Ejecutar la simulación del adaptador
action-detail-dry_run = La simulación muestra { $ready }/{ $total }; reproduzca la instantánea congelada en el destino y reviértala.
action-title-preflight = Completar la verificación previa de la migración
action-detail-preflight = La verificación previa muestra { $ready }/{ $total }; la instantánea, la correspondencia del esquema, la simulación y las evidencias de reversión deben estar disponibles.
action-title-release = Completar la entrega de la versión
action-detail-release = La entrega de la versión muestra { $ready }/{ $total }; el registro de la simulación y las evidencias de los responsables la cierran.
action-title-rollback = Realizar el simulacro de reversión
action-detail-rollback = El simulacro de reversión muestra { $ready }/{ $total }; la dirección general confirma la vía de respaldo y el paquete de auditoría.

action-title-fact-providers_mapped = Asignar a cada proveedor un destino de producción
action-detail-fact-providers_mapped = Un proveedor sin modo de destino mantiene en revisión el punto de control de los contratos de proveedor.
action-title-fact-session_adapter_present = Declarar el adaptador de sesión y el modo de autenticación
action-detail-fact-session_adapter_present = El punto de control del adaptador de sesión requiere el contrato de escenario y el modo de autenticación actual.
action-title-fact-actors_claimed = Asignar permisos a cada actor
action-detail-fact-actors_claimed = Cada actor del escenario necesita al menos un permiso para convertirse en una declaración de autenticación.
action-title-fact-snapshot_frozen = Congelar la instantánea del escenario
action-detail-fact-snapshot_frozen = La simulación reproduce una instantánea BFGScenarioSnapshot.v1 congelada: importe la carga útil del escenario y congélela.
action-title-fact-batch_groups_populated = Rellenar todos los grupos de lotes
action-detail-fact-batch_groups_populated = Los lotes de operaciones, finanzas y auditoría necesitan filas en la instantánea congelada.
action-title-fact-release_env_complete = Completar el entorno de la versión
action-detail-fact-release_env_complete = Las nueve variables de la versión necesitan un valor, y la reversión debe estar a cargo de la dirección general.
action-title-fact-rollback_fallback_available = Indicar el adaptador de almacenamiento para la reversión
action-detail-fact-rollback_fallback_available = El adaptador de almacenamiento actual es la vía de reversión; debe indicarse su nombre.
action-title-fact-overall_go = Firmar el GO de producción
action-detail-fact-overall_go = La activación real se habilita en cuanto se firma el GO de producción.

## Lista de bloqueos

checklist-intro = { $total ->
    [one] { $total } punto de control separa la demostración local de la producción; está listo o en revisión.
   *[other] { $total } puntos de control separan la demostración local de la producción; cada uno está listo o en revisión.
}
gate-status-ready = Listo
gate-status-review = En revisión
status-misconfigured = Mal configurado
gate-waiting-on = A la espera de: { $sections }

## Decisión de puesta en producción

decision-prompt-heading = Aviso de decisión de infraestructura
decision-target-heading = Destino del adaptador seleccionado
decision-target-none = Aún no se ha seleccionado ningún destino
decision-auth-heading = Responsable de autenticación/RBAC
decision-auth-none = Aún no se ha elegido ningún destino de autenticación
decision-go-heading = Decisión GO/NO-GO
decision-verdict-go = Producción GO
decision-verdict-nogo = Producción NO-GO
ladder-heading = Escala de decisión
ladder-blocked-pending-dry-run = Conexión y simulación completadas
ladder-blocked-pending-preflight = Verificación previa de la migración completada
ladder-blocked-pending-data-cutover = Comprobaciones de la conmutación de datos completadas
ladder-blocked-pending-infrastructure-or-credentials = Decisiones de infraestructura, activación controlada y los { $gates } puntos de control en verde
ladder-blocked-pending-signoff = Firmado por la dirección general
ladder-go = Producción GO
ladder-state-passed = Superado
ladder-state-current = Bloqueante
ladder-state-ahead = Pendiente
ladder-state-reached = Alcanzado

## Secciones del programa

section-name-gates = Lista de bloqueos de la integración
section-name-provider_acceptance = Aceptación de la selección de proveedores
section-name-infrastructure = Decisión de selección de la infraestructura
section-name-wiring = Activación controlada de DB/auth
section-name-passage = Paso a producción
section-name-decision_board = Panel de decisiones del adaptador
section-name-runbook = Procedimiento de migración
section-name-cutover = Conmutación de datos
section-name-connection = Asistente de conexión del adaptador
section-name-dry_run = Simulación del adaptador
section-name-preflight = Verificación previa de la migración
section-name-release = Entrega de la versión
section-name-rollback = Simulacro de reversión

## Elementos

item-gates-provider_contracts = Contratos de proveedor asignados a su destino
item-gates-session_adapter = Adaptador de sesión y contrato de autenticación presentes
item-gates-preflight = Verificación previa de la migración lista
item-gates-runbook = Procedimiento de migración listo para copiar
item-gates-connection = Paquete de conexión del adaptador registrado
item-gates-dry_run = Registro de la simulación del adaptador completo
item-gates-release = Entrega del entorno de versión { $environment } en GO
item-gates-infrastructure = Decisiones de infraestructura aceptadas por su responsable
item-gates-rollback = Paquete del simulacro de reversión listo para su responsable
item-provider_acceptance-live_provider = Proveedor real de DB/auth
item-provider_acceptance-auth_rbac_owner = Responsable de autenticación/RBAC
item-provider_acceptance-tenant_secrets_boundary = Perímetro del inquilino y de los secretos
item-provider_acceptance-live_wiring = GO/NO-GO de la activación real
item-infrastructure-hosting = Proveedor y cuenta de alojamiento
item-infrastructure-region = Región y residencia de los datos
item-infrastructure-runtime_owner = Responsable de la explotación
item-infrastructure-secrets_backup = Perímetro de secretos y copias de seguridad
item-wiring-infrastructure_acceptance = Aceptación de la infraestructura
item-wiring-endpoint_contract = Contrato del punto de conexión
item-wiring-tenant_context = Contexto del inquilino
item-wiring-oidc_rbac_claims = Declaraciones OIDC/RBAC
item-wiring-rls_policy_draft = Borrador de la política RLS
item-wiring-secrets_backup_boundary = Perímetro de secretos y copias de seguridad
item-wiring-live_credentials = Credenciales reales
item-passage-contracts_frozen = Contratos congelados
item-passage-role_headers = Cabeceras de rol asignadas
item-passage-scenario_store_rehearsal = Ensayo del almacén de escenarios
item-passage-db_schema = Esquema de la base de datos
item-passage-secrets_auth = Secretos y autenticación
item-passage-migration_rollback = Migración y reversión
item-decision_board-adapter_selection = Selección del adaptador
item-decision_board-environment_readiness = Preparación del entorno
item-decision_board-secrets_rbac_owner = Responsable de secretos y RBAC
item-decision_board-schema_rls = Esquema y RLS
item-decision_board-migration_dry_run = Simulación de la migración
item-decision_board-rollback_window = Ventana de reversión
item-decision_board-release_approvals = Aprobaciones de los responsables de la versión
item-runbook-freeze_snapshot = Congelar la instantánea
item-runbook-schema_rls = Esquema y RLS
item-runbook-actor_claims = Declaraciones de los actores
item-runbook-adapter_replay = Reproducción en el adaptador
item-runbook-checksum_verification = Verificación de la suma de control
item-runbook-rollback_seal = Sellado de la reversión
item-cutover-freeze_snapshot = Congelar la instantánea
item-cutover-seed_tenant_rls = Datos iniciales del inquilino y RLS
item-cutover-batch_replay = Reproducción de lotes
item-cutover-audit_parity = Concordancia de la auditoría
item-cutover-rollback_seal = Sellado de la reversión
item-connection-endpoint_reachability = Accesibilidad del punto de conexión
item-connection-tls_fingerprint = Huella digital TLS
item-connection-rbac_session = Sesión RBAC
item-connection-write_probe = Prueba de escritura
item-dry_run-export_snapshot = Exportar la instantánea
item-dry_run-schema_map = Validación de la correspondencia del esquema
item-dry_run-rbac_claims = Ensayo de las declaraciones RBAC
item-dry_run-replay_transcript = Registro de la reproducción en el adaptador
item-dry_run-rollback_checkpoint = Punto de restauración para la reversión
item-preflight-payload_snapshot = Instantánea de la carga útil
item-preflight-schema_map = Correspondencia del esquema
item-preflight-rbac_claims = Declaraciones RBAC
item-preflight-adapter_replay = Reproducción en el adaptador
item-preflight-rollback_evidence = Evidencias de reversión
item-release-env_vars = Variables de entorno
item-release-adapter_target = Destino del adaptador
item-release-dry_run_transcript = Registro de la simulación
item-release-rollback_fallback = Respaldo para la reversión
item-release-owner_evidence = Evidencias de los responsables
item-rollback-freeze_window = Ventana de congelación
item-rollback-owner_ack = Confirmación del responsable
item-rollback-storage_fallback = Almacenamiento de respaldo
item-rollback-audit_packet = Paquete de auditoría

## Unidades organizativas del inquilino de demostración

unit-direction = Dirección
unit-dispatch = Despacho
unit-finance = Finanzas · Contabilidad
unit-driver = BFG Driver
unit-client_portal = Client Portal
unit-audit = Auditoría

## Fechas

datetime = { $day } { $month } { $year }, { $time } UTC
month-1 = ene
month-2 = feb
month-3 = mar
month-4 = abr
month-5 = may
month-6 = jun
month-7 = jul
month-8 = ago
month-9 = sept
month-10 = oct
month-11 = nov
month-12 = dic

## Errores

error-title-not-found = Página no encontrada
error-body-not-found = No hay ninguna consola en esta dirección. Compruebe el enlace o vuelva a la consola del inquilino de demostración.
error-title-unavailable = La consola no está disponible temporalmente
error-body-unavailable = En este momento no se puede acceder a la base de datos. No se ha perdido nada; inténtelo de nuevo dentro de unos instantes.
error-title-internal = Se ha producido un error
error-body-internal = No se ha podido generar la página. El error ha quedado registrado; facilite la referencia que figura a continuación a su administrador.
error-request-id = Referencia: { $id }
error-back = Volver a la consola

## Resumen imprimible

print-title = { $tenant } · Resumen GO/NO-GO
print-generated = Generado el { $date }
print-audit-head = cabeza de la cadena de auditoría n.º { $seq } { $hash }
print-audit-empty = la cadena de auditoría aún no tiene ningún evento
print-hint = Use la función de impresión del navegador: este resumen cabe en una página A4.
print-signoff = Firma:
print-not-signed = sin firmar
print-blockers = Bloqueos y sus responsables
print-item = Elemento
print-section = Sección
print-who = Responsable
print-status = Estado
print-derived = Se deduce de otras comprobaciones
print-more = { $count ->
    [one] y { $count } elemento más
   *[other] y { $count } elementos más
}
print-link = Resumen GO/NO-GO imprimible
