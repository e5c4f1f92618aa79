# A API: títulos e detalhes dos problemas, a página de referência, as chaves de API.

api-problem-VALIDATION_ERROR = A requisição não é válida
api-problem-UNAUTHORIZED = Nenhuma chave de API válida
api-problem-TENANT_NOT_FOUND = Este tenant não existe
api-problem-TENANT_SUSPENDED = O tenant está suspenso
api-problem-FORBIDDEN_ACTION = Não permitido
api-problem-NOT_FOUND = Não encontrado
api-problem-CONFLICT = A escrita não se encaixa mais
api-problem-PRECONDITION_FAILED = O item mudou
api-problem-RATE_LIMITED = Requisições demais
api-problem-INTERNAL_ERROR = Algo falhou do nosso lado
api-problem-SERVICE_UNAVAILABLE = O console não consegue responder agora

api-detail-unauthorized = Envie uma chave de API deste tenant como “Authorization: Bearer rc_key_…”. Uma chave desconhecida, revogada ou expirada é recusada da mesma forma.
api-detail-forbidden = Esta requisição não é permitida.
api-detail-other-tenant = Esta chave de API pertence a outro tenant: use uma chave criada para este.
api-detail-tenant-not-found = Não há tenant com este nome.
api-detail-tenant-suspended = O operador da plataforma suspendeu este tenant: nada pode ser lido nem escrito até que ele seja retomado.
api-detail-read-scope = Esta chave só pode ler: aceitar ou revogar uma verificação exige uma chave com o escopo “attest”.
api-detail-not-owner = A conta de serviço desta chave não é responsável por esta verificação: a diretoria a atribui na página Pessoas.
api-detail-not-found = Não há nada neste endereço.
api-detail-method = Este endereço não aceita este método.
api-detail-item-not-found = Este tenant não tem item com esta chave.
api-detail-idempotency-missing = Uma escrita precisa de um cabeçalho Idempotency-Key de 1 a 255 caracteres visíveis; envie o mesmo ao tentar de novo.
api-detail-idempotency-reused = Esta Idempotency-Key já foi usada com outra requisição: use uma chave nova para uma requisição nova.
api-detail-if-match = If-Match deve ser a versão do item, como o ETag dele informa (por exemplo "3").
api-detail-stale = O item mudou desde a versão informada em If-Match: leia-o de novo e então decida.
api-detail-withdraw-unconfirmed = Esta escrita retiraria a assinatura GO vigente: envie "confirmWithdraw": true para fazê-la mesmo assim.
api-detail-conflict = A escrita não se encaixa mais no estado do tenant.
api-detail-body = O corpo não é JSON no formato esperado: veja o documento OpenAPI em /v1/openapi.json.
api-detail-content-type = O corpo deve ser enviado como application/json.
api-detail-too-large = O corpo é maior do que a API aceita (64 KiB).
api-detail-query = A consulta não é válida: limit vai de 1 a 200, from e to são instantes RFC 3339, action é o código de uma ação de auditoria.
api-detail-cursor = Este console não emitiu este cursor para esta mesma consulta: recomece sem ele.
api-detail-rate-limited = Requisições demais para esta chave ou este tenant: tente de novo em { $seconds } s.
api-detail-internal = Algo falhou do nosso lado. O identificador da requisição o localiza nos nossos registros.
api-detail-unavailable = O console não consegue alcançar seu banco de dados agora. Tente de novo em instantes.

api-docs-title = Referência da API do Readiness Console
api-docs-noscript = A referência precisa de JavaScript. O documento em si está em /v1/openapi.json.

role-service = Conta de serviço
audit-action-create_api_key = Criou uma chave de API
audit-action-revoke_api_key = Revogou uma chave de API
