// What flows through the request pipeline: one call, prepared. Types only, so every step (client.ts,
// attempt.ts, recovery.ts, the lazy modules) can name them without importing one another.
import type { KrakenOperation } from '../../core/document.js';
import type { RetryOptions, RetryPolicy } from '../retry-options.js';

export interface KrakenRequestOptions {
  readonly signal?: AbortSignal;
  /** Added to this request. An `authorization` here replaces the token for this call (no login is made for it). */
  readonly headers?: Readonly<Record<string, string>>;
  /** This call's retry options on top of the client's; `false`: no retry. */
  readonly retry?: RetryOptions | false;
  /** The operation is safe to run twice: also retry after a timeout or a broken connection. */
  readonly idempotent?: boolean;
}

/** One call, prepared: what every attempt sends. */
export interface Call {
  readonly operation: KrakenOperation;
  readonly variables: object | undefined;
  readonly body: string;
  /** The call's own headers, lower-cased. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly requestOptions: KrakenRequestOptions | undefined;
  readonly policy: RetryPolicy;
}
