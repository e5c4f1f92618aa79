//! The identity provider's adapter: the OpenID Connect authorization code flow with PKCE, a
//! nonce and a CSRF state, through the `openidconnect` crate.
//!
//! Every request to a provider goes through [`Http`]: no redirect is followed, and an address
//! that is loopback, private, link-local or otherwise not public is refused — named as an IP
//! literal or resolved from a name (the check is the resolver's, so the address checked is the
//! one connected to) — unless the console runs with `--oidc-allow-private`. Whoever configures
//! a tenant's issuer therefore cannot make the console fetch from its own network.
//!
//! The provider's metadata (discovery document and keys) is kept a few minutes per issuer.

use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use openidconnect::core::{
    CoreClient, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreProviderMetadata, CoreResponseType,
};
use openidconnect::{
    AdditionalClaims, AsyncHttpClient, AuthenticationFlow, AuthorizationCode,
    ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, HttpClientError, HttpRequest,
    HttpResponse, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl,
    RequestTokenError, Scope,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::readiness::code::code_enum;

/// How long a provider's metadata and keys are reused.
pub const METADATA_TTL: Duration = Duration::from_secs(300);
/// How long one request to a provider may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

code_enum! {
    /// Why a sign-in through the identity provider did not happen. Each has its page, in the
    /// reader's language (`sso-failure-<code>-title` and `-body`), and none creates anything.
    pub enum Failure as "single sign-on failure" {
        /// The tenant has no identity provider.
        NotConfigured => "not_configured",
        /// The callback's `state` is not the one this session's sign-in began with (wrong,
        /// replayed, or no sign-in began).
        State => "state",
        /// The provider answered with an error instead of a code (e.g. the person cancelled).
        Denied => "denied",
        /// The provider refused the code (replayed, expired, or not ours).
        Code => "code",
        /// The ID token is for another client.
        Audience => "audience",
        /// The ID token has expired.
        Expired => "expired",
        /// The ID token's signature does not verify with the issuer's keys.
        Signature => "signature",
        /// The ID token is invalid otherwise: another issuer, nonce or subject, or none at all.
        Token => "token",
        /// None of the person's claim values maps to a console role.
        Unmapped => "unmapped",
        /// The tenant knows nobody by that subject or email, and sign-up is off.
        Unknown => "unknown",
        /// The person's account is disabled.
        Disabled => "disabled",
        /// The role the claim maps to would demote the tenant's last active managing director
        /// (the People page's rule, `readiness::people::keeps_a_director`).
        LastDirector => "last_director",
        /// The provider could not be reached, or answered nonsense.
        Unavailable => "unavailable",
        /// The provider's address is not a public one (and private ones are not allowed).
        Private => "private",
        /// The client secret's reference cannot be read (a configuration problem).
        Secret => "secret",
    }
}

impl Failure {
    /// The status its page answers with.
    pub fn status(self) -> u16 {
        match self {
            Self::NotConfigured => 404,
            // Like a form whose CSRF token does not match.
            Self::State => 403,
            Self::Code => 400,
            Self::Denied
            | Self::Audience
            | Self::Expired
            | Self::Signature
            | Self::Token
            | Self::Unknown => 401,
            Self::Unmapped | Self::Disabled | Self::LastDirector => 403,
            Self::Unavailable | Self::Private => 502,
            Self::Secret => 500,
        }
    }
}

/// What a sign-in keeps in the session between the redirect to the provider and its callback.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pending {
    /// The tenant signing in to.
    pub tenant: String,
    /// The CSRF state sent to the provider.
    pub state: String,
    /// The nonce the ID token must carry.
    pub nonce: String,
    /// The PKCE verifier of the challenge sent.
    pub verifier: String,
}

/// The provider's side of one tenant's configuration, as the flow needs it.
#[derive(Debug, Clone)]
pub struct Client<'a> {
    /// The issuer URL.
    pub issuer: &'a str,
    /// The console's client id.
    pub client_id: &'a str,
    /// The resolved client secret.
    pub secret: &'a str,
    /// The callback URL registered at the provider.
    pub redirect_uri: String,
}

/// What a verified ID token says.
#[derive(Debug, Clone)]
pub struct Verified {
    /// The subject.
    pub sub: String,
    /// The email, unless the provider marked it unverified.
    pub email: Option<String>,
    /// The person's name.
    pub name: Option<String>,
    /// The values of the role claim (one string or a list of them).
    pub role_values: Vec<String>,
}

/// Every claim of the ID token beyond the standard ones, to read the role claim from.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Extra {
    #[serde(flatten)]
    claims: HashMap<String, serde_json::Value>,
}

impl AdditionalClaims for Extra {}

type IdToken = openidconnect::IdToken<
    Extra,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;

/// Talks to identity providers: the guarded HTTP client and the metadata kept per issuer.
pub struct Oidc {
    http: Http,
    metadata: moka::sync::Cache<String, Arc<CoreProviderMetadata>>,
}

impl std::fmt::Debug for Oidc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Oidc")
            .field("allow_private", &self.http.allow_private)
            .finish_non_exhaustive()
    }
}

impl Oidc {
    /// A client that refuses non-public addresses unless `allow_private`.
    pub fn new(allow_private: bool) -> Self {
        Self {
            http: Http::new(allow_private),
            metadata: moka::sync::Cache::builder()
                .max_capacity(1000)
                .time_to_live(METADATA_TTL)
                .build(),
        }
    }

    /// The provider's metadata and keys, from the cache or discovered.
    async fn metadata(&self, issuer: &str) -> Result<Arc<CoreProviderMetadata>, Failure> {
        if let Some(found) = self.metadata.get(issuer) {
            return Ok(found);
        }
        let url = IssuerUrl::new(issuer.to_owned()).map_err(|_| Failure::Unavailable)?;
        let discovered = CoreProviderMetadata::discover_async(url, &self.http)
            .await
            .map_err(|error| {
                let failure = if error.to_string().contains(PRIVATE) || private_in(&error) {
                    Failure::Private
                } else {
                    Failure::Unavailable
                };
                tracing::warn!(issuer, error = %error_chain(&error), "discovery failed");
                failure
            })?;
        let discovered = Arc::new(discovered);
        self.metadata.insert(issuer.to_owned(), discovered.clone());
        Ok(discovered)
    }

    /// Forgets what is kept of `issuer` (its configuration changed, or its keys did not verify).
    pub fn forget(&self, issuer: &str) {
        self.metadata.invalidate(issuer);
    }

    /// Where to send the person to sign in, and what to keep until they come back.
    pub async fn begin(
        &self,
        tenant: &str,
        client: &Client<'_>,
    ) -> Result<(String, Pending), Failure> {
        let metadata = self.metadata(client.issuer).await?;
        let core = core_client(&metadata, client)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = core
            .authorize_url(
                AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        Ok((
            url.to_string(),
            Pending {
                tenant: tenant.to_owned(),
                state: state.secret().clone(),
                nonce: nonce.secret().clone(),
                verifier: verifier.secret().clone(),
            },
        ))
    }

    /// Exchanges the code, verifies the ID token (issuer, audience, signature, expiry by `now`,
    /// nonce) and reads `role_claim` from it.
    pub async fn finish(
        &self,
        client: &Client<'_>,
        pending: &Pending,
        code: &str,
        role_claim: &str,
        now: OffsetDateTime,
    ) -> Result<Verified, Failure> {
        let metadata = self.metadata(client.issuer).await?;
        let core = core_client(&metadata, client)?;
        let response = core
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|_| Failure::Unavailable)?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|error| match error {
                RequestTokenError::ServerResponse(answer) => {
                    tracing::info!(error = %answer.error(), "the provider refused the code");
                    Failure::Code
                }
                other => {
                    tracing::warn!(error = %error_chain(&other), "token request failed");
                    if private_in(&other) {
                        Failure::Private
                    } else {
                        Failure::Unavailable
                    }
                }
            })?;
        use openidconnect::TokenResponse as _;
        let token = response.id_token().ok_or(Failure::Token)?;
        let token: IdToken = token.to_string().parse().map_err(|_| Failure::Token)?;
        let at = chrono::DateTime::from_timestamp(now.unix_timestamp(), now.nanosecond())
            .unwrap_or_default();
        let verifier = core.id_token_verifier().set_time_fn(move || at);
        let claims = token
            .claims(&verifier, &Nonce::new(pending.nonce.clone()))
            .map_err(|error| {
                tracing::info!(error = %error, "the ID token was refused");
                match error {
                    ClaimsVerificationError::InvalidAudience(_) => Failure::Audience,
                    ClaimsVerificationError::Expired(_) => Failure::Expired,
                    ClaimsVerificationError::SignatureVerification(_) => Failure::Signature,
                    _ => Failure::Token,
                }
            })?;
        let email = claims
            .email()
            .filter(|_| claims.email_verified() != Some(false))
            .map(|e| e.as_str().to_owned());
        let name = claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_owned());
        let role_values = match claims.additional_claims().claims.get(role_claim) {
            Some(serde_json::Value::String(value)) => vec![value.clone()],
            Some(serde_json::Value::Array(values)) => values
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        };
        Ok(Verified {
            sub: claims.subject().as_str().to_owned(),
            email,
            name,
            role_values,
        })
    }
}

fn core_client(
    metadata: &CoreProviderMetadata,
    client: &Client<'_>,
) -> Result<
    CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    >,
    Failure,
> {
    let redirect = RedirectUrl::new(client.redirect_uri.clone()).map_err(|_| Failure::Token)?;
    Ok(CoreClient::from_provider_metadata(
        metadata.clone(),
        ClientId::new(client.client_id.to_owned()),
        Some(ClientSecret::new(client.secret.to_owned())),
    )
    .set_redirect_uri(redirect))
}

/// The error's chain of causes, for the log (no secret is ever in it: the secret travels in
/// the request's body or `Authorization` header, which no error repeats).
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

use crate::outbound::{PRIVATE, Resolver, is_public};

fn private_in(error: &dyn std::error::Error) -> bool {
    error_chain(error).contains(PRIVATE)
}

/// The HTTP client of every request to a provider: no redirects, a timeout, and non-public
/// addresses refused unless allowed.
struct Http {
    client: reqwest::Client,
    allow_private: bool,
}

impl Http {
    fn new(allow_private: bool) -> Self {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(REQUEST_TIMEOUT)
            .connect_timeout(REQUEST_TIMEOUT / 2)
            .dns_resolver(Arc::new(Resolver::new(allow_private)))
            .build()
            .unwrap_or_else(|error| {
                // Only a TLS backend that cannot start fails here; without one no provider
                // can be reached, and every sign-in says the provider is unavailable.
                tracing::error!(%error, "the identity providers' HTTP client could not be built");
                reqwest::Client::new()
            });
        Self {
            client,
            allow_private,
        }
    }
}

impl<'c> AsyncHttpClient<'c> for Http {
    type Error = HttpClientError<reqwest::Error>;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, Self::Error>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(async move {
            // A host that is an address is not resolved, so it is checked here; a name is
            // checked by the resolver.
            let host = request.uri().host().unwrap_or_default();
            let literal = host.trim_start_matches('[').trim_end_matches(']');
            if let Ok(ip) = literal.parse::<IpAddr>()
                && !self.allow_private
                && !is_public(ip)
            {
                return Err(HttpClientError::Other(PRIVATE.to_owned()));
            }
            self.client.call(request).await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_loopback_issuer_is_refused_unless_allowed() {
        let oidc = Oidc::new(false);
        assert_eq!(
            oidc.metadata("http://127.0.0.1:9").await.err(),
            Some(Failure::Private)
        );
        assert_eq!(
            oidc.metadata("http://localhost:9").await.err(),
            Some(Failure::Private)
        );
        let allowed = Oidc::new(true);
        assert_eq!(
            allowed.metadata("http://127.0.0.1:9").await.err(),
            Some(Failure::Unavailable)
        );
    }
}
