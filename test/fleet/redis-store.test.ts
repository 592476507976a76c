// kraken-sdk/redis against a real redis-server: keys hold no secret, encrypted values are unreadable,
// the session lives as long as its refresh token, and the lease is owner-only.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RedisClientType } from 'redis';
import { CloseOpenPrintBatchDocument, createKrakenClient } from 'kraken-sdk/st';
import type { KrakenError, Session } from 'kraken-sdk';
import { createRedisSessionStore } from 'kraken-sdk/redis';
import { startMockKrakenServer } from 'kraken-sdk/mocks/node';
import type { MockKrakenServer } from 'kraken-sdk/mocks/node';
import { connectedClient, redisServerAvailable, startRedisServer } from './redis-server.js';
import type { RedisServer } from './redis-server.js';
import { loginWith } from 'kraken-sdk';

const EMAIL = 'fleet-user@example.com';
const PASSWORD = 'fleet-password-secret';
const KEY = new Uint8Array(32).fill(7);

describe.skipIf(!redisServerAvailable())('the Redis session store', { timeout: 60_000 }, () => {
  let redisServer: RedisServer;
  let kraken: MockKrakenServer;
  let redis: RedisClientType;
  const sessions: Session[] = [];

  beforeAll(async () => {
    [redisServer, kraken] = await Promise.all([startRedisServer(), startMockKrakenServer({ brand: 'st', credentials: { users: [{ email: EMAIL, password: PASSWORD }] } })]);
    redis = await connectedClient(redisServer);
  }, 60_000);
  afterAll(async () => {
    redis?.destroy();
    await kraken?.close();
    await redisServer?.stop();
  });
  beforeEach(async () => {
    await redis.flushAll();
    kraken.state.reset();
  });

  const clientWith = (encryptionKey?: Uint8Array, warnings: KrakenError[] = []) =>
    createKrakenClient({
      endpoint: kraken.apiUrl,
      auth: loginWith({ email: EMAIL, password: PASSWORD }),
      store: createRedisSessionStore({ client: redis, ...(encryptionKey ? { encryptionKey } : {}) }),
      onSession: (session) => void sessions.push(session),
      onWarning: (warning) => void warnings.push(warning),
    });

  const everything = async () => {
    const keys = await redis.keys('*');
    const values = await Promise.all(keys.filter((key) => key.endsWith(':session')).map((key) => redis.get(key)));
    return { keys, values: values.map(String) };
  };

  it('keys are namespaced by hashes of endpoint and identity; without a key the value is plain JSON', async () => {
    await clientWith().request(CloseOpenPrintBatchDocument);
    const { keys, values } = await everything();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^kraken-sdk:[0-9a-f]{32}:[0-9a-f]{32}:session$/);
    const session = sessions.at(-1) as Session;
    for (const secret of [EMAIL, PASSWORD, session.token, session.refreshToken ?? '', kraken.apiUrl]) expect(keys[0]).not.toContain(secret);
    // Readable without encryption: the check below can fail.
    expect(values[0]).toContain(session.token);
    // The session lives as long as its refresh token.
    const ttl = await redis.pTTL(keys[0] ?? '');
    expect(Math.abs(ttl - ((session.refreshExpiresAt ?? 0) - Date.now()))).toBeLessThan(60_000);
  });

  it('with an encryption key nothing is readable in the values, and a second process with the key adopts the session', async () => {
    await clientWith(KEY).request(CloseOpenPrintBatchDocument);
    const session = sessions.at(-1) as Session;
    const { values } = await everything();
    expect(values).toHaveLength(1);
    for (const secret of [session.token, session.refreshToken ?? '', EMAIL, '"token"']) expect(values[0]).not.toContain(secret);
    expect(values[0]).toMatch(/^v1\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
    await clientWith(KEY).request(CloseOpenPrintBatchDocument);
    expect(kraken.state.obtainKrakenTokenCalls).toBe(1);
    // Key names are keyed by the encryption key too: another key finds nothing and logs in itself, under its own names.
    const warnings: KrakenError[] = [];
    await clientWith(new Uint8Array(32).fill(9), warnings).request(CloseOpenPrintBatchDocument);
    expect(warnings).toEqual([]);
    expect(kraken.state.obtainKrakenTokenCalls).toBe(2);
    expect((await everything()).values).toHaveLength(2);
  });

  it('the lease: one holder at a time, expires by itself, released only by its owner', async () => {
    const store = createRedisSessionStore({ client: redis, leaseMs: 5000 }).forScope?.({ endpoint: 'e', identity: 'i' });
    const first = await store?.lease?.acquire();
    expect(first).toBeDefined();
    expect(await store?.lease?.acquire()).toBeUndefined();
    const [leaseKey] = await redis.keys('*:lease');
    const ttl = await redis.pTTL(leaseKey ?? '');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5000);
    // The lease expired and another took it: the first holder's release must leave it alone.
    await redis.set(leaseKey ?? '', 'another-owner', { PX: 5000 });
    await first?.release();
    expect(await redis.get(leaseKey ?? '')).toBe('another-owner');
    await redis.del(leaseKey ?? '');
    const second = await store?.lease?.acquire();
    await second?.release();
    expect(await redis.exists(leaseKey ?? '')).toBe(0);
  });

  it('the holder extends its lease, owner-only: an extension after another took the lease changes nothing', async () => {
    const store = createRedisSessionStore({ client: redis, leaseMs: 5000 }).forScope?.({ endpoint: 'e', identity: 'i' });
    const held = await store?.lease?.acquire();
    const [leaseKey = ''] = await redis.keys('*:lease');
    await redis.pExpire(leaseKey, 100);
    expect(await held?.extend?.()).toBe(true);
    expect(await redis.pTTL(leaseKey)).toBeGreaterThan(1000);
    await redis.set(leaseKey, 'another-owner', { PX: 700 });
    expect(await held?.extend?.()).toBe(false);
    expect(await redis.pTTL(leaseKey)).toBeLessThanOrEqual(700);
    await held?.release();
  });

  it('a login that outlasts the lease is not joined by a second one: the holder keeps extending it', async () => {
    const LOGIN_MS = 2500;
    let loginArrived!: () => void;
    const holding = new Promise<void>((resolve) => (loginArrived = resolve));
    // A slow authentication server: every token request takes LOGIN_MS, more than twice the lease.
    const slowLogin: typeof fetch = async (input, init) => {
      if (String(init?.body).includes('obtainKrakenToken')) {
        loginArrived();
        await new Promise((resolve) => setTimeout(resolve, LOGIN_MS));
      }
      return fetch(input, init);
    };
    const store = createRedisSessionStore({ client: redis, leaseMs: 1000 });
    const process = () =>
      createKrakenClient({ endpoint: kraken.apiUrl, auth: loginWith({ email: EMAIL, password: PASSWORD }), store, fetch: slowLogin, timeoutMs: 20_000 });
    const first = process().request(CloseOpenPrintBatchDocument);
    await holding;
    // 20 processes wait for the holder: none of them takes its extended lease for a planted one.
    const waiting = Array.from({ length: 20 }, () => process().request(CloseOpenPrintBatchDocument));
    await Promise.all([first, ...waiting]);
    expect(kraken.state.obtainKrakenTokenCalls).toBe(1);
  });

  it('a lease key left with a day to live (no holder sets more than leaseMs) does not lock the fleet out: after leaseMs, a process logs in', async () => {
    const store = createRedisSessionStore({ client: redis, leaseMs: 1000 });
    const process = () => createKrakenClient({ endpoint: kraken.apiUrl, auth: loginWith({ email: EMAIL, password: PASSWORD }), store, timeoutMs: 5000 });
    await process().request(CloseOpenPrintBatchDocument);
    const [sessionKey = ''] = await redis.keys('*:session');
    await redis.del(sessionKey);
    await redis.set(sessionKey.replace(/:session$/, ':lease'), 'planted', { PX: 86_400_000 });
    const calls = await Promise.all([process(), process()].map((client) => client.safeRequest(CloseOpenPrintBatchDocument)));
    expect(calls.map((call) => call.error?.message)).toEqual([undefined, undefined]);
    // The first login, then one or two (at most one per process: the other may adopt the session the first wrote).
    expect(kraken.state.obtainKrakenTokenCalls).toBeGreaterThanOrEqual(2);
    expect(kraken.state.obtainKrakenTokenCalls).toBeLessThanOrEqual(3);
  });

  it('a stored value that is not JSON: one store warning that shows none of it (JSON.parse quotes the text around the fault)', async () => {
    await clientWith().request(CloseOpenPrintBatchDocument);
    const [key] = (await everything()).keys;
    const stored = String(await redis.get(key as string));
    const refreshToken = (JSON.parse(stored) as Session).refreshToken ?? '';
    // Broken just before the refresh token, as a bad write or a hand edit leaves it.
    await redis.set(key as string, stored.replace('"refreshToken":"', '"refreshToken":@"'));
    const warnings: KrakenError[] = [];
    await clientWith(undefined, warnings).request(CloseOpenPrintBatchDocument);
    expect(warnings.map((warning) => warning.kind)).toEqual(['store']);
    const shown = JSON.stringify(warnings) + warnings.map((warning) => `${warning.message} ${String(warning.stack)} ${String((warning.cause as Error | undefined)?.message)}`).join('');
    expect(shown).toContain('not valid JSON');
    for (const fragment of [refreshToken.slice(0, 5), '@"', 'eshToken']) expect(shown).not.toContain(fragment);
  });

  it('refuses a bad encryption key or client by name', () => {
    expect(() => createRedisSessionStore({ client: redis, encryptionKey: new Uint8Array(5) })).toThrow(/encryptionKey/);
    expect(() => createRedisSessionStore({ client: {} as never })).toThrow(/client/);
  });

  it('refuses a CryptoKey that cannot both encrypt and decrypt, when created: not as an unhandled rejection later', async () => {
    const decryptOnly = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['decrypt']);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      expect(() => createRedisSessionStore({ client: redis, encryptionKey: decryptOnly }).forScope?.({ endpoint: 'https://a.test/graphql/', identity: 'x' })).toThrow(
        /encryptionKey.*encrypt.*decrypt/,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
