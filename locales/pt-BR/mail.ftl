## E-mail: convites, redefinições de senha, lembretes “aguardando você”

mail-greeting = Olá, { $name },
mail-footer = Console de prontidão · { $tenant }
mail-invite-subject = Convite para o console de prontidão de { $tenant }
mail-invite-intro = Você foi convidado para o console de prontidão de { $tenant }. Abra o link abaixo para escolher seu nome de usuário e sua senha.
mail-invite-action = Aceitar o convite
mail-reset-subject = Escolha uma nova senha para { $tenant }
mail-reset-intro = Foi pedida uma nova senha para sua conta no console de prontidão de { $tenant }. Abra o link abaixo para escolhê-la.
mail-reset-action = Escolher uma nova senha
mail-link-once = O link funciona uma única vez e expira. Se você não esperava este e-mail, ignore-o.
mail-waiting-subject = Aguardando você: { $item }
mail-waiting-intro = A verificação “{ $item }” de { $tenant } agora está aguardando você.
mail-waiting-action = Abrir a verificação
mail-waiting-why = Você recebe este lembrete porque é responsável por esta verificação.
mail-unsubscribe = Parar de receber estes lembretes

## A página de cancelamento, e a configuração de lembretes da conta

unsubscribe-title = Parar os lembretes
unsubscribe-intro = Parar de enviar a { $name } os e-mails “aguardando você” de { $tenant }? Convites e redefinições de senha continuam sendo enviados.
unsubscribe-submit = Parar os lembretes
unsubscribe-done = Pronto: nenhum e-mail “aguardando você” a mais. Você pode reativá-los na página da sua conta.
unsubscribe-invalid = Este link de cancelamento não é válido.
account-reminders-heading = Lembretes por e-mail
account-reminders-on = Você recebe um e-mail quando uma verificação passa a aguardar você.
account-reminders-off = Você não recebe e-mail quando uma verificação passa a aguardar você.
account-reminders-turn-off = Parar os lembretes
account-reminders-turn-on = Enviar-me os lembretes
account-done-reminders = Sua configuração de lembretes foi salva.
