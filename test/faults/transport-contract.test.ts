// The transport contract: the default fetch transport and the graphql-request adapter
// (`kraken-sdk/graphql-request`) must give the client the same answers, so every call behaves the same.
import { brotliCompressSync, constants, createBrotliCompress, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient, fetchTransport } from 'kraken-sdk';
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

const transports: ReadonlyArray<readonly [string, () => KrakenTransport]> = [
  ['fetch (default)', () => fetchTransport()],
  ['graphql-request adapter', () => graphqlRequestTransport()],
];

describe.each(transports)('transport contract: %s', (_name, makeTransport) => {
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
});
