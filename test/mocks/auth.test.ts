import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { createKrakenMock } from '../../mocks/index.js';
import { fixtureCatalog, fixtureSource, LOGIN, UPDATE_THING, VALID_LOGIN } from './fixture.js';
import { postGraphQL } from './http.js';

const API = fixtureCatalog.endpoints.api;
let clock = Date.UTC(2025, 0, 1);
const mock = createKrakenMock({ brand: fixtureSource, now: () => clock, tokenLifetimeSeconds: 600, refreshTokenLifetimeSeconds: 3600 });
const server = setupServer(...mock.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
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
