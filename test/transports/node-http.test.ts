// The Node transport's own promises beyond the shared contract (test/faults/transport-contract.test.ts),
// made where its per-call cost was cut (issue 22): one abort listener per signal whatever the number of
// calls sharing it, and the body's length in bytes, not characters, now that Node sets Content-Length.
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient } from 'kraken-sdk';
import { nodeHttpTransport } from 'kraken-sdk/node';
import { json, serve } from '../faults/http-server.js';

const EchoDocument = parse('mutation Echo($value: String!) { echo(value: $value) }') as TypedDocumentNode<{ echo: string }, { value: string }>;

describe('the Node transport', () => {
  it('calls sharing a signal add one abort listener to it, removed once the last settles', async () => {
    const server = await serve((request, response) => json(response, { data: { echo: (JSON.parse(request.body) as { variables: { value: string } }).variables.value } }));
    const transport = nodeHttpTransport();
    const controller = new AbortController();
    const { signal } = controller;
    const added = vi.spyOn(signal, 'addEventListener');
    const removed = vi.spyOn(signal, 'removeEventListener');
    const send = (value: string) =>
      transport({
        url: server.url,
        operation: { operationName: 'Echo', text: 'mutation Echo($value: String!) { echo(value: $value) }', endpoint: 'api' },
        variables: { value },
        body: JSON.stringify({ query: 'mutation Echo($value: String!) { echo(value: $value) }', variables: { value } }),
        headers: { 'content-type': 'application/json' },
        signal,
        maxResponseBytes: 1_000_000,
      });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => send(`call ${index}`)));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 200));
    expect(added).toHaveBeenCalledTimes(1);
    expect(removed).toHaveBeenCalledTimes(1);
    expect(removed.mock.calls[0]?.[1]).toBe(added.mock.calls[0]?.[1]);
  });

  it('calls one after another on the client\'s timeout add one abort listener to their shared signal, not one each', async () => {
    const server = await serve((request, response) => json(response, { data: { echo: (JSON.parse(request.body) as { variables: { value: string } }).variables.value } }));
    const client = createKrakenClient({ endpoint: server.url, transport: nodeHttpTransport(), timeoutMs: 60_000 });
    const added = vi.spyOn(AbortSignal.prototype, 'addEventListener');
    const removed = vi.spyOn(AbortSignal.prototype, 'removeEventListener');
    try {
      for (let index = 0; index < 20; index += 1) await expect(client.request(EchoDocument, { value: `call ${index}` })).resolves.toEqual({ echo: `call ${index}` });
      // The 20 calls start within 1% of the timeout of each other: one cohort, one signal, one listener kept.
      expect(added.mock.calls.filter(([type]) => type === 'abort')).toHaveLength(1);
      expect(removed).not.toHaveBeenCalled();
    } finally {
      added.mockRestore();
      removed.mockRestore();
    }
  });

  it('an abort still stops every call sharing the signal', async () => {
    const server = await serve(() => undefined); // never answers
    const controller = new AbortController();
    const client = createKrakenClient({ endpoint: server.url, transport: nodeHttpTransport(), timeoutMs: 0, retry: false });
    const calls = Array.from({ length: 3 }, () => client.safeRequest(EchoDocument, { value: 'x' }, { signal: controller.signal }));
    await vi.waitFor(() => expect(server.requests).toHaveLength(3));
    controller.abort();
    for (const { error } of await Promise.all(calls)) expect(error).toMatchObject({ kind: 'network', reason: 'abort' });
  });

  it('sends Content-Length in bytes for a body with characters beyond ASCII, and drops one given in headers', async () => {
    const server = await serve((request, response) => json(response, { data: { echo: (JSON.parse(request.body) as { variables: { value: string } }).variables.value } }));
    const value = 'Zoë — 電気 ⚡';
    // The client refuses a caller's content-length (test/faults/config.test.ts); a transport handed one drops it.
    const node = nodeHttpTransport();
    const client = createKrakenClient({ endpoint: server.url, transport: (request) => node({ ...request, headers: { ...request.headers, 'content-length': '3' } }) });
    await expect(client.request(EchoDocument, { value })).resolves.toEqual({ echo: value });
    const [seen] = server.requests;
    expect(seen?.headers['content-length']).toBe(String(Buffer.byteLength(seen?.body ?? '')));
    expect(Buffer.byteLength(seen?.body ?? '')).toBeGreaterThan((seen?.body ?? '').length);
  });
});
