## Avisos únicos após uma escrita

notice-accepted = Aceite registrado: { $subject }.
notice-decided = Decisão registrada: { $subject }.
notice-revoked = Revogação registrada: { $subject }.
notice-signed_go = GO assinado. A decisão abaixo mostra a que ele se aplica.
notice-recorded_no_go = NO-GO registrado com o seu motivo.
notice-target_saved = Destino salvo: { $subject }. Ele só é lido quando uma execução se conecta.
notice-run_started = Execução iniciada: { $subject }. A página acompanha a execução até o fim.
