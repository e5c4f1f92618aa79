## Moldura

brand = Console de prontidão
meta-description = O console de prontidão: se a passagem da configuração de demonstração para a infraestrutura de produção é GO ou NO-GO, por quê, o que fazer em seguida e as evidências por trás de cada número.
skip-to-content = Pular para o conteúdo
language-switcher = Idioma
language-name = Português (Brasil)
footer-computed = Todos os números desta página são calculados a partir do estado do tenant no PostgreSQL no momento em que a página é solicitada.
toc-label = Nesta página
back-to-console = Voltar ao console de { $tenant }
refresh = Atualizar
refresh-label = Atualizar: { $section }

## Página do console

console-page-title = { $tenant } · Console de integrações
console-eyebrow = Integrações → Configuração do adaptador de produção
console-title = Console de integrações de { $tenant }
console-lede = A decisão GO/NO-GO para passar da demonstração local para { $target } e, depois, para a produção.

section-kpis = Indicadores-chave
section-copilot = Copiloto de prontidão da integração
section-checklist = Checklist de bloqueios da integração
section-decision = Decisão de prontidão para produção

## Indicadores-chave

kpi-contract-label = Contrato do cenário
kpi-actors-label = Atores por papel
kpi-providers-label = Modos dos provedores
kpi-preflight-label = Pré-verificação
kpi-cutover-label = Etapas da virada
kpi-connection-label = Conexão

## Copiloto

copilot-percent = { $percent }% dos itens do checklist estão prontos
copilot-action-heading = Próxima ação recomendada
action-step = Próximo passo: { $item }
action-owner = Responsável: { $owner }
action-who-probe = Executado pelo console; iniciado pela equipe de despacho ou pela direção-geral.
action-none = Nada mais a fazer: o GO da produção está assinado.
action-title-signoff = Assinar o GO da produção
action-detail-signoff = Todos os pontos de controle estão verdes para { $target }, { $ready }/{ $total }: a direção-geral assina o GO ou registra NO-GO com um motivo.

copilot-card-providers-title = Contratos de provedor
copilot-card-session-title = Adaptador de sessão
copilot-card-preflight-title = Pré-verificação da migração
copilot-card-runbook-title = Runbook da migração
copilot-card-release-title = Entrega da release
copilot-card-rollback-title = Simulado de rollback

## Ações recomendadas, por seção

action-title-gates = Liberar os pontos de controle de integração
action-detail-gates = O checklist dos pontos de controle mostra { $ready }/{ $total }.
action-title-section = Concluir “{ $section }”
action-detail-section = { $section } mostra { $ready }/{ $total }; cada uma de suas verificações precisa de sua evidência.
action-title-provider_acceptance = Aceitar as escolhas de provedores reais
action-detail-provider_acceptance = A seleção de provedores mostra { $ready }/{ $total }; a direção-geral aceita o provedor real, o responsável pela autenticação e o limite do tenant.
action-title-infrastructure = Registrar as decisões de infraestrutura
action-detail-infrastructure = As decisões de infraestrutura mostram { $ready }/{ $total }; hospedagem, região na UE, responsável pelo runtime e segredos/backup precisam ser escolhidos antes da ligação real.
action-title-wiring = Concluir as verificações da ligação protegida
action-detail-wiring = A ligação protegida mostra { $ready }/{ $total }; o tráfego de produção continua desativado até que as credenciais reais sejam revisadas.
action-title-passage = Aceitar os ensaios conduzidos pelos responsáveis
action-detail-passage = O checklist da passagem mostra { $ready }/{ $total }; cada responsável aceita o seu ensaio com evidências.
action-title-decision_board = Fechar o quadro de decisões do adaptador
action-detail-decision_board = O quadro de decisões mostra { $ready }/{ $total }; cada decisão precisa das verificações aceitas pelos seus responsáveis.
action-title-runbook = Concluir o runbook da migração
action-detail-runbook = O runbook mostra { $ready }/{ $total }; os objetos de esquema e de RLS precisam existir no destino.
action-title-cutover = Concluir as verificações da virada de dados
action-detail-cutover = A virada de dados mostra { $ready }/{ $total }; cada grupo de lotes precisa de linhas e de evidências da pré-verificação.
action-title-connection = Registrar as evidências de conexão do adaptador
action-detail-connection = As verificações de conexão mostram { $ready }/{ $total }; registre o pacote do endpoint mascarado antes do dry-run.
action-title-dry_run = Executar o dry-run do adaptador
action-detail-dry_run = O dry-run mostra { $ready }/{ $total }; reproduza o snapshot congelado no destino e faça o rollback.
action-title-preflight = Concluir a pré-verificação da migração
action-detail-preflight = A pré-verificação mostra { $ready }/{ $total }; as evidências de snapshot, mapa do esquema, dry-run e rollback precisam estar todas disponíveis.
action-title-release = Concluir a entrega da release
action-detail-release = A entrega da release mostra { $ready }/{ $total }; o registro do dry-run e as evidências dos responsáveis a concluem.
action-title-rollback = Realizar o simulado de rollback
action-detail-rollback = O simulado de rollback mostra { $ready }/{ $total }; a direção-geral confirma o fallback e o pacote de auditoria.

action-title-fact-providers_mapped = Mapear cada provedor para um destino de produção
action-detail-fact-providers_mapped = Um provedor sem modo de destino mantém em revisão o ponto de controle dos contratos de provedor.
action-title-fact-session_adapter_present = Declarar o adaptador de sessão e o modo de autenticação
action-detail-fact-session_adapter_present = O ponto de controle do adaptador de sessão precisa do contrato do cenário e do modo de autenticação atual.
action-title-fact-actors_claimed = Dar a cada ator as suas permissões
action-detail-fact-actors_claimed = Cada ator do cenário precisa de pelo menos uma permissão para virar uma claim de autenticação.
action-title-fact-snapshot_frozen = Congelar o snapshot do cenário
action-detail-fact-snapshot_frozen = O dry-run reproduz um BFGScenarioSnapshot.v1 congelado: importe o payload do cenário e congele-o.
action-title-fact-batch_groups_populated = Preencher todos os grupos de lotes
action-detail-fact-batch_groups_populated = Os lotes de operações, financeiro e auditoria precisam de linhas no snapshot congelado.
action-title-fact-release_env_complete = Completar o ambiente da release
action-detail-fact-release_env_complete = As nove variáveis da release precisam de um valor, e a direção-geral precisa assumir a responsabilidade pelo rollback.
action-title-fact-rollback_fallback_available = Nomear o adaptador de armazenamento do rollback
action-detail-fact-rollback_fallback_available = O adaptador de armazenamento atual é o caminho de rollback; ele precisa ser nomeado.
action-title-fact-overall_go = Assinar o GO da produção
action-detail-fact-overall_go = A ligação real é liberada quando o GO da produção estiver assinado.

## Checklist de bloqueios

checklist-intro = { $total ->
    [0] { $total } pontos de controle separam a demonstração local da produção.
    [one] { $total } ponto de controle separa a demonstração local da produção; ele está pronto ou em revisão.
   *[other] { $total } pontos de controle separam a demonstração local da produção; cada um está pronto ou em revisão.
}
gate-status-ready = Pronto
gate-status-review = Em revisão
status-misconfigured = Configuração inválida
gate-waiting-on = Aguardando: { $sections }

## Decisão de prontidão para produção

decision-prompt-heading = Decisão de infraestrutura pendente
decision-target-heading = Destino do adaptador selecionado
decision-target-none = Nenhum destino selecionado ainda
decision-auth-heading = Responsável por auth/RBAC
decision-auth-none = Nenhum destino de autenticação escolhido ainda
decision-go-heading = Decisão GO/NO-GO
decision-verdict-go = Produção: GO
decision-verdict-nogo = Produção: NO-GO
ladder-heading = Escada da decisão
ladder-blocked-pending-dry-run = Conexão e dry-run concluídos
ladder-blocked-pending-preflight = Pré-verificação da migração concluída
ladder-blocked-pending-data-cutover = Verificações da virada de dados concluídas
ladder-blocked-pending-infrastructure-or-credentials = Decisões de infraestrutura, ligação protegida e todos os { $gates } pontos de controle verdes
ladder-blocked-pending-signoff = Assinado pela direção-geral
ladder-go = Produção: GO
ladder-state-passed = Superado
ladder-state-current = Bloqueando
ladder-state-ahead = A seguir
ladder-state-reached = Alcançado

## Seções do programa

section-name-gates = Checklist de bloqueios da integração
section-name-provider_acceptance = Aceite da seleção de provedores
section-name-infrastructure = Decisão sobre a infraestrutura
section-name-wiring = Ligação protegida de DB/auth
section-name-passage = Passagem para a produção
section-name-decision_board = Quadro de decisões do adaptador
section-name-runbook = Runbook da migração
section-name-cutover = Virada de dados
section-name-connection = Assistente de conexão do adaptador
section-name-dry_run = Dry-run do adaptador
section-name-preflight = Pré-verificação da migração
section-name-release = Entrega da release
section-name-rollback = Simulado de rollback

## Itens

item-gates-provider_contracts = Contratos de provedor mapeados
item-gates-session_adapter = Adaptador de sessão e contrato de autenticação presentes
item-gates-preflight = Pré-verificação da migração pronta
item-gates-runbook = Runbook da migração copiável
item-gates-connection = Pacote de conexão do adaptador registrado
item-gates-dry_run = Registro do dry-run do adaptador completo
item-gates-release = Entrega do ambiente da release { $environment } com GO
item-gates-infrastructure = Decisões dos responsáveis pela infraestrutura aceitas
item-gates-rollback = Pacote do simulado de rollback pronto para o responsável
item-provider_acceptance-live_provider = Provedor real de DB/auth
item-provider_acceptance-auth_rbac_owner = Responsável por auth/RBAC
item-provider_acceptance-tenant_secrets_boundary = Limite do tenant e dos segredos
item-provider_acceptance-live_wiring = GO/NO-GO da ligação real
item-infrastructure-hosting = Provedor e conta de hospedagem
item-infrastructure-region = Região e residência de dados
item-infrastructure-runtime_owner = Responsável pela operação do runtime
item-infrastructure-secrets_backup = Limite de segredos e backup
item-wiring-infrastructure_acceptance = Aceite da infraestrutura
item-wiring-endpoint_contract = Contrato do endpoint
item-wiring-tenant_context = Contexto do tenant
item-wiring-oidc_rbac_claims = Claims OIDC/RBAC
item-wiring-rls_policy_draft = Rascunho da política de RLS
item-wiring-secrets_backup_boundary = Limite de segredos e backup
item-wiring-live_credentials = Credenciais reais
item-passage-contracts_frozen = Contratos congelados
item-passage-role_headers = Cabeçalhos de papel mapeados
item-passage-scenario_store_rehearsal = Ensaio do Scenario Store
item-passage-db_schema = Esquema do banco de dados
item-passage-secrets_auth = Segredos e autenticação
item-passage-migration_rollback = Migração e rollback
item-decision_board-adapter_selection = Seleção do adaptador
item-decision_board-environment_readiness = Prontidão do ambiente
item-decision_board-secrets_rbac_owner = Responsável por segredos e RBAC
item-decision_board-schema_rls = Esquema e RLS
item-decision_board-migration_dry_run = Dry-run da migração
item-decision_board-rollback_window = Janela de rollback
item-decision_board-release_approvals = Aprovações dos responsáveis pela release
item-runbook-freeze_snapshot = Congelamento do snapshot
item-runbook-schema_rls = Esquema e RLS
item-runbook-actor_claims = Claims dos atores
item-runbook-adapter_replay = Reprodução no adaptador
item-runbook-checksum_verification = Verificação do checksum
item-runbook-rollback_seal = Selo de rollback
item-cutover-freeze_snapshot = Congelamento do snapshot
item-cutover-seed_tenant_rls = Seed do tenant e RLS
item-cutover-batch_replay = Reprodução dos lotes
item-cutover-audit_parity = Paridade da auditoria
item-cutover-rollback_seal = Selo de rollback
item-connection-endpoint_reachability = Acessibilidade do endpoint
item-connection-tls_fingerprint = Impressão digital TLS
item-connection-rbac_session = Sessão RBAC
item-connection-write_probe = Teste de escrita
item-dry_run-export_snapshot = Exportação do snapshot
item-dry_run-schema_map = Validação do mapa do esquema
item-dry_run-rbac_claims = Ensaio das claims RBAC
item-dry_run-replay_transcript = Registro da reprodução no adaptador
item-dry_run-rollback_checkpoint = Checkpoint de rollback
item-preflight-payload_snapshot = Snapshot do payload
item-preflight-schema_map = Mapa do esquema
item-preflight-rbac_claims = Claims RBAC
item-preflight-adapter_replay = Reprodução no adaptador
item-preflight-rollback_evidence = Evidências de rollback
item-release-env_vars = Variáveis de ambiente
item-release-adapter_target = Destino do adaptador
item-release-dry_run_transcript = Registro do dry-run
item-release-rollback_fallback = Fallback do rollback
item-release-owner_evidence = Evidências dos responsáveis
item-rollback-freeze_window = Janela de congelamento
item-rollback-owner_ack = Confirmação do responsável
item-rollback-storage_fallback = Fallback do armazenamento
item-rollback-audit_packet = Pacote de auditoria

## Unidades organizacionais do tenant de demonstração

unit-direction = Diretoria
unit-dispatch = Central de despacho
unit-finance = Financeiro · Contabilidade
unit-driver = BFG Driver
unit-client_portal = Portal do Cliente
unit-audit = Auditoria

## Datas

datetime = { $day } de { $month } de { $year }, { $time } UTC
month-1 = jan.
month-2 = fev.
month-3 = mar.
month-4 = abr.
month-5 = mai.
month-6 = jun.
month-7 = jul.
month-8 = ago.
month-9 = set.
month-10 = out.
month-11 = nov.
month-12 = dez.

## Erros

error-title-not-found = Página não encontrada
error-body-not-found = Não há console neste endereço. Confira o link ou volte ao console do tenant de demonstração.
error-title-unavailable = O console está temporariamente indisponível
error-body-unavailable = Não é possível acessar o banco de dados no momento. Nada foi perdido; tente novamente em instantes.
error-title-internal = Algo deu errado
error-body-internal = Não foi possível gerar a página. O erro foi registrado; informe a referência abaixo ao seu administrador.
error-request-id = Referência: { $id }
error-back = Voltar ao console

## Resumo para impressão

print-title = { $tenant } · Resumo GO/NO-GO
print-generated = Gerado em { $date }
print-audit-head = topo da cadeia de auditoria: nº { $seq } { $hash }
print-audit-empty = a cadeia de auditoria ainda não tem eventos
print-hint = Use o comando de impressão do navegador: este resumo cabe em uma página A4.
print-signoff = Aprovação final:
print-not-signed = não assinado
print-blockers = Bloqueios e seus responsáveis
print-item = Item
print-section = Seção
print-who = Responsável
print-status = Situação
print-derived = Decorre de outras verificações
print-more = { $count ->
    [one] e mais { $count } item
   *[other] e mais { $count } itens
}
print-link = Resumo GO/NO-GO para impressão
