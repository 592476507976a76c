// What a call does, told to whoever asked: the `debug` option (one line per request, answer, retry and
// login) and the `kraken-sdk:request` / `kraken-sdk:attempt` tracing channels. Only names, the origin,
// statuses, codes, attempt numbers and waits are told: never variables, headers, tokens or messages
// (a server may echo secrets in them). With no debug and no subscriber, a call pays one property read.
import type { Attempt, Call } from './attempt.js';
import type { TracedCalls } from '../../core/diagnostics.js';
import type { KrakenOperation } from '../../core/document.js';
import type { RetryPolicy } from '../retry-options.js';
import { abortableSleep } from './retry.js';

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
  readonly purpose: 'call' | 'login' | 'refresh';
  readonly call: KrakenRequestTrace | undefined;
  /** The HTTP status, once answered. */
  status?: number;
  /** The first Kraken error code of the answer, if any. */
  code?: string;
  /** Why no answer came: the attempt's timeout, an abort, or the connection (refused, reset, TLS…). */
  reason?: 'timeout' | 'abort' | 'connection';
  /**
   * False when the attempt is known not to have sent its request: no token (its login failed), the identity's
   * rate-limit pause, a token unfit for a header, or a connection never made (as the Node transport tells).
   */
  sent?: boolean;
}

export function operationTypeOf(operation: KrakenOperation): string {
  return /^\s*(query|mutation|subscription)\b/.exec(operation.text)?.[1] ?? 'query';
}

function firstCode(attempt: Attempt): string | undefined {
  if (attempt.step !== 'answer' || attempt.data !== undefined) return undefined;
  try {
    const code = (JSON.parse(attempt.response.body) as { errors?: { extensions?: { errorCode?: unknown } }[] }).errors?.[0]?.extensions?.errorCode;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

export type DebugOption = boolean | ((line: string) => void) | undefined;

export interface CallObserver {
  /** Runs a whole call, traced. */
  call<T>(call: Call, run: (call: Call) => Promise<T>): Promise<T>;
  /** Runs one attempt, traced and told to debug. */
  attempt(call: Call, run: () => Promise<Attempt>): Promise<Attempt>;
}

/**
 * Loaded on first need (a client with `debug`, or a subscriber): apps that use neither never download it.
 * `traced`: the tracing channels, from the client (core/diagnostics.ts).
 */
export function createCallObserver(
  debugOption: DebugOption,
  loginOperation: KrakenOperation,
  originOf: (call: Call) => { origin: string; url: string },
  traced: TracedCalls,
): CallObserver {
  const debug = debugOption === true ? (line: string) => console.error(line) : debugOption || undefined;
  const traces = new WeakMap<Call, KrakenRequestTrace>();
  const attemptCounts = new WeakMap<Call, number>();
  const purposeOf = (call: Call): KrakenAttemptTrace['purpose'] =>
    call.operation !== loginOperation ? 'call' : (call.variables as { input?: object } | undefined)?.input && 'refreshToken' in ((call.variables as { input: object }).input) ? 'refresh' : 'login';
  const labelOf = (call: Call) => {
    const purpose = purposeOf(call);
    return `kraken-sdk: ${purpose === 'call' ? operationTypeOf(call.operation) : purpose} ${call.operation.operationName || '(anonymous)'}`;
  };

  // Retry waits go through the policy's sleep: wrapping it tells each wait as it starts.
  const withWaitsTold = (call: Call, policy: RetryPolicy, trace: KrakenRequestTrace | undefined): RetryPolicy => ({
    ...policy,
    sleep: (ms, signal) => {
      trace?.retryWaitsMs.push(ms);
      debug?.(`${labelOf(call)} retry in ${Math.round(ms)} ms`);
      return (policy.sleep ?? abortableSleep)(ms, signal);
    },
  });

  return {
    async call<T>(call: Call, run: (call: Call) => Promise<T>): Promise<T> {
      const requestChannel = traced.request();
      const trace: KrakenRequestTrace | undefined = requestChannel
        ? { operationName: call.operation.operationName, operationType: operationTypeOf(call.operation), origin: originOf(call).origin, attempts: 0, retryWaitsMs: [] }
        : undefined;
      const observed: Call = { ...call, policy: withWaitsTold(call, call.policy, trace) };
      if (requestChannel === undefined || trace === undefined) return run(observed);
      traces.set(observed, trace);
      // The channel would publish what the traced function resolves to: the data stays out of it.
      let data: T | undefined;
      await requestChannel.tracePromise(async () => {
        data = await run(observed);
      }, trace);
      return data as T;
    },
    async attempt(call, run) {
      const number = (attemptCounts.get(call) ?? 0) + 1;
      attemptCounts.set(call, number);
      const callTrace = traces.get(call);
      if (callTrace) callTrace.attempts = number;
      const { origin, url } = originOf(call);
      const label = debug ? labelOf(call) : '';
      debug?.(`${label} → ${url} (attempt ${number})`);
      const started = Date.now();
      const told = (made: Attempt): Attempt => {
        if (debug) {
          const code = firstCode(made);
          const outcome = made.step === 'answer' ? `${made.response.status}${code ? ` ${code}` : ''}` : made.step === 'send' ? `not answered (${made.why ?? 'network'})` : 'no token';
          debug(`${label} ← ${outcome} in ${Date.now() - started} ms`);
        }
        return made;
      };
      const attemptChannel = traced.attempt();
      if (attemptChannel === undefined) return told(await run());
      const trace: KrakenAttemptTrace = { operationName: call.operation.operationName, operationType: operationTypeOf(call.operation), origin, attempt: number, purpose: purposeOf(call), call: callTrace };
      // As for calls: the attempt (its token) is not what the traced function resolves to.
      let made: Attempt | undefined;
      await attemptChannel.tracePromise(async () => {
        made = await run();
        if (made.step === 'answer') trace.status = made.response.status;
        else if (made.step === 'send') trace.reason = made.why ?? 'connection';
        trace.sent = made.step === 'answer' || (made.step === 'send' && !made.neverSent);
        const code = firstCode(made);
        if (code !== undefined) trace.code = code;
      }, trace);
      return told(made as Attempt);
    },
  };
}
