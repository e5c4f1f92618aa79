## A caixa de entrada: o que aguarda a pessoa conectada e o que mudou desde a última visita

inbox-nav = Caixa de entrada
inbox-badge-label = { $count ->
    [0] nada aguarda você
    [one] { $count } item aguarda você
   *[other] { $count } itens aguardam você
}
inbox-title = Sua caixa de entrada em { $tenant }
inbox-intro = O que você pode fazer agora para aproximar a produção e o que outras pessoas mudaram enquanto você estava fora.
inbox-waiting-heading = Aguardando você
inbox-waiting-none = Nada aguarda você no momento. Quando uma verificação ou decisão pela qual você responde puder ser feita, ela aparecerá aqui.
inbox-waiting-reader = Seu papel consulta o console e não muda nada, então nada vai aguardar você aqui. O que mudou aparece abaixo.
inbox-task-accept = Aceitar
inbox-task-decide = Decidir
inbox-task-run_rehearsal = Executar o ensaio
inbox-task-sign = Assinar
inbox-signoff-subject = GO ou NO-GO da produção
inbox-signoff-detail = { $given } de { $required } assinaturas dadas
inbox-act = Ir até lá
inbox-since-heading = Desde a sua última visita
inbox-since-visit = Sua última visita começou quando você entrou em { $date }. Estas são as mudanças registradas desde então, da mais recente para a mais antiga. Abrir esta página não registra nada.
inbox-since-none = Nada mudou desde então.
inbox-since-first = Esta é a sua primeira visita: não há um acesso anterior para comparar. A partir da próxima visita, o que mudar nesse meio-tempo aparecerá aqui.
inbox-since-audit = Tudo o que foi registrado até agora está na trilha de auditoria
inbox-since-rest = { $count ->
    [one] Só a mudança mais recente aparece: veja as anteriores na trilha de auditoria
   *[other] Só as { $count } mudanças mais recentes aparecem: veja as anteriores na trilha de auditoria
}
inbox-change-who = Quem
inbox-change-nobody = Ninguém conectado
