// The pause in a shared session store (loaded on first need, with a store that offers `pause`): scoped
// like the session (endpoint and identity), bounded in time, and never failing a call: a store that
// fails or hangs counts as "no pause" (the session code already warns about the store).
import { sessionScope } from '../../session/scope.js';
import type { KrakenAuth, LoginCredentials, SessionStore, SessionStorePause } from '../../session/types.js';
import type { PauseGate, SharedPause } from './pause.js';

/** How long a pause read or write may take (ms) before the call goes on without it. */
export const PAUSE_STORE_TIMEOUT_MS = 1000;

function within<T>(work: Promise<T>, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), PAUSE_STORE_TIMEOUT_MS);
    (timer as { unref?: () => void }).unref?.();
    work.then(resolve, () => resolve(fallback)).finally(() => clearTimeout(timer));
  });
}

/** The store's pause for this client's identity (its login credentials, when it has some), guarded; what it reads is held in `gate`. */
export async function sharedPause(store: SessionStore, endpoint: string, auth: KrakenAuth | undefined, gate: PauseGate, now: () => number): Promise<SharedPause> {
  // A fixed token or getToken has no identity to scope by: the store's own pause.
  const credentials = auth === undefined || 'token' in auth || 'getToken' in auth ? undefined : (auth as LoginCredentials);
  let scoped: SessionStorePause | undefined = store.pause;
  if (credentials !== undefined && store.forScope !== undefined) {
    try {
      scoped = store.forScope(await sessionScope(endpoint, credentials)).pause;
    } catch {
      scoped = undefined;
    }
  }
  const pause = scoped;
  let reading: Promise<number | undefined> | undefined;
  const read = async (): Promise<number | undefined> => {
    if (pause === undefined) return undefined;
    const until = await within(Promise.resolve().then(() => pause.get()), undefined);
    return typeof until === 'number' && Number.isFinite(until) ? until : undefined;
  };
  // What the store says is held in memory too (so the next calls need no read until it ends); a pause over is none.
  const held = (until: number | undefined): number | undefined => {
    if (until !== undefined) gate.until = until;
    return gate.until > now() ? gate.until : undefined;
  };
  return {
    // One read in flight: the calls that ask meanwhile share it.
    get: () => (reading ??= read().then(held).finally(() => (reading = undefined))),
    set: async (untilMs) => {
      if (pause !== undefined) await within(Promise.resolve().then(() => pause.set(untilMs)), undefined);
    },
  };
}
