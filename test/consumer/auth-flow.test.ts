// Done criterion 3: login, expiry and refresh end to end, SDK client against the default handlers,
// with one injected clock the mock and the client share (or deliberately do not).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { inspect } from 'node:util';
import type { Session } from 'kraken-sdk';
import { createKrakenMock, DEFAULT_MOCK_CREDENTIALS, krakenHandlers, mockKrakenNetworkError } from 'kraken-sdk/mocks';
import * as st from 'kraken-sdk/st';
import { errorMessages as stErrorMessages } from 'kraken-sdk/st/error-messages';
import * as oejp from 'kraken-sdk/oejp';
import { loginWith } from 'kraken-sdk';

const [defaultUser] = DEFAULT_MOCK_CREDENTIALS.users;
if (!defaultUser) throw new Error('The mock documents a default user.');
const credentials = { email: defaultUser.email, password: defaultUser.password };
const auth = loginWith(credentials);

const START = Date.UTC(2025, 5, 1, 9, 0, 0);
const TOKEN_LIFETIME_MS = 3600_000; // the mock's default
let mockClock = START;
// Strict credentials: these tests need a password the mock refuses (the default accepts any).
const mock = createKrakenMock({ brand: 'st', now: () => mockClock, credentials: DEFAULT_MOCK_CREDENTIALS });
const server = setupServer(...mock.handlers, ...createKrakenMock({ brand: 'oejp', now: () => mockClock }).handlers);

/** How each obtainKrakenToken request authenticated (by field name only). */
let loginInputs: string[][] = [];

beforeAll(() => {
  server.listen({ onUnhandledFrame: 'error' });
  server.events.on('request:start', ({ request }) => {
    void request
      .clone()
      .json()
      .then((body: { operationName?: string; variables?: { input?: Record<string, unknown> } }) => {
        if (body.operationName === 'ObtainKrakenToken') loginInputs.push(Object.keys(body.variables?.input ?? {}).sort());
      })
      .catch(() => {});
  });
});
afterEach(() => {
  server.resetHandlers();
  mock.state.reset();
  mockClock = START;
  loginInputs = [];
});
afterAll(() => server.close());

const quote = { input: { quoteId: 'q-123' } };
const tokenCallsSoFar = (): number => mock.state.obtainKrakenTokenCalls;

describe('login', () => {
  it('is lazy: none at creation, exactly one for the first requests of a client', async () => {
    const client = st.createKrakenClient({ auth, now: () => mockClock });
    expect(tokenCallsSoFar()).toBe(0);
    await expect(client.session()).resolves.toBeUndefined();
    await client.request(st.AcceptGoodsQuoteDocument, quote);
    await client.request(st.AcceptOfferForQuotingDocument, { input: {} });
    await client.request(st.AcceptGoodsQuoteDocument, quote);
    expect(tokenCallsSoFar()).toBe(1);
    expect(loginInputs).toEqual([['email', 'password']]);
    const session = await client.session();
    expect(session?.tokenExpiresAt).toBe(START + TOKEN_LIFETIME_MS);
    expect(session?.refreshExpiresAt).toBeGreaterThan(START + TOKEN_LIFETIME_MS);
    // Every authenticated call carried the token; the login itself did not.
    const records = mock.state.requests;
    expect(records.map((record) => [record.operationName, record.hadAuthorization])).toEqual([
      ['ObtainKrakenToken', false],
      ['AcceptGoodsQuote', true],
      ['AcceptOfferForQuoting', true],
      ['AcceptGoodsQuote', true],
    ]);
  });

  it('logs in with the default API key too', async () => {
    const [apiKey] = DEFAULT_MOCK_CREDENTIALS.apiKeys;
    if (!apiKey) throw new Error('The mock documents a default API key.');
    const client = st.createKrakenClient({ auth: loginWith({ apiKey }), now: () => mockClock });
    await client.request(st.AcceptGoodsQuoteDocument, quote);
    expect(loginInputs).toEqual([['APIKey']]);
  });

  it('each client logs in once; logout() forgets the session so the next request logs in again', async () => {
    const first = st.createKrakenClient({ auth, now: () => mockClock });
    const second = st.createKrakenClient({ auth, now: () => mockClock });
    await Promise.all([first.request(st.AcceptGoodsQuoteDocument, quote), second.request(st.AcceptGoodsQuoteDocument, quote)]);
    expect(tokenCallsSoFar()).toBe(2);
    await first.logout();
    await expect(first.session()).resolves.toBeUndefined();
    await first.request(st.AcceptGoodsQuoteDocument, quote);
    expect(tokenCallsSoFar()).toBe(3);
  });

  it('a client without auth gets KT-CT-1112 on an operation documenting it', async () => {
    expect(stErrorMessages['KT-CT-1112']).toBeDefined();
    const client = st.createKrakenClient();
    const result = await client.safeRequest(st.AcceptGoodsQuoteDocument, quote);
    expect(result.error?.kind).toBe('auth');
    expect(result.error?.code).toBe('KT-CT-1112');
    expect(result.error?.errors[0]?.message).toBe(stErrorMessages['KT-CT-1112'][0]);
    expect(tokenCallsSoFar()).toBe(0);
  });

  it('a client without auth is answered on an operation that does not document KT-CT-1112', async () => {
    const client = st.createKrakenClient();
    const result = await client.safeRequest(st.RequestPasswordResetDocument, { input: {} });
    expect(result.error).toBeUndefined();
    expect(mock.state.requests.map((record) => record.hadAuthorization)).toEqual([false]);
  });

  it('a token not issued by this mock gets KT-CT-1111 (auth)', async () => {
    const client = st.createKrakenClient({ auth: { token: 'not-a-mock-token' } });
    const error = (await client.safeRequest(st.AcceptGoodsQuoteDocument, quote)).error;
    expect(error?.kind).toBe('auth');
    expect(error?.code).toBe('KT-CT-1111');
  });

  it('a wrong password: auth KrakenError KT-CT-1138, one token call, no retry, no secret in the error', async () => {
    const password = 'wrong-password-7f3a';
    const client = st.createKrakenClient({ auth: loginWith({ email: defaultUser.email, password }), now: () => mockClock });
    const result = await client.safeRequest(st.AcceptGoodsQuoteDocument, quote);
    const error = result.error;
    expect(error?.kind).toBe('auth');
    expect(error?.code).toBe('KT-CT-1138');
    expect(error?.errors[0]?.extensions).toMatchObject({ errorCode: 'KT-CT-1138', errorType: 'VALIDATION', errorClass: 'VALIDATION' });
    expect(tokenCallsSoFar()).toBe(1);
    expect(mock.state.countOf('AcceptGoodsQuote')).toBe(0);
    for (const text of [error?.message, JSON.stringify(error), inspect(error, { depth: 10 }), JSON.stringify(client), inspect(client)]) {
      expect(text).not.toContain(password);
    }
    // The refusal is remembered: a later request does not repeat the login (that could lock the account).
    const again = await client.safeRequest(st.AcceptGoodsQuoteDocument, quote);
    expect(again.error?.kind).toBe('auth');
    expect(again.error?.code).toBe('KT-CT-1138');
    expect(tokenCallsSoFar()).toBe(1);
  });

  it('a login that fails on the network is not remembered: the next request after the backoff logs in', async () => {
    server.use(mockKrakenNetworkError(st.ObtainKrakenTokenDocument, { once: true }));
    const client = st.createKrakenClient({ auth, now: () => mockClock });
    const failed = await client.safeRequest(st.AcceptGoodsQuoteDocument, quote);
    expect(failed.error?.kind).toBe('network');
    mockClock += 1000; // the login backoff after one failure
    const retried = await client.safeRequest(st.AcceptGoodsQuoteDocument, quote);
    expect(retried.error).toBeUndefined();
    expect(tokenCallsSoFar()).toBe(1);
  });

  it('50 concurrent first requests share one login', async () => {
    const client = st.createKrakenClient({ auth, now: () => mockClock });
    const results = await Promise.all(Array.from({ length: 50 }, () => client.safeRequest(st.AcceptGoodsQuoteDocument, quote)));
    expect(results.filter((result) => result.error !== undefined)).toEqual([]);
    expect(tokenCallsSoFar()).toBe(1);
  });

  it('50 concurrent requests when the login fails all get the same auth error from one token call', async () => {
    const client = st.createKrakenClient({ auth: loginWith({ email: defaultUser.email, password: 'nope' }), now: () => mockClock });
    const results = await Promise.all(Array.from({ length: 50 }, () => client.safeRequest(st.AcceptGoodsQuoteDocument, quote)));
    expect(new Set(results.map((result) => result.error?.code))).toEqual(new Set(['KT-CT-1138']));
    expect(tokenCallsSoFar()).toBe(1);
  });
});

describe('token expiry, one clock shared by mock and client', () => {
  const sessions: Session[] = [];
  afterEach(() => {
    sessions.length = 0;
  });
  const client = () => st.createKrakenClient({ auth, now: () => mockClock, onSession: (session) => void sessions.push(session) });

  it('refreshes proactively with the refresh token before the token expires; refresh token and its expiry unchanged', async () => {
    const kraken = client();
    await kraken.request(st.AcceptGoodsQuoteDocument, quote);
    const before = await kraken.session();
    mockClock = START + TOKEN_LIFETIME_MS - 30_000; // inside the default 60 s skew
    await kraken.request(st.AcceptGoodsQuoteDocument, quote);
    const after = await kraken.session();

    expect(tokenCallsSoFar()).toBe(2);
    expect(loginInputs).toEqual([['email', 'password'], ['refreshToken']]);
    expect(mock.state.requests.flatMap((record) => record.errorCodes)).toEqual([]); // never sent an expired token
    expect(sessions).toHaveLength(2);
    expect(sessions[1]?.refreshToken).toBe(sessions[0]?.refreshToken);
    expect(sessions[1]?.token).not.toBe(sessions[0]?.token);
    expect(after?.refreshExpiresAt).toBe(before?.refreshExpiresAt);
    expect(after?.tokenExpiresAt).toBe(mockClock + TOKEN_LIFETIME_MS);
  });

  it('refreshes after expiry too, before sending', async () => {
    const kraken = client();
    await kraken.request(st.AcceptGoodsQuoteDocument, quote);
    mockClock = START + TOKEN_LIFETIME_MS + 1_000;
    await kraken.request(st.AcceptGoodsQuoteDocument, quote);
    expect(loginInputs).toEqual([['email', 'password'], ['refreshToken']]);
    expect(mock.state.requests.flatMap((record) => record.errorCodes)).toEqual([]);
  });

  it('logs in again with the credentials once the refresh token has expired too', async () => {
    const kraken = client();
    await kraken.request(st.AcceptGoodsQuoteDocument, quote);
    mockClock = START + 8 * 86_400_000; // the mock's refresh tokens live 7 days
    await kraken.request(st.AcceptGoodsQuoteDocument, quote);
    expect(loginInputs.at(-1)).toEqual(['email', 'password']);
    expect(sessions[1]?.refreshToken).not.toBe(sessions[0]?.refreshToken);
  });

  it('50 concurrent requests at expiry make exactly one token call', async () => {
    const kraken = client();
    await kraken.request(st.AcceptGoodsQuoteDocument, quote);
    expect(tokenCallsSoFar()).toBe(1);
    mockClock = START + TOKEN_LIFETIME_MS;
    const results = await Promise.all(Array.from({ length: 50 }, () => kraken.safeRequest(st.AcceptGoodsQuoteDocument, quote)));
    expect(results.filter((result) => result.error !== undefined)).toEqual([]);
    expect(tokenCallsSoFar()).toBe(2);
    expect(mock.state.countOf('AcceptGoodsQuote')).toBe(51);
    expect(mock.state.requests.flatMap((record) => record.errorCodes)).toEqual([]);
  });
});

describe('token expiry the client cannot see: reactive refresh after KT-CT-1124', () => {
  // The client's clock runs two hours behind the mock's, so it believes an expired token is fresh.
  const clientClock = () => mockClock - 2 * 3600_000;

  it('refreshes once and resends the request once', async () => {
    const kraken = st.createKrakenClient({ auth, now: clientClock });
    await kraken.request(st.AcceptGoodsQuoteDocument, quote);
    mockClock = START + TOKEN_LIFETIME_MS + 1_000;
    const data = await kraken.request(st.AcceptGoodsQuoteDocument, quote);
    expect(data.acceptGoodsQuote).not.toBeNull();
    expect(mock.state.requests.map((record) => [record.operationName, record.errorCodes])).toEqual([
      ['ObtainKrakenToken', []],
      ['AcceptGoodsQuote', []],
      ['AcceptGoodsQuote', ['KT-CT-1124']],
      ['ObtainKrakenToken', []],
      ['AcceptGoodsQuote', []],
    ]);
    expect(loginInputs).toEqual([['email', 'password'], ['refreshToken']]);
  });

  it('50 concurrent requests rejected with KT-CT-1124 share one refresh', async () => {
    const kraken = st.createKrakenClient({ auth, now: clientClock });
    await kraken.request(st.AcceptGoodsQuoteDocument, quote);
    mockClock = START + TOKEN_LIFETIME_MS + 1_000;
    const results = await Promise.all(Array.from({ length: 50 }, () => kraken.safeRequest(st.AcceptGoodsQuoteDocument, quote)));
    expect(results.filter((result) => result.error !== undefined)).toEqual([]);
    expect(tokenCallsSoFar()).toBe(2);
  });

  it('a token given as is and rejected with KT-CT-1124 surfaces as an auth error, not retried', async () => {
    const login = st.createKrakenClient({ now: () => mockClock });
    const obtained = await login.request(st.ObtainKrakenTokenDocument, { input: credentials });
    const token = obtained.obtainKrakenToken?.token;
    if (!token) throw new Error('expected a token');
    const kraken = st.createKrakenClient({ auth: { token }, now: clientClock });
    mockClock = START + TOKEN_LIFETIME_MS + 1_000;
    const error = (await kraken.safeRequest(st.AcceptGoodsQuoteDocument, quote)).error;
    expect(error?.kind).toBe('auth');
    expect(error?.code).toBe('KT-CT-1124');
    expect(mock.state.countOf('AcceptGoodsQuote')).toBe(1);
  });
});

describe('secrets and other credentials', () => {
  it('neither the mock state nor the client shows the password, token or refresh token', async () => {
    const sessions: Session[] = [];
    const kraken = st.createKrakenClient({ auth, now: () => mockClock, onSession: (session) => void sessions.push(session) });
    await kraken.request(st.AcceptGoodsQuoteDocument, quote);
    const [session] = sessions;
    if (!session?.refreshToken) throw new Error('expected a session with a refresh token');
    const views = [JSON.stringify(mock.state), inspect(mock.state, { depth: 10 }), JSON.stringify(kraken), inspect(kraken, { depth: 10 }), JSON.stringify(await kraken.session())];
    for (const view of views) {
      for (const secret of [credentials.password, session.token, session.refreshToken]) expect(view).not.toContain(secret);
    }
  });

  it('a refresh token as the credential works until it expires, then asks for a new login', async () => {
    const login = await st.createKrakenClient({ now: () => mockClock }).request(st.ObtainKrakenTokenDocument, { input: credentials });
    const refreshToken = login.obtainKrakenToken?.refreshToken;
    if (!refreshToken) throw new Error('expected a refresh token');
    const kraken = st.createKrakenClient({ auth: loginWith({ refreshToken }), now: () => mockClock });
    await kraken.request(st.AcceptGoodsQuoteDocument, quote);
    expect(loginInputs).toEqual([['email', 'password'], ['refreshToken']]);
    mockClock = START + 8 * 86_400_000;
    const error = (await kraken.safeRequest(st.AcceptGoodsQuoteDocument, quote)).error;
    expect(error?.kind).toBe('auth');
    expect(mock.state.requests.filter((record) => record.operationName === 'AcceptGoodsQuote')).toHaveLength(1);
  });
});

describe('krakenHandlers({ now })', () => {
  it('issues tokens by the injected clock', async () => {
    const past = Date.UTC(2020, 0, 1);
    server.use(...krakenHandlers({ brand: 'st', now: () => past }));
    const kraken = st.createKrakenClient({ auth, now: () => past });
    await kraken.request(st.AcceptGoodsQuoteDocument, quote);
    expect((await kraken.session())?.tokenExpiresAt).toBe(past + TOKEN_LIFETIME_MS);
    expect(tokenCallsSoFar()).toBe(0); // answered by the overriding handlers, not the file's mock
  });
});

describe('oejp', () => {
  it('logs in on the API server and sends MFA mutations, with the token, to the authentication server', async () => {
    const kraken = oejp.createKrakenClient({ auth, now: () => mockClock });
    const data = await kraken.request(oejp.CreateMfaDeviceDocument, { input: {} });
    expect(data.createMfaDevice).not.toBeNull();
    expect(loginInputs).toEqual([['email', 'password']]);
  });
});
