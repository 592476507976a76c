// A consumer app's vitest suite against kraken-sdk/mocks, run as is with msw 2 (Node 20) and msw 3 (Node 24).
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { setupServer } from 'msw/node';
import { isKrakenError } from 'kraken-sdk';
import { createKrakenMock, mockKrakenDelay, mockKrakenError, mockKrakenNetworkError, mockKrakenResult } from 'kraken-sdk/mocks';
import { AcceptGoodsQuoteDocument, createKrakenClient, loginWith, VerifyIdentityDocument } from 'kraken-sdk/st';

const mock = createKrakenMock({ brand: 'st' });
const server = setupServer(...mock.handlers);
// msw 2 calls the option onUnhandledRequest, msw 3 onUnhandledFrame; each ignores the other's.
beforeAll(() => server.listen({ onUnhandledRequest: 'error', onUnhandledFrame: 'error' } as Parameters<typeof server.listen>[0]));
afterEach(() => {
  server.resetHandlers();
  mock.state.reset();
});
afterAll(() => server.close());

const kraken = () => createKrakenClient({ auth: loginWith({ email: 'user@example.com', password: 'correct-password' }), retry: false });

test('the default mock logs in and answers a documented mutation', async () => {
  const { verifyIdentity } = await kraken().request(VerifyIdentityDocument, { input: { email: 'user@example.com' } });
  expect(typeof verifyIdentity?.token).toBe('string');
  expect(mock.state.countOf('ObtainKrakenToken')).toBe(1);
});

test('a scenario answers with a documented code, typed by the operation', async () => {
  server.use(mockKrakenError(AcceptGoodsQuoteDocument, 'KT-CT-8201', { once: true }));
  const failed = await kraken().safeRequest(AcceptGoodsQuoteDocument, { input: { quoteId: 'q-1' } });
  expect(isKrakenError(failed.error, AcceptGoodsQuoteDocument) && failed.error.code).toBe('KT-CT-8201');
  // once: the next call reaches the default mock.
  const answered = await kraken().safeRequest(AcceptGoodsQuoteDocument, { input: { quoteId: 'q-1' } });
  expect(answered.error).toBeUndefined();
});

test('mockKrakenResult answers the fields given, null for the nullable ones left out', async () => {
  server.use(mockKrakenResult(VerifyIdentityDocument, { verifyIdentity: { token: 'scenario-token' } }));
  const { verifyIdentity } = await kraken().request(VerifyIdentityDocument, { input: {} });
  expect(verifyIdentity?.token).toBe('scenario-token');
});

test('a network failure and a delay that passes the request on', async () => {
  server.use(mockKrakenNetworkError(AcceptGoodsQuoteDocument, { once: true }), mockKrakenDelay(VerifyIdentityDocument, 20));
  const failed = await kraken().safeRequest(AcceptGoodsQuoteDocument, { input: { quoteId: 'q-1' } });
  expect(failed.error?.kind).toBe('network');
  const { verifyIdentity } = await kraken().request(VerifyIdentityDocument, { input: {} });
  expect(typeof verifyIdentity?.token).toBe('string');
});
