// Step: bounds each attempt, the wait for its token included, by the caller's signal and the client's timeout.
import { createCallAbort } from '../../core/abort.js';
import { SendFailure } from '../chain.js';
import type { Step } from '../chain.js';

export function timeout(timeoutMs: number): Step {
  return async (call, next) => {
    const abort = createCallAbort(call.requestOptions?.signal, timeoutMs);
    call.abort = abort;
    try {
      return await next(call);
    } catch (failure) {
      if (failure instanceof SendFailure) failure.why = abort.reason();
      throw failure;
    } finally {
      abort.dispose();
      call.abort = undefined;
    }
  };
}
