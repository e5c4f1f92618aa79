## La page des réglages : le profil du tenant et les modes de ses fournisseurs

settings-open = Réglages : profil, environnement et fournisseurs
settings-title = Réglages de { $tenant }
settings-intro = Comment ce tenant fonctionne aujourd’hui, où pointent ses répétitions et vers quoi passe chaque fournisseur. Les paquets, les variables de mise en production et les chiffres de la console lisent ces valeurs.
settings-profile = Profil
settings-providers = Fournisseurs
settings-field-scenario_contract = Contrat du scénario
settings-field-environment = Environnement de mise en production
settings-field-storage_adapter = Adaptateur de stockage actuel
settings-field-auth_mode = Mode d’authentification actuel
settings-field-tenant_mode = Mode de tenant actuel
settings-field-adapter_target = Adaptateur visé par les répétitions
settings-provider-current_mode = { $provider } : mode actuel
settings-provider-target_mode = { $provider } : mode cible
settings-help = Chaque valeur est un nom court de 64 caractères au plus : lettres, chiffres, espaces et - . _ / : + ( ), commençant par une lettre ou un chiffre.
settings-save = Enregistrer les réglages
settings-who-may = Seule la direction générale modifie ces réglages ; les autres les consultent.
settings-refused = Rien n’a été enregistré : corrigez les valeurs signalées ci-dessous.
settings-would-withdraw = Rien n’a été enregistré : une signature GO est en vigueur et ce changement modifierait le statut d’un élément. Enregistrez-le lorsque la signature ne sera plus en vigueur.
settings-error-empty = Saisissez une valeur : ce réglage ne peut pas rester vide.
settings-error-too_long = Cette valeur dépasse 64 caractères.
settings-error-character = N’utilisez que des lettres, des chiffres, des espaces et - . _ / : + ( ), en commençant par une lettre ou un chiffre.
notice-profile_saved = Réglages enregistrés. La console lit désormais les nouvelles valeurs.
notice-profile_unchanged = Rien à enregistrer : chaque valeur était déjà celle saisie.
audit-action-set_profile = A modifié les réglages du tenant
audit-target-profile = Réglages du tenant
