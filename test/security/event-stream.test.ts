// Issue 28 items 6 and 8, issue 30 (one event stream) and issue 29's over-count: what a server puts in
// `extensions.errorCode` reaches debug lines, the `kraken-sdk:attempt` channel and OTel spans only
// redacted, escaped and bounded; the endpoint's query string never reaches them; one failed call
// publishes exactly one KrakenError on `kraken-sdk:error`.
import { subscribe, tracingChannel, unsubscribe } from 'node:diagnostics_channel';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseOpenPrintBatchDocument, createKrakenClient, KrakenError } from 'kraken-sdk/st';
import { instrumentKrakenSdk } from '../../src/otel.js';
import { loginWith } from '../../src/index.js';

const ENDPOINT = 'https://api.example.test/v1/graphql/';
const PASSWORD = 'pw-ECHOED-errorcode-77';
const GATEWAY_KEY = 'gw-QUERY-KEY-5521';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTl9.ZXZlbnQtc3RyZWFt';
const ESCAPE = '\u001b[2J\u001b]0;owned\u0007';
const FORGED = 'kraken-sdk: mutation Forged ← 200 in 1 ms';
const HOSTILE_CODE = `${PASSWORD}${ESCAPE}\n${FORGED}${'X'.repeat(5_000)}`;

const json = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const LOGIN = json({ data: { obtainKrakenToken: { token: TOKEN, refreshToken: 'refresh-EVENT-SECRET', refreshExpiresIn: 9_999_999_999 } } });
const HOSTILE = json({ data: null, errors: [{ message: 'Refused.', extensions: { errorCode: HOSTILE_CODE } }] });
const RATE_LIMITED = json({ data: null, errors: [{ message: 'Too many requests.', extensions: { errorCode: 'KT-CT-1199' } }] });
const REFUSED = json({ data: null, errors: [{ message: 'Unauthorized.', extensions: { errorCode: 'KT-CT-4177' } }] });

function clientAnswering(answers: Array<() => Response>, extra: { endpoint?: string; debug?: (line: string) => void } = {}) {
  const fetch = () => Promise.resolve(((answers.length > 1 ? answers.shift() : answers[0]) as () => Response)());
  return createKrakenClient({
    endpoint: extra.endpoint ?? ENDPOINT,
    fetch,
    auth: loginWith({ email: 'events@example.com', password: PASSWORD }),
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
    ...(extra.debug ? { debug: extra.debug } : {}),
  });
}

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function recordAttempts(): Array<Record<string, unknown>> {
  const ended: Array<Record<string, unknown>> = [];
  const channel = tracingChannel<unknown, Record<string, unknown>>('kraken-sdk:attempt');
  const handlers = { start() {}, end() {}, asyncStart() {}, error() {}, asyncEnd: (message: Record<string, unknown>) => void ended.push({ ...message, call: undefined }) };
  channel.subscribe(handlers as never);
  cleanups.push(() => channel.unsubscribe(handlers as never));
  return ended;
}

function expectClean(text: string): void {
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain('\u001b');
  expect(text).not.toContain('\u0007');
  expect(text).not.toContain('X'.repeat(200));
}

describe('an errorCode holding a password, terminal escapes and a line feed (28.6)', () => {
  it('debug lines: one line per event, none forged, the code redacted, escaped and cut short', async () => {
    const lines: string[] = [];
    await expect(clientAnswering([LOGIN, HOSTILE], { debug: (line) => lines.push(line) }).request(CloseOpenPrintBatchDocument)).rejects.toBeInstanceOf(KrakenError);
    for (const line of lines) {
      expectClean(line);
      expect(line).not.toContain('\n');
      expect(line.length).toBeLessThan(300);
    }
    expect(lines.some((line) => line.startsWith('kraken-sdk: mutation Forged'))).toBe(false);
    expect(lines.some((line) => line.includes('[redacted]'))).toBe(true);
  });

  it('the kraken-sdk:attempt channel: the code redacted, escaped and cut short', async () => {
    const ended = recordAttempts();
    await expect(clientAnswering([LOGIN, HOSTILE]).request(CloseOpenPrintBatchDocument)).rejects.toBeInstanceOf(KrakenError);
    const codes = ended.map((message) => message.code).filter((code) => code !== undefined) as string[];
    expect(codes).toHaveLength(1);
    expectClean(JSON.stringify(ended));
    expect(codes[0]).not.toContain('\n');
    expect((codes[0] as string).length).toBeLessThanOrEqual(64);
  });

  it('OTel spans: no attribute or status holds the password, an escape or the whole code', async () => {
    const exporter = new InMemorySpanExporter();
    cleanups.push(instrumentKrakenSdk({ tracerProvider: new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }) }));
    await expect(clientAnswering([LOGIN, HOSTILE]).request(CloseOpenPrintBatchDocument)).rejects.toBeInstanceOf(KrakenError);
    const spans = exporter.getFinishedSpans();
    expect(spans.length).toBeGreaterThanOrEqual(2);
    for (const span of spans) {
      const text = JSON.stringify([span.attributes, span.status, span.name]);
      expectClean(text);
      expect(text).not.toContain('\\n');
    }
  });
});

describe("the endpoint's query string (28.8)", () => {
  it('never reaches a debug line, a channel message or a span', async () => {
    const lines: string[] = [];
    const ended = recordAttempts();
    const exporter = new InMemorySpanExporter();
    cleanups.push(instrumentKrakenSdk({ tracerProvider: new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }) }));
    await clientAnswering([LOGIN, json({ data: { closeOpenPrintBatch: { printBatch: { id: '1' } } } })], {
      endpoint: `${ENDPOINT}?code=${GATEWAY_KEY}`,
      debug: (line) => lines.push(line),
    }).request(CloseOpenPrintBatchDocument);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((line) => line.includes('https://api.example.test/v1/graphql/'))).toBe(true);
    const everything = JSON.stringify([lines, ended, exporter.getFinishedSpans().map((span) => span.attributes)]);
    expect(everything).not.toContain(GATEWAY_KEY);
    expect(everything).not.toContain('?code');
  });
});

describe('kraken-sdk:error (issue 29: the README recipe counts failures)', () => {
  const published = (): KrakenError[] => {
    const seen: KrakenError[] = [];
    const onError = (error: unknown) => void seen.push(error as KrakenError);
    subscribe('kraken-sdk:error', onError);
    cleanups.push(() => unsubscribe('kraken-sdk:error', onError));
    return seen;
  };

  it('one failed call after a retry publishes exactly one KrakenError: the one it rejects with', async () => {
    const seen = published();
    const error = await clientAnswering([LOGIN, RATE_LIMITED, REFUSED]).request(CloseOpenPrintBatchDocument).catch((failure: unknown) => failure);
    expect(seen).toEqual([error]);
    expect(seen[0]).toMatchObject({ code: 'KT-CT-4177', attempts: 2 });
  });

  it('a refused connection publishes one too', async () => {
    const seen = published();
    const refused = () => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }));
    const client = createKrakenClient({ endpoint: ENDPOINT, fetch: refused, retry: false });
    const error = await client.request(CloseOpenPrintBatchDocument).catch((failure: unknown) => failure);
    expect(seen).toEqual([error]);
  });

  it('a failed login publishes one per call that needed it', async () => {
    const seen = published();
    const client = clientAnswering([json({ data: { obtainKrakenToken: null }, errors: [{ message: 'Invalid data.', extensions: { errorCode: 'KT-CT-1138' } }] })]);
    const error = await client.request(CloseOpenPrintBatchDocument).catch((failure: unknown) => failure);
    expect(seen).toEqual([error]);
  });
});

describe('KRAKEN_SDK_DEBUG=1 kraken-sdk pull (28.6): the debug lines it prints come from the same formatter', () => {
  it('a server answering the introspection with a hostile errorCode gets no escape, forged line or password onto stderr', async () => {
    const { startServer, json: answer } = await import('../faults/http-server.js');
    const { runPullCommand } = await import('../../src/cli/pull.js');
    const { tmpdir } = await import('node:os');
    const server = await startServer((request, response) =>
      request.body.includes('obtainKrakenToken')
        ? answer(response, { data: { obtainKrakenToken: { token: TOKEN, refreshToken: 'refresh-PULL-SECRET', refreshExpiresIn: 9_999_999_999 } } })
        : answer(response, { data: null, errors: [{ message: 'Refused.', extensions: { errorCode: HOSTILE_CODE } }] }),
    );
    cleanups.push(() => void server.close());
    const printed: string[] = [];
    const original = console.error;
    console.error = (line: string) => void printed.push(String(line));
    try {
      const io = { stdout: () => undefined, stderr: () => undefined };
      const env = { KRAKEN_SDK_DEBUG: '1', KRAKEN_EMAIL: 'pull@example.com', KRAKEN_PASSWORD: PASSWORD };
      await runPullCommand(['--brand', 'st', '--endpoint', server.url, '--out', `${tmpdir()}/kraken-pull-escape-${process.pid}.graphql`], io as never, { env });
    } finally {
      console.error = original;
    }
    expect(printed.some((line) => line.startsWith('kraken-sdk: query IntrospectionQuery ←'))).toBe(true);
    for (const line of printed) {
      expectClean(line);
      expect(line).not.toContain('\n');
    }
    expect(printed.some((line) => line.startsWith('kraken-sdk: mutation Forged'))).toBe(false);
  });
});
