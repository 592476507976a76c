// The hostile trial of the packed package: a body that does not decode under its Content-Encoding (corrupt gzip or
// br, a gzip label on plain JSON, gzip with trailing garbage, bad zstd) was reported as `network/connection`, "the
// connection … failed (Z_DATA_ERROR)", and retried (3 sends with 2 retries), on both transports. The server answered:
// it is an `http` error saying the body could not be decoded, and it is not retried.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient, fetchTransport } from 'kraken-sdk';
import type { KrakenTransport } from 'kraken-sdk';
import { nodeHttpTransport } from 'kraken-sdk/node';
import { failure } from './failure.js';
import { rawAnswer, rawServer } from '../transports/raw-server.js';

const PingDocument = parse('query Ping { ping }') as TypedDocumentNode<{ ping: string }, Record<string, never>>;
const ANSWER = Buffer.from(JSON.stringify({ data: { ping: 'pong' } }));
const GZIPPED = gzipSync(ANSWER);

const encoded = (coding: string, body: Uint8Array): Buffer =>
  rawAnswer('200 OK', ['content-type: application/json', `content-encoding: ${coding}`, `content-length: ${body.byteLength}`], body);

const bodies: ReadonlyArray<readonly [string, string, Buffer]> = [
  ['corrupt gzip', 'gzip', Buffer.concat([GZIPPED.subarray(0, 10), Buffer.from('garbage-garbage'), GZIPPED.subarray(25)])],
  ['a gzip label on plain JSON', 'gzip', ANSWER],
  ['gzip with trailing garbage', 'gzip', Buffer.concat([GZIPPED, Buffer.from('trailing garbage')])],
  ['a deflate label on plain JSON', 'deflate', ANSWER],
  ['corrupt br', 'br', Buffer.from('this is not brotli at all')],
];

// The fetch transport reads gzip and br only (it refuses deflate before reading: content-coding.test.ts).
const transports: ReadonlyArray<readonly [string, () => KrakenTransport, readonly string[]]> = [
  ['node:http', () => nodeHttpTransport(), ['gzip', 'br', 'deflate']],
  ['fetch', () => fetchTransport(), ['gzip', 'br']],
];

describe.each(transports)('an undecodable body through the %s transport', (_name, makeTransport, reads) => {
  const cases = bodies.filter(([, coding]) => reads.includes(coding));

  it.each(cases)('%s: an http error (the server answered), not retried', async (_what, coding, body) => {
    const server = await rawServer(encoded(coding, body));
    const lines: string[] = [];
    const client = createKrakenClient({ endpoint: server.url, transport: makeTransport(), retry: { retries: 2, baseDelayMs: 1 }, timeoutMs: 10_000, debug: (line) => lines.push(line) });
    const error = await failure(client.request(PingDocument, {}, { idempotent: true }));
    expect(error.kind).toBe('http');
    expect(error.reason).toBeUndefined();
    expect(error.mayHaveReachedServer).toBe(true);
    expect(error.message).toMatch(/^Ping: the answer from http:\/\/127\.0\.0\.1:\d+\/v1\/graphql\/ does not match its Content-Encoding \((Z_DATA_ERROR|Z_BUF_ERROR|ERR__ERROR_\w+|ZSTD_error_\w+)\)\.$/);
    expect(error.message).not.toMatch(/connection/);
    expect(error.attempts).toBe(1);
    expect(server.requests()).toBe(1);
    // The attempt's debug line says it was answered (no status: fetch's body stream fails without one), not "not sent".
    expect(lines.filter((line) => line.includes('←'))).toEqual([expect.stringMatching(/← answered, body unreadable in \d+ ms$/)]);
  });
});
