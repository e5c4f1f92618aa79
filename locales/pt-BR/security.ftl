## Sua conta: senhas, sessões, auditoria de acessos

account-link = Sua conta
account-title = { $tenant } · Sua conta
account-intro = Você entrou como { $username }. Aqui você troca sua senha e encerra as sessões que não usa mais.
account-sessions-heading = Suas sessões ativas
account-sessions-started = Início
account-sessions-browser = Navegador
account-sessions-this = (esta sessão)
account-sessions-end = Encerrar as outras sessões
account-sessions-none-other = Nenhuma outra sessão está aberta.
account-browser-unknown = Navegador desconhecido
account-password-heading = Trocar sua senha
account-password-current = Sua senha atual
account-password-new = Nova senha (de 12 a 256 caracteres)
account-password-again = A nova senha, de novo
account-password-help = Trocá-la encerra suas outras sessões; esta continua conectada.
account-password-submit = Trocar a senha
account-error-current-wrong = Sua senha atual não está certa; nada foi alterado.
account-done-password = Sua senha foi trocada. Suas outras sessões foram encerradas.
account-done-sessions = Suas outras sessões foram encerradas.
invite-error-password-common = Esta senha está na lista das senhas mais comuns. Escolha outra.
audit-action-sign_in = Entrou
audit-action-sign_out = Saiu
audit-action-sign_in_failed = Acesso recusado
audit-action-change_password = Trocou a senha
audit-action-end_sessions = Encerrou as outras sessões
