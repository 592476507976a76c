import { onFirstNeed, preloadsLazyModules } from '../core/runtime.js';

export type { FetchFunction, KrakenTransport, TransportRequest, TransportResponse } from '../transports/types.js';
import type { FetchFunction, KrakenTransport } from '../transports/types.js';

export interface FetchTransportOptions {
  /** Defaults to `globalThis.fetch`, read at call time (so test interceptors installed later apply). */
  readonly fetch?: FetchFunction | undefined;
}

/** The default transport: one `fetch` per request, redirects never followed, the body read up to the limit. */
export function fetchTransport(options: FetchTransportOptions = {}): KrakenTransport {
  return async (request) => {
    const send = options.fetch ?? globalThis.fetch;
    const response = await send(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
    if (isRedirect(response)) {
      await discard(response);
      return { status: response.status, headers: response.headers, body: '', truncated: false };
    }
    const { text, truncated, unreadable } = await readBody(response, request.maxResponseBytes);
    return { status: response.status, headers: response.headers, body: text, truncated, unreadable };
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

/** A 3xx (or a browser's opaque redirect, status 0). */
export function isRedirect(response: { readonly status: number; readonly type?: string }): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
}

async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Nothing to read anyway.
  }
}

/** How much of an oversized body is decoded for the error's excerpt. */
const EXCERPT_BYTES = 1_024;

/** A Content-Encoding fetch reads without a second look: one or two codings fetch implementations decode. */
const PLAIN_CODINGS = /^\s*((x-)?gzip|deflate|br|zstd|identity)\s*(,\s*((x-)?gzip|deflate|br|zstd|identity)\s*)?$/i;

/**
 * Reads the body as UTF-8 text, stopping (and cancelling the stream) once it passes `limit` bytes. The
 * bytes counted are the decoded ones: with a `Content-Encoding`, `Content-Length` is the compressed size
 * (a few KB of br can decode to GBs), so it is trusted only for an unencoded body. A Content-Encoding the
 * Node transport would refuse is refused here too (`unreadable`), as far as fetch lets it be seen.
 */
export async function readBody(response: Response, limit: number): Promise<{ text: string; truncated: boolean; unreadable?: string }> {
  const coding = response.headers.get('content-encoding');
  if (coding && !PLAIN_CODINGS.test(coding)) {
    await discard(response);
    return { text: '', truncated: false, unreadable: `Content-Encoding ${JSON.stringify(coding)}: more than 2 codings, or one fetch does not decode` };
  }
  // Declared too large: the first chunk is all that is read, for the error's excerpt.
  const declared = coding ? Number.NaN : Number(response.headers.get('content-length') ?? Number.NaN);
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const read = await reader?.read();
    if (!read || read.done) return { text: textOf(chunks, total, total), truncated: declared > limit };
    chunks.push(read.value);
    total += read.value.byteLength;
    if (total > limit || declared > limit) {
      await reader?.cancel().catch(() => undefined);
      return { text: textOf(chunks, total, EXCERPT_BYTES), truncated: true };
    }
  }
}

/** The first `length` bytes of the chunks read, as UTF-8 text (a BOM dropped, invalid bytes replaced, as fetch's `text()` does). */
function textOf(chunks: readonly Uint8Array[], total: number, length: number): string {
  let joined = chunks[0] ?? new Uint8Array();
  if (chunks.length > 1) {
    joined = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      joined.set(chunk, offset);
      offset += chunk.byteLength;
    }
  }
  return new TextDecoder().decode(joined.subarray(0, length));
}
