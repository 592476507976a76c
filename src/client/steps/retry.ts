// Step: the attempts of a call. The first is sent at once; after a failure the retry loop (what is safe to
// retry, the backoff, waiting out a pause, the beforeRetry hooks) loads on first need. If it cannot be
// loaded, the failure is not retried.
import { onFirstNeed, preloadInNode } from '../../core/runtime.js';
import type { Step } from '../chain.js';

const loadRetrying = onFirstNeed(() => import('../failure/retrying.js'));

export function retry(): Step {
  preloadInNode(loadRetrying);
  return (call, next) => {
    const startedAt = call.policy.now();
    call.attempt = 1;
    return next(call).catch((failure: unknown) =>
      loadRetrying().then(
        (retrying) => retrying.retrying(call, next, failure, startedAt),
        () => Promise.reject(failure),
      ),
    );
  };
}
