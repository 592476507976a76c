// The rate-limit pause, as checked before every attempt (a call's and a login's): one read of memory
// when there is no pause; with a store that shares pauses, the store is read too (shared-pause.ts: one
// read in flight per client, calls asking meanwhile share it). Recording a pause (recordPause) and waiting one out
// are on the failure path (recovery.ts). The gate is plain state, so that what a plain call loads up front is
// only the check in client.ts (issue 20: at most 300 B gzip up front).

/** A rate-limit pause shared through the session store, as the client uses it: never rejects. */
export interface SharedPause {
  /**
   * Epoch ms until which the identity is paused, or undefined (one store read in flight, shared by the calls
   * asking meanwhile); read again each time, never copied into the gate (issue 28.4).
   */
  get(): Promise<number | undefined>;
  set(untilMs: number): Promise<void>;
}

/** The identity's pause, as one client holds it. */
export interface PauseGate {
  /** Epoch ms until which calls must not be sent (0, or a time past, when none): set by recovery.ts's recordPause (this client's own pauses). */
  until: number;
  /** The store's pause, when the client's store shares pauses. */
  readonly shared: (() => Promise<SharedPause>) | undefined;
}
