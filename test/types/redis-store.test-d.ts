// Issue 31: createRedisSessionStore's `client` accepts every client it runs on (node-redis 4–6 clients,
// pools and clusters; ioredis 5–6 clients and clusters), typed by shape, and refuses other objects at
// compile time. checkSessionStore's options and result are typed too.
import { Cluster as IoCluster5, Redis as IoRedis5 } from 'ioredis';
import { Cluster as IoCluster6, Redis as IoRedis6 } from 'ioredis-v6';
import { createClient, createClientPool, createCluster } from 'redis';
import { createClient as createClient4, createCluster as createCluster4 } from 'redis-v4';
import { createClient as createClient5, createClientPool as createClientPool5, createCluster as createCluster5 } from 'redis-v5';
import { expectTypeOf, test } from 'vitest';
import { createMemorySessionStore } from 'kraken-sdk';
import type { SessionStore } from 'kraken-sdk';
import { createRedisSessionStore } from 'kraken-sdk/redis';
import { checkSessionStore } from 'kraken-sdk/testing';
import type { StoreContractFailure, StoreContractRule } from 'kraken-sdk/testing';

test('every accepted client type-checks as it is', () => {
  createRedisSessionStore({ client: createClient() });
  createRedisSessionStore({ client: createClientPool() });
  createRedisSessionStore({ client: createCluster({ rootNodes: [] }) });
  createRedisSessionStore({ client: createClient5() });
  createRedisSessionStore({ client: createClientPool5() });
  createRedisSessionStore({ client: createCluster5({ rootNodes: [] }) });
  createRedisSessionStore({ client: createClient4() });
  createRedisSessionStore({ client: createCluster4({ rootNodes: [] }) });
  createRedisSessionStore({ client: new IoRedis5() });
  createRedisSessionStore({ client: new IoCluster5([]) });
  createRedisSessionStore({ client: new IoRedis6() });
  createRedisSessionStore({ client: new IoCluster6([]) });
});

test('other objects do not', () => {
  // @ts-expect-error a plain object is no Redis client
  createRedisSessionStore({ client: {} });
  // @ts-expect-error sendCommand alone is not a node-redis client
  createRedisSessionStore({ client: { sendCommand: async (args: readonly string[]) => args } });
  // @ts-expect-error a Map is no Redis client
  createRedisSessionStore({ client: new Map<string, string>() });
});

test('checkSessionStore: a store factory in, the broken rules out', async () => {
  const failures = await checkSessionStore({ open: () => createMemorySessionStore({ now: Date.now }), shortestExpiryMs: 1000 });
  expectTypeOf(failures).toEqualTypeOf<StoreContractFailure[]>();
  expectTypeOf(failures[0]?.rule).toEqualTypeOf<StoreContractRule | undefined>();
  expectTypeOf<Parameters<typeof checkSessionStore>[0]['open']>().returns.toEqualTypeOf<SessionStore | Promise<SessionStore>>();
  // @ts-expect-error open is required
  await checkSessionStore({ shortestExpiryMs: 1000 });
});

test("README (fleets): the node-redis, ioredis and cluster stores and the Workers KV wiring compile as written", () => {
  async function readmeFleet(): Promise<void> {
    const redis = createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true }).on('error', () => {});
    await redis.connect();
    const store = createRedisSessionStore({ client: redis, encryptionKey: Buffer.from(process.env.KRAKEN_SESSION_KEY ?? '', 'hex') });
    expectTypeOf(store).toEqualTypeOf<SessionStore>();
    const single = new IoRedis5(process.env.REDIS_URL ?? '', { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    const cluster = new IoCluster5([{ host: 'redis-0.internal', port: 6379 }], { enableOfflineQueue: false });
    createRedisSessionStore({ client: single });
    createRedisSessionStore({ client: cluster });
    createRedisSessionStore({ client: createCluster({ rootNodes: [{ url: process.env.REDIS_URL }], defaults: { disableOfflineQueue: true } }) });
  }
  expectTypeOf(readmeFleet).returns.resolves.toBeVoid();

  interface KeyValue {
    get(key: string): Promise<string | null>;
    put(key: string, value: string, ttlMs: number): Promise<void>;
    delete(key: string): Promise<void>;
  }
  const env = {} as { SESSIONS: { get(key: string): Promise<string | null>; put(key: string, value: string, options: { expirationTtl: number }): Promise<void>; delete(key: string): Promise<void> } };
  const kv: KeyValue = {
    get: (key) => env.SESSIONS.get(key),
    put: (key, value, ttlMs) => env.SESSIONS.put(key, value, { expirationTtl: Math.max(60, Math.ceil(ttlMs / 1000)) }),
    delete: (key) => env.SESSIONS.delete(key),
  };
  expectTypeOf(kv).toEqualTypeOf<KeyValue>();
});
