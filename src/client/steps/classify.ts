// Step: what came back, judged. A plain success passes at once; anything else (an answer with errors, not
// GraphQL, a redirect, no answer at all) becomes the KrakenError it means, by code loaded on first need.
import { KrakenError } from '../../core/errors.js';
import { onFirstNeed, preloadInNode } from '../../core/runtime.js';
import type { Secrets } from '../../core/redact.js';
import { SendFailure } from '../chain.js';
import type { Answer, CallState, Step } from '../chain.js';
import type * as Classify from '../classify.js';

const loadClassify = onFirstNeed(() => import('../classify.js'));

/**
 * The judging code could not be loaded (a browser offline, a chunk gone after a deploy): the call still fails
 * with a KrakenError, and the next failure tries the load again.
 */
async function judge(call: CallState, outcome: Answer | SendFailure, use: (classify: typeof Classify) => KrakenError): Promise<KrakenError> {
  let classify: typeof Classify;
  try {
    classify = await loadClassify();
  } catch (cause) {
    const name = call.operation.operationName;
    const answered = !(outcome instanceof SendFailure);
    return new KrakenError({
      kind: answered ? 'http' : 'network',
      message: `${name || 'The call'} failed; the code that tells why could not be loaded.`,
      operationName: name || undefined,
      status: answered ? outcome.response.status : undefined,
      reason: answered ? undefined : (outcome.why ?? 'connection'),
      mayHaveReachedServer: answered || !outcome.neverSent,
      stage: call.purpose === 'call' ? 'request' : 'login',
      cause,
    });
  }
  return use(classify);
}

export function classify(secrets: Secrets, timeoutMs: number, now: () => number): Step {
  preloadInNode(loadClassify);
  const context = { secrets, timeoutMs, now };
  const fail = (error: Promise<KrakenError>): Promise<never> => error.then((judged) => Promise.reject(judged));
  return (call, next) =>
    next(call).then(
      (answer) => (answer.data !== undefined ? answer : fail(judge(call, answer, (classify) => classify.answerError(call, answer, context)))),
      (failure: unknown) => (failure instanceof SendFailure ? fail(judge(call, failure, (classify) => classify.noAnswerError(call, failure, context))) : Promise.reject(failure)),
    );
}
