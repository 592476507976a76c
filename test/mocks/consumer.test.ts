import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { createKrakenClient } from '../../src/generated/st/client.js';
import { AssociateCallWithAccountDocument } from '../../src/generated/st/documents.js';
import { createKrakenMock, mockKrakenError, mockKrakenRateLimit } from '../../mocks/index.js';
import { startMockKrakenServer } from '../../mocks/node.js';
import { loginWith } from '../../src/index.js';

let clock = Date.UTC(2025, 0, 1);
const now = () => clock;
const mock = createKrakenMock({ brand: 'st', now });
const server = setupServer(...mock.handlers);
const credentials = { email: 'user@example.com', password: 'correct-password' };
const variables = { input: { accountNumber: 'A-123' } };

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  mock.state.reset();
  clock = Date.UTC(2025, 0, 1);
});
afterAll(() => server.close());

describe('the st client against krakenHandlers', () => {
  it('logs in once, then calls an authenticated operation', async () => {
    const client = createKrakenClient({ auth: loginWith(credentials), now });
    const first = await client.request(AssociateCallWithAccountDocument, variables);
    await client.request(AssociateCallWithAccountDocument, variables);
    expect(first.associateCallWithAccount).toBeTruthy();
    expect(mock.state.obtainKrakenTokenCalls).toBe(1);
    expect(mock.state.countOf('AssociateCallWithAccount')).toBe(2);
  });

  it('gets a new token after the mock token expires', async () => {
    const client = createKrakenClient({ auth: loginWith(credentials), now });
    await client.request(AssociateCallWithAccountDocument, variables);
    clock += 3601_000;
    await client.request(AssociateCallWithAccountDocument, variables);
    expect(mock.state.issuedTokens).toBe(2);
    expect(mock.state.requests.filter((record) => record.errorCodes.length > 0)).toEqual([]);
  });

  it('surfaces a documented error from mockKrakenError with its documented message', async () => {
    server.use(mockKrakenError(AssociateCallWithAccountDocument, 'KT-CT-4178'));
    const client = createKrakenClient({ auth: loginWith(credentials), now });
    const result = await client.safeRequest(AssociateCallWithAccountDocument, variables);
    expect(result.error?.code).toBe('KT-CT-4178');
    expect(result.error?.message).toContain('No account found with given account number.');
  });

  it('surfaces rate limiting', async () => {
    server.use(mockKrakenRateLimit(AssociateCallWithAccountDocument, { retryAfterSeconds: 1 }));
    const client = createKrakenClient({ auth: loginWith(credentials), now });
    const result = await client.safeRequest(AssociateCallWithAccountDocument, variables);
    expect(result.error?.code).toBe('KT-CT-1199');
  });
});

describe('the st client against startMockKrakenServer', () => {
  it('works over real HTTP', async () => {
    const mockServer = await startMockKrakenServer({ brand: 'st' });
    server.close(); // let fetch reach the real server
    try {
      const client = createKrakenClient({ endpoint: mockServer.apiUrl, auth: loginWith(credentials) });
      const data = await client.request(AssociateCallWithAccountDocument, variables);
      expect(data.associateCallWithAccount).toBeTruthy();
      expect(mockServer.state.obtainKrakenTokenCalls).toBe(1);
    } finally {
      await mockServer.close();
      server.listen({ onUnhandledFrame: 'error' });
    }
  });
});
