import { publishError } from '../core/errors.js';
import type { KrakenError } from '../core/errors.js';
import { addSecret, redactedError } from '../core/redact.js';
import type { Secrets } from '../core/redact.js';
import { loginBackoffMs } from './backoff.js';
import { settleWithin, throwIfBoundFired } from './bounded.js';
import type { CallBound } from './bounded.js';
import { guardStore } from './guarded-store.js';
import type { GuardedStore } from './guarded-store.js';
import { tokenTimes } from './jwt.js';
import { asKrakenError, authError, isCredentialRefusal, refusalError } from './refusal.js';
import { clampExpiry, storedSessionProblem } from './sane-session.js';
import type { LoadedSourceOptions, TokenSource } from './token-source-types.js';
import type { HeldLease, LoginCredentials, ObtainTokenInput, ObtainTokenPayload, Session } from './types.js';

function loginInput(credentials: LoginCredentials): ObtainTokenInput {
  if ('email' in credentials) return { email: credentials.email, password: credentials.password };
  if ('apiKey' in credentials) return { APIKey: credentials.apiKey };
  if ('refreshToken' in credentials) return { refreshToken: credentials.refreshToken };
  if ('organizationSecretKey' in credentials) return { organizationSecretKey: credentials.organizationSecretKey };
  return { preSignedKey: credentials.preSignedKey };
}

const defaultWarn = (warning: KrakenError): void => console.warn(`kraken-sdk: ${warning.message}`);

/** The later of two sessions (by token expiry), so a stale stored copy never replaces a newer one. */
function newest(a: Session | undefined, b: Session | undefined): Session | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return (a.tokenExpiresAt ?? Infinity) >= (b.tokenExpiresAt ?? Infinity) ? a : b;
}

/**
 * Logs in with credentials and keeps the session fresh: one login or refresh at a time in this process
 * (and, with a store that offers a lease, in the whole fleet); a refusal of the credentials is final
 * until logout; any other failure is tried again after a backoff; a still-valid token is used while a
 * proactive refresh fails.
 */
export function loginTokenSource(credentials: LoginCredentials, options: LoadedSourceOptions, now: () => number): TokenSource {
  const skewMs = options.refreshSkewMs;
  const warnUser = options.onWarning ?? defaultWarn;
  // A warning is published on `kraken-sdk:error` too (once), as a failed call's error is.
  const warn = (warning: KrakenError): void => {
    publishError(warning);
    warnUser(warning);
  };
  const { secrets } = options;
  // Kraken issues JWTs: until this client is handed a token that is not one, a stored one that is not was planted.
  let jwtOnly = true;
  const store: GuardedStore | undefined =
    options.store === undefined
      ? undefined
      : guardStore(options.store, {
          scope: options.scope ?? (() => Promise.reject(new Error('the client gave no scope for its identity'))),
          warn,
          timeoutMs: options.storeTimeoutMs,
          problemOf: (value) => storedSessionProblem(value, now(), jwtOnly),
          secrets,
        });
  // A refresh token given as the credential expires with the session: it cannot log in again.
  const reusableCredentials = 'refreshToken' in credentials ? undefined : credentials;

  let memory: Session | undefined;
  let rejectedToken: string | undefined;
  // A refusal of the credentials is remembered until logout: repeating it can lock the account.
  let refusal: KrakenError | undefined;
  let failures = 0;
  let retryAt = -Infinity;
  let lastFailure: KrakenError | undefined;
  let inFlight: Promise<Session> | undefined;
  // Bumped by logout: a login, refresh or adoption that started before it is not kept.
  let epoch = 0;
  const loggedOut = (): KrakenError => authError('The client logged out while this login was in flight: its session was dropped.');
  /** Makes `session` the client's own, unless the client logged out since `started`. */
  const keep = (session: Session, started: number): Session => {
    if (started !== epoch) throw loggedOut();
    addSecret(secrets, session.token);
    addSecret(secrets, session.refreshToken);
    return (memory = session);
  };

  /** Usable without renewing: not rejected, and outside the refresh skew. */
  const isFresh = (session: Session): boolean => {
    if (session.token === rejectedToken) return false;
    const expiresAt = session.tokenExpiresAt;
    if (expiresAt === undefined) return true;
    // A token living less than twice the skew would otherwise be refreshed on every request.
    const lifetime = session.tokenIssuedAt === undefined ? Infinity : expiresAt - session.tokenIssuedAt;
    return expiresAt - Math.min(skewMs, lifetime / 2) > now();
  };
  /** Still accepted by the server (as far as the client knows), though maybe inside the skew. */
  const isValid = (session: Session): boolean =>
    session.token !== rejectedToken && (session.tokenExpiresAt === undefined || session.tokenExpiresAt > now());

  const obtain = async (input: ObtainTokenInput, previous?: Session): Promise<Session> => {
    // What this login sends is what its answer may repeat.
    for (const [field, value] of Object.entries(input)) if (field !== 'email') addSecret(secrets, value);
    const payload: ObtainTokenPayload | null | undefined = await options.obtainToken(input);
    const token = payload?.token;
    // Secrets from the moment they arrive, whatever is done with them next.
    addSecret(secrets, token);
    addSecret(secrets, payload?.refreshToken);
    if (typeof token !== 'string' || token === '') throw authError('obtainKrakenToken returned no token.');
    const refreshExpiresIn = payload?.refreshExpiresIn;
    const times = tokenTimes(token, payload?.payload);
    if (times.expiresAt === undefined && !token.includes('.')) jwtOnly = false;
    const session: Session = {
      token,
      // Clamped to sane bounds: an absurd expiry must not reach a store (Redis refuses it) nor outlive any real session.
      tokenExpiresAt: clampExpiry(times.expiresAt, now()),
      tokenIssuedAt: times.issuedAt ?? now(),
      // Keep what the server returns; fall back to what we had, never extend an expiry ourselves.
      refreshToken: payload?.refreshToken ?? previous?.refreshToken,
      refreshExpiresAt: typeof refreshExpiresIn === 'number' ? clampExpiry(refreshExpiresIn * 1000, now()) : previous?.refreshExpiresAt,
    };
    if (session.tokenExpiresAt !== undefined && session.tokenExpiresAt <= now()) {
      throw authError('obtainKrakenToken returned a token that has already expired.');
    }
    return session;
  };

  /** Refresh with the refresh token while it is valid; when it is refused or expired, one login with the credentials. */
  const obtainSession = async (current: Session | undefined): Promise<Session> => {
    const refreshToken = current?.refreshToken;
    let refreshRefused = false;
    if (refreshToken !== undefined && (current?.refreshExpiresAt === undefined || current.refreshExpiresAt > now())) {
      try {
        return await obtain({ refreshToken }, current);
      } catch (error) {
        if (!isCredentialRefusal(error)) throw error;
        refreshRefused = true;
      }
    }
    const loginWith = current === undefined ? credentials : reusableCredentials;
    if (loginWith === undefined) {
      refusal = authError(
        refreshRefused
          ? 'The refresh token was refused and the client holds no credentials to log in again: a new login is needed.'
          : 'The refresh token has expired and the client holds no credentials to log in again: a new login is needed.',
      );
      throw refusal;
    }
    try {
      return await obtain(loginInput(loginWith));
    } catch (error) {
      if (!isCredentialRefusal(error)) throw error;
      refusal = refusalError(error, 'Login');
      throw refusal;
    }
  };

  /** Calls Kraken, then keeps the session (memory first: a failing store must not cost a login per call). */
  const obtainAndKeep = async (current: Session | undefined, started: number): Promise<Session> => {
    let session: Session;
    try {
      session = await obtainSession(current);
    } catch (error) {
      const failure = asKrakenError(error, 'The login failed unexpectedly.');
      // After a logout, a failure started before it says nothing about the next login: no backoff from it.
      if (started !== epoch) throw failure;
      if (failure !== refusal) {
        failures += 1;
        retryAt = now() + loginBackoffMs(failures, failure.retryAfterMs);
        lastFailure = failure;
      }
      throw failure;
    }
    keep(session, started);
    failures = 0;
    retryAt = -Infinity;
    lastFailure = undefined;
    await store?.write(session);
    if (started !== epoch) {
      // logout() cleared the store while this write was on its way: clear it again, after it.
      await store?.clear().catch(() => undefined);
      throw loggedOut();
    }
    try {
      await options.onSession?.(session);
    } catch (cause) {
      warn(asStoreWarning(cause, secrets));
    }
    return session;
  };

  /**
   * With a lease: one process calls Kraken; the others wait for the session it writes, and adopt it. After
   * the lease's own TTL a waiter asks how long the lease has left: one that never expires (a planted or broken
   * key must not lock the fleet out) ends the wait, and this process logs in itself, once (its other calls
   * share that flight); one a live holder keeps extending is waited on.
   */
  const renewUnderLease = async (guarded: GuardedStore, ttlMs: number, current: Session | undefined, started: number): Promise<Session> => {
    // Logins usually take a few hundred ms: look early, then back off to one read per maxPollMs (a GET
    // per waiting process, cheap for Redis even for a large fleet).
    const maxPollMs = Math.min(100, Math.max(20, ttlMs / 100));
    let giveUpAt = Date.now() + ttlMs;
    let pollMs = 20;
    for (;;) {
      const lease = await guarded.acquireLease();
      if (lease === 'unavailable') return obtainAndKeep(current, started);
      if (lease !== 'taken') {
        const keeping = keepLease(lease.held, ttlMs);
        try {
          // Another process may have written a session between our read and our lease.
          const stored = await guarded.read();
          if (stored !== undefined && isFresh(stored)) return keep(stored, started);
          return await obtainAndKeep(newest(stored, current), started);
        } finally {
          keeping.stop();
          await lease.held.release();
        }
      }
      if (Date.now() >= giveUpAt) {
        // A lease a live holder keeps extending is waited on; one that never expires (or a store that cannot tell) is not.
        const left = await guarded.leaseExpiresInMs();
        if (left === undefined || left === Infinity) return obtainAndKeep(current, started);
        giveUpAt = Date.now() + ttlMs;
      }
      await sleepUnref(Math.min(pollMs * (0.5 + Math.random()), Math.max(1, giveUpAt - Date.now())));
      pollMs = Math.min(maxPollMs, pollMs * 1.5);
      const stored = await guarded.read();
      if (stored !== undefined && isFresh(stored)) return keep(stored, started);
    }
  };

  const renew = async (): Promise<Session> => {
    const started = epoch;
    // Renewed meanwhile by the flight before this one.
    if (memory !== undefined && isFresh(memory)) return memory;
    const stored = await store?.read();
    // A session another process wrote is preferred to a new login.
    if (stored !== undefined && isFresh(stored)) return keep(stored, started);
    // Adopted even inside the skew: while it is valid it is the fallback if the refresh fails, as for a session obtained here.
    if (stored !== undefined && isValid(stored) && newest(stored, memory) === stored) keep(stored, started);
    if (refusal) throw refusal;
    if (lastFailure !== undefined && now() < retryAt) throw lastFailure;
    const current = newest(stored, memory);
    const ttlMs = store?.leaseTtlMs;
    return store !== undefined && ttlMs !== undefined ? renewUnderLease(store, ttlMs, current, started) : obtainAndKeep(current, started);
  };

  const renewOnce = (): Promise<Session> => {
    if (inFlight === undefined) {
      const flight: Promise<Session> = renew().finally(() => {
        // logout() may have let a new flight start meanwhile: only this one's own slot is cleared.
        if (inFlight === flight) inFlight = undefined;
      });
      inFlight = flight;
    }
    return inFlight;
  };

  // Asked once per attempt of every call: the answers are made once per session and per flight, so
  // neither a fresh token nor a refresh storm costs a promise, closure or listener per call.
  let tokenOfSession: { readonly session: Session; readonly token: Promise<string> } | undefined;
  /** The token of `session`, as one resolved promise per session. */
  const tokenOf = (session: Session): Promise<string> => {
    if (tokenOfSession?.session !== session) tokenOfSession = { session, token: Promise.resolve(session.token) };
    return tokenOfSession.token;
  };
  let waitingFor: { readonly flight: Promise<Session>; readonly held: Session | undefined; readonly token: Promise<string> } | undefined;
  /** The token the flight brings, shared by every call that held `held` when it asked. */
  const renewedToken = (held: Session | undefined): Promise<string> => {
    const flight = renewOnce();
    if (waitingFor?.flight === flight && waitingFor.held === held) return waitingFor.token;
    const entry = {
      flight,
      held,
      token: flight.then(
        (session) => {
          if (waitingFor === entry) waitingFor = undefined;
          return session.token;
        },
        (error: unknown) => {
          if (waitingFor === entry) waitingFor = undefined;
          // A failed proactive refresh: the current token is still good until it expires.
          const fallback = newest(memory, held);
          if (fallback !== undefined && isValid(fallback)) return fallback.token;
          throw error;
        },
      ),
    };
    waitingFor = entry;
    return entry.token;
  };

  return {
    token: (bound?: CallBound) => {
      try {
        throwIfBoundFired(bound);
        const held = memory;
        return held !== undefined && isFresh(held) ? tokenOf(held) : settleWithin(renewedToken(held), bound);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    tokenRejected: async (token, bound) => {
      throwIfBoundFired(bound);
      rejectedToken = token;
      return (await settleWithin(renewOnce(), bound)).token;
    },
    info: async () => {
      const current = memory ?? (await store?.read());
      return current === undefined ? undefined : { tokenExpiresAt: current.tokenExpiresAt, refreshExpiresAt: current.refreshExpiresAt };
    },
    logout: async () => {
      epoch += 1;
      // The flight in progress ends for its own callers (keep() drops it); later calls start a new one.
      inFlight = undefined;
      memory = undefined;
      tokenOfSession = undefined;
      refusal = undefined;
      rejectedToken = undefined;
      failures = 0;
      retryAt = -Infinity;
      lastFailure = undefined;
      await store?.clear();
    },
  };
}

/** The user's hook failed: said as such (kind `store`), never as a network failure; the session stands. */
function asStoreWarning(cause: unknown, secrets: Secrets | undefined): KrakenError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return redactedError({ kind: 'store', message: `The onSession hook threw: ${detail}. The session is kept.`, cause }, secrets);
}

/** Extends a held lease every third of its life until stopped (or until it is no longer ours). */
function keepLease(held: HeldLease, ttlMs: number): { stop(): void } {
  if (held.extend === undefined) return { stop: () => {} };
  const timer = setInterval(() => {
    void held.extend?.().then((ours) => {
      if (!ours) clearInterval(timer);
    });
  }, Math.max(1, Math.floor(ttlMs / 3)));
  // A pending extension must not keep a process alive that has nothing else to do.
  (timer as { unref?: () => void }).unref?.();
  return { stop: () => clearInterval(timer) };
}

/** Resolves after `ms`; the timer never keeps a process alive by itself. */
function sleepUnref(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    (timer as { unref?: () => void }).unref?.();
  });
}
