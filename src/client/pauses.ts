// The rate-limit pauses of one client, by identity (session/identity.ts): the ones it met itself held in
// memory, and in the session store when it shares pauses (shared-pauses.ts, loaded then: read on each call
// while none is held here, scoped like the session, judged and never copied into memory: issue 28.4).
import { createCallAbort, onAbortOf } from '../core/abort.js';
import { onFirstNeed, preloadInNode } from '../core/runtime.js';
import type { KrakenError } from '../core/errors.js';
import type { Identity } from '../session/identity.js';
import type { SessionStore } from '../session/types.js';
import type { CallState } from './chain.js';

/** Longest pause a server's word sets (Kraken's allowance window is an hour): a wrong or absurd value is clamped to it. */
export const MAX_PAUSE_MS = 3_600_000;
/** Identities whose pause is held in memory at most (the oldest go first). */
const MAX_HELD = 1024;

export interface Pauses {
  /** Epoch ms until which the identity must not send, or undefined (a promise while the store is read, within `call`'s bound). */
  held(identity: Identity, call: CallState): number | undefined | Promise<number | undefined>;
  /** Records a pause (the server's latest word wins); never rejects. */
  record(identity: Identity, untilMs: number): Promise<void>;
}

/**
 * `own`: the client's identity, whose scope is hashed now when the store shares pauses (a first call then waits for no
 * hash); `timeoutMs`: the client's, which bounds an attempt's wait for the store's pause too.
 */
export function createPauses(store: SessionStore | undefined, now: () => number, own: Identity | undefined, warn: ((warning: KrakenError) => void) | undefined, timeoutMs: number): Pauses {
  const memory = new Map<string, number>();
  const hold = (identity: Identity, until: number): void => {
    memory.delete(identity.key);
    memory.set(identity.key, until);
    if (memory.size > MAX_HELD) memory.delete(memory.keys().next().value as string);
  };
  const shareable = store?.pause === undefined ? undefined : store;
  const shared = shareable && onFirstNeed(() => import('./shared-pauses.js').then((module) => module.sharedPauses(shareable, now, warn, timeoutMs, { boundOf: createCallAbort, onAbortOf })));
  if (shared !== undefined) {
    preloadInNode(shared);
    own?.scope?.().catch(() => undefined);
  }
  return {
    held: (identity, call) => {
      const until = memory.get(identity.key);
      if (until !== undefined && until > now()) return until;
      return shared?.().then(
        (pauses) => pauses.read(identity, call),
        () => undefined,
      );
    },
    record: async (identity, untilMs) => {
      hold(identity, untilMs);
      await shared?.().then((pauses) => pauses.write(identity, untilMs), () => undefined);
    },
  };
}
