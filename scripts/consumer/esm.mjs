// A consumer's ESM program: typed call against the mock server, then the msw handlers offline.
import { createKrakenClient, loginWith, VerifyIdentityDocument, GetHostedUrlForNewPaymentInstructionDocument } from 'kraken-sdk/st';
import { isKrakenError } from 'kraken-sdk';
import { krakenHandlers } from 'kraken-sdk/mocks';
import { setupServer } from 'msw/node';

const apiUrl = process.argv[2];
const client = createKrakenClient({ endpoint: apiUrl, auth: loginWith({ email: 'user@example.com', password: 'correct-password' }) });
const verified = await client.request(VerifyIdentityDocument, { input: { email: 'user@example.com' } });
if (typeof verified.verifyIdentity?.token !== 'string') throw new Error(`unexpected answer ${JSON.stringify(verified)}`);

const anonymous = createKrakenClient({ endpoint: apiUrl });
const failed = await anonymous.safeRequest(GetHostedUrlForNewPaymentInstructionDocument, { input: {} });
if (!failed.error || !isKrakenError(failed.error) || failed.error.code !== 'KT-CT-1112') throw new Error('expected KT-CT-1112');

// Offline: msw intercepts the brand's real endpoint.
const server = setupServer(...krakenHandlers({ brand: 'st' }));
server.listen({ onUnhandledRequest: 'error' });
try {
  const offline = createKrakenClient({ auth: loginWith({ email: 'user@example.com', password: 'correct-password' }) });
  const answer = await offline.request(VerifyIdentityDocument, { input: {} });
  if (typeof answer.verifyIdentity?.token !== 'string') throw new Error('msw answer missing token');
} finally {
  server.close();
}
console.log('esm ok');
