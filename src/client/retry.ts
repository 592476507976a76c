import type { KrakenError } from './errors.js';

/** How a client (or one call) retries failures that certainly did not run the operation. */
export interface RetryOptions {
  /** Retries after the first attempt; default 2. */
  readonly retries?: number;
  /** The first backoff's ceiling (ms); each retry doubles it, up to `maxDelayMs`. Default 250. */
  readonly baseDelayMs?: number;
  /** Backoff ceiling (ms); default 5 000. */
  readonly maxDelayMs?: number;
  /** A server's Retry-After longer than this (ms) is not waited for: the call fails with the error. Default 30 000. */
  readonly maxRetryAfterMs?: number;
  /** No retry starts after this long (ms) since the call began. Default 60 000. */
  readonly maxTotalMs?: number;
  /** For tests: the random source of the jitter, in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
  /** For tests: waits `ms` or rejects when `signal` aborts. Default a timer. */
  readonly sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  /** For tests: the clock of `maxTotalMs`. Default `Date.now`. */
  readonly now?: () => number;
}

export interface RetryPolicy {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly maxTotalMs: number;
  readonly random: () => number;
  readonly sleep: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  readonly now: () => number;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, 'random' | 'sleep' | 'now'> = {
  retries: 2,
  baseDelayMs: 250,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
  maxTotalMs: 60_000,
};

const NO_RETRY: RetryPolicy = { ...DEFAULT_RETRY, retries: 0, random: Math.random, sleep: abortableSleep, now: Date.now };

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
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

function nonNegative(name: string, value: number | undefined, fallback: number, integer = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new TypeError(`retry.${name} must be a ${integer ? 'whole' : 'finite'} number ≥ 0.`);
  }
  return value;
}

/** The policy from `retry` options (`false` turns retries off), on top of `base`. */
export function retryPolicy(options: RetryOptions | false | undefined, base?: RetryPolicy): RetryPolicy {
  if (options === false) return NO_RETRY;
  const from = base ?? { ...DEFAULT_RETRY, random: Math.random, sleep: abortableSleep, now: Date.now };
  if (options === undefined) return from;
  if (typeof options !== 'object' || options === null) throw new TypeError('retry must be false or an object of retry options.');
  return {
    retries: nonNegative('retries', options.retries, base === NO_RETRY ? DEFAULT_RETRY.retries : from.retries, true),
    baseDelayMs: nonNegative('baseDelayMs', options.baseDelayMs, from.baseDelayMs),
    maxDelayMs: nonNegative('maxDelayMs', options.maxDelayMs, from.maxDelayMs),
    maxRetryAfterMs: nonNegative('maxRetryAfterMs', options.maxRetryAfterMs, from.maxRetryAfterMs),
    maxTotalMs: nonNegative('maxTotalMs', options.maxTotalMs, from.maxTotalMs),
    random: options.random ?? from.random,
    sleep: options.sleep ?? from.sleep,
    now: options.now ?? from.now,
  };
}

/**
 * Whether `error` may be retried: only when the server certainly did not run the operation (never
 * reached, KT-CT-1199, HTTP 429, HTTP 503 with Retry-After), or, for a call marked idempotent, also
 * after a timeout or a broken connection.
 */
export function isRetryable(error: KrakenError, idempotent: boolean): boolean {
  switch (error.kind) {
    case 'network':
      // An abort is the caller's wish; a port fetch refuses (BAD_PORT) is refused again every time.
      if (error.reason === 'abort' || error.systemCode === 'BAD_PORT') return false;
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
    delay = Math.floor(policy.random() * ceiling);
  }
  return policy.now() - startedAt + delay > policy.maxTotalMs ? undefined : delay;
}

export { NO_RETRY };
