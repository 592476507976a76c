// What a server writes into an error (its `message`, its `extensions.errorCode`) reaches a KrakenError's
// `message`, `stack` and `code` only escaped and bounded, by the same rule as the debug lines and channels:
// a code holding a line feed and terminal escapes cannot forge a line in `console.error(\`… ${error.code}\`)`,
// and a 2 MB code does not make a 2 MB message. `errors` keeps the GraphQL errors as sent (messages cut at 1,000).
import { describe, expect, it } from 'vitest';
import { CloseOpenPrintBatchDocument, createKrakenClient, ERROR_MESSAGE_LIMIT, KrakenError } from 'kraken-sdk/st';
import { json, serve } from '../faults/http-server.js';
import { loginWith } from '../../src/index.js';

const PASSWORD = 'server-text-password-4411';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTl9.c2VydmVyLXRleHQ';
const FORGED_CODE = 'KT-CT-1\n\u001b[31mkraken-sdk: mutation Fake ← 200 ok\u001b[2J';
const FORGED_MESSAGE = 'Refused.\r\n\u001b]0;owned\u0007\u009b2Jdone.';

/** A Kraken on 127.0.0.1 that logs in, then answers every call with one GraphQL error. */
async function clientFailingWith(error: Record<string, unknown>, debug?: (line: string) => void) {
  const server = await serve((request, response) =>
    request.body.includes('obtainKrakenToken')
      ? json(response, { data: { obtainKrakenToken: { token: TOKEN, refreshToken: 'refresh-server-text-secret', refreshExpiresIn: 9_999_999_999 } } })
      : json(response, { data: null, errors: [error] }),
  );
  return createKrakenClient({ endpoint: server.url, auth: loginWith({ email: 'text@example.com', password: PASSWORD }), retry: false, ...(debug ? { debug } : {}) });
}

async function failure(promise: Promise<unknown>): Promise<KrakenError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  if (!(error instanceof KrakenError)) throw new Error(`expected a KrakenError, got ${String(error)}`);
  return error;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

describe("a server's errorCode and message in a KrakenError (message, stack, code)", () => {
  it('a line feed and terminal escapes are shown escaped: no forged line, no escape sequence', async () => {
    const error = await failure((await clientFailingWith({ message: FORGED_MESSAGE, extensions: { errorCode: FORGED_CODE } })).request(CloseOpenPrintBatchDocument));
    expect(error.code).toBe('KT-CT-1\\x0a\\x1b[31mkraken-sdk: mutation Fake ← 200 ok\\x1b[2J');
    expect(error.codes).toEqual([error.code]);
    expect(error.message).toContain('Refused.\\x0d\\x0a\\x1b]0;owned\\x07\\x9b2Jdone.');
    for (const text of [error.message, String(error.stack).split('\n    at ')[0], String(error.code), `Kraken said ${error.code}`]) expect(text).not.toMatch(CONTROL);
    expect(`Kraken said ${error.code}: ${error.message}`.split('\n')).toHaveLength(1);
    // `errors` keeps what the server sent.
    expect(error.errors[0]?.extensions?.errorCode).toBe(FORGED_CODE);
    expect(error.errors[0]?.message).toBe(FORGED_MESSAGE);
  });

  it('a 2,000,006-character errorCode: code cut at 64 characters, message at the documented 1,000', async () => {
    const huge = `KT-CT-${'9'.repeat(2_000_000)}`;
    const error = await failure((await clientFailingWith({ message: 'Refused.', extensions: { errorCode: huge } })).request(CloseOpenPrintBatchDocument));
    expect(error.code).toBe(`KT-CT-${'9'.repeat(57)}…`);
    expect(error.code).toHaveLength(64);
    expect(error.message.length).toBeLessThanOrEqual(ERROR_MESSAGE_LIMIT);
    // The message names the code as the error holds it.
    expect(error.message).toBe(`CloseOpenPrintBatch: ${error.code}: Refused.`);
    expect(JSON.stringify(error).length).toBeLessThan(2_100_000);
  });

  it('a code already safe and short is kept as sent', async () => {
    const error = await failure((await clientFailingWith({ message: 'Unauthorized.', extensions: { errorCode: 'KT-CT-4177' } })).request(CloseOpenPrintBatchDocument));
    expect(error.code).toBe('KT-CT-4177');
    expect(error.message).toBe('CloseOpenPrintBatch: KT-CT-4177: Unauthorized.');
  });
});
