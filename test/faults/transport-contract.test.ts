// The transport contract: the fetch transport, the Node transport (node:http, the default in Node) and the
// graphql-request adapter (`kraken-sdk/graphql-request`) must give the client the same answers, so every call behaves the same.
import { brotliCompressSync, constants, createBrotliCompress, gzipSync } from 'node:zlib';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient, fetchTransport } from 'kraken-sdk';
import { nodeHttpTransport } from 'kraken-sdk/node';
import type { KrakenTransport } from 'kraken-sdk';
import { graphqlRequestTransport } from 'kraken-sdk/graphql-request';
import { closedPortUrl, json, serve } from './http-server.js';
import { failure } from './failure.js';

const EchoDocument = parse('mutation Echo($value: String!) { echo(value: $value) }') as TypedDocumentNode<
  { echo: string },
  { value: string }
>;


const MiB = 1024 * 1024;

const bombs = new Map<string, Promise<Buffer>>();

/** A body of `mebibytes` MiB of zeros, compressed: a few KB on the wire (a compression bomb); made once per test file. */
function compressedZeros(encoding: 'br' | 'gzip', mebibytes: number): Promise<Buffer> {
  const key = `${encoding} ${mebibytes}`;
  let bomb = bombs.get(key);
  if (bomb === undefined) bombs.set(key, (bomb = compress(encoding, mebibytes)));
  return bomb;
}

async function compress(encoding: 'br' | 'gzip', mebibytes: number): Promise<Buffer> {
  const zeros = Buffer.alloc(MiB);
  // gzip members may follow one another in one body (RFC 1952), so one member repeated is enough.
  if (encoding === 'gzip') return Buffer.concat(Array.from({ length: mebibytes }, () => gzipSync(zeros, { level: 9 })));
  const compressor = createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 1 } });
  const output: Buffer[] = [];
  compressor.on('data', (chunk: Buffer) => output.push(chunk));
  const ended = new Promise((resolve) => compressor.on('end', resolve));
  for (let written = 0; written < mebibytes; written += 1) {
    if (!compressor.write(zeros)) await new Promise((resolve) => compressor.once('drain', resolve));
  }
  compressor.end();
  await ended;
  return Buffer.concat(output);
}

/** The process's peak resident memory so far, in bytes. */
const peakMemory = (): number => process.resourceUsage().maxRSS * 1024;

/** A TCP server on 127.0.0.1 that accepts connections and lets `handle` have the raw socket (closed when the test ends). */
async function rawServer(handle: (socket: Socket) => void): Promise<{ port: number; received: () => string }> {
  const sockets = new Set<Socket>();
  let received = '';
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return { port: (server.address() as AddressInfo).port, received: () => received };
}

// The third field: whether the transport knows when nothing was written to a connection (node:http does;
// fetch does not say, so a failure before the answer may have reached the server, as far as it can tell).
const transports: ReadonlyArray<readonly [string, () => KrakenTransport, boolean]> = [
  ['fetch', () => fetchTransport(), false],
  ['node:http (default in Node)', () => nodeHttpTransport(), true],
  ['graphql-request adapter', () => graphqlRequestTransport(), false],
];

describe.each(transports)('transport contract: %s', (_name, makeTransport, knowsWhatWasSent) => {
  const clientFor = (url: string, extra: Record<string, unknown> = {}) =>
    createKrakenClient({ endpoint: url, transport: makeTransport(), retry: false, timeoutMs: 10_000, headers: { 'x-app': 'contract' }, ...extra });

  it('sends one POST with the precomputed body and the client headers, and resolves with data', async () => {
    const server = await serve((request, response) => {
      const body = JSON.parse(request.body) as { variables: { value: string } };
      json(response, { data: { echo: body.variables.value } });
    });
    await expect(clientFor(server.url).request(EchoDocument, { value: 'hello' })).resolves.toEqual({ echo: 'hello' });
    expect(server.requests).toHaveLength(1);
    const [seen] = server.requests;
    expect(seen?.method).toBe('POST');
    expect(seen?.headers['x-app']).toBe('contract');
    expect(JSON.parse(seen?.body ?? '')).toMatchObject({ operationName: 'Echo', variables: { value: 'hello' } });
  });

  it.each([200, 400, 500])('GraphQL errors with HTTP %i are a graphql error with the code', async (status) => {
    const server = await serve((_request, response) =>
      json(response, { data: null, errors: [{ message: 'No such quote', extensions: { errorCode: 'KT-CT-8201' } }] }, status),
    );
    const error = await failure(clientFor(server.url).request(EchoDocument, { value: 'x' }));
    expect(error.kind).toBe('graphql');
    expect(error.code).toBe('KT-CT-8201');
  });

  it('a proxy HTML 502 is an http error with the status', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html>Bad gateway</html>');
    });
    const error = await failure(clientFor(server.url).request(EchoDocument, { value: 'x' }));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(502);
  });

  // Node's parser keeps the first of two Retry-After lines and drops the other; fetch joins them ("5, 120"),
  // which is no wait (a list is not a Retry-After). Each transport must give the client the joined value.
  it.each([
    ['two different values', ['5', '120'], undefined],
    ['one value', ['7'], 7_000],
  ])('Retry-After, %s: the same wait from every transport', async (_case, values, expected) => {
    const server = await serve((_request, response) => {
      response.setHeader('retry-after', values);
      json(response, { errors: [{ message: 'Too many requests', extensions: { errorCode: 'KT-CT-1199' } }] }, 429);
    });
    const error = await failure(clientFor(server.url).request(EchoDocument, { value: 'x' }));
    expect(error.kind).toBe('rate-limit');
    expect(error.retryAfterMs).toBe(expected);
  });

  it('a redirect is never followed', async () => {
    const elsewhere = await serve((_request, response) => json(response, { data: { echo: 'stolen' } }));
    const server = await serve((_request, response) => {
      response.writeHead(307, { location: `${elsewhere.origin}/v1/graphql/` });
      response.end();
    });
    const error = await failure(clientFor(server.url).request(EchoDocument, { value: 'x' }));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(307);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('a body past maxResponseBytes is an http error, not a result', async () => {
    const server = await serve((_request, response) => json(response, { data: { echo: 'x'.repeat(50_000) } }));
    const error = await failure(clientFor(server.url, { maxResponseBytes: 10_000 }).request(EchoDocument, { value: 'x' }));
    expect(error.kind).toBe('http');
  });

  it.each(['br', 'gzip'] as const)(
    'a %s body decoding to 256 MiB stops at the limit (decoded bytes count): an http error, not retried, memory bounded (issue 19.1)',
    async (encoding) => {
      const bomb = await compressedZeros(encoding, 256);
      expect(bomb.byteLength).toBeLessThan(300_000);
      const server = await serve((_request, response) => {
        // Content-Length is the compressed size: within the limit, so it must not be trusted.
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding, 'content-length': String(bomb.byteLength) });
        response.end(bomb);
      });
      const peakBefore = peakMemory();
      const client = clientFor(server.url, { maxResponseBytes: MiB, retry: { retries: 2, baseDelayMs: 1 } });
      const error = await failure(client.request(EchoDocument, { value: 'x' }, { idempotent: true }));
      expect(error.kind).toBe('http');
      expect(error.message).toMatch(/maxResponseBytes/);
      expect(server.requests).toHaveLength(1);
      // Reading stops within the limit plus one chunk: nowhere near the 256 MiB the body decodes to.
      expect(peakMemory() - peakBefore).toBeLessThan(48 * MiB);
    },
  );

  it.each(['br', 'gzip'] as const)('a %s body within the limit is decoded and read', async (encoding) => {
    const answer = JSON.stringify({ data: { echo: 'y'.repeat(5_000) } });
    const server = await serve((_request, response) => {
      const body = encoding === 'gzip' ? gzipSync(answer) : brotliCompressSync(answer);
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
      response.end(body);
    });
    await expect(clientFor(server.url, { maxResponseBytes: 6_000 }).request(EchoDocument, { value: 'x' })).resolves.toEqual({ echo: 'y'.repeat(5_000) });
  });

  it('a refused connection is a network error that was never sent', async () => {
    const error = await failure(clientFor(await closedPortUrl()).request(EchoDocument, { value: 'x' }));
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('connection');
    expect(error.mayHaveReachedServer).toBe(false);
  });

  it('a port the platform refuses ("bad port", :1) is a network error that was never sent, and says so', async () => {
    const error = await failure(clientFor('http://127.0.0.1:1/graphql/').request(EchoDocument, { value: 'x' }));
    expect(error.kind).toBe('network');
    expect(error.systemCode).toBe('BAD_PORT');
    expect(error.mayHaveReachedServer).toBe(false);
    expect(error.message).toMatch(/request to http:\/\/127\.0\.0\.1:1 was not sent: port 1 is refused by the platform/);
  });

  it("the caller's signal aborts the call", async () => {
    const server = await serve(() => undefined); // never answers
    const controller = new AbortController();
    const call = clientFor(server.url).request(EchoDocument, { value: 'x' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await failure(call);
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('abort');
  });

  it('a timeout while connecting (a TLS handshake that never completes) is a timeout; never sent when the transport can tell', async () => {
    const server = await rawServer(() => undefined); // takes the TLS ClientHello, never answers it
    const error = await failure(clientFor(`https://127.0.0.1:${server.port}/v1/graphql/`, { timeoutMs: 200 }).request(EchoDocument, { value: 'x' }));
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('timeout');
    if (knowsWhatWasSent) expect(error.mayHaveReachedServer).toBe(false);
    expect(server.received()).not.toContain('Echo');
  });

  it('a timeout while waiting for the headers: may have reached the server', async () => {
    const server = await serve(() => undefined); // reads the request, never answers
    const error = await failure(clientFor(server.url, { timeoutMs: 200 }).request(EchoDocument, { value: 'x' }));
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('timeout');
    expect(error.mayHaveReachedServer).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('a timeout while the body trickles: the call stops (the timeout covers the body)', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"data":{"echo":"');
      const timer = setInterval(() => response.write('x'), 20);
      response.on('close', () => clearInterval(timer));
    });
    const error = await failure(clientFor(server.url, { timeoutMs: 300 }).request(EchoDocument, { value: 'x' }));
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('timeout');
    expect(error.mayHaveReachedServer).toBe(true);
  });

  it('a reset after the server read the request: ECONNRESET, may have reached the server', async () => {
    const server = await serve((_request, _response, socket) => {
      socket.resetAndDestroy();
    });
    const error = await failure(clientFor(server.url).request(EchoDocument, { value: 'x' }));
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('connection');
    expect(error.systemCode).toBe('ECONNRESET');
    expect(error.mayHaveReachedServer).toBe(true);
  });

  it('a reset in the middle of the body: ECONNRESET, may have reached the server', async () => {
    const server = await serve((_request, response, socket) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      response.write('{"data":{"echo":"', () => setTimeout(() => socket.resetAndDestroy(), 20));
    });
    const error = await failure(clientFor(server.url).request(EchoDocument, { value: 'x' }));
    expect(error.kind).toBe('network');
    expect(error.mayHaveReachedServer).toBe(true);
  });

  it('a TLS failure (plain HTTP where TLS was expected) is a connection error with the TLS code; the request never left when the transport can tell', async () => {
    const server = await rawServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n'));
    const error = await failure(clientFor(`https://127.0.0.1:${server.port}/v1/graphql/`).request(EchoDocument, { value: 'x' }));
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('connection');
    expect(error.systemCode).toMatch(/^(ERR_SSL_|EPROTO$)/); // fetch names OpenSSL's reason; node:http the failed write
    if (knowsWhatWasSent) expect(error.mayHaveReachedServer).toBe(false);
    expect(server.received()).not.toContain('Echo');
  });

  it('the abort listener is removed once a call settles (calls sharing a signal do not pile listeners up)', async () => {
    const server = await serve((_request, response) => json(response, { data: { echo: 'ok' } }));
    const controller = new AbortController();
    const added: unknown[] = [];
    const removed: unknown[] = [];
    const { signal } = controller;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    vi.spyOn(signal, 'addEventListener').mockImplementation((type: string, listener: EventListenerOrEventListenerObject, options?: AddEventListenerOptions | boolean) => {
      added.push(listener);
      add(type, listener, options);
    });
    vi.spyOn(signal, 'removeEventListener').mockImplementation((type: string, listener: EventListenerOrEventListenerObject, options?: EventListenerOptions | boolean) => {
      removed.push(listener);
      remove(type, listener, options);
    });
    const client = clientFor(server.url, { timeoutMs: 0 });
    for (let call = 0; call < 3; call += 1) await client.request(EchoDocument, { value: 'x' }, { signal: controller.signal });
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((listener) => removed.includes(listener))).toBe(true);
  });
});
