## One-time notices after a write

notice-accepted = Aceptado: { $subject }.
notice-decided = Decisión registrada: { $subject }.
notice-revoked = Revocado: { $subject }.
notice-signed_go = GO firmado. La decisión que sigue muestra para qué estado vale.
notice-recorded_no_go = NO-GO registrado con su motivo.
notice-target_saved = Destino guardado: { $subject }. Solo se lee cuando una ejecución se conecta.
notice-run_started = Iniciado: { $subject }. La página sigue la ejecución hasta que termine.
