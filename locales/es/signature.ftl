## La firma del GO: el estado para el que vale, o la escritura que la retiró

signature-heading = Firma de producción
signature-standing = GO firmado por { $owner } el { $date }.
signature-holds = Vale para el estado sobre el que se otorgó: el estado de cada elemento en el evento { $event } (resumen del estado { $digest }). Cualquier escritura que cambie el estado de un elemento la retira.
signature-holds-empty-chain = Vale para el estado sobre el que se otorgó, cuando el registro de auditoría aún no tenía ningún evento (resumen del estado { $digest }). Cualquier escritura que cambie el estado de un elemento la retira.
signature-holds-unrecorded = Se otorgó antes de que las firmas registraran su estado. Cualquier escritura que cambie el estado de un elemento la retira.
signature-withdrawn-accept = GO firmado por { $owner } el { $date }: retirado en el evento { $event }, cuando { $actor } aceptó «{ $item }».
signature-withdrawn-decide = GO firmado por { $owner } el { $date }: retirado en el evento { $event }, cuando { $actor } registró la decisión «{ $item }».
signature-withdrawn-revoke = GO firmado por { $owner } el { $date }: retirado en el evento { $event }, cuando { $actor } revocó «{ $item }».
signature-withdrawn-probe_passed = GO firmado por { $owner } el { $date }: retirado en el evento { $event }, cuando un ensayo lanzado por { $actor } superó «{ $item }».
signature-withdrawn-probe_failed = GO firmado por { $owner } el { $date }: retirado en el evento { $event }, cuando un ensayo lanzado por { $actor } no superó «{ $item }».
signature-withdrawn-freeze_snapshot = GO firmado por { $owner } el { $date }: retirado en el evento { $event }, cuando { $actor } congeló una instantánea del escenario que cambió «{ $item }».
signature-withdrawn-unknown = GO firmado por { $owner } el { $date }: retirado en el evento { $event } por { $actor }, que cambió «{ $item }».
signature-withdrawn-detail = Una firma retirada ya no cuenta: la producción sigue en NO-GO hasta que la dirección general vuelva a firmar GO sobre el estado actual.
signature-lapsed = GO firmado por { $owner } el { $date }: ya no vale, porque el estado sobre el que se otorgó cambió fuera de los formularios de la consola.
signature-lapsed-detail = La producción sigue en NO-GO. Cuando todos los puntos de control vuelvan a estar en verde, la dirección general firmará de nuevo.
signature-badge-standing = Vigente
signature-badge-withdrawn = Retirada
signature-badge-lapsed = Ya no vale
signature-event-withdrew = retiró la firma del GO
signature-confirm-warning = { $owner } ha firmado el GO de producción. Este cambio retira esa firma: la producción vuelve a NO-GO hasta que se firme de nuevo.
signature-confirm-warning-run = { $owner } ha firmado el GO de producción. Si este ensayo cambia el estado de algún elemento, retira esa firma: la producción vuelve a NO-GO hasta que se firme de nuevo.
signature-confirm-warning-freeze = { $owner } ha firmado el GO de producción. Si esta instantánea cambia el estado de algún elemento, congelarla retira esa firma: la producción vuelve a NO-GO hasta que se firme de nuevo.
signature-confirm-label = Entendido: retirar la firma del GO
signature-confirm-required = Este cambio retiraría la firma del GO. Marque la confirmación para continuar; no se ha guardado nada.
signoff-stale = El estado ha cambiado desde que se mostró este formulario. Revise la decisión tal como está ahora y vuelva a firmar; no se ha firmado nada.

## Una segunda firma: un programa puede exigir el GO de varios directores generales distintos

signature-count = { $signed } de { $required } firmas
signature-badge-partial = Firmado en parte
signature-partial = La producción sigue en NO-GO hasta que { $missing ->
        [one] otro director general firme
       *[other] otros { $missing } directores generales firmen
    } GO sobre este mismo estado.
signature-signer = { $owner } firmó GO el { $date }
signoff-you-signed = Usted firmó GO el { $date }: { $signed } de { $required } firmas. Ahora firma otro director general; usted aún puede registrar NO-GO.
signoff-cosign = Hay { $signed } de { $required } firmas. Su GO firma el mismo estado que las suyas; { $missing ->
        [one] con él se completa la firma.
       *[other] aún faltan { $missing } firmas.
    }
signoff-already-signed = Usted ya firmó GO sobre este estado, y la firma de una persona cuenta una sola vez. Debe firmar otro director general; no se ha firmado nada.
notice-signed_partial_go = Su firma de GO ha quedado registrada. Producción espera las demás firmas que exige el programa.
programme-error-signatures-out-of-range = La firma exige { $found } firmas: un programa exige entre 1 y { $max } firmas de GO.
