/** The subset of a `node:diagnostics_channel` channel the SDK publishes on. */
export interface DiagnosticsChannel {
  readonly hasSubscribers: boolean;
  publish(message: unknown): void;
}

type ChannelModule = { channel(name: string): DiagnosticsChannel };

// Reached through `process.getBuiltinModule` (Node ≥ 20.16) rather than imported, so browser bundles
// neither break nor grow; elsewhere there is simply no channel.
const channels = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
  'node:diagnostics_channel',
) as ChannelModule | undefined;

/** A named `node:diagnostics_channel` channel, or undefined where the platform has none. */
export function diagnosticsChannel(name: string): DiagnosticsChannel | undefined {
  return channels?.channel(name);
}

/** Every KrakenError the SDK creates is published here (for metrics, tracing, or a test suite's own checks). */
export const ERROR_CHANNEL = 'kraken-sdk:error';
