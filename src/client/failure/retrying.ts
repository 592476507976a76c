// The retry step's body, loaded the first time an attempt fails: retries what certainly did not run (or
// anything, for a query or a call marked idempotent) with backoff, waits out a pause the policy allows, asks the
// beforeRetry hooks, and gives the error the call fails with its count of sends.
import { KrakenError } from '../../core/errors.js';
import { operationTypeOf } from '../../core/operation-type.js';
import { untilAborted } from '../hook-bound.js';
import type { Answer, CallState, Next } from '../chain.js';
import { abortableSleep, isRetryable, retryDelay, withDetails } from './backoff.js';

/** How long to wait before trying again, or undefined to fail now (the policy, then the beforeRetry hooks). */
async function delayBefore(call: CallState, error: KrakenError, retries: number, startedAt: number): Promise<number | undefined> {
  if (call.pausedUntil !== undefined) {
    // Held back by a pause, nothing sent: wait it out as a Retry-After when the policy retries at all (not counted as a retry).
    return call.policy.retries > 0 ? retryDelay(call.policy, { retryAfterMs: Math.max(0, call.pausedUntil - call.now()) }, 0, startedAt) : undefined;
  }
  const { operationName, text } = call.operation;
  const operationType = operationTypeOf(text);
  // A query changes nothing on the server: sending it again is safe unless the call says otherwise.
  if (retries >= call.policy.retries || !isRetryable(error, call.requestOptions?.idempotent ?? operationType === 'query')) return undefined;
  const delay = retryDelay(call.policy, error, retries + 1, startedAt);
  if (delay === undefined) return undefined;
  const hooks = call.hooks?.beforeRetry ?? [];
  // What hooks-run.ts's hookCallOf tells, written out (this body loads apart from the hooks).
  for (const hook of hooks) {
    if ((await untilAborted(call, hook({ operationName, operationType, purpose: call.purpose, attempt: call.attempt, error, delayMs: delay }), 'beforeRetry')) === false) return undefined;
  }
  return delay;
}

export async function retrying(call: CallState, next: Next, first: unknown, startedAt: number): Promise<Answer> {
  let failure = first;
  for (let retries = 0; ; ) {
    // A failed login is shared by every call waiting on it: passed on as is (same object), never retried here.
    if (!(failure instanceof KrakenError) || failure.stage === 'login') throw failure;
    const held = call.pausedUntil;
    const delay = await delayBefore(call, failure, retries, startedAt);
    if (delay === undefined) throw withDetails(failure, { attempts: call.sends });
    call.tell?.({ type: 'retry', waitMs: delay });
    const last = failure;
    await (call.policy.sleep ?? abortableSleep)(delay, call.requestOptions?.signal).catch((reason: unknown) => {
      // Its operation and origin are the failure's (its message, named after the operation, follows).
      throw new KrakenError({
        kind: 'network',
        reason: 'abort',
        message: `aborted while waiting to retry: ${last.message}`,
        operationName: last.operationName,
        origin: last.origin,
        mayHaveReachedServer: last.mayHaveReachedServer,
        attempts: call.sends,
        cause: reason,
      });
    });
    if (held === undefined) {
      retries += 1;
      call.attempt += 1;
    }
    call.waitedUntil = held ?? call.recordedUntil ?? call.waitedUntil;
    call.headers = call.token = call.recordedUntil = undefined;
    try {
      return await next(call);
    } catch (error) {
      failure = error;
    }
  }
}
