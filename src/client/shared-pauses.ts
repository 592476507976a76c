// The pauses a session store shares (loaded with the first client whose store offers `pause`): scoped like
// the session (the identity's scope), one read in flight per identity, each judged by the store's guard
// (session/guarded-store.ts, issue 28.4: clamped to the hour from now, junk is no pause with one warning,
// a store that fails or hangs is no pause) and read again on each call, never kept.
import type { KrakenError } from '../core/errors.js';
import { guardPause, warnerOf } from '../session/guarded-store.js';
import type { GuardedPause } from '../session/guarded-store.js';
import type { Identity } from '../session/identity.js';
import type { SessionStore, SessionStorePause } from '../session/types.js';


/** The store's pause for an identity: scoped when the store is (and the identity has a scope), else the store's own for the client's identity only. */
async function storePauseOf(store: SessionStore, identity: Identity): Promise<SessionStorePause | undefined> {
  if (store.forScope === undefined || identity.scope === undefined) return identity.own ? store.pause : undefined;
  try {
    return store.forScope(await identity.scope()).pause;
  } catch {
    return undefined;
  }
}

export function sharedPauses(store: SessionStore, now: () => number, warn: ((warning: KrakenError) => void) | undefined) {
  const scoped = new Map<string, Promise<GuardedPause | undefined>>();
  const reading = new Map<string, Promise<number | undefined>>();
  // A pause read or write may take 1 s before the call goes on without it.
  const guarding = { now, timeoutMs: 1000, warn: warnerOf(warn) };
  const guard = (pause: SessionStorePause | undefined): GuardedPause | undefined => pause && guardPause(pause, guarding);
  const pauseOf = (identity: Identity): Promise<GuardedPause | undefined> => {
    let found = scoped.get(identity.key);
    if (found === undefined) scoped.set(identity.key, (found = storePauseOf(store, identity).then(guard)));
    return found;
  };
  const read = async (identity: Identity): Promise<number | undefined> => (await pauseOf(identity))?.read();
  return {
    /** The stored end of the identity's pause (one read in flight per identity: calls asking meanwhile share it). */
    read: (identity: Identity): Promise<number | undefined> => {
      let pending = reading.get(identity.key);
      if (pending === undefined) {
        pending = read(identity).finally(() => reading.delete(identity.key));
        reading.set(identity.key, pending);
      }
      return pending;
    },
    write: async (identity: Identity, untilMs: number): Promise<void> => {
      await (await pauseOf(identity))?.write(untilMs);
    },
  };
}
