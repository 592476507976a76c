// Issue 28 item 5: a lease key left without expiry (a crashed holder on a store that lost its TTL, or a
// planted key) must not lock the fleet out: a waiter gives up after the lease's own TTL and logs in
// itself, once. Real redis-server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisClientType } from 'redis';
import { CloseOpenPrintBatchDocument, createKrakenClient } from 'kraken-sdk/st';
import { createRedisSessionStore } from 'kraken-sdk/redis';
import { startMockKrakenServer } from 'kraken-sdk/mocks/node';
import type { MockKrakenServer } from 'kraken-sdk/mocks/node';
import { connectedClient, redisServerAvailable, startRedisServer } from '../fleet/redis-server.js';
import type { RedisServer } from '../fleet/redis-server.js';

const API_KEY = 'sk_test_stuck_lease_key';
const LEASE_MS = 400;

describe.skipIf(!redisServerAvailable())('a lease key without expiry (28.5)', { timeout: 60_000 }, () => {
  let server: RedisServer;
  let redis: RedisClientType;
  let mock: MockKrakenServer;
  beforeAll(async () => {
    [server, mock] = await Promise.all([startRedisServer(), startMockKrakenServer({ brand: 'st', credentials: { apiKeys: [API_KEY] } })]);
    redis = await connectedClient(server);
  }, 60_000);
  afterAll(async () => {
    await redis?.quit();
    await server?.stop();
    await mock?.close();
  });

  it('waiters give up after the lease TTL and log in once each process, instead of timing out', async () => {
    const prefix = 'stuck-lease';
    const clientOn = () =>
      createKrakenClient({ endpoint: mock.apiUrl, auth: { apiKey: API_KEY }, store: createRedisSessionStore({ client: redis, prefix, leaseMs: LEASE_MS }), timeoutMs: 5_000, retry: false });
    // A first login finds the keys' names; then the session goes and a lease stays forever.
    await clientOn().request(CloseOpenPrintBatchDocument);
    const [sessionKey] = await redis.keys(`${prefix}:*:session`);
    expect(sessionKey).toBeDefined();
    await redis.del(sessionKey as string);
    await redis.set((sessionKey as string).replace(/:session$/, ':lease'), 'held-forever');
    expect(await redis.pTTL((sessionKey as string).replace(/:session$/, ':lease'))).toBe(-1);
    const logins = mock.state.obtainKrakenTokenCalls;
    const client = clientOn();
    const startedAt = Date.now();
    const results = await Promise.all(Array.from({ length: 5 }, () => client.request(CloseOpenPrintBatchDocument).then(() => 'ok', (error: Error) => error.message)));
    expect(results).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(Date.now() - startedAt).toBeLessThan(4_000);
    expect(mock.state.obtainKrakenTokenCalls - logins).toBe(1);
  });
});
