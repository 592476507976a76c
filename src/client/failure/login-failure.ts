// Why a call could not get its token, as a KrakenError of stage `login` naming the call (loaded the
// first time a token cannot be had). Calls waiting on one failed login share one error per operation.
import type { CallAbort } from '../../core/abort.js';
import { KrakenError } from '../../core/errors.js';
import { redactedError } from '../../core/redact.js';
import type { CallState } from '../chain.js';
import { networkError } from '../classify.js';
import { withDetails } from './retrying.js';

const shared = new WeakMap<KrakenError, Map<string, KrakenError>>();

function loginFailure(call: CallState, error: unknown): KrakenError {
  const name = call.operation.operationName;
  // The call's own request never left, whatever the login's message says of the login's request.
  const failed = `${name ? `${name}: ` : ''}the login it needed failed, so the ${name ? `${name} ` : ''}request was not sent: `;
  if (!(error instanceof KrakenError)) {
    return redactedError({ kind: 'auth', message: `${failed}${error instanceof Error ? error.message : 'unknown failure'}`, operationName: name || undefined, stage: 'login', mayHaveReachedServer: false, attempts: 0, cause: error }, call.secrets);
  }
  if (error.stage === 'login' && error.operationName === (name || undefined)) return error;
  let byOperation = shared.get(error);
  if (byOperation === undefined) shared.set(error, (byOperation = new Map()));
  let failure = byOperation.get(name);
  if (failure === undefined) {
    failure = withDetails(error, { message: `${failed}${error.message}`, operationName: name || undefined, stage: 'login', mayHaveReachedServer: false, attempts: 0, cause: error });
    byOperation.set(name, failure);
  }
  return failure;
}

/** The error of a call whose token could not be had: its bound fired while waiting, or the login failed. */
export function tokenFailure(call: CallState, failure: unknown, abort: CallAbort | undefined, timeoutMs: number): KrakenError {
  const why = abort?.signal?.aborted ? abort.reason() : undefined;
  if (why !== undefined) {
    const target = { operation: call.operation, origin: call.endpoint.origin, path: call.endpoint.path, now: Date.now };
    return withDetails(networkError(target, abort?.signal?.reason, why, timeoutMs, true), { stage: 'login', attempts: 0 });
  }
  return loginFailure(call, failure);
}
