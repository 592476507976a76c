// What a rate-limit pause read from a shared store may mean (issue 28.4): a store is shared, so what it
// holds is judged before a call is held back by it. A pause never reaches past the documented hour from
// now; a value no member could have written (not a number, a pause without end, days ahead) is no pause.

/** Longest pause the server's word sets: Kraken's allowance window is an hour. */
export const MAX_PAUSE_MS = 3_600_000;
/** Past this, no member's clock explains a pause's end (a day of skew on top of the hour): it was planted. */
const FAR_AHEAD_MS = MAX_PAUSE_MS + 86_400_000;

export type JudgedPause = { readonly until: number | undefined } | { readonly problem: string };

/** The end (epoch ms, this process's clock) of the pause a store returned, clamped to the hour from `now`; or why it is no pause. */
export function judgedPause(stored: unknown, now: number): JudgedPause {
  if (stored === undefined || stored === null) return { until: undefined };
  if (typeof stored !== 'number' || Number.isNaN(stored)) return { problem: 'it is not a time' };
  if (stored - now > FAR_AHEAD_MS) return { problem: stored === Infinity ? 'it has no end' : 'it ends further ahead than any pause lasts' };
  if (stored <= now) return { until: undefined };
  return { until: Math.min(stored, now + MAX_PAUSE_MS) };
}
