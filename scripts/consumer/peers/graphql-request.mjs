// kraken-sdk/graphql-request with the graphql-request major installed here: login, typed call, classified error.
import { readFileSync } from 'node:fs';
import { isKrakenError } from 'kraken-sdk';
import { graphqlRequestTransport } from 'kraken-sdk/graphql-request';
import { startMockKrakenServer } from 'kraken-sdk/mocks/node';
import { createKrakenClient, loginWith, GetHostedUrlForNewPaymentInstructionDocument, VerifyIdentityDocument } from 'kraken-sdk/st';

const server = await startMockKrakenServer({ brand: 'st' });
try {
  const transport = graphqlRequestTransport();
  const client = createKrakenClient({ endpoint: server.apiUrl, transport, auth: loginWith({ email: 'user@example.com', password: 'correct-password' }) });
  const { verifyIdentity } = await client.request(VerifyIdentityDocument, { input: { email: 'user@example.com' } });
  if (typeof verifyIdentity?.token !== 'string') throw new Error('typed call: no token');
  const failed = await createKrakenClient({ endpoint: server.apiUrl, transport }).safeRequest(GetHostedUrlForNewPaymentInstructionDocument, { input: {} });
  if (!isKrakenError(failed.error) || failed.error.code !== 'KT-CT-1112') throw new Error(`expected KT-CT-1112, got ${failed.error}`);
  if (server.state.countOf('ObtainKrakenToken') !== 1) throw new Error('expected one login');
} finally {
  await server.close();
}
// Read from the folder: graphql-request's exports do not include package.json.
const { version } = JSON.parse(readFileSync('node_modules/graphql-request/package.json', 'utf8'));
console.log(`graphql-request ${version}: login, typed call, KT-CT-1112 through graphqlRequestTransport`);
