// Retry options as the client checks them when it is created or a call starts (bad options throw
// there, synchronously). What a failure then does with them is in retry.ts, loaded with the failure path.
import { MAX_TIMER_MS, numberInRange } from './config.js';

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

/** Retry options resolved; `random` and `sleep` undefined mean the defaults (kept with the failure path). */
export interface RetryPolicy {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly maxTotalMs: number;
  readonly random: (() => number) | undefined;
  readonly sleep: ((ms: number, signal: AbortSignal | undefined) => Promise<void>) | undefined;
  readonly now: () => number;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, 'random' | 'sleep' | 'now'> = {
  retries: 2,
  baseDelayMs: 250,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
  maxTotalMs: 60_000,
};

const DEFAULT_POLICY: RetryPolicy = { ...DEFAULT_RETRY, random: undefined, sleep: undefined, now: Date.now };
export const NO_RETRY: RetryPolicy = { ...DEFAULT_POLICY, retries: 0 };

const LIMITS = ['retries', 'baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs', 'maxTotalMs'] as const;

/** The policy from `retry` options (`false` turns retries off), on top of `base`. */
export function retryPolicy(options: RetryOptions | false | undefined, base: RetryPolicy = DEFAULT_POLICY): RetryPolicy {
  if (options === false) return NO_RETRY;
  if (options === undefined) return base;
  if (typeof options !== 'object' || options === null) throw new TypeError('retry must be false or an object.');
  // The same keys in the same order as every other policy (one object shape).
  const policy: { -readonly [K in keyof RetryPolicy]: RetryPolicy[K] } = { ...base, random: options.random ?? base.random, sleep: options.sleep ?? base.sleep, now: options.now ?? base.now };
  // Retries turned off by the client and on again by a call's options start from the default count.
  for (const name of LIMITS) {
    const count = name === 'retries';
    policy[name] = numberInRange(`retry.${name}`, options[name], count && base === NO_RETRY ? DEFAULT_RETRY.retries : base[name], count ? undefined : MAX_TIMER_MS);
    if (count && !Number.isInteger(policy[name])) throw new TypeError('retry.retries must be a whole number.');
  }
  return policy;
}
