// Step: the identity's rate-limit pause. Before an attempt: while a pause this call has not waited out
// lasts, nothing is sent. After: a pause the server announced is recorded for the identity.
import { KrakenError } from '../../core/errors.js';
import { onFirstNeed } from '../../core/runtime.js';
import type { Answer, CallState, Next, Step } from '../chain.js';
import { MAX_PAUSE_MS } from '../pauses.js';
import type { Pauses } from '../pauses.js';
import type { Identity } from '../../session/identity.js';

const loadErrors = onFirstNeed(() => import('../failure/step-errors.js'));

export function pause(pauses: Pauses, now: () => number): Step {
  /** After the attempt: a pause the answer announced is recorded before the call reports it or retries (the fleet knows first). */
  const noted = (call: CallState) => async (error: unknown): Promise<never> => {
    // Only an answer's word: a failed login's error (stage login) was recorded by the login's own chain.
    const wait = error instanceof KrakenError && error.kind === 'rate-limit' && error.stage !== 'login' ? error.retryAfterMs : undefined;
    if (wait !== undefined && wait > 0) {
      const recorded = now() + Math.min(wait, MAX_PAUSE_MS);
      await pauses.record(call.identity, recorded);
      call.recordedUntil = recorded;
    }
    throw error;
  };
  const gate = (call: CallState, next: Next, until: number | undefined): Promise<Answer> => {
    if (until !== undefined && until > call.waitedUntil && until > now()) {
      call.pausedUntil = until;
      call.tell?.({ type: 'pause', until });
      return loadErrors().then((errors) => Promise.reject(errors.pausedError(call, until)));
    }
    return next(call).catch(noted(call));
  };
  return (call, next) => {
    call.pausedUntil = undefined;
    const held = pauses.held(call.identity, call);
    // No pause held and no store to read: nothing to wait for.
    return typeof held === 'object' ? held.then((until) => gate(call, next, until)) : gate(call, next, held);
  };
}

/** For rateLimit(): records the pause of a blocked allowance for `identity`, clamped like a server's Retry-After. */
export const pauseRecorder = (pauses: Pauses, identity: Identity, now: () => number) => (untilMs: number): Promise<void> =>
  pauses.record(identity, Math.min(untilMs, now() + MAX_PAUSE_MS));
