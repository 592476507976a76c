// The one event stream of a client: every call, attempt, retry wait and pause is told here, from facts
// already redacted (the client's secrets taken out), escaped (control characters
// shown as \xNN) and bounded (codes cut at CODE_LIMIT by the error, the endpoint without its query string). The debug
// lines, the `kraken-sdk:request` / `kraken-sdk:attempt` tracing channels (and so the OTel spans) and
// `kraken-sdk:error` (once per failed call) all consume it; none reads a body. Loaded on first need by
// the two observing steps (a client with `debug`, or a subscriber).
import { diagnosticsChannel, tracedCalls } from '../core/diagnostics.js';
import { operationTypeOf } from '../core/operation-type.js';
import { KrakenError, publishError } from '../core/errors.js';
import type { KrakenOperation } from '../core/document.js';
import { escaped } from '../core/safe-text.js';


/** A call, as published on `kraken-sdk:request` (TracingChannel: start, end, asyncStart, asyncEnd, error). */
export interface KrakenRequestTrace {
  readonly operationName: string;
  /** `query`, `mutation` or `subscription`. */
  readonly operationType: string;
  /** Scheme, host and port of the endpoint. */
  readonly origin: string;
  /** How many attempts were started so far. */
  attempts: number;
  /** Each wait before a retry (ms), in order. */
  readonly retryWaitsMs: number[];
  /** When the call fails: the error's kind and its first code (escaped and bounded like every event's). */
  kind?: string;
  code?: string;
  /** Set by the channel when the call fails: the KrakenError. */
  error?: unknown;
}

/** One attempt, as published on `kraken-sdk:attempt` (TracingChannel); `call` is its call's trace, if traced. */
export interface KrakenAttemptTrace {
  readonly operationName: string;
  readonly operationType: string;
  readonly origin: string;
  readonly attempt: number;
  /** `login` or `refresh` for the token requests the client makes itself. */
  readonly purpose: Purpose;
  readonly call: KrakenRequestTrace | undefined;
  /** The HTTP status, once answered. */
  status?: number;
  /** The first Kraken error code of the answer, if any (redacted, escaped, at most CODE_LIMIT characters). */
  code?: string;
  /** Why no answer came: the attempt's timeout, an abort, or the connection (refused, reset, TLS…). */
  reason?: 'timeout' | 'abort' | 'connection';
  /** False when the attempt is known not to have sent its request (no token, the pause, a connection never made). */
  sent?: boolean;
}

export type Purpose = 'call' | 'login' | 'refresh';

/** What an event says of its call: names and where, never variables, headers or bodies. */
export interface CallFacts {
  readonly operationName: string;
  readonly operationType: string;
  readonly origin: string;
  /** Origin and path: never user info or query string. */
  readonly where: string;
  readonly purpose: Purpose;
}

/** What a step tells of its call (the observing step adds the call's facts). */
export type StepEvent = { readonly type: 'retry'; readonly waitMs: number } | { readonly type: 'pause'; readonly until: number };

/** The facts of a call to `url` (its query string and user info never kept). */
export function callFacts(operation: KrakenOperation, url: string, purpose: Purpose): CallFacts {
  const parsed = new URL(url);
  return {
    operationName: escaped(operation.operationName || '(anonymous)', 200),
    operationType: operationTypeOf(operation.text),
    origin: parsed.origin,
    where: `${parsed.origin}${parsed.pathname}`,
    purpose,
  };
}

export type DebugOption = boolean | ((line: string) => void) | undefined;

/** Writes an event of a call as one debug line (made of facts only, so one line whatever the server sent). */
type Say = (facts: CallFacts, event: string) => void;

/** The consumers of one client's events. */
export interface EventSink {
  /** What the steps of a call with these facts tell. */
  teller(facts: CallFacts, trace: KrakenRequestTrace | undefined): (event: StepEvent) => void;
  /** Runs a call under the request channel (when listened), publishing its failure once. */
  call<T>(facts: CallFacts, run: (trace: KrakenRequestTrace | undefined) => Promise<T>): Promise<T>;
  /** Runs an attempt under the attempt channel (when listened), telling its start and end. */
  attempt<T extends { readonly response: { readonly status: number } }>(facts: CallFacts, number: number, trace: KrakenRequestTrace | undefined, run: () => Promise<T>): Promise<T>;
}

/** A call under the request channel (when listened); its failure published on `kraken-sdk:error`, once. */
async function observedCall<T>(facts: CallFacts, run: (trace: KrakenRequestTrace | undefined) => Promise<T>): Promise<T> {
  const channel = tracedCalls.request();
  const { where: _where, purpose: _purpose, ...named } = facts;
  // Built even when nobody traces (it is then told to no one): one path for the failure.
  const trace: KrakenRequestTrace = { ...named, attempts: 0, retryWaitsMs: [] };
  const failed = (error: unknown): never => {
    if (error instanceof KrakenError) {
      // The error's code is already redacted, escaped and bounded (core/safe-text.ts).
      Object.assign(trace, { kind: error.kind, code: error.code });
      publishError(error);
    }
    throw error;
  };
  let result: T | undefined;
  // The channel would publish what the traced function resolves to: the data stays out of it.
  return channel ? channel.tracePromise(async () => void (result = await run(trace).catch(failed)), trace).then(() => result as T) : run(undefined).catch(failed);
}

/** An attempt under the attempt channel (when listened): its start and end told. */
async function observedAttempt<T extends { readonly response: { readonly status: number } }>(say: Say | undefined, facts: CallFacts, number: number, trace: KrakenRequestTrace | undefined, run: () => Promise<T>): Promise<T> {
  if (trace) trace.attempts = number;
  say?.(facts, `→ ${facts.where} (attempt ${number})`);
  const started = Date.now();
  const channel = tracedCalls.attempt();
  const { where: _where, ...named } = facts;
  const message: KrakenAttemptTrace = { ...named, attempt: number, call: trace };
  let answer: T | undefined;
  let failure: unknown;
  const settle = async (): Promise<void> => {
    try {
      answer = await run();
    } catch (error) {
      failure = error;
    }
    const error = failure instanceof KrakenError ? failure : undefined;
    const status = error ? error.status : answer?.response.status;
    const reason = error?.kind === 'network' && error.stage !== 'login' ? error.reason : undefined;
    const sent = error ? error.mayHaveReachedServer && error.stage !== 'login' : failure === undefined;
    const code = error?.code;
    Object.assign(message, { status, reason, sent, code });
    say?.(facts, `← ${status !== undefined ? `${status}${code ? ` ${code}` : ''}` : reason ? `not answered (${reason})` : sent ? 'answered, body unreadable' : 'not sent'} in ${Date.now() - started} ms`);
  };
  // The attempt's failure is not the traced function's: the channel's error event would carry it unescaped.
  await (channel ? channel.tracePromise(settle, message) : settle());
  if (answer === undefined) throw failure;
  return answer;
}

export function eventSink(debugOption: DebugOption): EventSink {
  const print = debugOption === true ? (line: string) => console.error(line) : debugOption || undefined;
  // Where debug lines are also published, for whoever collects logs (the test suite's secrets scan does).
  const debugChannel = diagnosticsChannel('kraken-sdk:debug');
  const say: Say | undefined =
    print &&
    ((facts, event) => {
      const line = `kraken-sdk: ${facts.purpose === 'call' ? facts.operationType : facts.purpose} ${facts.operationName} ${event}`;
      print(line);
      if (debugChannel?.hasSubscribers) debugChannel.publish(line);
    });
  return {
    teller: (facts, trace) => (event) => {
      if (event.type === 'retry') trace?.retryWaitsMs.push(event.waitMs);
      say?.(facts, event.type === 'retry' ? `retry in ${Math.round(event.waitMs)} ms` : `paused until ${new Date(event.until).toISOString()}`);
    },
    call: observedCall,
    attempt: (facts, number, trace, run) => observedAttempt(say, facts, number, trace, run),
  };
}
