import type { KrakenError } from '../core/errors.js';
import { addSecret } from '../core/redact.js';
import { loginBackoffMs } from './backoff.js';
import { settleWithin, throwIfBoundFired } from './bounded.js';
import type { CallBound } from './bounded.js';
import { guardStore, storeError, warnedAs, warnerOf } from './guarded-store.js';
import type { GuardedStore } from './guarded-store.js';
import { tokenTimes } from './jwt.js';
import { authError, isCredentialRefusal, refusalCode, refusalError, sharedRefusalError } from './refusal.js';
import { clampExpiry, isSendableToken, storedSessionProblem } from './sane-session.js';
import type { LoadedSourceOptions, TokenSource } from './token-source-types.js';
import type { HeldLease, ObtainTokenInput, Session, SessionInfo } from './types.js';

/** The later of two sessions (by token expiry), so a stale stored copy never replaces a newer one. */
function newest(a: Session | undefined, b: Session | undefined): Session | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return (a.tokenExpiresAt ?? Infinity) >= (b.tokenExpiresAt ?? Infinity) ? a : b;
}

/**
 * Where the session stands, besides the session it holds: `refused` is final until logout (repeating a refused
 * login can lock the account); `backing-off` answers with the last failure until `until`.
 */
type Standing =
  | { readonly name: 'ready'; readonly until: 0; readonly failure?: undefined; readonly failures?: undefined }
  /** After `failures` failed logins in a row (the backoff grows with them). */
  | { readonly name: 'backing-off'; readonly failure: KrakenError; readonly until: number; readonly failures: number }
  | { readonly name: 'refused'; readonly failure: KrakenError; readonly until: typeof Infinity; readonly failures?: undefined };

const READY: Standing = { name: 'ready', until: 0 };

/**
 * The session's state machine. Its transitions are the methods of LoginSession that assign these fields:
 * adopt (a session obtained or read from the store), succeed, fail (backing-off), refuse, reject a token,
 * begin and end a flight; logout replaces the whole state, so nothing is reset by hand. A flight works on the
 * state it started in: what it does after a logout lands in a state nobody reads (and adopt refuses it).
 */
interface SessionState {
  held?: Session;
  /** The token Kraken called expired (KT-CT-1124): never used again. */
  rejectedToken?: string;
  standing: Standing;
  // Asked once per attempt of every call: made once per session and per flight, so neither a fresh token nor
  // a refresh storm costs a promise, closure or listener per call.
  /** The token the one login or refresh in flight brings, shared by every call waiting for it. */
  flight?: Promise<string> | undefined;
  /** The held session's token, as the promise every call gets. */
  heldToken?: Promise<string>;
}

const initialState = (): SessionState => ({ standing: READY });

const loggedOut = (): KrakenError => authError('The client logged out.');

/**
 * Logs in with credentials and keeps the session fresh: one login or refresh at a time in this process
 * (and, with a store that offers a lease, in the whole fleet); a refusal of the credentials is final
 * until logout; any other failure is tried again after a backoff; a still-valid token is used while a
 * proactive refresh fails.
 */
export function loginTokenSource(input: ObtainTokenInput, options: LoadedSourceOptions): TokenSource {
  return new LoginSession(input, options);
}

class LoginSession implements TokenSource {
  #state = initialState();
  // Kraken issues JWTs: until this client is handed a token that is not one, a stored one that is not was planted.
  #jwtOnly = true;
  /** The login's input (loginWith made it from the credentials). */
  readonly #input: ObtainTokenInput;
  readonly #options: LoadedSourceOptions;
  readonly #now: () => number;
  readonly #store: GuardedStore | undefined;
  readonly #warn: (warning: KrakenError) => void;

  constructor(input: ObtainTokenInput, options: LoadedSourceOptions) {
    this.#input = input;
    this.#options = options;
    // The credentials, every field but the email: kept for the client's life, so that no flood of other secrets (a
    // refresh per hour, a server's made-up tokens) pushes them out of the list redact.ts searches.
    for (const [field, value] of Object.entries(input)) if (field !== 'email') addSecret(options.secrets, value, `login ${field}`);
    this.#now = options.now;
    this.#warn = warnerOf(options.onWarning);
    this.#store =
      options.store &&
      guardStore(options.store, { ...options, warnedAs: warnedAs(options.onWarning) }, this.#warn, (value) => storedSessionProblem(value, options.now(), this.#jwtOnly));
  }

  /** Usable without renewing: not rejected, and outside the refresh skew. */
  #isFresh(session: Session | undefined): session is Session {
    // A token living less than twice the skew would otherwise be refreshed on every request.
    return this.#isValid(session, session && Math.min(this.#options.refreshSkewMs, ((session.tokenExpiresAt ?? 0) - (session.tokenIssuedAt ?? -Infinity)) / 2));
  }

  /** Still accepted by the server (as far as the client knows) `marginMs` from now: by default, though maybe inside the skew. */
  #isValid(session: Session | undefined, marginMs = 0): session is Session {
    const expiresAt = session?.tokenExpiresAt;
    return session !== undefined && session.token !== this.#state.rejectedToken && (expiresAt === undefined || expiresAt - marginMs > this.#now());
  }

  /** Transition: `session` becomes the one held, unless the client logged out since `state`. */
  #adopt(state: SessionState, session: Session): Session {
    if (state !== this.#state) throw loggedOut();
    // A session read from a store is held from now on: its tokens are kept as secrets as an obtained one's are.
    addSecret(this.#options.secrets, session.token, 'token');
    addSecret(this.#options.secrets, session.refreshToken, 'refresh token');
    state.held = session;
    state.heldToken = Promise.resolve(session.token);
    return session;
  }

  /** One obtainKrakenToken: its payload as a session (expiries clamped to sane bounds). */
  async #obtain(input: ObtainTokenInput, previous?: Session): Promise<Session> {
    const { secrets } = this.#options;
    // The refresh token it sends (maybe one read from a store), then the session's new tokens from the moment they
    // arrive, whatever is done with them next: kept while the session holds them (the ones they replace are still searched while recent).
    addSecret(secrets, (input as { refreshToken?: unknown }).refreshToken, 'refresh token');
    const { token, refreshToken, refreshExpiresIn, payload } = (await this.#options.obtainToken(input)) ?? {};
    const now = this.#now();
    addSecret(secrets, token, 'token');
    addSecret(secrets, refreshToken, 'refresh token');
    if (typeof token !== 'string' || token === '') throw authError('obtainKrakenToken returned no token.');
    // Never kept nor stored: every call of every process sharing the store would fail to send it.
    if (!isSendableToken(token)) throw authError('obtainKrakenToken returned a token holding a character an HTTP header cannot carry.');
    const times = tokenTimes(token, payload);
    if (times.expiresAt === undefined && !token.includes('.')) this.#jwtOnly = false;
    // Clamped to sane bounds: an absurd expiry must not reach a store (Redis refuses it) nor outlive any real session.
    const tokenExpiresAt = clampExpiry(times.expiresAt, now);
    if (tokenExpiresAt !== undefined && tokenExpiresAt <= now) throw authError('obtainKrakenToken returned an expired token.');
    return {
      token,
      tokenExpiresAt,
      tokenIssuedAt: times.issuedAt ?? now,
      // Keep what the server returns; fall back to what we had, never extend an expiry ourselves.
      refreshToken: refreshToken ?? previous?.refreshToken,
      refreshExpiresAt: typeof refreshExpiresIn === 'number' ? clampExpiry(refreshExpiresIn * 1000, now) : previous?.refreshExpiresAt,
    };
  }

  /** Refresh with the refresh token while it is valid; when it is refused or expired, one login with the credentials. */
  async #obtainSession(state: SessionState, current: Session | undefined): Promise<Session> {
    const refreshToken = current?.refreshToken;
    let refreshRefused = false;
    // Unless it is known to have expired.
    if (refreshToken !== undefined && !((current?.refreshExpiresAt as number) <= this.#now())) {
      try {
        return await this.#obtain({ refreshToken }, current);
      } catch (error) {
        if (!isCredentialRefusal(error)) throw error;
        refreshRefused = true;
      }
    }

    // A refresh token given as the credential expires with the session: it cannot log in again.
    if (current !== undefined && 'refreshToken' in this.#input) {
      throw this.#refuse(state, authError(`The refresh token ${refreshRefused ? 'was refused' : 'has expired'}: a new login is needed.`));
    }
    // Refused to another process of the fleet lately: not sent again (each process repeating it can lock the account).
    const refusedElsewhere = await this.#store?.sharedRefusal();
    if (refusedElsewhere !== undefined) throw this.#refuse(state, sharedRefusalError(refusedElsewhere));
    try {
      return await this.#obtain(this.#input);
    } catch (error) {
      if (!isCredentialRefusal(error)) throw error;
      // Shared before the lease is released, so that no waiter sends the same credentials.
      await this.#store?.shareRefusal(refusalCode(error));
      throw this.#refuse(state, refusalError(error));
    }
  }

  /** Transition: the credentials were refused (final until logout). */
  #refuse(state: SessionState, failure: KrakenError): KrakenError {
    state.standing = { name: 'refused', failure, until: Infinity };
    return failure;
  }

  /** Calls Kraken, then keeps the session (memory first: a failing store must not cost a login per call). */
  async #obtainAndKeep(state: SessionState, current: Session | undefined): Promise<Session> {
    // obtainToken rejects with the chain's KrakenErrors; anything else is wrapped by the auth step.
    const session = await this.#obtainSession(state, current).catch((failure: KrakenError) => {
      // Transition: a failure other than a refusal (#refuse made that one the standing) backs off (in the state the
      // flight started in: after a logout, nobody reads it).
      if (state.standing.failure !== failure) {
        const failures = (state.standing.failures ?? 0) + 1;
        state.standing = { name: 'backing-off', failure, failures, until: this.#now() + loginBackoffMs(failures, failure.retryAfterMs) };
      }
      throw failure;
    });
    this.#adopt(state, session);
    // Transition: success.
    state.standing = READY;
    await this.#store?.write(session);
    if (state !== this.#state) {
      // logout() cleared the store while this write was on its way: clear it again, after it.
      await this.#store?.clear().catch(() => undefined);
      throw loggedOut();
    }
    try {
      await this.#options.onSession?.(session);
    } catch (cause) {
      this.#warn(storeError('The onSession hook', cause, this.#options.secrets));
    }
    return session;
  }

  /**
   * With a lease: one process calls Kraken; the others wait for the session it writes, and adopt it. After
   * the lease's own TTL a waiter asks how long the lease has left: one no live holder could have set (it never
   * expires, or has far more than a lease's life left: a planted or broken key must not lock the fleet out) ends
   * the wait, and this process logs in itself, once (its other calls share that flight); one a live holder keeps
   * extending is waited on.
   */
  async #renewUnderLease(state: SessionState, guarded: GuardedStore, ttlMs: number, current: Session | undefined): Promise<Session> {
    // Logins usually take a few hundred ms: look early, then back off to one read per maxPollMs (a GET
    // per waiting process, cheap for Redis even for a large fleet).
    const maxPollMs = Math.min(100, Math.max(20, ttlMs / 100));
    let giveUpAt = Date.now() + ttlMs;
    let pollMs = 20;
    for (;;) {
      const lease = await guarded.acquireLease();
      if (lease === undefined) return this.#obtainAndKeep(state, current);
      if (lease !== 'taken') return this.#renewHolding(state, guarded, lease, ttlMs, current);
      if (Date.now() >= giveUpAt) {
        // A lease a live holder keeps extending is waited on; one that never expires (or a store that cannot tell) is
        // not; one that is gone (it expired since the last try) is taken on the next turn, by one waiter only.
        const left = await guarded.leaseExpiresInMs();
        if (left === undefined || !isLiveHoldersLease(left, ttlMs)) return this.#obtainAndKeep(state, current);
        giveUpAt = Date.now() + ttlMs;
        if (left === 0) continue;
      }
      await sleepUnref(Math.min(pollMs * (0.5 + Math.random()), Math.max(1, giveUpAt - Date.now())));
      pollMs = Math.min(maxPollMs, pollMs * 1.5);
      const stored = await guarded.read();
      if (this.#isFresh(stored)) return this.#adopt(state, stored);
    }
  }

  /** Holding the lease: a session another process wrote between our read and our lease wins; else we log in. */
  async #renewHolding(state: SessionState, guarded: GuardedStore, held: HeldLease, ttlMs: number, current: Session | undefined): Promise<Session> {
    const stopKeeping = keepLease(held, ttlMs);
    try {
      const stored = await guarded.read();
      if (this.#isFresh(stored)) return this.#adopt(state, stored);
      return await this.#obtainAndKeep(state, newest(stored, current));
    } finally {
      stopKeeping();
      // Not waited for: the session is ours already, and a store slow to release must not hold the call back
      // (the guard bounds and reports it; at worst the lease expires by itself).
      void held.release();
    }
  }

  /** A flight: a session renewed meanwhile, one another process stored, else a login or refresh (unless refused or backing off). */
  async #renew(state: SessionState): Promise<Session> {
    const held = state.held;
    if (this.#isFresh(held)) return held;
    const store = this.#store;
    const stored = await store?.read();
    // A session another process wrote is preferred to a new login.
    if (this.#isFresh(stored)) return this.#adopt(state, stored);
    // Adopted even inside the skew: while it is valid it is the fallback if the refresh fails, as for a session obtained here.
    if (this.#isValid(stored) && newest(stored, state.held) === stored) this.#adopt(state, stored);
    // Refused: until logout (Infinity); backing off: until its time.
    const { standing } = state;
    if (this.#now() < standing.until) throw standing.failure;
    const current = newest(stored, state.held);
    const ttlMs = store?.leaseTtlMs;
    return store !== undefined && ttlMs !== undefined ? this.#renewUnderLease(state, store, ttlMs, current) : this.#obtainAndKeep(state, current);
  }

  /** Transition: begins the flight unless one is under way; it ends itself (only its own slot is cleared). */
  #renewedToken(): Promise<string> {
    const state = this.#state;
    if (state.flight === undefined) {
      // The session held now: whatever the flight adopts meanwhile is newer (newest() picks it).
      const { held } = state;
      const flight: Promise<string> = this.#renew(state)
        .then(
          (session) => session.token,
          (error: unknown) => {
            // A failed proactive refresh: the current token (never a rejected one) is still good until it expires.
            const fallback = newest(state.held, held);
            if (this.#isValid(fallback)) return fallback.token;
            throw error;
          },
        )
        .finally(() => {
          if (state.flight === flight) state.flight = undefined;
        });
      state.flight = flight;
    }
    return state.flight;
  }

  /** A fired bound is refused by settleWithin; a fresh token is given without looking (the auth step asks with a live one). */
  token(bound?: CallBound): Promise<string> {
    const { held, heldToken } = this.#state;
    return heldToken && this.#isFresh(held) ? heldToken : settleWithin(this.#renewedToken(), bound);
  }

  async tokenRejected(token: string, bound?: CallBound): Promise<string> {
    throwIfBoundFired(bound);
    // Transition: Kraken called this token expired.
    this.#state.rejectedToken = token;
    return settleWithin(this.#renewedToken(), bound);
  }

  async info(): Promise<SessionInfo | undefined> {
    const current = this.#state.held ?? (await this.#store?.read());
    return current && { tokenExpiresAt: current.tokenExpiresAt, refreshExpiresAt: current.refreshExpiresAt };
  }

  /** Transition: a new state (the flight in progress ends for its own callers: adopt drops it); later calls start anew. */
  async logout(): Promise<void> {
    this.#state = initialState();
    await this.#store?.clear();
  }
}

/**
 * Whether a lease with `leftMs` to live can be a live holder's: holders only ever set (and extend to) `ttlMs`, so
 * one with more than twice that left (a day, or no expiry at all) was planted or left by a bug. Twice, not once:
 * room for a fleet member configured with a somewhat longer lease.
 */
function isLiveHoldersLease(leftMs: number, ttlMs: number): boolean {
  return leftMs <= 2 * ttlMs;
}

/** Extends a held lease (when it can be) every third of its life until stopped, or until it is no longer ours. */
function keepLease(held: HeldLease, ttlMs: number): () => void {
  const stop = (): void => clearInterval(timer);
  const timer = setInterval(() => void held.extend?.().then((ours) => ours || stop()), Math.max(1, ttlMs / 3));
  // A pending extension must not keep a process alive that has nothing else to do.
  (timer as { unref?: () => void }).unref?.();
  return stop;
}

/** Resolves after `ms`; the timer never keeps a process alive by itself. */
function sleepUnref(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    (timer as { unref?: () => void }).unref?.();
  });
}
