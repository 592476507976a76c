// The hostile trial of the packed package: headers Node's fetch (undici) refuses to send (Expect, Transfer-Encoding,
// Keep-Alive, Upgrade) failed before any connection was made, yet the error said "the server may have received the
// Ping request" with `mayHaveReachedServer: true`, and an idempotent call was sent again twice. The classifier reads
// undici's refusal (UND_ERR_INVALID_ARG, UND_ERR_NOT_SUPPORTED) as never sent, names the header in undici's words,
// and the retry policy does not repeat it. Since then the client refuses these headers in its options (the Node
// transport sent them, fetch did not: test/faults/config.test.ts); they still reach fetch through a fetch of the
// user's own that adds them, as here.
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient } from 'kraken-sdk';
import { failure } from './failure.js';
import { rawAnswer, rawServer } from '../transports/raw-server.js';

const PingDocument = parse('query Ping { ping }') as TypedDocumentNode<{ ping: string }, Record<string, never>>;
const ANSWER = Buffer.from(JSON.stringify({ data: { ping: 'pong' } }));
const pong = (): Buffer => rawAnswer('200 OK', ['content-type: application/json', `content-length: ${ANSWER.byteLength}`], ANSWER);

const refused: ReadonlyArray<readonly [Record<string, string>, RegExp]> = [
  [{ expect: '100-continue' }, /expect header not supported/],
  [{ 'transfer-encoding': 'chunked' }, /invalid transfer-encoding header/],
  [{ upgrade: 'websocket' }, /invalid (upgrade|connection) header/],
  [{ 'keep-alive': 'timeout=5' }, /invalid keep-alive header/],
];

/** The user's own fetch, adding headers the client's options would refuse. */
const fetchAdding = (headers: Record<string, string>) => (url: string | URL | Request, init?: RequestInit) =>
  fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers } });

describe('headers fetch refuses to send', () => {
  it.each(refused)('%j, added by the user\'s fetch: not sent, said so, named, not retried', async (headers, named) => {
    const server = await rawServer(pong());
    const client = createKrakenClient({ endpoint: server.url, fetch: fetchAdding(headers), retry: { retries: 2, baseDelayMs: 1 }, timeoutMs: 10_000 });
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
});
