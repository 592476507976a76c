// The hostile trial of the packed package (issue 28's spirit): a server that echoes a secret where the client cuts
// or case-folds text must not get part of it into an error. Before: the GraphQL message was cut at 500 characters
// before redaction (490 'x' + a 30-character token showed its first 10), a Content-Encoding name was cut (60 / 40)
// before redaction, a body excerpt cut at 1,024 bytes kept the start of a token, and a redirect's host was lowercased
// by URL parsing, so exact-match redaction missed the token in it.
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient, fetchTransport } from 'kraken-sdk';
import type { KrakenError, KrakenTransport } from 'kraken-sdk';
import { nodeHttpTransport } from 'kraken-sdk/node';
import { failure } from '../faults/failure.js';
import { rawAnswer, rawServer } from '../transports/raw-server.js';

const PingDocument = parse('query Ping { ping }') as TypedDocumentNode<{ ping: string }, Record<string, never>>;

/** 30 characters, mixed case (a host lowercases it), valid in a host label. */
const TOKEN = `SeCrEt${randomBytes(12).toString('hex').toUpperCase()}`;
/** The shortest run of the token's characters counted as a leak (below it, ordinary text could match by chance). */
const LEAK = 6;

/** Every string a user sees of an error: message, JSON, inspect, body, errors. */
const renderings = (error: KrakenError): string[] => [error.message, JSON.stringify(error), inspect(error, { depth: Infinity }), error.body ?? '', JSON.stringify(error.errors)];

/** The longest run of the token's characters (any case) in `text`: 0 when none of at least LEAK characters. */
function longestPart(text: string): number {
  const folded = text.toLowerCase();
  const secret = TOKEN.toLowerCase();
  for (let length = secret.length; length >= LEAK; length -= 1) {
    for (let start = 0; start + length <= secret.length; start += 1) if (folded.includes(secret.slice(start, start + length))) return length;
  }
  return 0;
}

const expectNoPart = (error: KrakenError): void => {
  for (const text of renderings(error)) expect(longestPart(text), text.slice(0, 2_000)).toBe(0);
};

const json = (status: string, body: string | Buffer, headers: readonly string[] = []): Buffer =>
  rawAnswer(status, ['content-type: application/json', `content-length: ${Buffer.byteLength(body)}`, ...headers], body);

const transports: ReadonlyArray<readonly [string, () => KrakenTransport]> = [
  ['node:http', () => nodeHttpTransport()],
  ['fetch', () => fetchTransport()],
];

describe.each(transports)('no part of a secret in an error, through the %s transport', (_name, makeTransport) => {
  const call = async (answer: Buffer, extra: Record<string, unknown> = {}): Promise<KrakenError> => {
    const server = await rawServer(answer);
    const client = createKrakenClient({ endpoint: server.url, transport: makeTransport(), auth: { token: TOKEN }, retry: false, timeoutMs: 10_000, ...extra });
    return failure(client.request(PingDocument));
  };

  it('a GraphQL error message of 490 characters and then the token: redacted before the message is cut at 500', async () => {
    const error = await call(json('200 OK', JSON.stringify({ data: null, errors: [{ message: `${'x'.repeat(490)}${TOKEN}` }] })));
    expect(error.kind).toBe('graphql');
    expect(error.message).toContain('x'.repeat(490));
    expectNoPart(error);
  });

  it('an `errors[].message` of 995 characters and then the token: redacted before it is cut at 1,000', async () => {
    const error = await call(json('200 OK', JSON.stringify({ data: null, errors: [{ message: `${'y'.repeat(995)}${TOKEN}` }] })));
    expect(error.errors[0]?.message.startsWith('y'.repeat(995))).toBe(true);
    expectNoPart(error);
  });

  it('an oversized body whose 1,024-byte excerpt ends inside the token (multi-byte text before it): the start of the token is redacted too', async () => {
    // 338 × 3 bytes = 1,014 bytes, so the excerpt keeps the token's first 10 characters, and is under 500 characters.
    const body = `${'€'.repeat(338)}${TOKEN}${' '.repeat(3_000)}`;
    const error = await call(json('502 Bad Gateway', body), { maxResponseBytes: 2_048 });
    expect(error.kind).toBe('http');
    expect(error.message).toMatch(/: over maxResponseBytes\.$/);
    expect(error.body?.startsWith('€'.repeat(338))).toBe(true);
    expectNoPart(error);
  });

  it('a Content-Encoding that echoes the token after 30 characters: redacted before the name is cut for the message', async () => {
    const error = await call(json('200 OK', '{"data":{"ping":"pong"}}', [`content-encoding: x-${'a'.repeat(30)}${TOKEN}`]));
    expect(error.kind).toBe('http');
    expect(error.message).toMatch(/Content-Encoding "x-a{30}/);
    expectNoPart(error);
  });

  // A trial on every runtime: an errorCode is cut at 64 characters for the message before redaction, so a longer
  // echo showed the token's first characters; and values nested past 64 levels were left out of redaction.
  it('an `extensions.errorCode` of 40 characters and then the token: the message shows none of it', async () => {
    const error = await call(json('200 OK', JSON.stringify({ data: null, errors: [{ message: 'Invalid data.', extensions: { errorCode: `${'k'.repeat(40)}${TOKEN}` } }] })));
    expect(error.kind).toBe('graphql');
    expectNoPart(error);
  });

  it('the token nested 70 levels deep in `extensions` and in `data`: redacted (deeper values are left out)', async () => {
    const nest = (levels: number, inner: unknown): unknown => (levels === 0 ? inner : { deeper: nest(levels - 1, inner) });
    const error = await call(json('200 OK', JSON.stringify({ data: { ping: nest(70, TOKEN) }, errors: [{ message: 'No.', extensions: { errorCode: 'KT-CT-4123', trace: nest(70, TOKEN) } }] })));
    expect([error.kind, error.code]).toEqual(['graphql', 'KT-CT-4123']);
    expectNoPart(error);
  });

  it('an answer nested 100,000 levels deep (data and extensions): a graphql error with its code, which JSON.stringify can write', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const error = await call(json('200 OK', `{"data":{"ping":${deep}},"errors":[{"message":"No.","extensions":{"errorCode":"KT-CT-4123","trace":${deep}}}]}`));
    expect([error.kind, error.code]).toEqual(['graphql', 'KT-CT-4123']);
    expect(JSON.stringify(error)).toContain('[too deep]');
  });

  it('a redirect to https://<token>.evil.example/: the token is redacted from the host URL parsing lowercased', async () => {
    const error = await call(rawAnswer('302 Found', [`location: https://${TOKEN}.evil.example/next`, 'content-length: 0']));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(302);
    expect(error.message).toMatch(/redirect to https:\/\/\[redacted\]\.evil\.example, not followed/);
    expectNoPart(error);
  });
});
