import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { KrakenError } from '../../src/client/index.js';
import type { KrakenAuth, KrakenClient, KrakenClientOptions, Session } from '../../src/client/index.js';
import { CloseOpenPrintBatchDocument, createKrakenClient, ObtainKrakenTokenDocument } from '../../src/brands/st.js';
import {
  createKrakenMock,
  mockKrakenBadGateway,
  mockKrakenDelay,
  mockKrakenError,
  mockKrakenNetworkError,
} from '../../mocks/index.js';
import { SECRET_FIXTURES } from '../support/secrets.js';
import { loginWith } from '../../src/index.js';

const EMAIL = 'secret-user@example.com';
const PASSWORD = SECRET_FIXTURES.password;
const WRONG_PASSWORD = SECRET_FIXTURES.wrongPassword;
const CHANGED_PASSWORD = SECRET_FIXTURES.changedPassword;
const API_KEY = SECRET_FIXTURES.apiKey;
const ORG_SECRET = SECRET_FIXTURES.organizationSecretKey;

// Any st operation needing Authorization (it documents KT-CT-1112).
const CallDocument = CloseOpenPrintBatchDocument;

let clock = Date.parse('2026-03-01T00:00:00Z');
const kraken = createKrakenMock({
  brand: 'st',
  now: () => clock,
  credentials: { users: [{ email: EMAIL, password: PASSWORD }], apiKeys: [API_KEY], organizationSecretKeys: [ORG_SECRET] },
});
const server = setupServer(...kraken.handlers);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const errors: unknown[] = [];
const clients: KrakenClient[] = [];
const sessions: Session[] = [];

function clientWith(auth: KrakenAuth, extra: Partial<KrakenClientOptions> = {}): KrakenClient {
  const client = createKrakenClient({ now: () => clock, auth, onSession: (session) => void sessions.push(session), ...extra });
  clients.push(client);
  return client;
}

async function collect(promise: Promise<unknown>): Promise<void> {
  await promise.then(
    () => undefined,
    (error: unknown) => void errors.push(error),
  );
}

describe('secrets never leak', () => {
  it('produces errors in every way a session can fail', async () => {
    await collect(clientWith(loginWith({ email: EMAIL, password: WRONG_PASSWORD })).request(CallDocument));

    const good = clientWith(loginWith({ email: EMAIL, password: PASSWORD }), { authorizationPrefix: 'JWT ' });
    await good.request(CallDocument);
    server.use(mockKrakenError(CallDocument, 'KT-CT-1124'));
    await collect(good.request(CallDocument)); // retried once, then fails
    server.resetHandlers();
    server.use(mockKrakenError(CallDocument, 'KT-CT-1111'));
    await collect(good.request(CallDocument));
    server.resetHandlers();

    clock += 3600 * 1000;
    server.use(mockKrakenBadGateway(ObtainKrakenTokenDocument));
    await collect(good.request(CallDocument));
    server.resetHandlers();
    clock += 1000; // past the login backoff after that failed refresh
    // A server that never issued our refresh token (KT-CT-1135) and whose user changed password (KT-CT-1138).
    const passwordChanged = createKrakenMock({ brand: 'st', now: () => clock, credentials: { users: [{ email: EMAIL, password: CHANGED_PASSWORD }] } });
    server.use(...passwordChanged.handlers);
    await collect(good.request(CallDocument));
    expect(passwordChanged.state.requests.map((request) => request.errorCodes)).toEqual([['KT-CT-1135'], ['KT-CT-1138']]);
    server.resetHandlers();

    const refreshOnly = clientWith(loginWith({ refreshToken: sessions[0]?.refreshToken ?? 'missing' }));
    await refreshOnly.request(CallDocument);
    clock += 8 * 24 * 3600 * 1000;
    await collect(refreshOnly.request(CallDocument));

    await collect(clientWith({ token: sessions[0]?.token ?? 'missing' }).request(CallDocument)); // expired by now
    await collect(clientWith({ getToken: () => Promise.reject(new Error('no token')) }).request(CallDocument));

    server.use(mockKrakenNetworkError(ObtainKrakenTokenDocument));
    await collect(clientWith(loginWith({ apiKey: API_KEY })).request(CallDocument));
    server.resetHandlers();
    // Far longer than the client's timeout; the mock Kraken would answer afterwards.
    server.use(mockKrakenDelay(ObtainKrakenTokenDocument, 5_000));
    await collect(clientWith(loginWith({ organizationSecretKey: ORG_SECRET }), { timeoutMs: 10 }).request(CallDocument));

    expect(errors.length).toBeGreaterThanOrEqual(10);
    expect(errors.every((error) => error instanceof KrakenError)).toBe(true);
    expect(new Set(errors.map((error) => (error as KrakenError).kind))).toEqual(new Set(['auth', 'http', 'network']));
  });

  it('no secret appears in any error or client message, JSON or inspect output', () => {
    const secrets = [
      PASSWORD,
      WRONG_PASSWORD,
      CHANGED_PASSWORD,
      API_KEY,
      ORG_SECRET,
      ...sessions.map((session) => session.token),
      ...sessions.map((session) => session.refreshToken ?? ''),
    ].filter((secret) => secret !== '');
    expect(secrets.length).toBeGreaterThan(6);
    const renderings: string[] = [];
    for (const error of errors as KrakenError[]) {
      renderings.push(error.message, String(error.stack), JSON.stringify(error), inspect(error, { depth: Infinity, showHidden: true }));
    }
    for (const client of clients) {
      renderings.push(JSON.stringify(client), inspect(client, { depth: Infinity, showHidden: true }), String(client));
    }
    for (const text of renderings) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    expect(JSON.stringify(clients[0])).toContain('"auth":"email"');
  });
});
