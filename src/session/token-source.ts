import { KrakenError } from '../client/errors.js';
import { settleWithin, throwIfBoundFired } from './bounded.js';
import type { CallBound } from './bounded.js';
import { tokenExpiry } from './jwt.js';
import { authError } from './refusal.js';
import type { KrakenAuth, LoginCredentials, ObtainTokenInput, ObtainTokenPayload, Session, SessionInfo, SessionStore } from './types.js';

export type { CallBound } from './bounded.js';

/** Sends `obtainKrakenToken` (without Authorization) and resolves with its payload or rejects with a KrakenError. */
export type ObtainToken = (input: ObtainTokenInput) => Promise<ObtainTokenPayload | null | undefined>;

export interface TokenSourceOptions {
  readonly auth?: KrakenAuth | undefined;
  readonly obtainToken: ObtainToken;
  /** Where logins go; with the identity, it scopes a shared store (see `SessionStore.forScope`). */
  readonly endpoint?: string | undefined;
  /** Refresh this long before the token's expiry (ms). Default 60 000. */
  readonly refreshSkewMs?: number | undefined;
  readonly store?: SessionStore | undefined;
  readonly onSession?: ((session: Session) => void | Promise<void>) | undefined;
  /** Told about failures the client worked around (a failing store or hook). Default: `console.warn`. */
  readonly onWarning?: ((warning: KrakenError) => void) | undefined;
  readonly now?: (() => number) | undefined;
  /** How long one store operation may take (ms). Default 2 000. */
  readonly storeTimeoutMs?: number | undefined;
}

/** Supplies the token for each request; owns login, refresh and their single flight. */
export interface TokenSource {
  /**
   * A token usable now, or undefined when the client has no auth. Rejects with a KrakenError when none can
   * be had, or with a `network` abort/timeout error as soon as `bound` fires.
   */
  token(bound?: CallBound): Promise<string | undefined>;
  /** After KT-CT-1124 for `token`: renews and resolves with a token to retry with, or undefined when no retry makes sense. */
  tokenRejected(token: string, bound?: CallBound): Promise<string | undefined>;
  info(): Promise<SessionInfo | undefined>;
  logout(): Promise<void>;
}

/** Refresh this long before the token expires (ms), unless the client says otherwise. */
export const DEFAULT_REFRESH_SKEW_MS = 60_000;

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
  if ('getToken' in auth) return externalTokenSource(auth.getToken);
  if ('token' in auth) return fixedTokenSource(auth.token, now);
  return deferredLoginTokenSource(auth, options, now);
}

/**
 * Login, refresh, the session store and the lease live in their own module, loaded the first time the
 * session is needed: a client without credentials never downloads them (a bundler makes it a lazy chunk).
 */
function deferredLoginTokenSource(credentials: LoginCredentials, options: TokenSourceOptions, now: () => number): TokenSource {
  let loaded: TokenSource | undefined;
  let loading: Promise<TokenSource> | undefined;
  const source = (): Promise<TokenSource> =>
    (loading ??= import('./login-session.js').then(
      (module) => (loaded = module.loginTokenSource(credentials, options, now)),
      (error: unknown) => {
        // Tried again by the next call (e.g. a browser that was offline).
        loading = undefined;
        throw authError('The session code of kraken-sdk could not be loaded.', error);
      },
    ));
  return {
    token: (bound) => (loaded ? loaded.token(bound) : settleWithin(source(), bound).then((login) => login.token(bound))),
    tokenRejected: (token, bound) =>
      loaded ? loaded.tokenRejected(token, bound) : settleWithin(source(), bound).then((login) => login.tokenRejected(token, bound)),
    info: async () => (loaded ?? (await source())).info(),
    logout: async () => (loaded ?? (await source())).logout(),
  };
}


const CREDENTIAL_FIELDS = ['email', 'apiKey', 'refreshToken', 'organizationSecretKey', 'preSignedKey', 'token', 'getToken'];

function validateAuth(auth: KrakenAuth): void {
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

function externalTokenSource(getToken: () => Promise<string>): TokenSource {
  const fetchToken = async (bound?: CallBound): Promise<string> => {
    throwIfBoundFired(bound);
    let token: unknown;
    try {
      token = await settleWithin(Promise.resolve().then(getToken), bound);
    } catch (error) {
      if (bound?.signal.aborted && error instanceof KrakenError && error.kind === 'network') throw error;
      throw authError('auth.getToken() failed to supply a token.', error);
    }
    if (typeof token !== 'string' || token === '') throw authError('auth.getToken() did not return a non-empty string.');
    return token;
  };
  return {
    token: fetchToken,
    tokenRejected: (_token, bound) => fetchToken(bound),
    info: () => Promise.resolve(undefined),
    logout: () => Promise.resolve(),
  };
}

function fixedTokenSource(fixedToken: string, now: () => number): TokenSource {
  let token: string | undefined = fixedToken;
  const expiresAt = tokenExpiry(fixedToken);
  return {
    token: () => {
      if (token === undefined) return Promise.reject(authError('The client has logged out: a new login is needed.'));
      if (expiresAt !== undefined && expiresAt <= now()) {
        return Promise.reject(authError('The fixed token has expired and cannot be refreshed: a new login is needed.'));
      }
      return Promise.resolve(token);
    },
    tokenRejected: () => Promise.resolve(undefined),
    info: () => Promise.resolve(token === undefined ? undefined : { tokenExpiresAt: expiresAt, refreshExpiresAt: undefined }),
    logout: () => {
      token = undefined;
      return Promise.resolve();
    },
  };
}
