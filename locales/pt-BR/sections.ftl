## Seções após a decisão: títulos e introduções

section-proof_path = Caminho de provas para a revisão
section-providers = Contratos de provedor
section-session = Sessão atual
section-rbac = Mapa RBAC
section-environments = Ambientes
section-count = { $ready }/{ $total } prontos
section-misconfigured = Parte do catálogo desta seção não pôde ser lida; por isso, os números estão incompletos. O problema foi registrado para o administrador.

intro-provider_acceptance = A direção-geral aceita { $target } antes da ligação real de DB/auth; até lá, a única decisão de produção possível é uma decisão bloqueada.
intro-infrastructure = A direção-geral escolhe a hospedagem, a região, a responsabilidade pelo runtime e o limite de segredos e backup para { $target }.
intro-proof_path = De cada bloqueio em aberto até a seção que guarda as suas evidências, sem fingir que a infraestrutura real já existe.
intro-wiring = A ligação local dos contratos para { $target } pode começar após o aceite da infraestrutura; o tráfego de produção continua desativado até que existam credenciais reais.
intro-providers = Cada dependência externa tem um modo de demonstração local e um substituto de produção definido.
intro-session = Como o tenant está rodando neste momento.
intro-rbac = Os mesmos ids de atores e as mesmas permissões trafegam hoje nos cabeçalhos da API de cenário e se tornarão claims de autenticação mais tarde.
intro-passage = Cada responsável aceita o seu ensaio da virada com evidências, transformando o checklist de DB/auth em evidências de auditoria.
intro-decision_board = As decisões sobre o adaptador de DB/auth, ambiente, segredos, esquema, migração, rollback e aprovação antes da virada para produção; as evidências de cada decisão são as verificações dos responsáveis que a sustentam.
intro-runbook = Um roteiro portátil de SQL e RLS e um checklist do operador para reproduzir o snapshot atual em { $target } sem segredos reais.
intro-cutover = O runbook da migração como evidências por lote para tenant, operações, financeiro e auditoria antes de conectar o DB/auth real.
intro-connection = Registra o endpoint mascarado, as evidências de TLS e RBAC e um teste de escrita, sem armazenar nenhum segredo.
intro-dry_run = Reproduz o cenário congelado no contrato de { $target } e faz o rollback, deixando um registro como evidência.
intro-preflight = Um relatório de ensaio de DB/auth, seguro para revisores, a partir do payload BFGScenarioSnapshot.v1 atual, do destino do adaptador e das evidências de rollback.
intro-release = O ambiente pronto para revisão: o modo do adaptador local, o destino, o responsável pelo rollback e a decisão GO/NO-GO.
intro-rollback = A equipe de operações ensaia o responsável pelo fallback, o adaptador de armazenamento e o pacote de auditoria antes da virada real.
intro-environments = Onde cada adaptador roda, da demonstração local à produção.

## Itens: situação, responsável, dependências

status-ready = Pronto
status-open = Em aberto
status-waiting = Aguardando
item-owner = Responsável: { $owner }
item-run-by-console = Executado pelo console
item-depends-on = Depende de: { $items }
item-proposed = Proposto: { $value }
item-accepted-by = Aceito por { $owner }, { $date }
fact-snapshot = { $rows ->
    [0] { $rows } linhas
    [one] { $rows } linha
   *[other] { $rows } linhas
} · { $checksum }
fact-snapshot-none = Ainda não congelado

item-provider_acceptance-live_provider-detail = A direção-geral escolhe o contrato real de provedor para { $target }.
item-provider_acceptance-auth_rbac_owner-detail = A direção-geral confirma os papéis, as claims e o tratamento de segredos antes de haver usuários reais.
item-provider_acceptance-tenant_secrets_boundary-detail = { $target } continua bloqueado até que o isolamento do tenant e os segredos gerenciados sejam aceitos.
item-provider_acceptance-live_wiring-detail = Continua travado até que os responsáveis pelo provedor, pela autenticação e pelo rollback tenham aprovado e a produção esteja com GO.
item-infrastructure-hosting-detail = A conta e o provedor reais de hospedagem precisam ser escolhidos antes que { $target } receba tráfego de produção.
item-infrastructure-region-detail = A região na UE, a residência dos dados e a localização dos backups precisam ser confirmadas antes da ligação real de DB/auth.
item-infrastructure-runtime_owner-detail = Os responsáveis por plantão, deploy, monitoramento e incidentes precisam ser nomeados para { $target }.
item-infrastructure-secrets_backup-detail = Segredos gerenciados, backup e RPO, e o responsável pela restauração precisam ser aceitos.
item-wiring-infrastructure_acceptance-detail = Exige hospedagem, região na UE, responsável pelo runtime e responsabilidade por segredos e backup aceitos para { $target }.
item-wiring-endpoint_contract-detail = Usa o contrato do endpoint mascarado do adaptador, sem conexão externa real.
item-wiring-tenant_context-detail = Mapeia as claims de organização e de tenant antes de qualquer escrita real no banco de dados.
item-wiring-oidc_rbac_claims-detail = Prepara as claims de papel para os escopos de direção-geral, despacho, contabilidade, motorista e cliente.
item-wiring-rls_policy_draft-detail = Confirma que o plano de políticas de RLS por tenant está pronto para a revisão da migração.
item-wiring-secrets_backup_boundary-detail = Mantém segredos, backup e RPO, e a responsabilidade pela restauração vinculados à decisão de infraestrutura aceita.
item-wiring-live_credentials-detail = Bloqueado até que uma pessoa forneça credenciais de provedor revisadas, fora do espaço de trabalho da demonstração local.
item-passage-contracts_frozen-detail = O envelope do cenário, os cabeçalhos de ator e os campos de metadados são cobertos por smoke tests.
item-passage-role_headers-detail = Direção-geral, despacho, contabilidade, motorista e cliente estão visíveis.
item-passage-scenario_store_rehearsal-detail = Confirmar o payload local em arquivo para a reprodução no banco de dados.
item-passage-db_schema-detail = Criar as tabelas de tenant, usuário, permissão e estado do cenário para o adaptador de produção.
item-passage-secrets_auth-detail = Conectar o provedor OIDC/RBAC escolhido sem exigir chaves pagas na demonstração.
item-passage-migration_rollback-detail = Levar o estado da demonstração local para o adaptador de banco de dados e manter um caminho de rollback para as demonstrações.
item-decision_board-adapter_selection-detail = O destino de staging é selecionado explicitamente, enquanto a demonstração local mantém o adaptador de arquivo.
item-decision_board-environment_readiness-detail = Os contratos e um payload do Scenario Store reproduzível precisam ser aceitos antes que o ambiente de DB/auth seja aberto.
item-decision_board-secrets_rbac_owner-detail = Os cabeçalhos de papel e o tratamento de segredos precisam ser aceitos antes da ligação da autenticação de usuários reais.
item-decision_board-schema_rls-detail = As tabelas de tenant, usuário, permissão e estado do cenário precisam do aceite dos responsáveis antes da migração do adaptador.
item-decision_board-migration_dry_run-detail = O estado da demonstração local precisa de um caminho de dry-run para o adaptador de banco de dados antes da virada destinada à revisão.
item-decision_board-rollback_window-detail = Manter o adaptador local em arquivo pronto até que as evidências da migração e da reprodução sejam aceitas em conjunto.
item-decision_board-release_approvals-detail = Todos os ensaios da virada conduzidos pelos responsáveis precisam ser aceitos antes da aprovação final da release de produção.
item-runbook-freeze_snapshot-detail = Levar as linhas e o checksum do BFGScenarioSnapshot.v1 para o pacote da migração.
item-runbook-schema_rls-detail = As tabelas de tenant, usuário, snapshot e auditoria e a sua RLS, encontradas no destino.
item-runbook-actor_claims-detail = Os atores e as permissões da demonstração se tornam futuras claims de DB/auth.
item-runbook-adapter_replay-detail = As evidências de conexão e de dry-run comprovam que o destino consegue reproduzir o payload.
item-runbook-checksum_verification-detail = A prontidão da pré-verificação e o checksum fecham o ciclo de verificação da migração.
item-runbook-rollback_seal-detail = As decisões de release e de rollback continuam vinculadas ao adaptador local de fallback.
item-cutover-freeze_snapshot-detail = As linhas e o checksum do BFGScenarioSnapshot.v1 estão travados.
item-cutover-seed_tenant_rls-detail = As tabelas e a RLS do runbook estão prontas no destino.
item-cutover-batch_replay-detail = A conexão e o dry-run comprovam uma reprodução segura.
item-cutover-audit_parity-detail = Todos os grupos de lotes contêm dados, e as evidências da pré-verificação estão completas.
item-cutover-rollback_seal-detail = A release e o rollback mantêm visível o fallback local em arquivo.
item-connection-endpoint_reachability-detail = O endpoint selecionado está identificado e acessível.
item-connection-tls_fingerprint-detail = Uma impressão digital do certificado, segura para revisores, foi capturada.
item-connection-rbac_session-detail = As claims da demonstração mapeiam o limite de tenant e de usuário.
item-connection-write_probe-detail = Um teste de escrita sem segredos, revertido, antes da virada.
item-dry_run-export_snapshot-detail = Congela pedidos, eventos de motoristas, eventos financeiros e evidências dos revisores.
item-dry_run-schema_map-detail = Mapeia os campos do Scenario Store para as tabelas de tenant, usuário, pedido, documento e auditoria.
item-dry_run-rbac_claims-detail = Reproduz os ids dos atores da demonstração como futuras claims de autenticação.
item-dry_run-replay_transcript-detail = Grava e lê o payload por meio do contrato do adaptador de DB/auth.
item-dry_run-rollback_checkpoint-detail = Mantém o fallback local em arquivo e o id da reprodução até que a virada seja aprovada.
item-preflight-payload_snapshot-detail = O BFGScenarioSnapshot.v1 está fixado com a sua contagem de linhas e o seu checksum.
item-preflight-schema_map-detail = As decisões do adaptador e as evidências da virada indicam as tabelas de tenant, usuário, pedido, documento e auditoria.
item-preflight-rbac_claims-detail = Os ids e as permissões dos atores da demonstração estão prontos como claims de autenticação.
item-preflight-adapter_replay-detail = O ProductionAdapterDryRun.v1 comprova a compatibilidade de escrita e leitura do adaptador escolhido.
item-preflight-rollback_evidence-detail = Os pacotes de release e de rollback mantêm explícito o fallback local em arquivo.
item-release-env_vars-detail = Nove valores da release vêm dos metadados da sessão.
item-release-adapter_target-detail = O destino de DB/auth escolhido está visível.
item-release-dry_run_transcript-detail = O registro da reprodução comprova que o payload local é compatível.
item-release-rollback_fallback-detail = O adaptador de fallback está explícito.
item-release-owner_evidence-detail = As verificações dos responsáveis pela virada estão vinculadas ao Scenario Store.
item-rollback-freeze_window-detail = A produção continua bloqueada até que a decisão GO/NO-GO local tenha sido revisada.
item-rollback-owner_ack-detail = A direção-geral é a responsável pela decisão de rollback e pelo pacote de auditoria.
item-rollback-storage_fallback-detail = O adaptador local em arquivo continua sendo o caminho explícito de rollback.
item-rollback-audit_packet-detail = As evidências de release e de rollback se reúnem em um único pacote exportável.

## Detalhes das seções

wiring-traffic = Tráfego de produção
connection-target = Destino do adaptador
connection-endpoint = Endpoint mascarado
connection-fingerprint = Impressão digital do endpoint
not-recorded = Não registrado
batch-caption = Grupos de lotes e suas linhas
batch-group = Grupo de lotes
batch-rows-heading = Linhas
batch-rows = { $rows ->
    [0] { $rows } linhas
    [one] { $rows } linha
   *[other] { $rows } linhas
}
batch-seed_tenant = Seed do tenant e RBAC
batch-operations = Reprodução das operações
batch-finance = Lançamentos financeiros
batch-audit = Trilha de auditoria
proof-none = Nenhum bloqueio em aberto: todos os pontos de controle estão verdes.

providers-caption = Contratos de provedor, modo atual e modo de destino
providers-name = Provedor
providers-current = Modo atual
providers-target = Modo de destino
provider-no-target = Nenhum destino escolhido
provider-scenario_store = Armazenamento de cenários
provider-detail-scenario_store = Guarda hoje o cenário de demonstração e define o futuro contrato de sessão do banco de dados.
provider-auth_rbac = Autenticação e RBAC
provider-detail-auth_rbac = Os cabeçalhos de papel conduzem a demonstração e mantêm os limites de usuário, tenant e permissão.
provider-document_intelligence = Inteligência de documentos
provider-detail-document_intelligence = A saída do OCR local tem o mesmo formato das respostas de extração de produção.
provider-ksef = Fatura eletrônica KSeF
provider-detail-ksef = Pacotes de faturas simulados deixam o financeiro pronto para a API regulamentada.
provider-maps_eta = Mapas e ETA
provider-detail-maps_eta = A lógica local de ETA pode ser substituída por um provedor real de mapas e trânsito.
provider-offline_sync = Sincronização offline do motorista
provider-detail-offline_sync = Um service worker e um cache de viagens definem o futuro limite da sincronização em segundo plano.

session-storage = Adaptador de armazenamento
session-auth = Modo de autenticação
session-tenant = Modo do tenant
session-last-write = Última escrita
session-not-written = Nenhuma escrita ainda

rbac-caption = Atores do cenário por papel
rbac-actor = Ator
rbac-role = Papel
rbac-unit = Unidade
rbac-permissions = Permissões
rbac-permission-count = { $count ->
    [0] { $count } permissões
    [one] { $count } permissão
   *[other] { $count } permissões
}
role-managing_director = Direção-geral
role-dispatcher = Despacho
role-accountant = Contabilidade
role-driver = Motorista
role-client = Cliente
role-reviewer = Revisão

environment-local = Demonstração local
environment-local-detail = Roda hoje com o estado do cenário local em arquivo e contratos de provedor simulados.
environment-staging = Staging
environment-staging-detail = O próximo destino, para a persistência em banco de dados, as claims de autenticação e os segredos dos provedores.
environment-production = Produção
environment-production-detail = O adaptador final, isolado por tenant, com autenticação real e logs de auditoria dos provedores.
environment-active = Ativo
environment-planned = Planejado

## Pacotes

packet-copy = Copiar
packet-copied = Copiado
packet-runbook-sql-intro = O roteiro SQL para { $target }, checksum { $checksum }: um ensaio de migração seguro para revisores até que a infraestrutura real esteja conectada. Roda no PostgreSQL 15 tal como está escrito.
packet-cutover-plan-intro = O plano de lotes para { $target }, checksum { $checksum }: o plano seguro até que a infraestrutura de produção seja escolhida.
packet-connection-intro = O pacote de conexão para { $target }, checksum { $checksum }. O endpoint só é registrado mascarado.
packet-dry-run-intro = O checkpoint do dry-run para { $target }, checksum { $checksum }, reproduzível pelos revisores.
packet-preflight-intro = O relatório da pré-verificação, checksum { $checksum }, para o ensaio da migração de DB/auth antes da infraestrutura real.
packet-release-env-intro = O bloco de ambiente da release, checksum { $checksum }.
packet-rollback-intro = O pacote de auditoria do rollback, checksum { $checksum }.
packet-download = Baixar
packet-digest-help = O SHA-256 é o do arquivo baixado (sha256sum); os seus 8 primeiros dígitos hexadecimais formam o checksum bfg-.
