// The rate-limit pause, as checked before every attempt (a call's and a login's): one read of memory
// when there is no pause; with a store that shares pauses, the store is read too (shared-pause.ts: one
// read in flight per client, calls asking meanwhile share it). Recording a pause (recordPause) and waiting one out
// are on the failure path (recovery.ts).

/** A rate-limit pause shared through the session store, as the client uses it: never rejects. */
export interface SharedPause {
  /** Epoch ms until which the identity is paused, or undefined (one store read in flight, shared by the calls asking meanwhile). */
  get(): Promise<number | undefined>;
  set(untilMs: number): Promise<void>;
}

export interface PauseGate {
  /** Epoch ms until which calls must not be sent, or undefined; a promise only while the shared store is read. */
  until(): number | undefined | Promise<number | undefined>;
  /** Sets the pause in memory only; recovery.ts's recordPause also writes it to the shared store. */
  hold(untilMs: number): void;
  /** The store's pause, when the client's store shares pauses. */
  readonly shared: (() => Promise<SharedPause>) | undefined;
}

export function createPauseGate(now: () => number, shared: (() => Promise<SharedPause>) | undefined): PauseGate {
  let local = 0;
  const known = (until: number | undefined): number | undefined => {
    if (until !== undefined) local = until;
    return local > now() ? local : undefined;
  };
  return {
    until: () => (local > now() ? local : shared?.().then((pause) => pause.get()).then(known, () => undefined)),
    hold: (untilMs) => {
      local = untilMs;
    },
    shared,
  };
}
