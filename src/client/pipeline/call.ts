// The options a call takes (request, safeRequest, paginate, rateLimit).
import type { KrakenHooks } from '../hooks.js';
import type { RetryOptions } from '../retry-options.js';

export interface KrakenRequestOptions {
  readonly signal?: AbortSignal;
  /** Added to this request. An `authorization` here replaces the token for this call (no login is made for it). */
  readonly headers?: Readonly<Record<string, string>>;
  /** This call's retry options on top of the client's; `false`: no retry. */
  readonly retry?: RetryOptions | false;
  /** The operation is safe to run twice: also retry after a timeout or a broken connection. Default: true for a query, false otherwise. */
  readonly idempotent?: boolean;
  /** This call's hooks, run after the client's. */
  readonly hooks?: KrakenHooks;
}
