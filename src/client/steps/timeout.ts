// Step: bounds each attempt, the wait for its token included, by the caller's signal and the client's timeout.
import { createCallAbort } from '../../core/abort.js';
import { SendFailure } from '../chain.js';
import type { Step } from '../chain.js';

export function timeout(timeoutMs: number): Step {
  return (call, next) => {
    // Begun already when the attempt waited for the store's pause (shared-pauses.ts).
    const abort = (call.abort ??= createCallAbort(call.requestOptions?.signal, timeoutMs));
    return next(call)
      .catch((failure: unknown) => {
        if (failure instanceof SendFailure) failure.why = abort.reason();
        throw failure;
      })
      .finally(() => {
        abort.dispose();
        call.abort = undefined;
      });
  };
}
