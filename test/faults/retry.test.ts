// Issue 9, "Retries and the auth lifecycle": only failures that certainly did not run the operation are retried.
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient } from 'kraken-sdk';
import type { KrakenClientOptions, RetryOptions } from 'kraken-sdk';
import { closedPortUrl, json, startServer } from './http-server.js';
import { failure } from './failure.js';
import type { Handler, TestServer } from './http-server.js';

const PingDocument = parse('mutation Ping { ping }') as TypedDocumentNode<{ ping: boolean }, Record<string, never>>;
// A query runs nothing on the server: retried after a reset or a timeout unless the call says idempotent: false.
const PingQuery = parse('# a comment first\nquery PingQuery { ping }') as TypedDocumentNode<{ ping: boolean }, Record<string, never>>;
const OK = { data: { ping: true } };

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Answers the n-th request (0-based) with `answers[n]`, the last one for any further request. */
async function serveInTurn(...answers: Handler[]): Promise<TestServer> {
  let index = 0;
  const server = await startServer((request, response, socket) => {
    const answer = answers[Math.min(index, answers.length - 1)];
    index += 1;
    return answer?.(request, response, socket);
  });
  servers.push(server);
  return server;
}

/** A deterministic policy: the waits are recorded, not slept; jitter draws 0.5. */
function recordedRetry(overrides: RetryOptions = {}): { retry: RetryOptions; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    retry: {
      random: () => 0.5,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
      ...overrides,
    },
  };
}

function clientFor(url: string, retry: RetryOptions | false, extra: Partial<KrakenClientOptions> = {}) {
  return createKrakenClient({ endpoint: url, retry, timeoutMs: 10_000, ...extra });
}


const rateLimited: Handler = (_request, response) =>
  json(response, { data: null, errors: [{ message: 'Too many requests.', extensions: { errorCode: 'KT-CT-1199' } }] });
const ok: Handler = (_request, response) => json(response, OK);
const reset: Handler = (_request, _response, socket) => {
  socket.resetAndDestroy();
};

describe('retried: the server certainly did not run the operation', () => {
  it('connection refused: 2 retries by default, full-jitter exponential backoff, then the error with attempts 3', async () => {
    const { retry, waits } = recordedRetry();
    const error = await failure(clientFor(await closedPortUrl(), retry).request(PingDocument));
    expect(error.systemCode).toBe('ECONNREFUSED');
    expect(error.attempts).toBe(3);
    // Ceilings 250 and 500 ms, jitter 0.5.
    expect(waits).toEqual([125, 250]);
  });

  it('KT-CT-1199 then success: the call resolves after one retry', async () => {
    const { retry, waits } = recordedRetry();
    const server = await serveInTurn(rateLimited, ok);
    await expect(clientFor(server.url, retry).request(PingDocument)).resolves.toEqual({ ping: true });
    expect(server.requests).toHaveLength(2);
    expect(waits).toHaveLength(1);
  });

  it('HTTP 429 honours Retry-After', async () => {
    const { retry, waits } = recordedRetry();
    const server = await serveInTurn((_request, response) => {
      response.writeHead(429, { 'retry-after': '2' });
      response.end('slow down');
    }, ok);
    await expect(clientFor(server.url, retry).request(PingDocument)).resolves.toEqual({ ping: true });
    expect(waits).toEqual([2_000]);
  });

  it('HTTP 503 with Retry-After is retried; without it, not', async () => {
    const withHeader = recordedRetry();
    const server = await serveInTurn((_request, response) => {
      response.writeHead(503, { 'retry-after': '1' });
      response.end('maintenance');
    }, ok);
    await expect(clientFor(server.url, withHeader.retry).request(PingDocument)).resolves.toEqual({ ping: true });
    expect(withHeader.waits).toEqual([1_000]);

    const without = recordedRetry();
    const bare = await serveInTurn((_request, response) => {
      response.writeHead(503);
      response.end('maintenance');
    });
    const error = await failure(clientFor(bare.url, without.retry).request(PingDocument));
    expect(error.status).toBe(503);
    expect(bare.requests).toHaveLength(1);
  });

  it('a Retry-After past maxRetryAfterMs is not waited for', async () => {
    const { retry, waits } = recordedRetry({ maxRetryAfterMs: 5_000 });
    const server = await serveInTurn((_request, response) => json(response, { errors: [{ message: 'later' }] }, 429, { 'retry-after': '60' }));
    const error = await failure(clientFor(server.url, retry).request(PingDocument));
    expect(error.kind).toBe('rate-limit');
    expect(error.retryAfterMs).toBe(60_000);
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('no retry starts past maxTotalMs', async () => {
    let clock = 0;
    const { retry, waits } = recordedRetry({ maxTotalMs: 1_000, now: () => clock });
    const server = await serveInTurn((request, response) => {
      clock += 900;
      rateLimited(request, response, response.socket as never);
    });
    await failure(clientFor(server.url, retry).request(PingDocument));
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });
});

describe('not retried: the operation may have run', () => {
  it('a reset after the request was read: once, unless the call is marked idempotent', async () => {
    const plain = recordedRetry();
    const server = await serveInTurn(reset);
    const error = await failure(clientFor(server.url, plain.retry).request(PingDocument));
    expect(error.mayHaveReachedServer).toBe(true);
    expect(server.requests).toHaveLength(1);
    expect(error.attempts).toBe(1);

    const marked = recordedRetry();
    const again = await serveInTurn(reset, reset, ok);
    await expect(clientFor(again.url, marked.retry).request(PingDocument, {}, { idempotent: true })).resolves.toEqual({ ping: true });
    expect(again.requests).toHaveLength(3);
  });

  it('a query is idempotent unless the call says otherwise: retried after a reset; with idempotent: false, once', async () => {
    const query = recordedRetry();
    const server = await serveInTurn(reset, reset, ok);
    await expect(clientFor(server.url, query.retry).request(PingQuery)).resolves.toEqual({ ping: true });
    expect(server.requests).toHaveLength(3);
    expect(query.waits).toHaveLength(2);

    const optedOut = recordedRetry();
    const again = await serveInTurn(reset, ok);
    const error = await failure(clientFor(again.url, optedOut.retry).request(PingQuery, {}, { idempotent: false }));
    expect([error.reason, error.attempts, again.requests.length]).toEqual(['connection', 1, 1]);
  });

  it('a timeout: once, unless idempotent', async () => {
    const stall: Handler = () => undefined;
    const plain = recordedRetry();
    const server = await serveInTurn(stall);
    const error = await failure(clientFor(server.url, plain.retry, { timeoutMs: 250 }).request(PingDocument));
    expect(error.reason).toBe('timeout');
    expect(error.attempts).toBe(1);
    expect(plain.waits).toEqual([]);

    const marked = recordedRetry();
    const again = await serveInTurn(stall, ok);
    // Each attempt gets its own timeout; on a loaded machine even the answering attempt may time out once.
    await expect(clientFor(again.url, marked.retry, { timeoutMs: 250 }).request(PingDocument, {}, { idempotent: true })).resolves.toEqual({ ping: true });
    expect(again.requests.length).toBeGreaterThanOrEqual(2);
    expect(marked.waits.length).toBe(again.requests.length - 1);
  });

  it.each([500, 502, 504])('HTTP %i is not retried', async (status) => {
    const { retry } = recordedRetry();
    const server = await serveInTurn((_request, response) => {
      response.writeHead(status);
      response.end('<html>error</html>');
    });
    await failure(clientFor(server.url, retry).request(PingDocument));
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['KT-CT-1188', /^Ping: KT-CT-1188: Query rejected\. \(select fewer fields\)$/],
    ['KT-CT-1189', /^Ping: KT-CT-1189: Query rejected\. \(request smaller pages\)$/],
  ])('%s is never retried and says what to change', async (code, advice) => {
    const { retry } = recordedRetry();
    const server = await serveInTurn((_request, response) => json(response, { data: null, errors: [{ message: 'Query rejected.', extensions: { errorCode: code } }] }));
    const error = await failure(clientFor(server.url, retry).request(PingDocument, {}, { idempotent: true }));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(advice);
    expect(server.requests).toHaveLength(1);
  });
});

describe('switching retries off and stopping them', () => {
  it('retry: false on the client, or on one call', async () => {
    const server = await serveInTurn(rateLimited);
    await failure(clientFor(server.url, false).request(PingDocument));
    expect(server.requests).toHaveLength(1);
    const { retry } = recordedRetry();
    await failure(clientFor(server.url, retry).request(PingDocument, {}, { retry: false }));
    expect(server.requests).toHaveLength(2);
    await failure(clientFor(server.url, retry).request(PingDocument, {}, { retry: { retries: 1 } }));
    expect(server.requests).toHaveLength(4);
  });

  it('the caller\u2019s signal stops a retry that is waiting', async () => {
    const controller = new AbortController();
    const server = await serveInTurn(rateLimited);
    const retry: RetryOptions = {
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
          controller.abort();
        }),
    };
    const error = await failure(clientFor(server.url, retry).request(PingDocument, {}, { signal: controller.signal }));
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('abort');
    expect(error.message).toContain('KT-CT-1199');
    expect(server.requests).toHaveLength(1);
  });

  it('bad retry options are refused when the client is built', () => {
    expect(() => clientFor('https://api.example.test/graphql/', { retries: -1 })).toThrow(/retry\.retries/);
    expect(() => clientFor('https://api.example.test/graphql/', { maxTotalMs: Number.NaN })).toThrow(/retry\.maxTotalMs/);
  });
});
