// The soak (issue 9): many calls through the real client, with faults mixed in by a proxy in front of the
// project's mock Kraken on 127.0.0.1. Every call must settle, as data or as a KrakenError.
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isKrakenError } from 'kraken-sdk';
import { createKrakenClient, VerifyIdentityDocument } from 'kraken-sdk/st';
import { startMockKrakenServer } from 'kraken-sdk/mocks/node';
import { loginWith } from '../../src/index.js';

/** What the proxy does to one request, chosen by its sequence number (deterministic). */
const FAULTS = ['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'http-503', 'rate-limit-429', 'html-502', 'reset', 'truncated-json', 'pass'] as const;
type Fault = (typeof FAULTS)[number];

export interface SoakOptions {
  readonly calls: number;
  readonly concurrency?: number;
}

export interface SoakReport {
  readonly calls: number;
  readonly settled: number;
  readonly succeeded: number;
  /** KrakenErrors by kind. */
  readonly failedByKind: Readonly<Record<string, number>>;
  /** Rejections that were not KrakenErrors: must be 0. */
  readonly foreign: number;
  readonly faultsInjected: number;
  /** Heap growth after a forced GC, per call (bytes); undefined without --expose-gc. */
  readonly heapBytesPerCall: number | undefined;
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const mock = await startMockKrakenServer({ brand: 'st', port: 0 });
  let sequence = 0;
  let faultsInjected = 0;
  const proxy = createServer((incoming, outgoing) => {
    const fault: Fault = FAULTS[sequence++ % FAULTS.length] ?? 'pass';
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      if (fault !== 'pass') faultsInjected++;
      if (fault === 'http-503') return void outgoing.writeHead(503, { 'content-type': 'application/json' }).end('{"errors":[{"message":"upstream unavailable"}]}');
      if (fault === 'rate-limit-429') return void outgoing.writeHead(429, { 'retry-after': '0' }).end('Too many requests');
      if (fault === 'html-502') return void outgoing.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>');
      if (fault === 'reset') return void incoming.socket.destroy();
      const upstream = httpRequest(`${mock.url}${incoming.url ?? '/'}`, { method: incoming.method, headers: incoming.headers }, (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => body.push(chunk));
        answer.on('end', () => {
          const whole = Buffer.concat(body);
          outgoing.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json' });
          outgoing.end(fault === 'truncated-json' ? whole.subarray(0, Math.floor(whole.length / 2)) : whole);
        });
      });
      upstream.on('error', () => outgoing.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;

  const client = createKrakenClient({
    endpoint: `http://127.0.0.1:${port}/v1/graphql/`,
    auth: loginWith({ email: 'soak@example.com', password: 'soak-password' }),
    timeoutMs: 5_000,
  });
  const failedByKind: Record<string, number> = {};
  let succeeded = 0;
  let foreign = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  const heapNow = (): number => {
    gc?.();
    return process.memoryUsage().heapUsed;
  };

  const runCalls = async (count: number): Promise<void> => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < count) {
        next++;
        try {
          await client.request(VerifyIdentityDocument, { input: {} });
          succeeded++;
        } catch (error) {
          if (isKrakenError(error)) failedByKind[error.kind] = (failedByKind[error.kind] ?? 0) + 1;
          else foreign++;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 20, count) }, worker));
  };

  // A warm-up, so that the heap figure measures the steady state, not first-use allocations.
  const warmUp = Math.min(200, Math.floor(options.calls / 10));
  await runCalls(warmUp);
  const heapBefore = heapNow();
  await runCalls(options.calls - warmUp);
  const heapAfter = heapNow();

  await new Promise<void>((resolve) => {
    proxy.closeAllConnections();
    proxy.close(() => resolve());
  });
  await mock.close();
  const failed = Object.values(failedByKind).reduce((sum, count) => sum + count, 0);
  return {
    calls: options.calls,
    settled: succeeded + failed + foreign,
    succeeded,
    failedByKind,
    foreign,
    faultsInjected,
    heapBytesPerCall: gc === undefined ? undefined : (heapAfter - heapBefore) / (options.calls - warmUp),
  };
}
