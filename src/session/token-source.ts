import { KrakenError } from '../client/errors.js';
import { tokenExpiry, tokenIssuedAt } from './jwt.js';
import { createMemorySessionStore } from './types.js';
import type {
  KrakenAuth,
  LoginCredentials,
  ObtainTokenInput,
  ObtainTokenPayload,
  Session,
  SessionInfo,
  SessionStore,
} from './types.js';

/** Sends `obtainKrakenToken` (without Authorization) and resolves with its payload or rejects with a KrakenError. */
export type ObtainToken = (input: ObtainTokenInput) => Promise<ObtainTokenPayload | null | undefined>;

export interface TokenSourceOptions {
  readonly auth?: KrakenAuth | undefined;
  readonly obtainToken: ObtainToken;
  /** Refresh this long before the token's expiry (ms). Default 60 000. */
  readonly refreshSkewMs?: number | undefined;
  readonly store?: SessionStore | undefined;
  readonly onSession?: ((session: Session) => void | Promise<void>) | undefined;
  readonly now?: (() => number) | undefined;
}

/** Supplies the token for each request; owns login, refresh and their single flight. */
export interface TokenSource {
  /** A token usable now, or undefined when the client has no auth. Rejects with an `auth` error when none can be had. */
  token(): Promise<string | undefined>;
  /** After KT-CT-1124 for `token`: renews and resolves with a token to retry with, or undefined when no retry makes sense. */
  tokenRejected(token: string): Promise<string | undefined>;
  info(): Promise<SessionInfo | undefined>;
  logout(): Promise<void>;
}

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
  return loginTokenSource(auth, options, now);
}

function authError(message: string, cause?: unknown): KrakenError {
  return new KrakenError({ kind: 'auth', message, ...(cause === undefined ? {} : { cause }) });
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
  const fetchToken = async (): Promise<string> => {
    let token: unknown;
    try {
      token = await getToken();
    } catch (error) {
      throw authError('auth.getToken() failed to supply a token.', error);
    }
    if (typeof token !== 'string' || token === '') throw authError('auth.getToken() did not return a non-empty string.');
    return token;
  };
  return {
    token: fetchToken,
    tokenRejected: fetchToken,
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

function loginInput(credentials: LoginCredentials): ObtainTokenInput {
  if ('email' in credentials) return { email: credentials.email, password: credentials.password };
  if ('apiKey' in credentials) return { APIKey: credentials.apiKey };
  if ('refreshToken' in credentials) return { refreshToken: credentials.refreshToken };
  if ('organizationSecretKey' in credentials) return { organizationSecretKey: credentials.organizationSecretKey };
  return { preSignedKey: credentials.preSignedKey };
}

function loginTokenSource(credentials: LoginCredentials, options: TokenSourceOptions, now: () => number): TokenSource {
  const store = options.store ?? createMemorySessionStore();
  const skewMs = options.refreshSkewMs ?? DEFAULT_REFRESH_SKEW_MS;
  let inFlight: Promise<Session> | undefined;
  let rejectedToken: string | undefined;
  // A login refused by the server is remembered: repeating it can lock the account.
  let loginRefusal: KrakenError | undefined;

  // A refresh token given as the credential expires with the session: it cannot log in again.
  const reusableCredentials = 'refreshToken' in credentials ? undefined : credentials;

  const isUsable = (session: Session): boolean => {
    if (session.token === rejectedToken) return false;
    const expiresAt = session.tokenExpiresAt;
    if (expiresAt === undefined) return true;
    // A token living less than twice the skew would otherwise be refreshed on every request.
    const lifetime = session.tokenIssuedAt === undefined ? Infinity : expiresAt - session.tokenIssuedAt;
    return expiresAt - Math.min(skewMs, lifetime / 2) > now();
  };

  const obtain = async (input: ObtainTokenInput, previous?: Session): Promise<Session> => {
    let payload: ObtainTokenPayload | null | undefined;
    try {
      payload = await options.obtainToken(input);
    } catch (error) {
      if (error instanceof KrakenError && error.errors.length > 0 && error.kind !== 'rate-limit') {
        const code = error.code ?? 'no code';
        throw new KrakenError({
          kind: 'auth',
          message: `${input.refreshToken !== undefined && previous ? 'Token refresh' : 'Login'} was refused (${code}): ${error.errors[0]?.message ?? ''}`,
          // No `data`: a partial login answer could hold a token.
          errors: error.errors,
          ...(error.operationName === undefined ? {} : { operationName: error.operationName }),
          ...(error.status === undefined ? {} : { status: error.status }),
        });
      }
      throw error;
    }
    const token = payload?.token;
    if (typeof token !== 'string' || token === '') throw authError('obtainKrakenToken returned no token.');
    const refreshExpiresIn = payload?.refreshExpiresIn;
    const session: Session = {
      token,
      tokenExpiresAt: tokenExpiry(token, payload?.payload),
      tokenIssuedAt: tokenIssuedAt(token, payload?.payload) ?? now(),
      // Keep what the server returns; fall back to what we had, never extend an expiry ourselves.
      refreshToken: payload?.refreshToken ?? previous?.refreshToken,
      refreshExpiresAt: typeof refreshExpiresIn === 'number' ? refreshExpiresIn * 1000 : previous?.refreshExpiresAt,
    };
    if (session.tokenExpiresAt !== undefined && session.tokenExpiresAt <= now()) {
      throw authError('obtainKrakenToken returned a token that has already expired.');
    }
    await store.set(session);
    rejectedToken = undefined;
    await options.onSession?.(session);
    return session;
  };

  const renew = async (): Promise<Session> => {
    const current = await store.get();
    // Another flight (or process sharing the store) may have renewed already.
    if (current !== undefined && isUsable(current)) return current;
    if (loginRefusal) throw loginRefusal;
    let refreshRefusal: KrakenError | undefined;
    const refreshStillValid =
      current?.refreshToken !== undefined && (current.refreshExpiresAt === undefined || current.refreshExpiresAt > now());
    if (current?.refreshToken !== undefined && refreshStillValid) {
      try {
        return await obtain({ refreshToken: current.refreshToken }, current);
      } catch (error) {
        if (!(error instanceof KrakenError && error.kind === 'auth')) throw error;
        refreshRefusal = error;
      }
    }
    const loginWith = current === undefined ? credentials : reusableCredentials;
    if (loginWith !== undefined) {
      try {
        return await obtain(loginInput(loginWith));
      } catch (error) {
        if (error instanceof KrakenError && error.kind === 'auth' && error.errors.length > 0) loginRefusal = error;
        throw error;
      }
    }
    throw authError(
      refreshRefusal === undefined
        ? 'The refresh token has expired and the client holds no credentials to log in again: a new login is needed.'
        : 'The refresh token was refused and the client holds no credentials to log in again: a new login is needed.',
    );
  };

  const renewOnce = (): Promise<Session> => {
    inFlight ??= renew().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  return {
    token: async () => {
      const current = await store.get();
      if (current !== undefined && isUsable(current)) return current.token;
      return (await renewOnce()).token;
    },
    tokenRejected: async (token) => {
      const current = await store.get();
      if (current?.token === token) rejectedToken = token;
      return (await renewOnce()).token;
    },
    info: async () => {
      const current = await store.get();
      return current === undefined
        ? undefined
        : { tokenExpiresAt: current.tokenExpiresAt, refreshExpiresAt: current.refreshExpiresAt };
    },
    logout: async () => {
      loginRefusal = undefined;
      rejectedToken = undefined;
      await store.set(undefined);
    },
  };
}
