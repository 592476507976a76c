/** One AbortSignal bounding a whole call: the caller's signal and the client's timeout, with a way to tell which fired. */
export interface CallAbort {
  /** Undefined when there is neither a caller's signal nor a timeout. */
  readonly signal: AbortSignal | undefined;
  /** Why the signal fired, or undefined while it has not. */
  reason(): 'abort' | 'timeout' | undefined;
  /** Forgets the call's deadline and its listener on the caller's signal. */
  dispose(): void;
}

const NO_LIMIT: CallAbort = { signal: undefined, reason: () => undefined, dispose: () => undefined };

const timedOut = (timeoutMs: number): DOMException => new DOMException(`The call timed out after ${timeoutMs} ms.`, 'TimeoutError');

/** A timer that never keeps a Node process alive by itself (the request it bounds does, while it runs). */
function deadline(ms: number, expire: () => void): ReturnType<typeof setTimeout> {
  const timer = setTimeout(expire, ms);
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

/**
 * Calls without a caller's signal that start close together share one AbortController and one timer,
 * fired once the last of them to join has had its whole timeout: so a call may time out up to 1% late,
 * never early. An AbortController costs more than a whole in-process request on Node 20 (measured:
 * about 20 µs); a cohort of up to COHORT_SIZE calls pays it once. The size bounds the listeners a
 * shared signal collects.
 */
interface Cohort {
  readonly controller: AbortController;
  readonly openedAt: number;
  timer?: ReturnType<typeof setTimeout>;
  joined: number;
  /** Members not yet disposed: a cohort with none is never aborted. */
  active: number;
}

const COHORT_SIZE = 64;
/** The cohort still taking members, per timeout length. */
const openCohorts = new Map<number, Cohort>();

function joinCohort(timeoutMs: number): CallAbort {
  const now = Date.now();
  // A cohort takes members for 1% of the timeout (whole ms; 0 means calls of the same ms).
  const windowMs = Math.floor(timeoutMs / 100);
  let cohort = openCohorts.get(timeoutMs);
  if (!cohort || cohort.joined >= COHORT_SIZE || !(now >= cohort.openedAt && now <= cohort.openedAt + windowMs)) {
    // The cohort left behind is forgotten at once when none of its calls is running.
    if (cohort?.active === 0) clearTimeout(cohort.timer);
    const opened: Cohort = { controller: new AbortController(), openedAt: now, joined: 0, active: 0 };
    // A waiter that never leaves: the cohort signal's one listener stays instead of coming and going with each call.
    onAbortOf(opened.controller.signal, () => undefined);
    opened.timer = deadline(windowMs + timeoutMs, () => {
      if (openCohorts.get(timeoutMs) === opened) openCohorts.delete(timeoutMs);
      if (opened.active > 0) opened.controller.abort(timedOut(timeoutMs));
    });
    openCohorts.set(timeoutMs, (cohort = opened));
  }
  const member = cohort;
  member.joined += 1;
  member.active += 1;
  let running = true;
  return {
    signal: member.controller.signal,
    reason: () => (member.controller.signal.aborted ? 'timeout' : undefined),
    dispose: () => {
      if (running && --member.active === 0 && openCohorts.get(timeoutMs) !== member) clearTimeout(member.timer);
      running = false;
    },
  };
}

/**
 * What bounds one call: without a caller's signal, a timeout cohort's shared signal; with one, an
 * AbortController of its own, aborted by the caller's signal (one shared listener per signal, so none
 * pile up on a signal shared between calls) or by the call's own deadline.
 */
export function createCallAbort(callerSignal: AbortSignal | undefined, timeoutMs: number): CallAbort {
  if (callerSignal === undefined) return timeoutMs === 0 ? NO_LIMIT : joinCohort(timeoutMs);
  const controller = new AbortController();
  let firedBecause: 'abort' | 'timeout' | undefined;
  const abortFromCaller = (): void => {
    firedBecause ??= 'abort';
    controller.abort(callerSignal.reason);
  };
  let unsubscribe: (() => void) | undefined;
  if (callerSignal.aborted) abortFromCaller();
  else unsubscribe = onAbortOf(callerSignal, abortFromCaller);
  const timer =
    timeoutMs === 0
      ? undefined
      : deadline(timeoutMs, () => {
          firedBecause ??= 'timeout';
          controller.abort(timedOut(timeoutMs));
        });
  return {
    signal: controller.signal,
    reason: () => firedBecause,
    dispose: () => {
      clearTimeout(timer);
      unsubscribe?.();
    },
  };
}

/** Per caller's signal, the calls waiting on it and the one listener serving them. */
const waitingOnSignal = new WeakMap<AbortSignal, { readonly callbacks: Set<() => void>; readonly listener: () => void }>();

/**
 * Runs `callback` when `signal` aborts; returns how to stop waiting. A signal shared by many concurrent
 * calls gets a single listener (no MaxListenersExceeded warning), removed when the last call stops waiting.
 */
export function onAbortOf(signal: AbortSignal, callback: () => void): () => void {
  let waiting = waitingOnSignal.get(signal);
  if (waiting === undefined) {
    const callbacks = new Set<() => void>();
    const listener = (): void => {
      waitingOnSignal.delete(signal);
      for (const waiter of [...callbacks]) waiter();
      callbacks.clear();
    };
    waiting = { callbacks, listener };
    waitingOnSignal.set(signal, waiting);
    signal.addEventListener('abort', listener, { once: true });
  }
  const entry = waiting;
  const { callbacks, listener } = entry;
  callbacks.add(callback);
  return () => {
    if (!callbacks.delete(callback) || callbacks.size > 0) return;
    if (waitingOnSignal.get(signal) === entry) waitingOnSignal.delete(signal);
    signal.removeEventListener('abort', listener);
  };
}
