// The pause in a shared session store (loaded on first need, with a store that offers `pause`): scoped
// like the session (endpoint and identity), bounded in time, and never failing a call: a store that
// fails or hangs counts as "no pause" (the session code already warns about the store).
import type { KrakenError } from '../../core/errors.js';
import { guardPause } from '../../session/guarded-store.js';
import { sessionScope } from '../../session/scope.js';
import type { KrakenAuth, LoginCredentials, SessionStore, SessionStorePause } from '../../session/types.js';
import type { SharedPause } from './pause.js';

/** How long a pause read or write may take (ms) before the call goes on without it. */
export const PAUSE_STORE_TIMEOUT_MS = 1000;

const defaultWarn = (warning: KrakenError): void => console.warn(`kraken-sdk: ${warning.message}`);

/** The store's pause for this client's identity (its login credentials, when it has some), guarded (issue 28.4: judged, re-read, never kept). */
export async function sharedPause(
  store: SessionStore,
  endpoint: string,
  auth: KrakenAuth | undefined,
  now: () => number,
  warn: ((warning: KrakenError) => void) | undefined,
): Promise<SharedPause> {
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
  // Issue 28.4: what the store says is read again on each call, not copied into the client's gate (a pause
  // that ends or is lifted there ends here too); the gate holds only the pauses this client met itself.
  const guarded = scoped === undefined ? undefined : guardPause(scoped, { now, timeoutMs: PAUSE_STORE_TIMEOUT_MS, warn: warn ?? defaultWarn });
  let reading: Promise<number | undefined> | undefined;
  return {
    // One read in flight: the calls that ask meanwhile share it.
    get: () => (reading ??= (guarded?.read() ?? Promise.resolve(undefined)).finally(() => (reading = undefined))),
    set: async (untilMs) => {
      await guarded?.write(untilMs);
    },
  };
}
