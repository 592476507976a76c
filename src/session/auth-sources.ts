// The fixed token's and getToken's sources, loaded by `createTokenSource` the first time a client with one needs a token.
import { addSecret, redactedError } from '../core/redact.js';
import type { Secrets } from '../core/redact.js';
import { settleWithin, throwIfBoundFired } from './bounded.js';
import type { CallBound } from './bounded.js';
import { tokenTimes } from './jwt.js';
import { authError } from './refusal.js';
import type { LoadedSourceOptions, TokenSource } from './token-source-types.js';
import type { KrakenAuth } from './types.js';

/** The source for a validated fixed token or `getToken` (a login has its own: login-with.ts). */
export function authTokenSource(auth: KrakenAuth, options: LoadedSourceOptions): TokenSource {
  if ('getToken' in auth) return externalTokenSource(auth.getToken, options.secrets);
  const { token } = auth as { token: string };
  addSecret(options.secrets, token, 'token');
  return fixedTokenSource(token, options.now);
}

function externalTokenSource(getToken: () => Promise<string>, secrets: Secrets | undefined): TokenSource {
  const checked = (token: unknown): string => {
    if (typeof token !== 'string' || token === '') throw authError('auth.getToken() must return a non-empty string.');
    // The current one kept (redact.ts): the one it replaces is still searched while recent.
    addSecret(secrets, token, 'token');
    return token;
  };
  // A fired bound rejects through settleWithin, as the `network` error it is; getToken's own failure is an `auth` one.
  const fetchToken = async (bound?: CallBound): Promise<string> => {
    throwIfBoundFired(bound);
    return settleWithin(
      Promise.resolve()
        .then(getToken)
        .then(checked, (cause: unknown) => {
          throw redactedError({ kind: 'auth', message: 'auth.getToken() failed.', cause }, secrets);
        }),
      bound,
    );
  };
  return { token: fetchToken, tokenRejected: (_token, bound) => fetchToken(bound), info: none, logout: none };
}

function fixedTokenSource(fixedToken: string, now: () => number): TokenSource {
  // One promise for every call (none made per call); undefined after logout.
  let token: Promise<string> | undefined = Promise.resolve(fixedToken);
  const { expiresAt } = tokenTimes(fixedToken);
  return {
    token: () =>
      token === undefined || (expiresAt !== undefined && expiresAt <= now())
        ? Promise.reject(authError(`${token ? 'auth.token has expired' : 'The client logged out'}: a new login is needed.`))
        : token,
    tokenRejected: none,
    info: () => Promise.resolve(token && { tokenExpiresAt: expiresAt, refreshExpiresAt: undefined }),
    logout: () => (token = undefined, none()),
  };
}

/** No token, nothing to renew, no session (or nothing left to log out of). */
function none(): Promise<undefined> {
  return Promise.resolve(undefined);
}
