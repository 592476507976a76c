import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import type { AnyDocument, CommonErrorCode, KrakenDocument, KrakenOperation } from './document.js';
import { operationOf } from './document.js';
import { createCallAbort } from './abort.js';
import type { CallAbort } from './abort.js';
import { errorFromResponse, networkError, readResponse } from './classify.js';
import type { GraphQLResponse, RequestTarget } from './classify.js';
import { KrakenError, TOKEN_EXPIRED_CODE, withDetails } from './errors.js';
import type { LoginErrorCode } from './errors.js';
import { isRetryable, NO_RETRY, retryDelay, retryPolicy } from './retry.js';
import type { RetryOptions, RetryPolicy } from './retry.js';
import { fetchTransport } from './transport.js';
import type { FetchFunction, KrakenTransport } from './transport.js';
import { defaultLoginDocument } from '../session/login-document.js';
import type { LoginDocument } from '../session/login-document.js';
import { createTokenSource } from '../session/token-source.js';
import type { CallBound } from '../session/token-source.js';
import type { KrakenAuth, ObtainTokenInput, ObtainTokenPayload, Session, SessionInfo, SessionStore } from '../session/types.js';

export interface KrakenClientOptions {
  /** The GraphQL API URL (brand entry points preset it). */
  readonly endpoint?: string;
  /** The authentication server URL, for documents served there; defaults to `endpoint`. */
  readonly authEndpoint?: string;
  /** Plain `http://` to a host that is not loopback is refused unless this is true. */
  readonly allowInsecureHttp?: boolean;
  /** How requests are sent; default `fetchTransport({ fetch })`. See `kraken-sdk/graphql-request` for another. */
  readonly transport?: KrakenTransport;
  /** For the default transport; defaults to `globalThis.fetch`, read at call time. */
  readonly fetch?: FetchFunction;
  /** Sent with every request. An `authorization` here is refused when `auth` is set (the token goes there). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Bounds each attempt of a call, the token it waits for included (ms); default 30 000. 0 disables it. May fire up to 1% late, never early. */
  readonly timeoutMs?: number;
  /** A response body past this many bytes is not read further: the call fails with an `http` error. Default 10 MiB. */
  readonly maxResponseBytes?: number;
  /** Retries of failures that certainly did not run the operation; `false` turns them off. Default 2 retries. */
  readonly retry?: RetryOptions | false;
  readonly auth?: KrakenAuth;
  /** The brand's documented ObtainKrakenToken operation. */
  readonly loginDocument?: LoginDocument;
  /** Put before the token in the Authorization header, e.g. `'JWT '`; default none (the raw token). */
  readonly authorizationPrefix?: string;
  /** Refresh this long before the token expires (ms); default 60 000. */
  readonly refreshSkewMs?: number;
  /** Where the session is kept; default in memory. */
  readonly store?: SessionStore;
  /** Called after each login or refresh. */
  readonly onSession?: (session: Session) => void | Promise<void>;
  /** Told about failures the client worked around (a failing store or onSession); default `console.warn`. */
  readonly onWarning?: (warning: KrakenError) => void;
  /** The clock (epoch ms); default `Date.now()`. */
  readonly now?: () => number;
}

export interface KrakenRequestOptions {
  readonly signal?: AbortSignal;
  /** Added to this request. An `authorization` here replaces the token for this call (no login is made for it). */
  readonly headers?: Readonly<Record<string, string>>;
  /** This call's retry options on top of the client's; `false`: no retry. */
  readonly retry?: RetryOptions | false;
  /** The operation is safe to run twice: also retry after a timeout or a broken connection. */
  readonly idempotent?: boolean;
}

/** Variables are required exactly when the operation has required variables. */
export type RequestArgs<TVariables> = Record<never, never> extends TVariables
  ? [variables?: TVariables, options?: KrakenRequestOptions]
  : [variables: TVariables, options?: KrakenRequestOptions];

export type SafeResult<TResult, TCode extends string = string> =
  | { readonly data: TResult; readonly error?: undefined }
  | { readonly data?: undefined; readonly error: KrakenError<TCode> };

export interface KrakenClient {
  /** Resolves to the operation's data or rejects with a KrakenError. */
  request<TResult, TVariables>(document: DocumentTypeDecoration<TResult, TVariables>, ...args: RequestArgs<NoInfer<TVariables>>): Promise<TResult>;
  /** Like `request`, but resolves to `{ data }` or `{ error }` and never rejects. */
  safeRequest<TResult, TVariables, TCode extends string>(
    document: KrakenDocument<TResult, TVariables, TCode>,
    ...args: RequestArgs<NoInfer<TVariables>>
  ): Promise<SafeResult<TResult, TCode | CommonErrorCode | LoginErrorCode>>;
  safeRequest<TResult, TVariables>(
    document: DocumentTypeDecoration<TResult, TVariables>,
    ...args: RequestArgs<NoInfer<TVariables>>
  ): Promise<SafeResult<TResult>>;
  /** The current session's expiries (never its secrets), or undefined when there is none. */
  session(): Promise<SessionInfo | undefined>;
  /** Forgets the session (the next request logs in again if the client holds credentials). */
  logout(): Promise<void>;
  toJSON(): Record<string, unknown>;
}

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

function authKindOf(auth: KrakenAuth | undefined): string {
  if (auth === undefined) return 'none';
  if ('getToken' in auth) return 'getToken';
  if ('token' in auth) return 'token';
  if ('email' in auth) return 'email';
  if ('apiKey' in auth) return 'apiKey';
  if ('refreshToken' in auth) return 'refreshToken';
  if ('organizationSecretKey' in auth) return 'organizationSecretKey';
  return 'preSignedKey';
}

/** An endpoint as the client keeps it: the URL to send to, and its origin and path for messages. */
interface Endpoint {
  readonly url: string;
  readonly origin: string;
  readonly path: string;
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127(?:\.\d{1,3}){3}$/.test(hostname)
  );
}

function parseEndpoint(name: string, value: unknown, allowInsecureHttp: boolean): Endpoint {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${name} must be a URL string.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not echoed: an unparsable URL may still hold a password.
    throw new TypeError(`${name} is not a valid absolute URL.`);
  }
  const where = `${url.origin}${url.pathname}`;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`${name} must be an http(s) URL, not ${url.protocol}.`);
  if (url.username !== '' || url.password !== '') {
    throw new TypeError(`${name} (${where}) must not hold a user name or password: give credentials with \`auth\`.`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && !allowInsecureHttp) {
    throw new TypeError(
      `${name} (${where}) is plain http to a host that is not loopback: tokens and passwords would travel unencrypted. Use https, or pass allowInsecureHttp: true.`,
    );
  }
  return { url: url.href, origin: url.origin, path: url.pathname };
}

function requireWhole(name: string, value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new TypeError(`${name} must be ${what}.`);
  return value;
}

const NOT_HEADER_SAFE = /[^\t\x20-\x7e\x80-\xff]/;

/** Header names lower-cased (so a caller's and the client's never merge into one value), values checked without echoing them. */
function headerRecord(name: string, headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  if (headers === undefined) return result;
  if (typeof headers !== 'object' || headers === null) throw new TypeError(`${name} must be an object of header names to strings.`);
  for (const [key, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key)) throw new TypeError(`${name}: "${key.replace(/[^\x20-\x7e]/g, '?')}" is not a valid header name.`);
    if (typeof value !== 'string' || NOT_HEADER_SAFE.test(value)) {
      throw new TypeError(`${name}["${key}"] must be a string without control characters (its value is not shown).`);
    }
    result[key.toLowerCase()] = value;
  }
  return result;
}

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

/** One call, prepared: what every attempt sends. */
interface Call {
  readonly operation: KrakenOperation;
  readonly variables: object | undefined;
  readonly body: string;
  /** The call's own headers, lower-cased. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly requestOptions: KrakenRequestOptions | undefined;
  readonly policy: RetryPolicy;
}

export function createKrakenClient(options: KrakenClientOptions): KrakenClient {
  if (typeof options !== 'object' || options === null) throw new TypeError('createKrakenClient needs an options object with an endpoint.');
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
  const transport = options.transport ?? fetchTransport({ fetch: options.fetch });
  if (typeof transport !== 'function') throw new TypeError('transport must be a function (request) => Promise<response>.');

  // Built once: every request starts from these.
  const baseHeaders: Readonly<Record<string, string>> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    ...headerRecord('headers', options.headers),
  };
  if (options.auth !== undefined && 'authorization' in baseHeaders) {
    throw new TypeError('headers.authorization cannot be combined with auth: the client sends its token there. Drop one of them.');
  }

  const targetOf = (operation: KrakenOperation): RequestTarget & { readonly url: string } => {
    const endpoint = operation.endpoint === 'auth' ? auth : api;
    return { operation, url: endpoint.url, origin: endpoint.origin, path: endpoint.path, now };
  };

  /** One HTTP request, classified: a GraphQL response (maybe with errors) or a KrakenError. */
  const sendOnce = async (
    target: RequestTarget & { readonly url: string },
    variables: object | undefined,
    body: string,
    headers: Readonly<Record<string, string>>,
    abort: CallAbort,
  ): Promise<GraphQLResponse> => {
    if (abort.signal?.aborted) throw networkError(target, abort.signal.reason, abort.reason(), timeoutMs, true);
    let response;
    try {
      response = await transport({ url: target.url, operation: target.operation, variables, body, headers, signal: abort.signal, maxResponseBytes });
    } catch (failure) {
      throw networkError(target, failure, abort.reason(), timeoutMs);
    }
    try {
      return readResponse(target, response);
    } catch (error) {
      // A transport that misbehaves (bad headers object…) still ends as a KrakenError.
      if (error instanceof KrakenError) throw error;
      throw new KrakenError({ kind: 'http', message: `${target.operation.operationName}: the response could not be read.`, origin: target.origin, cause: error });
    }
  };

  const headersWith = (token: string | undefined, callHeaders: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> => {
    if (token === undefined && callHeaders === undefined) return baseHeaders;
    const headers = { ...baseHeaders, ...callHeaders };
    if (token !== undefined) headers.authorization = `${prefix}${token}`;
    return headers;
  };

  const refuseUnsafeToken = (token: string, operation: KrakenOperation): void => {
    if (NOT_HEADER_SAFE.test(token)) {
      throw new KrakenError({
        kind: 'auth',
        message: `${operation.operationName}: the token holds a character not allowed in an HTTP header (CR, LF, NUL or another control character), so it was not sent; the token is not shown.`,
        operationName: operation.operationName,
        mayHaveReachedServer: false,
        stage: 'login',
      });
    }
  };

  /**
   * Sends with the retry policy. `getToken` is asked before each attempt (undefined: send without
   * Authorization). Resolves with a GraphQL response, errors included.
   */
  const sendWithRetries = async (
    call: Call,
    getToken: ((abort: CallAbort) => Promise<string | undefined>) | undefined,
  ): Promise<{ response: GraphQLResponse; token: string | undefined; attempts: number }> => {
    const { operation, variables, body, requestOptions, policy } = call;
    const target = targetOf(operation);
    const idempotent = requestOptions?.idempotent === true;
    const startedAt = policy.now();
    for (let attempt = 1; ; attempt += 1) {
      const abort = createCallAbort(requestOptions?.signal, timeoutMs);
      try {
        const token = getToken === undefined ? undefined : await tokenFor(operation, getToken, abort);
        if (token !== undefined) refuseUnsafeToken(token, operation);
        const response = await sendOnce(target, variables, body, headersWith(token, call.headers), abort);
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
        return { response, token, attempts: attempt };
      } catch (error) {
        // A failed login is shared by every call waiting on it: passed on as is (same object), never retried here.
        if (!(error instanceof KrakenError) || error.stage === 'login') throw error;
        if (attempt > policy.retries || !isRetryable(error, idempotent)) throw withDetails(error, { attempts: attempt });
        const delay = retryDelay(policy, error, attempt, startedAt);
        if (delay === undefined) throw withDetails(error, { attempts: attempt });
        await pause(policy, delay, requestOptions?.signal, target, error);
      } finally {
        abort.dispose();
      }
    }
  };

  const pause = async (policy: RetryPolicy, delay: number, signal: AbortSignal | undefined, target: RequestTarget, last: KrakenError): Promise<void> => {
    try {
      await policy.sleep(delay, signal);
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
  };

  /**
   * The token for an attempt, waited for no longer than the attempt's signal allows (a login shared
   * with other calls goes on for them). Any failure becomes a KrakenError of stage `login` naming the call.
   */
  const tokenFor = async (
    operation: KrakenOperation,
    getToken: (abort: CallAbort) => Promise<string | undefined>,
    abort: CallAbort,
  ): Promise<string | undefined> => {
    const { signal } = abort;
    const stopped = (): KrakenError =>
      withDetails(networkError(targetOf(operation), signal?.reason, abort.reason(), timeoutMs, true), { stage: 'login' });
    if (signal?.aborted) throw stopped();
    try {
      // Every token source stops waiting as soon as the call's signal fires (settleWithin).
      return await getToken(abort);
    } catch (error) {
      if (signal?.aborted) throw stopped();
      throw loginFailure(operation, error);
    }
  };

  // Calls waiting on one failed login share its error: one rejection object per failed login and operation.
  const loginFailures = new WeakMap<object, Map<string, KrakenError>>();
  const loginFailure = (operation: KrakenOperation, error: unknown): KrakenError => {
    const name = operation.operationName;
    // The call's own request never left, whatever the login's message says of the login's request.
    const failed = `${name ? `${name}: ` : ''}the login it needed failed, so the ${name ? `${name} ` : ''}request was not sent: `;
    if (error instanceof KrakenError) {
      if (error.stage === 'login' && error.operationName === (name || undefined)) return error;
      let byOperation = loginFailures.get(error);
      if (byOperation === undefined) loginFailures.set(error, (byOperation = new Map()));
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
    return new KrakenError({
      kind: 'auth',
      message: `${failed}${error instanceof Error ? error.message : 'unknown failure'}`,
      operationName: name || undefined,
      stage: 'login',
      mayHaveReachedServer: false,
      cause: error,
    });
  };

  const obtainToken = async (input: ObtainTokenInput, signal?: AbortSignal): Promise<ObtainTokenPayload | null | undefined> => {
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
    const { response } = await sendWithRetries(login, undefined);
    if (response.errors.length > 0) throw errorFromResponse(targetOf(loginOperation), response);
    return (response.data as { obtainKrakenToken?: ObtainTokenPayload | null } | null | undefined)?.obtainKrakenToken;
  };

  /** What bounds the wait for a token, as the token source reads it. */
  const boundOf = (abort: CallAbort): CallBound | undefined => (abort.signal === undefined ? undefined : { signal: abort.signal, reason: abort.reason });

  const tokens = createTokenSource({
    auth: options.auth,
    obtainToken,
    refreshSkewMs: options.refreshSkewMs,
    endpoint: loginOperation.endpoint === 'auth' ? auth.url : api.url,
    store: options.store,
    onSession: options.onSession,
    onWarning: options.onWarning,
    now,
  });

  /** Everything about a call that can be checked before it starts (bad input throws here, synchronously). */
  const prepare = (document: AnyDocument, variables: object | undefined, requestOptions: KrakenRequestOptions | undefined): Call | Promise<Call> => {
    const found = operationOf(document);
    // A promise only the first time a DocumentNode without source text is printed.
    return found instanceof Promise ? found.then((operation) => callOf(operation, variables, requestOptions)) : callOf(found, variables, requestOptions);
  };

  const callOf = (operation: KrakenOperation, variables: object | undefined, requestOptions: KrakenRequestOptions | undefined): Call => {
    return {
      operation,
      variables,
      body: bodyOf(operation, variables),
      headers: requestOptions?.headers === undefined ? undefined : headerRecord('request headers', requestOptions.headers),
      requestOptions,
      policy: requestOptions?.retry === undefined ? clientRetry : retryPolicy(requestOptions.retry, clientRetry),
    };
  };

  const execute = async (prepared: Call | Promise<Call>): Promise<unknown> => {
    const call = await prepared;
    const { operation } = call;
    // The login operation itself, a client without auth and a call bringing its own Authorization send no token of ours.
    const ownsAuthorization =
      options.auth !== undefined && operation.operationName !== loginOperation.operationName && call.headers?.authorization === undefined;
    const sent = await sendWithRetries(call, ownsAuthorization ? (abort) => tokens.token(boundOf(abort)) : undefined);
    let { response } = sent;
    const target = targetOf(operation);
    if (sent.token !== undefined && response.errors.some((error) => error.extensions?.errorCode === TOKEN_EXPIRED_CODE)) {
      // Reactive refresh: once, and only for an expired token (Kraken rejected the request before running it).
      const rejected = sent.token;
      const renewalAbort = createCallAbort(call.requestOptions?.signal, timeoutMs);
      let renewal: Promise<string | undefined> | undefined = tokens.tokenRejected(rejected, boundOf(renewalAbort));
      // Settles the renewal now if it fails before the retry asks for it (no unhandled rejection).
      renewal.catch(() => undefined);
      let renewedToken: string | undefined;
      try {
        renewedToken = await tokenFor(operation, () => renewal ?? Promise.resolve(undefined), renewalAbort);
      } finally {
        renewalAbort.dispose();
      }
      if (renewedToken !== undefined) {
        renewal = Promise.resolve(renewedToken);
        const again = await sendWithRetries(call, (abort) => {
          const token = renewal ?? tokens.token(boundOf(abort));
          renewal = undefined;
          return token;
        });
        response = again.response;
      }
    }
    if (response.errors.length > 0) throw withDetails(errorFromResponse(target, response), { attempts: sent.attempts });
    return response.data;
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
    toJSON: publicShape,
    [inspectSymbol]: () => ({ KrakenClient: publicShape() }),
  };
  return client as unknown as KrakenClient;
}
