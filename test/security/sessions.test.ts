// Issue 19, items 2, 5, 6, 8 and 9: a shared session store under attack. A wrong password never gets
// another's session; logout() wins over a login in flight; a session adopted from the store gets the same
// fallback as one obtained here; what a store holds is checked before it is trusted; absurd expiries are
// clamped before Redis.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RedisClientType } from 'redis';
import { CloseOpenPrintBatchDocument, createKrakenClient, KrakenError } from 'kraken-sdk/st';
import type { KrakenAuth, KrakenClientOptions, Session, SessionStore } from 'kraken-sdk';
import { createMemorySessionStore } from 'kraken-sdk';
import { createRedisSessionStore } from 'kraken-sdk/redis';
import { sessionScope } from '../../src/session/identity.js';
import { connectedClient, redisServerAvailable, startRedisServer } from '../fleet/redis-server.js';
import type { RedisServer } from '../fleet/redis-server.js';
import { API_URL, fakeKraken, issuedSession, json, jwt, refreshToken, sleep } from './fake-kraken.js';
import type { FakeKraken, LoginRequest } from './fake-kraken.js';
import { loginWith } from 'kraken-sdk';

const VICTIM = 'victim@example.com';
const VICTIM_PASSWORD = 'victim-password-secret-1';
const ATTACKER_PASSWORD = 'attacker-guess-secret-2';

/** Kraken's answer to a wrong password. */
const refused = () => json({ errors: [{ message: 'Invalid data.', extensions: { errorCode: 'KT-CT-1138' } }], data: { obtainKrakenToken: null } });

/** Logs in only the victim with the right password (and any refresh token it issued). */
function accountServer(): FakeKraken & { issued: Set<string> } {
  const issued = new Set<string>();
  const fake = fakeKraken(
    (request: LoginRequest) => {
      const { email, password } = request.input;
      const refresh = request.input.refreshToken;
      if ((email === VICTIM && password === VICTIM_PASSWORD) || (typeof refresh === 'string' && issued.has(refresh))) {
        const session = issuedSession(Date.now());
        issued.add(session.token);
        issued.add(session.refreshToken);
        return session.body;
      }
      return refused();
    },
    (authorization) => (authorization !== null && issued.has(authorization) ? json({ data: { closeOpenPrintBatch: { printBatch: null } } }) : json({ errors: [{ message: 'Unauthorized.', extensions: { errorCode: 'KT-CT-1111' } }] })),
  );
  return Object.assign(fake, { issued });
}

async function failure(promise: Promise<unknown>): Promise<KrakenError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  if (!(error instanceof KrakenError)) throw new Error(`expected a KrakenError, got ${String(error)}`);
  return error;
}

function clientOf(fake: FakeKraken, auth: KrakenAuth, extra: Partial<KrakenClientOptions> = {}) {
  return createKrakenClient({ endpoint: API_URL, fetch: fake.fetch, auth, retry: false, ...extra });
}

/** A store shared by many identities, in memory: one session per scope identity. */
function scopedMemoryStore(): SessionStore & { readonly scopes: Map<string, Session | undefined> } {
  const scopes = new Map<string, Session | undefined>();
  const at = (identity: string): SessionStore => ({
    get: () => Promise.resolve(scopes.get(identity)),
    set: (session) => {
      scopes.set(identity, session);
      return Promise.resolve();
    },
    forScope: (scope) => at(`${scope.endpoint} ${scope.identity}`),
  });
  return Object.assign(at('default'), { scopes });
}

describe('a shared store only hands a session to the same credentials (item 2)', () => {
  it('a wrong password with the victim\'s email logs in itself (and is refused) instead of adopting the session', async () => {
    const server = accountServer();
    const store = scopedMemoryStore();
    await clientOf(server, loginWith({ email: VICTIM, password: VICTIM_PASSWORD }), { store }).request(CloseOpenPrintBatchDocument);
    expect(server.logins).toHaveLength(1);
    const attacker = clientOf(server, loginWith({ email: VICTIM, password: ATTACKER_PASSWORD }), { store });
    const error = await failure(attacker.request(CloseOpenPrintBatchDocument));
    expect(error.code).toBe('KT-CT-1138');
    expect(server.logins).toHaveLength(2);
    // The right password (the email written otherwise) still shares the victim's session: no login.
    await clientOf(server, loginWith({ email: ' Victim@Example.com', password: VICTIM_PASSWORD }), { store }).request(CloseOpenPrintBatchDocument);
    expect(server.logins).toHaveLength(2);
  });

  it('every credential kind: a different secret is a different scope, the same secret the same', async () => {
    const store = scopedMemoryStore();
    const server = fakeKraken(() => issuedSession(Date.now()).body);
    const kinds: Array<(secret: string) => KrakenAuth> = [
      (secret) => loginWith({ email: VICTIM, password: secret }),
      (secret) => loginWith({ apiKey: secret }),
      (secret) => loginWith({ organizationSecretKey: secret }),
      (secret) => loginWith({ preSignedKey: secret }),
      (secret) => loginWith({ refreshToken: secret }),
    ];
    for (const [index, kind] of kinds.entries()) {
      const one = `first-secret-${index}-abcdef`;
      await clientOf(server, kind(one), { store }).request(CloseOpenPrintBatchDocument);
      await clientOf(server, kind(`other-secret-${index}-abcdef`), { store }).request(CloseOpenPrintBatchDocument);
      await clientOf(server, kind(one), { store }).request(CloseOpenPrintBatchDocument);
      expect(server.logins).toHaveLength(2 * (index + 1));
    }
    expect(store.scopes.size).toBe(2 * kinds.length);
    // The scope identity holds no secret.
    for (const key of store.scopes.keys()) expect(key).not.toMatch(/secret/);
  });
});

// Found by a new user's trial: the SDK's own memory store (no forScope) and a plain { get, set } store handed the
// victim's session to a wrong password and sent the victim's token to another endpoint.
describe('a store that does not scope by itself still never hands a session to other credentials or another host', () => {
  const plainStore = (): SessionStore => {
    let held: Session | undefined;
    return {
      get: () => Promise.resolve(held),
      set: (session) => {
        held = session;
        return Promise.resolve();
      },
    };
  };
  for (const [label, storeOf] of [
    ['createMemorySessionStore()', () => createMemorySessionStore()],
    ['a plain { get, set } store', plainStore],
  ] as const) {
    it(`${label}: a wrong password logs in itself (refused); another endpoint never receives the victim's token`, async () => {
      const server = accountServer();
      const store = storeOf();
      await clientOf(server, loginWith({ email: VICTIM, password: VICTIM_PASSWORD }), { store }).request(CloseOpenPrintBatchDocument);
      const victimToken = server.apiCalls[0];
      expect(victimToken).toBeTruthy();
      const error = await failure(clientOf(server, loginWith({ email: VICTIM, password: ATTACKER_PASSWORD }), { store }).request(CloseOpenPrintBatchDocument));
      expect(error.code).toBe('KT-CT-1138');
      // Another host, other credentials, the same store: it logs in there and never sees the victim's token.
      const elsewhere = fakeKraken(() => issuedSession(Date.now()).body);
      await createKrakenClient({ endpoint: 'https://other.example/v1/graphql/', fetch: elsewhere.fetch, auth: loginWith({ email: 'g@example.com', password: 'g-pass-secret-3' }), store, retry: false }).request(CloseOpenPrintBatchDocument);
      expect(elsewhere.logins).toHaveLength(1);
      expect(elsewhere.apiCalls).not.toContain(victimToken);
      // The same credentials still share the session: no further login at the victim's server.
      const loginsBefore = server.logins.length;
      await clientOf(server, loginWith({ email: VICTIM, password: VICTIM_PASSWORD }), { store }).request(CloseOpenPrintBatchDocument);
      expect(server.logins.length - loginsBefore).toBe(label === 'createMemorySessionStore()' ? 0 : 1);
    });
  }
});

/** A request that tells when it reached the server: logout() then comes while it is in flight, whatever the machine's load. */
function inFlight(): { readonly reached: Promise<void>; readonly arrived: () => void } {
  let arrived = (): void => undefined;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  return { reached, arrived };
}

describe('logout() wins over a login in flight (item 5)', () => {
  it('the late login is kept neither in memory nor in the store, and the call it served fails', async () => {
    const store = createMemorySessionStore();
    const login = inFlight();
    const server = fakeKraken(async () => {
      login.arrived();
      await sleep(300);
      return issuedSession(Date.now()).body;
    });
    const client = clientOf(server, loginWith({ apiKey: 'sk_live_logout_race_key' }), { store });
    const call = failure(client.request(CloseOpenPrintBatchDocument));
    await login.reached;
    await client.logout();
    expect(await client.session()).toBeUndefined();
    const error = await call;
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/logged out/);
    expect(await client.session()).toBeUndefined();
    expect(await store.get()).toBeUndefined();
    expect(server.apiCalls).toHaveLength(0);
    // The next request logs in again.
    await client.request(CloseOpenPrintBatchDocument);
    expect(server.logins).toHaveLength(2);
  });

  it('a call made after logout() resolved starts its own login instead of joining the dropped one', async () => {
    const login = inFlight();
    const server = fakeKraken(async () => {
      login.arrived();
      await sleep(300);
      return issuedSession(Date.now()).body;
    });
    const client = clientOf(server, loginWith({ apiKey: 'sk_live_logout_then_call_key' }));
    const before = failure(client.request(CloseOpenPrintBatchDocument));
    await login.reached;
    await client.logout();
    // Made after logout() resolved: it must not inherit the login logout() dropped.
    await client.request(CloseOpenPrintBatchDocument);
    expect((await before).message).toMatch(/logged out/);
    expect(server.logins).toHaveLength(2);
    expect(server.apiCalls).toHaveLength(1);
  });

  it('a refresh in flight is not kept either', async () => {
    let clock = Date.now();
    let delay = 0;
    let refresh = inFlight();
    const server = fakeKraken(async () => {
      refresh.arrived();
      await sleep(delay);
      return issuedSession(clock, 120).body;
    });
    const store = createMemorySessionStore();
    const client = clientOf(server, loginWith({ apiKey: 'sk_live_logout_refresh_key' }), { store, now: () => clock });
    await client.request(CloseOpenPrintBatchDocument);
    clock += 90_000; // inside the skew: the next call refreshes
    delay = 300;
    refresh = inFlight();
    const call = client.request(CloseOpenPrintBatchDocument).catch((error: unknown) => error);
    await refresh.reached;
    await client.logout();
    await call;
    expect(server.logins.at(-1)?.input.refreshToken).toBeDefined();
    expect(await client.session()).toBeUndefined();
    expect(await store.get()).toBeUndefined();
  });
});

describe('a session adopted from the store gets the refresh fallback (item 6)', () => {
  it('200 calls with the auth server down use the still-valid adopted token', async () => {
    const now = Date.now();
    const token = jwt({ exp: Math.floor(now / 1000) + 30, iat: Math.floor(now / 1000) - 3570 });
    const store = createMemorySessionStore();
    // Another process of the same credentials stored it: under their scope.
    const scoped = store.forScope?.(await sessionScope(API_URL, loginWith({ apiKey: 'sk_live_adopting_worker' })));
    await scoped?.set({ token, tokenExpiresAt: (Math.floor(now / 1000) + 30) * 1000, refreshToken: refreshToken(), refreshExpiresAt: now + 86_400_000 });
    const server = fakeKraken(() => new Response('<html>502 Bad Gateway</html>', { status: 502 }));
    const client = clientOf(server, loginWith({ apiKey: 'sk_live_adopting_worker' }), { store });
    const results = await Promise.allSettled(Array.from({ length: 200 }, () => client.request(CloseOpenPrintBatchDocument)));
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(0);
    expect(server.logins).toHaveLength(1);
    expect(new Set(server.apiCalls)).toEqual(new Set([token]));
  });
});

describe('what a store holds is checked before it is trusted (item 8)', () => {
  const planted: Array<[string, unknown]> = [
    ['a string expiry on a non-JWT token', { token: 'not-a-jwt', tokenExpiresAt: '99999999999999' }],
    ['a non-JWT token without expiry', { token: 'not-a-jwt-either' }],
    ['an expiry thousands of years ahead', { token: 'placeholder', tokenExpiresAt: 99_999_999_999_999 }],
    ['a negative expiry', { token: 'placeholder', tokenExpiresAt: -5 }],
    ['an expiry later than the token\'s own', { token: 'placeholder', tokenExpiresAt: Date.now() + 30 * 86_400_000 }],
    ['a refresh token that is a number', { token: 'placeholder', refreshToken: 42 }],
    ['an array', ['not', 'a', 'session']],
  ];

  it.each(planted)('%s: treated as absent, with one store warning; the client logs in and recovers', async (_name, value) => {
    const shortLived = jwt({ exp: Math.floor(Date.now() / 1000) + 3600 });
    const planting = JSON.parse(JSON.stringify(value).replace('"placeholder"', JSON.stringify(shortLived))) as Session;
    let current: unknown = planting;
    const store: SessionStore = {
      get: () => Promise.resolve(current as Session),
      set: (session) => {
        current = session;
        return Promise.resolve();
      },
    };
    const server = fakeKraken(() => issuedSession(Date.now()).body);
    const warnings: KrakenError[] = [];
    const client = clientOf(server, loginWith({ apiKey: 'sk_live_planted_store' }), { store, onWarning: (warning) => void warnings.push(warning) });
    await client.request(CloseOpenPrintBatchDocument);
    await client.request(CloseOpenPrintBatchDocument);
    expect(server.logins).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.kind).toBe('store');
    expect(warnings[0]?.message).toMatch(/^The session store \(store\.get\) failed: untrusted session: .+\.$/);
    expect(server.apiCalls.every((authorization) => authorization !== 'not-a-jwt' && authorization !== shortLived)).toBe(true);
  });
});

describe.skipIf(!redisServerAvailable())('on Redis', { timeout: 60_000 }, () => {
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

  it('item 2: a wrong password gets no session from a shared Redis; the keys hold no secret nor its plain hash', async () => {
    const server = accountServer();
    const store = createRedisSessionStore({ client: redis });
    await clientOf(server, loginWith({ email: VICTIM, password: VICTIM_PASSWORD }), { store }).request(CloseOpenPrintBatchDocument);
    const error = await failure(clientOf(server, loginWith({ email: VICTIM, password: ATTACKER_PASSWORD }), { store }).request(CloseOpenPrintBatchDocument));
    expect(error.code).toBe('KT-CT-1138');
    expect(server.logins).toHaveLength(2);
    const keys = await redis.keys('*');
    expect(keys.join(' ')).not.toMatch(/victim|password/);
  });

  it('with an encryptionKey, the key names are keyed too: credentials alone (a guessed password) do not find them', async () => {
    const server = accountServer();
    const encryptionKey = new Uint8Array(32).fill(7);
    const storeWith = (key: Uint8Array) => createRedisSessionStore({ client: redis, encryptionKey: key });
    await clientOf(server, loginWith({ email: VICTIM, password: VICTIM_PASSWORD }), { store: storeWith(encryptionKey) }).request(CloseOpenPrintBatchDocument);
    // What someone reading Redis, without the key, computes for a guess: the scope and the unkeyed names.
    const guessed = createRedisSessionStore({ client: redis }).forScope?.(await sessionScope(API_URL, loginWith({ email: VICTIM, password: VICTIM_PASSWORD })));
    const guessedPause = guessed?.pause;
    if (guessedPause === undefined) throw new Error('the Redis store has a pause');
    await guessedPause.set(Date.now() + 60_000);
    const sessionKeys = (await redis.keys('*:session')).filter((key) => !key.includes(':default:'));
    const pauseKeys = await redis.keys('*:pause');
    expect(sessionKeys).toHaveLength(1);
    expect(pauseKeys).toHaveLength(1);
    expect(sessionKeys[0]?.replace(/:session$/, '')).not.toBe(pauseKeys[0]?.replace(/:pause$/, ''));
    // The same key still shares the session; another key does not find it (and logs in itself).
    await clientOf(server, loginWith({ email: VICTIM, password: VICTIM_PASSWORD }), { store: storeWith(encryptionKey) }).request(CloseOpenPrintBatchDocument);
    expect(server.logins).toHaveLength(1);
    await clientOf(server, loginWith({ email: VICTIM, password: VICTIM_PASSWORD }), { store: storeWith(new Uint8Array(32).fill(8)), onWarning: () => undefined }).request(CloseOpenPrintBatchDocument);
    expect(server.logins).toHaveLength(2);
  });

  it('a non-extractable AES-GCM CryptoKey keys the names the same way: shared by its holders, not by the plain hashes', async () => {
    const server = accountServer();
    const encryptionKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const store = () => createRedisSessionStore({ client: redis, encryptionKey });
    await clientOf(server, loginWith({ email: VICTIM, password: VICTIM_PASSWORD }), { store: store() }).request(CloseOpenPrintBatchDocument);
    await clientOf(server, loginWith({ email: VICTIM, password: VICTIM_PASSWORD }), { store: store() }).request(CloseOpenPrintBatchDocument);
    expect(server.logins).toHaveLength(1);
    const plain = createRedisSessionStore({ client: redis }).forScope?.(await sessionScope(API_URL, loginWith({ email: VICTIM, password: VICTIM_PASSWORD })));
    expect(await plain?.get()).toBeUndefined();
    expect((await redis.keys('*:session')).filter((key) => !key.includes(':default:'))).toHaveLength(1);
  });

  it('item 5: logout() during a login leaves nothing in Redis', async () => {
    let loginArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (loginArrived = resolve));
    const server = fakeKraken(async () => {
      loginArrived();
      await sleep(300);
      return issuedSession(Date.now()).body;
    });
    const store = createRedisSessionStore({ client: redis });
    const client = clientOf(server, loginWith({ apiKey: 'sk_live_redis_logout_race' }), { store });
    const call = failure(client.request(CloseOpenPrintBatchDocument));
    // During the login (the call may first read the shared pause, which waits for the identity's hash).
    await arrived;
    await client.logout();
    await call;
    await sleep(50);
    expect((await redis.keys('*')).filter((key) => key.endsWith(':session'))).toEqual([]);
    expect(await client.session()).toBeUndefined();
  });

  it('item 9: an absurd refreshExpiresIn is clamped, so the session is still shared', async () => {
    const server = fakeKraken(() =>
      json({ data: { obtainKrakenToken: { token: jwt({ exp: Math.floor(Date.now() / 1000) + 3600 }), refreshToken: refreshToken(), refreshExpiresIn: 1e17 } } }),
    );
    const warnings: KrakenError[] = [];
    const options = { store: createRedisSessionStore({ client: redis }), onWarning: (warning: KrakenError) => void warnings.push(warning) };
    await clientOf(server, loginWith({ apiKey: 'sk_live_absurd_expiry' }), options).request(CloseOpenPrintBatchDocument);
    await clientOf(server, loginWith({ apiKey: 'sk_live_absurd_expiry' }), options).request(CloseOpenPrintBatchDocument);
    expect(warnings).toEqual([]);
    expect(server.logins).toHaveLength(1);
    const [key] = (await redis.keys('*')).filter((name) => name.endsWith(':session'));
    const ttl = await redis.pTTL(key ?? '');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(366 * 86_400_000);
  });
});
