// Issue 9, session side: which login failures are final, backoff, store/hook failures, abort and timeout
// around getting a token, and the fallback to a still-valid token.
import { inspect } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { HttpResponse } from 'msw';
import { graphql } from 'msw/graphql';
import { KrakenError } from '../../src/client/index.js';
import type { KrakenAuth, KrakenClientOptions, Session, SessionStore } from '../../src/client/index.js';
import { CloseOpenPrintBatchDocument, createKrakenClient, ObtainKrakenTokenDocument } from '../../src/brands/st.js';
import {
  createKrakenMock,
  mockKrakenBadGateway,
  mockKrakenError,
  mockKrakenHttpError,
  mockKrakenNetworkError,
  mockKrakenRateLimit,
} from 'kraken-sdk/mocks';
import type { KrakenMock } from 'kraken-sdk/mocks';
import { LOGIN_BACKOFF_MS } from '../../src/session/backoff.js';
import { recordTraffic } from './traffic.js';
import { mswKeepingSecrets } from './secrets-kept.js';
import { SECRET_FIXTURES } from '../support/secrets.js';
import type { Traffic } from './traffic.js';
import { loginWith } from '../../src/index.js';

const EMAIL = 'user@example.com';
const PASSWORD = SECRET_FIXTURES.lifecyclePassword;
const API_KEY = SECRET_FIXTURES.lifecycleApiKey;
const CallDocument = CloseOpenPrintBatchDocument;
const ANSWERED = { closeOpenPrintBatch: { printBatch: { __typename: 'PrintBatchType' } } };

const { server, producedErrors, usedSecrets } = mswKeepingSecrets([PASSWORD, API_KEY], () => traffic);

let clock = 0;
let kraken: KrakenMock;
let traffic: Traffic;
let warnings: KrakenError[];

beforeEach(() => {
  clock = Date.parse('2026-03-01T00:00:00Z');
  kraken = createKrakenMock({ brand: 'st', now: () => clock, credentials: { users: [{ email: EMAIL, password: PASSWORD }], apiKeys: [API_KEY] } });
  server.use(...kraken.handlers);
  traffic = recordTraffic();
  warnings = [];
});

function clientWith(auth: KrakenAuth = loginWith({ apiKey: API_KEY }), extra: Partial<KrakenClientOptions> = {}) {
  return createKrakenClient({
    now: () => clock,
    fetch: traffic.fetch,
    auth,
    onWarning: (warning) => {
      warnings.push(warning);
      producedErrors.add(warning);
    },
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<KrakenError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  producedErrors.add(error);
  if (!(error instanceof KrakenError)) throw new Error(`expected a KrakenError, got ${inspect(error)}`);
  return error;
}

/** A GraphQL error answer to obtainKrakenToken, as a proxy or an overloaded Kraken sends it. */
function loginAnswered(status: number, errors: unknown[], options: { once?: boolean; headers?: Record<string, string> } = {}) {
  return graphql.link('*').mutation(
    'ObtainKrakenToken',
    () => HttpResponse.json({ errors, data: null } as never, { status, headers: options.headers ?? {} }),
    { once: options.once ?? false },
  );
}

const loginCalls = () => traffic.logins().length;

describe('a login that fails for any reason but the credentials is retried later, after a backoff', () => {
  const transient: Array<[string, () => Parameters<typeof server.use>[0], string]> = [
    ['503 with a GraphQL error without code', () => loginAnswered(503, [{ message: 'upstream unavailable' }]), 'graphql'],
    ['500 with a GraphQL error without code', () => loginAnswered(500, [{ message: 'Internal error' }]), 'graphql'],
    ['a network failure', () => mockKrakenNetworkError(ObtainKrakenTokenDocument), 'network'],
    ['KT-CT-1199', () => mockKrakenRateLimit(ObtainKrakenTokenDocument, { retryAfterSeconds: 0 }), 'rate-limit'],
    ['HTTP 429', () => mockKrakenHttpError(ObtainKrakenTokenDocument, { status: 429, body: 'Too Many Requests' }), 'rate-limit'],
    ['HTTP 403 from a firewall', () => mockKrakenHttpError(ObtainKrakenTokenDocument, { status: 403, body: '<html>Forbidden</html>' }), 'http'],
    ['a 502 from a proxy', () => mockKrakenBadGateway(ObtainKrakenTokenDocument), 'http'],
    ['KT-CT-1113 (a disabled field)', () => mockKrakenError(ObtainKrakenTokenDocument, 'KT-CT-1113'), 'graphql'],
  ];

  it.each(transient)('%s: not a refusal; the next request after the backoff logs in', async (_name, fault, kind) => {
    server.use(fault());
    const client = clientWith(loginWith({ email: EMAIL, password: PASSWORD }));
    const first = await failure(client.request(CallDocument));
    expect(first.kind).toBe(kind);
    expect(first.message).not.toMatch(/refused/);
    expect(loginCalls()).toBe(1);
    // Inside the backoff: the same error, no call.
    expect(await failure(client.request(CallDocument))).toBe(first);
    expect(loginCalls()).toBe(1);
    // The server recovers; after the backoff the next request logs in.
    server.resetHandlers(...kraken.handlers);
    clock += LOGIN_BACKOFF_MS.initial;
    expect(await client.request(CallDocument)).toMatchObject(ANSWERED);
    expect(loginCalls()).toBe(2);
  });

  it('backs off exponentially, capped, never in a tight loop', async () => {
    server.use(loginAnswered(503, [{ message: 'upstream unavailable' }]));
    const client = clientWith();
    const attemptsAt: number[] = [];
    const started = clock;
    // 10 minutes of one request every 100 ms.
    for (let elapsed = 0; elapsed <= 600_000; elapsed += 100) {
      clock = started + elapsed;
      const before = loginCalls();
      await failure(client.request(CallDocument));
      if (loginCalls() > before) attemptsAt.push(elapsed);
    }
    const gaps = attemptsAt.slice(1).map((at, index) => at - (attemptsAt[index] ?? 0));
    expect(gaps.slice(0, 6)).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000]);
    expect(new Set(gaps.slice(6))).toEqual(new Set([LOGIN_BACKOFF_MS.max]));
    expect(attemptsAt.length).toBeLessThan(20);
  });

  it('honours a longer Retry-After of a rate-limited login', async () => {
    server.use(mockKrakenRateLimit(ObtainKrakenTokenDocument, { retryAfterSeconds: 20 }));
    const client = clientWith();
    expect((await failure(client.request(CallDocument))).kind).toBe('rate-limit');
    server.resetHandlers(...kraken.handlers);
    clock += 19_000;
    await failure(client.request(CallDocument));
    expect(loginCalls()).toBe(1);
    clock += 1000;
    await client.request(CallDocument);
    expect(loginCalls()).toBe(2);
  });

  it('a successful login resets the backoff', async () => {
    server.use(loginAnswered(503, [{ message: 'upstream unavailable' }], { once: true }));
    const client = clientWith();
    await failure(client.request(CallDocument));
    clock += 1000;
    await client.request(CallDocument);
    clock += 3600 * 1000; // expired: refresh; it fails once, and is retried 1 s later, not 2 s
    server.use(loginAnswered(503, [{ message: 'upstream unavailable' }], { once: true }));
    await failure(client.request(CallDocument));
    clock += 1000;
    expect(await client.request(CallDocument)).toMatchObject(ANSWERED);
    expect(loginCalls()).toBe(4);
  });
});

describe('a refusal of the credentials is final until logout', () => {
  it.each(['KT-CT-1134', 'KT-CT-1135', 'KT-CT-1138', 'KT-CT-1139'])('%s on a login with credentials', async (code) => {
    server.use(loginAnswered(200, [{ message: 'Invalid data.', extensions: { errorCode: code } }], { once: true }));
    const client = clientWith();
    const first = await failure(client.request(CallDocument));
    expect(first.kind).toBe('auth');
    expect(first.code).toBe(code);
    clock += 24 * 3600 * 1000;
    expect(await failure(client.request(CallDocument))).toBe(first);
    expect(loginCalls()).toBe(1);
    await client.logout();
    expect(await client.request(CallDocument)).toMatchObject(ANSWERED);
    expect(loginCalls()).toBe(2);
  });

  it.each(['KT-CT-1134', 'KT-CT-1135'])('%s on a refresh leads to one new login with the stored credentials', async (code) => {
    const client = clientWith(loginWith({ email: EMAIL, password: PASSWORD }));
    await client.request(CallDocument);
    clock += 3600 * 1000;
    server.use(loginAnswered(200, [{ message: 'Invalid data.', extensions: { errorCode: code } }], { once: true }));
    expect(await client.request(CallDocument)).toMatchObject(ANSWERED);
    expect(traffic.logins().map((input) => Object.keys(input))).toEqual([['email', 'password'], ['refreshToken'], ['email', 'password']]);
  });

  it('a refresh token given as the credential and refused is final: a new login is needed', async () => {
    let refreshToken = '';
    await clientWith(loginWith({ apiKey: API_KEY }), { onSession: (session) => void (refreshToken = session.refreshToken ?? '') }).request(CallDocument);
    usedSecrets.add(refreshToken);
    const client = clientWith(loginWith({ refreshToken }));
    await client.request(CallDocument);
    clock += 3600 * 1000;
    kraken.state.reset(); // forgets the refresh token: KT-CT-1135
    const first = await failure(client.request(CallDocument));
    expect(first.kind).toBe('auth');
    expect(first.message).toMatch(/new login is needed/);
    clock += 3600 * 1000;
    await failure(client.request(CallDocument));
    expect(kraken.state.obtainKrakenTokenCalls).toBe(1);
  });
});

describe('a failing store or session hook', () => {
  const failingStore = (failing: { get?: boolean; set?: boolean }): SessionStore & { sets: number } => {
    let session: Session | undefined;
    const store = {
      sets: 0,
      get: () => (failing.get ? Promise.reject(new Error('store is down')) : Promise.resolve(session)),
      set: (value: Session | undefined) => {
        store.sets += 1;
        if (failing.set) return Promise.reject(new Error('store is read-only'));
        session = value;
        return Promise.resolve();
      },
    };
    return store;
  };

  it.each([
    ['store.get', { get: true }],
    ['store.set', { set: true }],
    ['store.get and store.set', { get: true, set: true }],
  ] as const)('%s that throws: calls succeed on the in-memory session, one login, one warning of kind store', async (name, failing) => {
    const store = failingStore(failing);
    const client = clientWith(loginWith({ apiKey: API_KEY }), { store });
    const results = await Promise.all(Array.from({ length: 20 }, () => client.request(CallDocument)));
    for (let index = 0; index < 20; index += 1) expect(await client.request(CallDocument)).toMatchObject(ANSWERED);
    expect(results).toHaveLength(20);
    expect(loginCalls()).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.kind).toBe('store');
    expect(warnings[0]?.message).toContain(name.split(' ')[0]);
    expect((warnings[0]?.cause as Error).message).toMatch(/store is/);
    expect(await client.safeRequest(CallDocument)).toMatchObject({ data: ANSWERED });
  });

  it('onSession that throws: the call succeeds, and the failure is reported as a store warning, never as a network failure', async () => {
    const client = clientWith(loginWith({ apiKey: API_KEY }), { onSession: () => Promise.reject(new Error('hook broke')) });
    expect(await client.request(CallDocument)).toMatchObject(ANSWERED);
    expect(await client.request(CallDocument)).toMatchObject(ANSWERED);
    expect(loginCalls()).toBe(1);
    expect(warnings.map((warning) => [warning.kind, warning.message])).toEqual([['store', expect.stringContaining('onSession')]]);
    expect((warnings[0]?.cause as Error).message).toBe('hook broke');
  });

  it('logout with a failing store.set rejects with a store error that keeps the cause', async () => {
    const client = clientWith(loginWith({ apiKey: API_KEY }), { store: failingStore({ set: true }) });
    const error = await failure(client.logout());
    expect(error.kind).toBe('store');
    expect((error.cause as Error).message).toBe('store is read-only');
  });

  it('the store recovers: a second outage warns again', async () => {
    const failing = { get: true };
    const store = failingStore(failing);
    const client = clientWith(loginWith({ apiKey: API_KEY }), { store });
    await client.request(CallDocument);
    failing.get = false;
    clock += 3600 * 1000;
    await client.request(CallDocument);
    failing.get = true;
    clock += 3600 * 1000;
    await client.request(CallDocument);
    expect(warnings).toHaveLength(2);
  });
});

/** Holds every obtainKrakenToken request until `release()`; the mock Kraken then answers it. */
function holdLogins() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const arrived = new Promise<void>((resolve) => (started = resolve));
  server.use(
    graphql.link('*').mutation('ObtainKrakenToken', async () => {
      started();
      await released;
      return undefined;
    }),
  );
  return { arrived, release };
}

describe('the caller signal and the client timeout bound getting a token', () => {
  it('aborting during a login rejects at once; the shared login goes on for the other waiters', async () => {
    const held = holdLogins();
    const client = clientWith();
    const controller = new AbortController();
    const aborted = failure(client.request(CallDocument, undefined, { signal: controller.signal }));
    const patient = client.request(CallDocument);
    await held.arrived;
    controller.abort();
    const error = await aborted;
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('abort');
    expect(traffic.issued()).toHaveLength(0); // the login was still held when the call rejected
    held.release();
    expect(await patient).toMatchObject(ANSWERED);
    expect(loginCalls()).toBe(1);
  });

  it('an already-aborted signal never starts a login', async () => {
    const client = clientWith();
    const error = await failure(client.request(CallDocument, undefined, { signal: AbortSignal.abort() }));
    expect(error.reason).toBe('abort');
    expect(traffic.exchanges).toHaveLength(0);
  });

  it('the client timeout bounds a login that does not answer', async () => {
    const held = holdLogins();
    const client = clientWith(loginWith({ apiKey: API_KEY }), { timeoutMs: 50 });
    const error = await failure(client.request(CallDocument));
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('timeout');
    held.release();
  });

  it('a getToken that never settles cannot hang a call', async () => {
    const client = clientWith({ getToken: () => new Promise<string>(() => {}) }, { timeoutMs: 50 });
    const error = await failure(client.request(CallDocument));
    expect(error.reason).toBe('timeout');
    const controller = new AbortController();
    const pending = failure(clientWith({ getToken: () => new Promise<string>(() => {}) }, { timeoutMs: 0 }).request(CallDocument, undefined, { signal: controller.signal }));
    controller.abort();
    expect((await pending).reason).toBe('abort');
  });

  it('a store.get that never settles cannot hang a call', async () => {
    const store: SessionStore = { get: () => new Promise(() => {}), set: () => Promise.resolve() };
    const controller = new AbortController();
    const pending = failure(clientWith(loginWith({ apiKey: API_KEY }), { store, timeoutMs: 0 }).request(CallDocument, undefined, { signal: controller.signal }));
    controller.abort();
    expect((await pending).reason).toBe('abort');
    const timedOut = await failure(clientWith(loginWith({ apiKey: API_KEY }), { store, timeoutMs: 50 }).request(CallDocument));
    expect(timedOut.reason).toBe('timeout');
  });
});

describe('a failed proactive refresh falls back to the still-valid token', () => {
  it('30 s before expiry, a refresh answered 502: 1,000 of 1,000 calls succeed with the current token', async () => {
    const client = clientWith();
    await client.request(CallDocument);
    const token = traffic.issued()[0]?.token;
    clock += (3600 - 30) * 1000;
    server.use(mockKrakenBadGateway(ObtainKrakenTokenDocument));
    const settled = await Promise.allSettled(Array.from({ length: 1000 }, () => client.request(CallDocument)));
    expect(settled.filter((result) => result.status === 'fulfilled')).toHaveLength(1000);
    expect(new Set(traffic.apiCalls().map((exchange) => exchange.authorization))).toEqual(new Set([token]));
    expect(loginCalls()).toBe(2);
    // Once the token has expired there is nothing to fall back to: the refresh error surfaces.
    clock += 30_000;
    expect((await failure(client.request(CallDocument))).kind).toBe('http');
  });
});
