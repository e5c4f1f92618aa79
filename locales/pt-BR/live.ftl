## Console ao vivo (eventos enviados pelo servidor)

live-signed-out = Sua sessão terminou: esta página não se atualiza mais sozinha.
live-sign-in = Entrar novamente
