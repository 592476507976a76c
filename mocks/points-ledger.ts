// Kraken's hourly points allowance, as the mock plays it: every request it answers costs a point; once
// the allowance is spent, requests get KT-CT-1199 with a Retry-After until the window starts again.

export interface KrakenMockRateLimit {
  /** Points per window. Default 50,000 (Kraken's allowance for an account user). */
  allowance?: number;
  /** Length of one allowance window (seconds). Default 3,600. */
  windowSeconds?: number;
}

/** What `rateLimitInfo { pointsAllowanceRateLimit { … } }` answers. */
export interface PointsAllowance {
  readonly limit: number;
  readonly remainingPoints: number;
  readonly usedPoints: number;
  /** Unix time (seconds) when a new allowance starts. */
  readonly ttl: number;
  readonly isBlocked: boolean;
}

export const DEFAULT_POINTS_ALLOWANCE = 50_000;
const DEFAULT_WINDOW_SECONDS = 3_600;

export interface PointsLedger {
  /** Charges one request; the seconds to wait instead when the allowance is spent (nothing charged then). */
  charge(): { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };
  read(): PointsAllowance;
  reset(): void;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`rateLimit.${name} must be a positive integer, got ${String(value)}.`);
  return value;
}

export function createPointsLedger(options: KrakenMockRateLimit | undefined, now: () => number): PointsLedger {
  const allowance = positiveInteger('allowance', options?.allowance, DEFAULT_POINTS_ALLOWANCE);
  const windowMs = positiveInteger('windowSeconds', options?.windowSeconds, DEFAULT_WINDOW_SECONDS) * 1000;
  let windowStart: number | undefined;
  let used = 0;
  /** The window the clock is in; a window starts with its first request. */
  const current = (): number => {
    const at = now();
    if (windowStart === undefined || at >= windowStart + windowMs) {
      windowStart = at;
      used = 0;
    }
    return windowStart;
  };
  return {
    charge: () => {
      const start = current();
      if (used >= allowance) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - now()) / 1000)) };
      used += 1;
      return { ok: true };
    },
    read: () => {
      const start = current();
      return {
        limit: allowance,
        remainingPoints: Math.max(0, allowance - used),
        usedPoints: used,
        ttl: Math.ceil((start + windowMs) / 1000),
        isBlocked: used >= allowance,
      };
    },
    reset: () => {
      windowStart = undefined;
      used = 0;
    },
  };
}
