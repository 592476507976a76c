// `kraken-sdk/node`, the Node transport: one request on Node's own HTTP stack (node:http / node:https) with keep-alive
// agents. Per call it costs about half of `fetch` (bench: per call, loopback). Node's modules are taken
// with `process.getBuiltinModule` at call time, never imported: so no bundler for a browser or a Worker
// sees `node:http`, and an interceptor that patches `http.request` later (msw/node) still applies.
import type { KrakenTransport, TransportRequest, TransportResponse } from './types.js';

// The parts of Node's modules this file uses, written out: the client's sources type-check without
// @types/node (a browser app compiles them too, since the client imports this module lazily).

/** A node:http or node:https `Agent` (opaque here). */
export type NodeAgent = object;

interface Stream {
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  pipe(destination: Stream): Stream;
  destroy(): void;
}

interface IncomingMessage extends Stream {
  readonly statusCode?: number | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

interface Socket {
  readonly connecting: boolean;
  readonly encrypted?: boolean;
  once(event: 'connect' | 'secureConnect', listener: () => void): unknown;
}

interface ClientRequest {
  on(event: 'error', listener: (error: unknown) => void): unknown;
  once(event: 'socket', listener: (socket: Socket) => void): unknown;
  once(event: 'response', listener: (response: IncomingMessage) => void): unknown;
  end(body: Uint8Array): void;
  destroy(): void;
}

interface NodeHttp {
  request(url: URL, options: { method: string; agent: NodeAgent; headers: Record<string, string | number> }): ClientRequest;
  Agent: new (options: { keepAlive: boolean; scheduling: 'lifo'; timeout: number }) => NodeAgent;
}

type Decoder = Stream;

interface NodeZlib {
  readonly constants: { readonly Z_SYNC_FLUSH: number; readonly BROTLI_OPERATION_FLUSH: number };
  createGunzip(options: object): Decoder;
  createInflate(options: object): Decoder;
  createBrotliDecompress(options: object): Decoder;
}

/** What node:events offers for an EventTarget's listener warning threshold (Node 20.16+). */
interface NodeEvents {
  readonly defaultMaxListeners: number;
  getMaxListeners(target: EventTarget): number;
  setMaxListeners(count: number, target: EventTarget): void;
}

export interface NodeHttpTransportOptions {
  /**
   * The agents that keep connections (e.g. one with your CA, or a proxy's). Default: one keep-alive
   * agent per protocol, shared by every client of the process, like Node's global agents.
   */
  readonly agents?: { readonly http?: NodeAgent; readonly https?: NodeAgent } | undefined;
}

interface Builtins {
  readonly http: NodeHttp;
  readonly https: NodeHttp;
  readonly zlib: NodeZlib;
  readonly events: NodeEvents;
}

type GetBuiltinModule = (id: string) => unknown;

const getBuiltinModule = (): GetBuiltinModule | undefined =>
  (globalThis as { process?: { getBuiltinModule?: GetBuiltinModule } }).process?.getBuiltinModule;

// This module imports nothing at runtime, so a browser bundle (code split) keeps the client's own modules
// in its entry chunk instead of a chunk shared with this one: the few lines of body decoding below
// repeat transport.ts's on purpose.

type GlobalsSeen = { process?: { versions?: { node?: unknown } }; navigator?: { userAgent?: unknown }; Bun?: unknown; Deno?: unknown };

/**
 * Node itself, 20.16 or later (with `process.getBuiltinModule`): where this transport is the default.
 * Bun, Deno and Workers present a `process` too, but their own fetch is their fast path.
 */
export function nodeHttpPreferred(): boolean {
  const seen = globalThis as GlobalsSeen;
  if (typeof seen.process?.versions?.node !== 'string' || seen.Bun !== undefined || seen.Deno !== undefined) return false;
  const agent = seen.navigator?.userAgent;
  if (typeof agent === 'string' && !agent.startsWith('Node.js')) return false;
  return typeof getBuiltinModule() === 'function';
}

/** A rejection saying nothing reached a connection (the client reads it with `wasNotSent`). */
const notSent = (cause: unknown): Error => Object.assign(new Error('The request was not sent.', { cause }), { requestNotSent: true });

let builtins: Builtins | undefined;

function loadBuiltins(): Builtins {
  const get = getBuiltinModule();
  if (typeof get !== 'function') {
    throw new TypeError('nodeHttpTransport needs Node 20.16 or later (process.getBuiltinModule); use fetchTransport elsewhere.');
  }
  return { http: get('node:http') as NodeHttp, https: get('node:https') as NodeHttp, zlib: get('node:zlib') as NodeZlib, events: get('node:events') as NodeEvents };
}

let sharedAgents: { http: NodeAgent; https: NodeAgent } | undefined;

/** Keep-alive agents as Node's own global ones are set up: idle sockets close after 5 s, the newest is reused first. */
function defaultAgents({ http, https }: Builtins): { http: NodeAgent; https: NodeAgent } {
  const options = { keepAlive: true, scheduling: 'lifo', timeout: 5_000 } as const;
  return (sharedAgents ??= { http: new http.Agent(options), https: new https.Agent(options) });
}

/**
 * Ports the Fetch standard blocks ("bad port"): refused here too, so a call that works with this
 * transport also works with fetch in a browser, and fails the same way where it would not.
 */
const BAD_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113,
  115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556,
  563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667,
  6668, 6669, 6679, 6697, 10080,
]);

/** Parsed endpoint URLs: a client sends to one or two. */
const parsedUrls = new Map<string, URL>();

function urlOf(text: string): URL {
  let url = parsedUrls.get(text);
  if (url === undefined) {
    url = new URL(text);
    if (parsedUrls.size < 64) parsedUrls.set(text, url);
  }
  return url;
}

/** The decoders of a Content-Encoding list, outermost last; undefined when a coding is unknown (the body is then read as sent, as fetch does). */
function decodersFor(zlib: NodeZlib, header: string | undefined): Decoder[] | undefined {
  if (header === undefined) return [];
  const decoders: Decoder[] = [];
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  for (const coding of header.toLowerCase().split(',').reverse()) {
    const name = coding.trim();
    if (name === 'gzip' || name === 'x-gzip') decoders.push(zlib.createGunzip(flush));
    else if (name === 'deflate') decoders.push(zlib.createInflate(flush));
    else if (name === 'br') decoders.push(zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH }));
    else if (name !== 'identity' && name !== '') return undefined;
  }
  return decoders;
}

/** How much of an oversized body is decoded for the error's excerpt (as transport.ts). */
const EXCERPT_BYTES = 1_024;

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0].subarray(0, total);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= total) break;
    const part = chunk.subarray(0, total - offset);
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}

/** UTF-8 text, a BOM dropped and invalid bytes replaced, as fetch's `text()` reads a body. */
const textOf = (chunks: readonly Uint8Array[], total: number): string => utf8.decode(concat(chunks, total));

/** The first EXCERPT_BYTES read, decoded (the rest is never decoded). */
function excerptOf(chunks: readonly Uint8Array[]): string {
  const first: Uint8Array[] = [];
  let total = 0;
  for (const chunk of chunks) {
    if (total >= EXCERPT_BYTES) break;
    first.push(chunk);
    total += chunk.byteLength;
  }
  return textOf(first, Math.min(total, EXCERPT_BYTES));
}

const headersOf = (response: IncomingMessage): TransportResponse['headers'] => ({
  get(name: string): string | null {
    const value = response.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  },
});

/** A transport on node:http/node:https: redirects never followed, the body's decoded bytes counted against the limit. */
export function nodeHttpTransport(options: NodeHttpTransportOptions = {}): KrakenTransport {
  return (request) => send((builtins ??= loadBuiltins()), options, request);
}

function send(modules: Builtins, options: NodeHttpTransportOptions, request: TransportRequest): Promise<TransportResponse> {
  return new Promise((resolve, reject) => {
    const url = urlOf(request.url);
    const secure = url.protocol === 'https:';
    const port = url.port === '' ? (secure ? 443 : 80) : Number(url.port);
    // The same refusal fetch makes, with the same words (classify.ts reads them): nothing is sent.
    if (BAD_PORTS.has(port)) return reject(notSent(new Error('bad port')));
    const { signal } = request;
    if (signal?.aborted) return reject(notSent(signal.reason));

    // Calls share signals (the client's timeout cohorts, an app's own): each call in flight listens, as
    // fetch's do; so, as fetch does, the signal's warning threshold is raised past Node's default of 10.
    if (signal !== undefined && modules.events.getMaxListeners(signal) === modules.events.defaultMaxListeners) modules.events.setMaxListeners(1_500, signal);
    const agents = defaultAgents(modules);
    const body = encoder.encode(request.body);
    let sent = false;
    let settled = false;
    let response: IncomingMessage | undefined;
    let decoders: Decoder[] = [];

    const finish = (): void => {
      settled = true;
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (cause: unknown): void => {
      if (settled) return;
      finish();
      for (const decoder of decoders) decoder.destroy();
      response?.destroy();
      outgoing.destroy();
      // Nothing was written to a connection yet: the server cannot have seen the request.
      reject(sent ? cause : notSent(cause));
    };
    function onAbort(): void {
      fail(signal?.reason);
    }

    const outgoing: ClientRequest = (secure ? modules.https : modules.http).request(url, {
      method: 'POST',
      agent: secure ? (options.agents?.https ?? agents.https) : (options.agents?.http ?? agents.http),
      headers: { 'accept-encoding': 'gzip, deflate, br', ...request.headers, 'content-length': body.byteLength },
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    outgoing.on('error', fail);
    outgoing.once('socket', (socket) => {
      // A new connection sends once connected (TLS: once the handshake is done); a kept-alive one at once.
      const ready = socket.encrypted === true ? 'secureConnect' : 'connect';
      if (socket.connecting) socket.once(ready, () => (sent = true));
      else sent = true;
    });
    outgoing.once('response', (incoming) => {
      response = incoming;
      sent = true;
      incoming.on('error', fail);
      const status = incoming.statusCode ?? 0;
      const headers = headersOf(incoming);
      if (status >= 300 && status < 400) {
        // Never followed, never read: the connection is dropped rather than drained.
        finish();
        incoming.destroy();
        return resolve({ status, headers, body: '', truncated: false });
      }
      const chosen = decodersFor(modules.zlib, headers.get('content-encoding') ?? undefined);
      decoders = chosen ?? [];
      const declared = decoders.length === 0 ? Number(headers.get('content-length') ?? Number.NaN) : Number.NaN;
      const limit = request.maxResponseBytes;
      const chunks: Uint8Array[] = [];
      let total = 0;
      let source: Stream = incoming;
      for (const decoder of decoders) {
        decoder.on('error', fail);
        source = source.pipe(decoder);
      }
      source.on('data', (chunk) => {
        if (settled) return;
        chunks.push(chunk);
        total += chunk.byteLength;
        if (total > limit || declared > limit) {
          // Past the limit (decoded bytes): stop reading; the first bytes make the error's excerpt.
          finish();
          for (const decoder of decoders) decoder.destroy();
          incoming.destroy();
          resolve({ status, headers, body: excerptOf(chunks), truncated: true });
        }
      });
      source.on('end', () => {
        if (settled) return;
        finish();
        resolve({ status, headers, body: textOf(chunks, total), truncated: false });
      });
    });
    outgoing.end(body);
  });
}
