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

/** The store's pause as a client uses it: never rejects, never holds calls back longer than the documented hour. */
interface GuardedPause {
  /** The pause's end (epoch ms, within the hour from now), or undefined: none, unreadable in time, or not to be trusted. */
  read(): Promise<number | undefined>;
  /** Records a pause until `untilMs`; a failure or hang is let go (the pause still holds in this process). */
  write(untilMs: number): Promise<void>;
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

export function sharedPauses(store: SessionStore, now: () => number, onWarning: ((warning: KrakenError) => void) | undefined) {
  const scoped = new Map<string, Promise<GuardedPause | undefined>>();
  const reading = new Map<string, Promise<number | undefined>>();
  const warn = warnerOf(onWarning);
  // A read or write may take 1 s; one that fails or hangs is no pause, without a warning of its own (the session's guard reports the outage).
  const bounded = <T>(work: () => Promise<T>): Promise<T | undefined> => withTimeout(work, 1000, true).catch(() => undefined);
  /** What it reads is judged (pause-bounds.ts) and read again each time, never kept: junk is no pause, with one warning until a sane read. */
  const guard = (pause: SessionStorePause | undefined): GuardedPause | undefined => {
    let warned = false;
    return (
      pause && {
        read: async () => {
          const judged = judgedPause(await bounded(() => pause.get()), now());
          if (typeof judged !== 'string') {
            warned = false;
            return judged;
          }
          if (!warned) warn(new KrakenError({ kind: 'store', message: `The session store's rate-limit pause is ${judged}: treated as none.` }));
          warned = true;
          return undefined;
        },
        write: async (untilMs) => void (await bounded(() => pause.set(untilMs))),
      }
    );
  };
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
