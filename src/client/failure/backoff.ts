// The backoff of the retry step's body (failure/retrying.ts): what may be retried, and after how long.
import type { KrakenError } from '../../core/errors.js';
import type { RetryPolicy } from '../retry-options.js';

export function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Whether `error` may be retried: only when the server certainly did not run the operation (never
 * reached, KT-CT-1199, HTTP 429, HTTP 503 with Retry-After), or, for a call marked idempotent, also
 * after a timeout or a broken connection.
 */
export function isRetryable(error: KrakenError, idempotent: boolean): boolean {
  switch (error.kind) {
    case 'network':
      // An abort is the caller's wish; a port (BAD_PORT) or a header (undici's UND_ERR_…) fetch refuses is refused again every time.
      if (error.reason === 'abort' || /^(BAD_PORT|UND_ERR_INVALID_ARG|UND_ERR_NOT_SUPPORTED)$/.test(error.systemCode ?? '')) return false;
      return !error.mayHaveReachedServer || idempotent;
    case 'rate-limit':
      return true;
    case 'http':
      return error.status === 503 && error.retryAfterMs !== undefined;
    default:
      return false;
  }
}

/** How long to wait before retry number `retry` (1-based), or undefined to give up. */
export function retryDelay(policy: RetryPolicy, error: KrakenError, retry: number, startedAt: number): number | undefined {
  let delay: number;
  if (error.retryAfterMs !== undefined) {
    if (error.retryAfterMs > policy.maxRetryAfterMs) return undefined;
    delay = error.retryAfterMs;
  } else {
    // Full jitter: anywhere between 0 and the exponential ceiling.
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
    delay = Math.floor((policy.random ?? Math.random)() * ceiling);
  }
  return policy.now() - startedAt + delay > policy.maxTotalMs ? undefined : delay;
}
