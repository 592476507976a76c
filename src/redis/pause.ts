// The identity's rate-limit pause in Redis (issue 28.4): stored as the duration the server asked for,
// expiring with it (PX), and read back as what Redis says is left of it. No member's clock enters what is
// stored, so a member whose clock runs ahead cannot stretch the fleet's pause.
import { MAX_PAUSE_MS } from '../session/pause-bounds.js';
import type { SessionStorePause } from '../session/types.js';
import type { RunCommand } from './commands.js';

// The stored duration and what is left of it, in one step on one key (a cluster runs it on the key's node).
const READ_PAUSE_SCRIPT = "return {redis.call('get', KEYS[1]), redis.call('pttl', KEYS[1])}";

/** A duration this store writes: a whole number of ms (not "1e16", not "12.5"). */
const WHOLE_MS = /^[0-9]{1,16}$/;

export function redisPause(run: RunCommand, keyOf: () => Promise<string>, now: () => number): SessionStorePause {
  return {
    // What Redis holds, in this process's clock; the client judges it (pause-bounds.ts): a key without expiry
    // is a pause without end (Infinity), a value this store would not write is not a time (NaN).
    get: async () => {
      const key = await keyOf();
      const [stored, leftMs] = (await run(key, ['EVAL', READ_PAUSE_SCRIPT, '1', key])) as [unknown, unknown];
      if (stored === null || stored === undefined) return undefined;
      if (typeof stored !== 'string' || !WHOLE_MS.test(stored)) return Number.NaN;
      if (leftMs === -1) return Number.POSITIVE_INFINITY;
      return typeof leftMs === 'number' && leftMs > 0 ? now() + leftMs : undefined;
    },
    // At most the documented hour, whatever the server said; a pause already over removes the key.
    set: async (untilMs) => {
      const key = await keyOf();
      const durationMs = Math.min(MAX_PAUSE_MS, Math.ceil(untilMs - now()));
      if (Number.isNaN(durationMs)) return;
      await run(key, durationMs > 0 ? ['SET', key, String(durationMs), 'PX', String(durationMs)] : ['DEL', key]);
    },
  };
}
