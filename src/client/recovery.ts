// The failure path, loaded the first time an attempt does not simply succeed: it judges the attempt
// (classify.ts), retries what is safe to retry, renews a token Kraken called expired, and builds the
// KrakenError a call fails with.
import { createCallAbort } from './abort.js';
import type { CallAbort } from './abort.js';
import type { Attempt, boundOf, Call, TokenGetter, TokenStep, tokenStep } from './attempt.js';
import { errorFromResponse, networkError, readResponse } from './classify.js';
import type { GraphQLResponse, RequestTarget } from './classify.js';
import type { KrakenOperation } from './document.js';
import { KrakenError, TOKEN_EXPIRED_CODE } from './errors.js';
import type { KrakenErrorDetails } from './errors.js';
import { addSecret, redactedError } from './redact.js';
import type { Secrets } from './redact.js';
import { abortableSleep, isRetryable, retryDelay } from './retry.js';
import type { RetryPolicy } from './retry-options.js';
import type { TokenSource } from '../session/token-source.js';

/** What the failure path needs of the client that made the call. */
export interface ClientCore {
  readonly timeoutMs: number;
  readonly tokens: TokenSource;
  /** Calls waiting on one failed login share its error: one rejection object per failed login and operation. */
  readonly loginFailures: WeakMap<object, Map<string, KrakenError>>;
  /** What the client's errors never show (see redact.ts); the token source adds what it holds. */
  readonly secrets: Secrets;
  targetOf(operation: KrakenOperation): RequestTarget;
  attempt(call: Call, getToken: TokenGetter | undefined): Promise<Attempt>;
  // The client's own helpers, passed in so that they stay in the client's chunk.
  readonly tokenStep: typeof tokenStep;
  readonly boundOf: typeof boundOf;
}

/** Where a call of `operation` goes, with the client's secrets that its errors must not show. */
function targetOf(core: ClientCore, operation: KrakenOperation): RequestTarget {
  return { ...core.targetOf(operation), secrets: core.secrets };
}

/** A copy of `error` with some fields replaced (KrakenErrors are immutable). */
export function withDetails(error: KrakenError, details: Partial<KrakenErrorDetails>): KrakenError {
  return new KrakenError({
    kind: error.kind,
    message: error.message,
    operationName: error.operationName,
    errors: error.errors,
    data: error.data,
    status: error.status,
    body: error.body,
    reason: error.reason,
    retryAfterMs: error.retryAfterMs,
    mayHaveReachedServer: error.mayHaveReachedServer,
    origin: error.origin,
    systemCode: error.systemCode,
    stage: error.stage,
    attempts: error.attempts,
    omittedErrors: error.omittedErrors,
    cause: error.cause,
    ...details,
  });
}

type Stopped = Exclude<TokenStep, { readonly token: string | undefined }>;

/** Why a call could not get its token, as a KrakenError of stage `login` naming the call. */
function tokenFailure(core: ClientCore, target: RequestTarget, step: Stopped): KrakenError {
  if (step.stopped) return withDetails(networkError(target, step.failure, step.why, core.timeoutMs, true), { stage: 'login' });
  return loginFailure(core, target.operation, step.failure);
}

function loginFailure(core: ClientCore, operation: KrakenOperation, error: unknown): KrakenError {
  const name = operation.operationName;
  // The call's own request never left, whatever the login's message says of the login's request.
  const failed = `${name ? `${name}: ` : ''}the login it needed failed, so the ${name ? `${name} ` : ''}request was not sent: `;
  if (error instanceof KrakenError) {
    if (error.stage === 'login' && error.operationName === (name || undefined)) return error;
    let byOperation = core.loginFailures.get(error);
    if (byOperation === undefined) core.loginFailures.set(error, (byOperation = new Map()));
    let failure = byOperation.get(name);
    if (failure === undefined) {
      failure = withDetails(error, {
        message: `${failed}${error.message}`,
        operationName: name || undefined,
        stage: 'login',
        mayHaveReachedServer: false,
        cause: error,
      });
      byOperation.set(name, failure);
    }
    return failure;
  }
  return redactedError({
    kind: 'auth',
    message: `${failed}${error instanceof Error ? error.message : 'unknown failure'}`,
    operationName: name || undefined,
    stage: 'login',
    mayHaveReachedServer: false,
    cause: error,
  }, core.secrets);
}

/** An attempt judged: a GraphQL response (maybe with errors), or the KrakenError it comes to, thrown. */
function judge(core: ClientCore, target: RequestTarget, attempt: Attempt): GraphQLResponse {
  const { operation } = target;
  switch (attempt.step) {
    case 'token':
      throw tokenFailure(core, target, attempt);
    case 'unsafe-token':
      throw new KrakenError({
        kind: 'auth',
        message: `${operation.operationName}: the token holds a character not allowed in an HTTP header (CR, LF, NUL or another control character), so it was not sent; the token is not shown.`,
        operationName: operation.operationName,
        mayHaveReachedServer: false,
        stage: 'login',
      });
    case 'send':
      throw networkError(target, attempt.failure, attempt.why, core.timeoutMs, attempt.neverSent);
    default:
      try {
        return readResponse(target, attempt.response);
      } catch (error) {
        // A transport that misbehaves (bad headers object…) still ends as a KrakenError.
        if (error instanceof KrakenError) throw error;
        throw redactedError({ kind: 'http', message: `${operation.operationName}: the response could not be read.`, origin: target.origin, cause: error }, target.secrets);
      }
  }
}

async function pause(policy: RetryPolicy, delay: number, signal: AbortSignal | undefined, target: RequestTarget, last: KrakenError): Promise<void> {
  try {
    await (policy.sleep ?? abortableSleep)(delay, signal);
  } catch (reason) {
    throw new KrakenError({
      kind: 'network',
      reason: 'abort',
      message: `${target.operation.operationName}: aborted while waiting to retry after: ${last.message}`,
      operationName: target.operation.operationName || undefined,
      origin: target.origin,
      mayHaveReachedServer: last.mayHaveReachedServer,
      cause: reason,
    });
  }
}

/**
 * Goes on from an attempt (`first`, already made; else a new one) with the retry policy. Resolves with
 * a GraphQL response, errors included.
 */
async function sendWithRetries(
  core: ClientCore,
  call: Call,
  getToken: TokenGetter | undefined,
  first: Attempt | undefined,
  startedAt: number,
): Promise<{ response: GraphQLResponse; token: string | undefined; attempts: number }> {
  const { requestOptions, policy } = call;
  const target = targetOf(core, call.operation);
  const idempotent = requestOptions?.idempotent === true;
  for (let attempt = 1; ; attempt += 1) {
    const made = attempt === 1 && first !== undefined ? first : await core.attempt(call, getToken);
    try {
      const response = judge(core, target, made);
      if (response.errors.length > 0 && attempt <= policy.retries) {
        const error = errorFromResponse(target, response);
        if (isRetryable(error, idempotent)) {
          const delay = retryDelay(policy, error, attempt, startedAt);
          if (delay !== undefined) {
            await pause(policy, delay, requestOptions?.signal, target, error);
            continue;
          }
        }
      }
      return { response, token: made.token, attempts: attempt };
    } catch (error) {
      // A failed login is shared by every call waiting on it: passed on as is (same object), never retried here.
      if (!(error instanceof KrakenError) || error.stage === 'login') throw error;
      if (attempt > policy.retries || !isRetryable(error, idempotent)) throw withDetails(error, { attempts: attempt });
      const delay = retryDelay(policy, error, attempt, startedAt);
      if (delay === undefined) throw withDetails(error, { attempts: attempt });
      await pause(policy, delay, requestOptions?.signal, target, error);
    }
  }
}

/** A call whose first attempt did not simply succeed: its data, or the KrakenError it fails with. */
export async function finishCall(core: ClientCore, call: Call, getToken: TokenGetter | undefined, first: Attempt, startedAt: number): Promise<unknown> {
  const { operation } = call;
  // A call's own Authorization (its scheme and token) is a secret of this call's errors.
  const own = call.headers?.authorization;
  addSecret(core.secrets, own);
  addSecret(core.secrets, own?.replace(/^\S+\s+/, ''));
  addSecret(core.secrets, first.token);
  const sent = await sendWithRetries(core, call, getToken, first, startedAt);
  let { response } = sent;
  const target = targetOf(core, operation);
  if (sent.token !== undefined && response.errors.some((error) => error.extensions?.errorCode === TOKEN_EXPIRED_CODE)) {
    // Reactive refresh: once, and only for an expired token (Kraken rejected the request before running it).
    const renewalAbort = createCallAbort(call.requestOptions?.signal, core.timeoutMs);
    let renewal: Promise<string | undefined> | undefined = core.tokens.tokenRejected(sent.token, core.boundOf(renewalAbort));
    // Settles the renewal now if it fails before the retry asks for it (no unhandled rejection).
    renewal.catch(() => undefined);
    let renewed: TokenStep;
    try {
      renewed = await core.tokenStep(() => renewal ?? Promise.resolve(undefined), renewalAbort);
    } finally {
      renewalAbort.dispose();
    }
    if (!('token' in renewed)) throw tokenFailure(core, target, renewed);
    if (renewed.token !== undefined) {
      renewal = Promise.resolve(renewed.token);
      const again = await sendWithRetries(
        core,
        call,
        (abort: CallAbort) => {
          const token = renewal ?? core.tokens.token(core.boundOf(abort));
          renewal = undefined;
          return token;
        },
        undefined,
        startedAt,
      );
      response = again.response;
    }
  }
  if (response.errors.length > 0) throw withDetails(errorFromResponse(target, response), { attempts: sent.attempts });
  return response.data;
}

/** The login call's data when its attempt did not simply succeed, or the KrakenError it fails with (never retried here). */
export async function loginData(core: ClientCore, login: Call, first: Attempt): Promise<unknown> {
  const { response } = await sendWithRetries(core, login, undefined, first, login.policy.now());
  if (response.errors.length > 0) throw errorFromResponse(targetOf(core, login.operation), response);
  return response.data;
}
