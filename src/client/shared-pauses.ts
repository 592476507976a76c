// The pauses a session store shares (loaded with the first client whose store offers `pause`): scoped like
// the session (the identity's scope), one read in flight per identity, each judged (session/pause-bounds.ts,
// issue 28.4: clamped to the hour from now, junk is no pause with one warning, a store that fails or hangs is
// no pause) and read again on each call, never kept.
import { KrakenError } from '../core/errors.js';
import { withTimeout } from '../session/bounded.js';
import { warnerOf } from '../session/guarded-store.js';
import type { Identity } from '../session/identity.js';
import { judgedPause } from '../session/pause-bounds.js';
import type { SessionStore, SessionStorePause } from '../session/types.js';

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

export function sharedPauses(store: SessionStore, now: () => number, onWarning: ((warning: KrakenError) => void) | undefined) {
  const scoped = new Map<string, Promise<SessionStorePause | undefined>>();
  const reading = new Map<string, Promise<number | undefined>>();
  // Identities whose pause read as junk: one warning until a sane read.
  const warned = new Set<string>();
  const warn = warnerOf(onWarning);
  // A read or write may take 1 s; one that fails or hangs is no pause, without a warning of its own (the session's guard reports the outage).
  const bounded = <T>(work: () => Promise<T>): Promise<T | undefined> => withTimeout(work, 1000, true).catch(() => undefined);
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
    /** The stored end of the identity's pause (one read in flight per identity: calls asking meanwhile share it). */
    read: (identity: Identity): Promise<number | undefined> =>
      once(reading, identity.key, () => read(identity).finally(() => reading.delete(identity.key))),
    /** Records a pause until `untilMs`; a failure or hang is let go (the pause still holds in this process). */
    write: async (identity: Identity, untilMs: number): Promise<void> => {
      const pause = await pauseOf(identity);
      await (pause && bounded(() => pause.set(untilMs)));
    },
  };
}

/** The value `map` holds for `key`, made and kept on first need. */
function once<T>(map: Map<string, T>, key: string, make: () => T): T {
  let found = map.get(key);
  if (found === undefined) map.set(key, (found = make()));
  return found;
}
