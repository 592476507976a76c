// The client's public shapes, apart from createKrakenClient so that modules the client loads can name them.
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import type { CommonErrorCode, KrakenDocument, OtherErrorCode } from '../core/document.js';
import type { KrakenError, LoginErrorCode } from '../core/errors.js';
import type { LoginDocument } from '../session/login-document.js';
import type { KrakenAuth, Session, SessionInfo, SessionStore } from '../session/types.js';
import type { KrakenHooks } from './hooks.js';
import type { KrakenRequestOptions } from './pipeline/call.js';
import type { ConnectionName, KrakenPaginator, KrakenRateLimit, NodeOf, PaginateArgs, PaginatedDocument } from './pipeline/traffic-types.js';
import type { RetryOptions } from './retry-options.js';
import type { FetchFunction, KrakenTransport } from './transport.js';

export interface KrakenClientOptions {
  /** The GraphQL API URL (brand entry points preset it). */
  readonly endpoint?: string;
  /** The authentication server URL, for documents served there; defaults to `endpoint`. */
  readonly authEndpoint?: string;
  /** Plain `http://` to a host that is not loopback is refused unless this is true. */
  readonly allowInsecureHttp?: boolean;
  /** How requests are sent; default in Node `nodeHttpTransport()`, elsewhere or with `fetch` `fetchTransport({ fetch })`. See `kraken-sdk/graphql-request` for another. */
  readonly transport?: KrakenTransport;
  /** Sends with fetch, this one (default transport elsewhere than Node: `globalThis.fetch`, read at call time). */
  readonly fetch?: FetchFunction;
  /** Sent with every request. An `authorization` here is refused when `auth` is set (the token goes there). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Bounds each attempt of a call, the token it waits for included (ms); default 30 000, at most 2^31 - 1. 0 disables it. May fire up to 1% late, never early. */
  readonly timeoutMs?: number;
  /** A response body past this many bytes is not read further: the call fails with an `http` error. Default 10 MiB. */
  readonly maxResponseBytes?: number;
  /** Retries of failures that certainly did not run the operation; `false` turns them off. Default 2 retries. */
  readonly retry?: RetryOptions | false;
  /**
   * How calls get a token: `loginWith({ email, password })` (or `{ apiKey }`, `{ refreshToken }`,
   * `{ organizationSecretKey }`, `{ preSignedKey }`; `loginWith` is exported with `createKrakenClient`) logs in and
   * refreshes; `{ token }` sends a fixed one; `{ getToken }` asks your function. Default: none.
   */
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
  /** Your app's name and version, sent first in the user-agent (`my-app/1.2 kraken-sdk/0.1.0 node/22.1.0`); browsers send their own. */
  readonly userAgent?: string;
  /** One line per request, answer, retry, login and refresh (names, statuses, codes; never variables or secrets); `true` prints to stderr. */
  readonly debug?: boolean | ((line: string) => void);
  /** Lifecycle hooks (beforeRequest, afterResponse, beforeRetry, beforeError), run for every call before a call's own. */
  readonly hooks?: KrakenHooks;
}

/** Variables are required exactly when the operation has required variables. */
export type RequestArgs<TVariables> = Record<never, never> extends TVariables
  ? [variables?: TVariables, options?: KrakenRequestOptions]
  : [variables: TVariables, options?: KrakenRequestOptions];

// `?: never`, not `?: undefined`: under exactOptionalPropertyTypes it is an absent key, so `'error' in r` narrows.
export type SafeResult<TResult, TCode extends string = string> =
  | { readonly data: TResult; readonly error?: never }
  | { readonly data?: never; readonly error: KrakenError<TCode> };

export interface KrakenClient {
  /** Resolves to the operation's data or rejects with a KrakenError. */
  request<TResult, TVariables>(document: DocumentTypeDecoration<TResult, TVariables>, ...args: RequestArgs<NoInfer<TVariables>>): Promise<TResult>;
  /** Like `request`, but resolves to `{ data }` or `{ error }` and never rejects. */
  safeRequest<TResult, TVariables, TCode extends string>(
    document: KrakenDocument<TResult, TVariables, TCode>,
    ...args: RequestArgs<NoInfer<TVariables>>
  ): Promise<SafeResult<TResult, TCode | CommonErrorCode | LoginErrorCode | OtherErrorCode>>;
  safeRequest<TResult, TVariables>(
    document: DocumentTypeDecoration<TResult, TVariables>,
    ...args: RequestArgs<NoInfer<TVariables>>
  ): Promise<SafeResult<TResult>>;
  /** The current session's expiries (never its secrets), or undefined when there is none. */
  session(): Promise<SessionInfo | undefined>;
  /** Forgets the session (the next request logs in again if the client holds credentials). */
  logout(): Promise<void>;
  /**
   * The points allowance from Kraken's `rateLimitInfo` (one query, sent only when you call this; Kraken limits it
   * to a few calls a minute). A server without the field rejects with a `graphql` error saying so.
   */
  rateLimit(options?: KrakenRequestOptions): Promise<KrakenRateLimit>;
  /**
   * The nodes of the Relay connection the document's metadata names, page after page (each page an ordinary
   * call: auth, retries and the rate-limit pause apply). `.pages()` gives whole pages.
   */
  paginate<D extends PaginatedDocument, K extends ConnectionName<D> = ConnectionName<D>>(document: D, ...args: PaginateArgs<D, K>): KrakenPaginator<NodeOf<D, K>, D>;
  toJSON(): Record<string, unknown>;
}
