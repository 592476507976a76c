// The pauses a session store shares (loaded with the first client whose store offers `pause`): scoped like
// the session (the identity's scope), one read in flight per identity, each judged (session/pause-bounds.ts,
// issue 28.4: clamped to the hour from now, junk is no pause with one warning, a store that fails or hangs is
// no pause) and read again on each call, never kept.
import type { CallAbort } from '../core/abort.js';
import { KrakenError } from '../core/errors.js';
import { storeError, warnedAs, warnerOf } from '../session/guarded-store.js';
import type { Identity } from '../session/identity.js';
import { judgedPause } from '../session/pause-bounds.js';
import { healthOf, StoreNotAnswering } from '../session/store-health.js';
import type { SessionStore, SessionStorePause } from '../session/types.js';
import type { CallState } from './chain.js';

/**
 * The store's pause for an identity: scoped when the store is, else the store's own for the client's identity only.
 * An identity without a scope (no auth, `getToken`) has nothing the store could tell apart: its pause stays in memory.
 */
async function storePauseOf(store: SessionStore, identity: Identity): Promise<SessionStorePause | undefined> {
  if (identity.scope === undefined) return undefined;
  if (store.forScope === undefined) return identity.own ? store.pause : undefined;
  try {
    return store.forScope(await identity.scope()).pause;
  } catch {
    return undefined;
  }
}

/** What bounds a call's attempt (createCallAbort, handed in: imported here it would leave the up-front chunk), and the client's timeout. */
type AttemptBound = (callerSignal: AbortSignal | undefined, timeoutMs: number) => CallAbort;

/** `timeoutMs`, `boundOf`: the client's timeout, which bounds each attempt from the moment its pause is read. */
export function sharedPauses(store: SessionStore, now: () => number, onWarning: ((warning: KrakenError) => void) | undefined, timeoutMs: number, boundOf: AttemptBound) {
  const scoped = new Map<string, Promise<SessionStorePause | undefined>>();
  const reading = new Map<string, Promise<number | undefined>>();
  // Identities whose pause read as junk: one warning until a sane read.
  const warned = new Set<string>();
  const warn = warnerOf(onWarning);
  const health = healthOf(store);
  // A read or write may take 1 s; one that fails or hangs is no pause. A failure is the session guard's to report; a
  // hang is told once (by whichever meets it first: a warm client's calls read only the pause).
  const bounded = <T>(work: () => Promise<T>): Promise<T | undefined> =>
    health.run(work, 1000, { unref: true }).catch((cause: unknown) => {
      if (cause instanceof StoreNotAnswering) health.reportHang(warnedAs(onWarning), () => warn(storeError('The session store (pause)', cause, undefined)));
      return undefined;
    });
  const pauseOf = (identity: Identity): Promise<SessionStorePause | undefined> => once(scoped, identity.key, () => storePauseOf(store, identity));
  /** What it reads is judged (pause-bounds.ts) and read again each time, never kept. */
  const read = async (identity: Identity): Promise<number | undefined> => {
    const pause = await pauseOf(identity);
    const judged = pause && judgedPause(await bounded(() => pause.get()), now());
    if (typeof judged !== 'string') {
      warned.delete(identity.key);
      return judged;
    }
    if (!warned.has(identity.key)) warn(new KrakenError({ kind: 'store', message: `The session store's rate-limit pause is ${judged}: treated as none.` }));
    warned.add(identity.key);
    return undefined;
  };
  return {
    /**
     * The stored end of the identity's pause (one read in flight per identity: calls asking meanwhile share it), waited
     * for within the attempt's bound when `call` is given.
     */
    read: (identity: Identity, call?: CallState): Promise<number | undefined> => {
      const shared = once(reading, identity.key, () => read(identity).finally(() => reading.delete(identity.key)));
      return call ? withinAttempt(shared, call, boundOf(call.requestOptions?.signal, timeoutMs), timeoutMs) : shared;
    },
    /** Records a pause until `untilMs`; a failure or hang is let go (the pause still holds in this process). */
    write: async (identity: Identity, untilMs: number): Promise<void> => {
      const pause = await pauseOf(identity);
      await (pause && bounded(() => pause.set(untilMs)));
    },
  };
}

/** Shared reads a call has given up waiting for. */
const overdue = new WeakSet<Promise<unknown>>();

/**
 * `read`, or no pause known once half the attempt's time is gone (the rest is the request's) or its bound (the
 * caller's signal, the client's timeout) fires. That bound starts here and the timeout step goes on with it
 * (call.abort), so the attempt ends within timeoutMs, the read included; an attempt a pause holds back (the pause
 * step rejects it before the timeout step) drops it.
 */
function withinAttempt(read: Promise<number | undefined>, call: CallState, abort: CallAbort, timeoutMs: number): Promise<number | undefined> {
  const { signal } = abort;
  if (signal === undefined) return read;
  return new Promise<number | undefined>((resolve) => {
    // A read an earlier call gave up on is not waited for again: one wait per outage, not one per call.
    if (signal.aborted || overdue.has(read)) resolve(undefined);
    const fired = (): void => resolve(undefined);
    signal.addEventListener('abort', fired, { once: true });
    const halfTime = timeoutMs > 0 ? setTimeout(() => (overdue.add(read), resolve(undefined)), timeoutMs / 2) : undefined;
    read.then(resolve, fired).finally(() => (signal.removeEventListener('abort', fired), clearTimeout(halfTime)));
  }).then((until) => {
    const holdsBack = until !== undefined && until > call.waitedUntil && until > call.now();
    if (holdsBack) abort.dispose();
    else call.abort = abort;
    return until;
  });
}

/** The value `map` holds for `key`, made and kept on first need. */
function once<T>(map: Map<string, T>, key: string, make: () => T): T {
  let found = map.get(key);
  if (found === undefined) map.set(key, (found = make()));
  return found;
}
