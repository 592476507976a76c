// Issue 22: which transport a client gets. In Node, with neither `fetch` nor `transport`, node:http
// (kept-alive connections); with `fetch`, or while `globalThis.fetch` is a stub or an interceptor, fetch.
// msw (which intercepts node:http as well as fetch) still answers both.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient } from 'kraken-sdk';
import { nodeHttpTransport } from 'kraken-sdk/node';
import { nodeHttpPreferred } from '../../src/transports/node-http.js';
import { json, serve } from '../faults/http-server.js';

const PingDocument = parse('mutation Ping { ping }') as TypedDocumentNode<{ ping: string }, Record<string, never>>;

/** Counts the requests node:http starts (Node's own diagnostics channel), and those fetch (undici) starts. */
function countRequests(): { readonly nodeHttp: () => number; readonly fetch: () => number } {
  let nodeHttp = 0;
  let fetch = 0;
  const onNodeHttp = (): void => void (nodeHttp += 1);
  const onFetch = (): void => void (fetch += 1);
  subscribe('http.client.request.start', onNodeHttp);
  subscribe('undici:request:create', onFetch);
  afterEach(() => {
    unsubscribe('http.client.request.start', onNodeHttp);
    unsubscribe('undici:request:create', onFetch);
  });
  return { nodeHttp: () => nodeHttp, fetch: () => fetch };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the default transport in Node', () => {
  it('is node:http when the client is given neither fetch nor transport', async () => {
    const server = await serve((_request, response) => json(response, { data: { ping: 'pong' } }));
    const counts = countRequests();
    const client = createKrakenClient({ endpoint: server.url });
    await expect(client.request(PingDocument)).resolves.toEqual({ ping: 'pong' });
    await expect(client.request(PingDocument)).resolves.toEqual({ ping: 'pong' });
    expect(counts.nodeHttp()).toBe(2);
    expect(counts.fetch()).toBe(0);
  });

  it('keeps the connection alive between calls', async () => {
    const clientPorts: Array<number | undefined> = [];
    const server = await serve((_request, response, socket) => {
      clientPorts.push(socket.remotePort);
      json(response, { data: { ping: 'pong' } });
    });
    const client = createKrakenClient({ endpoint: server.url });
    for (let call = 0; call < 3; call += 1) await client.request(PingDocument);
    expect(server.requests.map((request) => request.headers.connection)).toEqual(['keep-alive', 'keep-alive', 'keep-alive']);
    expect(clientPorts).toHaveLength(3);
    expect(new Set(clientPorts).size).toBe(1);
  });

  it('is fetch, the one given, when the client is given fetch', async () => {
    const counts = countRequests();
    const given = vi.fn(() => Promise.resolve(Response.json({ data: { ping: 'given' } })));
    const client = createKrakenClient({ endpoint: 'http://127.0.0.1:9/v1/graphql/', fetch: given });
    await expect(client.request(PingDocument)).resolves.toEqual({ ping: 'given' });
    expect(given).toHaveBeenCalledTimes(1);
    expect(counts.nodeHttp()).toBe(0);
  });

  it('is the stub when a test replaces globalThis.fetch after the SDK loaded', async () => {
    const stub = vi.fn(() => Promise.resolve(Response.json({ data: { ping: 'stubbed' } })));
    const client = createKrakenClient({ endpoint: 'http://127.0.0.1:9/v1/graphql/' });
    vi.stubGlobal('fetch', stub);
    await expect(client.request(PingDocument)).resolves.toEqual({ ping: 'stubbed' });
    expect(stub).toHaveBeenCalledTimes(1);
  });
});

describe('msw intercepts the Node transport', () => {
  it('answers a call sent with nodeHttpTransport() from its handlers', async () => {
    const server = setupServer(http.post('https://api.example.test/graphql/', () => HttpResponse.json({ data: { ping: 'from msw' } })));
    server.listen({ onUnhandledFrame: 'error' });
    try {
      const client = createKrakenClient({ endpoint: 'https://api.example.test/graphql/', transport: nodeHttpTransport(), retry: false });
      await expect(client.request(PingDocument)).resolves.toEqual({ ping: 'from msw' });
      // And the default transport, whichever msw's fetch patch makes it.
      await expect(createKrakenClient({ endpoint: 'https://api.example.test/graphql/', retry: false }).request(PingDocument)).resolves.toEqual({ ping: 'from msw' });
    } finally {
      server.close();
    }
  });
});

describe('where node:http is not the default', () => {
  it.each([
    ['a Worker (navigator.userAgent Cloudflare-Workers)', 'navigator', { userAgent: 'Cloudflare-Workers' }],
    ['Bun', 'Bun', { version: '1.2.0' }],
    ['Deno', 'Deno', { version: { deno: '2.0.0' } }],
  ])('%s', (_name, global, value) => {
    expect(nodeHttpPreferred()).toBe(true);
    vi.stubGlobal(global, value);
    expect(nodeHttpPreferred()).toBe(false);
  });

  it('Node without process.getBuiltinModule (before 20.16)', () => {
    vi.stubGlobal('process', { ...process, versions: process.versions, getBuiltinModule: undefined });
    expect(nodeHttpPreferred()).toBe(false);
  });
});
