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

interface Deadline {
  readonly at: number;
  readonly expire: () => void;
}

/**
 * Pending deadlines of one timeout length, in the order they were set (so in deadline order), watched
 * by a single timer armed for the earliest.
 */
class DeadlineQueue {
  private readonly pending = new Set<Deadline>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  add(at: number, expire: () => void): Deadline {
    const deadline = { at, expire };
    this.pending.add(deadline);
    if (this.timer === undefined) this.arm(at);
    return deadline;
  }

  delete(deadline: Deadline): void {
    // The timer stays armed; when it fires it finds nothing due and re-arms or stops.
    this.pending.delete(deadline);
  }

  private arm(at: number): void {
    this.timer = setTimeout(this.expireDue, Math.max(0, at - Date.now()));
    // Node: a deadline alone never keeps the process alive (the request it bounds does, while it runs).
    (this.timer as { unref?: () => void }).unref?.();
  }

  private readonly expireDue = (): void => {
    this.timer = undefined;
    const now = Date.now();
    for (const deadline of this.pending) {
      if (deadline.at > now) {
        this.arm(deadline.at);
        return;
      }
      this.pending.delete(deadline);
      deadline.expire();
    }
  };
}

/**
 * Calls without a caller's signal that start close together share one AbortController, aborted once
 * the last of them to join has had its whole timeout: so a call may time out up to 1% late, never early.
 * An AbortController costs more than a whole in-process request on Node 20 (measured: about 20 µs); a
 * cohort of up to COHORT_SIZE calls pays it once. The size bounds the listeners a shared signal collects.
 */
interface Cohort {
  readonly controller: AbortController;
  readonly openedAt: number;
  deadline: Deadline | undefined;
  joined: number;
  /** Members not yet disposed: a cohort with none is never aborted. */
  active: number;
  timedOut: boolean;
}

const COHORT_SIZE = 64;

class TimeoutCohorts {
  /** Cohorts' deadlines only: calls with a caller's signal have a queue of their own (each keeps its order). */
  private readonly queue = new DeadlineQueue();
  private open: Cohort | undefined;
  /** How long a cohort takes members: 1% of the timeout (whole ms; 0 means calls of the same ms). */
  private readonly windowMs: number;

  constructor(private readonly timeoutMs: number) {
    this.windowMs = Math.floor(timeoutMs / 100);
  }

  join(): CallAbort {
    const now = Date.now();
    let cohort = this.open;
    if (cohort === undefined || cohort.joined >= COHORT_SIZE || now < cohort.openedAt || now > cohort.openedAt + this.windowMs) {
      if (cohort !== undefined) this.close(cohort);
      cohort = this.start(now);
    }
    const member = cohort;
    member.joined += 1;
    member.active += 1;
    let disposed = false;
    return {
      signal: member.controller.signal,
      reason: () => (member.timedOut ? 'timeout' : undefined),
      dispose: () => {
        if (disposed) return;
        disposed = true;
        member.active -= 1;
        if (member.active === 0 && member !== this.open) this.retire(member);
      },
    };
  }

  private start(now: number): Cohort {
    const cohort: Cohort = { controller: new AbortController(), openedAt: now, deadline: undefined, joined: 0, active: 0, timedOut: false };
    cohort.deadline = this.queue.add(now + this.windowMs + this.timeoutMs, () => {
      if (this.open === cohort) this.open = undefined;
      if (cohort.active === 0) return;
      cohort.timedOut = true;
      cohort.controller.abort(new DOMException(`The call timed out after ${this.timeoutMs} ms.`, 'TimeoutError'));
    });
    this.open = cohort;
    return cohort;
  }

  /** No more members: forgotten at once when none is running. */
  private close(cohort: Cohort): void {
    this.open = undefined;
    if (cohort.active === 0) this.retire(cohort);
  }

  private retire(cohort: Cohort): void {
    if (cohort.deadline !== undefined) this.queue.delete(cohort.deadline);
    cohort.deadline = undefined;
  }
}

const cohorts = new Map<number, TimeoutCohorts>();
const queues = new Map<number, DeadlineQueue>();

function perLength<T>(map: Map<number, T>, timeoutMs: number, create: () => T): T {
  let found = map.get(timeoutMs);
  if (found === undefined) {
    found = create();
    map.set(timeoutMs, found);
  }
  return found;
}

/**
 * What bounds one call: without a caller's signal, a timeout cohort's shared signal; with one, an
 * AbortController of its own, aborted by the caller's signal (one shared listener per signal, so none
 * pile up on a signal shared between calls) or by the call's deadline (no timer of its own).
 */
export function createCallAbort(callerSignal: AbortSignal | undefined, timeoutMs: number): CallAbort {
  if (callerSignal === undefined) return timeoutMs === 0 ? NO_LIMIT : perLength(cohorts, timeoutMs, () => new TimeoutCohorts(timeoutMs)).join();
  const controller = new AbortController();
  let firedBecause: 'abort' | 'timeout' | undefined;
  const abortFromCaller = (): void => {
    firedBecause ??= 'abort';
    controller.abort(callerSignal.reason);
  };
  let unsubscribe: (() => void) | undefined;
  if (callerSignal.aborted) abortFromCaller();
  else unsubscribe = onAbortOf(callerSignal, abortFromCaller);
  const queue = timeoutMs === 0 ? undefined : perLength(queues, timeoutMs, () => new DeadlineQueue());
  const deadline = queue?.add(Date.now() + timeoutMs, () => {
    firedBecause ??= 'timeout';
    controller.abort(new DOMException(`The call timed out after ${timeoutMs} ms.`, 'TimeoutError'));
  });
  return {
    signal: controller.signal,
    reason: () => firedBecause,
    dispose: () => {
      if (deadline !== undefined) queue?.delete(deadline);
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
