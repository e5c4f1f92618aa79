## A página de configurações: o perfil do tenant e os modos de seus provedores

settings-open = Configurações: perfil, ambiente e provedores
settings-title = Configurações de { $tenant }
settings-intro = Como este tenant funciona hoje, para onde apontam seus ensaios e para o que cada provedor passa. Os pacotes, as variáveis da entrega e os números do console leem esses valores.
settings-profile = Perfil
settings-providers = Provedores
settings-field-scenario_contract = Contrato do cenário
settings-field-environment = Ambiente da entrega
settings-field-storage_adapter = Adaptador de armazenamento atual
settings-field-auth_mode = Modo de autenticação atual
settings-field-tenant_mode = Modo de tenant atual
settings-field-adapter_target = Adaptador visado pelos ensaios
settings-provider-current_mode = { $provider }: modo atual
settings-provider-target_mode = { $provider }: modo de destino
settings-help = Cada valor é um nome curto de até 64 caracteres: letras, dígitos, espaços e - . _ / : + ( ), começando por uma letra ou um dígito.
settings-save = Salvar as configurações
settings-who-may = Só a diretoria geral altera estas configurações; os demais as consultam.
settings-refused = Nada foi salvo: corrija os valores indicados abaixo.
settings-would-withdraw = Nada foi salvo: há uma assinatura GO em vigor e esta mudança alteraria o status de um item. Registre a mudança quando a assinatura não estiver mais em vigor.
settings-error-empty = Informe um valor: esta configuração não pode ficar vazia.
settings-error-too_long = Este valor tem mais de 64 caracteres.
settings-error-character = Use apenas letras, dígitos, espaços e - . _ / : + ( ), começando por uma letra ou um dígito.
notice-profile_saved = Configurações salvas. O console já lê os novos valores.
notice-profile_unchanged = Nada a salvar: todos os valores já estavam como informados.
audit-action-set_profile = Alterou as configurações do tenant
audit-target-profile = Configurações do tenant
