// The login token source on its own (no client, no HTTP): how the calls of a refresh storm share the
// one refresh, and what each of them gets when it fails.
import { describe, expect, it } from 'vitest';
import { KrakenError } from '../../src/core/errors.js';
import type { CallBound } from '../../src/session/bounded.js';
import { loginTokenSource } from '../../src/session/login-session.js';
import { DEFAULT_REFRESH_SKEW_MS } from '../../src/session/types.js';
import type { ObtainTokenPayload } from '../../src/session/types.js';

const HOUR_S = 3_600;
const base64Url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwtAt = (issuedS: number, name: string): string =>
  `${base64Url({ alg: 'HS256' })}.${base64Url({ sub: name, iat: issuedS, exp: issuedS + HOUR_S })}.c2ln`;

/** A source on its own clock whose obtainKrakenToken calls wait until the test answers them. */
function sourceWithHeldLogins() {
  let clockMs = Date.parse('2026-03-01T00:00:00Z');
  type HeldLogin = { resolve: (payload: ObtainTokenPayload) => void; reject: (error: unknown) => void };
  const held: HeldLogin[] = [];
  let calls = 0;
  let arrived: (() => void) | undefined;
  const source = loginTokenSource(
    { APIKey: 'sk_test_sharing' },
    {
      obtainToken: () =>
        new Promise((resolve, reject) => {
          calls += 1;
          held.push({ resolve, reject });
          arrived?.();
        }),
      onWarning: () => undefined,
      refreshSkewMs: DEFAULT_REFRESH_SKEW_MS,
      now: () => clockMs,
    },
  );
  /** The next obtainKrakenToken call, once it has been made. */
  const nextLogin = async (): Promise<HeldLogin> => {
    if (held.length === 0) await new Promise<void>((resolve) => (arrived = resolve));
    return held.shift() as HeldLogin;
  };
  const answer = async (name: string): Promise<void> => {
    const login = await nextLogin();
    const issuedS = Math.floor(clockMs / 1000);
    login.resolve({ token: jwtAt(issuedS, name), payload: {}, refreshToken: `refresh-${name}`, refreshExpiresIn: issuedS + 86_400 });
  };
  const fail = async (): Promise<void> => (await nextLogin()).reject(new KrakenError({ kind: 'http', status: 502, message: 'Bad gateway.' }));
  return { source, answer, fail, logins: () => calls, advance: (ms: number) => (clockMs += ms) };
}

const boundBy = (controller: AbortController): CallBound => ({ signal: controller.signal, reason: () => (controller.signal.aborted ? 'abort' : undefined) });
const claimsOf = (token: string | undefined): Record<string, unknown> => JSON.parse(Buffer.from(String(token).split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;

describe('the calls of a refresh storm share one refresh', () => {
  it('a fresh token, and the token a flight brings, are one promise for all the calls waiting alike (none made per call)', async () => {
    const { source, answer, advance, logins } = sourceWithHeldLogins();
    const first = source.token();
    await answer('first');
    await first;
    expect(source.token()).toBe(source.token());

    advance((HOUR_S - 30) * 1000); // within the refresh skew
    const cohort = new AbortController();
    const unbounded = Array.from({ length: 50 }, () => source.token());
    const bounded = Array.from({ length: 50 }, () => source.token(boundBy(cohort)));
    expect(new Set(unbounded).size).toBe(1);
    expect(new Set(bounded).size).toBe(1); // one race per signal shared by the calls
    await answer('renewed');
    const tokens = await Promise.all([...unbounded, ...bounded]);
    expect(new Set(tokens).size).toBe(1);
    expect(claimsOf(tokens[0]).sub).toBe('renewed');
    expect(logins()).toBe(2); // the login, then one refresh for the 100 calls
  });

  it('a call aborted while the refresh runs rejects at once; the others get the renewed token', async () => {
    const { source, answer, advance } = sourceWithHeldLogins();
    const first = source.token();
    await answer('first');
    await first;
    advance((HOUR_S - 30) * 1000);
    const mine = new AbortController();
    const aborted = source.token(boundBy(mine));
    const patient = source.token(boundBy(new AbortController()));
    mine.abort();
    await expect(aborted).rejects.toMatchObject({ kind: 'network', reason: 'abort' });
    await answer('renewed');
    expect(claimsOf(await patient).sub).toBe('renewed');
  });

  it('a failed refresh: calls that held the still-valid token keep it; a call that asked after logout makes its own login, never gets the old token', async () => {
    const { source, answer, fail, advance, logins } = sourceWithHeldLogins();
    const first = source.token();
    await answer('first');
    const firstToken = await first;
    advance((HOUR_S - 30) * 1000);
    const beforeLogout = source.token();
    await source.logout();
    const afterLogout = source.token();
    await fail(); // the refresh logout() dropped
    expect(await beforeLogout).toBe(firstToken);
    await fail(); // the login the later call started
    await expect(afterLogout).rejects.toMatchObject({ kind: 'http', status: 502 });
    expect(logins()).toBe(3);
  });
});
