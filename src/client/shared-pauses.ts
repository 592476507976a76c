// The pauses a session store shares (loaded with the first client whose store offers `pause`): scoped like
// the session (the identity's scope), bounded in time, one read in flight per identity; a store that fails
// or hangs counts as "no pause".
import type { Identity } from '../session/identity.js';
import type { SessionStore, SessionStorePause } from '../session/types.js';

/** How long a pause read or write may take (ms) before the call goes on without it. */
export const PAUSE_STORE_TIMEOUT_MS = 1000;

function within<T>(work: () => Promise<T>, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), PAUSE_STORE_TIMEOUT_MS);
    (timer as { unref?: () => void }).unref?.();
    Promise.resolve()
      .then(work)
      .then(resolve, () => resolve(fallback))
      .finally(() => clearTimeout(timer));
  });
}

/** The store's pause for an identity: scoped when the store is (and the identity has a scope), else the store's own for the client's identity only. */
async function storePauseOf(store: SessionStore, identity: Identity): Promise<SessionStorePause | undefined> {
  if (store.forScope === undefined || identity.scope === undefined) return identity.own ? store.pause : undefined;
  try {
    return store.forScope(await identity.scope()).pause;
  } catch {
    return undefined;
  }
}

export function sharedPauses(store: SessionStore) {
  const scoped = new Map<string, Promise<SessionStorePause | undefined>>();
  const reading = new Map<string, Promise<number | undefined>>();
  const pauseOf = (identity: Identity): Promise<SessionStorePause | undefined> => {
    let found = scoped.get(identity.key);
    if (found === undefined) scoped.set(identity.key, (found = storePauseOf(store, identity)));
    return found;
  };
  const read = async (identity: Identity): Promise<number | undefined> => {
    const pause = await pauseOf(identity);
    const until = pause === undefined ? undefined : await within(() => pause.get(), undefined);
    return typeof until === 'number' && Number.isFinite(until) ? until : undefined;
  };
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
      const pause = await pauseOf(identity);
      if (pause !== undefined) await within(() => pause.set(untilMs), undefined);
    },
  };
}
