// The hostile trial of the packed package: a 204 that carries a body anyway was a network error through node:http
// (its parser read the body as the next answer: HPE_INVALID_CONSTANT, "the connection … failed", retried) and an
// http error through fetch; a 3xx without Location said "a location the browser hides", even in Node.
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient, fetchTransport } from 'kraken-sdk';
import type { KrakenTransport } from 'kraken-sdk';
import { nodeHttpTransport } from 'kraken-sdk/node';
import { failure } from '../faults/failure.js';
import { rawAnswer, rawServer } from './raw-server.js';

const PingDocument = parse('query Ping { ping }') as TypedDocumentNode<{ ping: string }, Record<string, never>>;
const ANSWER = Buffer.from(JSON.stringify({ data: { ping: 'pong' } }));

const transports: ReadonlyArray<readonly [string, () => KrakenTransport]> = [
  ['node:http', () => nodeHttpTransport()],
  ['fetch', () => fetchTransport()],
];

describe.each(transports)('answers without content through the %s transport', (_name, makeTransport) => {
  const call = async (answer: Buffer) => {
    const server = await rawServer(answer);
    const client = createKrakenClient({ endpoint: server.url, transport: makeTransport(), retry: { retries: 2, baseDelayMs: 1 }, timeoutMs: 10_000 });
    return { error: await failure(client.request(PingDocument, {}, { idempotent: true })), server };
  };

  it.each([
    ['with a body it should not have', rawAnswer('204 No Content', ['content-type: application/json', `content-length: ${ANSWER.byteLength}`], ANSWER)],
    ['without a body', rawAnswer('204 No Content', [])],
  ])('a 204 %s: the same http error on both transports, not retried', async (_what, answer) => {
    const { error, server } = await call(answer);
    expect(error.kind).toBe('http');
    expect(error.status).toBe(204);
    expect(error.message).toMatch(/^Ping: HTTP 204 from http:\/\/127\.0\.0\.1:\d+\/v1\/graphql\/: not a GraphQL response: not a JSON object\.$/);
    expect(server.requests()).toBe(1);
  });

  it.each(['304 Not Modified', '302 Found'])('a %s without Location: says there was none (no browser in Node)', async (statusLine) => {
    const { error } = await call(rawAnswer(statusLine, ['content-length: 0']));
    expect(error.kind).toBe('http');
    expect(error.message).not.toMatch(/browser/);
    expect(error.message).toMatch(/^Ping: HTTP \d{3} from http:\/\/127\.0\.0\.1:\d+\/v1\/graphql\/: redirect without a Location header, not followed\.$/);
  });
});
