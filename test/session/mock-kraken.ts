// A small mock Kraken for client/session tests: msw handlers issuing JWT-shaped tokens and refresh tokens.
import { http, HttpResponse } from 'msw';
import type { JsonBodyType } from 'msw';

export const API_URL = 'https://api.kraken.test/v1/graphql/';
export const AUTH_URL = 'https://auth.kraken.test/graphql/';

function base64url(text: string): string {
  const latin1 = String.fromCharCode(...new TextEncoder().encode(text));
  return btoa(latin1).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A JWT-shaped token (unsigned) with the given claims. */
export function makeJwt(claims: Record<string, unknown>): string {
  return `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}.${base64url('signature')}`;
}

export function krakenError(code: string, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { message, path: ['obtainKrakenToken'], extensions: { errorType: 'APPLICATION', errorCode: code, errorDescription: '', ...extra } };
}

export interface ReceivedRequest {
  readonly url: string;
  readonly operationName: string | undefined;
  readonly query: string;
  readonly variables: Record<string, unknown> | undefined;
  readonly authorization: string | null;
  readonly headers: Headers;
}

type LoginOutcome = { readonly body: JsonBodyType; readonly status?: number } | undefined;

export interface MockKrakenOptions {
  /** The server's clock (epoch ms). */
  readonly now: () => number;
  readonly tokenLifetimeSeconds?: number;
  readonly refreshLifetimeSeconds?: number;
  readonly email?: string;
  readonly password?: string;
  /** Other accepted credentials by input field (APIKey, organizationSecretKey, preSignedKey, refreshToken). */
  readonly acceptedSecrets?: Readonly<Record<string, string>>;
}

export interface MockKraken {
  readonly handlers: ReturnType<typeof http.post>[];
  readonly requests: ReceivedRequest[];
  /** obtainKrakenToken inputs, in order. */
  readonly logins: Record<string, unknown>[];
  readonly issuedTokens: string[];
  /** Make the server treat a token as expired (answers KT-CT-1124). */
  expireToken(token: string): void;
  /** Answer the next obtainKrakenToken calls with this (e.g. an error body); cleared with undefined. */
  overrideLogin(outcome: LoginOutcome | ((input: Record<string, unknown>) => LoginOutcome)): void;
  /** Data for an authenticated operation, by operation name. */
  setOperation(name: string, answer: (request: ReceivedRequest) => JsonBodyType): void;
}

export function createMockKraken(options: MockKrakenOptions): MockKraken {
  const tokenLifetime = options.tokenLifetimeSeconds ?? 3600;
  const refreshLifetime = options.refreshLifetimeSeconds ?? 7 * 24 * 3600;
  const requests: ReceivedRequest[] = [];
  const logins: Record<string, unknown>[] = [];
  const issuedTokens: string[] = [];
  const tokenExpiry = new Map<string, number>();
  const refreshTokens = new Map<string, number>();
  const revoked = new Set<string>();
  const operations = new Map<string, (request: ReceivedRequest) => JsonBodyType>();
  let loginOverride: LoginOutcome | ((input: Record<string, unknown>) => LoginOutcome);
  let serial = 0;
  const nowSeconds = (): number => Math.floor(options.now() / 1000);

  const issue = (existingRefresh?: string): Record<string, unknown> => {
    serial += 1;
    const iat = nowSeconds();
    const exp = iat + tokenLifetime;
    const token = makeJwt({ sub: 'user-1', iat, exp, serial });
    issuedTokens.push(token);
    tokenExpiry.set(token, exp);
    // Like oejp: refreshing hands back the same refresh token and the same expiry.
    const refreshToken = existingRefresh ?? `refresh-${serial}-secret`;
    if (!refreshTokens.has(refreshToken)) refreshTokens.set(refreshToken, iat + refreshLifetime);
    return { token, payload: { sub: 'user-1', iat, exp }, refreshToken, refreshExpiresIn: refreshTokens.get(refreshToken) };
  };

  const login = (input: Record<string, unknown>): Response => {
    const override = typeof loginOverride === 'function' ? loginOverride(input) : loginOverride;
    if (override) return HttpResponse.json(override.body, { status: override.status ?? 200 });
    const bad = HttpResponse.json({
      errors: [krakenError('KT-CT-1138', 'Please make sure the credentials are correct.', { errorClass: 'VALIDATION' })],
      data: { obtainKrakenToken: null },
    });
    if (typeof input.refreshToken === 'string' && refreshTokens.has(input.refreshToken)) {
      const expiry = refreshTokens.get(input.refreshToken) ?? 0;
      if (expiry <= nowSeconds()) {
        return HttpResponse.json({ errors: [krakenError('KT-CT-1135', 'Invalid data.')], data: { obtainKrakenToken: null } });
      }
      return HttpResponse.json({ data: { obtainKrakenToken: issue(input.refreshToken) } });
    }
    if (input.email !== undefined) {
      return input.email === options.email && input.password === options.password
        ? HttpResponse.json({ data: { obtainKrakenToken: issue() } })
        : bad;
    }
    for (const [field, secret] of Object.entries(options.acceptedSecrets ?? {})) {
      if (input[field] === secret) return HttpResponse.json({ data: { obtainKrakenToken: issue() } });
    }
    return bad;
  };

  const handle = async (url: string, request: Request): Promise<Response> => {
    const body = (await request.json()) as { query: string; variables?: Record<string, unknown>; operationName?: string };
    const received: ReceivedRequest = {
      url,
      operationName: body.operationName,
      query: body.query,
      variables: body.variables,
      authorization: request.headers.get('authorization'),
      headers: request.headers,
    };
    requests.push(received);
    if (body.operationName === 'ObtainKrakenToken') {
      const input = (body.variables?.input ?? {}) as Record<string, unknown>;
      logins.push(input);
      return login(input);
    }
    const token = received.authorization?.replace(/^JWT /, '');
    if (!token) {
      return HttpResponse.json({ errors: [krakenError('KT-CT-1112', "'Authorization' header not provided.")], data: null });
    }
    const exp = tokenExpiry.get(token);
    if (exp === undefined) return HttpResponse.json({ errors: [krakenError('KT-CT-1111', 'Unauthorized.')], data: null });
    if (exp <= nowSeconds() || revoked.has(token)) {
      return HttpResponse.json({
        errors: [
          {
            message: 'Signature of the JWT has expired.',
            locations: [{ line: 3, column: 37 }],
            path: ['account'],
            extensions: { errorType: 'APPLICATION', errorCode: 'KT-CT-1124', errorDescription: '' },
          },
        ],
        data: { account: null },
      });
    }
    const answer = operations.get(body.operationName ?? '');
    return HttpResponse.json(answer ? answer(received) : { data: { viewer: { id: 'user-1' } } });
  };

  return {
    handlers: [http.post(API_URL, ({ request }) => handle(API_URL, request)), http.post(AUTH_URL, ({ request }) => handle(AUTH_URL, request))],
    requests,
    logins,
    issuedTokens,
    expireToken: (token) => revoked.add(token),
    overrideLogin: (outcome) => {
      loginOverride = outcome;
    },
    setOperation: (name, answer) => operations.set(name, answer),
  };
}
