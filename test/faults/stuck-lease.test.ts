// Issue 28 item 5: a lease key left without expiry (a crashed holder on a store that lost its TTL, or a
// planted key) must not lock the fleet out: a waiter gives up after the lease's own TTL and logs in
// itself, once. Real redis-server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisClientType } from 'redis';
import { CloseOpenPrintBatchDocument, createKrakenClient } from 'kraken-sdk/st';
import { createRedisSessionStore } from 'kraken-sdk/redis';
import { startMockKrakenServer } from 'kraken-sdk/mocks/node';
import type { MockKrakenServer } from 'kraken-sdk/mocks/node';
import type { SessionStore } from 'kraken-sdk';
import { connectedClient, redisServerAvailable, startRedisServer } from '../fleet/redis-server.js';
import type { RedisServer } from '../fleet/redis-server.js';
import { loginWith } from 'kraken-sdk';

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
      createKrakenClient({ endpoint: mock.apiUrl, auth: loginWith({ apiKey: API_KEY }), store: createRedisSessionStore({ client: redis, prefix, leaseMs: LEASE_MS }), timeoutMs: 5_000, retry: false });
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

// The lease of a holder that died expires between a waiter's last try to take it and its question of how long
// the lease has left: "none held" must send the waiter back to take it (one of them wins), not to log in
// itself (each waiter did: 3 logins for 3 processes, seen in the fleet test under load).
describe('a lease that expires while a waiter asks about it', () => {
  it('sends the waiters back to take it: one login for the fleet', async () => {
    const mock = await startMockKrakenServer({ brand: 'st', credentials: { apiKeys: [API_KEY] } });
    try {
      let session: unknown;
      let holder: string | undefined = 'a process that died';
      let expiryAsked = false;
      const store: SessionStore = {
        get: async () => session as never,
        set: async (value) => void (session = value),
        lease: {
          ttlMs: 150,
          acquire: async () => {
            if (holder !== undefined) return undefined;
            const mine = `holder-${Math.random()}`;
            holder = mine;
            return { release: async () => void (holder === mine && (holder = undefined)) };
          },
          // The dead holder's lease runs out exactly now: none is held any more.
          expiresInMs: async () => {
            if (!expiryAsked) {
              expiryAsked = true;
              if (holder === 'a process that died') holder = undefined;
            }
            return undefined;
          },
        },
      };
      const fleet = Array.from({ length: 3 }, () => createKrakenClient({ endpoint: mock.apiUrl, auth: loginWith({ apiKey: API_KEY }), store, retry: false, timeoutMs: 5_000 }));
      const results = await Promise.all(fleet.map((client) => client.request(CloseOpenPrintBatchDocument).then(() => 'ok', (error: Error) => error.message)));
      expect(results).toEqual(['ok', 'ok', 'ok']);
      expect(expiryAsked).toBe(true);
      expect(mock.state.obtainKrakenTokenCalls).toBe(1);
    } finally {
      await mock.close();
    }
  });
});
