## The settings page: the tenant's profile and its providers' modes

settings-open = Settings: profile, environment and providers
settings-title = Settings of { $tenant }
settings-intro = How this tenant runs today, where its rehearsals point and what each provider moves to. Packets, release variables and the console's figures read these values.
settings-profile = Profile
settings-providers = Providers
settings-field-scenario_contract = Scenario contract
settings-field-environment = Release environment
settings-field-storage_adapter = Storage adapter today
settings-field-auth_mode = Authentication mode today
settings-field-tenant_mode = Tenant mode today
settings-field-adapter_target = Adapter the rehearsals target
settings-provider-current_mode = { $provider }: current mode
settings-provider-target_mode = { $provider }: target mode
settings-help = Each value is a short name of up to 64 characters: letters, digits, spaces and - . _ / : + ( ), starting with a letter or a digit.
settings-save = Save the settings
settings-who-may = Only the managing director changes these settings; everyone else reads them.
settings-refused = Nothing was saved: correct the values marked below.
settings-would-withdraw = Nothing was saved: a GO signature stands and this change would move an item’s status. Record the change once the signature no longer stands.
settings-error-empty = Enter a value: this setting cannot be left empty.
settings-error-too_long = This value is longer than 64 characters.
settings-error-character = Use only letters, digits, spaces and - . _ / : + ( ), and start with a letter or a digit.
notice-profile_saved = Settings saved. The console now reads the new values.
notice-profile_unchanged = Nothing to save: every value was already as entered.
audit-action-set_profile = Changed the tenant’s settings
audit-target-profile = Tenant settings
