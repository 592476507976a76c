// The transport contract: what the client hands a transport and what it expects back.
import type { KrakenOperation } from '../core/document.js';

export type FetchFunction = (input: URL | RequestInfo, init?: RequestInit) => Promise<Response>;

/** One HTTP request of an operation, ready to send: the client has built the body and the headers. */
export interface TransportRequest {
  readonly url: string;
  readonly operation: KrakenOperation;
  readonly variables: object | undefined;
  /** The JSON body (`query`, `operationName`, `variables`), precomputed. */
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The caller's signal combined with the client's timeout; aborting must make `send` reject. */
  readonly signal: AbortSignal | undefined;
  /** Stop reading the body past this many bytes and answer `truncated: true`. */
  readonly maxResponseBytes: number;
}

/** What came back, unread by GraphQL: the client validates and classifies it. */
export interface TransportResponse {
  /** The HTTP status; 0 for a redirect a browser hides (opaque). */
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  /** The body as text, or its first bytes when `truncated`. */
  readonly body: string;
  /** True when the body exceeded `maxResponseBytes` and reading stopped. */
  readonly truncated: boolean;
  /** Why the body was not read (e.g. a Content-Encoding the transport does not decode): the client reports an `http` error saying so. */
  readonly unreadable?: string | undefined;
}

/**
 * Sends one request and resolves with whatever the server answered (any status), or rejects when no
 * answer came (the client classifies the rejection: abort, timeout, connection). A transport never
 * follows redirects. A rejection carrying `requestNotSent: true` tells the client that nothing reached a
 * connection (the call then reports `mayHaveReachedServer: false`).
 */
export type KrakenTransport = (request: TransportRequest) => Promise<TransportResponse>;
