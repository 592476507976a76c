// What the fetch transport meets on Bun, Deno and workerd (a trial ran a hostile server against each): answers and
// failures shaped as those runtimes give them, through a `fetch` of the test's own. Deno and workerd leave zstd,
// deflate and a second coding undecoded (the client now reads gzip and br only, and asks for no other); Bun keeps
// decoding a zstd body after its stream is cancelled (only an abort stops it); a refused connection or a corrupt
// gzip body comes as an error without Node's system code.
import { gzipSync, zstdCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient } from 'kraken-sdk';
import type { FetchFunction } from 'kraken-sdk';
import { failure } from '../faults/failure.js';

const PingDocument = parse('query Ping { ping }') as TypedDocumentNode<{ ping: string }, Record<string, never>>;
const ANSWER = JSON.stringify({ data: { ping: 'pong' } });
const ENDPOINT = 'https://api.example.test/v1/graphql/';

const clientWith = (fetch: FetchFunction, extra: Record<string, unknown> = {}) => createKrakenClient({ endpoint: ENDPOINT, fetch, timeoutMs: 10_000, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1 }, ...extra });

/** A fetch answering each request with `answer()` and counting the requests. */
function answering(answer: () => Response) {
  const seen: RequestInit[] = [];
  const fetch: FetchFunction = (_input, init) => {
    seen.push(init ?? {});
    return Promise.resolve(answer());
  };
  return { fetch, seen };
}

describe('a coding not every runtime decodes', () => {
  it.each([
    ['zstd', zstdCompressSync(ANSWER)],
    ['deflate', Buffer.from([0x78, 0x9c, 1, 2, 3, 4])],
    ['gzip, gzip', gzipSync(gzipSync(ANSWER))],
  ])('%s: an http error naming the Content-Encoding on every runtime, not "not a JSON object" on some', async (coding, bytes) => {
    const { fetch, seen } = answering(() => new Response(bytes, { headers: { 'content-type': 'application/json', 'content-encoding': coding } }));
    const error = await failure(clientWith(fetch).request(PingDocument));
    expect(error.kind).toBe('http');
    expect(error.message).toContain(`Content-Encoding ${JSON.stringify(coding)}: only gzip and br are read.`);
    // Left unread: the fetch is aborted too.
    expect(seen[0]?.signal?.aborted).toBe(true);
  });

  it('the client asks for gzip and br only', async () => {
    const { fetch, seen } = answering(() => new Response(ANSWER, { headers: { 'content-type': 'application/json' } }));
    await clientWith(fetch).request(PingDocument);
    expect(new Headers(seen[0]?.headers).get('accept-encoding')).toBe('gzip, br');
  });
});

it('a body past maxResponseBytes: the signal fetch was given is aborted, so a runtime still decoding (Bun, zstd) stops', async () => {
  const endless = () => new ReadableStream<Uint8Array>({ pull: (controller) => controller.enqueue(new Uint8Array(65_536)) });
  const { fetch, seen } = answering(() => new Response(endless(), { headers: { 'content-type': 'application/json' } }));
  const error = await failure(clientWith(fetch, { maxResponseBytes: 100_000 }).request(PingDocument));
  expect(error.message).toMatch(/over maxResponseBytes/);
  expect(seen).toHaveLength(1);
  expect(seen[0]?.signal?.aborted).toBe(true);
});

it("a refused connection as Deno reports it: never sent, ECONNREFUSED, retried", async () => {
  let sent = 0;
  const fetch: FetchFunction = () => {
    sent += 1;
    return Promise.reject(new TypeError('error sending request for url (https://api.example.test/v1/graphql/): client error (Connect): tcp connect error: Connection refused (os error 111)'));
  };
  const error = await failure(clientWith(fetch).request(PingDocument, {}, { idempotent: false }));
  expect([error.kind, error.systemCode, error.mayHaveReachedServer, sent]).toEqual(['network', 'ECONNREFUSED', false, 3]);
});

describe('a corrupt compressed body, as each runtime fails to read it', () => {
  it.each([
    ['Bun', Object.assign(new Error('Decompression error: ShortRead'), { code: 'ZlibError' })],
    ['Deno', new TypeError('error decoding response body')],
    ['workerd', new TypeError('Gzip decompression failed.')],
  ])('%s: an http error (the server answered), not retried even when idempotent', async (_runtime, thrown) => {
    const broken = () => new ReadableStream<Uint8Array>({ pull: (controller) => controller.error(thrown) });
    const { fetch, seen } = answering(() => new Response(broken(), { headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } }));
    const error = await failure(clientWith(fetch).request(PingDocument, {}, { idempotent: true }));
    expect(error.kind).toBe('http');
    expect(error.message).toMatch(/does not match its Content-Encoding/);
    expect(seen).toHaveLength(1);
  });
});
