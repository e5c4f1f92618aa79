## La página de configuración: el perfil del tenant y los modos de sus proveedores

settings-open = Configuración: perfil, entorno y proveedores
settings-title = Configuración de { $tenant }
settings-intro = Cómo funciona hoy este tenant, hacia dónde apuntan sus ensayos y a qué pasa cada proveedor. Los paquetes, las variables de la entrega y las cifras de la consola leen estos valores.
settings-profile = Perfil
settings-providers = Proveedores
settings-field-scenario_contract = Contrato del escenario
settings-field-environment = Entorno de la entrega
settings-field-storage_adapter = Adaptador de almacenamiento actual
settings-field-auth_mode = Modo de autenticación actual
settings-field-tenant_mode = Modo de tenant actual
settings-field-adapter_target = Adaptador al que apuntan los ensayos
settings-provider-current_mode = { $provider }: modo actual
settings-provider-target_mode = { $provider }: modo de destino
settings-help = Cada valor es un nombre corto de hasta 64 caracteres: letras, cifras, espacios y - . _ / : + ( ), y empieza por una letra o una cifra.
settings-save = Guardar la configuración
settings-who-may = Solo la dirección general cambia esta configuración; el resto la consulta.
settings-refused = No se guardó nada: corrija los valores señalados abajo.
settings-would-withdraw = No se guardó nada: hay una firma GO vigente y este cambio movería el estado de un elemento. Registre el cambio cuando la firma ya no esté vigente.
settings-error-empty = Introduzca un valor: esta opción no puede quedar vacía.
settings-error-too_long = Este valor supera los 64 caracteres.
settings-error-character = Use solo letras, cifras, espacios y - . _ / : + ( ), y empiece por una letra o una cifra.
notice-profile_saved = Configuración guardada. La consola ya lee los nuevos valores.
notice-profile_unchanged = Nada que guardar: todos los valores ya estaban como los introdujo.
audit-action-set_profile = Cambió la configuración del tenant
audit-target-profile = Configuración del tenant
