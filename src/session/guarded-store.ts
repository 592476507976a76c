import { publishError } from '../core/errors.js';
import type { KrakenError } from '../core/errors.js';
import { addSecret, redactedError } from '../core/redact.js';
import type { Secrets } from '../core/redact.js';
import { pauseCommands } from './bounded.js';
import { storeCommand, StoreNotAnswering, tellHangOnce } from './store-health.js';
import type { TokenSourceOptions } from './token-source-types.js';
import type { HeldLease, Session, SessionScope, SessionStore } from './types.js';


/** The lease, held; `taken` by another process; or undefined: none to be had (the store offers none, or failed). */
export type LeaseOutcome = HeldLease | 'taken' | undefined;

/**
 * The user's store as the token source uses it: every failure or hang becomes a `store` KrakenError
 * (cause kept), reported once per outage; reads and writes never reject, so calls go on with the
 * in-memory session.
 */
export interface GuardedStore {
  /** The stored session; undefined when there is none or the store could not be read. */
  read(): Promise<Session | undefined>;
  write(session: Session): Promise<void>;
  /** Forgets the stored session; rejects with a `store` error (logout must not pretend). */
  clear(): Promise<void>;
  /** Whether the store offers a lease (and how long one lasts). */
  readonly leaseTtlMs: number | undefined;
  acquireLease(): Promise<LeaseOutcome>;
  /**
   * How long the current lease has left (ms; Infinity: it never expires; 0: none is held, so it can be taken),
   * or undefined when the store cannot tell (no `expiresInMs`, or it failed).
   */
  leaseExpiresInMs(): Promise<number | undefined>;
  /** The code of a refusal of these credentials another process recorded lately, or undefined (none, or the store cannot say). */
  sharedRefusal(): Promise<string | undefined>;
  /** Records a refusal of these credentials for the fleet (REFUSAL_SHARED_MS); never rejects. */
  shareRefusal(code: string): Promise<void>;
}

/** How long a refusal of the credentials is shared (ms): long enough for a fleet's waiting processes, short enough to retry after a fix. */
export const REFUSAL_SHARED_MS = 60_000;
/** What a refusal's code looks like; anything else read from the store is no refusal. */
const REFUSAL_CODE = /^KT-CT-\d{4}$/;

/**
 * What the guard takes from the token source's options: the identity's scope, the store timeout, the secrets taken
 * out of warnings (a store's failure may repeat the session it was given); `warnedAs`: who a hang is told to once
 * (the client's onWarning: its shared pauses tell the same hang).
 */
export type GuardOptions = Pick<TokenSourceOptions, 'scope' | 'storeTimeoutMs' | 'secrets'> & { readonly warnedAs: unknown };

/** Who a client's warnings go to, as a key: its onWarning, or the console's for every client without one. */
export const warnedAs = (onWarning: ((warning: KrakenError) => void) | undefined): unknown => onWarning ?? console;

/** The user's `onWarning` (default: console.warn); each warning is published on `kraken-sdk:error` too, once, as a failed call's error is. */
export function warnerOf(onWarning: ((warning: KrakenError) => void) | undefined): (warning: KrakenError) => void {
  return (warning) => {
    publishError(warning);
    (onWarning ?? ((warned) => console.warn(`kraken-sdk: ${warned.message}`)))(warning);
  };
}

/** A failure of the user's store or hook (`what`) as a `store` warning, secrets taken out. */
export function storeError(what: string, cause: unknown, secrets: Secrets | undefined): KrakenError {
  return redactedError({ kind: 'store', message: `${what} failed: ${cause instanceof Error ? cause.message : String(cause)}.`, cause }, secrets);
}

/** How the guard runs the store's operations: each bounded (store-health.ts: skipped while the store hangs), each failure reported once per outage. */
interface StoreRunner {
  /** `run` on the scoped store, bounded; rejects with the `store` error it reported. */
  attempt<T>(operation: string, run: (store: SessionStore) => Promise<T>): Promise<T>;
  report(operation: string, cause: unknown): KrakenError;
  bounded<T>(work: () => Promise<T>): Promise<T>;
}

function storeRunner(given: SessionStore, options: GuardOptions, warn: (warning: KrakenError) => void): StoreRunner {
  // How long one store operation may take (ms) before the client goes on without it.
  const timeoutMs = options.storeTimeoutMs ?? 2000;
  let scoped: Promise<SessionStore> | undefined;
  let failing = false;
  // The pause's reads and writes (shared-pauses.ts) then skip a hung store too, and tell its hang once.
  pauseCommands.set(given, (work, who, warnPause) =>
    storeCommand(given, work, 1000).catch((cause: unknown) => {
      if (cause instanceof StoreNotAnswering) tellHangOnce(given, who, () => warnPause(storeError('The session store (pause)', cause, options.secrets)));
      return undefined;
    }),
  );
  const scopedStore = (): Promise<SessionStore> =>
    (scoped ??= given.forScope === undefined ? Promise.resolve(given) : (options.scope as () => Promise<SessionScope>)().then((scope) => given.forScope?.(scope) ?? given));
  /** A failure as the `store` error it is, told once per outage (not once per call; a hang once per client, the pauses' reads included). */
  const report = (operation: string, cause: unknown): KrakenError => {
    const error = storeError(`The session store (${operation})`, cause, options.secrets);
    if (!failing) {
      if (cause instanceof StoreNotAnswering) tellHangOnce(given, options.warnedAs, () => warn(error));
      else warn(error);
    }
    failing = true;
    return error;
  };
  return {
    report,
    bounded: (work) => storeCommand(given, work, timeoutMs),
    attempt: async (operation, run) => {
      try {
        const store = await scopedStore();
        const result = await storeCommand(given, () => run(store), timeoutMs, operation !== 'lease.acquire');
        // Only reading or writing the session proves the store works again (a lease alone does not).
        if (operation.startsWith('store.')) failing = false;
        return result;
      } catch (cause) {
        throw report(operation, cause);
      }
    },
  };
}

/**
 * `warn`: told once per outage. `problemOf`: why a value read from the store cannot be trusted as a session
 * (it is then treated as absent, with a warning).
 */
export function guardStore(given: SessionStore, options: GuardOptions, warn: (warning: KrakenError) => void, problemOf: (value: unknown) => string | undefined): GuardedStore {
  // The client gives every login identity a scope.
  const scope = options.scope as () => Promise<SessionScope>;
  const { attempt, report, bounded } = storeRunner(given, options, warn);
  const identityOf = (): Promise<string | undefined> => scope().then((scope) => scope.identity, () => undefined);
  // A session another identity wrote is someone else's: never adopted. An untagged one (written by an earlier
  // version) is trusted only from a store that scopes by itself.
  const belongsHere = async (session: Session): Promise<boolean> =>
    session.identity === undefined ? given.forScope !== undefined : session.identity === (await identityOf());

  return {
    read: () =>
      attempt('store.get', async (store) => {
        const session = await store.get();
        if (session === undefined || session === null) return undefined;
        const problem = problemOf(session);
        if (problem !== undefined) throw new TypeError(`untrusted session: ${problem}`);
        if (!(await belongsHere(session as Session))) return undefined;
        // Secrets from the moment they are read, adopted or not (its refresh token may be sent).
        addSecret(options.secrets, (session as Session).token);
        addSecret(options.secrets, (session as Session).refreshToken);
        return session as Session;
      }).catch(() => undefined),
    write: (session) =>
      attempt('store.set', async (store) => store.set({ ...session, identity: await identityOf() })).catch(() => undefined),
    clear: () => attempt('store.set', (store) => store.set(undefined)),
    leaseTtlMs: given.lease?.ttlMs,
    leaseExpiresInMs: () =>
      attempt('lease.expiresInMs', async (store) => {
        const lease = store.lease ?? given.lease;
        return lease?.expiresInMs && ((await lease.expiresInMs()) ?? 0);
      }).catch(() => undefined),
    // Only a store that scopes keeps it: an unscoped one would share one identity's refusal with every other.
    sharedRefusal: () =>
      attempt('refusal.get', async (store) => {
        const code = given.forScope && (await store.refusal?.get());
        return typeof code === 'string' && REFUSAL_CODE.test(code) ? code : undefined;
      }).catch(() => undefined),
    shareRefusal: (code) =>
      attempt('refusal.set', async (store) => void (given.forScope && (await store.refusal?.set(code, REFUSAL_SHARED_MS)))).catch(() => undefined),
    acquireLease: () =>
      attempt('lease.acquire', async (store): Promise<LeaseOutcome> => {
        const lease = store.lease ?? given.lease;
        const held = await lease?.acquire();
        return held === undefined ? lease && 'taken' : guardLease(held, bounded, report);
      }).catch(() => undefined),
  };
}

/**
 * A release or extension that fails or does not answer (`bounded`: as every store operation) only costs the lease's
 * own expiry; it is reported, never thrown.
 */
function guardLease(held: HeldLease, bounded: <T>(work: () => Promise<T>) => Promise<T>, report: (operation: string, cause: unknown) => unknown): HeldLease {
  const { extend } = held;
  const reported = <T>(operation: string, work: () => Promise<T>, failed?: T): Promise<T | undefined> =>
    bounded(work).catch((cause: unknown) => (report(operation, cause), failed));
  return {
    release: () => reported('lease.release', () => held.release()) as Promise<void>,
    ...(extend && { extend: () => reported('lease.extend', () => extend.call(held), false) as Promise<boolean> }),
  };
}
