// The transport contract: the default fetch transport and the graphql-request adapter
// (`kraken-sdk/graphql-request`) must give the client the same answers, so every call behaves the same.
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
