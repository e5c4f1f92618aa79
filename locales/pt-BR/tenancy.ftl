# Um console que não está em serviço e o convite do diretor-geral.

error-title-suspended = Este console está suspenso
error-body-suspended = O operador da plataforma suspendeu este console com este motivo: “{ $reason }”. Nada pode ser consultado nem alterado até que ele seja retomado.
error-title-provisioning = Este console ainda está sendo preparado
error-body-provisioning = O console está sendo preparado e ainda não está pronto. Tente novamente em alguns minutos.
error-title-deleting = Este console está sendo excluído
error-body-deleting = O console foi excluído e não pode mais ser aberto. Se você acha que isso é um engano, entre em contato com o operador da plataforma.

invite-title = Crie sua conta em { $tenant }
invite-lead = Você foi convidado como diretor-geral. Escolha o nome de usuário e a senha com que vai entrar; este link funciona apenas uma vez.
invite-username = Nome de usuário
invite-password = Senha (pelo menos 12 caracteres)
invite-password-again = Repita a senha
invite-submit = Criar minha conta
invite-to-sign-in = Ir para a página de entrada de { $tenant }
invite-error-username = Escolha um nome de usuário de 2 a 64 caracteres: letras minúsculas, algarismos, pontos, hifens ou sublinhados.
invite-error-password-length = Escolha uma senha com pelo menos 12 caracteres.
invite-error-password-mismatch = As duas senhas são diferentes. Digite a mesma senha duas vezes.
invite-error-username-taken = Este nome de usuário já está em uso neste console. Escolha outro.
invite-expired-title = Este convite expirou
invite-expired-body = Os convites valem por 72 horas. Peça um novo ao operador da plataforma.
invite-used-title = Este convite já foi usado
invite-used-body = Cada convite funciona apenas uma vez. Se você já criou sua conta, entre com ela.
invite-unknown-title = Este convite não é válido
invite-unknown-body = Nenhum convite corresponde a este link. Verifique se você abriu o link completo da mensagem recebida.
