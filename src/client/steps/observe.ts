// Step: tells each call and each of its attempts (start, then status, code, or why no answer came) to whoever
// listens: debug lines and the request and attempt tracing channels; publishes the error a call fails with on
// `kraken-sdk:error`, once. The client's own logins are told with their purpose. When nobody listens a call
// costs a few checks; the event code (events.ts) loads on first need, and if it cannot, calls go on untold.
import { tracingListened } from '../../core/diagnostics.js';
import { errorsListened } from '../../core/errors.js';
import { onFirstNeed, preloadInNode } from '../../core/runtime.js';
import type { Step } from '../chain.js';
import type { DebugOption } from '../events.js';

/** `call` goes first in the chain (once per call), `attempt` around each attempt. */
export function observe(debug: DebugOption): { readonly call: Step; readonly attempt: Step } {
  const load = onFirstNeed(() => import('../events.js').then((events) => ({ events, sink: events.eventSink(debug) })));
  if (debug) preloadInNode(load);
  return {
    call: (call, next) =>
      !debug && !tracingListened() && !errorsListened()
        ? next(call)
        : load().then(({ events, sink }) => {
            const facts = events.callFacts(call.operation, call.endpoint.url, call.purpose);
            return sink.call(facts, (trace) => {
              call.trace = trace;
              call.tell = sink.teller(facts, trace);
              return next(call);
            });
          }, () => next(call)),
    attempt: (call, next) =>
      !debug && !tracingListened()
        ? next(call)
        : load().then(
            ({ events, sink }) => sink.attempt(events.callFacts(call.operation, call.endpoint.url, call.purpose), call.attempt, call.trace, () => next(call)),
            () => next(call),
          ),
  };
}
