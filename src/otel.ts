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

/** Starts turning kraken-sdk calls into spans; returns a function that stops it. */
export function instrumentKrakenSdk(options: KrakenInstrumentationOptions = {}): () => void {
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer('kraken-sdk', SDK_VERSION);
  const spans = new WeakMap<object, Span>();
  const attributes = (message: KrakenRequestTrace | KrakenAttemptTrace) => ({
    'graphql.operation.name': message.operationName,
    'graphql.operation.type': message.operationType,
    'server.address': new URL(message.origin).hostname,
    'url.scheme': new URL(message.origin).protocol.slice(0, -1),
  });
  // The code and kind as the event stream gives them (redacted, escaped, bounded), never read from the error itself.
  const failed = (span: Span | undefined, message: KrakenRequestTrace): void => {
    if (message.code) span?.setAttribute(KRAKEN_CODE, message.code);
    span?.setStatus({ code: SpanStatusCode.ERROR, message: message.code ?? message.kind ?? 'error' });
  };

  const calls = tracingChannel<unknown, KrakenRequestTrace>(REQUEST_CHANNEL);
  // The call whose work is running: a login or refresh a call starts is made in its async context, so its span
  // becomes that call's child (the first call that needed the token, when several wait for it).
  const currentCall = new AsyncLocalStorage<KrakenRequestTrace>();
  calls.start.bindStore(currentCall, (message) => message);
  const callHandlers = {
    start(message: KrakenRequestTrace) {
      spans.set(message, tracer.startSpan(`${message.operationType} ${message.operationName}`, { kind: SpanKind.CLIENT, attributes: attributes(message) }));
    },
    end() {},
    asyncStart() {},
    error(message: KrakenRequestTrace) {
      failed(spans.get(message), message);
    },
    asyncEnd(message: KrakenRequestTrace) {
      const span = spans.get(message);
      span?.setAttribute('kraken.attempts', message.attempts);
      if (message.retryWaitsMs.length > 0) span?.setAttribute('kraken.retry_waits_ms', message.retryWaitsMs);
      span?.end();
    },
  };

  const attempts = tracingChannel<unknown, KrakenAttemptTrace>(ATTEMPT_CHANNEL);
  const attemptHandlers = {
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
      if (message.code !== undefined) {
        span?.setAttribute(KRAKEN_CODE, message.code);
        span?.setStatus({ code: SpanStatusCode.ERROR, message: message.code });
      } else if (message.reason !== undefined) {
        span?.setStatus({ code: SpanStatusCode.ERROR, message: message.reason });
      } else if (message.sent === false) {
        span?.setStatus({ code: SpanStatusCode.ERROR, message: 'not sent' });
      }
      span?.end();
    },
  };

  calls.subscribe(callHandlers);
  attempts.subscribe(attemptHandlers);
  return () => {
    calls.unsubscribe(callHandlers);
    attempts.unsubscribe(attemptHandlers);
  };
}

export { ATTEMPT_CHANNEL, REQUEST_CHANNEL };
export type { KrakenAttemptTrace, KrakenRequestTrace };
