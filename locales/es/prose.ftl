## La prosa de la consola: cada frase de las cifras clave, del copiloto y de la sección de
## decisión tiene una redacción por cada estado posible, elegida a partir de la evaluación
## (src/readiness/narrative.rs). Los ids son prose-<lugar>-<código>; cada número es una variable.

## Cifras clave

prose-kpi-contract-demo = La forma de la API se mantiene estable para el futuro adaptador de base de datos, { $target }.
prose-kpi-contract-go = El GO de producción está firmado: la forma de la API pasa sin cambios a { $target }.
prose-kpi-actors-mapped = { $count ->
    [one] { $count } usuario de demostración corresponde a una futura declaración RBAC.
   *[other] { $count } usuarios de demostración corresponden a futuras declaraciones RBAC.
}
prose-kpi-actors-rehearsed = { $count ->
    [one] La declaración RBAC de { $count } usuario de demostración está ensayada en la simulación contra { $target }.
   *[other] Las declaraciones RBAC de los { $count } usuarios de demostración están ensayadas en la simulación contra { $target }.
}
prose-kpi-actors-go = { $count ->
    [one] La declaración RBAC de { $count } usuario está confirmada para producción, y el GO está firmado.
   *[other] Las declaraciones RBAC de los { $count } usuarios están confirmadas para producción, y el GO está firmado.
}
prose-kpi-providers-open = { $ready } de { $total } proveedores simulados y locales { $ready ->
    [one] indica
   *[other] indican
} un destino en producción; los demás aún no tienen ninguno.
prose-kpi-providers-complete = Los { $total } proveedores simulados y locales indican su destino en producción.
prose-kpi-preflight-open = { $ready } de { $total } comprobaciones de migración de la instantánea { $ready ->
    [one] está lista
   *[other] están listas
} antes de la conmutación real de DB/auth.
prose-kpi-preflight-complete = Las { $total } comprobaciones de migración de la instantánea están listas para la conmutación real de DB/auth.
prose-kpi-cutover-open = { $ready } de { $total } ensayos dirigidos por sus responsables { $ready ->
    [one] está aceptado
   *[other] están aceptados
} con respecto a las tareas de infraestructura.
prose-kpi-cutover-complete = Los { $total } ensayos dirigidos por sus responsables están aceptados con respecto a las tareas de infraestructura.
prose-kpi-connection-open = { $ready } de { $total } comprobaciones del punto de conexión enmascarado { $ready ->
    [one] está superada
   *[other] están superadas
} para { $target }.
prose-kpi-connection-complete = Las { $total } comprobaciones del punto de conexión enmascarado están superadas para { $target }.

## Copiloto

prose-gates-open = { $ready }/{ $total } puntos de control de integración { $ready ->
    [one] está listo
   *[other] están listos
} para { $target }.
prose-gates-complete = Los { $total } puntos de control de integración están listos para { $target }.
prose-percent-basis = { $ready } de { $total } elementos de la lista de comprobación { $ready ->
    [one] está listo
   *[other] están listos
}; el porcentaje se redondea a la baja y los { $gates } puntos de control no se vuelven a contar.
prose-card-providers-open = { $ready } de { $total } contratos de proveedor de local a producción { $ready ->
    [one] tiene
   *[other] tienen
} un destino en producción.
prose-card-providers-complete = Se muestran los { $total } contratos de proveedor de local a producción, cada uno con su destino en producción.
prose-card-session-demo = { $contract } funciona con { $auth } para el contrato de la demostración local.
prose-card-session-go = { $contract } sigue funcionando con { $auth } en la demostración local; el GO de producción para { $target } está firmado.
prose-card-preflight-unfrozen = Verificación previa: { $ready }/{ $total }; todavía no se ha congelado ninguna instantánea del escenario.
prose-card-preflight-open = Verificación previa: { $ready }/{ $total }, con la suma de control de la instantánea { $checksum }.
prose-card-preflight-complete = Verificación previa completa, { $ready }/{ $total }, con la suma de control de la instantánea { $checksum }.
prose-card-runbook-gated = Procedimiento: { $ready }/{ $total }, con la decisión { $decision }.
prose-card-runbook-pending = Procedimiento: { $ready }/{ $total }; sus propias comprobaciones pendientes lo mantienen en { $decision }.
prose-card-runbook-ready = Procedimiento completo, { $ready }/{ $total }, con la decisión { $decision }.
prose-card-release-gated = Entrega: { $ready }/{ $total }, con la decisión { $decision }.
prose-card-release-pending = Entrega: { $ready }/{ $total }; sus propios puntos de control pendientes la mantienen en { $decision }.
prose-card-release-ready = Entrega completa, { $ready }/{ $total }, con la decisión { $decision }.
prose-card-rollback-gated = Reversión: { $ready }/{ $total }, con la decisión { $decision }.
prose-card-rollback-pending = Reversión: { $ready }/{ $total }; sus propias comprobaciones pendientes la mantienen en { $decision }.
prose-card-rollback-ready = Reversión completa, { $ready }/{ $total }, con la decisión { $decision }.

## Decisión de puesta en producción: el aviso de decisión de infraestructura

prose-prompt-undecided = { $target } está seleccionado para el ensayo, pero { $decision } mantiene bloqueada la conmutación real de DB/auth, y { $ready } de { $total } decisiones de proveedor e infraestructura { $ready ->
    [one] está registrada
   *[other] están registradas
}.
prose-prompt-decided = Las { $total } decisiones de proveedor e infraestructura están registradas para { $target }; { $decision } sigue bloqueando la conmutación real de DB/auth hasta que lleguen sus evidencias.
prose-prompt-signoff = Las { $total } decisiones de proveedor e infraestructura están registradas y todos los puntos de control están en verde: la dirección general puede firmar el GO de producción para { $target }.
prose-prompt-signoff-again = El GO anterior para { $target } quedó retirado; todos los puntos de control vuelven a estar en verde y las { $total } decisiones de proveedor e infraestructura están registradas: la dirección general puede firmar de nuevo el GO.
prose-prompt-go = El GO de producción para { $target } está firmado, con las { $total } decisiones de proveedor e infraestructura registradas.
prose-prompt-withdrawn = El GO de producción firmado para { $target } ya no es válido: { $decision } vuelve a bloquear la conmutación real de DB/auth, con { $ready } de { $total } decisiones de proveedor e infraestructura registradas.

## Lo que hace falta ahora

prose-needed-heading-provider = Decisión necesaria
prose-needed-heading-decisions = Decisiones necesarias
prose-needed-heading-evidence = Evidencias necesarias
prose-needed-heading-signoff = Firma necesaria
prose-needed-heading-signoff-again = Nueva firma necesaria
prose-needed-heading-nothing = Nada pendiente
prose-needed-title-provider = Elegir el proveedor real de DB/auth antes de activar la producción
prose-needed-title-decisions = Registrar las decisiones de proveedor e infraestructura pendientes: { $ready } de { $total } registradas
prose-needed-title-evidence = Las { $total } decisiones están registradas; { $decision } espera evidencias
prose-needed-title-signoff = Firmar el GO de producción o registrar un NO-GO con su motivo
prose-needed-title-signoff-again = Firmar de nuevo el GO de producción o registrar un NO-GO con su motivo
prose-needed-title-nothing = El GO de producción está firmado
prose-needed-detail-open = Los puntos de control de la versión muestran { $release_ready }/{ $release_total }; la conmutación de datos muestra { $cutover_ready }/{ $cutover_total }. Mantenga abiertas las evidencias de la demostración, pero no dé la producción por preparada.
prose-needed-detail-complete = Los puntos de control de la versión muestran { $release_ready }/{ $release_total } y la conmutación de datos { $cutover_ready }/{ $cutover_total }; la preparación para producción sigue a la espera de { $decision }.
prose-needed-detail-signoff = Los puntos de control de la versión muestran { $release_ready }/{ $release_total } y la conmutación de datos { $cutover_ready }/{ $cutover_total }; la producción podrá darse por preparada en cuanto se firme el GO de producción.
prose-needed-detail-go = Los puntos de control de la versión muestran { $release_ready }/{ $release_total } y la conmutación de datos { $cutover_ready }/{ $cutover_total }, y el GO de producción está firmado: la producción puede darse por preparada.

## El destino del adaptador, el responsable de autenticación/RBAC, la decisión GO/NO-GO

prose-target-unselected = Aún no se ha seleccionado ningún destino del adaptador: la dirección general lo selecciona en el panel de decisiones del adaptador.
prose-target-unproven = La conexión muestra { $connection_ready }/{ $connection_total } y la simulación { $dry_run_ready }/{ $dry_run_total }: el destino aún no está probado para la reproducción local, y el tráfico real de producción sigue desactivado.
prose-target-replayed = La conexión ({ $connection_ready }/{ $connection_total }) y la simulación ({ $dry_run_ready }/{ $dry_run_total }) prueban la reproducción local; el tráfico real de producción sigue desactivado hasta que se firme el GO de producción.
prose-target-live = La conexión ({ $connection_ready }/{ $connection_total }) y la simulación ({ $dry_run_ready }/{ $dry_run_total }) están superadas y el GO de producción está firmado: el destino puede recibir tráfico real de producción.
prose-auth-unconfirmed = OIDC, los roles y la gestión de secretos requieren la confirmación de sus responsables antes de integrarlos en el código: { $ready } de { $total } confirmaciones { $ready ->
    [one] está registrada
   *[other] están registradas
}.
prose-auth-confirmed = Las { $total } confirmaciones de los responsables sobre OIDC, los roles y la gestión de secretos están registradas; las declaraciones esperan el ensayo de declaraciones RBAC de la simulación antes de integrarse en el código.
prose-auth-wired = Las { $total } confirmaciones de los responsables sobre OIDC, los roles y la gestión de secretos están registradas, y las declaraciones RBAC están listas para integrarse en el código.
prose-decision-blocked-pending-dry-run = La conexión muestra { $connection_ready }/{ $connection_total } y la simulación { $dry_run_ready }/{ $dry_run_total }: la demostración local puede continuar mientras la producción sigue bloqueada.
prose-decision-blocked-pending-preflight = La verificación previa de la migración muestra { $preflight_ready }/{ $preflight_total }: la demostración local puede continuar mientras la producción sigue bloqueada.
prose-decision-blocked-pending-data-cutover = La conmutación de datos muestra { $cutover_ready }/{ $cutover_total }: la demostración local puede continuar mientras la producción sigue bloqueada.
prose-decision-blocked-pending-infrastructure-or-credentials = Las decisiones de infraestructura muestran { $infrastructure_ready }/{ $infrastructure_total }, la activación controlada { $wiring_ready }/{ $wiring_total } y los puntos de control { $gates_ready }/{ $gates_total }: la demostración local puede continuar mientras la producción sigue bloqueada.
prose-decision-blocked-pending-signoff = Todos los puntos de control están en verde, { $gates_ready }/{ $gates_total }: la producción espera la firma de la dirección general.
prose-decision-go = Todos los puntos de control están en verde, { $gates_ready }/{ $gates_total }, y la dirección general ha firmado: la producción puede seguir adelante.
