// Issue 9 defects 2, 4 (envelope), 5, 8, 9, 10, 11, 13: each against a server on 127.0.0.1 that misbehaves on purpose.
import type { ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient, KrakenError } from 'kraken-sdk';
import type { KrakenClientOptions } from 'kraken-sdk';
import { closedPortUrl, json, serve } from './http-server.js';
import { failure } from './failure.js';
import { SECRET_FIXTURES } from '../support/secrets.js';
import { loginWith } from 'kraken-sdk';

const PingDocument = parse('mutation Ping { ping }') as TypedDocumentNode<{ ping: boolean }, Record<string, never>>;

function clientFor(url: string, extra: Partial<KrakenClientOptions> = {}) {
  return createKrakenClient({ endpoint: url, retry: false, timeoutMs: 10_000, ...extra } as KrakenClientOptions);
}


describe('redirects are never followed (defect 2)', () => {
  it.each([307, 308, 302])('a %i to another origin is an http error naming the status and that origin; nothing reaches it', async (status) => {
    const elsewhere = await serve((_request, response) => json(response, { data: { ping: true } }));
    const server = await serve((_request, response) => {
      response.writeHead(status, { location: `${elsewhere.origin}/steal/?x=1` });
      response.end();
    });
    const error = await failure(clientFor(server.url).request(PingDocument));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(status);
    expect(error.message).toContain(`HTTP ${status}`);
    expect(error.message).toContain(elsewhere.origin);
    expect(error.message).not.toContain('steal');
    expect(elsewhere.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
  });
});

describe('the GraphQL-over-HTTP envelope is validated (defects 4 and 5)', () => {
  const answering = (body: string, status = 200) => serve((_request, response) => json(response, body, status));

  it.each([
    ['a JSON array', '[{"data":{"ping":true}}]'],
    ['errors as an object', '{"errors":{"message":"x"}}'],
    ['errors as an empty object', '{"errors":{}}'],
    ['errors holding null', '{"errors":[null]}'],
    ['an empty errors list', '{"errors":[]}'],
    ['an error without a string message', '{"errors":[{"message":3}]}'],
    ['null data alone', '{"data":null}'],
    ['data that is a string', '{"data":"ping"}'],
    ['neither data nor errors', '{}'],
    ['truncated JSON', '{"data":{"ping":tr'],
    ['binary', '\u0000\u0001\u00ff'],
  ])('%s is an http error, never a result or another exception', async (_name, body) => {
    const server = await answering(body);
    const error = await failure(clientFor(server.url).request(PingDocument));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(200);
    expect(error.message).toMatch(/not a GraphQL response/);
    expect(error.body).toBe(body.slice(0, 500));
  });

  it('data with errors: null is a result', async () => {
    const server = await answering('{"data":{"ping":true},"errors":null}');
    await expect(clientFor(server.url).request(PingDocument)).resolves.toEqual({ ping: true });
  });

  it('data without errors on an error status is an http error', async () => {
    const server = await answering('{"data":{"ping":true}}', 500);
    const error = await failure(clientFor(server.url).request(PingDocument));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(500);
  });

  it('GraphQL errors are read whatever the status', async () => {
    const server = await answering('{"errors":[{"message":"upstream unavailable"}]}', 503);
    const error = await failure(clientFor(server.url).request(PingDocument));
    expect(error.kind).toBe('graphql');
    expect(error.status).toBe(503);
    expect(error.errors).toEqual([{ message: 'upstream unavailable' }]);
  });

  it.each(['{"errors":[null]}', '{"errors":{}}'])('safeRequest reports %s as the http error it is, not as a network failure', async (body) => {
    const server = await answering(body);
    const { data, error } = await clientFor(server.url).safeRequest(PingDocument);
    expect(data).toBeUndefined();
    expect(error?.kind).toBe('http');
    expect(error?.reason).toBeUndefined();
  });

  // Defect 4: the user's own store or hook failing reached safeRequest raw, which relabelled it
  // `network/connection` (a call that had nothing to do with the network). Now it never fails the call.
  it.each([
    ['store.get', { store: { get: () => Promise.reject(new TypeError('the vault is sealed')), set: () => Promise.resolve() } }],
    ['store.set', { store: { get: () => Promise.resolve(undefined), set: () => Promise.reject(new TypeError('the vault is sealed')) } }],
    ['onSession', { onSession: () => Promise.reject(new TypeError('the vault is sealed')) }],
  ] as const)('safeRequest: a %s that throws is never a network failure: the call succeeds, the failure is a store warning keeping its cause', async (_name, extra) => {
    const token = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(JSON.stringify({ exp: 4_102_444_800 })).toString('base64url')}.sig`;
    const server = await serve((request, response) =>
      json(response, request.body.includes('obtainKrakenToken') ? { data: { obtainKrakenToken: { token, refreshToken: 'refresh-0123456789', refreshExpiresIn: 4_102_444_800 } } } : { data: { ping: true } }),
    );
    const warnings: KrakenError[] = [];
    const client = clientFor(server.url, { auth: loginWith({ apiKey: SECRET_FIXTURES.faultsApiKey }), onWarning: (warning) => void warnings.push(warning), ...extra });
    const result = await client.safeRequest(PingDocument);
    expect(result).toEqual({ data: { ping: true } });
    expect(warnings.map((warning) => warning.kind)).toEqual(['store']);
    let cause: unknown = warnings[0]?.cause;
    while (cause instanceof KrakenError) cause = cause.cause;
    expect((cause as Error).message).toBe('the vault is sealed');
  });
});

describe('a token that cannot travel in a header is refused before sending (defect 8)', () => {
  it.each([
    ['CR', `abc\r${SECRET_FIXTURES.tokenAfterCr}`],
    ['LF', `abc\n${SECRET_FIXTURES.tokenAfterLf}`],
    ['NUL', `abc\u0000${SECRET_FIXTURES.tokenAfterNul}`],
  ])('%s: an auth error that never echoes the token, and nothing is sent', async (_name, token) => {
    const server = await serve((_request, response) => json(response, { data: { ping: true } }));
    const error = await failure(clientFor(server.url, { auth: { token } }).request(PingDocument));
    expect(error.kind).toBe('auth');
    expect(error.mayHaveReachedServer).toBe(false);
    expect(server.requests).toHaveLength(0);
    const secretPart = token.slice(4);
    for (const view of [error.message, String(error.stack), JSON.stringify(error), inspect(error, { depth: 10 }), inspect(error.cause, { depth: 10 })]) {
      expect(view).not.toContain(secretPart);
    }
  });
});

/** Waits for backpressure to clear or the socket to go, leaving no listener behind (the loop waits up to 1,024 times). */
function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done).off('close', done);
      resolve();
    };
    response.once('drain', done).once('close', done);
  });
}

describe('response size limit (defect 9)', () => {
  const CHUNK = 'x'.repeat(64 * 1024);

  it('a body past maxResponseBytes (streamed, no length) stops the read: an http error with an excerpt', async () => {
    let closedEarly = false;
    const server = await serve(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.on('close', () => {
        closedEarly = !response.writableFinished;
      });
      response.write(`{"data":{"ping":"`);
      // 64 MiB if the client read it all; it must give up after its limit.
      for (let i = 0; i < 1024 && !response.destroyed; i += 1) {
        if (!response.write(CHUNK)) await drainedOrClosed(response);
      }
      response.end('"}}');
    });
    const error = await failure(clientFor(server.url, { maxResponseBytes: 100_000 }).request(PingDocument));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(200);
    expect(error.message).toContain('maxResponseBytes');
    expect(error.body?.startsWith('{"data":{"ping":"xxx')).toBe(true);
    expect(error.body?.length).toBeLessThanOrEqual(500);
    await expect.poll(() => closedEarly).toBe(true);
  });

  it('a declared Content-Length past the limit is refused after the first chunk', async () => {
    const big = `{"data":{"ping":"${'y'.repeat(300_000)}"}}`;
    const server = await serve((_request, response) => json(response, big, 200, { 'content-length': String(Buffer.byteLength(big)) }));
    const error = await failure(clientFor(server.url, { maxResponseBytes: 1_000 }).request(PingDocument));
    expect(error.kind).toBe('http');
    expect(error.message).toContain('maxResponseBytes');
  });

  it('the default limit is 10 MiB; a body under it is read', async () => {
    const { DEFAULT_MAX_RESPONSE_BYTES } = await import('kraken-sdk');
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(10 * 1024 * 1024);
    const server = await serve((_request, response) => json(response, { data: { ping: 'z'.repeat(1_000_000) } }));
    await expect(clientFor(server.url).request(PingDocument)).resolves.toEqual({ ping: 'z'.repeat(1_000_000) });
  });

  it('an error keeps at most 100 GraphQL errors (counting the rest) and cuts huge messages', async () => {
    const errors = Array.from({ length: 5_000 }, (_, index) => ({ message: `${index}:${'m'.repeat(2_000)}` }));
    const server = await serve((_request, response) => json(response, { data: null, errors }));
    const error = await failure(clientFor(server.url).request(PingDocument));
    expect(error.kind).toBe('graphql');
    expect(error.errors).toHaveLength(100);
    expect(error.omittedErrors).toBe(4_900);
    expect(error.errors[0]?.message.length).toBeLessThanOrEqual(1_001);
    expect(JSON.stringify(error).length).toBeLessThan(200_000);
  });
});

describe('where and whether: origin, system code, may-have-reached (defects 10 and 13)', () => {
  it('connection refused: never reached, the message and fields name the origin and ECONNREFUSED', async () => {
    const url = await closedPortUrl();
    const origin = new URL(url).origin;
    const error = await failure(clientFor(url).request(PingDocument));
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('connection');
    expect(error.systemCode).toBe('ECONNREFUSED');
    expect(error.origin).toBe(origin);
    expect(error.message).toContain(origin);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.mayHaveReachedServer).toBe(false);
  });

  it('a reset after the server read the request: may have reached it, ECONNRESET named', async () => {
    const server = await serve((_request, _response, socket) => {
      socket.resetAndDestroy();
    });
    const error = await failure(clientFor(server.url).request(PingDocument));
    expect(server.requests).toHaveLength(1);
    expect(error.kind).toBe('network');
    expect(error.systemCode).toBe('ECONNRESET');
    expect(error.message).toContain(server.origin);
    expect(error.mayHaveReachedServer).toBe(true);
  });

  it('a name that does not resolve: ENOTFOUND, never reached (the platform error, injected)', async () => {
    const fetch = () =>
      Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND api.example.test'), { code: 'ENOTFOUND' }) }));
    const error = await failure(clientFor('https://api.example.test/v1/graphql/', { fetch }).request(PingDocument));
    expect(error.systemCode).toBe('ENOTFOUND');
    expect(error.message).toContain('https://api.example.test');
    expect(error.mayHaveReachedServer).toBe(false);
  });

  it.each([
    ...['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT'].map((code) => [code, false] as const),
    ...['CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID'].map((code) => [code, false] as const),
    ...['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT'].map((code) => [code, true] as const),
  ])('%s (injected): mayHaveReachedServer %s, and the message says the same', async (code, reached) => {
    const fetch = () => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error(`failed: ${code}`), { code }) }));
    const error = await failure(clientFor('https://api.example.test/v1/graphql/', { fetch }).request(PingDocument));
    expect(error.systemCode).toBe(code);
    expect(error.mayHaveReachedServer).toBe(reached);
    expect(error.message).toContain(reached ? `(${code}); the server may have received the Ping request.` : `the Ping request to https://api.example.test was not sent: the connection failed (${code}).`);
  });

  it('a timeout: may have reached the server', async () => {
    const server = await serve(() => undefined);
    // Long enough to connect on a loaded machine: a timeout before connecting is (exactly) "not sent" on node:http.
    const error = await failure(clientFor(server.url, { timeoutMs: 1_000 }).request(PingDocument));
    expect(server.requests).toHaveLength(1);
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('timeout');
    expect(error.mayHaveReachedServer).toBe(true);
  });

  it('an already-aborted signal: never sent', async () => {
    const server = await serve((_request, response) => json(response, { data: { ping: true } }));
    const error = await failure(clientFor(server.url).request(PingDocument, {}, { signal: AbortSignal.abort() }));
    expect(error.reason).toBe('abort');
    expect(error.mayHaveReachedServer).toBe(false);
    expect(server.requests).toHaveLength(0);
  });
});

describe('rate limits are read the same way everywhere (defect 11)', () => {
  it('HTTP 429 with a GraphQL body is a rate-limit error keeping Retry-After', async () => {
    const server = await serve((_request, response) =>
      json(response, { errors: [{ message: 'Too many requests.' }] }, 429, { 'retry-after': '7' }),
    );
    const error = await failure(clientFor(server.url).request(PingDocument));
    expect(error.kind).toBe('rate-limit');
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(7_000);
  });

  it('Retry-After on a 503 is kept', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(503, { 'content-type': 'text/html', 'retry-after': '3' });
      response.end('<html>down for maintenance</html>');
    });
    const error = await failure(clientFor(server.url).request(PingDocument));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(503);
    expect(error.retryAfterMs).toBe(3_000);
  });

  it.each([
    [{ retryAfterMs: -1 }, undefined],
    [{ retryAfter: -1 }, undefined],
    [{ retryAfterMs: 1e308 }, 86_400_000],
    [{ retryAfter: 1e308 }, 86_400_000],
    [{ retryAfter: 12 }, 12_000],
  ])('the rate-limit extension %o gives retryAfterMs %s', async (extensions, expected) => {
    const server = await serve((_request, response) =>
      json(response, { data: null, errors: [{ message: 'Slow down.', extensions: { errorCode: 'KT-CT-1199', ...extensions } }] }),
    );
    const error = await failure(clientFor(server.url).request(PingDocument));
    expect(error.kind).toBe('rate-limit');
    expect(error.retryAfterMs).toBe(expected);
  });
});
