// `kraken-sdk/node`, the Node transport: one request on Node's own HTTP stack (node:http / node:https) with keep-alive
// agents. Per call it costs about half of `fetch` (bench: per call, loopback). Node's modules are taken
// with `process.getBuiltinModule` at call time, never imported: so no bundler for a browser or a Worker
// sees `node:http`, and an interceptor that patches `http.request` later (msw/node) still applies.
import type * as NodeHttpModule from 'node:http';
import type { Agent as HttpAgent, ClientRequest, IncomingMessage } from 'node:http';
import type * as NodeHttpsModule from 'node:https';
import type { Agent as HttpsAgent } from 'node:https';
import type * as NodeZlibModule from 'node:zlib';
import type { KrakenTransport, TransportRequest, TransportResponse } from '../client/transport.js';

type NodeHttp = typeof NodeHttpModule;
type NodeHttps = typeof NodeHttpsModule;
type NodeZlib = typeof NodeZlibModule;
type Decoder = ReturnType<NodeZlib['createGunzip']>;

export interface NodeHttpTransportOptions {
  /**
   * The agents that keep connections (e.g. one with your CA, or a proxy's). Default: one keep-alive
   * agent per protocol, shared by every client of the process, like Node's global agents.
   */
  readonly agents?: { readonly http?: HttpAgent; readonly https?: HttpsAgent } | undefined;
}

interface Builtins {
  readonly http: NodeHttp;
  readonly https: NodeHttps;
  readonly zlib: NodeZlib;
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
  return { http: get('node:http') as NodeHttp, https: get('node:https') as NodeHttps, zlib: get('node:zlib') as NodeZlib };
}

let sharedAgents: { http: HttpAgent; https: HttpsAgent } | undefined;

/** Keep-alive agents as Node's own global ones are set up: idle sockets close after 5 s, the newest is reused first. */
function defaultAgents({ http, https }: Builtins): { http: HttpAgent; https: HttpsAgent } {
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

/** UTF-8 text, a BOM dropped and invalid bytes replaced, as fetch's `text()` reads a body. */
const textOf = (chunks: readonly Buffer[], total: number): string => utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total));

/** The first EXCERPT_BYTES read, decoded (the rest is never decoded). */
function excerptOf(chunks: readonly Buffer[]): string {
  const first: Buffer[] = [];
  let total = 0;
  for (const chunk of chunks) {
    if (total >= EXCERPT_BYTES) break;
    first.push(chunk);
    total += chunk.byteLength;
  }
  return textOf([Buffer.concat(first, total).subarray(0, EXCERPT_BYTES)], Math.min(total, EXCERPT_BYTES));
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

    const agents = defaultAgents(modules);
    const body = Buffer.from(request.body);
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
      const ready = (socket as { encrypted?: boolean }).encrypted ? 'secureConnect' : 'connect';
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
      const chosen = decodersFor(modules.zlib, incoming.headers['content-encoding']);
      decoders = chosen ?? [];
      const declared = decoders.length === 0 ? Number(incoming.headers['content-length'] ?? Number.NaN) : Number.NaN;
      const limit = request.maxResponseBytes;
      const chunks: Buffer[] = [];
      let total = 0;
      let source: NodeJS.ReadableStream = incoming;
      for (const decoder of decoders) {
        decoder.on('error', fail);
        source = source.pipe(decoder);
      }
      source.on('data', (chunk: Buffer) => {
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
