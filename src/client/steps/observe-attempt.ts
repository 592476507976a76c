// Step: tells each attempt (its start, then its status, code, or why it got no answer) to whoever listens:
// debug lines and the attempt tracing channel. The logins the client makes are told with their purpose.
import { tracingListened } from '../../core/diagnostics.js';
import { onFirstNeed } from '../../core/runtime.js';
import type { Step } from '../chain.js';
import type { DebugOption } from '../events.js';

export function observeAttempt(debug: DebugOption): Step {
  const load = onFirstNeed(() => import('../events.js').then((events) => ({ events, sink: events.eventSink(debug) })));
  return (call, next) => {
    if (!debug && !tracingListened()) return next(call);
    return load().then(
      ({ events, sink }) => sink.attempt(events.callFacts(call.operation, call.endpoint.url, call.purpose), call.attempt, call.trace, () => next(call)),
      () => next(call),
    );
  };
}
