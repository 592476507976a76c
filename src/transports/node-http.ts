// `kraken-sdk/node`, the Node transport: one request on Node's own HTTP stack (node:http / node:https) with keep-alive
// agents. Per call it costs about half of `fetch` (bench: per call, loopback). Node's modules are taken
// with `process.getBuiltinModule` at call time, never imported: so no bundler for a browser or a Worker
// sees `node:http`, and an interceptor that patches `http.request` later (msw/node) still applies.
// Browser and Worker bundles get node-http-elsewhere.ts instead (package.json's `browser` field).
import { onAbortOf } from '../core/abort.js';
import { refusedCodings } from './content-coding.js';
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
  /** Parsed on first read (Node builds it lazily): a plain success never reads it. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Names and values as received, alternating. */
  readonly rawHeaders: readonly string[];
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
  once(event: 'upgrade', listener: (response: IncomingMessage, socket: { destroy(): void }) => void): unknown;
  end(body: string): void;
  destroy(): void;
}

interface NodeHttp {
  request(url: URL, options: { method: string; agent: NodeAgent; headers: Readonly<Record<string, string | number>> }): ClientRequest;
  Agent: new (options: { keepAlive: boolean; scheduling: 'lifo'; timeout: number; proxyEnv?: object | undefined }) => NodeAgent;
  /** `options.proxyEnv` is set when the process uses the proxy of its environment (NODE_USE_ENV_PROXY=1, --use-env-proxy). */
  readonly globalAgent?: { readonly options?: { readonly proxyEnv?: object | undefined } | undefined } | undefined;
}

type Decoder = Stream;

interface NodeZlib {
  readonly constants: { readonly Z_SYNC_FLUSH: number; readonly BROTLI_OPERATION_FLUSH: number };
  createGunzip(options: object): Decoder;
  createInflate(options: object): Decoder;
  createBrotliDecompress(options: object): Decoder;
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
}

type GetBuiltinModule = (id: string) => unknown;

const getBuiltinModule = (): GetBuiltinModule | undefined =>
  (globalThis as { process?: { getBuiltinModule?: GetBuiltinModule } }).process?.getBuiltinModule;

// The few lines of body decoding below repeat transport.ts's: importing them would make an import circle
// (transport.ts loads this module).

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
  return { http: get('node:http') as NodeHttp, https: get('node:https') as NodeHttp, zlib: get('node:zlib') as NodeZlib };
}

let sharedAgents: { http: NodeAgent; https: NodeAgent } | undefined;

/**
 * Keep-alive agents as Node's own global ones are set up: idle sockets close after 5 s, the newest is reused
 * first, and the environment's proxy (HTTP_PROXY, HTTPS_PROXY, NO_PROXY) is used when Node uses it for its own.
 */
function defaultAgents({ http, https }: Builtins): { http: NodeAgent; https: NodeAgent } {
  const agent = (module: NodeHttp): NodeAgent =>
    new module.Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5_000, proxyEnv: module.globalAgent?.options?.proxyEnv });
  return (sharedAgents ??= { http: agent(http), https: agent(https) });
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

interface Target {
  readonly url: URL;
  readonly secure: boolean;
  /** A port fetch refuses: nothing is sent. */
  readonly badPort: boolean;
}

/** Parsed endpoint URLs: a client sends to one or two. */
const targets = new Map<string, Target>();

function targetOf(text: string): Target {
  let target = targets.get(text);
  if (target === undefined) {
    const url = new URL(text);
    const secure = url.protocol === 'https:';
    target = { url, secure, badPort: BAD_PORTS.has(url.port === '' ? (secure ? 443 : 80) : Number(url.port)) };
    if (targets.size < 64) targets.set(text, target);
  }
  return target;
}

/**
 * The headers sent: the client's, with the codings this transport decodes. Node sets Content-Length
 * itself from the string body (one write of head and body). Per headers object: a client sends the same
 * one on every call without a token or headers of its own.
 */
const sentHeaders = new WeakMap<object, Readonly<Record<string, string>>>();

function headersToSend(headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  let sent = sentHeaders.get(headers);
  if (sent === undefined) {
    const { 'content-length': _ignored, ...rest } = headers;
    sent = { 'accept-encoding': 'gzip, deflate, br', ...rest };
    sentHeaders.set(headers, sent);
  }
  return sent;
}

/** The decoders of a Content-Encoding list that refusedCodings let through (at most 2, each decoded), outermost last. */
function decodersFor(zlib: NodeZlib, header: string | undefined): Decoder[] {
  if (header === undefined) return [];
  const decoders: Decoder[] = [];
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  for (const coding of header.toLowerCase().split(',').reverse()) {
    const name = coding.trim();
    if (name === 'gzip' || name === 'x-gzip') decoders.push(zlib.createGunzip(flush));
    else if (name === 'deflate') decoders.push(zlib.createInflate(flush));
    else if (name === 'br') decoders.push(zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH }));
  }
  return decoders;
}

/** How much of an oversized body is decoded for the error's excerpt (as transport.ts). */
const EXCERPT_BYTES = 1_024;

/** UTF-8 text, a BOM dropped and invalid bytes replaced, as fetch's `text()` reads a body. */
const utf8 = new TextDecoder();

/**
 * A body's bytes as they arrive: the first chunk kept as is (most answers come whole in one), the next copied
 * into one buffer that doubles as needed. Kept one object per chunk, a body sent in one-byte chunks cost
 * ~460 bytes of memory per byte (2 MB: +921 MiB of RSS).
 */
class BodyBytes {
  #bytes: Uint8Array = new Uint8Array(0);
  /** False while #bytes is the first chunk itself (Node's memory: never written to). */
  #owned = false;
  length = 0;

  add(chunk: Uint8Array): void {
    const length = this.length + chunk.byteLength;
    if (this.length === 0) this.#bytes = chunk;
    else {
      if (!this.#owned || length > this.#bytes.byteLength) {
        const grown = new Uint8Array(Math.max(length, 2 * this.#bytes.byteLength, 65_536));
        grown.set(this.#bytes.subarray(0, this.length));
        this.#bytes = grown;
        this.#owned = true;
      }
      this.#bytes.set(chunk, this.length);
    }
    this.length = length;
  }

  /** The first `length` bytes (all by default), decoded. */
  text(length = this.length): string {
    return utf8.decode(this.#bytes.subarray(0, Math.min(length, this.length)));
  }
}

/** A response header read from the raw list (no headers object built): lines of the same name joined, as fetch does. */
function rawHeader(raw: readonly string[], lowerName: string): string | undefined {
  let value: string | undefined;
  for (let index = 0; index < raw.length; index += 2) {
    const name = raw[index] as string;
    if (name.length === lowerName.length && name.toLowerCase() === lowerName) value = value === undefined ? (raw[index + 1] as string) : `${value}, ${raw[index + 1]}`;
  }
  return value;
}

/** The response's headers for the client: read only when asked (a plain success never asks). */
class ResponseHeaders {
  readonly #response: IncomingMessage;
  constructor(response: IncomingMessage) {
    this.#response = response;
  }
  // From the raw lines: Node's parsed headers keep only the first of some duplicated names (Retry-After among them).
  get(name: string): string | null {
    return rawHeader(this.#response.rawHeaders, name.toLowerCase()) ?? null;
  }
}

const SWITCHED = 'the server switched protocols (101), which the client never asks for';

/** A transport on node:http/node:https: redirects never followed, the body's decoded bytes counted against the limit. */
export function nodeHttpTransport(options: NodeHttpTransportOptions = {}): KrakenTransport {
  return (request) => send((builtins ??= loadBuiltins()), options, request);
}

function send(modules: Builtins, options: NodeHttpTransportOptions, request: TransportRequest): Promise<TransportResponse> {
  return new Promise((resolve, reject) => new Exchange(modules, options, request, resolve, reject));
}

/**
 * One request and its answer. Its steps are methods, not closures made per call, and one listener per
 * signal serves every call sharing it (the client's timeout cohorts): adding and removing an EventTarget
 * listener per call cost more than the rest of this class.
 */
class Exchange {
  readonly #request: TransportRequest;
  readonly #resolve: (response: TransportResponse) => void;
  readonly #reject: (failure: unknown) => void;
  readonly #outgoing: ClientRequest | undefined;
  #stopWaiting: (() => void) | undefined;
  #sent = false;
  #settled = false;
  #response: IncomingMessage | undefined;
  #decoders: Decoder[] = [];
  #status = 0;
  #headers: ResponseHeaders | undefined;
  #declared = Number.NaN;
  readonly #body = new BodyBytes();

  constructor(modules: Builtins, options: NodeHttpTransportOptions, request: TransportRequest, resolve: (response: TransportResponse) => void, reject: (failure: unknown) => void) {
    this.#request = request;
    this.#resolve = resolve;
    this.#reject = reject;
    const { url, secure, badPort } = targetOf(request.url);
    const { signal } = request;
    // The same refusal fetch makes, with the same words (classify.ts reads them): nothing is sent.
    if (badPort) {
      this.#settled = true;
      reject(notSent(new Error('bad port')));
      return;
    }
    if (signal?.aborted) {
      this.#settled = true;
      reject(notSent(signal.reason));
      return;
    }
    const agents = defaultAgents(modules);
    let outgoing: ClientRequest;
    try {
      outgoing = (secure ? modules.https : modules.http).request(url, {
        method: 'POST',
        agent: secure ? (options.agents?.https ?? agents.https) : (options.agents?.http ?? agents.http),
        headers: headersToSend(request.headers),
      });
    } catch (refused) {
      // Node refuses a header (a CR/LF a hook put in a value, ERR_INVALID_CHAR) before anything is sent.
      this.#settled = true;
      reject(notSent(refused));
      return;
    }
    this.#outgoing = outgoing;
    if (signal !== undefined) this.#stopWaiting = onAbortOf(signal, () => this.fail(signal.reason));
    outgoing.on('error', (error) => this.fail(error));
    outgoing.once('socket', (socket) => {
      // A new connection sends once connected (TLS: once the handshake is done); a kept-alive one at once.
      if (socket.connecting) socket.once(socket.encrypted === true ? 'secureConnect' : 'connect', () => (this.#sent = true));
      else this.#sent = true;
    });
    outgoing.once('response', (incoming) => this.respond(modules.zlib, incoming));
    // A 101 to a request that asked for no upgrade: without this listener Node drops the socket and says nothing (a hang).
    outgoing.once('upgrade', (incoming, socket) => this.refuseUpgrade(incoming, socket));
    outgoing.end(request.body);
  }

  finish(): void {
    this.#settled = true;
    this.#stopWaiting?.();
  }

  fail(cause: unknown): void {
    if (this.#settled) return;
    this.finish();
    for (const decoder of this.#decoders) decoder.destroy();
    this.#response?.destroy();
    this.#outgoing?.destroy();
    // Nothing was written to a connection yet: the server cannot have seen the request.
    this.#reject(this.#sent ? cause : notSent(cause));
  }

  respond(zlib: NodeZlib, incoming: IncomingMessage): void {
    this.#response = incoming;
    this.#sent = true;
    incoming.on('error', (error) => this.fail(error));
    const status = incoming.statusCode ?? 0;
    this.#status = status;
    const headers = (this.#headers = new ResponseHeaders(incoming));
    // A 204 has no body by definition (RFC 9110): bytes sent anyway would be parsed as a next answer and fail the
    // call as a broken connection (HPE_INVALID_CONSTANT), where fetch reads it as an answer with an empty body.
    if (status === 204 || (status >= 300 && status < 400)) {
      // Never followed, never read: the connection is dropped rather than drained.
      this.finish();
      incoming.destroy();
      this.#resolve({ status, headers, body: '', truncated: false });
      return;
    }
    if (status === 101) {
      // Without an Upgrade header Node hands a 101 over as an answer.
      this.refuse(incoming, SWITCHED);
      return;
    }
    const raw = incoming.rawHeaders;
    const coding = rawHeader(raw, 'content-encoding');
    const refused = refusedCodings(coding, 'node:http');
    if (refused !== undefined) {
      this.refuse(incoming, refused);
      return;
    }
    const decoders = decodersFor(zlib, coding);
    this.#decoders = decoders;
    if (decoders.length === 0) this.#declared = Number(rawHeader(raw, 'content-length') ?? Number.NaN);
    let source: Stream = incoming;
    for (const decoder of decoders) {
      decoder.on('error', (error) => this.fail(error));
      source = source.pipe(decoder);
    }
    source.on('data', (chunk) => this.read(chunk));
    source.on('end', () => this.end());
  }

  /** An answer whose body is not read: the connection is dropped, and the client reports an http error saying why. */
  refuse(incoming: IncomingMessage, why: string): void {
    this.finish();
    incoming.destroy();
    this.#resolve({ status: this.#status, headers: this.#headers as ResponseHeaders, body: '', truncated: false, unreadable: why });
  }

  refuseUpgrade(incoming: IncomingMessage, socket: { destroy(): void }): void {
    socket.destroy();
    if (this.#settled) return;
    this.#status = incoming.statusCode ?? 101;
    this.#headers = new ResponseHeaders(incoming);
    this.refuse(incoming, SWITCHED);
  }

  read(chunk: Uint8Array): void {
    if (this.#settled) return;
    this.#body.add(chunk);
    const limit = this.#request.maxResponseBytes;
    if (this.#body.length > limit || this.#declared > limit) {
      // Past the limit (decoded bytes): stop reading; the first bytes make the error's excerpt.
      this.finish();
      for (const decoder of this.#decoders) decoder.destroy();
      this.#response?.destroy();
      this.#resolve({ status: this.#status, headers: this.#headers as ResponseHeaders, body: this.#body.text(EXCERPT_BYTES), truncated: true });
    }
  }

  end(): void {
    if (this.#settled) return;
    this.finish();
    this.#resolve({ status: this.#status, headers: this.#headers as ResponseHeaders, body: this.#body.text(), truncated: false });
  }
}
