// Plain numbers, written in place where they are used (an object or a product would be a variable set up on first load).
const INITIAL_MS = 1000;
const MAX_MS = 60_000;
/** How long the client waits before trying again after a login or refresh that failed without a refusal. */
export const LOGIN_BACKOFF_MS = { initial: INITIAL_MS, max: MAX_MS } as const;

/**
 * The wait after the `failures`-th consecutive failure: 1 s, 2 s, 4 s … capped at 60 s; a longer
 * Retry-After from the server (capped at 15 min) wins.
 */
export function loginBackoffMs(failures: number, retryAfterMs?: number): number {
  const exponential = Math.min(MAX_MS, INITIAL_MS * 2 ** Math.max(0, failures - 1));
  // retryAfterMs is finite and ≥ 0 when set (classify.ts reads it so).
  // 900,000 ms: the longest (15 min) a server's Retry-After may hold logins back.
  return Math.max(exponential, Math.min(900_000, retryAfterMs ?? 0));
}
