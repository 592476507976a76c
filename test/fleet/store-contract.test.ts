// Issue 31: kraken-sdk/redis keeps the store contract (kraken-sdk/testing) on every client it accepts,
// on a single redis-server and on a 3-node Redis Cluster started here; "down" is the same client of a
// server (or cluster) stopped after it connected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisSessionStore } from 'kraken-sdk/redis';
import { checkSessionStore } from 'kraken-sdk/testing';
import { REDIS_CLIENTS } from './redis-clients.js';
import type { ConnectedRedis, Deployment } from './redis-clients.js';
import { redisServerAvailable, startRedisCluster, startRedisServer } from './redis-server.js';
import type { RedisCluster, RedisServer } from './redis-server.js';

const LEASE_MS = 300;

describe.skipIf(!redisServerAvailable())('the Redis store keeps the store contract', { timeout: 60_000 }, () => {
  let single: RedisServer;
  let cluster: RedisCluster;
  let doomedSingle: RedisServer;
  let doomedCluster: RedisCluster;
  const open: ConnectedRedis[] = [];
  const connections = new Map<string, { up: ConnectedRedis; down: ConnectedRedis }>();

  const deployments = (): Record<'single' | 'cluster', { up: Deployment; down: Deployment }> => ({
    single: { up: { kind: 'single', port: single.port }, down: { kind: 'single', port: doomedSingle.port } },
    cluster: { up: { kind: 'cluster', ports: cluster.ports }, down: { kind: 'cluster', ports: doomedCluster.ports } },
  });

  beforeAll(async () => {
    [single, cluster, doomedSingle, doomedCluster] = await Promise.all([startRedisServer(), startRedisCluster(), startRedisServer(), startRedisCluster()]);
    for (const kind of REDIS_CLIENTS) {
      for (const [name, { up, down }] of Object.entries(deployments())) {
        const pair = { up: await kind.connect(up), down: await kind.connect(down) };
        open.push(pair.up, pair.down);
        connections.set(`${kind.name} ${name}`, pair);
      }
    }
    // Every "down" client connected first; now their servers are gone.
    await Promise.all([doomedSingle.stop(), doomedCluster.stop()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(open.map((connection) => connection.close()));
    await Promise.all([single?.stop(), cluster?.stop()]);
  });

  it.concurrent.each(REDIS_CLIENTS.flatMap((kind) => (['single', 'cluster'] as const).map((deployment) => `${kind.name} ${deployment}`)))('%s', async (name) => {
    const { up, down } = connections.get(name) as { up: ConnectedRedis; down: ConnectedRedis };
    const failures = await checkSessionStore({
      open: () => createRedisSessionStore({ client: up.client, leaseMs: LEASE_MS }),
      openDown: () => createRedisSessionStore({ client: down.client, leaseMs: LEASE_MS }),
    });
    expect(failures).toEqual([]);
  });
});
