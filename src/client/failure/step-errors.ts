// The errors steps build when a call cannot go on (loaded the first time one is needed): no token (stage
// `login`, naming the call; calls waiting on one failed login share one error per operation), a token unfit
// for a header, the identity's pause. Each says the call's own request was not sent, and why.
import type { CallAbort } from '../../core/abort.js';
import { KrakenError } from '../../core/errors.js';
import type { KrakenErrorDetails } from '../../core/errors.js';
import { redactedError } from '../../core/redact.js';
import type { CallState } from '../chain.js';
import { noAnswerError } from '../classify.js';
import { withDetails } from './backoff.js';

const shared = new WeakMap<KrakenError, Map<string, KrakenError>>();

/** The details every error here has: the call's operation, its request never sent, why. */
function notSent(call: CallState, why: string): Pick<KrakenErrorDetails, 'message' | 'operationName' | 'mayHaveReachedServer' | 'attempts'> {
  const name = call.operation.operationName;
  return { message: `${name ? `${name}: the ${name} ` : 'the '}request was not sent: ${why}`, operationName: name || undefined, mayHaveReachedServer: false, attempts: 0 };
}

function loginFailure(call: CallState, error: unknown): KrakenError {
  const name = call.operation.operationName;
  if (error instanceof KrakenError && error.stage === 'login' && error.operationName === (name || undefined)) return error;
  // The call's own request never left, whatever the login's message says of the login's request.
  const details = { ...notSent(call, `its login failed: ${error instanceof Error ? error.message : 'unknown failure'}`), stage: 'login', cause: error } as const;
  if (!(error instanceof KrakenError)) return redactedError({ kind: 'auth', ...details }, call.secrets);
  let byOperation = shared.get(error);
  if (byOperation === undefined) shared.set(error, (byOperation = new Map()));
  let failure = byOperation.get(name);
  if (failure === undefined) byOperation.set(name, (failure = withDetails(error, details)));
  return failure;
}

/** The error of a call whose token could not be had: its bound fired while waiting, or the login failed. */
export function tokenFailure(call: CallState, failure: unknown, abort: CallAbort | undefined, timeoutMs: number): KrakenError {
  const why = abort?.signal?.aborted ? abort.reason() : undefined;
  if (why === undefined) return loginFailure(call, failure);
  return withDetails(noAnswerError(call, { failure: abort?.signal?.reason, why, neverSent: true }, { secrets: call.secrets, timeoutMs, now: Date.now }), { stage: 'login', attempts: 0 });
}

/** A token holding a character not allowed in an HTTP header: never sent, never shown. */
export const unsafeTokenError = (call: CallState): KrakenError =>
  new KrakenError({ kind: 'auth', ...notSent(call, 'the token holds a character not allowed in an HTTP header.'), stage: 'login' });

/** A call not sent because its identity is paused (by this or another client sharing the session store) until `until`. */
export function pausedError(call: CallState, until: number): KrakenError {
  const retryAfterMs = Math.max(0, until - call.now());
  return new KrakenError({ kind: 'rate-limit', ...notSent(call, `this identity is rate-limited (KT-CT-1199) until ${new Date(until).toISOString()}.`), origin: call.endpoint.origin, retryAfterMs });
}
