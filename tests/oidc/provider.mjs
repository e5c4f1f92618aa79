// A real OpenID provider for the tests: npm's `oidc-provider` (installed by scripts/test under
// target/oidc, pinned), configured here and started by the test harness (tests/api/sso.rs).
//
// Environment:
//   OIDC_MODULES   the node_modules folder holding oidc-provider
//   OIDC_PORT      the port to listen on (127.0.0.1)
//   OIDC_CLIENTS   JSON: [{ "client_id", "client_secret", "redirect_uris": [...] }]
//   OIDC_ACCOUNTS  a JSON file, read at each sign-in (a test changes a person's groups by
//                  rewriting it): { "<login>": { "email", "name", "groups": [...] } }; the
//                  login is the subject (`sub`)
//   OIDC_KID       the signing key's id (two instances may share it with different keys)
//   OIDC_TAMPER    unset, or how the token endpoint's answer is spoiled after oidc-provider
//                  made it, for the tests of a console that must refuse it: `audience` (the
//                  ID token re-signed with this provider's key, for another client),
//                  `expired` (re-signed, expired an hour ago) or `signature` (its signature's
//                  bytes flipped)
//
// The login page is oidc-provider's development interaction (any password); consent is
// granted for our clients without a page. Claims are put in the ID token (as Keycloak and
// Entra ID do for a groups mapper) rather than only at the userinfo endpoint.

import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const modules = process.env.OIDC_MODULES;
const port = Number(process.env.OIDC_PORT);
const clients = JSON.parse(process.env.OIDC_CLIENTS ?? '[]');
const accounts = () => JSON.parse(readFileSync(process.env.OIDC_ACCOUNTS, 'utf8'));
const kid = process.env.OIDC_KID ?? 'test-key';
const tamper = process.env.OIDC_TAMPER ?? '';
if (!['', 'audience', 'expired', 'signature'].includes(tamper)) {
  throw new Error(`OIDC_TAMPER=${tamper}: audience, expired or signature`);
}

const { default: Provider } = await import(
  pathToFileURL(join(modules, 'oidc-provider', 'lib', 'index.js')).href
);

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };

const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients,
  jwks: { keys: [jwk] },
  cookies: { keys: ['readiness-console-tests'] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'groups'],
  },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  ttl: { IdToken: 3600, AccessToken: 3600, AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600 },
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      return ctx.oidc.provider.Grant.find(grantId);
    }
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    grant.addOIDCClaims(['email', 'email_verified', 'name', 'groups']);
    await grant.save();
    return grant;
  },
  async findAccount(ctx, id) {
    const account = accounts()[id] ?? { email: `${id}@example.test`, name: id, groups: [] };
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: account.email,
          email_verified: true,
          name: account.name,
          groups: account.groups,
        };
      },
    };
  },
});

// The token endpoint's answer, spoiled once oidc-provider has made it (a Koa middleware on
// the provider: it runs around the endpoint, and sees the body before Koa sends it).
if (tamper) {
  // `jose` is oidc-provider's own dependency, installed beside it.
  const jose = await import(pathToFileURL(join(modules, 'jose', 'dist', 'webapi', 'index.js')).href);
  const signingKey = await jose.importJWK(jwk, 'RS256');
  const json = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  const spoil = async (idToken) => {
    const [header, payload, signature] = idToken.split('.');
    if (tamper === 'signature') {
      const bytes = Buffer.from(signature, 'base64url');
      bytes[0] ^= 0xff;
      bytes[bytes.length - 1] ^= 0xff;
      return `${header}.${payload}.${bytes.toString('base64url')}`;
    }
    const claims = json(payload);
    if (tamper === 'audience') {
      claims.aud = 'another-client';
    } else {
      const now = Math.floor(Date.now() / 1000);
      claims.iat = now - 7200;
      claims.exp = now - 3600;
    }
    // The same protected header (alg, kid): only the claims differ, signed with the key the
    // provider's JWKS publishes, so the signature verifies.
    return new jose.CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
      .setProtectedHeader(json(header))
      .sign(signingKey);
  };
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && typeof ctx.body?.id_token === 'string') {
      ctx.body = { ...ctx.body, id_token: await spoil(ctx.body.id_token) };
    }
  });
}

provider.listen(port, '127.0.0.1', () => {
  process.stdout.write(`ready ${issuer}\n`);
});
