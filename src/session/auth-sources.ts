// The token sources, loaded by `createTokenSource` the first time a client with auth needs a token.
import { addSecret, redactedError } from '../core/redact.js';
import type { Secrets } from '../core/redact.js';
import { settleWithin, throwIfBoundFired } from './bounded.js';
import type { CallBound } from './bounded.js';
import { tokenTimes } from './jwt.js';
import { loginTokenSource } from './login-session.js';
import { authError } from './refusal.js';
import type { LoadedSourceOptions, TokenSource } from './token-source-types.js';
import type { KrakenAuth } from './types.js';

/** The source for validated `auth`: `getToken`, a fixed token, or login with credentials. */
export function authTokenSource(auth: KrakenAuth, options: LoadedSourceOptions): TokenSource {
  const now = options.now ?? (() => Date.now());
  // Every credential but the email is a secret no error may show.
  for (const [field, value] of Object.entries(auth)) if (field !== 'email') addSecret(options.secrets, value);
  if ('getToken' in auth) return externalTokenSource(auth.getToken, options.secrets);
  if ('token' in auth) return fixedTokenSource(auth.token, now);
  return loginTokenSource(auth, options, now);
}

function externalTokenSource(getToken: () => Promise<string>, secrets: Secrets | undefined): TokenSource {
  const checked = (token: unknown): string => {
    if (typeof token !== 'string' || token === '') throw authError('auth.getToken() must return a non-empty string.');
    addSecret(secrets, token);
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
