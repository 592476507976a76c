// Found testing the packed package: a body sent as one-byte chunks (chunked transfer coding) was kept by the Node
// transport one chunk object per byte. 2 MB cost +921 MiB of RSS and 2.8 s of CPU (fetch: +48 MiB, 0.4 s); 9 MB,
// still under the default 10 MiB limit, +3.6 GiB. Memory bounds here follow the bomb tests of the transport
// contract: the peak resident size of this file's process, against a bound far from both outcomes.
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient } from 'kraken-sdk';
import { nodeHttpTransport } from 'kraken-sdk/node';
import { rawAnswer, rawServer } from './raw-server.js';

const EchoDocument = parse('query Echo { echo }') as TypedDocumentNode<{ echo: string }, Record<string, never>>;
const MiB = 1024 * 1024;

/** `{"data":{"echo":"aaa…"}}` in the chunked transfer coding, `length` of its bytes one chunk each. */
function oneByteChunks(length: number): Buffer {
  const chunk = (text: string) => `${text.length.toString(16)}\r\n${text}\r\n`;
  return Buffer.concat([
    Buffer.from(chunk('{"data":{"echo":"')),
    Buffer.alloc(length * 6, Buffer.from(chunk('a'))),
    Buffer.from(`${chunk('"}}')}0\r\n\r\n`),
  ]);
}

/** The process's peak resident memory so far, in bytes. */
const peakMemory = (): number => process.resourceUsage().maxRSS * 1024;

describe('a body in one-byte chunks (node:http)', () => {
  it('1,000,000 one-byte chunks are read whole within tens of MiB (before: ~460 MiB)', async () => {
    const server = await rawServer(rawAnswer('200 OK', ['content-type: application/json', 'transfer-encoding: chunked'], oneByteChunks(1_000_000)));
    const client = createKrakenClient({ endpoint: server.url, transport: nodeHttpTransport(), retry: false, timeoutMs: 0 });
    const peakBefore = peakMemory();
    const { echo } = await client.request(EchoDocument);
    expect(echo).toHaveLength(1_000_000);
    expect(echo).toMatch(/^a+$/);
    expect(peakMemory() - peakBefore).toBeLessThan(128 * MiB);
  });

  it('past maxResponseBytes the excerpt is still the first bytes', async () => {
    const server = await rawServer(rawAnswer('200 OK', ['content-type: application/json', 'transfer-encoding: chunked'], oneByteChunks(200_000)));
    const client = createKrakenClient({ endpoint: server.url, transport: nodeHttpTransport(), retry: false, maxResponseBytes: 100_000 });
    const { error } = await client.safeRequest(EchoDocument);
    expect(error?.kind).toBe('http');
    expect(error?.message).toMatch(/maxResponseBytes/);
    expect(error?.body).toMatch(/^\{"data":\{"echo":"a+$/);
  });
});
