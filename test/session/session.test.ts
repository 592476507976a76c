import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createKrakenClient, createMemorySessionStore, KrakenError } from '../../src/client/index.js';
import type { KrakenAuth, KrakenClientOptions, Session } from '../../src/client/index.js';
import { API_URL, createMockKraken, krakenError, makeJwt } from './mock-kraken.js';
import type { MockKraken } from './mock-kraken.js';
import { ViewerDocument } from './documents.js';

const EMAIL = 'user@example.com';
const PASSWORD = 'correct-horse-battery-staple';
const API_KEY = 'sk_live_api_key_secret';

const server = setupServer();
// Every error and secret these tests produce, checked for leaks at the end.
const producedErrors: KrakenError[] = [];
const usedSecrets = new Set<string>([PASSWORD, API_KEY, 'org-secret', 'pre-signed-secret', 'wrong-password-secret', 'nope-secret']);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  for (const token of kraken.issuedTokens) usedSecrets.add(token);
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
let kraken: MockKraken;
beforeEach(() => {
  clock = Date.parse('2026-03-01T00:00:00Z');
  kraken = createMockKraken({
    now: () => clock,
    email: EMAIL,
    password: PASSWORD,
    acceptedSecrets: { APIKey: API_KEY, organizationSecretKey: 'org-secret', preSignedKey: 'pre-signed-secret' },
  });
  server.use(...kraken.handlers);
});

function clientWith(auth: KrakenAuth | undefined, extra: Partial<KrakenClientOptions> = {}) {
  const onSession = (session: Session) => {
    if (session.refreshToken) usedSecrets.add(session.refreshToken);
    return extra.onSession?.(session);
  };
  return createKrakenClient({ endpoint: API_URL, now: () => clock, ...(auth ? { auth } : {}), ...extra, onSession });
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

const apiRequests = () => kraken.requests.filter((request) => request.operationName !== 'ObtainKrakenToken');

describe('login', () => {
  it('logs in lazily on the first request and sends the raw token without Authorization on the login itself', async () => {
    const client = clientWith({ email: EMAIL, password: PASSWORD });
    expect(kraken.requests).toHaveLength(0);
    expect(await client.request(ViewerDocument)).toEqual({ viewer: { id: 'user-1' } });
    expect(kraken.logins).toEqual([{ email: EMAIL, password: PASSWORD }]);
    expect(kraken.requests[0]?.authorization).toBeNull();
    expect(kraken.requests[1]?.authorization).toBe(kraken.issuedTokens[0]);
    await client.request(ViewerDocument);
    expect(kraken.logins).toHaveLength(1);
  });

  it.each([
    [{ apiKey: API_KEY }, { APIKey: API_KEY }],
    [{ organizationSecretKey: 'org-secret' }, { organizationSecretKey: 'org-secret' }],
    [{ preSignedKey: 'pre-signed-secret' }, { preSignedKey: 'pre-signed-secret' }],
  ] as const)('maps %o to the obtainKrakenToken input', async (auth, input) => {
    await clientWith(auth).request(ViewerDocument);
    expect(kraken.logins).toEqual([input]);
  });

  it('logs in with a refresh token given as the credential', async () => {
    let stored: Session | undefined;
    await clientWith({ email: EMAIL, password: PASSWORD }, { onSession: (session) => void (stored = session) }).request(ViewerDocument);
    const refreshToken = stored?.refreshToken ?? '';
    await clientWith({ refreshToken }).request(ViewerDocument);
    expect(kraken.logins.at(-1)).toEqual({ refreshToken });
  });

  it('uses a configured Authorization prefix', async () => {
    await clientWith({ apiKey: API_KEY }, { authorizationPrefix: 'JWT ' }).request(ViewerDocument);
    expect(apiRequests()[0]?.authorization).toBe(`JWT ${kraken.issuedTokens[0]}`);
  });

  it('a login refused for bad credentials is an auth error naming the code, and is never repeated', async () => {
    const client = clientWith({ email: EMAIL, password: 'wrong-password-secret' });
    const first = await failure(client.request(ViewerDocument));
    expect(first.kind).toBe('auth');
    expect(first.code).toBe('KT-CT-1138');
    expect(first.message).toContain('KT-CT-1138');
    const second = await failure(client.request(ViewerDocument));
    expect(second).toBe(first);
    expect(kraken.logins).toHaveLength(1);
    expect(apiRequests()).toHaveLength(0);
  });

  it.each(['KT-CT-1134', 'KT-CT-1135', 'KT-CT-1113'])('any obtainKrakenToken error (%s) is an auth error', async (code) => {
    kraken.overrideLogin({ body: { errors: [krakenError(code, 'Invalid data.')], data: { obtainKrakenToken: null } } });
    const error = await failure(clientWith({ apiKey: API_KEY }).request(ViewerDocument));
    expect(error.kind).toBe('auth');
    expect(error.code).toBe(code);
    expect(kraken.logins).toHaveLength(1);
  });

  it('a login that returns no token is an auth error', async () => {
    kraken.overrideLogin({ body: { data: { obtainKrakenToken: null } } });
    const error = await failure(clientWith({ apiKey: API_KEY }).request(ViewerDocument));
    expect(error.kind).toBe('auth');
  });
});

describe('refresh', () => {
  it('refreshes proactively within the skew, with the refresh token, and never sends a token known to be expired', async () => {
    const client = clientWith({ email: EMAIL, password: PASSWORD });
    await client.request(ViewerDocument);
    const firstToken = kraken.issuedTokens[0];
    clock += (3600 - 61) * 1000; // 61 s before expiry: outside the 60 s skew
    await client.request(ViewerDocument);
    expect(kraken.logins).toHaveLength(1);
    clock += 2000; // 59 s before expiry: inside the skew
    await client.request(ViewerDocument);
    expect(kraken.logins).toHaveLength(2);
    expect(kraken.logins[1]).toEqual({ refreshToken: expect.stringMatching(/^refresh-/) });
    expect(apiRequests().at(-1)?.authorization).toBe(kraken.issuedTokens[1]);
    expect(apiRequests().map((request) => request.authorization)).toEqual([firstToken, firstToken, kraken.issuedTokens[1]]);
  });

  it('honours a configured skew', async () => {
    const client = clientWith({ apiKey: API_KEY }, { refreshSkewMs: 10 * 60_000 });
    await client.request(ViewerDocument);
    clock += (3600 - 599) * 1000;
    await client.request(ViewerDocument);
    expect(kraken.logins).toHaveLength(2);
  });

  it('bounds the skew by half the lifetime of short-lived tokens', async () => {
    kraken = createMockKraken({ now: () => clock, acceptedSecrets: { APIKey: API_KEY }, tokenLifetimeSeconds: 40 });
    server.use(...kraken.handlers);
    const client = clientWith({ apiKey: API_KEY });
    await client.request(ViewerDocument);
    clock += 10_000;
    await client.request(ViewerDocument);
    expect(kraken.logins).toHaveLength(1);
    clock += 11_000; // 19 s left of 40: refresh
    await client.request(ViewerDocument);
    expect(kraken.logins).toHaveLength(2);
  });

  it('keeps the refresh token and expiry the server hands back, never extending them', async () => {
    const sessions: Session[] = [];
    const client = clientWith({ apiKey: API_KEY }, { onSession: (session) => void sessions.push(session) });
    await client.request(ViewerDocument);
    const before = await client.session();
    clock += 3600 * 1000;
    await client.request(ViewerDocument);
    const after = await client.session();
    expect(sessions).toHaveLength(2);
    expect(sessions[1]?.refreshToken).toBe(sessions[0]?.refreshToken);
    expect(after?.refreshExpiresAt).toBe(before?.refreshExpiresAt);
    expect(after?.tokenExpiresAt).toBeGreaterThan(before?.tokenExpiresAt ?? Infinity);
    expect(before).toEqual({ tokenExpiresAt: clock, refreshExpiresAt: Date.parse('2026-03-08T00:00:00Z') });
  });

  it('refreshes reactively after KT-CT-1124, retrying the request once', async () => {
    const client = clientWith({ apiKey: API_KEY });
    await client.request(ViewerDocument);
    kraken.expireToken(kraken.issuedTokens[0] ?? '');
    expect(await client.request(ViewerDocument)).toEqual({ viewer: { id: 'user-1' } });
    expect(kraken.logins).toHaveLength(2);
    expect(apiRequests().map((request) => request.authorization)).toEqual([kraken.issuedTokens[0], kraken.issuedTokens[0], kraken.issuedTokens[1]]);
  });

  it('retries only once: a second KT-CT-1124 is returned as an auth error', async () => {
    const client = clientWith({ apiKey: API_KEY });
    await client.request(ViewerDocument);
    kraken.setOperation('Viewer', () => ({ errors: [krakenError('KT-CT-1124', 'Signature of the JWT has expired.')], data: null }));
    const error = await failure(client.request(ViewerDocument));
    expect(error.kind).toBe('auth');
    expect(error.code).toBe('KT-CT-1124');
    expect(apiRequests()).toHaveLength(3);
    expect(kraken.logins).toHaveLength(2);
  });

  it.each([
    ['KT-CT-1111', 'auth'],
    ['KT-CT-1199', 'rate-limit'],
    ['KT-CT-4178', 'graphql'],
  ])('does not retry other errors (%s)', async (code, kind) => {
    const client = clientWith({ apiKey: API_KEY });
    kraken.setOperation('Viewer', () => ({ errors: [krakenError(code, 'No.')], data: null }));
    const error = await failure(client.request(ViewerDocument));
    expect(error.kind).toBe(kind);
    expect(apiRequests()).toHaveLength(1);
    expect(kraken.logins).toHaveLength(1);
  });

  it('500 concurrent requests at expiry make exactly one obtainKrakenToken call', async () => {
    const client = clientWith({ email: EMAIL, password: PASSWORD });
    await client.request(ViewerDocument);
    clock += 3600 * 1000;
    const results = await Promise.all(Array.from({ length: 500 }, () => client.request(ViewerDocument)));
    expect(results).toHaveLength(500);
    expect(kraken.logins).toHaveLength(2);
    expect(new Set(apiRequests().slice(1).map((request) => request.authorization))).toEqual(new Set([kraken.issuedTokens[1]]));
  });

  it('500 concurrent first requests make exactly one login', async () => {
    const client = clientWith({ email: EMAIL, password: PASSWORD });
    await Promise.all(Array.from({ length: 500 }, () => client.request(ViewerDocument)));
    expect(kraken.logins).toHaveLength(1);
  });

  it('falls back to the credentials once the refresh token has expired', async () => {
    const client = clientWith({ email: EMAIL, password: PASSWORD });
    await client.request(ViewerDocument);
    clock += 8 * 24 * 3600 * 1000;
    await client.request(ViewerDocument);
    expect(kraken.logins).toEqual([{ email: EMAIL, password: PASSWORD }, { email: EMAIL, password: PASSWORD }]);
  });

  it('falls back to the credentials when the refresh token is rejected', async () => {
    const client = clientWith({ email: EMAIL, password: PASSWORD });
    await client.request(ViewerDocument);
    clock += 3600 * 1000;
    kraken.overrideLogin((input) =>
      input.refreshToken ? { body: { errors: [krakenError('KT-CT-1135', 'Invalid data.')], data: { obtainKrakenToken: null } } } : undefined,
    );
    await client.request(ViewerDocument);
    expect(kraken.logins.map((input) => Object.keys(input))).toEqual([['email', 'password'], ['refreshToken'], ['email', 'password']]);
  });

  it('without credentials to log in again, fails clearly with an auth error saying a new login is needed', async () => {
    let refreshToken = '';
    await clientWith({ apiKey: API_KEY }, { onSession: (session) => void (refreshToken = session.refreshToken ?? '') }).request(ViewerDocument);
    const client = clientWith({ refreshToken });
    await client.request(ViewerDocument);
    const logins = kraken.logins.length;
    clock += 8 * 24 * 3600 * 1000;
    const error = await failure(client.request(ViewerDocument));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/new login is needed/);
    expect(kraken.logins).toHaveLength(logins);
  });

  it('a failed refresh fails every waiting request with the same error, and the next request tries again', async () => {
    const client = clientWith({ apiKey: API_KEY });
    await client.request(ViewerDocument);
    clock += 3600 * 1000;
    kraken.overrideLogin({ body: { message: 'bad gateway' }, status: 502 });
    const settled = await Promise.allSettled(Array.from({ length: 20 }, () => client.request(ViewerDocument)));
    const reasons = settled.map((result) => (result.status === 'rejected' ? (result.reason as unknown) : undefined));
    producedErrors.push(...reasons.filter((reason): reason is KrakenError => reason instanceof KrakenError));
    expect(new Set(reasons).size).toBe(1);
    const shared = reasons[0];
    expect(shared).toBeInstanceOf(KrakenError);
    expect((shared as KrakenError).kind).toBe('http');
    expect(kraken.logins).toHaveLength(2);
    kraken.overrideLogin(undefined);
    expect(await client.request(ViewerDocument)).toEqual({ viewer: { id: 'user-1' } });
    expect(kraken.logins).toHaveLength(3);
  });

  it('a refused login fails every waiting request with the same auth error object', async () => {
    const client = clientWith({ email: EMAIL, password: 'nope-secret' });
    const settled = await Promise.allSettled(Array.from({ length: 10 }, () => client.request(ViewerDocument)));
    const reasons = new Set(settled.map((result) => (result.status === 'rejected' ? (result.reason as unknown) : undefined)));
    expect(reasons.size).toBe(1);
    expect(([...reasons][0] as KrakenError).kind).toBe('auth');
    expect(kraken.logins).toHaveLength(1);
  });
});

describe('session state', () => {
  it('session() shows expiries only; logout() forgets them', async () => {
    const client = clientWith({ apiKey: API_KEY });
    expect(await client.session()).toBeUndefined();
    await client.request(ViewerDocument);
    const info = await client.session();
    expect(Object.keys(info ?? {}).sort()).toEqual(['refreshExpiresAt', 'tokenExpiresAt']);
    await client.logout();
    expect(await client.session()).toBeUndefined();
    await client.request(ViewerDocument);
    expect(kraken.logins).toHaveLength(2);
  });

  it('a shared store lets two clients share one session', async () => {
    const store = createMemorySessionStore();
    const set = vi.spyOn(store, 'set');
    await clientWith({ apiKey: API_KEY }, { store }).request(ViewerDocument);
    await clientWith({ apiKey: API_KEY }, { store }).request(ViewerDocument);
    expect(kraken.logins).toHaveLength(1);
    expect(set).toHaveBeenCalledTimes(1);
  });

  it('works with fake timers driving Date.now()', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(clock);
      const client = createKrakenClient({ endpoint: API_URL, auth: { apiKey: API_KEY } });
      await client.request(ViewerDocument);
      vi.setSystemTime(clock + (3600 - 30) * 1000);
      clock += (3600 - 30) * 1000;
      await client.request(ViewerDocument);
      expect(kraken.logins).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('tokens managed elsewhere', () => {
  it('sends a fixed token, and refuses one known to be expired without sending it', async () => {
    const token = makeJwt({ exp: Math.floor(clock / 1000) + 60 });
    const client = clientWith({ token });
    await failure(client.request(ViewerDocument)); // the mock does not know this token: KT-CT-1111
    expect(apiRequests()[0]?.authorization).toBe(token);
    clock += 61_000;
    const error = await failure(client.request(ViewerDocument));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/expired/);
    expect(apiRequests()).toHaveLength(1);
  });

  it('asks getToken for each request, and once more after KT-CT-1124 to retry once', async () => {
    const issuer = clientWith({ apiKey: API_KEY });
    await issuer.request(ViewerDocument);
    const first = kraken.issuedTokens[0] ?? '';
    kraken.expireToken(first);
    const fresh = makeJwt({ exp: Math.floor(clock / 1000) + 3600 });
    const getToken = vi.fn().mockResolvedValueOnce(first).mockResolvedValue(fresh);
    const client = clientWith({ getToken });
    const error = await failure(client.request(ViewerDocument)); // fresh is unknown to the mock: KT-CT-1111
    expect(error.code).toBe('KT-CT-1111');
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(apiRequests().slice(1).map((request) => request.authorization)).toEqual([first, fresh]);
  });

  it('a failing getToken is an auth error', async () => {
    const client = clientWith({ getToken: () => Promise.reject(new Error('vault unavailable')) });
    const error = await failure(client.request(ViewerDocument));
    expect(error.kind).toBe('auth');
  });

  it('without auth, nothing logs in and no Authorization is sent', async () => {
    const error = await failure(clientWith(undefined).request(ViewerDocument));
    expect(error.code).toBe('KT-CT-1112');
    expect(kraken.logins).toHaveLength(0);
  });
});

describe('the login document', () => {
  it('uses the configured loginDocument and can call it directly without Authorization', async () => {
    server.use(http.post(API_URL, async ({ request }) => {
      const body = (await request.clone().json()) as { query: string; operationName: string };
      if (body.operationName === 'ObtainKrakenToken' && !body.query.includes('possibleErrors')) return HttpResponse.json({ errors: [{ message: 'expected the brand document' }] }, { status: 400 });
      return undefined;
    }));
    const { documentOf } = await import('./documents.js');
    const brandLogin = documentOf<{ obtainKrakenToken: { token: string } | null }, { input: Record<string, string> }>(
      'mutation ObtainKrakenToken($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { possibleErrors { message } token payload refreshToken refreshExpiresIn } }',
    );
    const client = clientWith({ apiKey: API_KEY }, { loginDocument: brandLogin });
    await client.request(ViewerDocument);
    expect(kraken.logins).toHaveLength(1);
    const direct = await client.request(brandLogin, { input: { APIKey: API_KEY } });
    expect(direct.obtainKrakenToken?.token).toBeTruthy();
    expect(kraken.requests.at(-1)?.authorization).toBeNull();
  });
});
