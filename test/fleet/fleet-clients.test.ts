// Issue 31: the fleet on the Redis that users run. For node-redis and ioredis, on one redis-server and on a
// 3-node Redis Cluster started here: 4 real processes × 100 concurrent calls make 1 login, and after one
// process meets KT-CT-1199 (Retry-After 120 s) the other 3 send 0 requests. Prints the fleet table.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockKrakenServer } from 'kraken-sdk/mocks/node';
import type { MockKrakenServer } from 'kraken-sdk/mocks/node';
import { startFleet } from './fleet.js';
import { redisServerAvailable, startRedisCluster, startRedisServer } from './redis-server.js';
import type { RedisCluster, RedisServer } from './redis-server.js';

const FLEET_SIZE = 4;
const CALLS = 100;
const STEP_TIMEOUT_MS = 120_000;
const CASES = (['node-redis 6', 'ioredis 5'] as const).flatMap((client) => (['single node', '3-node cluster'] as const).map((deployment) => ({ client, deployment })));
const apiKeyOf = (index: number): string => `sk_live_fleet_clients_${index}_secret`;

describe.skipIf(!redisServerAvailable())('a fleet on node-redis and ioredis, one node and a cluster', { timeout: STEP_TIMEOUT_MS }, () => {
  let single: RedisServer;
  let cluster: RedisCluster;
  let kraken: MockKrakenServer;
  const table: string[] = [];

  beforeAll(async () => {
    [single, cluster, kraken] = await Promise.all([
      startRedisServer(),
      startRedisCluster(),
      startMockKrakenServer({ brand: 'st', credentials: { apiKeys: CASES.map((_, index) => apiKeyOf(index)) } }),
    ]);
  }, STEP_TIMEOUT_MS);
  afterAll(async () => {
    console.log(['fleet table (4 processes × 100 calls; then 1 process meets KT-CT-1199 and 3 others call):', '| client | deployment | logins | requests during the pause | time |', '|---|---|---|---|---|', ...table].join('\n'));
    await kraken?.close();
    await Promise.all([single?.stop(), cluster?.stop()]);
  }, STEP_TIMEOUT_MS);

  it.each(CASES.map((testCase, index) => ({ ...testCase, index })))('$client, $deployment: 1 login for 400 calls, 0 requests during a pause', async ({ client, deployment, index }) => {
    const started = performance.now();
    const ports = deployment === 'single node' ? [single.port] : cluster.ports;
    const fleet = await startFleet({
      size: FLEET_SIZE,
      apiUrl: kraken.apiUrl,
      apiKey: apiKeyOf(index),
      redisClient: client,
      ...(deployment === 'single node' ? { redisUrl: single.url } : { redisClusterPorts: cluster.ports }),
    });
    try {
      const loginsBefore = kraken.state.obtainKrakenTokenCalls;
      const replies = await fleet.burst(CALLS);
      expect({ ok: replies.reduce((sum, reply) => sum + reply.ok, 0), failures: replies.flatMap((reply) => reply.failures), warnings: replies.map((reply) => reply.warnings) }).toEqual({
        ok: FLEET_SIZE * CALLS,
        failures: [],
        warnings: [0, 0, 0, 0],
      });
      const logins = kraken.state.obtainKrakenTokenCalls - loginsBefore;
      expect(logins).toBe(1);
      const sessionKeys = ports.flatMap((port) => spawnSync('redis-cli', ['-p', String(port), '--scan', '--pattern', '*:session'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean));
      expect(sessionKeys.length).toBeGreaterThanOrEqual(1);

      expect(await fleet.call(0, 'rate-limit=120')).toMatchObject({ ok: false, kind: 'rate-limit', retryAfterMs: 120_000 });
      const sentBefore = kraken.state.countOf('closeOpenPrintBatch');
      const others = await Promise.all([1, 2, 3].map((worker) => fleet.call(worker)));
      for (const reply of others) {
        expect(reply).toMatchObject({ ok: false, kind: 'rate-limit', mayHaveReachedServer: false, attempts: 0 });
        expect(reply.retryAfterMs).toBeGreaterThan(110_000);
      }
      const duringPause = kraken.state.countOf('closeOpenPrintBatch') - sentBefore;
      expect(duringPause).toBe(0);
      table.push(`| ${client} | ${deployment} | ${logins} | ${duringPause} | ${((performance.now() - started) / 1000).toFixed(1)} s |`);
    } finally {
      await fleet.stop();
    }
  });
});
