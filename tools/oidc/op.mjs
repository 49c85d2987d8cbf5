// An OpenID Connect provider for Kansli's tests: panva's oidc-provider on 127.0.0.1, with
// login and consent given at once (no UI) for the account chosen by the test.
//
// Environment: OIDC_PORT (listen port), OIDC_REDIRECT (Kansli's callback URL).
// Accounts: alice (e-mail verified), mallory (e-mail not verified).
// GET /test/next-user?sub=NAME chooses who signs in next (default alice).
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT || 4455);
const redirect = process.env.OIDC_REDIRECT || 'http://127.0.0.1:8080/logga-in/sso/tillbaka';
const accounts = {
  alice: { email: 'alice@exempel.test', email_verified: true, name: 'Alice Andersson' },
  mallory: { email: 'mallory@exempel.test', email_verified: false, name: 'Mallory Mallsson' },
};
let nextUser = 'alice';

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: 'kansli',
    client_secret: 'kansli-test-secret',
    redirect_uris: [redirect],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount: async (ctx, sub) => ({
    accountId: sub,
    claims: async () => ({ sub, ...accounts[sub] }),
  }),
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['test-only-cookie-key'] },
});

provider.use(async (ctx, next) => {
  if (ctx.path === '/test/next-user') {
    nextUser = ctx.query.sub in accounts ? ctx.query.sub : 'alice';
    ctx.body = { next: nextUser };
    return;
  }
  if (!ctx.path.startsWith('/interaction/')) return next();
  const { params } = await provider.interactionDetails(ctx.req, ctx.res);
  const grant = new provider.Grant({ accountId: nextUser, clientId: params.client_id });
  grant.addOIDCScope(params.scope);
  const grantId = await grant.save();
  const to = await provider.interactionResult(ctx.req, ctx.res,
    { login: { accountId: nextUser }, consent: { grantId } }, { mergeWithLastSubmission: false });
  ctx.status = 303;
  ctx.redirect(to);
});

provider.listen(port, '127.0.0.1', () => console.log(`oidc test provider on http://127.0.0.1:${port}`));
