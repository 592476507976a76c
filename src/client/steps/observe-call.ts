// Step: tells the call to whoever listens (debug lines, the request tracing channel) and publishes the
// error it fails with on `kraken-sdk:error`, once. Costs a call three checks when nobody listens; the
// event code (events.ts) loads on first need.
import { tracingListened } from '../../core/diagnostics.js';
import { errorsListened } from '../../core/errors.js';
import { onFirstNeed, preloadInNode } from '../../core/runtime.js';
import type { Step } from '../chain.js';
import type { DebugOption } from '../events.js';

export function observeCall(debug: DebugOption): Step {
  const load = onFirstNeed(() => import('../events.js').then((events) => ({ events, sink: events.eventSink(debug) })));
  if (debug) preloadInNode(load);
  return (call, next) => {
    if (!debug && !tracingListened() && !errorsListened()) return next(call);
    return load().then(
      ({ events, sink }) => {
        const facts = events.callFacts(call.operation, call.endpoint.url, call.purpose);
        return sink.call(facts, (trace) => {
          call.trace = trace;
          call.tell = sink.teller(facts, trace);
          return next(call);
        });
      },
      // The event code could not be loaded (a browser offline): the call goes on untold.
      () => next(call),
    );
  };
}
