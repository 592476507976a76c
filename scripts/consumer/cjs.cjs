// A consumer's CommonJS program: the same typed call through require().
const { createKrakenClient, loginWith, VerifyIdentityDocument, AcceptGoodsQuoteDocument } = require('kraken-sdk/st');
const { KrakenError } = require('kraken-sdk');

async function main() {
  const client = createKrakenClient({ endpoint: process.argv[2], auth: loginWith({ email: 'user@example.com', password: 'correct-password' }) });
  const verified = await client.request(VerifyIdentityDocument, { input: {} });
  if (typeof verified.verifyIdentity?.token !== 'string') throw new Error(`unexpected answer ${JSON.stringify(verified)}`);
  // The default mock accepts any credentials and JWT-shaped token; a token that is not a JWT is refused.
  const wrong = createKrakenClient({ endpoint: process.argv[2], auth: { token: 'not-a-jwt' } });
  const refused = await wrong.safeRequest(AcceptGoodsQuoteDocument, { input: { quoteId: 'q-1' } });
  if (!(refused.error instanceof KrakenError) || refused.error.kind !== 'auth' || refused.error.code !== 'KT-CT-1111') {
    throw new Error(`expected an auth error KT-CT-1111, got ${refused.error?.code ?? 'none'}`);
  }
  console.log('cjs ok');
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
