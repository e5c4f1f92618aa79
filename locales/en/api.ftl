# The API: problem titles and details, the reference page, API keys.

api-problem-VALIDATION_ERROR = The request is not valid
api-problem-UNAUTHORIZED = No valid API key
api-problem-TENANT_NOT_FOUND = No such tenant
api-problem-TENANT_SUSPENDED = The tenant is suspended
api-problem-FORBIDDEN_ACTION = Not allowed
api-problem-NOT_FOUND = Not found
api-problem-CONFLICT = The write no longer fits
api-problem-PRECONDITION_FAILED = The item has changed
api-problem-RATE_LIMITED = Too many requests
api-problem-INTERNAL_ERROR = Something failed on our side
api-problem-SERVICE_UNAVAILABLE = The console cannot answer right now

api-detail-unauthorized = Send an API key of this tenant as “Authorization: Bearer rc_key_…”. A key that is unknown, revoked or expired is refused the same way.
api-detail-forbidden = This request is not allowed.
api-detail-other-tenant = This API key belongs to another tenant: use a key created for this one.
api-detail-tenant-not-found = There is no tenant with this name.
api-detail-tenant-suspended = This tenant is suspended by the platform’s operator: nothing can be read or written until it is resumed.
api-detail-read-scope = This key may only read: accepting or revoking a check needs a key with the scope “attest”.
api-detail-not-owner = This key’s service account does not own this check: the managing director assigns it on the People page.
api-detail-not-found = There is nothing at this address.
api-detail-method = This address does not take this method.
api-detail-item-not-found = This tenant has no item with this key.
api-detail-idempotency-missing = A write needs an Idempotency-Key header of 1 to 255 visible characters; send the same one when you retry.
api-detail-idempotency-reused = This Idempotency-Key was used before with another request: use a new key for a new request.
api-detail-if-match = If-Match must be the item’s version, as its ETag gives it (for example "3").
api-detail-stale = The item has changed since the version in If-Match: read it again, then decide.
api-detail-withdraw-unconfirmed = This write would withdraw the standing GO signature: send "confirmWithdraw": true to do it anyway.
api-detail-conflict = The write no longer fits the state of the tenant.
api-detail-body = The body is not JSON of the expected shape: see the OpenAPI document at /v1/openapi.json.
api-detail-content-type = The body must be sent as application/json.
api-detail-too-large = The body is larger than the API accepts (64 KiB).
api-detail-query = The query is not valid: limit is 1 to 200, from and to are RFC 3339 instants, action is an audit action’s code.
api-detail-cursor = This cursor was not given by this console for this same query: start again without it.
api-detail-rate-limited = Too many requests for this key or tenant: try again in { $seconds } s.
api-detail-internal = Something failed on our side. The request id finds it in our logs.
api-detail-unavailable = The console cannot reach its database right now. Try again in a moment.

api-docs-title = Readiness Console API reference
api-docs-noscript = The reference needs JavaScript. The document itself is at /v1/openapi.json.

role-service = Service account
audit-action-create_api_key = Created an API key
audit-action-revoke_api_key = Revoked an API key
