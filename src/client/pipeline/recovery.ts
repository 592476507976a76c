// The failure path, loaded the first time an attempt does not simply succeed: it judges the attempt
// (classify.ts), retries what is safe to retry, renews a token Kraken called expired, and builds the
// KrakenError a call fails with.
import { createCallAbort } from '../../core/abort.js';
import type { CallAbort } from '../../core/abort.js';
import type { Attempt, boundOf, Call, TokenGetter, TokenStep, tokenStep } from './attempt.js';
import { errorFromResponse, networkError, readResponse } from '../classify.js';
import type { GraphQLResponse, RequestTarget } from '../classify.js';
import type { KrakenOperation } from '../../core/document.js';
import { KrakenError, TOKEN_EXPIRED_CODE } from '../../core/errors.js';
import type { KrakenErrorDetails } from '../../core/errors.js';
import { addSecret, redactedError } from '../../core/redact.js';
import type { Secrets } from '../../core/redact.js';
import type { PauseGate } from './pause.js';
import { abortableSleep, isRetryable, retryDelay } from './retry.js';
import type { RetryPolicy } from '../retry-options.js';
import type { TokenSource } from '../../session/token-source.js';

/** Longest pause a server's word sets (Kraken's allowance window is an hour): a wrong or absurd value is clamped to it. */
// The store side of a shared pause comes with the failure path, which records pauses (one lazy chunk fewer up front).
export { sharedPause } from './shared-pause.js';

export const MAX_PAUSE_MS = 3_600_000;

/** What the failure path needs of the client that made the call. */
export interface ClientCore {
  readonly timeoutMs: number;
  readonly tokens: TokenSource;
  /** Calls waiting on one failed login share its error: one rejection object per failed login and operation. */
  readonly loginFailures: WeakMap<object, Map<string, KrakenError>>;
  /** What the client's errors never show (see redact.ts); the token source adds what it holds. */
  readonly secrets: Secrets;
  /** The client-wide headers (the option), whose secret-looking values join `secrets` when a call or a login fails. */
  readonly headers: Readonly<Record<string, string>>;
  targetOf(operation: KrakenOperation): RequestTarget;
  /** `waitedUntil`: the end of a pause this call has already waited out (a pause ending by then lets it pass). */
  attempt(call: Call, getToken: TokenGetter | undefined, waitedUntil?: number): Promise<Attempt>;
  /** The identity's rate-limit pause, and the client's clock it is read with. */
  readonly pause: PauseGate;
  readonly now: () => number;
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
  // Its own fields are its details (the constructor ignores the derived `code`, `codes` and `name`); message and cause are not own enumerable fields.
  return new KrakenError({ ...error, message: error.message, cause: error.cause, ...details });
}

type Stopped = Exclude<TokenStep, { readonly token: string | undefined }>;

/** Why a call could not get its token, as a KrakenError of stage `login` naming the call. */
function tokenFailure(core: ClientCore, target: RequestTarget, step: Stopped): KrakenError {
  if (step.stopped) return withDetails(networkError(target, step.failure, step.why, core.timeoutMs, true), { stage: 'login', attempts: 0 });
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
        attempts: 0,
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
    attempts: 0,
    cause: error,
  }, core.secrets);
}

/** Records a pause until `untilMs` here and, if shared, in the store (the latest word of the server wins); never rejects. */
export async function recordPause(pause: PauseGate, untilMs: number): Promise<void> {
  pause.until = untilMs;
  await pause.shared?.().then((shared) => shared.set(untilMs), () => undefined);
}

/** A pause the server announced (KT-CT-1199 or HTTP 429 with a wait), recorded for every call of the identity. */
async function notePause(core: ClientCore, error: KrakenError): Promise<number | undefined> {
  const wait = error.kind === 'rate-limit' ? error.retryAfterMs : undefined;
  if (wait === undefined || wait <= 0) return undefined;
  const until = core.now() + Math.min(wait, MAX_PAUSE_MS);
  // Recorded before the call reports it or retries: the fleet knows of the pause by the time anyone else does.
  await recordPause(core.pause, until);
  return until;
}

/** A call not sent because of the identity's rate-limit pause. */
function pausedError(core: ClientCore, target: RequestTarget, until: number, attempts: number): KrakenError {
  const name = target.operation.operationName;
  const waitMs = Math.max(0, until - core.now());
  return new KrakenError({
    kind: 'rate-limit',
    message:
      `${name ? `${name}: ` : ''}not sent: this identity is rate-limited (KT-CT-1199) until ${new Date(until).toISOString()}, ` +
      `${waitMs} ms from now (a pause this or another client sharing the session store recorded), longer than the retry policy waits.`,
    operationName: name || undefined,
    origin: target.origin,
    retryAfterMs: waitMs,
    mayHaveReachedServer: false,
    attempts: attempts,
  });
}

/** Whether the retry policy lets a call wait `waitMs` for a pause to end (nothing was sent meanwhile). */
function mayWaitOut(policy: RetryPolicy, waitMs: number, startedAt: number): boolean {
  return policy.retries > 0 && waitMs <= policy.maxRetryAfterMs && policy.now() - startedAt + waitMs <= policy.maxTotalMs;
}

/** An attempt judged: a GraphQL response (maybe with errors), or the KrakenError it comes to, thrown. */
function judge(core: ClientCore, target: RequestTarget, attempt: Attempt): GraphQLResponse {
  const { operation } = target;
  switch (attempt.step) {
    case 'paused':
      throw pausedError(core, target, attempt.until, 0);
    case 'token':
      throw tokenFailure(core, target, attempt);
    case 'unsafe-token':
      throw new KrakenError({
        kind: 'auth',
        message: `${operation.operationName}: the token holds a character not allowed in an HTTP header (CR, LF, NUL or another control character), so it was not sent; the token is not shown.`,
        operationName: operation.operationName,
        mayHaveReachedServer: false,
        stage: 'login',
        attempts: 0,
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
  let pending = first;
  // The end of the pause this call has waited out (the retry's own wait of a Retry-After counts): a pause
  // ending by then lets it pass, whatever the clock says when the waiting was done by an injected sleep.
  let waitedUntil: number | undefined;
  for (let attempt = 1; ; attempt += 1) {
    const made = pending ?? (await core.attempt(call, getToken, waitedUntil));
    pending = undefined;
    if (made.step === 'paused') {
      // Nothing was sent: wait the pause out when the policy allows it (not counted as a retry), else fail at once.
      const waitMs = Math.max(0, made.until - core.now());
      if (!mayWaitOut(policy, waitMs, startedAt)) throw pausedError(core, target, made.until, attempt - 1);
      await pause(policy, waitMs, requestOptions?.signal, target, pausedError(core, target, made.until, attempt - 1));
      waitedUntil = made.until;
      attempt -= 1;
      continue;
    }
    let until: number | undefined;
    try {
      const response = judge(core, target, made);
      const error = response.errors.length > 0 ? errorFromResponse(target, response) : undefined;
      if (error !== undefined) until = await notePause(core, error);
      if (error !== undefined && attempt <= policy.retries) {
        if (isRetryable(error, idempotent)) {
          const delay = retryDelay(policy, error, attempt, startedAt);
          if (delay !== undefined) {
            await pause(policy, delay, requestOptions?.signal, target, error);
            waitedUntil = until ?? waitedUntil;
            continue;
          }
        }
      }
      return { response, token: made.token, attempts: attempt };
    } catch (error) {
      // A failed login is shared by every call waiting on it: passed on as is (same object), never retried here.
      if (!(error instanceof KrakenError) || error.stage === 'login') throw error;
      if (made.step === 'answer') until = await notePause(core, error);
      // An attempt stopped by the call's signal before sending was not a send.
      const sends = made.step === 'send' && made.neverSent && made.why !== undefined ? attempt - 1 : attempt;
      if (attempt > policy.retries || !isRetryable(error, idempotent)) throw withDetails(error, { attempts: sends });
      const delay = retryDelay(policy, error, attempt, startedAt);
      if (delay === undefined) throw withDetails(error, { attempts: sends });
      await pause(policy, delay, requestOptions?.signal, target, error);
      waitedUntil = until ?? waitedUntil;
    }
  }
}

// Header names that carry credentials by convention: Authorization, Cookie, X-Api-Key, X-Session-Token, ...
const SECRET_HEADER = /auth|cookie|token|secret|key|pass|session|signature|credential/i;

/** The values of secret-looking headers, as sent and in the parts an echo may show alone (after a scheme, each cookie). */
function addHeaderSecrets(secrets: Secrets, headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADER.test(name)) continue;
    addSecret(secrets, value);
    addSecret(secrets, value.replace(/^\S+\s+/, ''));
    for (const pair of value.split(';')) addSecret(secrets, pair.slice(pair.indexOf('=') + 1).trim());
  }
}

/** A call whose first attempt did not simply succeed: its data, or the KrakenError it fails with. */
export async function finishCall(core: ClientCore, call: Call, getToken: TokenGetter | undefined, first: Attempt, startedAt: number): Promise<unknown> {
  const { operation } = call;
  addHeaderSecrets(core.secrets, { ...core.headers, ...call.headers });
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
  // The login sends the client's headers too, and fails before any call's own failure path could learn them.
  addHeaderSecrets(core.secrets, core.headers);
  const { response, attempts } = await sendWithRetries(core, login, undefined, first, login.policy.now());
  if (response.errors.length > 0) throw withDetails(errorFromResponse(targetOf(core, login.operation), response), { attempts });
  return response.data;
}
