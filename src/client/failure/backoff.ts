// The backoff of the retry step's body (failure/retrying.ts): what may be retried, after how long, and the copy of an error a call ends with.
import { KrakenError } from '../../core/errors.js';
import type { KrakenErrorDetails } from '../../core/errors.js';
import type { RetryPolicy } from '../retry-options.js';

export const abortableSleep = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
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

/**
 * Whether `error` may be retried: only when the server certainly did not run the operation (never
 * reached, KT-CT-1199, HTTP 429, HTTP 503 with Retry-After), or, for a call marked idempotent, also
 * after a timeout or a broken connection. An abort is the caller's wish; a port (BAD_PORT) or a header
 * (undici's UND_ERR_…) fetch refuses is refused again every time.
 */
export const isRetryable = ({ kind, reason, systemCode, mayHaveReachedServer, status, retryAfterMs }: KrakenError, idempotent: boolean): boolean =>
  kind === 'rate-limit' ||
  (kind === 'http' && status === 503 && retryAfterMs !== undefined) ||
  (kind === 'network' && reason !== 'abort' && !/^(BAD_PORT|UND_ERR_(INVALID_ARG|NOT_SUPPORTED))$/.test(systemCode ?? '') && (!mayHaveReachedServer || idempotent));

/** How long to wait before retry number `retry` (1-based), or undefined to give up. */
export function retryDelay(policy: RetryPolicy, error: Pick<KrakenError, 'retryAfterMs'>, retry: number, startedAt: number): number | undefined {
  if ((error.retryAfterMs ?? 0) > policy.maxRetryAfterMs) return undefined;
  // Full jitter without a Retry-After: anywhere between 0 and the exponential ceiling.
  const delay = error.retryAfterMs ?? Math.floor((policy.random ?? Math.random)() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1)));
  return policy.now() - startedAt + delay > policy.maxTotalMs ? undefined : delay;
}

/** A copy of `error` with some fields replaced (KrakenErrors are immutable): the error a call fails with after its retries, or a step's. */
export function withDetails(error: KrakenError, details: Partial<KrakenErrorDetails>): KrakenError {
  // Its own fields are its details (the constructor ignores the derived `code`, `codes` and `name`); message and cause are not own enumerable fields.
  return new KrakenError({ ...error, message: error.message, cause: error.cause, ...details });
}
