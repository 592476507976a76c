import { KrakenError } from '../core/errors.js';
import { onAbortOf } from '../core/abort.js';
import { onFirstNeed, preloadInNode } from '../core/runtime.js';
import type { CallBound } from './bounded.js';
import { CREDENTIAL_FIELDS } from './identity.js';
import type { KrakenAuth } from './types.js';

export type { CallBound } from './bounded.js';

export type { ObtainToken, TokenSource, TokenSourceOptions } from './token-source-types.js';
import type { TokenSource, TokenSourceOptions } from './token-source-types.js';

export { DEFAULT_REFRESH_SKEW_MS } from './types.js';

export function createTokenSource(options: TokenSourceOptions): TokenSource {
  // Without auth: no token, nothing to renew, no session (the client validated `auth` before).
  const none = (): Promise<undefined> => Promise.resolve(undefined);
  return options.auth === undefined ? { token: none, tokenRejected: none, info: none, logout: none } : deferredTokenSource(options.auth, options);
}

/**
 * The token sources (a fixed token, `getToken`, and login with refresh, session store and lease) live in
 * their own module, loaded the first time a token is needed: a client without auth never loads them.
 */
const loadAuthSources = onFirstNeed(() => import('./auth-sources.js'));

type Forwarded = (...args: unknown[]) => Promise<never>;

function deferredTokenSource(auth: KrakenAuth, options: TokenSourceOptions): TokenSource {
  let loaded: TokenSource | undefined;
  preloadInNode(loadAuthSources);
  /** The loaded source, waited for no longer than the call's bound (the loaded source then refuses a fired bound itself). */
  const sourceWithin = (bound: CallBound | undefined): Promise<TokenSource> =>
    new Promise((resolve, reject) => {
      // A bound fired before this (not the steps' case: they ask with a live signal) is refused by the loaded source.
      const stopWaiting = bound && onAbortOf(bound.signal, () => reject(bound.signal.reason));
      loadAuthSources()
        .then((module) => resolve((loaded ??= module.authTokenSource(auth, options))), (cause: unknown) => reject(new KrakenError({ kind: 'auth', message: 'kraken-sdk: the auth code failed to load.', cause })))
        .finally(stopWaiting);
    });
  /** Each method goes straight to the loaded source once there is one; `boundAt`: where its CallBound is. */
  const forward =
    (method: keyof TokenSource, boundAt = 0): Forwarded =>
    (...args) =>
      loaded ? (loaded[method] as Forwarded)(...args) : sourceWithin(args[boundAt] as CallBound | undefined).then((source) => (source[method] as Forwarded)(...args));
  return { token: forward('token'), tokenRejected: forward('tokenRejected', 1), info: forward('info'), logout: forward('logout') };
}

/** Throws a TypeError naming what is wrong with `auth`. */
export function validateAuth(auth: KrakenAuth): void {
  const given = typeof auth === 'object' && auth !== null ? CREDENTIAL_FIELDS.filter((field) => field in auth) : [];
  const [field] = given;
  if (field === undefined || given.length > 1) throw new TypeError(`auth must hold exactly one of ${CREDENTIAL_FIELDS.join(', ')}; got ${given.join(', ') || 'none'}.`);
  for (const name of field === 'email' ? [field, 'password'] : [field]) {
    const value = (auth as Record<string, unknown>)[name];
    if (name === 'getToken' ? typeof value !== 'function' : typeof value !== 'string' || value === '') {
      throw new TypeError(`auth.${name} must be ${name === 'getToken' ? 'a function' : 'a non-empty string'}.`);
    }
  }
}
