# Login único pelo provedor de identidade do locatário (OpenID Connect).

sso-sign-in-with = Entrar com { $provider }
sso-or-password = Ou com seu usuário e senha:
sso-password-off = Este console só permite entrar pelo provedor de identidade.
sso-back-to-sign-in = Voltar à página de login de { $tenant }

sso-failure-not_configured-title = Não há login único aqui
sso-failure-not_configured-body = Este console não tem nenhum provedor de identidade configurado. Entre com seu usuário e senha.
sso-failure-state-title = Este link de login expirou
sso-failure-state-body = A resposta do provedor de identidade não pertence a um login iniciado neste navegador, ou já foi usada. Comece de novo pela página de login.
sso-failure-denied-title = O provedor de identidade não fez seu login
sso-failure-denied-body = O login foi cancelado ou recusado no provedor de identidade. Nada foi alterado aqui.
sso-failure-code-title = O código de login foi recusado
sso-failure-code-body = O provedor de identidade recusou o código de login: ele já foi usado ou expirou. Comece de novo pela página de login.
sso-failure-audience-title = O token de identidade não é para este console
sso-failure-audience-body = O provedor de identidade emitiu um token para outro aplicativo. Ninguém entrou; avise o seu administrador.
sso-failure-expired-title = O token de identidade expirou
sso-failure-expired-body = O token do provedor de identidade não é mais válido. Comece de novo pela página de login; se acontecer de novo, os relógios podem estar diferentes.
sso-failure-signature-title = Não foi possível verificar o token de identidade
sso-failure-signature-body = A assinatura do token não corresponde às chaves do provedor de identidade. Ninguém entrou; avise o seu administrador.
sso-failure-token-title = O token de identidade não é válido
sso-failure-token-body = O token do provedor de identidade tem emissor ou nonce incorreto, ou está faltando. Ninguém entrou; comece de novo pela página de login.
sso-failure-unmapped-title = Seus grupos não dão nenhum papel neste console
sso-failure-unmapped-body = Nenhum dos seus grupos no provedor de identidade corresponde a um papel aqui. Peça ao seu administrador para incluí-lo em um grupo que o console conheça.
sso-failure-unknown-title = Este console ainda não conhece você
sso-failure-unknown-body = Você entrou no provedor de identidade, mas ninguém o convidou aqui. Peça um convite à diretoria geral.
sso-failure-disabled-title = Sua conta está desativada
sso-failure-disabled-body = Sua conta neste console foi desativada. Fale com a diretoria geral se for um engano.
sso-failure-last_director-title = Seu novo papel deixaria este console sem direção-geral
sso-failure-last_director-body = O provedor de identidade agora lhe dá outro papel, mas você é a última direção-geral ativa aqui, e o console precisa de uma. Você não entrou e o seu papel não mudou: dê primeiro o papel de direção-geral a outra pessoa, ou peça ao seu administrador que mantenha você no grupo da direção-geral.
sso-failure-unavailable-title = Não foi possível contatar o provedor de identidade
sso-failure-unavailable-body = O console não conseguiu contatar o provedor de identidade ou não entendeu a resposta. Tente de novo em alguns minutos.
sso-failure-private-title = O endereço do provedor de identidade não é permitido
sso-failure-private-body = O provedor de identidade está configurado em um endereço de rede privada, que este console não contata. Avise o seu administrador.
sso-failure-secret-title = O login único não está configurado corretamente
sso-failure-secret-body = O console não consegue ler o segredo de cliente do provedor de identidade. Avise o seu administrador.

audit-action-link_identity = Vinculou uma conta ao provedor de identidade
audit-action-sign_up = Cadastrou-se pelo provedor de identidade
