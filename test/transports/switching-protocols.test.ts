// Issue 28 (lower): a `101 Switching Protocols` answer to the client's POST (which never asks for an upgrade) ended
// as a timeout with the Node transport, and hung with `timeoutMs: 0`: node:http hands a 101 only to an 'upgrade'
// listener and otherwise drops the socket without a word.
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient, fetchTransport } from 'kraken-sdk';
import { nodeHttpTransport } from 'kraken-sdk/node';
import { failure } from '../faults/failure.js';
import { rawAnswer, rawServer } from './raw-server.js';

const PingDocument = parse('query Ping { ping }') as TypedDocumentNode<{ ping: string }, Record<string, never>>;

const SWITCH_TO_WEBSOCKET = rawAnswer('101 Switching Protocols', ['connection: upgrade', 'upgrade: websocket']);

describe('a 101 Switching Protocols answer', () => {
  it.each([10_000, 0])('node:http (timeoutMs %i): an http error at once naming the switch, not retried', async (timeoutMs) => {
    const server = await rawServer(SWITCH_TO_WEBSOCKET);
    const client = createKrakenClient({ endpoint: server.url, transport: nodeHttpTransport(), timeoutMs, retry: { retries: 2, baseDelayMs: 1 } });
    // With timeoutMs 0 nothing but the answer can settle the call: before the fix this test ran into vitest's own timeout.
    const error = await failure(client.request(PingDocument, {}, { idempotent: true }));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(101);
    expect(error.message).toMatch(/HTTP 101 from .*: the server switched protocols \(101\), which the client never asks for\./);
    expect(server.requests()).toBe(1);
  });

  it('node:http: a 101 without an Upgrade header is the same http error', async () => {
    const server = await rawServer(rawAnswer('101 Switching Protocols', []));
    const client = createKrakenClient({ endpoint: server.url, transport: nodeHttpTransport(), retry: false });
    const error = await failure(client.request(PingDocument));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(101);
    expect(error.message).toMatch(/: the server switched protocols \(101\), which the client never asks for\./);
  });

  it('node:http: the next call on the same client is answered normally (the switched socket is not reused)', async () => {
    const switching = await rawServer(SWITCH_TO_WEBSOCKET);
    const answering = await rawServer(rawAnswer('200 OK', ['content-type: application/json', 'content-length: 24'], '{"data":{"ping":"pong"}}'));
    const transport = nodeHttpTransport();
    await failure(createKrakenClient({ endpoint: switching.url, transport, retry: false }).request(PingDocument));
    await expect(createKrakenClient({ endpoint: answering.url, transport, retry: false }).request(PingDocument)).resolves.toEqual({ ping: 'pong' });
  });

  it('fetch refuses it itself ("bad upgrade"): a connection error at once, not a timeout', async () => {
    const server = await rawServer(SWITCH_TO_WEBSOCKET);
    const client = createKrakenClient({ endpoint: server.url, transport: fetchTransport(), timeoutMs: 10_000, retry: false });
    const error = await failure(client.request(PingDocument));
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('connection');
  });
});
