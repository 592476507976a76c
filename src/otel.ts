/**
 * `kraken-sdk/otel`: the SDK's tracing channels as OpenTelemetry spans, without patching anything.
 * One CLIENT span per call (`mutation UpdateThing`) with a child per attempt; attributes follow the
 * GraphQL semantic conventions (graphql.operation.name, graphql.operation.type) plus the Kraken error code;
 * a call that fails (GraphQL errors included) ends with status ERROR. Variables, headers and tokens are
 * never on the channels, so never on the spans.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { tracingChannel } from 'node:diagnostics_channel';
import type { Span, TracerProvider } from '@opentelemetry/api';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ATTEMPT_CHANNEL, REQUEST_CHANNEL } from './core/diagnostics.js';
import type { KrakenAttemptTrace, KrakenRequestTrace } from './client/events.js';
import { SDK_VERSION } from './version.js';

export interface KrakenInstrumentationOptions {
  /** Default: the global tracer provider. */
  readonly tracerProvider?: TracerProvider;
}

const KRAKEN_CODE = 'kraken.error.code';

const attributes = (message: KrakenRequestTrace | KrakenAttemptTrace) => ({
  'graphql.operation.name': message.operationName,
  'graphql.operation.type': message.operationType,
  'server.address': new URL(message.origin).hostname,
  'url.scheme': new URL(message.origin).protocol.slice(0, -1),
});

type Tracer = ReturnType<TracerProvider['getTracer']>;

/** One CLIENT span per call; a failed one ends in ERROR with the code and kind as the event stream gives them (redacted, escaped, bounded). */
function callHandlers(tracer: Tracer, spans: WeakMap<object, Span>) {
  return {
    start(message: KrakenRequestTrace) {
      spans.set(message, tracer.startSpan(`${message.operationType} ${message.operationName}`, { kind: SpanKind.CLIENT, attributes: attributes(message) }));
    },
    end() {},
    asyncStart() {},
    error(message: KrakenRequestTrace) {
      const span = spans.get(message);
      if (message.code) span?.setAttribute(KRAKEN_CODE, message.code);
      span?.setStatus({ code: SpanStatusCode.ERROR, message: message.code ?? message.kind ?? 'error' });
    },
    asyncEnd(message: KrakenRequestTrace) {
      const span = spans.get(message);
      span?.setAttribute('kraken.attempts', message.attempts);
      if (message.retryWaitsMs.length > 0) span?.setAttribute('kraken.retry_waits_ms', message.retryWaitsMs);
      span?.end();
    },
  };
}

/** A child span per attempt (and per login or refresh, under the call that started it). */
function attemptHandlers(tracer: Tracer, spans: WeakMap<object, Span>, currentCall: AsyncLocalStorage<KrakenRequestTrace>) {
  return {
    start(message: KrakenAttemptTrace) {
      const callTrace = message.call ?? currentCall.getStore();
      const parent = callTrace ? spans.get(callTrace) : undefined;
      const parentContext = parent ? trace.setSpan(context.active(), parent) : context.active();
      const name = message.purpose === 'call' ? `${message.operationName} attempt ${message.attempt}` : `${message.purpose} ${message.operationName}`;
      spans.set(message, tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes: { ...attributes(message), 'kraken.attempt': message.attempt, 'kraken.purpose': message.purpose } }, parentContext));
    },
    end() {},
    asyncStart() {},
    // An attempt's outcome comes with asyncEnd (the client never rejects the traced attempt).
    error() {},
    asyncEnd(message: KrakenAttemptTrace) {
      const span = spans.get(message);
      if (message.status !== undefined) span?.setAttribute('http.response.status_code', message.status);
      if (message.sent !== undefined) span?.setAttribute('kraken.request_sent', message.sent);
      const failure = message.code ?? message.reason ?? (message.sent === false ? 'not sent' : undefined);
      if (message.code !== undefined) span?.setAttribute(KRAKEN_CODE, message.code);
      if (failure !== undefined) span?.setStatus({ code: SpanStatusCode.ERROR, message: failure });
      span?.end();
    },
  };
}

/** Starts turning kraken-sdk calls into spans; returns a function that stops it. */
export function instrumentKrakenSdk(options: KrakenInstrumentationOptions = {}): () => void {
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer('kraken-sdk', SDK_VERSION);
  const spans = new WeakMap<object, Span>();
  const calls = tracingChannel<unknown, KrakenRequestTrace>(REQUEST_CHANNEL);
  // The call whose work is running: a login or refresh a call starts is made in its async context, so its span
  // becomes that call's child (the first call that needed the token, when several wait for it).
  const currentCall = new AsyncLocalStorage<KrakenRequestTrace>();
  calls.start.bindStore(currentCall, (message) => message);
  const onCall = callHandlers(tracer, spans);
  const attempts = tracingChannel<unknown, KrakenAttemptTrace>(ATTEMPT_CHANNEL);
  const onAttempt = attemptHandlers(tracer, spans, currentCall);
  calls.subscribe(onCall);
  attempts.subscribe(onAttempt);
  return () => {
    calls.unsubscribe(onCall);
    attempts.unsubscribe(onAttempt);
  };
}

export { ATTEMPT_CHANNEL, REQUEST_CHANNEL };
export type { KrakenAttemptTrace, KrakenRequestTrace };
