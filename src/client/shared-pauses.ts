// The pauses a session store shares (loaded with the first client whose store offers `pause`): scoped like
// the session (the identity's scope), one read in flight per identity, each judged (session/pause-bounds.ts,
// issue 28.4: clamped to the hour from now, junk is no pause with one warning, a store that fails or hangs is
// no pause) and read again on each call, never kept.
import type { CallAbort, createCallAbort, onAbortOf } from '../core/abort.js';
import { KrakenError } from '../core/errors.js';
import { warnedAs, warnerOf } from '../session/guarded-store.js';
import type { Identity } from '../session/identity.js';
import { judgedPause } from '../session/pause-bounds.js';
import { pauseCommands, pauseUnanswered, withTimeout } from '../session/bounded.js';
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

/** What bounds a call's attempt and how to wait on its signal (core/abort.ts, handed in by pauses.ts). */
export interface AbortTools {
  readonly boundOf: typeof createCallAbort;
  readonly onAbortOf: typeof onAbortOf;
}

/** `timeoutMs`, `abortTools`: the client's timeout, which bounds each attempt from the moment its pause is read. */
export function sharedPauses(store: SessionStore, now: () => number, onWarning: ((warning: KrakenError) => void) | undefined, timeoutMs: number, abortTools: AbortTools) {
  const scoped = new Map<string, Promise<SessionStorePause | undefined>>();
  const reading = new Map<string, Promise<number | undefined>>();
  // Identities whose pause read as junk: one warning until a sane read.
  const warned = new Set<string>();
  const warn = warnerOf(onWarning);
  // A read or write may take 1 s; one that fails or hangs is no pause. A failure is the session guard's to report; a
  // hang is told once (by whichever meets it first: a warm client's calls read only the pause).
  // Before a login client guards the store: within 1 s, and a failure or hang noted for its guard to start from.
  const unguarded = <T>(work: () => Promise<T>): Promise<T | undefined> =>
    withTimeout(work, 1000, true).then((value) => (pauseUnanswered.delete(store), value), () => void pauseUnanswered.add(store));
  const bounded = <T>(work: () => Promise<T>): Promise<T | undefined> => (pauseCommands.get(store) ?? unguarded)(work, warnedAs(onWarning), warn);
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
     * for within the attempt's bound.
     */
    read: (identity: Identity, call: CallState): Promise<number | undefined> =>
      withinAttempt(
        once(reading, identity.key, () => read(identity).finally(() => reading.delete(identity.key))),
        call,
        abortTools.boundOf(call.requestOptions?.signal, timeoutMs),
        timeoutMs,
        abortTools.onAbortOf,
      ),
    /** Records a pause until `untilMs`; a failure or hang is let go (the pause still holds in this process). */
    write: async (identity: Identity, untilMs: number): Promise<void> => {
      const pause = await pauseOf(identity);
      await (pause && bounded(() => pause.set(untilMs)));
    },
  };
}

/**
 * `read`, or no pause known once half the attempt's time is gone (the rest is the request's) or its bound (the
 * caller's signal, the client's timeout) fires. That bound starts here and the timeout step goes on with it
 * (call.abort), so the attempt ends within timeoutMs, the read included; an attempt a pause holds back (the pause
 * step rejects it before the timeout step) drops it.
 */
function withinAttempt(read: Promise<number | undefined>, call: CallState, abort: CallAbort, timeoutMs: number, onAbortOf: AbortTools['onAbortOf']): Promise<number | undefined> {
  const { signal } = abort;
  if (signal === undefined) return read;
  return new Promise<number | undefined>((resolve) => {
    const stop = (): void => resolve(undefined);
    const late = setTimeout(stop, timeoutMs / 2 || 1e9);
    // One listener per signal whatever the calls sharing it (a cohort's serves up to 64).
    const unsubscribe = signal.aborted ? (stop(), undefined) : onAbortOf(signal, stop);
    read.then(resolve, stop).finally(() => (unsubscribe?.(), clearTimeout(late)));
  }).then((until) => {
    if ((until as number) > call.now()) abort.dispose();
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
