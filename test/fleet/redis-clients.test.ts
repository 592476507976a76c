// Issue 31: createRedisSessionStore takes the clients Node services run, as they are: node-redis 4–6
// (client or cluster) and ioredis 5–6 (client or cluster), on one redis-server and on a 3-node Redis
// Cluster started here. Two Kraken clients on one Redis client share one login, and the session is in
// Redis. Anything else is refused when the store is built, naming what it is and what is accepted.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseOpenPrintBatchDocument, createKrakenClient } from 'kraken-sdk/st';
import type { KrakenError } from 'kraken-sdk';
import { createRedisSessionStore } from 'kraken-sdk/redis';
import { startMockKrakenServer } from 'kraken-sdk/mocks/node';
import type { MockKrakenServer } from 'kraken-sdk/mocks/node';
import { REDIS_CLIENTS } from './redis-clients.js';
import type { ConnectedRedis } from './redis-clients.js';
import { redisServerAvailable, startRedisCluster, startRedisServer } from './redis-server.js';
import type { RedisCluster, RedisServer } from './redis-server.js';
import { loginWith } from 'kraken-sdk';

const ACCEPTED = /client must be a connected node-redis client, pool or cluster \(redis v4–v6: createClient, createClientPool, createCluster\) or an ioredis client or cluster \(v5–v6: new Redis, new Cluster\)/;

describe('a client of no accepted shape is refused when the store is built', () => {
  it.each([
    ['a plain object', {}, 'got a plain object with none of sendCommand, call, isOpen, status'],
    ['a Memcached-like client', new (class Memcached { get() {} })(), 'got an object of class Memcached with none of sendCommand, call, isOpen, status'],
    ['a bare sendCommand', { sendCommand: async () => 'OK' }, 'got a plain object with only sendCommand'],
    ['nothing', undefined, 'got undefined'],
  ])('%s', (_name, client, named) => {
    expect(() => createRedisSessionStore({ client: client as never })).toThrow(ACCEPTED);
    expect(() => createRedisSessionStore({ client: client as never })).toThrow(named);
  });
});

describe.skipIf(!redisServerAvailable())('every accepted Redis client shares one session', { timeout: 60_000 }, () => {
  let single: RedisServer;
  let cluster: RedisCluster;
  let kraken: MockKrakenServer;
  const API_KEY = 'sk_live_redis_clients_key';

  beforeAll(async () => {
    [single, cluster, kraken] = await Promise.all([startRedisServer(), startRedisCluster(), startMockKrakenServer({ brand: 'st', credentials: { apiKeys: [API_KEY] } })]);
  }, 60_000);
  afterAll(async () => {
    await kraken?.close();
    await Promise.all([single?.stop(), cluster?.stop()]);
  });

  /** Each client kind on a single node and on a cluster. */
  const EVERY_DEPLOYMENT = REDIS_CLIENTS.flatMap((kind) => (['single', 'cluster'] as const).map((deployment) => [kind, deployment] as const)).map(([kind, deployment]) => [`${kind.name}, ${deployment}`, kind, deployment] as const);

  /** The deployment's ports, and a connection of `kind` to it. */
  const connectTo = async (kind: (typeof REDIS_CLIENTS)[number], deployment: 'single' | 'cluster'): Promise<{ ports: readonly number[]; connection: ConnectedRedis }> => {
    const ports = deployment === 'single' ? [single.port] : cluster.ports;
    return { ports, connection: await kind.connect(deployment === 'single' ? { kind: 'single', port: single.port } : { kind: 'cluster', ports }) };
  };

  /** Every key on the deployment's nodes (a cluster's keys live on the node owning their slot). */
  const keysOn = (ports: readonly number[]): string[] =>
    ports.flatMap((port) => spawnSync('redis-cli', ['-p', String(port), '--scan'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean));

  it.each(EVERY_DEPLOYMENT)(
    '%s: 2 clients on one Redis client, 1 login, the session key in Redis',
    async (_name, kind, deployment) => {
      const { ports, connection } = await connectTo(kind, deployment);
      try {
        // A prefix per case: the cases share the servers.
        const prefix = `kraken-sdk-${kind.name.replace(/\W+/g, '-')}-${deployment}`;
        const warnings: KrakenError[] = [];
        const store = createRedisSessionStore({ client: connection.client, prefix });
        const clients = [0, 1].map(() => createKrakenClient({ endpoint: kraken.apiUrl, auth: loginWith({ apiKey: API_KEY }), store, onWarning: (warning) => void warnings.push(warning) }));
        const before = kraken.state.obtainKrakenTokenCalls;
        for (const client of clients) await client.request(CloseOpenPrintBatchDocument);
        expect(kraken.state.obtainKrakenTokenCalls - before).toBe(1);
        expect(warnings).toEqual([]);
        expect(keysOn(ports).filter((key) => key.startsWith(`${prefix}:`) && key.endsWith(':session'))).toHaveLength(1);
      } finally {
        await connection.close();
      }
    },
  );

  it.each(EVERY_DEPLOYMENT)(
    '%s: 10 processes whose key Kraken refuses (KT-CT-1138) make 1 login attempt; the store keeps the code only',
    async (_name, kind, deployment) => {
      const { ports, connection } = await connectTo(kind, deployment);
      try {
        const prefix = `kraken-sdk-refused-${kind.name.replace(/\W+/g, '-')}-${deployment}`;
        const REFUSED_KEY = `sk_live_refused_${prefix}`;
        // A store object per process, as each process of a fleet makes its own.
        const processes = Array.from({ length: 10 }, () =>
          createKrakenClient({ endpoint: kraken.apiUrl, auth: loginWith({ apiKey: REFUSED_KEY }), store: createRedisSessionStore({ client: connection.client, prefix }), onWarning: () => undefined }),
        );
        const before = kraken.state.obtainKrakenTokenCalls;
        const results = await Promise.all(processes.map((client) => client.safeRequest(CloseOpenPrintBatchDocument)));
        expect(kraken.state.obtainKrakenTokenCalls - before).toBe(1);
        expect(new Set(results.map((result) => `${result.error?.kind} ${result.error?.stage} ${result.error?.code}`))).toEqual(new Set(['auth login KT-CT-1138']));
        const refusedKeys = keysOn(ports).filter((key) => key.startsWith(`${prefix}:`) && key.endsWith(':refused'));
        expect(refusedKeys).toHaveLength(1);
        const port = deployment === 'single' ? single.port : ports.find((candidate) => keysOn([candidate]).includes(refusedKeys[0] ?? ''));
        const cli = (...args: string[]) => spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).stdout.trim();
        expect(cli('GET', refusedKeys[0] ?? '')).toBe('KT-CT-1138');
        expect(Number(cli('PTTL', refusedKeys[0] ?? ''))).toBeLessThanOrEqual(60_000);
        expect(Number(cli('PTTL', refusedKeys[0] ?? ''))).toBeGreaterThan(0);
      } finally {
        await connection.close();
      }
    },
  );
});
