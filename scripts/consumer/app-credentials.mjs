// An app's tests against the packed mock server with its default options: the app's own email and
// password, and a token it got elsewhere ({ token } and getToken), are accepted.
import { createKrakenClient, loginWith, AcceptGoodsQuoteDocument } from 'kraken-sdk/st';

const endpoint = process.argv[2];
const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const appToken = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub: 'my-app-user', exp: Math.floor(Date.now() / 1000) + 3600 })}.c2ln`;

const auths = {
  'own email and password': loginWith({ email: 'test@myapp.dev', password: 'hunter2' }),
  'own token': { token: appToken },
  'own getToken': { getToken: async () => appToken },
};
for (const [name, auth] of Object.entries(auths)) {
  const { error } = await createKrakenClient({ endpoint, auth }).safeRequest(AcceptGoodsQuoteDocument, { input: { quoteId: 'q-1' } });
  if (error !== undefined) throw new Error(`the default mock refused the app's ${name}: ${error.code ?? error.message}`);
}
console.log(`app credentials ok: ${Object.keys(auths).join(', ')}`);
