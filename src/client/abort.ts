import type { NetworkFailureReason } from './errors.js';

/** One AbortSignal for a request: the caller's signal and the timeout, with a way to tell which fired. */
export interface RequestAbort {
  readonly signal: AbortSignal;
  /** Why the signal fired, or undefined while it has not. */
  reason(): NetworkFailureReason | undefined;
  /** Stop the timer and detach from the caller's signal. */
  dispose(): void;
}

export function createRequestAbort(callerSignal: AbortSignal | undefined, timeoutMs: number | undefined): RequestAbort {
  const controller = new AbortController();
  let firedBecause: NetworkFailureReason | undefined;
  const abortFromCaller = (): void => {
    firedBecause ??= 'abort';
    controller.abort(callerSignal?.reason);
  };
  if (callerSignal?.aborted) abortFromCaller();
  else callerSignal?.addEventListener('abort', abortFromCaller, { once: true });

  // setTimeout (not AbortSignal.timeout) so fake timers in tests control it.
  const timer =
    timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          firedBecause ??= 'timeout';
          controller.abort(new Error(`Request timed out after ${timeoutMs} ms.`));
        }, timeoutMs)
      : undefined;

  return {
    signal: controller.signal,
    reason: () => firedBecause,
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
      callerSignal?.removeEventListener('abort', abortFromCaller);
    },
  };
}
