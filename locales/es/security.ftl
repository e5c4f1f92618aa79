## Tu cuenta: contraseñas, sesiones, auditoría de inicios de sesión

account-link = Tu cuenta
account-title = { $tenant } · Tu cuenta
account-intro = Has iniciado sesión como { $username }. Aquí cambias tu contraseña y cierras las sesiones que ya no usas.
account-sessions-heading = Tus sesiones activas
account-sessions-started = Inicio
account-sessions-browser = Navegador
account-sessions-this = (esta sesión)
account-sessions-end = Cerrar las demás sesiones
account-sessions-none-other = No hay ninguna otra sesión abierta.
account-browser-unknown = Navegador desconocido
account-password-heading = Cambiar tu contraseña
account-password-current = Tu contraseña actual
account-password-new = Contraseña nueva (de 12 a 256 caracteres)
account-password-again = La contraseña nueva, otra vez
account-password-help = Al cambiarla se cierran tus demás sesiones; esta sigue abierta.
account-password-submit = Cambiar la contraseña
account-error-current-wrong = Tu contraseña actual no es correcta; no se ha cambiado nada.
account-done-password = Tu contraseña se ha cambiado. Tus demás sesiones se han cerrado.
account-done-sessions = Tus demás sesiones se han cerrado.
invite-error-password-common = Esta contraseña está en la lista de las contraseñas más comunes. Elige otra.
audit-action-sign_in = Inició sesión
audit-action-sign_out = Cerró sesión
audit-action-sign_in_failed = Inicio de sesión rechazado
audit-action-change_password = Cambió su contraseña
audit-action-end_sessions = Cerró sus demás sesiones
