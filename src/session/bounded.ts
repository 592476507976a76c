import { KrakenError } from '../core/errors.js';
import type { NetworkFailureReason } from '../core/errors.js';

/** What bounds one call: the caller's signal and the client's timeout (see `createRequestAbort`). */
export interface CallBound {
  readonly signal: AbortSignal;
  /** Why the signal fired: `abort` (the caller) or `timeout`. */
  reason(): NetworkFailureReason | undefined;
}

function boundError(bound: CallBound): KrakenError {
  const reason = bound.reason() ?? 'abort';
  return new KrakenError({ kind: 'network', reason, message: `The request ${reason === 'timeout' ? 'timed out' : 'was aborted'} while waiting for a token.`, cause: bound.signal.reason });
}

/** Rejects at once when the call's bound has already fired. */
export function throwIfBoundFired(bound: CallBound | undefined): void {
  if (bound?.signal.aborted) throw boundError(bound);
}

/** Races already set up, per signal and work: calls sharing a signal (a timeout cohort) share one. */
const racesBySignal = new WeakMap<AbortSignal, WeakMap<Promise<unknown>, Promise<unknown>>>();

/**
 * `work`, or a `network` KrakenError (abort or timeout) as soon as the bound fires. `work` itself goes on:
 * a shared login still serves the other callers waiting for it. Calls waiting for the same work under
 * the same signal (a refresh storm) share one race instead of one promise and listener each.
 */
export function settleWithin<T>(work: Promise<T>, bound: CallBound | undefined): Promise<T> {
  if (bound === undefined) return work;
  if (bound.signal.aborted) return Promise.reject(boundError(bound));
  let races = racesBySignal.get(bound.signal);
  if (races === undefined) racesBySignal.set(bound.signal, (races = new WeakMap()));
  let race = races.get(work) as Promise<T> | undefined;
  if (race === undefined) {
    race = new Promise<T>((resolve, reject) => {
      // One listener per signal and work: the calls waiting for it share this race.
      const fired = (): void => reject(boundError(bound));
      bound.signal.addEventListener('abort', fired, { once: true });
      work.then(resolve, reject).finally(() => bound.signal.removeEventListener('abort', fired));
    });
    races.set(work, race);
  }
  return race;
}

/** What `work` brings, or a rejection after `ms` of real time; `unref`: the timer alone does not keep Node running. */
export function withTimeout<T>(work: () => T | Promise<T>, ms: number, unref = false): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    if (unref) (timer as { unref?: () => void }).unref?.();
    Promise.resolve()
      .then(work)
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}

/** How a store's pause command is run: bounded, and reported to `warn` (once per hang and per `who`) when it goes unanswered. */
export type PauseCommand = <T>(work: () => Promise<T>, who: unknown, warn: (warning: KrakenError) => void) => Promise<T | undefined>;

/**
 * The pause commands of stores a login client guards (guarded-store.ts registers the store's health, store-health.ts,
 * so that the pause reads skip a hung store and tell its hang once, as the session's commands do); any other store's
 * run each on its own, within 1 s.
 */
export const pauseCommands = new WeakMap<object, PauseCommand>();

/** Stores whose pause command, run before a login client guarded them, failed or went unanswered: their guard starts from that. */
export const pauseUnanswered = new WeakSet<object>();

