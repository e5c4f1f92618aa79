## Entrada e saída

account-signed-in-as = Conectado como { $who }
account-sign-in = Entrar
account-sign-out = Sair
sign-in-title = Entrar em { $tenant }
sign-in-username = Usuário
sign-in-password = Senha
sign-in-submit = Entrar
sign-in-failed = Usuário ou senha incorretos.
sign-in-throttled = Tentativas demais. Aguarde um minuto e tente novamente.

## Aceite e revogação de verificações

item-yours = Sua
item-waiting-owner = Aguardando { $owner }
form-note = Evidência (de 10 a 2.000 caracteres)
form-reason = Motivo da revogação (de 10 a 2.000 caracteres)
form-url = Link para a evidência (https, opcional)
form-checksum = Checksum da evidência (opcional)
form-accept = Aceitar com esta evidência
form-revoke = Revogar
evidence-note-too-short = A evidência precisa ter pelo menos 10 caracteres visíveis.
evidence-note-too-long = A evidência pode ter no máximo 2.000 caracteres.
evidence-url-invalid = O link não é um endereço web.
evidence-url-not-https = O link precisa começar com https://.
evidence-url-too-long = O link pode ter no máximo 2.048 caracteres.
evidence-checksum-invalid = Um checksum tem de 8 a 128 letras, dígitos, dois-pontos, sublinhados ou hifens.
write-stale = Esta verificação mudou enquanto você preenchia o formulário. Seu texto foi mantido abaixo: confira o novo estado e envie novamente.
write-not-accepted = Não há nada a revogar: esta verificação não está aceita. O formulário abaixo mostra o estado atual.
write-already-accepted = Esta verificação já está aceita. O formulário abaixo mostra o estado atual; revogue-a antes de aceitá-la de novo.

## Recusas

error-title-forbidden = Ação não permitida
error-body-forbidden = Você não pode fazer isto: seu papel não permite, ou a solicitação não partiu deste console.
error-title-conflict = Alterado nesse meio-tempo
error-body-conflict = O que este formulário mostrava mudou desde então. Abra a página novamente para ver o estado atual e tente outra vez.
error-title-sign-in-required = Entre novamente
error-body-sign-in-required = Sua sessão terminou. Entre novamente e envie o formulário mais uma vez.

## Decisões

form-value = Valor decidido
form-decide = Registrar esta decisão
evidence-value-invalid = Um valor decidido tem de 1 a 200 caracteres, em uma única linha.
evidence-note-control = A evidência contém um caractere de controle ou um texto que não era UTF-8 válido (exibido como �): remova-o e envie novamente.

## Aprovação da produção

signoff-heading = Aprovação final
signoff-password = Sua senha, novamente
signoff-go = Assinar o GO da produção
signoff-no-go = Registrar NO-GO
signoff-reason = Por que a produção não pode seguir (de 10 a 2.000 caracteres)
signoff-go-unavailable = O GO da produção pode ser assinado quando todos os pontos de controle estiverem verdes; a decisão está em { $decision }.
signoff-go-signed = O GO está assinado e vale para o estado mostrado acima. Se, afinal, a produção não puder seguir, registre NO-GO com o motivo.
signoff-not-ready = O GO da produção não pode ser assinado: a decisão está em { $decision }.
signoff-wrong-password = A senha não confere; nada foi assinado.
signoff-last-no-go = NO-GO registrado por { $owner }, { $date }: { $reason }
write-session-ended = Sua sessão havia terminado. Você entrou novamente e sua evidência voltou ao formulário: confira e envie.
error-title-bad-request = Não foi possível ler a solicitação
error-body-bad-request = O formulário chegou incompleto ou corrompido. Volte e envie novamente.
