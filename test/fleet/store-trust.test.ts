// Issue 28, items 4 and 9, on a real redis-server through the public API: a rate-limit pause read from
// Redis is judged before it holds calls back (junk is no pause, with one `store` warning; a member whose
// clock runs a day ahead cannot pause the others for a day), and a session without expiry still expires.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RedisClientType } from 'redis';
import { CloseOpenPrintBatchDocument, createKrakenClient } from 'kraken-sdk/st';
import type { KrakenClientOptions, KrakenError } from 'kraken-sdk';
import { createRedisSessionStore } from 'kraken-sdk/redis';
import { API_URL, fakeKraken, issuedSession, json, jwt, refreshToken, sleep } from '../security/fake-kraken.js';
import type { FakeKraken } from '../security/fake-kraken.js';
import { connectedClient, redisServerAvailable, startRedisServer } from './redis-server.js';
import type { RedisServer } from './redis-server.js';
import { loginWith } from 'kraken-sdk';

const DAY = 86_400_000;
const YEAR = 365 * DAY;
const API_KEY = 'sk_live_store_trust_key';
const KEY = new Uint8Array(32).fill(3);

/** Kraken answering every call, or HTTP 429 with `Retry-After: 2` while `limited` is set. */
function krakenWithLimit(clockAheadMs = 0): FakeKraken & { limited: boolean } {
  const kraken = { limited: false } as FakeKraken & { limited: boolean };
  return Object.assign(
    kraken,
    fakeKraken(
      () => issuedSession(Date.now() + clockAheadMs).body,
      () => (kraken.limited ? json({ errors: [{ message: 'Too many requests.' }] }, 429, { 'retry-after': '2' }) : json({ data: { closeOpenPrintBatch: { printBatch: null } } })),
    ),
  );
}

describe.skipIf(!redisServerAvailable())('issue 28: what a Redis store holds is judged before it is used', { timeout: 60_000 }, () => {
  let redisServer: RedisServer;
  let redis: RedisClientType;
  beforeAll(async () => {
    redisServer = await startRedisServer();
    redis = await connectedClient(redisServer);
  }, 60_000);
  afterAll(async () => {
    redis?.destroy();
    await redisServer?.stop();
  });
  beforeEach(async () => void (await redis.flushAll()));

  const clientOf = (kraken: FakeKraken, options: Partial<KrakenClientOptions> = {}) =>
    createKrakenClient({ endpoint: API_URL, fetch: kraken.fetch, auth: loginWith({ apiKey: API_KEY }), retry: false, ...options });

  /** The identity's pause key, as a client meeting a rate limit creates it (its name is keyed: found, not computed). */
  const pauseKeyAfterALimit = async (kraken: FakeKraken & { limited: boolean }, options: Partial<KrakenClientOptions>): Promise<string> => {
    kraken.limited = true;
    await expect(clientOf(kraken, options).request(CloseOpenPrintBatchDocument)).rejects.toMatchObject({ kind: 'rate-limit', retryAfterMs: 2000 });
    kraken.limited = false;
    const [key] = await redis.keys('*:pause');
    if (key === undefined) throw new Error('no pause key was written');
    return key;
  };

  it.each([
    ['10 years ahead, without expiry', (key: string) => redis.set(key, String(Date.now() + 10 * YEAR))],
    ['"1e16" (a RangeError in a date before)', (key: string) => redis.set(key, '1e16')],
    ['not a number', (key: string) => redis.set(key, 'soon')],
    ['with a 10-year expiry', (key: string) => redis.set(key, '2000', { PX: 10 * YEAR })],
  ])('item 4: a pause planted %s is no pause: calls go on, with one store warning', async (_name, plant) => {
    const kraken = krakenWithLimit();
    const warnings: KrakenError[] = [];
    const options = { store: createRedisSessionStore({ client: redis, encryptionKey: KEY }) };
    await plant(await pauseKeyAfterALimit(kraken, options));
    const other = clientOf(kraken, { ...options, onWarning: (warning) => void warnings.push(warning) });
    const sentBefore = kraken.apiCalls.length;
    for (let call = 0; call < 3; call += 1) await expect(other.request(CloseOpenPrintBatchDocument)).resolves.toBeDefined();
    expect(kraken.apiCalls.length - sentBefore).toBe(3);
    expect(warnings.map((warning) => [warning.kind, warning.message])).toEqual([
      ['store', expect.stringMatching(/^The session store's rate-limit pause is (not a time|further ahead than any pause lasts): treated as none\.$/)],
    ]);
  });

  it('a pause key written by an earlier version (its end in epoch ms, with PX) pauses for what is left of its TTL', async () => {
    const kraken = krakenWithLimit();
    const options = { store: createRedisSessionStore({ client: redis }) };
    const key = await pauseKeyAfterALimit(kraken, options);
    await redis.set(key, String(Date.now() + 60_000), { PX: 60_000 });
    const paused = await clientOf(kraken, options).request(CloseOpenPrintBatchDocument).then(() => undefined, (error: KrakenError) => error);
    expect(paused).toMatchObject({ kind: 'rate-limit', mayHaveReachedServer: false });
    expect(paused?.retryAfterMs).toBeGreaterThan(55_000);
    expect(paused?.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('item 4: a pause is read again on each call, not kept: once its key is gone from Redis, the other clients send at once', async () => {
    const kraken = krakenWithLimit();
    const options = { store: createRedisSessionStore({ client: redis }) };
    const key = await pauseKeyAfterALimit(kraken, options);
    const other = clientOf(kraken, options);
    await expect(other.request(CloseOpenPrintBatchDocument)).rejects.toMatchObject({ kind: 'rate-limit', mayHaveReachedServer: false });
    await redis.del(key);
    await expect(other.request(CloseOpenPrintBatchDocument)).resolves.toBeDefined();
  });

  it("item 4: a member whose clock runs a day ahead meets Retry-After: 2; the others pause 2 s, not a day, and send again after it", async () => {
    const kraken = krakenWithLimit(DAY);
    const ahead = { now: () => Date.now() + DAY };
    const aheadOptions = { ...ahead, store: createRedisSessionStore({ client: redis, ...ahead }) };
    const correctOptions = { store: createRedisSessionStore({ client: redis }) };
    await pauseKeyAfterALimit(kraken, aheadOptions);
    const correct = clientOf(kraken, correctOptions);
    const paused = await correct.request(CloseOpenPrintBatchDocument).then(() => undefined, (error: KrakenError) => error);
    expect(paused).toMatchObject({ kind: 'rate-limit', mayHaveReachedServer: false });
    expect(paused?.retryAfterMs).toBeLessThanOrEqual(2000);
    // Once Redis has dropped the key, the pause is over here too (it was read, not kept).
    await sleep(2100);
    await expect(correct.request(CloseOpenPrintBatchDocument)).resolves.toBeDefined();
  });

  it('item 9: a session without any expiry (a token without exp, no refreshExpiresIn) is stored with a TTL of at most a year and a day', async () => {
    const kraken = fakeKraken(() => json({ data: { obtainKrakenToken: { token: jwt({ iat: Math.floor(Date.now() / 1000) }), payload: {}, refreshToken: refreshToken() } } }));
    await clientOf(kraken, { store: createRedisSessionStore({ client: redis }) }).request(CloseOpenPrintBatchDocument);
    const [key] = await redis.keys('*:session');
    const ttl = await redis.pTTL(key ?? '');
    expect(ttl).toBeGreaterThan(365 * DAY);
    expect(ttl).toBeLessThanOrEqual(366 * DAY);
  });
});

describe("issue 28 item 4 with a store of one's own: what its pause says is clamped or refused", () => {
  const HOUR = 3_600_000;
  /** A store whose pause always says `stored` (computed at each read). */
  const storeSaying = (stored: () => unknown) => ({
    get: async () => undefined,
    set: async () => undefined,
    pause: { get: async () => stored() as number, set: async () => undefined },
  });

  it('a pause 2 hours ahead holds calls back for the documented hour at most', async () => {
    const kraken = krakenWithLimit();
    const client = createKrakenClient({ endpoint: API_URL, fetch: kraken.fetch, auth: loginWith({ apiKey: API_KEY }), retry: false, store: storeSaying(() => Date.now() + 2 * HOUR) });
    const paused = await client.request(CloseOpenPrintBatchDocument).then(() => undefined, (error: KrakenError) => error);
    expect(paused).toMatchObject({ kind: 'rate-limit', mayHaveReachedServer: false });
    expect(paused?.retryAfterMs).toBeLessThanOrEqual(HOUR);
    expect(paused?.retryAfterMs).toBeGreaterThan(HOUR - 5000);
    expect(kraken.apiCalls).toEqual([]);
  });

  it.each([
    ['10 days ahead', () => Date.now() + 10 * DAY],
    ['1e16', () => 1e16],
    ['Infinity', () => Number.POSITIVE_INFINITY],
    ['a string', () => 'tomorrow'],
  ])('a pause of %s is no pause, with one store warning for 3 calls', async (_name, stored) => {
    const kraken = krakenWithLimit();
    const warnings: KrakenError[] = [];
    const client = createKrakenClient({
      endpoint: API_URL,
      fetch: kraken.fetch,
      auth: loginWith({ apiKey: API_KEY }),
      retry: false,
      store: storeSaying(stored),
      onWarning: (warning) => void warnings.push(warning),
    });
    for (let call = 0; call < 3; call += 1) await expect(client.request(CloseOpenPrintBatchDocument)).resolves.toBeDefined();
    expect(kraken.apiCalls).toHaveLength(3);
    expect(warnings.map((warning) => warning.kind)).toEqual(['store']);
  });
});
