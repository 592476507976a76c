/** One AbortSignal bounding a whole call: the caller's signal and the client's timeout, with a way to tell which fired. */
export interface CallAbort {
  /** Undefined when there is neither a caller's signal nor a timeout. */
  readonly signal: AbortSignal | undefined;
  /** Why the signal fired, or undefined while it has not. */
  reason(): 'abort' | 'timeout' | undefined;
  /** Releases the timer (only the fallback holds one). */
  dispose(): void;
}

const NOTHING_TO_DISPOSE = (): void => undefined;
const NO_LIMIT: CallAbort = { signal: undefined, reason: () => undefined, dispose: NOTHING_TO_DISPOSE };

const hasNativeCombinators = typeof AbortSignal.timeout === 'function' && typeof AbortSignal.any === 'function';

/**
 * Where the platform has `AbortSignal.timeout` and `AbortSignal.any`, no timer or listener of ours per
 * call (and none on the caller's signal, so one signal can be shared by any number of calls); elsewhere
 * an AbortController and a timer.
 */
export function createCallAbort(callerSignal: AbortSignal | undefined, timeoutMs: number): CallAbort {
  if (timeoutMs === 0) {
    if (callerSignal === undefined) return NO_LIMIT;
    // A signal of our own, so listeners we add never pile up on a signal the caller shares between calls.
    const signal = hasNativeCombinators ? AbortSignal.any([callerSignal]) : callerSignal;
    return { signal, reason: () => (callerSignal.aborted ? 'abort' : undefined), dispose: NOTHING_TO_DISPOSE };
  }
  if (hasNativeCombinators) {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = callerSignal === undefined ? timeout : AbortSignal.any([callerSignal, timeout]);
    return {
      signal,
      // The caller's abort wins when both have fired: it came first or the caller no longer waits anyway.
      reason: () => (callerSignal?.aborted ? 'abort' : timeout.aborted ? 'timeout' : undefined),
      dispose: NOTHING_TO_DISPOSE,
    };
  }
  return fallbackCallAbort(callerSignal, timeoutMs);
}

export function fallbackCallAbort(callerSignal: AbortSignal | undefined, timeoutMs: number): CallAbort {
  const controller = new AbortController();
  let firedBecause: 'abort' | 'timeout' | undefined;
  const abortFromCaller = (): void => {
    firedBecause ??= 'abort';
    controller.abort(callerSignal?.reason);
  };
  if (callerSignal?.aborted) abortFromCaller();
  else callerSignal?.addEventListener('abort', abortFromCaller, { once: true });
  const timer = setTimeout(() => {
    firedBecause ??= 'timeout';
    controller.abort(new DOMException(`The call timed out after ${timeoutMs} ms.`, 'TimeoutError'));
  }, timeoutMs);
  return {
    signal: controller.signal,
    reason: () => firedBecause,
    dispose: () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', abortFromCaller);
    },
  };
}
