// Whether a session store answers, shared by everything in this process that uses the same store object (the
// session's guard and the shared pauses, every client's): once a command goes unanswered past its bound, the
// store is skipped, not waited for again, until it answers something. So a store that hangs costs a call one
// bounded wait at most, and calls go on with what each process holds.

import { pauseUnanswered } from './bounded.js';

/** Why a store command was given up: it did not answer in time, or the store is skipped until it answers. */
export class StoreNotAnswering extends Error {}

/** Stores that left a command unanswered, each with who has been told (a client's onWarning) and whether one command probes it. */
const hung = new WeakMap<object, { told: Set<unknown>; probing?: boolean }>();

/**
 * `work` on `store`, rejected with StoreNotAnswering after `ms`. While the store is hung it rejects at once, and
 * `work` runs in the background as a probe (one at a time; never when `probe` is false: a lease taken for nobody
 * would hold the fleet back); any answer, a failure included, ends the hang.
 */
export function storeCommand<T>(store: object, work: () => Promise<T>, ms: number, probe = true): Promise<T> {
  // A pause command that went unanswered before any of this starts the hang.
  if (pauseUnanswered.delete(store) && !hung.has(store)) hung.set(store, { told: new Set() });
  const hang = hung.get(store);
  if (hang === undefined) return answeredWithin(store, work, ms);
  if (probe && !hang.probing) {
    hang.probing = true;
    answeredWithin(store, work, ms).then(undefined, () => (hang.probing = false));
  }
  return Promise.reject(new StoreNotAnswering('skipped: an earlier command got no answer'));
}

/** `work`, or StoreNotAnswering after `ms` (the store is hung from then); any answer, a failure included, ends a hang. */
function answeredWithin<T>(store: object, work: () => Promise<T>, ms: number): Promise<T> {
  const started = Promise.resolve().then(work);
  const answered = (): boolean => hung.delete(store);
  started.then(answered, answered);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      if (!hung.has(store)) hung.set(store, { told: new Set() });
      reject(new StoreNotAnswering(`no answer within ${ms} ms`));
    }, ms);
    started.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** Calls `tell` once per hang of `store` and per `who`: one warning however many commands the hang cost. */
export function tellHangOnce(store: object, who: unknown, tell: () => void): void {
  const told = hung.get(store)?.told;
  if (told !== undefined && !told.has(who)) {
    told.add(who);
    tell();
  }
}
