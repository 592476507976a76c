// A consumer's CommonJS program: the same typed call through require().
const { createKrakenClient, VerifyIdentityDocument } = require('kraken-sdk/st');
const { KrakenError } = require('kraken-sdk');

async function main() {
  const client = createKrakenClient({ endpoint: process.argv[2], auth: { email: 'user@example.com', password: 'correct-password' } });
  const verified = await client.request(VerifyIdentityDocument, { input: {} });
  if (typeof verified.verifyIdentity?.token !== 'string') throw new Error(`unexpected answer ${JSON.stringify(verified)}`);
  const wrong = createKrakenClient({ endpoint: process.argv[2], auth: { email: 'user@example.com', password: 'wrong' } });
  const refused = await wrong.safeRequest(VerifyIdentityDocument, { input: {} });
  if (!(refused.error instanceof KrakenError) || refused.error.kind !== 'auth') throw new Error('expected an auth error');
  console.log('cjs ok');
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
