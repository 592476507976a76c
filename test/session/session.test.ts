import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupServer } from 'msw/node';
import { createKrakenClient as createCoreClient, createMemorySessionStore, KrakenError } from '../../src/client/index.js';
import type { KrakenAuth, KrakenClientOptions, Session, SessionStore } from '../../src/client/index.js';
import { CloseOpenPrintBatchDocument, createKrakenClient, endpoints, ObtainKrakenTokenDocument } from '../../src/brands/st.js';
import { createKrakenMock, mockKrakenBadGateway, mockKrakenError, mockKrakenResult } from '../../mocks/index.js';
import type { KrakenMock, KrakenMockHandlerOptions } from '../../mocks/index.js';
import { recordTraffic } from './traffic.js';
import type { Traffic } from './traffic.js';
import { loginWith } from '../../src/index.js';

const EMAIL = 'user@example.com';
const PASSWORD = 'correct-horse-battery-staple';
const API_KEY = 'sk_live_api_key_secret';
const CREDENTIALS = {
  users: [{ email: EMAIL, password: PASSWORD }],
  apiKeys: [API_KEY],
  organizationSecretKeys: ['org-secret'],
  preSignedKeys: ['pre-signed-secret'],
};

// An st operation that needs Authorization (it documents KT-CT-1112) and takes no variables:
// the stand-in for "any API call" in these tests. What the mock answers for it on success:
const CallDocument = CloseOpenPrintBatchDocument;
const ANSWERED = { closeOpenPrintBatch: { printBatch: { __typename: 'PrintBatchType' } } };

const server = setupServer();
// Every error and secret these tests produce, checked for leaks at the end.
const producedErrors: KrakenError[] = [];
const usedSecrets = new Set<string>([PASSWORD, API_KEY, 'org-secret', 'pre-signed-secret', 'wrong-password-secret', 'nope-secret']);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  for (const issued of traffic.issued()) {
    usedSecrets.add(issued.token);
    usedSecrets.add(issued.refreshToken);
  }
});
afterAll(() => {
  server.close();
  expect(producedErrors.length).toBeGreaterThan(20);
  for (const error of producedErrors) {
    const renderings = [error.message, String(error.stack), JSON.stringify(error), inspect(error, { depth: Infinity })];
    for (const text of renderings) for (const secret of usedSecrets) expect(text).not.toContain(secret);
  }
});

let clock = 0;
let kraken: KrakenMock;
let traffic: Traffic;

/** Serves the project's st mock Kraken on its own clock (`clock`), accepting CREDENTIALS. */
function useKrakenMock(options: KrakenMockHandlerOptions = {}): KrakenMock {
  const mock = createKrakenMock({ brand: 'st', now: () => clock, credentials: CREDENTIALS, ...options });
  server.use(...mock.handlers);
  return mock;
}

beforeEach(() => {
  clock = Date.parse('2026-03-01T00:00:00Z');
  kraken = useKrakenMock();
  traffic = recordTraffic();
});

/** The st client (its documented login document preset), on the test clock, recording its traffic. */
function clientWith(auth: KrakenAuth | undefined, extra: Partial<KrakenClientOptions> = {}) {
  const onSession = (session: Session) => {
    if (session.refreshToken) usedSecrets.add(session.refreshToken);
    return extra.onSession?.(session);
  };
  return createKrakenClient({ now: () => clock, fetch: traffic.fetch, ...(auth ? { auth } : {}), ...extra, onSession });
}

async function failure(promise: Promise<unknown>): Promise<KrakenError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof KrakenError)) throw new Error(`expected a KrakenError, got ${String(error)}`);
  producedErrors.push(error);
  return error;
}

const apiAuthorizations = () => traffic.apiCalls().map((exchange) => exchange.authorization);
const issuedToken = (index: number) => traffic.issued()[index]?.token;

describe('login', () => {
  it('logs in lazily on the first request and sends the raw token without Authorization on the login itself', async () => {
    const client = clientWith(loginWith({ email: EMAIL, password: PASSWORD }));
    expect(kraken.state.requests).toHaveLength(0);
    expect(await client.request(CallDocument)).toMatchObject(ANSWERED);
    expect(traffic.logins()).toEqual([{ email: EMAIL, password: PASSWORD }]);
    expect(traffic.exchanges[0]?.authorization).toBeNull();
    expect(traffic.exchanges[1]?.authorization).toBe(issuedToken(0));
    expect(kraken.state.requests.map((request) => request.hadAuthorization)).toEqual([false, true]);
    await client.request(CallDocument);
    expect(kraken.state.obtainKrakenTokenCalls).toBe(1);
  });

  it.each([
    [{ apiKey: API_KEY }, { APIKey: API_KEY }],
    [{ organizationSecretKey: 'org-secret' }, { organizationSecretKey: 'org-secret' }],
    [{ preSignedKey: 'pre-signed-secret' }, { preSignedKey: 'pre-signed-secret' }],
  ] as const)('maps %o to the obtainKrakenToken input', async (credentials, input) => {
    await clientWith(loginWith(credentials)).request(CallDocument);
    expect(traffic.logins()).toEqual([input]);
    expect(kraken.state.issuedTokens).toBe(1);
  });

  it('logs in with a refresh token given as the credential', async () => {
    let stored: Session | undefined;
    await clientWith(loginWith({ email: EMAIL, password: PASSWORD }), { onSession: (session) => void (stored = session) }).request(CallDocument);
    const refreshToken = stored?.refreshToken ?? '';
    await clientWith(loginWith({ refreshToken })).request(CallDocument);
    expect(traffic.logins().at(-1)).toEqual({ refreshToken });
    expect(kraken.state.issuedTokens).toBe(2);
  });

  it('uses a configured Authorization prefix', async () => {
    await clientWith(loginWith({ apiKey: API_KEY }), { authorizationPrefix: 'JWT ' }).request(CallDocument);
    expect(apiAuthorizations()[0]).toBe(`JWT ${issuedToken(0)}`);
  });

  it('a login refused for bad credentials is an auth error naming the code, and is never repeated', async () => {
    const client = clientWith(loginWith({ email: EMAIL, password: 'wrong-password-secret' }));
    const first = await failure(client.request(CallDocument));
    expect(first.kind).toBe('auth');
    expect(first.code).toBe('KT-CT-1138');
    expect(first.message).toContain('KT-CT-1138');
    const second = await failure(client.request(CallDocument));
    expect(second).toBe(first);
    expect(kraken.state.obtainKrakenTokenCalls).toBe(1);
    expect(kraken.state.countOf(CallDocument.kraken.operationName)).toBe(0);
  });

  it.each(['KT-CT-1134', 'KT-CT-1135'] as const)('a documented refusal of obtainKrakenToken (%s) is an auth error', async (code) => {
    server.use(mockKrakenError(ObtainKrakenTokenDocument, code));
    const error = await failure(clientWith(loginWith({ apiKey: API_KEY })).request(CallDocument));
    expect(error.kind).toBe('auth');
    expect(error.code).toBe(code);
    expect(traffic.logins()).toHaveLength(1);
  });

  it('a login that returns no token is an auth error', async () => {
    server.use(mockKrakenResult(ObtainKrakenTokenDocument, { obtainKrakenToken: null }));
    const error = await failure(clientWith(loginWith({ apiKey: API_KEY })).request(CallDocument));
    expect(error.kind).toBe('auth');
  });
});

describe('refresh', () => {
  it('refreshes proactively within the skew, with the refresh token, and never sends a token known to be expired', async () => {
    const client = clientWith(loginWith({ email: EMAIL, password: PASSWORD }));
    await client.request(CallDocument);
    const firstToken = issuedToken(0);
    clock += (3600 - 61) * 1000; // 61 s before expiry: outside the 60 s skew
    await client.request(CallDocument);
    expect(kraken.state.obtainKrakenTokenCalls).toBe(1);
    clock += 2000; // 59 s before expiry: inside the skew
    await client.request(CallDocument);
    expect(kraken.state.obtainKrakenTokenCalls).toBe(2);
    expect(traffic.logins()[1]).toEqual({ refreshToken: traffic.issued()[0]?.refreshToken });
    expect(apiAuthorizations().at(-1)).toBe(issuedToken(1));
    expect(apiAuthorizations()).toEqual([firstToken, firstToken, issuedToken(1)]);
  });

  it('honours a configured skew', async () => {
    const client = clientWith(loginWith({ apiKey: API_KEY }), { refreshSkewMs: 10 * 60_000 });
    await client.request(CallDocument);
    clock += (3600 - 599) * 1000;
    await client.request(CallDocument);
    expect(kraken.state.obtainKrakenTokenCalls).toBe(2);
  });

  it('bounds the skew by half the lifetime of short-lived tokens', async () => {
    kraken = useKrakenMock({ tokenLifetimeSeconds: 40 });
    const client = clientWith(loginWith({ apiKey: API_KEY }));
    await client.request(CallDocument);
    clock += 10_000;
    await client.request(CallDocument);
    expect(kraken.state.obtainKrakenTokenCalls).toBe(1);
    clock += 11_000; // 19 s left of 40: refresh
    await client.request(CallDocument);
    expect(kraken.state.obtainKrakenTokenCalls).toBe(2);
  });

  it('keeps the refresh token and expiry the server hands back, never extending them', async () => {
    const sessions: Session[] = [];
    const client = clientWith(loginWith({ apiKey: API_KEY }), { onSession: (session) => void sessions.push(session) });
    await client.request(CallDocument);
    const before = await client.session();
    clock += 3600 * 1000;
    await client.request(CallDocument);
    const after = await client.session();
    expect(sessions).toHaveLength(2);
    expect(sessions[1]?.refreshToken).toBe(sessions[0]?.refreshToken);
    expect(after?.refreshExpiresAt).toBe(before?.refreshExpiresAt);
    expect(after?.tokenExpiresAt).toBeGreaterThan(before?.tokenExpiresAt ?? Infinity);
    expect(before).toEqual({ tokenExpiresAt: clock, refreshExpiresAt: Date.parse('2026-03-08T00:00:00Z') });
  });

  it('refreshes reactively after KT-CT-1124, retrying the request once', async () => {
    let serverAheadMs = 0;
    kraken = useKrakenMock({ now: () => clock + serverAheadMs });
    const client = clientWith(loginWith({ apiKey: API_KEY }));
    await client.request(CallDocument);
    // The server's clock runs past the token's expiry while the client's does not: only the server knows it expired.
    serverAheadMs = 3600 * 1000;
    expect(await client.request(CallDocument)).toMatchObject(ANSWERED);
    expect(kraken.state.requests.map((request) => request.errorCodes)).toEqual([[], [], ['KT-CT-1124'], [], []]);
    expect(kraken.state.obtainKrakenTokenCalls).toBe(2);
    expect(apiAuthorizations()).toEqual([issuedToken(0), issuedToken(0), issuedToken(1)]);
  });

  it('retries only once: a second KT-CT-1124 is returned as an auth error', async () => {
    const client = clientWith(loginWith({ apiKey: API_KEY }));
    await client.request(CallDocument);
    server.use(mockKrakenError(CallDocument, 'KT-CT-1124'));
    const error = await failure(client.request(CallDocument));
    expect(error.kind).toBe('auth');
    expect(error.code).toBe('KT-CT-1124');
    expect(traffic.apiCalls()).toHaveLength(3);
    expect(kraken.state.obtainKrakenTokenCalls).toBe(2);
  });

  it.each([
    ['KT-CT-1111', 'auth'],
    ['KT-CT-1199', 'rate-limit'],
    ['KT-CT-9010', 'graphql'],
  ] as const)('does not retry other errors (%s)', async (code, kind) => {
    const client = clientWith(loginWith({ apiKey: API_KEY }), { retry: false });
    server.use(mockKrakenError(CallDocument, code));
    const error = await failure(client.request(CallDocument));
    expect(error.kind).toBe(kind);
    expect(traffic.apiCalls()).toHaveLength(1);
    expect(kraken.state.obtainKrakenTokenCalls).toBe(1);
  });

  it('500 concurrent requests at expiry make exactly one obtainKrakenToken call', async () => {
    const client = clientWith(loginWith({ email: EMAIL, password: PASSWORD }));
    await client.request(CallDocument);
    clock += 3600 * 1000;
    const results = await Promise.all(Array.from({ length: 500 }, () => client.request(CallDocument)));
    expect(results).toHaveLength(500);
    expect(kraken.state.obtainKrakenTokenCalls).toBe(2);
    expect(new Set(apiAuthorizations().slice(1))).toEqual(new Set([issuedToken(1)]));
  });

  it('500 concurrent first requests make exactly one login', async () => {
    const client = clientWith(loginWith({ email: EMAIL, password: PASSWORD }));
    await Promise.all(Array.from({ length: 500 }, () => client.request(CallDocument)));
    expect(kraken.state.obtainKrakenTokenCalls).toBe(1);
  });

  it('falls back to the credentials once the refresh token has expired', async () => {
    const client = clientWith(loginWith({ email: EMAIL, password: PASSWORD }));
    await client.request(CallDocument);
    clock += 8 * 24 * 3600 * 1000;
    await client.request(CallDocument);
    expect(traffic.logins()).toEqual([{ email: EMAIL, password: PASSWORD }, { email: EMAIL, password: PASSWORD }]);
  });

  it('falls back to the credentials when the refresh token is rejected', async () => {
    const client = clientWith(loginWith({ email: EMAIL, password: PASSWORD }));
    await client.request(CallDocument);
    clock += 3600 * 1000;
    kraken.state.reset(); // the server forgets the refresh tokens it issued: it now answers KT-CT-1135 for them
    await client.request(CallDocument);
    expect(traffic.logins().map((input) => Object.keys(input))).toEqual([['email', 'password'], ['refreshToken'], ['email', 'password']]);
    expect(kraken.state.requests.map((request) => request.errorCodes)).toEqual([['KT-CT-1135'], [], []]);
  });

  it('without credentials to log in again, fails clearly with an auth error saying a new login is needed', async () => {
    let refreshToken = '';
    await clientWith(loginWith({ apiKey: API_KEY }), { onSession: (session) => void (refreshToken = session.refreshToken ?? '') }).request(CallDocument);
    const client = clientWith(loginWith({ refreshToken }));
    await client.request(CallDocument);
    const logins = kraken.state.obtainKrakenTokenCalls;
    clock += 8 * 24 * 3600 * 1000;
    const error = await failure(client.request(CallDocument));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/new login is needed/);
    expect(kraken.state.obtainKrakenTokenCalls).toBe(logins);
  });

  it('a failed refresh fails every waiting request with the same error, and the next request after the backoff tries again', async () => {
    const client = clientWith(loginWith({ apiKey: API_KEY }));
    await client.request(CallDocument);
    clock += 3600 * 1000;
    server.use(mockKrakenBadGateway(ObtainKrakenTokenDocument, { once: true }));
    const settled = await Promise.allSettled(Array.from({ length: 20 }, () => client.request(CallDocument)));
    const reasons = settled.map((result) => (result.status === 'rejected' ? (result.reason as unknown) : undefined));
    producedErrors.push(...reasons.filter((reason): reason is KrakenError => reason instanceof KrakenError));
    expect(new Set(reasons).size).toBe(1);
    const shared = reasons[0];
    expect(shared).toBeInstanceOf(KrakenError);
    expect((shared as KrakenError).kind).toBe('http');
    expect(traffic.logins()).toHaveLength(2);
    // Inside the backoff (1 s) the same error comes back without a call.
    expect(await client.request(CallDocument).catch((error: unknown) => error)).toBe(shared);
    expect(traffic.logins()).toHaveLength(2);
    // The bad gateway answered once; the mock Kraken answers the next attempt.
    clock += 1000;
    expect(await client.request(CallDocument)).toMatchObject(ANSWERED);
    expect(traffic.logins()).toHaveLength(3);
  });

  it('a refused login fails every waiting request with the same auth error object', async () => {
    const client = clientWith(loginWith({ email: EMAIL, password: 'nope-secret' }));
    const settled = await Promise.allSettled(Array.from({ length: 10 }, () => client.request(CallDocument)));
    const reasons = new Set(settled.map((result) => (result.status === 'rejected' ? (result.reason as unknown) : undefined)));
    expect(reasons.size).toBe(1);
    expect(([...reasons][0] as KrakenError).kind).toBe('auth');
    expect(kraken.state.obtainKrakenTokenCalls).toBe(1);
  });
});

describe('session state', () => {
  it('session() shows expiries only; logout() forgets them', async () => {
    const client = clientWith(loginWith({ apiKey: API_KEY }));
    expect(await client.session()).toBeUndefined();
    await client.request(CallDocument);
    const info = await client.session();
    expect(Object.keys(info ?? {}).sort()).toEqual(['refreshExpiresAt', 'tokenExpiresAt']);
    await client.logout();
    expect(await client.session()).toBeUndefined();
    await client.request(CallDocument);
    expect(kraken.state.obtainKrakenTokenCalls).toBe(2);
  });

  it('a shared store lets two clients share one session', async () => {
    const shared = createMemorySessionStore();
    // The store of the clients' one scope (both have the same credentials), watched.
    let scoped: SessionStore | undefined;
    const store: SessionStore = { ...shared, forScope: (scope) => (scoped ??= shared.forScope?.(scope) ?? shared) };
    await clientWith(loginWith({ apiKey: API_KEY }), { store }).request(CallDocument);
    const set = vi.spyOn(scoped as SessionStore, 'set');
    await clientWith(loginWith({ apiKey: API_KEY }), { store }).request(CallDocument);
    expect(kraken.state.obtainKrakenTokenCalls).toBe(1);
    expect(set).toHaveBeenCalledTimes(0);
    expect(await scoped?.get()).toMatchObject({ token: expect.any(String) });
  });

  it('works with fake timers driving Date.now()', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(clock);
      const client = createKrakenClient({ auth: loginWith({ apiKey: API_KEY }) });
      await client.request(CallDocument);
      vi.setSystemTime(clock + (3600 - 30) * 1000);
      clock += (3600 - 30) * 1000;
      await client.request(CallDocument);
      expect(kraken.state.obtainKrakenTokenCalls).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('tokens managed elsewhere', () => {
  it('sends a fixed token, and refuses one known to be expired without sending it', async () => {
    await clientWith(loginWith({ apiKey: API_KEY })).request(CallDocument);
    const token = issuedToken(0) ?? '';
    const client = clientWith({ token });
    expect(await client.request(CallDocument)).toMatchObject(ANSWERED);
    expect(apiAuthorizations()[1]).toBe(token);
    clock += 3600 * 1000;
    const error = await failure(client.request(CallDocument));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/expired/);
    expect(traffic.apiCalls()).toHaveLength(2);
  });

  it('asks getToken for each request, and once more after KT-CT-1124 to retry once', async () => {
    const issuer = clientWith(loginWith({ apiKey: API_KEY }));
    await issuer.request(CallDocument);
    const first = issuedToken(0) ?? '';
    clock += 3600 * 1000; // the server now answers KT-CT-1124 for `first`
    await issuer.request(CallDocument);
    const fresh = issuedToken(1) ?? '';
    const getToken = vi.fn().mockResolvedValueOnce(first).mockResolvedValue(fresh);
    const client = clientWith({ getToken });
    expect(await client.request(CallDocument)).toMatchObject(ANSWERED);
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(apiAuthorizations().slice(2)).toEqual([first, fresh]);
    expect(kraken.state.requests.slice(-2).map((request) => request.errorCodes)).toEqual([['KT-CT-1124'], []]);
  });

  it('a failing getToken is an auth error', async () => {
    const client = clientWith({ getToken: () => Promise.reject(new Error('vault unavailable')) });
    const error = await failure(client.request(CallDocument));
    expect(error.kind).toBe('auth');
  });

  it('without auth, nothing logs in and no Authorization is sent', async () => {
    const error = await failure(clientWith(undefined).request(CallDocument));
    expect(error.code).toBe('KT-CT-1112');
    expect(kraken.state.obtainKrakenTokenCalls).toBe(0);
    expect(kraken.state.requests.map((request) => request.hadAuthorization)).toEqual([false]);
  });
});

describe('the login document', () => {
  it('uses the configured loginDocument and can call it directly without Authorization', async () => {
    // The core client defaults to a minimal login document; configure st's documented one.
    const client = createCoreClient({
      endpoint: endpoints.api,
      now: () => clock,
      fetch: traffic.fetch,
      auth: loginWith({ apiKey: API_KEY }),
      loginDocument: ObtainKrakenTokenDocument,
    });
    await client.request(CallDocument);
    expect(kraken.state.obtainKrakenTokenCalls).toBe(1);
    expect(traffic.exchanges[0]?.query).toBe(ObtainKrakenTokenDocument.kraken.text);
    const direct = await client.request(ObtainKrakenTokenDocument, { input: { APIKey: API_KEY } });
    expect(direct.obtainKrakenToken?.token).toBeTruthy();
    expect(traffic.exchanges.at(-1)?.authorization).toBeNull();
    expect(kraken.state.requests.at(-1)?.hadAuthorization).toBe(false);
  });

  it('the st client presets its documented login document', async () => {
    await clientWith(loginWith({ apiKey: API_KEY })).request(CallDocument);
    expect(traffic.exchanges[0]?.query).toBe(ObtainKrakenTokenDocument.kraken.text);
  });
});
