import { describe, expect, it } from 'vitest';
import { createKrakenClient, CloseOpenPrintBatchDocument } from '../../src/brands/st.js';
import { KrakenError } from '../../src/client/index.js';
import { SDK_VERSION } from '../../src/version.js';
import { loginWith } from '../../src/index.js';

const ENDPOINT = 'https://api.example.test/v1/graphql/';
const PASSWORD = 'pw-SECRET-4471';

function recordingFetch(answers: Array<() => Response>) {
  const sent: Array<{ headers: Headers; body: string }> = [];
  const fetch = (_input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({ headers: new Headers(init?.headers), body: String(init?.body) });
    const next = answers.length > 1 ? answers.shift() : answers[0];
    return Promise.resolve((next as () => Response)());
  };
  return { sent, fetch };
}
const json = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const OK = json({ data: { closeOpenPrintBatch: { printBatch: { id: '1' } } } });

async function failure(promise: Promise<unknown>): Promise<KrakenError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  if (!(error instanceof KrakenError)) throw new Error(`expected a KrakenError, got ${String(error)}`);
  return error;
}

describe('options are checked at runtime', () => {
  it('an unknown client option is refused with the closest known name', () => {
    expect(() => createKrakenClient({ endpoint: ENDPOINT, timeout: 5 } as never)).toThrow(new TypeError('createKrakenClient: unknown option "timeout". Did you mean "timeoutMs"?'));
    expect(() => createKrakenClient({ endpoint: ENDPOINT, maxRetries: 2 } as never)).toThrow(/unknown option "maxRetries"\.$/);
  });

  it('an unknown request option is refused the same way', () => {
    const client = createKrakenClient({ endpoint: ENDPOINT, fetch: recordingFetch([OK]).fetch });
    expect(() => client.request(CloseOpenPrintBatchDocument, {}, { idempotant: true } as never)).toThrow(/unknown request option "idempotant"\. Did you mean "idempotent"\?/);
  });
});

// The runtime as it names itself (Node 21+ has navigator.userAgent: `Node.js/24`).
const RUNTIME = globalThis.navigator?.userAgent ?? `node/${process.versions.node}`;

describe('user-agent', () => {
  it('names the SDK, its version and the runtime; a userAgent option puts the app first', async () => {
    const plain = recordingFetch([OK]);
    await createKrakenClient({ endpoint: ENDPOINT, fetch: plain.fetch }).request(CloseOpenPrintBatchDocument);
    expect(plain.sent[0]?.headers.get('user-agent')).toBe(`kraken-sdk/${SDK_VERSION} ${RUNTIME}`);
    const named = recordingFetch([OK]);
    await createKrakenClient({ endpoint: ENDPOINT, fetch: named.fetch, userAgent: 'meter-app/2.1' }).request(CloseOpenPrintBatchDocument);
    expect(named.sent[0]?.headers.get('user-agent')).toBe(`meter-app/2.1 kraken-sdk/${SDK_VERSION} ${RUNTIME}`);
  });

  // A trial: 中 was refused as holding "control characters".
  it.each(['x\r\ny', 'meter-app 中', ''])('a userAgent of %j is refused, saying what a header value may hold', (userAgent) => {
    expect(() => createKrakenClient({ endpoint: ENDPOINT, userAgent })).toThrow(new TypeError('userAgent must be a string of printable Latin-1 characters.'));
  });
});

describe('debug: one redacted line per request, answer, retry and login', () => {
  it('prints what happened without variables, headers or secrets', async () => {
    const lines: string[] = [];
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTl9.c2lnLVNFQ1JFVA';
    const { fetch } = recordingFetch([
      json({ data: { obtainKrakenToken: { token, refreshToken: 'refresh-SECRET', refreshExpiresIn: 9_999_999_999 } } }),
      json({ data: null, errors: [{ message: 'Too many requests.', extensions: { errorCode: 'KT-CT-1199' } }] }),
      OK,
    ]);
    const client = createKrakenClient({
      endpoint: ENDPOINT,
      fetch,
      auth: loginWith({ email: 'user@example.com', password: PASSWORD }),
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
      debug: (line) => lines.push(line),
    });
    await client.request(CloseOpenPrintBatchDocument);
    const text = lines.join('\n');
    for (const secret of [PASSWORD, token, 'refresh-SECRET', 'user@example.com']) expect(text).not.toContain(secret);
    expect(lines).toEqual([
      // An attempt begins with the token it needs: here a login.
      expect.stringMatching(/^kraken-sdk: mutation CloseOpenPrintBatch → https:\/\/api\.example\.test\/v1\/graphql\/ \(attempt 1\)$/),
      expect.stringMatching(/^kraken-sdk: login ObtainKrakenToken → https:\/\/api\.example\.test\/v1\/graphql\/ \(attempt 1\)$/),
      expect.stringMatching(/^kraken-sdk: login ObtainKrakenToken ← 200 in \d+ ms$/),
      expect.stringMatching(/^kraken-sdk: mutation CloseOpenPrintBatch ← 200 KT-CT-1199 in \d+ ms$/),
      expect.stringMatching(/^kraken-sdk: mutation CloseOpenPrintBatch retry in \d+ ms$/),
      expect.stringMatching(/^kraken-sdk: mutation CloseOpenPrintBatch → https:\/\/api\.example\.test\/v1\/graphql\/ \(attempt 2\)$/),
      expect.stringMatching(/^kraken-sdk: mutation CloseOpenPrintBatch ← 200 in \d+ ms$/),
    ]);
  });
});

describe('error fields', () => {
  it('a 404 at login: the call says attempts 0 (its request never left), the login its own count', async () => {
    const { fetch } = recordingFetch([json({ errors: [{ message: 'Not found' }] }, 404)]);
    const client = createKrakenClient({ endpoint: ENDPOINT, fetch, auth: loginWith({ email: 'a@example.com', password: PASSWORD }) });
    const error = await failure(client.request(CloseOpenPrintBatchDocument));
    expect(error.stage).toBe('login');
    expect(error.attempts).toBe(0);
    expect((error.cause as KrakenError).attempts).toBe(1);
  });

  it('a login that outlasts the call\'s timeout: attempts 0, stage login, not sent', async () => {
    // The login never answers; the call's timeout ends the wait for its token.
    const fetch = (_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const client = createKrakenClient({ endpoint: ENDPOINT, fetch, timeoutMs: 100, retry: false, auth: loginWith({ email: 'a@example.com', password: PASSWORD }) });
    const error = await failure(client.request(CloseOpenPrintBatchDocument));
    expect(error.reason).toBe('timeout');
    expect(error.stage).toBe('login');
    expect(error.mayHaveReachedServer).toBe(false);
    expect(error.attempts).toBe(0);
  });

  it('a token with a header-breaking character: refused unsent, attempts 0, the token not shown', async () => {
    const { fetch, sent } = recordingFetch([OK]);
    const token = 'held-token-7781\r\nX-Injected: 1';
    const client = createKrakenClient({ endpoint: ENDPOINT, fetch, auth: { getToken: () => Promise.resolve(token) } });
    const error = await failure(client.request(CloseOpenPrintBatchDocument));
    expect(error.kind).toBe('auth');
    expect(error.attempts).toBe(0);
    expect(error.mayHaveReachedServer).toBe(false);
    expect(JSON.stringify(error)).not.toContain('held-token-7781');
    expect(sent).toHaveLength(0);
  });

  it('an already-aborted signal: attempts 0 and stage request, even for a client holding a token', async () => {
    const { fetch, sent } = recordingFetch([OK]);
    const client = createKrakenClient({ endpoint: ENDPOINT, fetch, auth: { token: 'held-token' } });
    const error = await failure(client.request(CloseOpenPrintBatchDocument, {}, { signal: AbortSignal.abort() }));
    expect(error.reason).toBe('abort');
    expect(error.attempts).toBe(0);
    expect(error.stage).toBe('request');
    expect(sent).toHaveLength(0);
  });
});
