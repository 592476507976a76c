// Issue 9 defects 12 (configuration traps) and 3 (an overridden endpoint never leaves requests on a production host).
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient } from 'kraken-sdk';
import type { KrakenClientOptions } from 'kraken-sdk';
import * as oejp from 'kraken-sdk/oejp';
import { startMockKrakenServer } from 'kraken-sdk/mocks/node';
import { json, startServer } from './http-server.js';
import { failure } from './failure.js';
import { SECRET_FIXTURES } from '../support/secrets.js';
import type { TestServer } from './http-server.js';
import { loginWith } from 'kraken-sdk';

const PingDocument = parse('mutation Ping { ping }') as TypedDocumentNode<{ ping: boolean }, Record<string, never>>;

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function echoServer(): Promise<TestServer> {
  const server = await startServer((_request, response) => json(response, { data: { ping: true } }));
  servers.push(server);
  return server;
}


const unreachable = () => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }));

describe('configuration traps (defect 12)', () => {
  it('plain http to a host that is not loopback is refused unless allowInsecureHttp is given', () => {
    expect(() => createKrakenClient({ endpoint: 'http://api.example.test/graphql/' })).toThrow(/plain http.*allowInsecureHttp: true/);
    expect(() => createKrakenClient({ endpoint: 'https://api.example.test/graphql/', authEndpoint: 'http://auth.example.test/graphql/' })).toThrow(/authEndpoint/);
    expect(() => createKrakenClient({ endpoint: 'http://api.example.test/graphql/', allowInsecureHttp: true })).not.toThrow();
    for (const loopback of ['http://127.0.0.1:4000/v1/graphql/', 'http://localhost:4000/graphql/', 'http://[::1]:4000/graphql/', 'http://app.localhost/graphql/']) {
      expect(() => createKrakenClient({ endpoint: loopback })).not.toThrow();
    }
  });

  it('user info in an endpoint is refused without being echoed; query strings never reach a message or a view', async () => {
    const withPassword = () => createKrakenClient({ endpoint: `https://me:${SECRET_FIXTURES.endpointPassword}@api.example.test/graphql/` });
    expect(withPassword).toThrow(/must not hold a user name or password/);
    expect(withPassword).not.toThrow(SECRET_FIXTURES.endpointPassword);
    expect(() => createKrakenClient({ endpoint: `not a url ?key=${SECRET_FIXTURES.endpointPassword}` })).not.toThrow(SECRET_FIXTURES.endpointPassword);

    const client = createKrakenClient({ endpoint: `https://api.example.test/graphql/?apiKey=${SECRET_FIXTURES.endpointQueryKey}`, fetch: unreachable, retry: false });
    const error = await failure(client.request(PingDocument));
    expect(error.origin).toBe('https://api.example.test');
    for (const view of [error.message, JSON.stringify(error), inspect(error, { depth: 10 }), JSON.stringify(client), inspect(client, { depth: 10 })]) {
      expect(view).not.toContain(SECRET_FIXTURES.endpointQueryKey);
    }
    const status = createKrakenClient({ endpoint: `https://api.example.test/graphql/?apiKey=${SECRET_FIXTURES.endpointQueryKey}`, fetch: () => Promise.resolve(new Response('<html>', { status: 502 })) });
    expect((await failure(status.request(PingDocument))).message).not.toContain(SECRET_FIXTURES.endpointQueryKey);
  });

  it('timeoutMs must be 0 (off) or a positive number; maxResponseBytes likewise', () => {
    expect(() => createKrakenClient({ endpoint: 'https://api.example.test/graphql/', timeoutMs: -1 })).toThrow(/timeoutMs/);
    expect(() => createKrakenClient({ endpoint: 'https://api.example.test/graphql/', timeoutMs: Number.NaN })).toThrow(/timeoutMs/);
    expect(() => createKrakenClient({ endpoint: 'https://api.example.test/graphql/', timeoutMs: 0 })).not.toThrow();
    expect(() => createKrakenClient({ endpoint: 'https://api.example.test/graphql/', maxResponseBytes: -5 })).toThrow(/maxResponseBytes/);
  });

  it('authorization: the client\u2019s token and a caller\u2019s header never merge', async () => {
    const server = await echoServer();
    const options: KrakenClientOptions = { endpoint: server.url, retry: false };
    // With auth, the client owns the header: giving one too is refused when the client is built.
    expect(() => createKrakenClient({ ...options, auth: { token: 'client-token' }, headers: { Authorization: 'user' } })).toThrow(/authorization/i);
    // Without auth, the caller's header is sent as is.
    await createKrakenClient({ ...options, headers: { Authorization: 'user-header' } }).request(PingDocument);
    // A call's own header replaces the token for that call; the client's token goes on every other call.
    const withToken = createKrakenClient({ ...options, auth: { token: 'client-token' } });
    await withToken.request(PingDocument, {}, { headers: { authorization: 'call-header' } });
    await withToken.request(PingDocument, {}, { headers: { 'X-Trace': '1' } });
    expect(server.requests.map((request) => request.headers.authorization)).toEqual(['user-header', 'call-header', 'client-token']);
  });

  // A content-length of the caller's made fetch wait for a body it never got (until the timeout). The other headers
  // that frame the message or manage the connection behaved differently by transport: fetch refuses
  // transfer-encoding, keep-alive, upgrade and expect (unsent) and drops host, where node:http sends them all
  // (a chunked body, a 100-continue wait, another Host): the same options worked in production and failed under msw.
  it.each(['Content-Length', 'content-length', 'Transfer-Encoding', 'host', 'keep-alive', 'upgrade', 'Expect'])(
    'headers["%s"], set by the transport, is refused on the client and on a call, and nothing is sent',
    async (header) => {
      const server = await echoServer();
      const message = `headers["${header}"] is set by the transport: drop it.`;
      expect(() => createKrakenClient({ endpoint: server.url, headers: { [header]: '5' } })).toThrow(new TypeError(message));
      const client = createKrakenClient({ endpoint: server.url, retry: false });
      expect(() => client.request(PingDocument, {}, { headers: { [header]: '5' } })).toThrow(new TypeError(`request ${message}`));
      expect(server.requests).toHaveLength(0);
      // Other headers still go.
      await client.request(PingDocument, {}, { headers: { 'x-content-length-note': '5' } });
      expect(server.requests).toHaveLength(1);
    },
  );

  it.each([30_000, 0])('one AbortSignal shared by 50 calls prints no MaxListenersExceeded warning (timeoutMs %i)', async (timeoutMs) => {
    const server = await echoServer();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const shared = new AbortController().signal;
      const client = createKrakenClient({ endpoint: server.url, auth: { token: 'shared-signal-token' }, timeoutMs });
      await Promise.all(Array.from({ length: 50 }, () => client.request(PingDocument, {}, { signal: shared })));
      // Warnings are emitted on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
  });
});

describe('an overridden endpoint keeps everything off the production hosts (defect 3)', () => {
  it('oejp: the MFA mutations go to /graphql/ on the given endpoint\u2019s origin, never to the preset auth host', async () => {
    const mock = await startMockKrakenServer({ brand: 'oejp', port: 0 });
    servers.push(mock);
    const seen: string[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    const client = oejp.createKrakenClient({ endpoint: mock.apiUrl, auth: loginWith({ apiKey: 'any-key' }), fetch: recordingFetch, retry: false });
    expect(client.toJSON()).toMatchObject({ endpoint: mock.apiUrl, authEndpoint: `${mock.url}/graphql/` });
    await client.request(oejp.CreateMfaDeviceDocument, { input: { deviceType: 'TOTP' } });
    await client.request(oejp.RegenerateSecretKeyDocument);
    expect(seen.filter((url) => url === `${mock.url}/graphql/`)).toHaveLength(1);
    expect(seen.every((url) => url.startsWith(mock.url))).toBe(true);
  });

  it('the preset hosts stay when nothing is overridden, and an explicit authEndpoint wins', () => {
    expect(oejp.createKrakenClient().toJSON()).toMatchObject({ endpoint: oejp.endpoints.api, authEndpoint: oejp.endpoints.auth });
    const explicit = oejp.createKrakenClient({ endpoint: 'https://kraken.example.test/v1/graphql/', authEndpoint: 'https://auth.example.test/graphql/' });
    expect(explicit.toJSON()).toMatchObject({ authEndpoint: 'https://auth.example.test/graphql/' });
  });
});
