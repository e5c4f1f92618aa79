## La bandeja: lo que espera a la persona que ha iniciado sesión y lo que cambió desde su última visita

inbox-nav = Bandeja
inbox-badge-label = { $count ->
    [0] nada te está esperando
    [one] { $count } elemento te está esperando
   *[other] { $count } elementos te están esperando
}
inbox-title = Tu bandeja en { $tenant }
inbox-intro = Lo que puedes hacer ahora para acercar la producción y lo que otros cambiaron mientras no estabas.
inbox-waiting-heading = Te está esperando
inbox-waiting-none = Ahora mismo nada te está esperando. Cuando se pueda hacer una comprobación o decisión de la que eres responsable, aparecerá aquí.
inbox-waiting-reader = Tu rol consulta la consola y no cambia nada, así que aquí nada te esperará. Lo que cambió aparece más abajo.
inbox-task-accept = Aceptar
inbox-task-decide = Decidir
inbox-task-run_rehearsal = Ejecutar el ensayo
inbox-task-sign = Firmar
inbox-signoff-subject = GO o NO-GO de producción
inbox-signoff-detail = { $given } de { $required } firmas dadas
inbox-act = Ir allí
inbox-since-heading = Desde tu última visita
inbox-since-visit = Tu última visita empezó cuando iniciaste sesión el { $date }. Estos son los cambios registrados desde entonces, del más reciente al más antiguo. Abrir esta página no registra nada.
inbox-since-none = Nada ha cambiado desde entonces.
inbox-since-first = Es tu primera visita: no hay un inicio de sesión anterior con el que comparar. A partir de tu próxima visita, aquí aparecerá lo que haya cambiado entretanto.
inbox-since-audit = Todo lo registrado hasta ahora está en el registro de auditoría
inbox-since-rest = { $count ->
    [one] Solo se muestra el cambio más reciente: consulta los anteriores en el registro de auditoría
   *[other] Solo se muestran los { $count } cambios más recientes: consulta los anteriores en el registro de auditoría
}
inbox-change-who = Quién
inbox-change-nobody = Nadie con sesión iniciada
