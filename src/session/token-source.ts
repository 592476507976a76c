import { KrakenError } from '../core/errors.js';
import { onAbortOf } from '../core/abort.js';
import { onFirstNeed, preloadInNode } from '../core/runtime.js';
import type { CallBound } from './bounded.js';
import type { KrakenAuth } from './types.js';

export type { CallBound } from './bounded.js';

export type { ObtainToken, TokenSource, TokenSourceOptions } from './token-source-types.js';
import type { LoadedSourceOptions, TokenSource, TokenSourceOptions } from './token-source-types.js';

import { DEFAULT_REFRESH_SKEW_MS } from './types.js';
export { DEFAULT_REFRESH_SKEW_MS };

export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const now = options.now ?? (() => Date.now());
  const { auth } = options;
  if (auth === undefined) {
    return {
      token: () => Promise.resolve(undefined),
      tokenRejected: () => Promise.resolve(undefined),
      info: () => Promise.resolve(undefined),
      logout: () => Promise.resolve(),
    };
  }
  validateAuth(auth);
  return deferredTokenSource(auth, { ...options, refreshSkewMs: options.refreshSkewMs ?? DEFAULT_REFRESH_SKEW_MS }, now);
}

/**
 * The token sources (a fixed token, `getToken`, and login with refresh, session store and lease) live in
 * their own module, loaded the first time a token is needed: a client without auth never loads them.
 */
const loadAuthSources = onFirstNeed(() => import('./auth-sources.js'));

function deferredTokenSource(auth: KrakenAuth, options: LoadedSourceOptions, now: () => number): TokenSource {
  let loaded: TokenSource | undefined;
  const source = (): Promise<TokenSource> =>
    loadAuthSources().then(
      (module) => (loaded ??= module.authTokenSource(auth, options, now)),
      (cause: unknown) => {
        throw new KrakenError({ kind: 'auth', message: 'The token code of kraken-sdk could not be loaded.', cause });
      },
    );
  preloadInNode(loadAuthSources);
  /** The loaded source, waited for no longer than the call's bound (the loaded source then refuses a fired bound itself). */
  const sourceWithin = (bound: CallBound | undefined): Promise<TokenSource> =>
    loaded !== undefined || bound === undefined
      ? source()
      : new Promise((resolve, reject) => {
          const stopWaiting = onAbortOf(bound.signal, () => reject(bound.signal.reason));
          if (bound.signal.aborted) reject(bound.signal.reason);
          source().then(resolve, reject).finally(stopWaiting);
        });
  return {
    token: (bound) => (loaded ? loaded.token(bound) : sourceWithin(bound).then((login) => login.token(bound))),
    tokenRejected: (token, bound) => (loaded ? loaded.tokenRejected(token, bound) : sourceWithin(bound).then((login) => login.tokenRejected(token, bound))),
    info: async () => (loaded ?? (await source())).info(),
    logout: async () => (loaded ?? (await source())).logout(),
  };
}

const CREDENTIAL_FIELDS = ['email', 'apiKey', 'refreshToken', 'organizationSecretKey', 'preSignedKey', 'token', 'getToken'];

/** Throws a TypeError naming what is wrong with `auth`. */
export function validateAuth(auth: KrakenAuth): void {
  if (typeof auth !== 'object' || auth === null) {
    throw new TypeError('auth must be an object: credentials, { token } or { getToken }.');
  }
  const given = CREDENTIAL_FIELDS.filter((field) => field in auth);
  if (given.length !== 1) {
    throw new TypeError(`auth must hold exactly one of ${CREDENTIAL_FIELDS.join(', ')}; got ${given.length === 0 ? 'none' : given.join(', ')}.`);
  }
  const field = given[0] as string;
  const value = (auth as Record<string, unknown>)[field];
  if (field === 'getToken' ? typeof value !== 'function' : typeof value !== 'string' || value === '') {
    throw new TypeError(`auth.${field} must be ${field === 'getToken' ? 'a function' : 'a non-empty string'}.`);
  }
  if (field === 'email' && (typeof (auth as { password?: unknown }).password !== 'string' || (auth as { password: string }).password === '')) {
    throw new TypeError('auth.password must be a non-empty string when auth.email is given.');
  }
}
