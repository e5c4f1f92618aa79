## Inicio y cierre de sesión

account-signed-in-as = Sesión iniciada como { $who }
account-sign-in = Iniciar sesión
account-sign-out = Cerrar sesión
sign-in-title = Iniciar sesión en { $tenant }
sign-in-username = Nombre de usuario
sign-in-password = Contraseña
sign-in-submit = Iniciar sesión
sign-in-failed = Nombre de usuario o contraseña incorrectos.
sign-in-throttled = Demasiados intentos. Espere un minuto y vuelva a intentarlo.

## Aceptación y revocación de comprobaciones

item-yours = A su cargo
item-waiting-owner = A la espera de { $owner }
form-note = Evidencias (de 10 a 2000 caracteres)
form-reason = Motivo de la revocación (de 10 a 2000 caracteres)
form-url = Enlace a las evidencias (https, opcional)
form-checksum = Suma de control de las evidencias (opcional)
form-accept = Aceptar con estas evidencias
form-revoke = Revocar
evidence-note-too-short = Las evidencias deben tener al menos 10 caracteres visibles.
evidence-note-too-long = Las evidencias pueden tener como máximo 2000 caracteres.
evidence-url-invalid = El enlace no es una dirección web.
evidence-url-not-https = El enlace debe empezar por https://.
evidence-url-too-long = El enlace puede tener como máximo 2048 caracteres.
evidence-checksum-invalid = Una suma de control consta de 8 a 128 letras, dígitos, dos puntos, guiones bajos o guiones.
write-stale = Esta comprobación ha cambiado mientras rellenaba el formulario. Su texto se conserva a continuación: revise el nuevo estado y envíe de nuevo el formulario.
write-not-accepted = No hay nada que revocar: esta comprobación no está aceptada. El formulario muestra a continuación su estado actual.
write-already-accepted = Esta comprobación ya está aceptada. El formulario muestra a continuación su estado actual; revóquela primero para volver a aceptarla.

## Rechazos

error-title-forbidden = Acción no permitida
error-body-forbidden = No puede hacer esto: su rol no lo permite, o la solicitud no vino de esta consola.
error-title-conflict = Ha cambiado entretanto
error-body-conflict = Lo que mostraba este formulario ha cambiado desde entonces. Vuelva a abrir la página para ver el estado actual y, después, inténtelo de nuevo.
error-title-sign-in-required = Vuelva a iniciar sesión
error-body-sign-in-required = Su sesión ha finalizado. Vuelva a iniciar sesión y envíe de nuevo el formulario.

## Decisiones

form-value = Valor decidido
form-decide = Registrar esta decisión
evidence-value-invalid = Un valor decidido tiene entre 1 y 200 caracteres en una sola línea.
evidence-note-control = Las evidencias contienen un carácter de control o texto que no era UTF-8 válido (se muestra como �): elimínelo y vuelva a enviarlas.

## Firma de la puesta en producción

signoff-heading = Firma
signoff-password = Su contraseña, de nuevo
signoff-go = Firmar GO de producción
signoff-no-go = Registrar NO-GO
signoff-reason = Por qué la producción no puede seguir adelante (de 10 a 2000 caracteres)
signoff-go-unavailable = Se podrá firmar GO de producción cuando todos los puntos de control estén en verde; la decisión está en { $decision }.
signoff-go-signed = El GO está firmado y vale para el estado que se muestra arriba. Si finalmente la producción no debe avanzar, registre un NO-GO con su motivo.
signoff-not-ready = No se puede firmar GO de producción: la decisión está en { $decision }.
signoff-wrong-password = La contraseña no es correcta; no se ha firmado nada.
signoff-last-no-go = NO-GO registrado por { $owner }, { $date }: { $reason }
write-session-ended = Su sesión había caducado. Ha vuelto a iniciar sesión y sus evidencias están de nuevo en el formulario: revíselas y envíelas.
error-title-bad-request = No se pudo leer la solicitud
error-body-bad-request = El formulario llegó incompleto o dañado. Vuelva atrás y envíelo de nuevo.
