// The README's examples, compiled: if the public API drifts from the README, this fails.
import { expectTypeOf, test } from 'vitest';
import { setupServer } from 'msw/node';
import { createKrakenClient, AcceptGoodsQuoteDocument } from '../../src/brands/st.js';
import { isKrakenError } from '../../src/index.js';
import { krakenHandlers, mockKrakenError } from '../../mocks/index.js';
import { loginWith } from '../../src/index.js';

test('README: typed call and typed error handling', () => {
  async function readmeExample(): Promise<void> {
    const kraken = createKrakenClient({ auth: loginWith({ email: 'me@example.com', password: process.env.KRAKEN_PASSWORD ?? '' }) });
    try {
      const { acceptGoodsQuote } = await kraken.request(AcceptGoodsQuoteDocument, { input: { quoteId: 'q-123' } });
      console.log(acceptGoodsQuote?.goodsPurchase?.__typename);
    } catch (error) {
      if (isKrakenError(error, AcceptGoodsQuoteDocument)) {
        if (error.code === 'KT-CT-8201') console.error('That quote id is not valid.');
        else if (error.kind === 'rate-limit') console.error(`Retry in ${error.retryAfterMs ?? 'a while'} ms.`);
        else throw error;
      } else throw error;
    }
  }
  expectTypeOf(readmeExample).returns.resolves.toBeVoid();
});

test('README: testing with the mocks', () => {
  const server = setupServer(...krakenHandlers({ brand: 'st' }));
  server.use(mockKrakenError(AcceptGoodsQuoteDocument, 'KT-CT-8201'));
  // @ts-expect-error only documented codes compile
  mockKrakenError(AcceptGoodsQuoteDocument, 'KT-CT-0000');
  expectTypeOf(server.use).toBeFunction();
});
