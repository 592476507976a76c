// The hostile trial of the packed package: headers Node's fetch (undici) refuses to send (Expect, Transfer-Encoding,
// Keep-Alive, Connection other than close/keep-alive, Upgrade) failed before any connection was made, yet the error
// said "the server may have received the Ping request" with `mayHaveReachedServer: true`, and an idempotent call was
// sent again twice. Chosen fix: the classifier reads undici's refusal (UND_ERR_INVALID_ARG, UND_ERR_NOT_SUPPORTED) as
// never sent, names the header in undici's words, and the retry policy does not repeat it. The Node transport sends
// these headers (node:http accepts them), so a client refusing them up front would refuse what works there.
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient, fetchTransport } from 'kraken-sdk';
import { nodeHttpTransport } from 'kraken-sdk/node';
import { failure } from './failure.js';
import { rawAnswer, rawServer } from '../transports/raw-server.js';

const PingDocument = parse('query Ping { ping }') as TypedDocumentNode<{ ping: string }, Record<string, never>>;
const ANSWER = Buffer.from(JSON.stringify({ data: { ping: 'pong' } }));
const pong = (): Buffer => rawAnswer('200 OK', ['content-type: application/json', `content-length: ${ANSWER.byteLength}`], ANSWER);

const refused: ReadonlyArray<readonly [Record<string, string>, RegExp]> = [
  [{ expect: '100-continue' }, /expect header not supported/],
  [{ 'transfer-encoding': 'chunked' }, /invalid transfer-encoding header/],
  [{ connection: 'upgrade', upgrade: 'websocket' }, /invalid (upgrade|connection) header/],
  [{ 'keep-alive': 'timeout=5' }, /invalid keep-alive header/],
];

describe('headers fetch refuses to send', () => {
  it.each(refused)('%j, client-wide: not sent, said so, named, not retried', async (headers, named) => {
    const server = await rawServer(pong());
    const client = createKrakenClient({ endpoint: server.url, transport: fetchTransport(), headers, retry: { retries: 2, baseDelayMs: 1 }, timeoutMs: 10_000 });
    const error = await failure(client.request(PingDocument, {}, { idempotent: true }));
    expect(error.kind).toBe('network');
    expect(error.mayHaveReachedServer).toBe(false);
    expect(error.message).toMatch(/^Ping: the Ping request to http:\/\/127\.0\.0\.1:\d+ was not sent: fetch refused it \(/);
    expect(error.message).toMatch(named);
    expect(error.message).not.toMatch(/may have received/);
    // One attempt, as a port fetch refuses counts (the transport was tried once; nothing reached the server).
    expect(error.attempts).toBe(1);
    expect(error.systemCode).toMatch(/^UND_ERR_(INVALID_ARG|NOT_SUPPORTED)$/);
    expect(server.requests()).toBe(0);
  });

  it('per call: the same', async () => {
    const server = await rawServer(pong());
    const client = createKrakenClient({ endpoint: server.url, transport: fetchTransport(), retry: false, timeoutMs: 10_000 });
    const error = await failure(client.request(PingDocument, {}, { headers: { expect: '100-continue' } }));
    expect(error.mayHaveReachedServer).toBe(false);
    expect(error.message).toMatch(/was not sent: fetch refused it \(expect header not supported\); leave that header to the transport\.$/);
    expect(server.requests()).toBe(0);
  });

  it('the Node transport sends them: the call is answered', async () => {
    const server = await rawServer(pong());
    const client = createKrakenClient({ endpoint: server.url, transport: nodeHttpTransport(), headers: { expect: '100-continue' }, retry: false, timeoutMs: 10_000 });
    await expect(client.request(PingDocument)).resolves.toEqual({ ping: 'pong' });
  });
});
