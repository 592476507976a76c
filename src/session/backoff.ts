/** How long the client waits before trying again after a login or refresh that failed without a refusal. */
export const LOGIN_BACKOFF_MS = { initial: 1000, max: 60_000 } as const;
/** The longest a server's Retry-After may hold logins back. */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

/**
 * The wait after the `failures`-th consecutive failure: 1 s, 2 s, 4 s … capped at 60 s; a longer
 * Retry-After from the server (capped at 15 min) wins.
 */
export function loginBackoffMs(failures: number, retryAfterMs?: number): number {
  const exponential = Math.min(LOGIN_BACKOFF_MS.max, LOGIN_BACKOFF_MS.initial * 2 ** Math.max(0, failures - 1));
  // retryAfterMs is finite and ≥ 0 when set (classify.ts reads it so).
  return Math.max(exponential, Math.min(MAX_RETRY_AFTER_MS, retryAfterMs ?? 0));
}
