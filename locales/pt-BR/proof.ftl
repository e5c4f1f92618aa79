## O caminho de provas para a revisão

proof-open = Seguir o caminho de provas: cada bloqueio, seus itens, as evidências e os eventos de auditoria
proof-title = { $tenant } · Caminho de provas
proof-intro = Cada degrau que ainda falta superar, com os itens que o impedem. Cada item leva às suas evidências e aos eventos de auditoria que o citam.
proof-rung-no-items = Nada a aceitar aqui: este degrau depende dos degraus acima ou da assinatura.
proof-section = Seção
proof-kind = Tipo de verificação
proof-depends-on = Depende de
proof-depended-on-by = Necessário para
proof-nothing = Nada.
proof-history = Aceites e revogações
proof-no-history = Ninguém aceitou este item ainda.
proof-accepted = Aceito por { $owner }, { $date }
proof-revoked = Revogado por { $owner }, { $date }
proof-events = Eventos de auditoria
proof-no-events = Nenhum evento de auditoria cita este item ainda.
proof-event-action = Ação
proof-event-time = Horário
proof-event-hash = Hash
proof-event-prev = anterior: { $hash }
kind-owner_check = Verificação do responsável
kind-decision = Decisão
kind-probe = Teste executado pelo console
kind-derived = Derivado de outras verificações
proof-event-first = primeiro evento da cadeia
proof-by-section = Cada seção, sua contagem e seus itens
