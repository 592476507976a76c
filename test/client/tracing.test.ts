import { tracingChannel } from 'node:diagnostics_channel';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseOpenPrintBatchDocument, createKrakenClient } from '../../src/brands/st.js';
import { instrumentKrakenSdk } from '../../src/otel.js';
import { loginWith } from '../../src/index.js';

const ENDPOINT = 'https://api.example.test/v1/graphql/';
const PASSWORD = 'pw-TRACE-SECRET-88';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTl9.dHJhY2Utc2ln';
const json = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const LOGIN = json({ data: { obtainKrakenToken: { token: TOKEN, refreshToken: 'refresh-TRACE-SECRET', refreshExpiresIn: 9_999_999_999 } } });
const RATE_LIMITED = json({ data: null, errors: [{ message: 'Too many requests.', extensions: { errorCode: 'KT-CT-1199' } }] });
const REFUSED = json({ data: { closeOpenPrintBatch: null }, errors: [{ message: 'Unauthorized.', extensions: { errorCode: 'KT-CT-4177' } }] });
const OK = json({ data: { closeOpenPrintBatch: { printBatch: { id: '1' } } } });

function clientAnswering(...answers: Array<() => Response>) {
  const fetch = () => Promise.resolve(((answers.length > 1 ? answers.shift() : answers[0]) as () => Response)());
  return createKrakenClient({ endpoint: ENDPOINT, fetch, auth: loginWith({ email: 'trace@example.com', password: PASSWORD }), retry: { baseDelayMs: 1, maxDelayMs: 1 } });
}

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function record(name: string) {
  const events: Array<[string, Record<string, unknown>]> = [];
  const channel = tracingChannel<unknown, Record<string, unknown>>(name);
  const handlers = Object.fromEntries(
    (['start', 'end', 'asyncStart', 'asyncEnd', 'error'] as const).map((event) => [event, (message: Record<string, unknown>) => events.push([event, { ...message }])]),
  ) as unknown as Parameters<typeof channel.subscribe>[0];
  channel.subscribe(handlers);
  cleanups.push(() => channel.unsubscribe(handlers));
  return events;
}

describe('tracing channels kraken-sdk:request and kraken-sdk:attempt', () => {
  it('a call: start/end/asyncStart/asyncEnd with name, type, origin, attempts and retry waits; each attempt with status and code; no secrets', async () => {
    const calls = record('kraken-sdk:request');
    const attempts = record('kraken-sdk:attempt');
    await clientAnswering(LOGIN, RATE_LIMITED, OK).request(CloseOpenPrintBatchDocument);
    expect(calls.map(([event]) => event)).toEqual(['start', 'end', 'asyncStart', 'asyncEnd']);
    const finished = calls.at(-1)?.[1];
    expect(finished).toMatchObject({ operationName: 'CloseOpenPrintBatch', operationType: 'mutation', origin: 'https://api.example.test', attempts: 2 });
    expect(finished?.retryWaitsMs).toHaveLength(1);
    const ended = attempts.filter(([event]) => event === 'asyncEnd').map(([, message]) => message);
    expect(ended.map(({ purpose, attempt, status, code }) => ({ purpose, attempt, status, code }))).toEqual([
      { purpose: 'login', attempt: 1, status: 200, code: undefined },
      { purpose: 'call', attempt: 1, status: 200, code: 'KT-CT-1199' },
      { purpose: 'call', attempt: 2, status: 200, code: undefined },
    ]);
    const everything = JSON.stringify([calls, attempts.map(([event, { call: _call, ...message }]) => [event, message])]);
    for (const secret of [PASSWORD, TOKEN, 'refresh-TRACE-SECRET', 'trace@example.com', 'variables']) expect(everything).not.toContain(secret);
  });

  it('a failing call publishes error with its KrakenError', async () => {
    const calls = record('kraken-sdk:request');
    await expect(clientAnswering(LOGIN, REFUSED).request(CloseOpenPrintBatchDocument)).rejects.toThrow();
    expect(calls.map(([event]) => event)).toEqual(['start', 'end', 'error', 'asyncStart', 'asyncEnd']);
    expect((calls[2]?.[1].error as { code?: string }).code).toBe('KT-CT-4177');
  });
});

describe('kraken-sdk/otel', () => {
  it('one CLIENT span per call with a child per attempt, GraphQL attributes, the Kraken code and status ERROR on GraphQL errors', async () => {
    const exporter = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    cleanups.push(instrumentKrakenSdk({ tracerProvider }));
    await expect(clientAnswering(LOGIN, RATE_LIMITED, REFUSED).request(CloseOpenPrintBatchDocument)).rejects.toThrow();
    const spans = exporter.getFinishedSpans();
    const call = spans.find((span) => span.name === 'mutation CloseOpenPrintBatch');
    expect(call?.kind).toBe(SpanKind.CLIENT);
    expect(call?.attributes).toMatchObject({ 'graphql.operation.name': 'CloseOpenPrintBatch', 'graphql.operation.type': 'mutation', 'kraken.error.code': 'KT-CT-4177', 'kraken.attempts': 2 });
    expect(call?.status.code).toBe(SpanStatusCode.ERROR);
    const children = spans.filter((span) => span.parentSpanContext?.spanId === call?.spanContext().spanId);
    // The login the call needed is its child too, as the README says.
    expect(children.map((span) => [span.name, span.attributes['kraken.error.code'], span.attributes['kraken.request_sent']])).toEqual([
      ['login ObtainKrakenToken', undefined, true],
      ['CloseOpenPrintBatch attempt 1', 'KT-CT-1199', true],
      ['CloseOpenPrintBatch attempt 2', 'KT-CT-4177', true],
    ]);
    expect(new Set(spans.map((span) => span.spanContext().traceId)).size).toBe(1);
    for (const span of spans) expect(JSON.stringify(span.attributes)).not.toContain(PASSWORD);
  });

  it('a login that cannot connect: its span and the call attempt it held back end in ERROR, the attempt marked as not sent', async () => {
    const exporter = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    cleanups.push(instrumentKrakenSdk({ tracerProvider }));
    const attempts = record('kraken-sdk:attempt');
    const refused = () => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) }));
    const client = createKrakenClient({ endpoint: ENDPOINT, fetch: refused, auth: loginWith({ email: 'trace@example.com', password: PASSWORD }), retry: false });
    await expect(client.request(CloseOpenPrintBatchDocument)).rejects.toThrow();
    const ended = attempts.filter(([event]) => event === 'asyncEnd').map(([, { purpose, reason, sent }]) => ({ purpose, reason, sent }));
    expect(ended).toEqual([
      // A refused connection never sent the login (ECONNREFUSED: mayHaveReachedServer false).
      { purpose: 'login', reason: 'connection', sent: false },
      { purpose: 'call', reason: undefined, sent: false },
    ]);
    const spans = exporter.getFinishedSpans();
    const call = spans.find((span) => span.name === 'mutation CloseOpenPrintBatch');
    const byName = Object.fromEntries(spans.map((span) => [span.name, span]));
    expect(byName['login ObtainKrakenToken']?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'connection' });
    expect(byName['CloseOpenPrintBatch attempt 1']?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'not sent' });
    expect(byName['CloseOpenPrintBatch attempt 1']?.attributes['kraken.request_sent']).toBe(false);
    for (const name of ['login ObtainKrakenToken', 'CloseOpenPrintBatch attempt 1']) expect(byName[name]?.parentSpanContext?.spanId).toBe(call?.spanContext().spanId);
    expect(call?.status.code).toBe(SpanStatusCode.ERROR);
  });
});
