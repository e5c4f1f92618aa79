# Una consola que no está en servicio y la invitación del director general.

error-title-suspended = Esta consola está suspendida
error-body-suspended = El operador de la plataforma ha suspendido esta consola con este motivo: «{ $reason }». No se puede consultar ni modificar nada hasta que se reanude.
error-title-provisioning = Esta consola aún se está preparando
error-body-provisioning = La consola se está preparando y todavía no está lista. Vuelva a intentarlo dentro de unos minutos.
error-title-deleting = Esta consola se está eliminando
error-body-deleting = La consola se ha eliminado y ya no se puede abrir. Si cree que se trata de un error, póngase en contacto con el operador de la plataforma.

invite-title = Cree su cuenta en { $tenant }
invite-lead = Ha sido invitado como director general. Elija el nombre de usuario y la contraseña con los que iniciará sesión; este enlace solo funciona una vez.
invite-username = Nombre de usuario
invite-password = Contraseña (al menos 12 caracteres)
invite-password-again = Repita la contraseña
invite-submit = Crear mi cuenta
invite-to-sign-in = Ir a la página de inicio de sesión de { $tenant }
invite-error-username = Elija un nombre de usuario de 2 a 64 caracteres: letras minúsculas, cifras, puntos, guiones o guiones bajos.
invite-error-password-length = Elija una contraseña de al menos 12 caracteres.
invite-error-password-mismatch = Las dos contraseñas no coinciden. Escriba la misma contraseña dos veces.
invite-error-username-taken = Este nombre de usuario ya existe en esta consola. Elija otro.
invite-expired-title = Esta invitación ha caducado
invite-expired-body = Las invitaciones son válidas durante 72 horas. Pida una nueva al operador de la plataforma.
invite-used-title = Esta invitación ya se ha utilizado
invite-used-body = Cada invitación solo funciona una vez. Si ya ha creado su cuenta, inicie sesión con ella.
invite-unknown-title = Esta invitación no es válida
invite-unknown-body = Ninguna invitación corresponde a este enlace. Compruebe que ha abierto el enlace completo del mensaje que recibió.
