import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import type { AnyDocument, CommonErrorCode, KrakenDocument, KrakenOperation } from './document.js';
import { operationOf } from './document.js';
import { createRequestAbort } from './abort.js';
import { KrakenError, TOKEN_EXPIRED_CODE } from './errors.js';
import { errorFromResponse, sendOperation } from './transport.js';
import type { FetchFunction, GraphQLResponse } from './transport.js';
import { defaultLoginDocument } from '../session/login-document.js';
import type { LoginDocument } from '../session/login-document.js';
import { createTokenSource } from '../session/token-source.js';
import type { KrakenAuth, ObtainTokenInput, ObtainTokenPayload, Session, SessionInfo, SessionStore } from '../session/types.js';

export interface KrakenClientOptions {
  /** The GraphQL API URL (brand entry points preset it). */
  readonly endpoint?: string;
  /** The authentication server URL, for documents served there; defaults to `endpoint`. */
  readonly authEndpoint?: string;
  /** Defaults to `globalThis.fetch`, read at call time. */
  readonly fetch?: FetchFunction;
  /** Sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Per HTTP request, in ms; default 30 000. 0 disables the timeout. */
  readonly timeoutMs?: number;
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
  readonly headers?: Readonly<Record<string, string>>;
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
  ): Promise<SafeResult<TResult, TCode | CommonErrorCode>>;
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

function requireUrl(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${name} must be a URL string.`);
  try {
    new URL(value);
  } catch {
    throw new TypeError(`${name} is not a valid URL: ${value}`);
  }
  return value;
}

export function createKrakenClient(options: KrakenClientOptions): KrakenClient {
  const endpoint = requireUrl('endpoint', options.endpoint);
  const authEndpoint = options.authEndpoint === undefined ? endpoint : requireUrl('authEndpoint', options.authEndpoint);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => Date.now());
  const prefix = options.authorizationPrefix ?? '';
  const loginOperation = operationOf(options.loginDocument ?? defaultLoginDocument);

  const send = (
    operation: KrakenOperation,
    variables: object | undefined,
    token: string | undefined,
    requestOptions?: KrakenRequestOptions,
    requestTimeoutMs: number = timeoutMs,
  ): Promise<GraphQLResponse> =>
    sendOperation({
      url: operation.endpoint === 'auth' ? authEndpoint : endpoint,
      operation,
      variables,
      headers: {
        ...options.headers,
        ...requestOptions?.headers,
        ...(token === undefined ? {} : { Authorization: `${prefix}${token}` }),
      },
      fetch: options.fetch,
      signal: requestOptions?.signal,
      timeoutMs: requestTimeoutMs,
      now,
    });

  const obtainToken = async (input: ObtainTokenInput): Promise<ObtainTokenPayload | null | undefined> => {
    const response = await send(loginOperation, { input }, undefined);
    if (response.errors.length > 0) throw errorFromResponse(loginOperation, response, now);
    return (response.data as { obtainKrakenToken?: ObtainTokenPayload | null } | null | undefined)?.obtainKrakenToken;
  };

  const tokens = createTokenSource({
    auth: options.auth,
    obtainToken,
    refreshSkewMs: options.refreshSkewMs,
    endpoint: loginOperation.endpoint === 'auth' ? authEndpoint : endpoint,
    store: options.store,
    onSession: options.onSession,
    onWarning: options.onWarning,
    now,
  });

  const execute = async (pending: KrakenOperation | Promise<KrakenOperation>, variables: object | undefined, requestOptions?: KrakenRequestOptions): Promise<unknown> => {
    // The caller's signal and the client's timeout bound the whole call, getting a token included.
    const call = createRequestAbort(requestOptions?.signal, timeoutMs);
    const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : undefined;
    try {
      // A promise only the first time a DocumentNode without source text is printed.
      const operation = await pending;
      const sendWithinCall = (token: string | undefined) =>
        send(operation, variables, token, requestOptions, deadline === undefined ? timeoutMs : Math.max(1, deadline - Date.now()));
      // The login operation itself is always sent without Authorization.
      const token = operation.operationName === loginOperation.operationName ? undefined : await tokens.token(call);
      let response = await sendWithinCall(token);
      if (token !== undefined && response.errors.some((error) => error.extensions?.errorCode === TOKEN_EXPIRED_CODE)) {
        // Reactive refresh: once, and only for an expired token.
        const retryToken = await tokens.tokenRejected(token, call);
        if (retryToken !== undefined) response = await sendWithinCall(retryToken);
      }
      if (response.errors.length > 0) throw errorFromResponse(operation, response, now);
      return response.data;
    } finally {
      call.dispose();
    }
  };

  const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');
  const publicShape = (): Record<string, unknown> => ({ endpoint, authEndpoint, auth: authKindOf(options.auth) });

  const client = {
    request: (document: AnyDocument, variables?: object, requestOptions?: KrakenRequestOptions) =>
      execute(operationOf(document), variables, requestOptions),
    safeRequest: (document: AnyDocument, variables?: object, requestOptions?: KrakenRequestOptions) => {
      // Invalid documents throw here, synchronously; request failures always resolve to { error }.
      const operation = operationOf(document);
      return execute(operation, variables, requestOptions).then(
        (data) => ({ data }),
        (error: unknown) => ({
          error:
            error instanceof KrakenError
              ? error
              : new KrakenError({ kind: 'network', reason: 'connection', message: 'The request failed unexpectedly.', cause: error }),
        }),
      );
    },
    session: () => tokens.info(),
    logout: () => tokens.logout(),
    toJSON: publicShape,
    [inspectSymbol]: () => ({ KrakenClient: publicShape() }),
  };
  return client as KrakenClient;
}
