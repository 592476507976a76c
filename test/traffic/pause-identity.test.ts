// Issue 28 items 2 and 3 (issue 30's one identity): a rate-limit pause belongs to the identity that met it.
// A per-call Authorization is its own identity (with or without a store); token clients on different
// endpoints or with different tokens sharing one Redis do not share a pause.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisClientType } from 'redis';
import { CloseOpenPrintBatchDocument, createKrakenClient } from 'kraken-sdk/st';
import { createMemorySessionStore } from 'kraken-sdk';
import type { SessionStore } from 'kraken-sdk';
import { createRedisSessionStore } from 'kraken-sdk/redis';
import { connectedClient, redisServerAvailable, startRedisServer } from '../fleet/redis-server.js';
import type { RedisServer } from '../fleet/redis-server.js';

const TENANT_A = 'tenant-A-token-5f1c2a';
const TENANT_B = 'tenant-B-token-9e7d3b';
const OK = { data: { closeOpenPrintBatch: { printBatch: { id: '1' } } } };
const LIMITED = { data: null, errors: [{ message: 'Too many requests.', extensions: { errorCode: 'KT-CT-1199' } }] };

/** Answers KT-CT-1199 (Retry-After 120 s) to the requests carrying `limited`, and OK to every other; counts what it is sent. */
function kraken(limited: string) {
  const sent: string[] = [];
  const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const authorization = new Headers(init?.headers).get('authorization') ?? '';
    sent.push(`${String(input)} ${authorization}`);
    const body = authorization === limited ? LIMITED : OK;
    return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', ...(body === LIMITED ? { 'retry-after': '120' } : {}) } }));
  };
  return { fetch, sent };
}

const tenant = (token: string) => ({ headers: { authorization: token }, retry: false as const });

describe('a per-call Authorization is its own identity (28.3)', () => {
  for (const [label, store] of [['no store', undefined], ['a memory store', createMemorySessionStore()]] as const) {
    it(`${label}: tenant A's KT-CT-1199 does not pause tenant B; A stays paused`, async () => {
      const { fetch, sent } = kraken(TENANT_A);
      const client = createKrakenClient({ endpoint: 'https://api.example.test/graphql/', fetch, ...(store ? { store: store as SessionStore } : {}) });
      await expect(client.request(CloseOpenPrintBatchDocument, undefined, tenant(TENANT_A))).rejects.toMatchObject({ kind: 'rate-limit' });
      await expect(client.request(CloseOpenPrintBatchDocument, undefined, tenant(TENANT_B))).resolves.toEqual(OK.data);
      const before = sent.length;
      await expect(client.request(CloseOpenPrintBatchDocument, undefined, tenant(TENANT_A))).rejects.toMatchObject({ kind: 'rate-limit', mayHaveReachedServer: false });
      expect(sent.length).toBe(before);
    });
  }
});

describe.skipIf(!redisServerAvailable())('token clients sharing one Redis (28.2)', { timeout: 60_000 }, () => {
  let server: RedisServer;
  let redis: RedisClientType;
  beforeAll(async () => {
    server = await startRedisServer();
    redis = await connectedClient(server);
  }, 60_000);
  afterAll(async () => {
    await redis?.quit();
    await server?.stop();
  });

  const store = () => createRedisSessionStore({ client: redis, prefix: `pause-identity-${Math.random().toString(36).slice(2)}` });

  it('two token clients on different endpoints do not share a pause', async () => {
    const shared = store();
    const { fetch, sent } = kraken(TENANT_A);
    const first = createKrakenClient({ endpoint: 'https://one.example.test/graphql/', fetch, auth: { token: TENANT_A }, store: shared, retry: false });
    const second = createKrakenClient({ endpoint: 'https://two.example.test/graphql/', fetch, auth: { token: TENANT_A }, store: shared, retry: false });
    await expect(first.request(CloseOpenPrintBatchDocument)).rejects.toMatchObject({ kind: 'rate-limit' });
    await expect(second.request(CloseOpenPrintBatchDocument)).rejects.toMatchObject({ kind: 'rate-limit', mayHaveReachedServer: true });
    expect(sent.filter((line) => line.startsWith('https://two.'))).toHaveLength(1);
  });

  // A trial found every getToken client (and every client without auth) of one store sharing one pause, under the
  // store's unscoped key: tenant A's KT-CT-1199 refused tenant B, on another endpoint, for 120 s.
  it.each([
    ['getToken clients', (token: string) => ({ auth: { getToken: () => Promise.resolve(token) } })],
    ['clients without auth', () => ({})],
  ])('two %s on different endpoints do not share a pause: it stays in the memory of the one that met it', async (_label, authOf) => {
    const prefix = `pause-unscoped-${Math.random().toString(36).slice(2)}`;
    const shared = createRedisSessionStore({ client: redis, prefix });
    const { fetch, sent } = kraken(TENANT_A);
    const limited = (input: RequestInfo | URL, init?: RequestInit) =>
      String(input).startsWith('https://one.') ? fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: TENANT_A } }) : fetch(input, init);
    const one = createKrakenClient({ endpoint: 'https://one.example.test/graphql/', fetch: limited, ...authOf(TENANT_A), store: shared, retry: false });
    const two = createKrakenClient({ endpoint: 'https://two.example.test/graphql/', fetch: limited, ...authOf(TENANT_B), store: shared, retry: false });
    const oneAgain = createKrakenClient({ endpoint: 'https://one.example.test/graphql/', fetch: limited, ...authOf(TENANT_A), store: shared, retry: false });
    await expect(one.request(CloseOpenPrintBatchDocument)).rejects.toMatchObject({ kind: 'rate-limit' });
    await expect(two.request(CloseOpenPrintBatchDocument)).resolves.toEqual(OK.data);
    // The one that met it stays paused; another client of that endpoint (no shared identity) asks the server itself.
    await expect(one.request(CloseOpenPrintBatchDocument)).rejects.toMatchObject({ kind: 'rate-limit', mayHaveReachedServer: false });
    await expect(oneAgain.request(CloseOpenPrintBatchDocument)).rejects.toMatchObject({ kind: 'rate-limit', mayHaveReachedServer: true });
    expect(sent.filter((line) => line.startsWith('https://two.'))).toHaveLength(1);
    expect(await redis.keys(`${prefix}*`)).toEqual([]);
  });

  it('a per-call Authorization on a client with this store: tenant A is paused in Redis for A only, and another process of A sees it', async () => {
    const shared = store();
    const { fetch, sent } = kraken(TENANT_A);
    const endpoint = 'https://api.example.test/graphql/';
    const client = createKrakenClient({ endpoint, fetch, store: shared });
    const otherProcess = createKrakenClient({ endpoint, fetch, store: shared });
    await expect(client.request(CloseOpenPrintBatchDocument, undefined, tenant(TENANT_A))).rejects.toMatchObject({ kind: 'rate-limit' });
    await expect(client.request(CloseOpenPrintBatchDocument, undefined, tenant(TENANT_B))).resolves.toEqual(OK.data);
    await expect(otherProcess.request(CloseOpenPrintBatchDocument, undefined, tenant(TENANT_B))).resolves.toEqual(OK.data);
    const before = sent.length;
    await expect(otherProcess.request(CloseOpenPrintBatchDocument, undefined, tenant(TENANT_A))).rejects.toMatchObject({ kind: 'rate-limit', mayHaveReachedServer: false });
    expect(sent.length).toBe(before);
  });

  it('two token clients with different tokens on one endpoint do not share a pause; the same token does', async () => {
    const shared = store();
    const { fetch } = kraken(TENANT_A);
    const endpoint = 'https://api.example.test/graphql/';
    const a = createKrakenClient({ endpoint, fetch, auth: { token: TENANT_A }, store: shared, retry: false });
    const b = createKrakenClient({ endpoint, fetch, auth: { token: TENANT_B }, store: shared, retry: false });
    const aAgain = createKrakenClient({ endpoint, fetch, auth: { token: TENANT_A }, store: shared, retry: false });
    await expect(a.request(CloseOpenPrintBatchDocument)).rejects.toMatchObject({ kind: 'rate-limit' });
    await expect(b.request(CloseOpenPrintBatchDocument)).resolves.toEqual(OK.data);
    await expect(aAgain.request(CloseOpenPrintBatchDocument)).rejects.toMatchObject({ kind: 'rate-limit', mayHaveReachedServer: false });
    const keys = await redis.keys('pause-identity-*');
    for (const key of keys) expect(key).not.toContain(TENANT_A);
  });
});
