// Run in a consumer project where msw is NOT installed (it is an optional peer, needed only by the
// msw handlers): the packed bin's server answers a typed call, and kraken-sdk/mocks/node starts a
// server through import and require.
import { createRequire } from 'node:module';
import { createKrakenClient, loginWith, AcceptGoodsQuoteDocument } from 'kraken-sdk/st';
import { startMockKrakenServer } from 'kraken-sdk/mocks/node';

const require = createRequire(import.meta.url);
try {
  require.resolve('msw');
  throw new Error('msw is installed: this check needs a project without it');
} catch (error) {
  if (error.code !== 'MODULE_NOT_FOUND') throw error;
}

async function typedCall(endpoint) {
  const client = createKrakenClient({ endpoint, auth: loginWith({ email: 'user@example.com', password: 'correct-password' }) });
  const { acceptGoodsQuote } = await client.request(AcceptGoodsQuoteDocument, { input: { quoteId: 'q-1' } });
  if (acceptGoodsQuote === undefined) throw new Error(`no answer from ${endpoint}`);
}

await typedCall(process.argv[2]);
for (const start of [startMockKrakenServer, require('kraken-sdk/mocks/node').startMockKrakenServer]) {
  const server = await start({ brand: 'st', port: 0 });
  try {
    await typedCall(server.apiUrl);
  } finally {
    await server.close();
  }
}
console.log('without msw ok: the bin, and kraken-sdk/mocks/node through import and require');
