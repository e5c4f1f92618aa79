# Inicio de sesión único mediante el proveedor de identidad del inquilino (OpenID Connect).

sso-sign-in-with = Iniciar sesión con { $provider }
sso-or-password = O con su usuario y contraseña:
sso-password-off = Esta consola solo inicia sesión a través de su proveedor de identidad.
sso-back-to-sign-in = Volver a la página de inicio de sesión de { $tenant }

sso-failure-not_configured-title = Aquí no hay inicio de sesión único
sso-failure-not_configured-body = Esta consola no tiene ningún proveedor de identidad configurado. Inicie sesión con su usuario y contraseña.
sso-failure-state-title = Este enlace de inicio de sesión ha caducado
sso-failure-state-body = La respuesta del proveedor de identidad no corresponde a un inicio de sesión empezado en este navegador, o ya se usó. Vuelva a empezar desde la página de inicio de sesión.
sso-failure-denied-title = El proveedor de identidad no inició su sesión
sso-failure-denied-body = El inicio de sesión se canceló o se rechazó en el proveedor de identidad. Aquí no se ha cambiado nada.
sso-failure-code-title = Se rechazó el código de inicio de sesión
sso-failure-code-body = El proveedor de identidad rechazó el código de inicio de sesión: ya se usó o ha caducado. Vuelva a empezar desde la página de inicio de sesión.
sso-failure-audience-title = El token de identidad no es para esta consola
sso-failure-audience-body = El proveedor de identidad emitió un token para otra aplicación. No se inició ninguna sesión; avise a su administrador.
sso-failure-expired-title = El token de identidad ha caducado
sso-failure-expired-body = El token del proveedor de identidad ya no es válido. Vuelva a empezar desde la página de inicio de sesión; si vuelve a ocurrir, puede que los relojes no coincidan.
sso-failure-signature-title = No se pudo verificar el token de identidad
sso-failure-signature-body = La firma del token no corresponde a las claves del proveedor de identidad. No se inició ninguna sesión; avise a su administrador.
sso-failure-token-title = El token de identidad no es válido
sso-failure-token-body = El token del proveedor de identidad tiene un emisor o un nonce incorrecto, o falta. No se inició ninguna sesión; vuelva a empezar desde la página de inicio de sesión.
sso-failure-unmapped-title = Sus grupos no le dan ningún rol en esta consola
sso-failure-unmapped-body = Ninguno de sus grupos en el proveedor de identidad corresponde a un rol aquí. Pida a su administrador que le añada a un grupo que la consola conozca.
sso-failure-unknown-title = Esta consola todavía no le conoce
sso-failure-unknown-body = Ha iniciado sesión en el proveedor de identidad, pero nadie le ha invitado aquí. Pida una invitación a la dirección general.
sso-failure-disabled-title = Su cuenta está desactivada
sso-failure-disabled-body = Su cuenta en esta consola ha sido desactivada. Consulte a la dirección general si se trata de un error.
sso-failure-last_director-title = Su nuevo rol dejaría esta consola sin dirección general
sso-failure-last_director-body = El proveedor de identidad le da ahora otro rol, pero usted es la última dirección general activa aquí, y la consola necesita una. No se inició la sesión y su rol no cambió: dé primero el rol de dirección general a otra persona, o pida a su administrador que le mantenga en el grupo de la dirección general.
sso-failure-unavailable-title = No se puede contactar con el proveedor de identidad
sso-failure-unavailable-body = La consola no pudo contactar con el proveedor de identidad o no entendió su respuesta. Inténtelo de nuevo dentro de unos minutos.
sso-failure-private-title = La dirección del proveedor de identidad no está permitida
sso-failure-private-body = El proveedor de identidad está configurado en una dirección de red privada, con la que esta consola no se comunica. Avise a su administrador.
sso-failure-secret-title = El inicio de sesión único no está bien configurado
sso-failure-secret-body = La consola no puede leer su secreto de cliente para el proveedor de identidad. Avise a su administrador.

audit-action-link_identity = Vinculó una cuenta al proveedor de identidad
audit-action-sign_up = Se registró a través del proveedor de identidad
