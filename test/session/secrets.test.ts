import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createKrakenClient, KrakenError } from '../../src/client/index.js';
import type { KrakenAuth, KrakenClient, KrakenClientOptions, Session } from '../../src/client/index.js';
import { API_URL, createMockKraken, krakenError, makeJwt } from './mock-kraken.js';
import { ViewerDocument } from './documents.js';

const EMAIL = 'secret-user@example.com';
const PASSWORD = 'P4ssw0rd-very-secret';
const WRONG_PASSWORD = 'Wr0ng-secret-password';
const API_KEY = 'sk_live_api_key_0123456789';
const ORG_SECRET = 'org-secret-0123456789';

let clock = Date.parse('2026-03-01T00:00:00Z');
const kraken = createMockKraken({ now: () => clock, email: EMAIL, password: PASSWORD, acceptedSecrets: { APIKey: API_KEY, organizationSecretKey: ORG_SECRET } });
const server = setupServer(...kraken.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  kraken.overrideLogin(undefined);
});
afterAll(() => server.close());

const errors: unknown[] = [];
const clients: KrakenClient[] = [];
const sessions: Session[] = [];

function clientWith(auth: KrakenAuth, extra: Partial<KrakenClientOptions> = {}): KrakenClient {
  const client = createKrakenClient({ endpoint: API_URL, now: () => clock, auth, onSession: (session) => void sessions.push(session), ...extra });
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
    await collect(clientWith({ email: EMAIL, password: WRONG_PASSWORD }).request(ViewerDocument));

    const good = clientWith({ email: EMAIL, password: PASSWORD }, { authorizationPrefix: 'JWT ' });
    await good.request(ViewerDocument);
    kraken.setOperation('Viewer', () => ({ errors: [krakenError('KT-CT-1124', 'Signature of the JWT has expired.')], data: null }));
    await collect(good.request(ViewerDocument)); // retried once, then fails
    kraken.setOperation('Viewer', () => ({ errors: [krakenError('KT-CT-1111', 'Unauthorized.')], data: { viewer: null } }));
    await collect(good.request(ViewerDocument));
    kraken.setOperation('Viewer', () => ({ data: { viewer: { id: 'user-1' } } }));

    clock += 3600 * 1000;
    kraken.overrideLogin({ body: '<html>bad gateway</html>', status: 502 });
    await collect(good.request(ViewerDocument));
    kraken.overrideLogin((input) => (input.refreshToken ? { body: { errors: [krakenError('KT-CT-1135', 'Invalid data.')], data: null } } : { body: { errors: [krakenError('KT-CT-1138', 'Please make sure the credentials are correct.')], data: null } }));
    await collect(good.request(ViewerDocument));
    kraken.overrideLogin(undefined);

    const refreshOnly = clientWith({ refreshToken: sessions[0]?.refreshToken ?? 'missing' });
    await refreshOnly.request(ViewerDocument);
    clock += 8 * 24 * 3600 * 1000;
    await collect(refreshOnly.request(ViewerDocument));

    await collect(clientWith({ token: makeJwt({ exp: Math.floor(clock / 1000) - 10 }) }).request(ViewerDocument));
    await collect(clientWith({ getToken: () => Promise.reject(new Error('no token')) }).request(ViewerDocument));

    server.use(http.post(API_URL, () => HttpResponse.error()));
    await collect(clientWith({ apiKey: API_KEY }).request(ViewerDocument));
    server.use(http.post(API_URL, async () => {
      await delay('infinite');
      return HttpResponse.json({});
    }));
    await collect(clientWith({ organizationSecretKey: ORG_SECRET }, { timeoutMs: 10 }).request(ViewerDocument));

    expect(errors.length).toBeGreaterThanOrEqual(10);
    expect(errors.every((error) => error instanceof KrakenError)).toBe(true);
    expect(new Set(errors.map((error) => (error as KrakenError).kind))).toEqual(new Set(['auth', 'http', 'network']));
  });

  it('no secret appears in any error or client message, JSON or inspect output', () => {
    const secrets = [
      PASSWORD,
      WRONG_PASSWORD,
      API_KEY,
      ORG_SECRET,
      ...kraken.issuedTokens,
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
