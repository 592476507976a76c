import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { createKrakenMock, DEFAULT_MOCK_CREDENTIALS } from '../../mocks/index.js';
import { fixtureCatalog, fixtureSource, LOGIN, UPDATE_THING, VALID_LOGIN } from './fixture.js';
import { postGraphQL } from './http.js';

const API = fixtureCatalog.endpoints.api;
let clock = Date.UTC(2025, 0, 1);
// Strict credentials (the default accepts any: see 'mock auth by default' below).
const mock = createKrakenMock({
  brand: fixtureSource,
  now: () => clock,
  tokenLifetimeSeconds: 600,
  refreshTokenLifetimeSeconds: 3600,
  credentials: DEFAULT_MOCK_CREDENTIALS,
});
const server = setupServer(...mock.handlers);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  mock.state.reset();
  clock = Date.UTC(2025, 0, 1);
});
afterAll(() => server.close());

interface Obtained {
  token: string;
  payload: { iat: number; exp: number; email?: string };
  refreshToken: string;
  refreshExpiresIn: number;
}

async function obtain(input: Record<string, unknown>) {
  return postGraphQL(API, LOGIN, { input });
}

async function loginOk(input: Record<string, unknown> = VALID_LOGIN): Promise<Obtained> {
  const reply = await obtain(input);
  expect(reply.json.errors).toBeUndefined();
  return reply.json.data?.obtainKrakenToken as Obtained;
}

function decodeJwtPart(part: string | undefined): unknown {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
}

describe('mock auth', () => {
  it('issues JWT-shaped tokens whose claims match the payload', async () => {
    const obtained = await loginOk();
    const parts = obtained.token.split('.');
    expect(parts).toHaveLength(3);
    for (const part of parts) expect(part).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeJwtPart(parts[0])).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decodeJwtPart(parts[1])).toEqual(obtained.payload);
    const now = clock / 1000;
    expect(obtained.payload).toMatchObject({ iat: now, exp: now + 600, email: VALID_LOGIN.email });
    expect(obtained.refreshExpiresIn).toBe(now + 3600);
    expect(mock.state.obtainKrakenTokenCalls).toBe(1);
    expect(mock.state.issuedTokens).toBe(1);
  });

  it('rejects wrong credentials with KT-CT-1138 and missing ones with KT-CT-1134', async () => {
    const wrong = await obtain({ email: VALID_LOGIN.email, password: 'nope' });
    expect(wrong.status).toBe(200);
    expect(wrong.json.data).toEqual({ obtainKrakenToken: null });
    expect(wrong.json.errors?.[0]).toMatchObject({
      message: 'Please make sure the credentials are correct.',
      path: ['obtainKrakenToken'],
      extensions: { errorCode: 'KT-CT-1138', errorType: 'VALIDATION', errorClass: 'VALIDATION' },
    });
    const empty = await obtain({});
    expect(empty.json.errors?.[0]?.extensions).toMatchObject({ errorCode: 'KT-CT-1134' });
    expect(mock.state.obtainKrakenTokenCalls).toBe(2);
    expect(mock.state.issuedTokens).toBe(0);
  });

  it('accepts a configured API key', async () => {
    const obtained = await loginOk({ APIKey: 'sk_test_mock_api_key' });
    expect(obtained.token.split('.')).toHaveLength(3);
    const wrong = await obtain({ APIKey: 'sk_wrong' });
    expect(wrong.json.errors?.[0]?.extensions?.errorCode).toBe('KT-CT-1138');
  });

  it('accepts configured credentials instead of the defaults', async () => {
    const custom = createKrakenMock({ brand: fixtureSource, credentials: { users: [{ email: 'a@b.c', password: 'pw' }] } });
    const response = await custom.engine.handleKrakenRequest({
      endpoint: 'api',
      headers: {},
      body: { query: LOGIN, variables: { input: { email: 'a@b.c', password: 'pw' } } },
    });
    expect(response.body.errors).toBeUndefined();
    // Strict means only those: the example user and any kind left out (API keys here) are refused.
    for (const input of [VALID_LOGIN, { APIKey: 'sk_test_mock_api_key' }]) {
      const refused = await custom.engine.handleKrakenRequest({ endpoint: 'api', headers: {}, body: { query: LOGIN, variables: { input } } });
      expect(refused.body.errors?.[0]?.extensions?.errorCode).toBe('KT-CT-1138');
    }
  });

  it('rejects a request without Authorization with KT-CT-1112 when the operation documents it', async () => {
    const reply = await postGraphQL(API, UPDATE_THING, { input: {} });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      errors: [
        {
          message: "'Authorization' header not provided.",
          locations: [{ line: 3, column: 3 }],
          path: ['updateThing'],
          extensions: { errorType: 'APPLICATION', errorCode: 'KT-CT-1112', errorDescription: "'Authorization' header not provided." },
        },
      ],
      data: { updateThing: null },
    });
  });

  it('accepts the raw token, JWT <token> and Bearer <token>', async () => {
    const { token } = await loginOk();
    for (const authorization of [token, `JWT ${token}`, `Bearer ${token}`]) {
      const reply = await postGraphQL(API, UPDATE_THING, { input: {} }, { Authorization: authorization });
      expect(reply.json.errors).toBeUndefined();
    }
  });

  it('rejects a forged token with KT-CT-1111', async () => {
    const { token } = await loginOk();
    const reply = await postGraphQL(API, UPDATE_THING, { input: {} }, { Authorization: `${token.slice(0, -2)}xx` });
    expect(reply.json.errors?.[0]?.extensions?.errorCode).toBe('KT-CT-1111');
  });

  it('answers an expired token with KT-CT-1124, shaped as Kraken shapes it', async () => {
    const { token } = await loginOk();
    clock += 601_000;
    const reply = await postGraphQL(API, UPDATE_THING, { input: {} }, { Authorization: `JWT ${token}` });
    expect(JSON.stringify(reply.json)).toBe(
      '{"errors":[{"message":"Signature of the JWT has expired.","locations":[{"line":3,"column":3}],"path":["updateThing"],' +
        '"extensions":{"errorType":"APPLICATION","errorCode":"KT-CT-1124","errorDescription":""}}],"data":{"updateThing":null}}',
    );
  });

  it('refreshes by refresh token without rotating it or extending its expiry', async () => {
    const first = await loginOk();
    clock += 601_000;
    const refreshed = await loginOk({ refreshToken: first.refreshToken });
    expect(refreshed.refreshToken).toBe(first.refreshToken);
    expect(refreshed.refreshExpiresIn).toBe(first.refreshExpiresIn);
    expect(refreshed.payload.iat).toBe(clock / 1000);
    expect(refreshed.token).not.toBe(first.token);
    const reply = await postGraphQL(API, UPDATE_THING, { input: {} }, { Authorization: refreshed.token });
    expect(reply.json.errors).toBeUndefined();
    expect(mock.state.issuedTokens).toBe(2);
  });

  it('rejects an unknown or expired refresh token with KT-CT-1135', async () => {
    const unknown = await obtain({ refreshToken: 'not-issued' });
    expect(unknown.json.errors?.[0]?.extensions).toMatchObject({ errorCode: 'KT-CT-1135', errorDescription: 'Invalid data.' });
    const { refreshToken } = await loginOk();
    clock += 3601_000;
    const expired = await obtain({ refreshToken });
    expect(expired.json.errors?.[0]?.extensions?.errorCode).toBe('KT-CT-1135');
  });
});

/** A JWT as another issuer would sign it: the default mock checks its shape and expiry, not its signature. */
function foreignJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.${Buffer.from('elsewhere').toString('base64url')}`;
}

describe('mock auth by default (no credentials option): any credentials, any well-formed unexpired token', () => {
  const now = Date.UTC(2025, 0, 1);
  const lenient = createKrakenMock({ brand: fixtureSource, now: () => now });
  const ask = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
    lenient.engine.handleKrakenRequest({ endpoint: 'api', headers, body: { query, variables } });
  const codeOf = (response: { body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }) => response.body.errors?.[0]?.extensions?.errorCode;

  it.each([
    [{ email: 'test@myapp.dev', password: 'hunter2' }],
    [{ APIKey: 'sk_live_whatever' }],
    [{ organizationSecretKey: 'org-secret' }],
    [{ preSignedKey: 'pre-signed' }],
  ])('logs in with %j', async (input) => {
    const response = await ask(LOGIN, { input });
    expect(response.body.errors).toBeUndefined();
    const { token } = response.body.data?.obtainKrakenToken as Obtained;
    expect((await ask(UPDATE_THING, { input: {} }, { Authorization: token })).body.errors).toBeUndefined();
  });

  it('still refuses an empty login (KT-CT-1134), half a password login (KT-CT-1138) and an unknown refresh token (KT-CT-1135)', async () => {
    expect(codeOf(await ask(LOGIN, { input: {} }))).toBe('KT-CT-1134');
    expect(codeOf(await ask(LOGIN, { input: { email: 'test@myapp.dev' } }))).toBe('KT-CT-1138');
    expect(codeOf(await ask(LOGIN, { input: { refreshToken: 'never-issued' } }))).toBe('KT-CT-1135');
  });

  it('authorizes a token issued elsewhere while unexpired, with or without a scheme', async () => {
    const token = foreignJwt({ sub: 'someone', exp: now / 1000 + 60 });
    for (const authorization of [token, `JWT ${token}`, `Bearer ${token}`]) {
      expect((await ask(UPDATE_THING, { input: {} }, { Authorization: authorization })).body.errors).toBeUndefined();
    }
    expect((await ask(UPDATE_THING, { input: {} }, { Authorization: foreignJwt({ sub: 'no-expiry' }) })).body.errors).toBeUndefined();
  });

  it('refuses an expired token (KT-CT-1124), a malformed one (KT-CT-1111) and none (KT-CT-1112)', async () => {
    const expired = foreignJwt({ sub: 'someone', exp: now / 1000 });
    expect(codeOf(await ask(UPDATE_THING, { input: {} }, { Authorization: expired }))).toBe('KT-CT-1124');
    for (const malformed of ['not-a-jwt', 'a.b', 'a.!!.c', `x.${Buffer.from('[1]').toString('base64url')}.y`]) {
      expect(codeOf(await ask(UPDATE_THING, { input: {} }, { Authorization: malformed }))).toBe('KT-CT-1111');
    }
    expect(codeOf(await ask(UPDATE_THING, { input: {} }))).toBe('KT-CT-1112');
  });
});
