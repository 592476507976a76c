/** The subset of a `node:diagnostics_channel` channel the SDK publishes on. */
export interface DiagnosticsChannel {
  readonly hasSubscribers: boolean;
  publish(message: unknown): void;
}

type ChannelModule = { channel(name: string): DiagnosticsChannel };

// Reached through `process.getBuiltinModule` (Node ≥ 20.16) rather than imported, so that browsers and
// Workers neither break nor load it; elsewhere there is simply no channel.
const channels = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
  'node:diagnostics_channel',
) as ChannelModule | undefined;

/** A named `node:diagnostics_channel` channel, or undefined where the platform has none. */
export function diagnosticsChannel(name: string): DiagnosticsChannel | undefined {
  return channels?.channel(name);
}

/** The KrakenError of every failed call is published here once, and every warning (for metrics, tracing, or a test suite's own checks). */
export const ERROR_CHANNEL = 'kraken-sdk:error';

/** The subset of a `node:diagnostics_channel` TracingChannel the SDK uses. */
export interface DiagnosticsTracingChannel {
  readonly hasSubscribers?: boolean;
  readonly start: DiagnosticsChannel;
  tracePromise<T>(fn: () => Promise<T>, context: object): Promise<T>;
}

/** A named TracingChannel, or undefined where the platform has none. */
export function diagnosticsTracingChannel(name: string): DiagnosticsTracingChannel | undefined {
  return (channels as { tracingChannel?: (name: string) => DiagnosticsTracingChannel } | undefined)?.tracingChannel?.(name);
}

/** Calls and their attempts are traced on these (see observe.ts). */
export const REQUEST_CHANNEL = 'kraken-sdk:request';
export const ATTEMPT_CHANNEL = 'kraken-sdk:attempt';
const requestChannel = diagnosticsTracingChannel(REQUEST_CHANNEL);
const attemptChannel = diagnosticsTracingChannel(ATTEMPT_CHANNEL);
const listening = (channel: DiagnosticsTracingChannel | undefined): DiagnosticsTracingChannel | undefined =>
  (channel?.hasSubscribers ?? channel?.start.hasSubscribers) ? channel : undefined;

/** The request and attempt tracing channels, each while someone subscribes to it (else undefined). */
export const tracedCalls = { request: () => listening(requestChannel), attempt: () => listening(attemptChannel) };
export type TracedCalls = typeof tracedCalls;

/** True while someone subscribes to the request or attempt tracing channel: only then are calls traced. */
export const tracingListened = (): boolean => !!(tracedCalls.request() ?? tracedCalls.attempt());
