// Issue 20: kraken.rateLimit() reads the points allowance the mock keeps (a ledger charged per request),
// only when asked; a server without rateLimitInfo gets a clear error; a spent allowance is KT-CT-1199
// with Retry-After, and queryComplexity prices a query by the rule the mock enforces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockKrakenServer } from '../../mocks/node.js';
import type { MockKrakenServer } from '../../mocks/node.js';
import { createKrakenClient } from '../../src/client/index.js';
import type { KrakenDocument } from '../../src/client/index.js';
import { CONNECTION_SDL } from './fixture.js';

const NOW = Date.parse('2026-03-01T10:00:00Z');
let ledger: MockKrakenServer;
let without: MockKrakenServer;
beforeAll(async () => {
  [ledger, without] = await Promise.all([
    startMockKrakenServer({ brand: 'st', schema: CONNECTION_SDL, trafficFields: true, now: () => NOW, rateLimit: { allowance: 5, windowSeconds: 600 } }),
    startMockKrakenServer({ brand: 'st', schema: CONNECTION_SDL, trafficFields: false }),
  ]);
});
afterAll(async () => {
  await ledger?.close();
  await without?.close();
});

const AccountDocument: KrakenDocument<{ account: { number: string } | null }, Record<string, never>> = {
  kraken: { operationName: 'Account', endpoint: 'api', text: 'query Account { account(accountNumber: "A-1") { number } }' },
};
const ComplexityDocument: KrakenDocument<{ queryComplexity: { complexityValue: number } | null }, { query: string; variables?: string }> = {
  kraken: {
    operationName: 'Price',
    endpoint: 'api',
    text: 'query Price($query: String!, $variables: JSONString) { queryComplexity(input: { query: $query, variables: $variables }) { complexityValue } }',
  },
};

describe('rateLimit()', () => {
  it('reports the ledger: each request costs a point; never sent unasked; a spent allowance is KT-CT-1199 with Retry-After', async () => {
    ledger.state.reset();
    const client = createKrakenClient({ endpoint: ledger.apiUrl, retry: false, now: () => NOW });
    await client.request(AccountDocument);
    await client.request(AccountDocument);
    expect(ledger.state.countOf('rateLimitInfo')).toBe(0);
    await expect(client.rateLimit()).resolves.toEqual({ limit: 5, remainingPoints: 2, usedPoints: 3, resetsAt: NOW + 600_000, isBlocked: false });
    await client.request(AccountDocument);
    await client.request(AccountDocument);
    const spent = await client.request(AccountDocument).catch((error: unknown) => error);
    expect(spent).toMatchObject({ kind: 'rate-limit', code: 'KT-CT-1199', retryAfterMs: 600_000 });
    expect(ledger.state.countOf('rateLimitInfo')).toBe(1);
  });

  it('a spent allowance met by rateLimit() pauses the client until it resets: the next call is not sent', async () => {
    ledger.state.reset();
    const spender = createKrakenClient({ endpoint: ledger.apiUrl, retry: false, now: () => NOW });
    for (let index = 0; index < 5; index += 1) await spender.request(AccountDocument);
    // rateLimitInfo costs a point too, so once the allowance is spent it is refused (KT-CT-1199, Retry-After 600 s).
    const reader = createKrakenClient({ endpoint: ledger.apiUrl, retry: false, now: () => NOW });
    const refused = await reader.rateLimit().catch((error: unknown) => error);
    expect(refused).toMatchObject({ kind: 'rate-limit', retryAfterMs: 600_000 });
    const before = ledger.state.requests.length;
    expect(await reader.request(AccountDocument).catch((error: unknown) => error)).toMatchObject({ kind: 'rate-limit', mayHaveReachedServer: false, attempts: 0 });
    expect(ledger.state.requests.length).toBe(before);
  });

  it('a server without rateLimitInfo: a graphql error that says so', async () => {
    const client = createKrakenClient({ endpoint: without.apiUrl, retry: false });
    const error = await client.rateLimit().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'graphql', operationName: 'KrakenSdkRateLimit', status: 400, attempts: 1, origin: new URL(without.apiUrl).origin, errors: [expect.objectContaining({ message: expect.stringContaining('rateLimitInfo') })] });
    expect((error as Error).message).toBe('rateLimit(): this server has no rateLimitInfo field.');
    expect((error as Error).cause).toMatchObject({ kind: 'graphql', operationName: 'KrakenSdkRateLimit' });
  });

  it('an allowance without its numbers: an error naming the fields', async () => {
    const body = { data: { rateLimitInfo: { pointsAllowanceRateLimit: { limit: 5, remainingPoints: '2', usedPoints: 3, ttl: 600 } } } };
    const client = createKrakenClient({ endpoint: without.apiUrl, retry: false, fetch: () => Promise.resolve(Response.json(body)) });
    await expect(client.rateLimit()).rejects.toMatchObject({
      kind: 'http',
      operationName: 'KrakenSdkRateLimit',
      message: 'rateLimit(): limit remainingPoints usedPoints ttl must be numbers.',
    });
  });
});

describe('queryComplexity', () => {
  it('prices a query by the rule the mock enforces (and refuses above 200 with KT-CT-1188)', async () => {
    ledger.state.reset();
    const client = createKrakenClient({ endpoint: ledger.apiUrl, retry: false, now: () => NOW });
    const page = 'query P($first: Int) { account(accountNumber: "A-1") { transactions(first: $first) { edges { node { id } } pageInfo { hasNextPage } } } }';
    const priced = await client.request(ComplexityDocument, { query: page, variables: JSON.stringify({ first: 100 }) });
    expect(priced.queryComplexity?.complexityValue).toBe(302);
    const small = await client.request(ComplexityDocument, { query: page, variables: JSON.stringify({ first: 10 }) });
    expect(small.queryComplexity?.complexityValue).toBe(32);
  });
});
