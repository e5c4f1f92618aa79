## What the audit chain covers: signed checkpoints up to the head, and every record's event

coverage-unpinned = Os eventos #{ $first }–#{ $last } estão cobertos pelas próprias assinaturas, mas ainda por nenhum checkpoint assinado: apagá-los não deixaria nada assinado que os mencione.
coverage-unpinned-one = O evento #{ $seq } está coberto pela própria assinatura, mas ainda por nenhum checkpoint assinado: apagá-lo não deixaria nada assinado que o mencione.
coverage-head-signed = O topo está coberto por um checkpoint assinado.
coverage-records-ok = Todo aceite, decisão, revogação, resultado de ensaio e aprovação tem seu evento de auditoria, e todo evento desse tipo tem seu registro.
coverage-records-broken = Registros e eventos de auditoria não se correspondem:
coverage-row = { $record } #{ $id }:
coverage-event = Evento #{ $seq } ({ $record }):
coverage-record-acceptance = Aceite
coverage-record-decision = Decisão
coverage-record-revocation = Revogação
coverage-record-probe_result = Resultado de ensaio
coverage-record-signoff = Aprovação
coverage-seeded = Gravado pelo seed da demonstração (requisição { $request }), não por um formulário.
audit-fault-record_without_event = Nenhum evento de auditoria registra esta linha como ela está: ela foi gravada ou alterada diretamente no banco de dados.
audit-fault-event_without_record = A linha que este evento registra não existe, ou não diz mais o que o evento registrou.
