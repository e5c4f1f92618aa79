## Secciones posteriores a la decisión: títulos e introducciones

section-proof_path = Recorrido de evidencias para revisores
section-providers = Contratos de proveedor
section-session = Sesión en curso
section-rbac = Mapa RBAC
section-environments = Entornos
section-count = Listos: { $ready }/{ $total }
section-misconfigured = No se ha podido leer parte del catálogo de esta sección, por lo que sus cifras están incompletas. El problema ha quedado registrado para el administrador.

intro-provider_acceptance = La dirección general acepta { $target } antes de la activación real de DB/auth; hasta entonces, la única decisión posible sobre la producción es mantenerla bloqueada.
intro-infrastructure = La dirección general elige el alojamiento, la región, el responsable de la explotación y el perímetro de secretos y copias de seguridad para { $target }.
intro-proof_path = Desde cada bloqueo abierto hasta la sección que reúne sus evidencias, sin aparentar que ya exista una infraestructura real.
intro-wiring = La integración local de los contratos para { $target } puede comenzar una vez aceptada la infraestructura; el tráfico de producción permanece desactivado hasta que existan credenciales reales.
intro-providers = Cada dependencia externa dispone de un modo de demostración local y de un sustituto designado para producción.
intro-session = Cómo funciona el inquilino en este momento.
intro-rbac = Los mismos identificadores de actor y permisos viajan hoy en las cabeceras de la API de escenarios y más adelante se convertirán en declaraciones de autenticación.
intro-passage = Cada responsable acepta su ensayo de conmutación aportando evidencias, lo que convierte la lista de comprobación de DB/auth en evidencias de auditoría.
intro-decision_board = Las decisiones sobre el adaptador DB/auth, el entorno, los secretos, el esquema, la migración, la reversión y las aprobaciones antes de la conmutación de producción; las evidencias de cada decisión son las comprobaciones de sus responsables.
intro-runbook = Un esbozo SQL y RLS portable y una lista de comprobación para el operador que permiten reproducir la instantánea actual en { $target } sin secretos reales.
intro-cutover = El procedimiento de migración convertido en evidencias por lotes para el inquilino, las operaciones, las finanzas y la auditoría antes de la conexión real de DB/auth.
intro-connection = Registra el punto de conexión enmascarado, las evidencias TLS y RBAC y una prueba de escritura, sin almacenar ningún secreto.
intro-dry_run = Reproduce el escenario congelado en el contrato de { $target } y lo revierte, dejando un registro como evidencia.
intro-preflight = Un informe de ensayo de DB/auth, que puede compartirse con los revisores sin riesgo, elaborado a partir de la carga útil BFGScenarioSnapshot.v1 actual, el destino del adaptador y las evidencias de reversión.
intro-release = El entorno listo para revisión: el modo local del adaptador, el destino, el responsable de la reversión y la decisión go/no-go.
intro-rollback = El equipo de operaciones ensaya la vía de respaldo con su responsable, el adaptador de almacenamiento y el paquete de auditoría antes de la conmutación real.
intro-environments = Dónde se ejecuta cada adaptador, desde la demostración local hasta la producción.

## Elementos: estado, responsable, dependencias

status-ready = Listo
status-open = Abierto
status-waiting = En espera
item-owner = Responsable: { $owner }
item-run-by-console = Ejecución a cargo de la consola
item-depends-on = Depende de: { $items }
item-proposed = Propuesta: { $value }
item-accepted-by = Aceptado por { $owner }, { $date }
fact-snapshot = { $rows ->
    [one] { $rows } fila
   *[other] { $rows } filas
} · { $checksum }
fact-snapshot-none = Aún sin congelar

item-provider_acceptance-live_provider-detail = La dirección general elige el contrato real del proveedor para { $target }.
item-provider_acceptance-auth_rbac_owner-detail = La dirección general confirma los roles, las declaraciones y la gestión de secretos antes de dar acceso a usuarios reales.
item-provider_acceptance-tenant_secrets_boundary-detail = { $target } permanece bloqueado hasta que se acepten el aislamiento del inquilino y los secretos gestionados.
item-provider_acceptance-live_wiring-detail = Permanece bloqueado hasta que los responsables del proveedor, de la autenticación y de la reversión hayan dado su aprobación y la producción esté en GO.
item-infrastructure-hosting-detail = Deben elegirse la cuenta y el proveedor de alojamiento reales antes de que { $target } reciba tráfico de producción.
item-infrastructure-region-detail = La región EU, la residencia de los datos y la ubicación de las copias de seguridad deben confirmarse antes de la activación real de DB/auth.
item-infrastructure-runtime_owner-detail = Deben designarse los responsables de guardia, despliegue, supervisión e incidencias para { $target }.
item-infrastructure-secrets_backup-detail = Deben aceptarse los secretos gestionados, las copias de seguridad y el RPO, así como el responsable de la restauración.
item-wiring-infrastructure_acceptance-detail = Requiere que se hayan aceptado para { $target } el alojamiento, la región EU, el responsable de la explotación y la responsabilidad sobre secretos y copias de seguridad.
item-wiring-endpoint_contract-detail = Utiliza el contrato del punto de conexión enmascarado del adaptador, sin conexión externa real.
item-wiring-tenant_context-detail = Asigna las declaraciones de organización y de inquilino antes de cualquier escritura real en la base de datos.
item-wiring-oidc_rbac_claims-detail = Prepara las declaraciones de rol para los ámbitos de la dirección general, el despachador, el contable, el conductor y el cliente.
item-wiring-rls_policy_draft-detail = Confirma que el plan de políticas RLS por inquilino está listo para la revisión de la migración.
item-wiring-secrets_backup_boundary-detail = Mantiene los secretos, las copias de seguridad y el RPO, así como la responsabilidad de la restauración, vinculados a la decisión de infraestructura aceptada.
item-wiring-live_credentials-detail = En bloqueo hasta que una persona aporte, fuera del espacio de trabajo de la demostración local, credenciales del proveedor ya revisadas.
item-passage-contracts_frozen-detail = La envoltura del escenario, las cabeceras de actor y los campos de metadatos están cubiertos por pruebas de humo.
item-passage-role_headers-detail = Se muestran la dirección general, el despachador, el contable, el conductor y el cliente.
item-passage-scenario_store_rehearsal-detail = Confirmar la carga útil file-local para la reproducción en la base de datos.
item-passage-db_schema-detail = Crear las tablas de inquilinos, usuarios, permisos y estado del escenario para el adaptador de producción.
item-passage-secrets_auth-detail = Conectar el proveedor OIDC/RBAC elegido sin exigir claves de pago en la demostración.
item-passage-migration_rollback-detail = Trasladar el estado de la demostración local al adaptador de base de datos y mantener una vía de reversión para las demostraciones.
item-decision_board-adapter_selection-detail = El destino de preproducción está seleccionado explícitamente, mientras la demostración local conserva el adaptador de archivos.
item-decision_board-environment_readiness-detail = Los contratos y una carga útil del Scenario Store reproducible deben aceptarse antes de que se abra el entorno DB/auth.
item-decision_board-secrets_rbac_owner-detail = Tanto las cabeceras de rol como la gestión de secretos deben aceptarse antes de activar la autenticación real de los usuarios.
item-decision_board-schema_rls-detail = Las tablas de inquilinos, usuarios, permisos y estado del escenario requieren la aceptación de su responsable antes de la migración del adaptador.
item-decision_board-migration_dry_run-detail = El estado de la demostración local necesita una vía de simulación hacia el adaptador de base de datos antes de la conmutación destinada a los revisores.
item-decision_board-rollback_window-detail = Mantener preparado el adaptador file-local hasta que se acepten conjuntamente las evidencias de migración y de reproducción.
item-decision_board-release_approvals-detail = Todos los ensayos de conmutación dirigidos por sus responsables deben aceptarse antes de la aprobación final de la versión de producción.
item-runbook-freeze_snapshot-detail = Trasladar las filas y la suma de control de BFGScenarioSnapshot.v1 al paquete de migración.
item-runbook-schema_rls-detail = Las tablas de inquilinos, usuarios, instantáneas y auditoría, con su RLS, presentes en el destino.
item-runbook-actor_claims-detail = Los actores y permisos de la demostración se convierten en futuras declaraciones DB/auth.
item-runbook-adapter_replay-detail = Las evidencias de conexión y de simulación demuestran que el destino puede reproducir la carga útil.
item-runbook-checksum_verification-detail = El estado de la verificación previa y la suma de control cierran el ciclo de verificación de la migración.
item-runbook-rollback_seal-detail = Las decisiones de versión y de reversión siguen vinculadas al adaptador local de respaldo.
item-cutover-freeze_snapshot-detail = Las filas y la suma de control de BFGScenarioSnapshot.v1 están bloqueadas.
item-cutover-seed_tenant_rls-detail = Las tablas y el RLS del procedimiento están listos en el destino.
item-cutover-batch_replay-detail = La conexión y la simulación demuestran una reproducción segura.
item-cutover-audit_parity-detail = Todos los grupos de lotes contienen datos y las evidencias de la verificación previa están completas.
item-cutover-rollback_seal-detail = La versión y la reversión mantienen visible el respaldo file-local.
item-connection-endpoint_reachability-detail = El punto de conexión seleccionado tiene nombre y es accesible.
item-connection-tls_fingerprint-detail = Se ha capturado una huella digital del certificado que puede compartirse con los revisores sin riesgo.
item-connection-rbac_session-detail = Las declaraciones de la demostración reflejan el perímetro del inquilino y de los usuarios.
item-connection-write_probe-detail = Una prueba de escritura sin secretos, revertida, antes de la conmutación.
item-dry_run-export_snapshot-detail = Congela los pedidos, los eventos de los conductores, los eventos financieros y las evidencias para los revisores.
item-dry_run-schema_map-detail = Hace corresponder los campos del Scenario Store con las tablas de inquilinos, usuarios, pedidos, documentos y auditoría.
item-dry_run-rbac_claims-detail = Reproduce los identificadores de actor de la demostración como futuras declaraciones de autenticación.
item-dry_run-replay_transcript-detail = Escribe y lee la carga útil a través del contrato del adaptador DB/auth.
item-dry_run-rollback_checkpoint-detail = Conserva el respaldo file-local y el identificador de la reproducción hasta que se apruebe la conmutación.
item-preflight-payload_snapshot-detail = BFGScenarioSnapshot.v1 queda fijado con su número de filas y su suma de control.
item-preflight-schema_map-detail = Las decisiones del adaptador y las evidencias de la conmutación identifican las tablas de inquilinos, usuarios, pedidos, documentos y auditoría.
item-preflight-rbac_claims-detail = Los identificadores de actor y los permisos de la demostración están listos para servir como declaraciones de autenticación.
item-preflight-adapter_replay-detail = ProductionAdapterDryRun.v1 demuestra la compatibilidad de escritura y lectura del adaptador elegido.
item-preflight-rollback_evidence-detail = Los paquetes de versión y de reversión mantienen explícito el respaldo file-local.
item-release-env_vars-detail = Nueve valores de la versión proceden de los metadatos de la sesión.
item-release-adapter_target-detail = Se muestra el destino DB/auth elegido.
item-release-dry_run_transcript-detail = El registro de la reproducción demuestra que la carga útil local es compatible.
item-release-rollback_fallback-detail = El adaptador de respaldo está indicado explícitamente.
item-release-owner_evidence-detail = Las comprobaciones de los responsables de la conmutación están vinculadas al Scenario Store.
item-rollback-freeze_window-detail = La producción permanece bloqueada hasta que se revise la decisión go/no-go local.
item-rollback-owner_ack-detail = La decisión de reversión y el paquete de auditoría corresponden a la dirección general.
item-rollback-storage_fallback-detail = El adaptador file-local sigue siendo la vía de reversión explícita.
item-rollback-audit_packet-detail = Las evidencias de la versión y de la reversión se reúnen en un único paquete exportable.

## Detalles de las secciones

wiring-traffic = Tráfico de producción
connection-target = Destino del adaptador
connection-endpoint = Punto de conexión enmascarado
connection-fingerprint = Huella digital del punto de conexión
not-recorded = Sin registrar
batch-caption = Grupos de lotes y sus filas
batch-group = Grupo de lotes
batch-rows-heading = Filas
batch-rows = { $rows ->
    [one] { $rows } fila
   *[other] { $rows } filas
}
batch-seed_tenant = Datos iniciales del inquilino y RBAC
batch-operations = Reproducción de las operaciones
batch-finance = Libro mayor financiero
batch-audit = Pista de auditoría
proof-none = No hay ningún bloqueo abierto: todos los puntos de control están en verde.

providers-caption = Contratos de proveedor, modo actual y modo de destino
providers-name = Proveedor
providers-current = Modo actual
providers-target = Modo de destino
provider-no-target = Sin destino elegido
provider-scenario_store = Almacén de escenarios
provider-detail-scenario_store = Contiene hoy el escenario de demostración y define el futuro contrato de sesión de la base de datos.
provider-auth_rbac = Autenticación y RBAC
provider-detail-auth_rbac = Las cabeceras de rol dirigen la demostración y preservan los límites de usuario, inquilino y permisos.
provider-document_intelligence = Procesamiento inteligente de documentos
provider-detail-document_intelligence = La salida del OCR local tiene la misma forma que las respuestas de extracción de producción.
provider-ksef = Factura electrónica KSeF
provider-detail-ksef = Los paquetes de facturas simulados mantienen las finanzas preparadas para la API regulada.
provider-maps_eta = Mapas y ETA
provider-detail-maps_eta = La lógica local de ETA puede sustituirse por un proveedor real de mapas y tráfico.
provider-offline_sync = Sincronización sin conexión de los conductores
provider-detail-offline_sync = Un service worker y una caché de trayectos definen el futuro perímetro de la sincronización en segundo plano.

session-storage = Adaptador de almacenamiento
session-auth = Modo de autenticación
session-tenant = Modo de inquilino
session-last-write = Última escritura
session-not-written = Aún sin escrituras

rbac-caption = Actores del escenario por rol
rbac-actor = Actor
rbac-role = Rol
rbac-unit = Unidad
rbac-permissions = Permisos
rbac-permission-count = { $count ->
    [one] { $count } permiso
   *[other] { $count } permisos
}
role-managing_director = Dirección general
role-dispatcher = Despachador
role-accountant = Contable
role-driver = Conductor
role-client = Cliente
role-reviewer = Revisor

environment-local = Demostración local
environment-local-detail = Funciona actualmente con el estado del escenario file-local y contratos de proveedor simulados.
environment-staging = Preproducción
environment-staging-detail = El siguiente destino, para la persistencia en base de datos, las declaraciones de autenticación y los secretos de los proveedores.
environment-production = Producción
environment-production-detail = El adaptador definitivo por inquilino, con autenticación real y registros de auditoría de los proveedores.
environment-active = Activo
environment-planned = Previsto

## Paquetes

packet-copy = Copiar
packet-copied = Copiado
packet-runbook-sql-intro = El esbozo SQL para { $target }, con suma de control { $checksum }: un ensayo de migración que puede compartirse con los revisores hasta que se conecte la infraestructura real. Se ejecuta tal cual en PostgreSQL 15.
packet-cutover-plan-intro = El plan por lotes para { $target }, con suma de control { $checksum }: el plan seguro hasta que se elija la infraestructura de producción.
packet-connection-intro = El paquete de conexión para { $target }, con suma de control { $checksum }. El punto de conexión solo se registra enmascarado.
packet-dry-run-intro = El punto de restauración de la simulación para { $target }, con suma de control { $checksum }, que los revisores pueden reproducir.
packet-preflight-intro = El informe de verificación previa, con suma de control { $checksum }, para el ensayo de la migración de DB/auth antes de disponer de la infraestructura real.
packet-release-env-intro = El bloque del entorno de la versión, con suma de control { $checksum }.
packet-rollback-intro = El paquete de auditoría de la reversión, con suma de control { $checksum }.
packet-download = Descargar
packet-digest-help = El SHA-256 es el del archivo descargado (sha256sum); sus 8 primeros dígitos hexadecimales forman la suma de control bfg-.
