## Correo: invitaciones, restablecimientos de contraseña, recordatorios «a la espera de usted»

mail-greeting = Hola, { $name }:
mail-footer = Consola de preparación · { $tenant }
mail-invite-subject = Invitación a la consola de preparación de { $tenant }
mail-invite-intro = Le han invitado a la consola de preparación de { $tenant }. Abra el enlace de abajo para elegir su nombre de usuario y su contraseña.
mail-invite-action = Aceptar la invitación
mail-reset-subject = Elija una contraseña nueva para { $tenant }
mail-reset-intro = Se ha solicitado una contraseña nueva para su cuenta en la consola de preparación de { $tenant }. Abra el enlace de abajo para elegirla.
mail-reset-action = Elegir una contraseña nueva
mail-link-once = El enlace funciona una sola vez y caduca. Si no esperaba este correo, ignórelo.
mail-waiting-subject = A la espera de usted: { $item }
mail-waiting-intro = La comprobación «{ $item }» de { $tenant } está ahora a la espera de usted.
mail-waiting-action = Abrir la comprobación
mail-waiting-why = Recibe este recordatorio porque es responsable de esta comprobación.
mail-unsubscribe = Dejar de recibir estos recordatorios

## La página para darse de baja, y el ajuste de recordatorios de la cuenta

unsubscribe-title = Dejar de recibir los recordatorios
unsubscribe-intro = ¿Dejar de enviar a { $name } los correos «a la espera de usted» de { $tenant }? Las invitaciones y los restablecimientos de contraseña se siguen enviando.
unsubscribe-submit = Dejar de recibir los recordatorios
unsubscribe-done = Hecho: no recibirá más correos «a la espera de usted». Puede volver a activarlos en la página de su cuenta.
unsubscribe-invalid = Este enlace para darse de baja no es válido.
account-reminders-heading = Recordatorios por correo
account-reminders-on = Recibe un correo cuando una comprobación pasa a estar a la espera de usted.
account-reminders-off = No recibe ningún correo cuando una comprobación pasa a estar a la espera de usted.
account-reminders-turn-off = Dejar de recibir los recordatorios
account-reminders-turn-on = Enviarme los recordatorios
account-done-reminders = Se ha guardado su ajuste de recordatorios.
