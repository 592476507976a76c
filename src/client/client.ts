import type { AnyDocument, KrakenOperation } from '../core/document.js';
import { operationOf } from '../core/document.js';
import { createCallAbort } from '../core/abort.js';
import { boundOf, plainData, stoppedBeforeSending, tokenStep } from './pipeline/attempt.js';
import type { Attempt, TokenGetter } from './pipeline/attempt.js';
import type { Call, KrakenRequestOptions } from './pipeline/call.js';
import type { PauseGate } from './pipeline/pause.js';
import type { PaginatedDocument } from './pipeline/traffic-types.js';
import { authKindOf, headerRecord, NOT_HEADER_SAFE, parseEndpoint, requireWhole } from './config.js';
import type { Endpoint } from './config.js';
import { KrakenError } from '../core/errors.js';
import type { ClientCore } from './pipeline/recovery.js';
import type * as RecoveryModule from './pipeline/recovery.js';
import { NO_RETRY, retryPolicy } from './retry-options.js';
import { onFirstNeed, preloadInNode } from '../core/runtime.js';
import { defaultTransport, wasNotSent } from './transport.js';
import { userAgentHeader } from './identity.js';
import { refuseUnknownClientOptions, refuseUnknownRequestOptions } from './known-options.js';
import type * as ObserveModule from './pipeline/observe.js';
import { tracedCalls, tracingListened } from '../core/diagnostics.js';
import type { TransportResponse } from './transport.js';
import { defaultLoginDocument } from '../session/login-document.js';
import { createTokenSource } from '../session/token-source.js';
import type { ObtainTokenInput, ObtainTokenPayload } from '../session/types.js';

export type { KrakenRequestOptions } from './pipeline/call.js';

export type { KrakenClient, KrakenClientOptions, RequestArgs, SafeResult } from './types.js';
import type { KrakenClient, KrakenClientOptions } from './types.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The authentication server that goes with an overridden API endpoint: `/graphql/` on its origin (the
 * mock server's layout). Undefined for a string that is not a URL (the client then names `endpoint`).
 */
export function sameOriginAuthEndpoint(endpoint: string): string | undefined {
  try {
    return new URL('/graphql/', endpoint).href;
  } catch {
    return undefined;
  }
}
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

const bodyPrefixes = new WeakMap<KrakenOperation, string>();

/** The JSON body; the part that depends only on the operation is built once per operation. */
function bodyOf(operation: KrakenOperation, variables: object | undefined): string {
  let prefix = bodyPrefixes.get(operation);
  if (prefix === undefined) {
    prefix = `{"query":${JSON.stringify(operation.text)}${operation.operationName ? `,"operationName":${JSON.stringify(operation.operationName)}` : ''}`;
    bodyPrefixes.set(operation, prefix);
  }
  if (variables === undefined || variables === null) return `${prefix}}`;
  let json: string;
  try {
    json = JSON.stringify(variables);
  } catch (error) {
    throw new TypeError(`${operation.operationName || 'The operation'}: variables cannot be sent as JSON (${error instanceof Error ? error.name : 'error'}).`);
  }
  return `${prefix},"variables":${json}}`;
}

type Recovery = typeof RecoveryModule;
const loadRecovery = onFirstNeed((): Promise<Recovery> => import('./pipeline/recovery.js'));
const loadObserve = onFirstNeed((): Promise<typeof ObserveModule> => import('./pipeline/observe.js'));
// Loaded when first used: pagination and rateLimit().
const loadTraffic = onFirstNeed(() => import('./pipeline/traffic.js'));

/**
 * The failure path (classification, retries, re-login, error details) is loaded the first time an
 * attempt does not simply succeed: a bundler makes it a lazy chunk that an app whose calls succeed never
 * downloads. If it cannot be loaded (a browser offline, a chunk gone after a deploy), the call still
 * fails with a KrakenError, and the next failure tries again. In Node it is loaded with the client (runtime.ts).
 */
async function failurePath(operation: KrakenOperation, first: Attempt): Promise<Recovery> {
  try {
    return await loadRecovery();
  } catch (cause) {
    const { step } = first;
    const name = operation.operationName;
    throw new KrakenError({
      kind: step === 'answer' ? 'http' : step === 'send' ? 'network' : step === 'paused' ? 'rate-limit' : 'auth',
      message: `${name ? `${name}: ` : ''}the call failed, and the code that tells why (kraken-sdk's failure path, loaded on first need) could not be loaded; it was not retried.`,
      operationName: name || undefined,
      status: step === 'answer' ? first.response.status : undefined,
      reason: step === 'send' ? (first.why ?? 'connection') : undefined,
      mayHaveReachedServer: step === 'answer' || (step === 'send' && !first.neverSent),
      stage: step === 'token' || step === 'unsafe-token' ? 'login' : 'request',
      cause,
    });
  }
}

export function createKrakenClient(options: KrakenClientOptions): KrakenClient {
  if (typeof options !== 'object' || options === null) throw new TypeError('createKrakenClient needs an options object with an endpoint.');
  refuseUnknownClientOptions(options);
  const allowInsecureHttp = options.allowInsecureHttp === true;
  const api = parseEndpoint('endpoint', options.endpoint, allowInsecureHttp);
  const auth = options.authEndpoint === undefined ? api : parseEndpoint('authEndpoint', options.authEndpoint, allowInsecureHttp);
  const timeoutMs = requireWhole('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS, 'a number of milliseconds ≥ 0 (0 turns the timeout off)');
  const maxResponseBytes = requireWhole('maxResponseBytes', options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES, 'a number of bytes ≥ 0');
  const clientRetry = retryPolicy(options.retry);
  const now = options.now ?? (() => Date.now());
  const prefix = options.authorizationPrefix ?? '';
  if (typeof prefix !== 'string' || NOT_HEADER_SAFE.test(prefix)) throw new TypeError('authorizationPrefix must be a string without control characters.');
  const loginOperation = operationOf(options.loginDocument ?? defaultLoginDocument);
  const transport = options.transport ?? defaultTransport(options.fetch);
  if (typeof transport !== 'function') throw new TypeError('transport must be a function (request) => Promise<response>.');
  preloadInNode(loadRecovery);
  const { store } = options;
  // The identity's pause: in memory, and in the store when it shares pauses (read on each call, scoped like the session).
  const pauseGate: PauseGate = {
    until: 0,
    shared: store?.pause && onFirstNeed(() => loadRecovery().then((recovery) => recovery.sharedPause(store, auth.url, options.auth, now, options.onWarning))),
  };
  // In Node the scoped pause is made with the client (no store I/O: a module and a hash), so a first call waits for no file read.
  if (pauseGate.shared) preloadInNode(pauseGate.shared);

  // Built once: every request starts from these.
  const baseHeaders: Readonly<Record<string, string>> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    ...userAgentHeader(options.userAgent),
    ...headerRecord('headers', options.headers),
  };
  if (options.auth !== undefined && 'authorization' in baseHeaders) {
    throw new TypeError('headers.authorization cannot be combined with auth: the client sends its token there. Drop one of them.');
  }

  const endpointOf = (operation: KrakenOperation): Endpoint => (operation.endpoint === 'auth' ? auth : api);

  const headersWith = (token: string | undefined, callHeaders: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> => {
    if (token === undefined && callHeaders === undefined) return baseHeaders;
    const headers = { ...baseHeaders, ...callHeaders };
    if (token !== undefined) headers.authorization = `${prefix}${token}`;
    return headers;
  };

  const debug = options.debug;
  if (debug !== undefined && typeof debug !== 'boolean' && typeof debug !== 'function') throw new TypeError('debug must be true, false or a function receiving each line.');
  // The debug lines and the tracing channels (observe.ts) cost a call nothing until asked for.
  const observing = (): boolean => debug !== undefined && debug !== false ? true : tracingListened();
  if (debug) preloadInNode(loadObserve);
  let observer: Promise<ObserveModule.CallObserver> | undefined;
  const observed = () => (observer ??= loadObserve().then((module) => module.createCallObserver(debug, loginOperation, (call) => endpointOf(call.operation), tracedCalls)));

  /** One attempt: the token (if the call needs one), then one request; never throws, the failure path judges. */
  const sendAttempt = async (call: Call, getToken: TokenGetter | undefined, waitedUntil: number): Promise<Attempt> => {
    // A pause held in memory stops the attempt at once, unless this call has waited it out.
    const held = pauseGate.until > now() ? pauseGate.until : 0;
    if (held > waitedUntil) return { step: 'paused', until: held };
    // Without one, a store that shares pauses is read (the token is asked for meanwhile).
    const pending = held ? undefined : pauseGate.shared?.().then((shared) => shared.get(), () => undefined);
    const abort = createCallAbort(call.requestOptions?.signal, timeoutMs);
    try {
      // Stopped before it began: no token is asked for, so the error is the request's, not a login's.
      if (abort.signal?.aborted) return stoppedBeforeSending(undefined, abort);
      let token: string | undefined;
      // While a shared store's pause is read, the token is asked for meanwhile (a login checks the pause itself).
      const asked = getToken === undefined ? undefined : tokenStep(getToken, abort);
      const until = pending && (await pending);
      if (until !== undefined && until > waitedUntil) return { step: 'paused', until };
      if (asked !== undefined) {
        const got = await asked;
        if (!('token' in got)) return { step: 'token', ...got };
        token = got.token;
        if (token !== undefined && NOT_HEADER_SAFE.test(token)) return { step: 'unsafe-token' };
      }
      const { signal } = abort;
      if (signal?.aborted) return stoppedBeforeSending(token, abort);
      const { operation, variables, body } = call;
      let response: TransportResponse;
      try {
        response = await transport({ url: endpointOf(operation).url, operation, variables, body, headers: headersWith(token, call.headers), signal, maxResponseBytes });
      } catch (failure) {
        return { step: 'send', token, neverSent: wasNotSent(failure), failure, why: abort.reason() };
      }
      return { step: 'answer', token, response, data: plainData(response) };
    } finally {
      abort.dispose();
    }
  };
  const attempt = (call: Call, getToken: TokenGetter | undefined, waitedUntil = 0): Promise<Attempt> =>
    observing() ? observed().then((watch) => watch.attempt(call, () => sendAttempt(call, getToken, waitedUntil))) : sendAttempt(call, getToken, waitedUntil);

  // What this client's errors never show: filled by the token source and the failure path (redact.ts).
  const secrets = new Set<string>();
  const tokens = createTokenSource({
    auth: options.auth,
    secrets,
    obtainToken: async (input: ObtainTokenInput, signal?: AbortSignal): Promise<ObtainTokenPayload | null | undefined> => {
      const variables = { input };
      const login: Call = {
        operation: loginOperation,
        variables,
        body: bodyOf(loginOperation, variables),
        headers: undefined,
        requestOptions: signal === undefined ? undefined : { signal },
        // The token source backs a failed login off itself (issue 9): no second layer of retries here.
        policy: NO_RETRY,
      };
      const first = await attempt(login, undefined);
      const data = first.step === 'answer' && first.data !== undefined ? first.data : await (await failurePath(loginOperation, first)).loginData(core, login, first);
      return (data as { obtainKrakenToken?: ObtainTokenPayload | null } | null | undefined)?.obtainKrakenToken;
    },
    refreshSkewMs: options.refreshSkewMs,
    endpoint: endpointOf(loginOperation).url,
    store: options.store,
    onSession: options.onSession,
    onWarning: options.onWarning,
    now,
  });

  // What the failure path works with.
  const core: ClientCore = {
    timeoutMs,
    tokens,
    attempt,
    loginFailures: new WeakMap(),
    secrets,
    headers: baseHeaders,
    targetOf: (operation) => ({ operation, ...endpointOf(operation), now }),
    pause: pauseGate,
    now,
    tokenStep,
    boundOf,
  };
  const tokenOfAttempt: TokenGetter = (abort) => tokens.token(boundOf(abort));

  /** Everything about a call that can be checked before it starts (bad input throws here, synchronously). */
  const prepare = (document: AnyDocument, variables: object | undefined, requestOptions: KrakenRequestOptions | undefined): Call | Promise<Call> => {
    const found = operationOf(document);
    // A promise only the first time a DocumentNode without source text is printed.
    return found instanceof Promise ? found.then((operation) => callOf(operation, variables, requestOptions)) : callOf(found, variables, requestOptions);
  };

  const callOf = (operation: KrakenOperation, variables: object | undefined, requestOptions: KrakenRequestOptions | undefined): Call => (refuseUnknownRequestOptions(requestOptions), {
    operation,
    variables,
    body: bodyOf(operation, variables),
    headers: requestOptions?.headers === undefined ? undefined : headerRecord('request headers', requestOptions.headers),
    requestOptions,
    policy: requestOptions?.retry === undefined ? clientRetry : retryPolicy(requestOptions.retry, clientRetry),
  });

  const execute = async (prepared: Call | Promise<Call>): Promise<unknown> => {
    const call = await prepared;
    return observing() ? (await observed()).call(call, runCall) : runCall(call);
  };
  const runCall = async (call: Call): Promise<unknown> => {
    const { operation } = call;
    // The login operation itself, a client without auth and a call bringing its own Authorization send no token of ours.
    const getToken =
      options.auth !== undefined && operation.operationName !== loginOperation.operationName && call.headers?.authorization === undefined
        ? tokenOfAttempt
        : undefined;
    const startedAt = call.policy.now();
    const first = await attempt(call, getToken);
    if (first.step === 'answer' && first.data !== undefined) return first.data;
    return (await failurePath(operation, first)).finishCall(core, call, getToken, first, startedAt);
  };


  const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');
  const publicShape = (): Record<string, unknown> => ({
    endpoint: `${api.origin}${api.path}`,
    authEndpoint: `${auth.origin}${auth.path}`,
    auth: authKindOf(options.auth),
  });

  const client = {
    request: (document: AnyDocument, variables?: object, requestOptions?: KrakenRequestOptions) =>
      execute(prepare(document, variables, requestOptions)),
    safeRequest: (document: AnyDocument, variables?: object, requestOptions?: KrakenRequestOptions) => {
      // Invalid documents, variables or options throw here, synchronously; request failures always resolve to { error }.
      const call = prepare(document, variables, requestOptions);
      return execute(call).then(
        (data) => ({ data }),
        (error: unknown) => ({
          error:
            error instanceof KrakenError
              ? error
              : new KrakenError({
                  kind: 'http',
                  message: `The request failed unexpectedly (${error instanceof Error ? error.name : typeof error}).`,
                  cause: error,
                }),
        }),
      );
    },
    session: () => tokens.info(),
    logout: () => tokens.logout(),
    rateLimit: (requestOptions?: KrakenRequestOptions) => loadTraffic().then((traffic) => traffic.rateLimit(client as unknown as KrakenClient, core, requestOptions)),
    paginate: (document: PaginatedDocument, variables?: object, paginateOptions?: object) => {
      // The walk's code loads on the first next(); each for-await is a walk of its own.
      async function* walk(pages: boolean): AsyncGenerator<unknown> {
        yield* (await loadTraffic()).paginate(client as unknown as KrakenClient, document, variables, paginateOptions, pages);
      }
      return { [Symbol.asyncIterator]: () => walk(false), pages: () => ({ [Symbol.asyncIterator]: () => walk(true) }) };
    },
    toJSON: publicShape,
    [inspectSymbol]: () => ({ KrakenClient: publicShape() }),
  };
  return client as unknown as KrakenClient;
}
