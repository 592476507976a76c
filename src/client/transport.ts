import { onAbortOf } from '../core/abort.js';
import { onFirstNeed, preloadsLazyModules } from '../core/runtime.js';
import { discard, isRedirect, readBody } from './read-body.js';

export type { FetchFunction, KrakenTransport, TransportRequest, TransportResponse } from '../transports/types.js';
import type { FetchFunction, KrakenTransport } from '../transports/types.js';

export interface FetchTransportOptions {
  /** Defaults to `globalThis.fetch`, read at call time (so test interceptors installed later apply). */
  readonly fetch?: FetchFunction | undefined;
}

/**
 * The default transport: one `fetch` per request, redirects never followed, the body read up to the limit. Each
 * fetch gets a signal of its own, following the call's and aborted when the body is left unread: Bun goes on
 * decoding a zstd body (gigabytes from a small bomb) after its stream is cancelled; an abort stops it.
 */
export function fetchTransport(options: FetchTransportOptions = {}): KrakenTransport {
  return async (request) => {
    const send = options.fetch ?? globalThis.fetch;
    const { signal } = request;
    const own = new AbortController();
    const unfollow = signal && (signal.aborted ? own.abort(signal.reason) : onAbortOf(signal, () => own.abort(signal.reason)));
    try {
      const response = await send(request.url, { method: 'POST', headers: request.headers, body: request.body, redirect: 'manual', signal: own.signal });
      if (isRedirect(response)) {
        await discard(response, own);
        return { status: response.status, headers: response.headers, body: '', truncated: false };
      }
      const { text, truncated, unreadable } = await readBody(response, request.maxResponseBytes, own);
      return { status: response.status, headers: response.headers, body: text, truncated, unreadable };
    } finally {
      unfollow?.();
    }
  };
}

/**
 * True for a transport's rejection that says nothing reached a connection (the Node transport's, aborted
 * or failed before connecting): the call then reports `mayHaveReachedServer: false`.
 */
export const wasNotSent = (failure: unknown): boolean => (failure as { requestNotSent?: unknown } | null)?.requestNotSent === true;

/** The fetch the process started with: a different one at call time is a stub or an interceptor, which the default transport then uses. */
const initialFetch: unknown = globalThis.fetch;

const loadNodeHttp = onFirstNeed(() => import('../transports/node-http.js'));

/**
 * The transport a client gets when it is given none: in Node (20.16+), the Node transport
 * (node:http, kept-alive connections; about half of fetch's cost per call), loaded with the client; elsewhere, or
 * with a `fetch` given, or while `globalThis.fetch` is replaced by a stub or an interceptor (msw), fetch.
 * Exported so that a transport wrapper keeps it: `transport: (request) => defaultTransport()(request)`
 * (build it once: `const send = defaultTransport();`).
 */
export function defaultTransport(options: FetchTransportOptions = {}): KrakenTransport {
  const { fetch } = options;
  const viaFetch = fetchTransport({ fetch });
  // Only Node-like runtimes load the module that decides (Bun, Deno and Workers keep fetch).
  if (fetch !== undefined || !preloadsLazyModules()) return viaFetch;
  let chosen: KrakenTransport | undefined;
  const choosing = loadNodeHttp().then(
    (module) => (chosen = module.nodeHttpPreferred() ? module.nodeHttpTransport() : viaFetch),
    () => (chosen = viaFetch),
  );
  return (request) => (globalThis.fetch !== initialFetch ? viaFetch(request) : chosen ? chosen(request) : choosing.then((transport) => transport(request)));
}
