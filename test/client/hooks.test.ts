// Issue 30: the public lifecycle hooks (beforeRequest, afterResponse, beforeRetry, beforeError), on the
// client and per call, through a real HTTP server; and defaultTransport, which a transport wrapper keeps.
import { afterEach, describe, expect, it } from 'vitest';
import { CloseOpenPrintBatchDocument, createKrakenClient, defaultTransport, KrakenError } from 'kraken-sdk/st';
import type { AfterResponseState, BeforeRequestState, BeforeRetryState, KrakenHooks } from 'kraken-sdk';
import { json, startServer } from '../faults/http-server.js';
import type { SeenRequest, TestServer } from '../faults/http-server.js';
import { loginWith } from 'kraken-sdk';

const PASSWORD = 'hooks-PASSWORD-never-seen';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTl9.aG9va3Mtc2ln';
const REFRESH = 'hooks-REFRESH-never-seen';
const CALL_TOKEN = 'per-call-TOKEN-never-seen';
const OK = { data: { closeOpenPrintBatch: { printBatch: { id: '1' } } } };
const LIMITED = { data: null, errors: [{ message: 'Too many requests.', extensions: { errorCode: 'KT-CT-1199' } }] };

const servers: TestServer[] = [];
afterEach(async () => void (await Promise.all(servers.splice(0).map((server) => server.close()))));

/** Logs in, then answers each call from `answers` in turn (the last one repeated). */
async function kraken(...answers: unknown[]): Promise<TestServer> {
  const server = await startServer((request: SeenRequest, response) => {
    if (request.body.includes('obtainKrakenToken')) return json(response, { data: { obtainKrakenToken: { token: TOKEN, refreshToken: REFRESH, refreshExpiresIn: 9_999_999_999 } } });
    return json(response, answers.length > 1 ? answers.shift() : answers[0]);
  });
  servers.push(server);
  return server;
}

const calls = (server: TestServer) => server.requests.filter((request) => !request.body.includes('obtainKrakenToken'));

function client(server: TestServer, hooks: KrakenHooks, extra: Record<string, unknown> = {}) {
  return createKrakenClient({ endpoint: server.url, auth: loginWith({ email: 'hooks@example.com', password: PASSWORD }), retry: { baseDelayMs: 1, maxDelayMs: 1 }, hooks, ...extra });
}

describe('hooks', () => {
  it('beforeRequest: a header it adds reaches the server, on the login and on each attempt; it sees no Authorization', async () => {
    const server = await kraken(LIMITED, OK);
    const seen: BeforeRequestState[] = [];
    await client(server, {
      beforeRequest: [
        (state) => {
          seen.push({ ...state, headers: { ...state.headers } });
          state.headers['x-trace-id'] = `${state.purpose}-${state.attempt}`;
        },
      ],
    }).request(CloseOpenPrintBatchDocument);
    expect(server.requests.map((request) => request.headers['x-trace-id'])).toEqual(['login-1', 'call-1', 'call-2']);
    expect(calls(server).every((request) => request.headers.authorization === TOKEN)).toBe(true);
    // The call's first attempt begins, then needs a token: its hooks run before the login's.
    expect(seen.map(({ operationName, operationType, attempt }) => [operationName, operationType, attempt])).toEqual([
      ['CloseOpenPrintBatch', 'mutation', 1],
      ['ObtainKrakenToken', 'mutation', 1],
      ['CloseOpenPrintBatch', 'mutation', 2],
    ]);
    for (const state of seen) expect(state.headers.authorization).toBeUndefined();
  });

  it('afterResponse: sees each attempt\'s status and codes', async () => {
    const server = await kraken(LIMITED, OK);
    const seen: Array<Pick<AfterResponseState, 'purpose' | 'attempt' | 'status' | 'codes'> & { error?: string }> = [];
    await client(server, { afterResponse: [({ purpose, attempt, status, codes, error }) => void seen.push({ purpose, attempt, status, codes, error: error?.kind })] }).request(CloseOpenPrintBatchDocument);
    expect(seen).toEqual([
      { purpose: 'login', attempt: 1, status: 200, codes: [], error: undefined },
      { purpose: 'call', attempt: 1, status: 200, codes: ['KT-CT-1199'], error: 'rate-limit' },
      { purpose: 'call', attempt: 2, status: 200, codes: [], error: undefined },
    ]);
  });

  it('beforeRetry: sees the attempt that failed, its error and the delay; returning false stops the retry', async () => {
    const server = await kraken(LIMITED, OK);
    const seen: Array<Pick<BeforeRetryState, 'attempt' | 'delayMs'> & { code: string | undefined }> = [];
    const error = await client(server, {
      beforeRetry: [
        ({ attempt, error: failure, delayMs }) => {
          seen.push({ attempt, delayMs, code: failure.code });
          return false;
        },
      ],
    })
      .request(CloseOpenPrintBatchDocument)
      .catch((failure: unknown) => failure);
    expect(seen).toEqual([{ attempt: 1, delayMs: expect.any(Number), code: 'KT-CT-1199' }]);
    expect(error).toMatchObject({ kind: 'rate-limit', code: 'KT-CT-1199', attempts: 1 });
    expect(calls(server)).toHaveLength(1);
  });

  it('beforeError: may replace the error a call rejects with; client hooks run before the call\'s own', async () => {
    const server = await kraken({ data: null, errors: [{ message: 'No.', extensions: { errorCode: 'KT-CT-4177' } }] });
    const order: string[] = [];
    const replaced = new KrakenError({ kind: 'graphql', message: 'replaced by the app' });
    const error = await client(server, { beforeError: [({ error: failure }) => void order.push(`client ${failure.code}`)] })
      .request(CloseOpenPrintBatchDocument, undefined, {
        hooks: {
          beforeError: [
            ({ error: failure, operationName }) => {
              order.push(`call ${failure.code} ${operationName}`);
              return replaced;
            },
          ],
        },
      })
      .catch((failure: unknown) => failure);
    expect(error).toBe(replaced);
    expect(order).toEqual(['client KT-CT-4177', 'call KT-CT-4177 CloseOpenPrintBatch']);
  });

  it('no hook ever sees a password, token or refresh token (per-call Authorization included)', async () => {
    const server = await kraken(LIMITED, { data: null, errors: [{ message: `echo ${PASSWORD} ${TOKEN}`, extensions: { errorCode: 'KT-CT-4177' } }] });
    const states: unknown[] = [];
    const record = (state: unknown) => void states.push(state);
    const hooks: KrakenHooks = { beforeRequest: [record], afterResponse: [record], beforeRetry: [record], beforeError: [record] };
    const subject = client(server, hooks);
    await subject.request(CloseOpenPrintBatchDocument).catch(() => undefined);
    await subject.request(CloseOpenPrintBatchDocument, undefined, { headers: { authorization: CALL_TOKEN } }).catch(() => undefined);
    expect(states.length).toBeGreaterThan(8);
    const text = JSON.stringify(states, (key, value: unknown) => (value instanceof Error ? { ...value, message: value.message } : value));
    for (const secret of [PASSWORD, TOKEN, REFRESH, CALL_TOKEN]) expect(text).not.toContain(secret);
  });

  it('bad hooks are refused when the client is built or the call starts, naming what is wrong', () => {
    expect(() => createKrakenClient({ endpoint: 'https://api.example.test/graphql/', hooks: { beforeSend: [] } as never })).toThrow(/unknown hook "beforeSend"/);
    expect(() => createKrakenClient({ endpoint: 'https://api.example.test/graphql/', hooks: { beforeRequest: () => {} } as never })).toThrow(/hooks\.beforeRequest must be an array of functions/);
    const plain = createKrakenClient({ endpoint: 'https://api.example.test/graphql/', fetch: () => new Promise(() => {}) });
    expect(() => plain.request(CloseOpenPrintBatchDocument, undefined, { hooks: { afterResponse: [1] } as never })).toThrow(/request hooks\.afterResponse/);
  });
});

describe('defaultTransport', () => {
  it('a wrapper keeps the default (Node) transport and adds a header', async () => {
    const server = await kraken(OK);
    const send = defaultTransport();
    const subject = createKrakenClient({
      endpoint: server.url,
      transport: (request) => send({ ...request, headers: { ...request.headers, 'x-wrapped': 'yes' } }),
    });
    await expect(subject.request(CloseOpenPrintBatchDocument)).resolves.toEqual(OK.data);
    expect(server.requests.at(-1)?.headers['x-wrapped']).toBe('yes');
  });
});

describe('the operation type hooks and debug lines are given', () => {
  // A document whose text does not begin with its operation: a fragment first, a comment, a field named like a keyword.
  const texts = [
    ['a fragment before the operation', 'fragment Batch on PrintBatch { id }\nmutation CloseOpenPrintBatch { closeOpenPrintBatch { printBatch { ...Batch } } }', 'mutation'],
    ['a comment naming another keyword first', '# query-like comment: subscription\nmutation CloseOpenPrintBatch { closeOpenPrintBatch { printBatch { id } } }', 'mutation'],
    ['a string holding a keyword before it', 'fragment F on PrintBatch @note(text: "query {") { id }\nsubscription CloseOpenPrintBatch { closeOpenPrintBatch { printBatch { ...F } } }', 'subscription'],
    ['the query shorthand, with a field named mutation', '{ mutation { id } }', 'query'],
  ] as const;

  it.each(texts)('%s: the operation\'s own type, in beforeRequest, beforeRetry and the debug line', async (_case, text, type) => {
    const server = await kraken(LIMITED, OK);
    const document = { kraken: { text, operationName: 'CloseOpenPrintBatch', endpoint: 'api' } } as unknown as typeof CloseOpenPrintBatchDocument;
    const types: string[] = [];
    const lines: string[] = [];
    await client(
      server,
      { beforeRequest: [(state) => void (state.purpose === 'call' && types.push(`request ${state.operationType}`))], beforeRetry: [(state) => void types.push(`retry ${state.operationType}`)] },
      { debug: (line: string) => lines.push(line) },
    ).request(document);
    expect(types).toEqual([`request ${type}`, `retry ${type}`, `request ${type}`]);
    expect(lines.filter((line) => line.includes('CloseOpenPrintBatch')).every((line) => line.startsWith(`kraken-sdk: ${type} CloseOpenPrintBatch`))).toBe(true);
  });
});

describe('what a beforeRequest hook may not set', () => {
  it.each([
    ['Content-Length', '10'],
    ['content-length', '10'],
    ['Transfer-Encoding', 'chunked'],
    ['Host', 'elsewhere.example'],
    ['Expect', '100-continue'],
    ['Upgrade', 'h2c'],
  ])('%s: dropped (the transport sets it): the whole body is sent and answered', async (name, value) => {
    const server = await kraken(OK);
    const result = await client(server, { beforeRequest: [(state) => void (state.headers[name] = value)] }).request(CloseOpenPrintBatchDocument);
    for (const request of server.requests) expect(request.headers[name.toLowerCase()]).not.toBe(value);
    expect(result).toEqual(OK.data);
    for (const request of server.requests) expect(request.headers['content-length']).toBe(String(Buffer.byteLength(request.body)));
    expect(calls(server)[0]?.body).toContain('CloseOpenPrintBatch');
  });

  it('Authorization, in any case: dropped, the client\'s token goes alone', async () => {
    const server = await kraken(OK);
    await client(server, { beforeRequest: [(state) => void (state.headers.Authorization = 'hook-token')] }).request(CloseOpenPrintBatchDocument);
    expect(calls(server).map((request) => request.headers.authorization)).toEqual([TOKEN]);
  });
});

describe('a hook that never settles', () => {
  const BAD = { data: null, errors: [{ message: 'Unauthorized.', extensions: { errorCode: 'KT-CT-4123' } }] };
  const hanging = (controller: AbortController) => (state: { purpose: string }) => {
    if (state.purpose !== 'call') return undefined;
    setTimeout(() => controller.abort(), 10);
    return new Promise<never>(() => undefined);
  };
  it.each([
    ['beforeRequest', [OK], false],
    ['afterResponse', [OK], true],
    ['beforeRetry', [LIMITED, OK], true],
    ['beforeError', [BAD], true],
  ] as const)('%s: the call\'s signal still ends the call at once, with an abort error', async (name, answers, sent) => {
    const server = await kraken(...answers);
    const controller = new AbortController();
    const error = await client(server, { [name]: [hanging(controller)] } as KrakenHooks)
      .request(CloseOpenPrintBatchDocument, undefined, { signal: controller.signal })
      .then(() => undefined, (reason: unknown) => reason);
    expect(error).toBeInstanceOf(KrakenError);
    expect(error).toMatchObject({ kind: 'network', reason: 'abort', mayHaveReachedServer: sent, message: `CloseOpenPrintBatch: aborted while its ${name} hook ran.` });
  }, 5_000);
});

describe('a header a hook sets that the transport refuses', () => {
  it('a value with CR/LF: the call fails as never sent (nothing reached the server), naming no value', async () => {
    const server = await kraken(OK);
    const error = await client(server, { beforeRequest: [(state) => void (state.purpose === 'call' && (state.headers['x-note'] = 'a\r\nInjected: 1'))] }, { retry: false })
      .request(CloseOpenPrintBatchDocument)
      .then(() => undefined, (reason: unknown) => reason);
    expect(error).toBeInstanceOf(KrakenError);
    expect(error).toMatchObject({ kind: 'network', mayHaveReachedServer: false });
    expect(calls(server)).toHaveLength(0);
    expect(JSON.stringify(error)).not.toContain('Injected');
  });
});

// A hook's own exception is the caller's (ky's choice): the call rejects with it as thrown. Thrown during the
// client's own login, it is that login's failure, as a getToken that throws: an auth error of stage login, with it
// as the cause. safeRequest, which never rejects, gives a KrakenError whose cause it is.
describe('a hook that throws', () => {
  const BAD = { data: null, errors: [{ message: 'Unauthorized.', extensions: { errorCode: 'KT-CT-4123' } }] };
  it.each([
    ['beforeRequest', 'call', [OK]],
    ['afterResponse', 'call', [OK]],
    ['beforeRetry', 'call', [LIMITED, OK]],
    ['beforeError', 'call', [BAD]],
  ] as const)('%s on the %s: the call rejects with the hook\'s error itself', async (name, purpose, answers) => {
    const thrown = new RangeError('the hook broke');
    const hook = (state: { purpose: string }) => {
      if (state.purpose === purpose) throw thrown;
    };
    await expect(client(await kraken(...answers), { [name]: [hook] } as KrakenHooks).request(CloseOpenPrintBatchDocument)).rejects.toBe(thrown);
    const { error } = (await client(await kraken(...answers), { [name]: [hook] } as KrakenHooks).safeRequest(CloseOpenPrintBatchDocument)) as { error: KrakenError };
    expect(error).toBeInstanceOf(KrakenError);
    expect(error.cause).toBe(thrown);
  });

  it('beforeRequest on the login: the login fails with it (auth, stage login), the call is not sent', async () => {
    const server = await kraken(OK);
    const thrown = new RangeError('the hook broke');
    const error = await client(server, { beforeRequest: [(state) => { if (state.purpose === 'login') throw thrown; }] })
      .request(CloseOpenPrintBatchDocument)
      .then(() => undefined, (reason: unknown) => reason as KrakenError);
    expect(error).toBeInstanceOf(KrakenError);
    expect([error?.kind, error?.stage, error?.mayHaveReachedServer, error?.cause]).toEqual(['auth', 'login', false, thrown]);
    expect(error?.message).toContain('the hook broke');
    expect(server.requests).toHaveLength(0);
  });
});
