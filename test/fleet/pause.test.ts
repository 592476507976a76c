// Issue 20: one rate limit pauses the fleet. 4 real Node processes share one session store on a real
// redis-server; one meets KT-CT-1199 with a 120 s Retry-After, and the others' calls during the pause
// reach the mock Kraken 0 times and fail within 1 s with `rate-limit`. After the pause (the clocks moved
// past it and its Redis key expired, so the test does not wait 120 s) traffic resumes; a 2 s pause is waited out for real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockKrakenServer } from 'kraken-sdk/mocks/node';
import type { MockKrakenServer } from 'kraken-sdk/mocks/node';
import { startFleet } from './fleet.js';
import type { Fleet } from './fleet.js';
import { connectedClient, redisServerAvailable, startRedisServer } from './redis-server.js';
import type { RedisServer } from './redis-server.js';

const API_KEY = 'sk_live_fleet_pause_api_key_secret';
const FLEET_SIZE = 4;
const STEP_TIMEOUT_MS = 120_000;

describe.skipIf(!redisServerAvailable())('one rate limit pauses a fleet sharing Redis', { timeout: STEP_TIMEOUT_MS }, () => {
  let redisServer: RedisServer;
  let kraken: MockKrakenServer;
  let fleet: Fleet;
  let clockOffsetMs = 0;

  beforeAll(async () => {
    [redisServer, kraken] = await Promise.all([
      startRedisServer(),
      startMockKrakenServer({ brand: 'st', now: () => Date.now() + clockOffsetMs, credentials: { apiKeys: [API_KEY] } }),
    ]);
    fleet = await startFleet({ size: FLEET_SIZE, apiUrl: kraken.apiUrl, apiKey: API_KEY, redisUrl: redisServer.url });
    await fleet.burst(1); // every process logged in (once, through the store)
  }, STEP_TIMEOUT_MS);
  afterAll(async () => {
    await fleet?.stop();
    await kraken?.close();
    await redisServer?.stop();
  }, STEP_TIMEOUT_MS);

  const sent = () => kraken.state.countOf('closeOpenPrintBatch');
  const others = () => Promise.all(Array.from({ length: FLEET_SIZE - 1 }, (_, index) => fleet.call(index + 1)));

  it('after one KT-CT-1199 with a 120 s Retry-After, the other processes send nothing and fail within 1 s', async () => {
    const met = await fleet.call(0, 'rate-limit=120');
    expect(met).toMatchObject({ ok: false, kind: 'rate-limit', retryAfterMs: 120_000, mayHaveReachedServer: true });
    const before = sent();
    const replies = await others();
    for (const reply of replies) {
      expect(reply).toMatchObject({ ok: false, kind: 'rate-limit', mayHaveReachedServer: false, attempts: 0 });
      expect(reply.retryAfterMs).toBeGreaterThan(115_000);
      expect(reply.ms).toBeLessThan(1000);
    }
    // The process that met it is paused as well.
    expect(await fleet.call(0)).toMatchObject({ ok: false, kind: 'rate-limit', mayHaveReachedServer: false });
    expect(sent() - before).toBe(0);
    console.log(`fleet pause figures: ${FLEET_SIZE - 1} processes failed in ${replies.map((reply) => Math.round(reply.ms)).join(', ')} ms, 0 requests reached the mock`);
  });

  it('after the pause, traffic resumes', async () => {
    clockOffsetMs += 121_000;
    await fleet.setClock(clockOffsetMs);
    // The shared pause lives in Redis's time (a duration with its TTL, issue 28.4), which no member's clock
    // moves: its key is expired as 121 s would expire it.
    const redis = await connectedClient(redisServer);
    for (const key of await redis.keys('*:pause')) await redis.pExpire(key, 1);
    redis.destroy();
    const before = sent();
    const replies = await fleet.burst(5);
    expect(replies.map((reply) => reply.ok)).toEqual([5, 5, 5, 5]);
    expect(sent() - before).toBe(FLEET_SIZE * 5);
  });

  it('a pause within the retry policy (2 s) is waited out: each call is sent once, after it', async () => {
    // The scenario header rides on every retry of this call too, so it fails after its retries; each recorded 2 s.
    const met = await fleet.call(0, 'rate-limit=2');
    expect(met).toMatchObject({ ok: false, kind: 'rate-limit', retryAfterMs: 2000 });
    const before = sent();
    const replies = await others();
    for (const reply of replies) {
      expect(reply.ok).toBe(true);
      expect(reply.ms).toBeGreaterThan(500);
    }
    expect(sent() - before).toBe(FLEET_SIZE - 1);
  });
});
