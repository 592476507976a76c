// Issue 13: one login and one refresh for a fleet of real Node processes sharing a real Redis,
// against the project's mock Kraken (which counts every obtainKrakenToken it answers). One fleet runs
// through the whole file, step by step (starting processes is the slow part on a busy machine).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { startMockKrakenServer } from 'kraken-sdk/mocks/node';
import type { MockKrakenServer } from 'kraken-sdk/mocks/node';
import { startFleet } from './fleet.js';
import type { Fleet } from './fleet.js';
import { startHoldingProxy } from './holding-proxy.js';
import type { HoldingProxy } from './holding-proxy.js';
import { redisServerAvailable, startRedisServer } from './redis-server.js';
import type { RedisServer } from './redis-server.js';

const API_KEY = 'sk_live_fleet_api_key_secret';
const HOUR = 3600_000;
const FLEET_SIZE = 8;
const CALLS = 100;
// Longer than a login takes even on a busy machine (else a second process would take the expired lease).
const LEASE_MS = 5000;
// Slow only on a machine shared with much else; nothing here waits on a timer of its own but the lease.
const STEP_TIMEOUT_MS = 120_000;

describe.skipIf(!redisServerAvailable())('a fleet of processes shares one session on Redis', { timeout: STEP_TIMEOUT_MS }, () => {
  let redisServer: RedisServer;
  let kraken: MockKrakenServer;
  let proxy: HoldingProxy;
  let fleet: Fleet;
  let clockOffsetMs = 0;
  const redis = () => createClient({ url: redisServer.url }).on('error', () => {}).connect();

  beforeAll(async () => {
    [redisServer, kraken] = await Promise.all([
      startRedisServer(),
      startMockKrakenServer({ brand: 'st', now: () => Date.now() + clockOffsetMs, credentials: { apiKeys: [API_KEY] } }),
    ]);
    // Every process reaches the mock through this hop, which can hold a refresh "in flight".
    proxy = await startHoldingProxy(kraken.apiUrl);
    fleet = await startFleet({ size: FLEET_SIZE, apiUrl: proxy.apiUrl, apiKey: API_KEY, redisUrl: redisServer.url, leaseMs: LEASE_MS });
  }, STEP_TIMEOUT_MS);
  afterAll(async () => {
    await fleet?.stop();
    await proxy?.close();
    await kraken?.close();
    await redisServer?.stop();
  }, STEP_TIMEOUT_MS);

  const moveClocks = async (byMs: number): Promise<void> => {
    clockOffsetMs += byMs;
    await fleet.setClock(clockOffsetMs);
  };
  const settled = (replies: Awaited<ReturnType<Fleet['burst']>>) => ({
    ok: replies.reduce((sum, reply) => sum + reply.ok, 0),
    failures: replies.flatMap((reply) => reply.failures),
  });
  const tokenCalls = () => kraken.state.obtainKrakenTokenCalls;

  it(`${FLEET_SIZE} processes × ${CALLS} concurrent calls at start: exactly 1 login in the fleet`, async () => {
    expect(settled(await fleet.burst(CALLS))).toEqual({ ok: FLEET_SIZE * CALLS, failures: [] });
    expect(tokenCalls()).toBe(1);
    expect(kraken.state.countOf('closeOpenPrintBatch')).toBe(FLEET_SIZE * CALLS);
  });

  it(`the same at token expiry: exactly 1 refresh in the fleet`, async () => {
    await moveClocks(HOUR);
    expect(settled(await fleet.burst(CALLS))).toEqual({ ok: FLEET_SIZE * CALLS, failures: [] });
    expect(tokenCalls()).toBe(2);
  });

  it('Redis stopped mid-run: calls go on with per-process sessions, and sharing resumes when it is back', async () => {
    await redisServer.stop();
    await moveClocks(HOUR);
    const whileDown = await fleet.burst(20);
    expect(settled(whileDown)).toEqual({ ok: FLEET_SIZE * 20, failures: [] });
    // Each process refreshed on its own, once, and warned once; none failed a call.
    expect(tokenCalls()).toBe(2 + FLEET_SIZE);
    expect(whileDown.map((reply) => reply.warnings)).toEqual(Array.from({ length: FLEET_SIZE }, () => 1));

    await redisServer.start();
    await fleet.redisReady();
    await moveClocks(HOUR);
    expect(settled(await fleet.burst(CALLS))).toEqual({ ok: FLEET_SIZE * CALLS, failures: [] });
    expect(tokenCalls()).toBe(3 + FLEET_SIZE);
  });

  it('the lease holder killed mid-refresh: another refreshes once the lease has expired, and every call settles', async () => {
    const before = tokenCalls();
    const proxiedBefore = proxy.tokenRequests();
    const refreshHeld = proxy.holdNextTokenRequest();
    await moveClocks(HOUR);
    const bursting = fleet.burst(CALLS);
    await refreshHeld;
    const client = await redis();
    const [leaseKey] = await client.keys('*:lease');
    const holder = Number((await client.get(leaseKey ?? ''))?.split(':')[0]);
    client.destroy();
    expect(fleet.workers.map((worker) => worker.pid)).toContain(holder);
    const killedAt = performance.now();
    fleet.kill(holder);
    const replies = await bursting;
    const settledInMs = Math.round(performance.now() - killedAt);
    expect(replies).toHaveLength(FLEET_SIZE - 1);
    expect(settled(replies)).toEqual({ ok: (FLEET_SIZE - 1) * CALLS, failures: [] });
    // The held refresh never reached Kraken; exactly one other did.
    expect(proxy.tokenRequests() - proxiedBefore).toBe(2);
    expect(tokenCalls() - before).toBe(1);
    console.log(
      `fleet figures: token calls at the mock: start 1, expiry 1, Redis down ${FLEET_SIZE} then back 1, holder killed 1 ` +
        `(held 1); every call settled ${settledInMs} ms after the kill (lease ${LEASE_MS} ms)`,
    );
  });
});
