## A prosa do console: cada frase dos indicadores-chave, do copiloto e da seção de decisão
## tem uma redação para cada estado possível, escolhida a partir da avaliação
## (src/readiness/narrative.rs). Os ids são prose-<posição>-<código>; cada número é uma variável,
## nunca escrito aqui.

## Indicadores-chave

prose-kpi-contract-demo = O formato da API se mantém estável para o futuro adaptador de banco de dados, { $target }.
prose-kpi-contract-go = O GO da produção está assinado: o formato da API passa sem alterações para { $target }.
prose-kpi-actors-mapped = { $count ->
    [0] { $count } usuários de demonstração correspondem a futuras claims RBAC.
    [one] { $count } usuário de demonstração corresponde a uma futura claim RBAC.
   *[other] { $count } usuários de demonstração correspondem a futuras claims RBAC.
}
prose-kpi-actors-rehearsed = { $count ->
    [0] { $count } usuários de demonstração têm claims RBAC ensaiadas no dry-run em { $target }.
    [one] A claim RBAC de { $count } usuário de demonstração foi ensaiada no dry-run em { $target }.
   *[other] As claims RBAC dos { $count } usuários de demonstração foram ensaiadas no dry-run em { $target }.
}
prose-kpi-actors-go = { $count ->
    [0] { $count } usuários têm claims RBAC confirmadas para a produção, e o GO está assinado.
    [one] A claim RBAC de { $count } usuário está confirmada para a produção, e o GO está assinado.
   *[other] As claims RBAC dos { $count } usuários estão confirmadas para a produção, e o GO está assinado.
}
prose-kpi-providers-open = { $ready } de { $total } provedores simulados e locais { $ready ->
    [0] indicam
    [one] indica
   *[other] indicam
} um destino de produção; os demais ainda não têm nenhum.
prose-kpi-providers-complete = Todos os { $total } provedores simulados e locais indicam o seu destino de produção.
prose-kpi-preflight-open = { $ready } de { $total } verificações de migração do snapshot { $ready ->
    [0] estão prontas
    [one] está pronta
   *[other] estão prontas
} antes da virada real de DB/auth.
prose-kpi-preflight-complete = Todas as { $total } verificações de migração do snapshot estão prontas para a virada real de DB/auth.
prose-kpi-cutover-open = { $ready } de { $total } ensaios conduzidos pelos responsáveis { $ready ->
    [0] foram aceitos
    [one] foi aceito
   *[other] foram aceitos
} em relação às tarefas de infraestrutura.
prose-kpi-cutover-complete = Todos os { $total } ensaios conduzidos pelos responsáveis foram aceitos em relação às tarefas de infraestrutura.
prose-kpi-connection-open = { $ready } de { $total } verificações do endpoint mascarado { $ready ->
    [0] foram aprovadas
    [one] foi aprovada
   *[other] foram aprovadas
} para { $target }.
prose-kpi-connection-complete = Todas as { $total } verificações do endpoint mascarado foram aprovadas para { $target }.

## Copiloto

prose-gates-open = Pontos de controle de integração prontos para { $target }: { $ready }/{ $total }.
prose-gates-complete = Todos os { $total } pontos de controle de integração estão prontos para { $target }.
prose-percent-basis = { $ready } de { $total } itens do checklist { $ready ->
    [0] estão prontos
    [one] está pronto
   *[other] estão prontos
} (percentual arredondado para baixo); os { $gates } pontos de controle não entram de novo na conta.
prose-card-providers-open = { $ready } de { $total } contratos de provedor, do local à produção, { $ready ->
    [0] têm
    [one] tem
   *[other] têm
} um destino de produção.
prose-card-providers-complete = Todos os { $total } contratos de provedor, do local à produção, estão visíveis, cada um com o seu destino de produção.
prose-card-session-demo = { $contract } roda com { $auth } no contrato da demonstração local.
prose-card-session-go = { $contract } ainda roda com { $auth } na demonstração local; o GO da produção está assinado para { $target }.
prose-card-preflight-unfrozen = Pré-verificação em { $ready }/{ $total }; nenhum snapshot do cenário foi congelado ainda.
prose-card-preflight-open = Pré-verificação em { $ready }/{ $total }, com checksum do snapshot { $checksum }.
prose-card-preflight-complete = Pré-verificação concluída, { $ready }/{ $total }, com checksum do snapshot { $checksum }.
prose-card-runbook-gated = Runbook em { $ready }/{ $total }, com a decisão { $decision }.
prose-card-runbook-pending = Runbook em { $ready }/{ $total }; as suas próprias verificações em aberto o mantêm em { $decision }.
prose-card-runbook-ready = Runbook concluído, { $ready }/{ $total }, com a decisão { $decision }.
prose-card-release-gated = Release em { $ready }/{ $total }, com a decisão { $decision }.
prose-card-release-pending = Release em { $ready }/{ $total }; os seus próprios pontos de controle em aberto a mantêm em { $decision }.
prose-card-release-ready = Release concluída, { $ready }/{ $total }, com a decisão { $decision }.
prose-card-rollback-gated = Rollback em { $ready }/{ $total }, com a decisão { $decision }.
prose-card-rollback-pending = Rollback em { $ready }/{ $total }; as suas próprias verificações em aberto o mantêm em { $decision }.
prose-card-rollback-ready = Rollback concluído, { $ready }/{ $total }, com a decisão { $decision }.

## Decisão de prontidão para produção: a decisão de infraestrutura pendente

prose-prompt-undecided = { $target } está selecionado para ensaio, mas { $decision } mantém bloqueada a virada real de DB/auth, e { $ready } de { $total } decisões de provedor e de infraestrutura { $ready ->
    [0] foram registradas
    [one] foi registrada
   *[other] foram registradas
}.
prose-prompt-decided = Todas as { $total } decisões de provedor e de infraestrutura estão registradas para { $target }; { $decision } ainda mantém bloqueada a virada real de DB/auth enquanto faltarem as suas evidências.
prose-prompt-signoff = Todas as { $total } decisões de provedor e de infraestrutura estão registradas e todos os pontos de controle estão verdes: a direção-geral pode assinar o GO da produção para { $target }.
prose-prompt-signoff-again = O GO anterior para { $target } foi retirado; todos os pontos de controle voltaram a ficar verdes e todas as { $total } decisões de provedor e de infraestrutura estão registradas: a direção-geral pode assinar o GO novamente.
prose-prompt-go = O GO da produção está assinado para { $target }, com todas as { $total } decisões de provedor e de infraestrutura registradas.
prose-prompt-withdrawn = O GO da produção assinado para { $target } não vale mais: { $decision } volta a bloquear a virada real de DB/auth, com { $ready } de { $total } decisões de provedor e de infraestrutura registradas.

## O que é necessário agora

prose-needed-heading-provider = Decisão necessária
prose-needed-heading-decisions = Decisões necessárias
prose-needed-heading-evidence = Evidências necessárias
prose-needed-heading-signoff = Assinatura necessária
prose-needed-heading-signoff-again = Nova assinatura necessária
prose-needed-heading-nothing = Nada pendente
prose-needed-title-provider = Escolher o provedor real de DB/auth antes de ligar a produção
prose-needed-title-decisions = Registrar as decisões de provedor e de infraestrutura que faltam: { $ready } de { $total } registradas
prose-needed-title-evidence = Todas as { $total } decisões estão registradas; { $decision } aguarda evidências
prose-needed-title-signoff = Assinar o GO da produção ou registrar NO-GO com um motivo
prose-needed-title-signoff-again = Assinar novamente o GO da produção ou registrar NO-GO com um motivo
prose-needed-title-nothing = O GO da produção está assinado
prose-needed-detail-open = Os pontos de controle da release mostram { $release_ready }/{ $release_total }; a virada de dados mostra { $cutover_ready }/{ $cutover_total }. Mantenha as evidências da demonstração abertas, mas não declare prontidão para produção.
prose-needed-detail-complete = Os pontos de controle da release mostram { $release_ready }/{ $release_total } e a virada de dados, { $cutover_ready }/{ $cutover_total }; a prontidão para produção ainda aguarda { $decision }.
prose-needed-detail-signoff = Os pontos de controle da release mostram { $release_ready }/{ $release_total } e a virada de dados, { $cutover_ready }/{ $cutover_total }; a prontidão para produção poderá ser declarada assim que a direção-geral assinar o GO da produção.
prose-needed-detail-go = Os pontos de controle da release mostram { $release_ready }/{ $release_total } e a virada de dados, { $cutover_ready }/{ $cutover_total }, e o GO da produção está assinado: a prontidão para produção pode ser declarada.

## O destino do adaptador selecionado, o responsável por auth/RBAC, a decisão GO/NO-GO

prose-target-unselected = Nenhum destino do adaptador foi selecionado ainda: a direção-geral seleciona um no quadro de decisões do adaptador.
prose-target-unproven = A conexão mostra { $connection_ready }/{ $connection_total } e o dry-run, { $dry_run_ready }/{ $dry_run_total }: o destino ainda não está comprovado para a reprodução local, e o tráfego real de produção continua desativado.
prose-target-replayed = A conexão ({ $connection_ready }/{ $connection_total }) e o dry-run ({ $dry_run_ready }/{ $dry_run_total }) comprovam a reprodução local; o tráfego real de produção continua desativado até que a direção-geral assine o GO da produção.
prose-target-live = A conexão ({ $connection_ready }/{ $connection_total }) e o dry-run ({ $dry_run_ready }/{ $dry_run_total }) foram aprovados e o GO da produção está assinado: o destino pode receber tráfego real de produção.
prose-auth-unconfirmed = OIDC, papéis e tratamento de segredos precisam da confirmação dos responsáveis antes da ligação no código: { $ready } de { $total } confirmações { $ready ->
    [0] foram registradas
    [one] foi registrada
   *[other] foram registradas
}.
prose-auth-confirmed = Todas as { $total } confirmações dos responsáveis sobre OIDC, papéis e tratamento de segredos estão registradas; as claims aguardam o ensaio das claims RBAC no dry-run antes da ligação no código.
prose-auth-wired = Todas as { $total } confirmações dos responsáveis sobre OIDC, papéis e tratamento de segredos estão registradas, e as claims RBAC estão prontas para a ligação no código.
prose-decision-blocked-pending-dry-run = A conexão mostra { $connection_ready }/{ $connection_total } e o dry-run, { $dry_run_ready }/{ $dry_run_total }: a demonstração local pode prosseguir enquanto a produção continua bloqueada.
prose-decision-blocked-pending-preflight = A pré-verificação da migração mostra { $preflight_ready }/{ $preflight_total }: a demonstração local pode prosseguir enquanto a produção continua bloqueada.
prose-decision-blocked-pending-data-cutover = A virada de dados mostra { $cutover_ready }/{ $cutover_total }: a demonstração local pode prosseguir enquanto a produção continua bloqueada.
prose-decision-blocked-pending-infrastructure-or-credentials = As decisões de infraestrutura mostram { $infrastructure_ready }/{ $infrastructure_total }, a ligação protegida, { $wiring_ready }/{ $wiring_total } e os pontos de controle, { $gates_ready }/{ $gates_total }: a demonstração local pode prosseguir enquanto a produção continua bloqueada.
prose-decision-blocked-pending-signoff = Todos os pontos de controle estão verdes, { $gates_ready }/{ $gates_total }: a produção aguarda a assinatura da direção-geral.
prose-decision-go = Todos os pontos de controle estão verdes, { $gates_ready }/{ $gates_total }, e a direção-geral assinou: a produção pode seguir em frente.
