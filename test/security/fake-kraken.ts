// An in-process Kraken for the hostile cases of issue 19: a `fetch` function (nothing leaves the
// process) whose login answer each test shapes, and which counts logins and API calls.
import { randomBytes } from 'node:crypto';
import { publishCredential } from '../../mocks/credential-channel.js';

export const API_URL = 'https://api.example.test/v1/graphql/';

let issued = 0;

/** A JWT-shaped token with these claims and a unique signature (never verified by the client). */
export function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  issued += 1;
  const token = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.sig${issued}${randomBytes(12).toString('hex')}`;
  // The suite's secrets watch searches every error for it (a token the test server issues is a secret).
  publishCredential('token', token);
  return token;
}

/** A refresh token the watch knows about. */
export function refreshToken(): string {
  const value = `refresh-${randomBytes(16).toString('hex')}`;
  publishCredential('refreshToken', value);
  return value;
}

export interface LoginRequest {
  readonly input: Record<string, unknown>;
  readonly body: string;
}

export type Answer = Response | Promise<Response>;

export interface FakeKraken {
  readonly fetch: (url: string | URL | Request, init?: RequestInit) => Promise<Response>;
  readonly logins: LoginRequest[];
  readonly apiCalls: string[];
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A login answer issuing a fresh token (valid an hour from `now`) and refresh token. */
export function issuedSession(now: number, lifetimeSeconds = 3600): { token: string; refreshToken: string; body: Response } {
  const token = jwt({ exp: Math.floor(now / 1000) + lifetimeSeconds, iat: Math.floor(now / 1000) });
  const refresh = refreshToken();
  return {
    token,
    refreshToken: refresh,
    body: json({ data: { obtainKrakenToken: { token, payload: {}, refreshToken: refresh, refreshExpiresIn: Math.floor(now / 1000) + 7 * 86_400 } } }),
  };
}

/** `login` answers ObtainKrakenToken; every other operation gets `api` (default: a plain success). */
export function fakeKraken(login: (request: LoginRequest) => Answer, api: (authorization: string | null) => Answer = () => json({ data: { ok: true } })): FakeKraken {
  const logins: LoginRequest[] = [];
  const apiCalls: string[] = [];
  const fetch = async (_url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const body = String(init?.body ?? '');
    const parsed = JSON.parse(body) as { operationName?: string; variables?: { input?: Record<string, unknown> } };
    if (parsed.operationName === 'ObtainKrakenToken') {
      const request = { input: parsed.variables?.input ?? {}, body };
      logins.push(request);
      return login(request);
    }
    const authorization = new Headers(init?.headers).get('authorization');
    apiCalls.push(authorization ?? '');
    return api(authorization);
  };
  return { fetch, logins, apiCalls };
}

/** Resolves after `ms` of real time. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
