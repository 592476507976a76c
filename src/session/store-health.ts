// Whether a session store answers, shared by everything in this process that uses the same store object (the
// session's guard and the shared pauses, every client's): once a command goes unanswered past its bound, the
// store is skipped, not waited for again, until it answers something. So a store that hangs costs a call one
// bounded wait at most, and the fleet's calls go on with what each process holds.

/** Why a store command was given up: it did not answer in time, or the store is skipped until it answers. */
export class StoreNotAnswering extends Error {}

export interface StoreHealth {
  /**
   * `work`, rejected with StoreNotAnswering after `ms`. While the store leaves a command unanswered it rejects at
   * once instead, and `work` runs in the background as a probe (one at a time, unless `probe` is false: a lease
   * taken by nobody would hold the fleet back), whose answer ends the skipping. `unref`: the timer alone does
   * not keep Node running.
   */
  run<T>(work: () => Promise<T>, ms: number, options?: { readonly probe?: boolean; readonly unref?: boolean }): Promise<T>;
  /** Calls `tell` once per hang and per `who` (a client's onWarning): one warning however many commands it cost. */
  reportHang(who: unknown, tell: () => void): void;
}

const healthByStore = new WeakMap<object, StoreHealth>();

/** The health of the store object `store` (the user's, before any scope: one backend). */
export function healthOf(store: object): StoreHealth {
  let health = healthByStore.get(store);
  if (health === undefined) healthByStore.set(store, (health = storeHealth()));
  return health;
}

function storeHealth(): StoreHealth {
  let hung = false;
  let probing = false;
  const told = new Set<unknown>();
  // The waits under way: once one goes unanswered, the others end too (the store answers none of them).
  const waiting = new Set<(cause: StoreNotAnswering) => void>();
  // Any answer (a value or a failure) shows the store responds again.
  const answered = (): void => {
    hung = false;
    told.clear();
  };
  const bounded = <T>(work: () => Promise<T>, ms: number, unref = false): Promise<T> => {
    const started = Promise.resolve().then(work);
    started.then(answered, answered);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        hung = true;
        const cause = new StoreNotAnswering(`no answer within ${ms} ms`);
        for (const giveUp of [...waiting]) giveUp(cause);
      }, ms);
      if (unref) (timer as { unref?: () => void }).unref?.();
      waiting.add(reject);
      started.then(resolve, reject).finally(() => {
        clearTimeout(timer);
        waiting.delete(reject);
      });
    });
  };
  return {
    run: (work, ms, { probe = true, unref = false } = {}) => {
      if (!hung) return bounded(work, ms, unref);
      if (probe && !probing) {
        probing = true;
        bounded(work, ms, true)
          .catch(() => undefined)
          .finally(() => (probing = false));
      }
      return Promise.reject(new StoreNotAnswering('it left an earlier command unanswered (skipped until it answers)'));
    },
    reportHang: (who, tell) => {
      if (told.has(who)) return;
      told.add(who);
      tell();
    },
  };
}
