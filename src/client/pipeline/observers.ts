// Where per-call and per-attempt observers (tracing, debug lines) plug into the pipeline. A client asks
// `callObserverOf(options)` once; with no observer, a call costs nothing more than a property read.
import type { Attempt } from './attempt.js';
import type { Call } from './call.js';

/** Watches one call from its start (after it is prepared) to its end. */
export interface CallWatch {
  /** After each attempt, with what it came to (facts, not yet judged); `number` counts from 1, paused ones included. */
  attempt?(made: Attempt, number: number): void;
  /** The call settled: its data, or the error it rejects with. Called once. */
  end(outcome: { readonly data: unknown } | { readonly error: unknown }): void;
}

/** Sees every call of a client (the login's included) and may watch it. */
export interface CallObserver {
  /** A call is about to start; return a watch for it, or undefined to let it pass unobserved. */
  start(call: Omit<Call, 'watch'>): CallWatch | undefined;
}

/**
 * The observers a client's calls pass through, from its options (none today). Tracing (a
 * TracingChannel) and a `debug` option plug in here; several observers combine into one.
 */
export function callObserverOf(observers: readonly CallObserver[]): CallObserver | undefined {
  if (observers.length <= 1) return observers[0];
  return {
    start: (call) => {
      const watches = observers.map((observer) => observer.start(call)).filter((watch) => watch !== undefined);
      if (watches.length === 0) return undefined;
      return {
        attempt: (made, number) => watches.forEach((watch) => watch.attempt?.(made, number)),
        end: (outcome) => watches.forEach((watch) => watch.end(outcome)),
      };
    },
  };
}
