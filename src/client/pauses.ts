// The rate-limit pauses of one client, by identity (session/identity.ts): held in memory, and in the
// session store when it shares pauses (read on each call while none is held, one read in flight per
// identity; scoped like the session). A store that fails or hangs counts as "no pause".
import type { Identity } from '../session/identity.js';
import type { SessionStore, SessionStorePause } from '../session/types.js';

/** Longest pause a server's word sets (Kraken's allowance window is an hour): a wrong or absurd value is clamped to it. */
export const MAX_PAUSE_MS = 3_600_000;
/** How long a pause read or write may take (ms) before the call goes on without it. */
export const PAUSE_STORE_TIMEOUT_MS = 1000;
/** Identities whose pause is held in memory at most (the oldest go first). */
const MAX_HELD = 1024;

export interface Pauses {
  /** Epoch ms until which the identity must not send, or undefined (a promise while the store is read). */
  held(identity: Identity): number | undefined | Promise<number | undefined>;
  /** Records a pause (the server's latest word wins); never rejects. */
  record(identity: Identity, untilMs: number): Promise<void>;
}

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

/** `own`: the client's identity, whose scope is hashed now when the store shares pauses (a first call then waits for no hash). */
export function createPauses(store: SessionStore | undefined, now: () => number, own?: Identity): Pauses {
  if (store?.pause !== undefined) own?.scope?.().catch(() => undefined);
  const memory = new Map<string, number>();
  const reading = new Map<string, Promise<number | undefined>>();
  const shared = new Map<string, Promise<SessionStorePause | undefined>>();
  const hold = (identity: Identity, until: number): void => {
    memory.delete(identity.key);
    memory.set(identity.key, until);
    if (memory.size > MAX_HELD) memory.delete(memory.keys().next().value as string);
  };
  const sharedOf = (identity: Identity): Promise<SessionStorePause | undefined> | undefined => {
    if (store?.pause === undefined) return undefined;
    let found = shared.get(identity.key);
    if (found === undefined) shared.set(identity.key, (found = storePauseOf(store, identity)));
    return found;
  };
  const read = async (identity: Identity, pause: Promise<SessionStorePause | undefined>): Promise<number | undefined> => {
    const scoped = await pause;
    const until = scoped === undefined ? undefined : await within(() => scoped.get(), undefined);
    if (typeof until === 'number' && Number.isFinite(until) && until > now()) {
      hold(identity, until);
      return until;
    }
    return undefined;
  };
  return {
    held: (identity) => {
      const until = memory.get(identity.key);
      if (until !== undefined && until > now()) return until;
      const pause = sharedOf(identity);
      if (pause === undefined) return undefined;
      let pending = reading.get(identity.key);
      if (pending === undefined) {
        pending = read(identity, pause).finally(() => reading.delete(identity.key));
        reading.set(identity.key, pending);
      }
      return pending;
    },
    record: async (identity, untilMs) => {
      hold(identity, untilMs);
      const pause = await sharedOf(identity);
      if (pause !== undefined) await within(() => pause.set(untilMs), undefined);
    },
  };
}
