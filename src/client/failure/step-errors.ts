// The errors steps build when a call cannot go on (loaded the first time one is needed): no token (stage
// `login`, naming the call; calls waiting on one failed login share one error per operation), a token unfit
// for a header, the identity's pause.
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

/** A token holding a character not allowed in an HTTP header: never sent, never shown. */
export function unsafeTokenError(call: CallState): KrakenError {
  const name = call.operation.operationName;
  return new KrakenError({
    kind: 'auth',
    message: `${name}: the token holds a character not allowed in an HTTP header (CR, LF, NUL or another control character), so it was not sent; the token is not shown.`,
    operationName: name,
    mayHaveReachedServer: false,
    stage: 'login',
    attempts: 0,
  });
}

/** A call not sent because its identity is paused until `until`. */
export function pausedError(call: CallState, until: number): KrakenError {
  const name = call.operation.operationName;
  const waitMs = Math.max(0, until - call.now());
  return new KrakenError({
    kind: 'rate-limit',
    message:
      `${name ? `${name}: ` : ''}not sent: this identity is rate-limited (KT-CT-1199) until ${new Date(until).toISOString()}, ` +
      `${waitMs} ms from now (a pause this or another client sharing the session store recorded), longer than the retry policy waits.`,
    operationName: name || undefined,
    origin: call.endpoint.origin,
    retryAfterMs: waitMs,
    mayHaveReachedServer: false,
    attempts: 0,
  });
}
