// Bidi controls and zero-width characters a server writes (U+202E reverses what follows on screen, U+200B hides
// inside a code) are escaped wherever server text is shown: debug lines, kraken-sdk:debug, kraken-sdk:attempt,
// a KrakenError's code and message, and the CLI's output. One rule: core/safe-text.ts.
import { subscribe, tracingChannel, unsubscribe } from 'node:diagnostics_channel';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CloseOpenPrintBatchDocument, createKrakenClient, KrakenError } from 'kraken-sdk/st';
import { runPullCommand } from '../../src/cli/pull.js';
import { json, serve } from '../faults/http-server.js';
import { loginWith } from '../../src/index.js';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTl9.aGlkZGVuLWNoYXJz';

async function clientFailingWith(error: Record<string, unknown>, debug: (line: string) => void) {
  const server = await serve((request, response) =>
    request.body.includes('obtainKrakenToken')
      ? json(response, { data: { obtainKrakenToken: { token: TOKEN, refreshToken: 'refresh-hidden-chars-secret', refreshExpiresIn: 9_999_999_999 } } })
      : json(response, { data: null, errors: [error] }),
  );
  return createKrakenClient({ endpoint: server.url, auth: loginWith({ email: 'hidden@example.com', password: 'hidden-chars-password-77' }), retry: false, debug });
}

async function failure(promise: Promise<unknown>): Promise<KrakenError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  if (!(error instanceof KrakenError)) throw new Error(`expected a KrakenError, got ${String(error)}`);
  return error;
}

describe('bidi controls and zero-width characters (they passed the escaper)', () => {
  // Right-to-left override, zero-width space/joiner/non-joiner, marks, embeddings, isolates, BOM.
  const HIDDEN = ['\u202e', '\u202a', '\u202b', '\u202c', '\u202d', '\u200e', '\u200f', '\u2066', '\u2067', '\u2068', '\u2069', '\u200b', '\u200c', '\u200d', '\ufeff'];
  const SNEAKY_CODE = `KT-CT-1111${HIDDEN.join('x')}`;
  const expectNoneHidden = (text: string): void => {
    for (const char of HIDDEN) expect(text, `U+${char.charCodeAt(0).toString(16)}`).not.toContain(char);
  };

  it('reach no debug line, kraken-sdk:debug message, kraken-sdk:attempt message, nor the error\'s code and message', async () => {
    const lines: string[] = [];
    const attempts: Array<Record<string, unknown>> = [];
    const channel = tracingChannel<unknown, Record<string, unknown>>('kraken-sdk:attempt');
    const handlers = { start() {}, end() {}, asyncStart() {}, error() {}, asyncEnd: (message: Record<string, unknown>) => void attempts.push({ ...message, call: undefined }) };
    channel.subscribe(handlers as never);
    onTestFinished(() => channel.unsubscribe(handlers as never));
    const published: unknown[] = [];
    const onDebug = (line: unknown): void => void published.push(line);
    subscribe('kraken-sdk:debug', onDebug);
    onTestFinished(() => void unsubscribe('kraken-sdk:debug', onDebug));
    const client = await clientFailingWith({ message: `Refused ${HIDDEN.join('')}.`, extensions: { errorCode: SNEAKY_CODE } }, (line) => lines.push(line));
    const error = await failure(client.request(CloseOpenPrintBatchDocument));
    expect(lines.some((line) => line.includes('KT-CT-1111\\x202ex'))).toBe(true);
    expect(published).toEqual(lines);
    expect(attempts.some((message) => String(message.code).startsWith('KT-CT-1111\\x202ex'))).toBe(true);
    for (const text of [...lines, JSON.stringify(attempts), String(error.code), error.message]) expectNoneHidden(text);
    expect(error.code).toBe(`KT-CT-1111${HIDDEN.map((char) => `\\x${char.charCodeAt(0).toString(16)}`).join('x')}`.slice(0, 63) + '…');
  });

  it('the CLI: pull prints a server\'s error message with them escaped (\\uNNNN), as its control characters', async () => {
    const server = await serve((_request, response) => json(response, { data: null, errors: [{ message: `no${HIDDEN.join('')}end` }] }));
    const dir = await mkdtemp(join(tmpdir(), 'cli-hidden-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const lines: string[] = [];
    const io = { stdout: (line: string) => lines.push(line), stderr: (line: string) => lines.push(line) };
    expect(await runPullCommand(['--brand', 'st', '--endpoint', server.url, '--out', join(dir, 's.graphql')], io as never, { env: {} })).toBe(1);
    expect(lines).toHaveLength(1);
    expectNoneHidden(lines[0] as string);
    expect(lines[0]).toContain(`no${HIDDEN.map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}end`);
  });
});
