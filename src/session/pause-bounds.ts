// What a rate-limit pause read from a shared store may mean (issue 28.4): a store is shared, so what it
// holds is judged before a call is held back by it. A pause never reaches past the documented hour from
// now; a value no member could have written (not a number, a pause without end, days ahead) is no pause.

/** Longest pause the server's word sets: Kraken's allowance window is an hour. */
export const MAX_PAUSE_MS = 3_600_000;
/** Past this, no member's clock explains a pause's end (a day of skew on top of the hour): it was planted. */
const FAR_AHEAD_MS = MAX_PAUSE_MS + 86_400_000;

/**
 * The end (epoch ms, this process's clock) of the pause a store returned, clamped to the hour from `now`;
 * undefined when there is none; or, as a string, why it cannot be a pause any member wrote.
 */
export function judgedPause(stored: unknown, now: number): number | undefined | string {
  if (stored === undefined || stored === null) return undefined;
  if (typeof stored !== 'number' || Number.isNaN(stored)) return 'not a time';
  if (stored - now > FAR_AHEAD_MS) return 'further ahead than any pause lasts';
  return stored > now ? Math.min(stored, now + MAX_PAUSE_MS) : undefined;
}
