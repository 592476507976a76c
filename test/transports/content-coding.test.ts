// Issue 28 item 1: a Content-Encoding list is decoded only when it is short (Kraken sends one coding) and every
// coding is one the transport decodes. Before, the Node transport built one decoder per listed coding without
// limit (3,000 codings and a stalled body: 3,000 decoders, +24 to +41 MiB RSS, then a timeout) and read an unknown
// coding as if it were none; fetch decodes up to 5 codings and refuses more itself.
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient, fetchTransport } from 'kraken-sdk';
import type { KrakenTransport } from 'kraken-sdk';
import { nodeHttpTransport } from 'kraken-sdk/node';
import { graphqlRequestTransport } from 'kraken-sdk/graphql-request';
import { failure } from '../faults/failure.js';
import { rawAnswer, rawServer } from './raw-server.js';

const PingDocument = parse('query Ping { ping }') as TypedDocumentNode<{ ping: string }, Record<string, never>>;
const ANSWER = Buffer.from(JSON.stringify({ data: { ping: 'pong' } }));

/** An answer whose body is `body` under the Content-Encoding header `codings`, framed by Content-Length. */
const encodedAnswer = (codings: string, body: Uint8Array): Buffer =>
  rawAnswer('200 OK', ['content-type: application/json', `content-encoding: ${codings}`, `content-length: ${body.byteLength}`], body);

// What each error says: the Node transport counts and names; fetch's check is one pattern (its bytes are in every browser bundle).
const NODE_SAYS = { three: /Content-Encoding lists 3 codings; at most 2 are decoded\./, unknown: /Content-Encoding "compress" is not one this transport decodes\./ };
// Fetch reads only the codings every runtime's fetch decodes (Deno and workerd leave deflate, zstd and a second
// coding as they came, a trial found), and the client asks for no other (Accept-Encoding: gzip, br).
const FETCH_SAYS = {
  three: /Content-Encoding "gzip, gzip, gzip": only gzip and br are read\./,
  unknown: /Content-Encoding "compress": only gzip and br are read\./,
};

const PORTABLE = [
  ['gzip', gzipSync(ANSWER)],
  ['br', brotliCompressSync(ANSWER)],
  ['identity', ANSWER],
] as const;
const NODE_ONLY = [
  ['deflate', deflateSync(ANSWER)],
  ['gzip, br', brotliCompressSync(gzipSync(ANSWER))],
  // Optional whitespace in a list may be tabs (RFC 9110 OWS).
  ['gzip,\tbr', brotliCompressSync(gzipSync(ANSWER))],
] as const;

const transports: ReadonlyArray<readonly [string, () => KrakenTransport, typeof NODE_SAYS, boolean]> = [
  ['node:http', () => nodeHttpTransport(), NODE_SAYS, true],
  ['fetch', () => fetchTransport(), FETCH_SAYS, false],
  ['graphql-request adapter', () => graphqlRequestTransport(), FETCH_SAYS, false],
];

describe.each(transports)('Content-Encoding through the %s transport', (_name, makeTransport, says, decodesMore) => {
  const clientFor = (url: string, extra: Record<string, unknown> = {}) =>
    createKrakenClient({ endpoint: url, transport: makeTransport(), retry: { retries: 2, baseDelayMs: 1 }, timeoutMs: 10_000, ...extra });

  it.each(decodesMore ? [...PORTABLE, ...NODE_ONLY] : PORTABLE)('%j is decoded and read', async (codings, body) => {
    const server = await rawServer(encodedAnswer(codings, body));
    await expect(clientFor(server.url).request(PingDocument)).resolves.toEqual({ ping: 'pong' });
  });

  it.skipIf(decodesMore).each(NODE_ONLY)('%j (not every fetch decodes it) is refused, named', async (codings, body) => {
    const server = await rawServer(encodedAnswer(codings, body));
    const error = await failure(clientFor(server.url).request(PingDocument));
    expect(error.kind).toBe('http');
    expect(error.message).toContain(`Content-Encoding ${JSON.stringify(codings)}: only gzip and br are read.`);
  });

  it('asks for gzip and br only', async () => {
    const server = await rawServer(encodedAnswer('identity', ANSWER));
    await clientFor(server.url).request(PingDocument);
    expect(server.heads()[0]).toMatch(/\r\naccept-encoding: gzip, br(\r\n|$)/i);
  });

  it('three codings are refused: an http error naming how many were listed and the limit, not retried', async () => {
    const server = await rawServer(encodedAnswer('gzip, gzip, gzip', gzipSync(gzipSync(gzipSync(ANSWER)))));
    const error = await failure(clientFor(server.url).request(PingDocument, {}, { idempotent: true }));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(200);
    expect(error.message).toMatch(says.three);
    expect(server.requests()).toBe(1);
  });

  it('an unknown coding is refused, named in the error, even when the body happens to be plain JSON', async () => {
    const server = await rawServer(encodedAnswer('compress', ANSWER));
    const error = await failure(clientFor(server.url).request(PingDocument));
    expect(error.kind).toBe('http');
    expect(error.message).toMatch(says.unknown);
  });

  it('an unknown coding beside a known one is refused as well', async () => {
    const server = await rawServer(encodedAnswer('gzip, x-rot13', gzipSync(ANSWER)));
    const error = await failure(clientFor(server.url).request(PingDocument));
    expect(error.kind).toBe('http');
    expect(error.message).toMatch(/"(gzip, )?x-rot13"/);
  });

  it('a long coding name is cut short in the message', async () => {
    const server = await rawServer(encodedAnswer(`x-${'a'.repeat(5_000)}`, ANSWER));
    const error = await failure(clientFor(server.url).request(PingDocument));
    expect(error.kind).toBe('http');
    expect(error.message.length).toBeLessThan(300);
  });
});

describe('3,000 codings (issue 28.1: 3,000 decoders built, then a timeout)', () => {
  /** Counts the decoders node:zlib builds while the test runs (the Node transport takes zlib from process.getBuiltinModule). */
  function countDecoders(): () => number {
    const zlib = process.getBuiltinModule('node:zlib');
    const spies = (['createGunzip', 'createInflate', 'createBrotliDecompress'] as const).map((name) => vi.spyOn(zlib, name));
    onTestFinished(() => spies.forEach((spy) => spy.mockRestore()));
    return () => spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
  }

  // The body never ends (chunked, no last chunk): only the refusal can settle the call before its timeout.
  const stalledAnswer = (coding: string) =>
    rawAnswer('200 OK', ['content-type: application/json', `content-encoding: ${Array.from({ length: 3_000 }, () => coding).join(',')}`, 'transfer-encoding: chunked']);

  it('the count sees the decoders node:http builds: gzip, br builds two', async () => {
    const decoders = countDecoders();
    const server = await rawServer(encodedAnswer('gzip, br', brotliCompressSync(gzipSync(ANSWER))));
    const client = createKrakenClient({ endpoint: server.url, transport: nodeHttpTransport(), retry: false });
    await expect(client.request(PingDocument)).resolves.toEqual({ ping: 'pong' });
    expect(decoders()).toBe(2);
  });

  it.each(['gzip', 'br'])('node:http: %s ×3,000 fails as an http error without building one decoder', async (coding) => {
    const decoders = countDecoders();
    const server = await rawServer(stalledAnswer(coding));
    const client = createKrakenClient({ endpoint: server.url, transport: nodeHttpTransport(), retry: false, timeoutMs: 10_000 });
    const error = await failure(client.request(PingDocument));
    expect(error.kind).toBe('http');
    expect(error.message).toMatch(/Content-Encoding lists 3000 codings; at most 2 are decoded/);
    expect(decoders()).toBe(0);
  });

  it('fetch refuses more than 5 codings itself, before the SDK sees the answer: a connection error at once, not a timeout', async () => {
    const server = await rawServer(stalledAnswer('gzip'));
    const client = createKrakenClient({ endpoint: server.url, transport: fetchTransport(), retry: false, timeoutMs: 10_000 });
    const error = await failure(client.request(PingDocument));
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('connection');
  });
});
