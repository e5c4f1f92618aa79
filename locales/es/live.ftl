## Consola en vivo (eventos enviados por el servidor)

live-signed-out = Tu sesión ha terminado: esta página ya no se actualiza sola.
live-sign-in = Volver a iniciar sesión
