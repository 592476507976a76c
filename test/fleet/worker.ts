// One process of a fleet: an st client on the mock Kraken, sharing its session through Redis (or not),
// driven by its parent over IPC. Bundled once by fleet.ts and run with plain node.
import { CloseOpenPrintBatchDocument, createKrakenClient } from '../../src/brands/st.js';
import type { SessionStore } from '../../src/client/index.js';
import { createRedisSessionStore } from '../../src/redis/index.js';
import type { FleetCommand, FleetReply } from './protocol.js';
import { redisClientKind } from './redis-clients.js';
import type { ConnectedRedis, Deployment } from './redis-clients.js';
import { loginWith } from '../../src/index.js';

const apiUrl = process.env.FLEET_API_URL ?? '';
const redisUrl = process.env.FLEET_REDIS_URL;
const encryptionKey = process.env.FLEET_ENCRYPTION_KEY;
let clockOffsetMs = Number(process.env.FLEET_CLOCK_OFFSET_MS ?? 0);
let warnings = 0;

const reply = (message: FleetReply): void => void process.send?.(message);

// Which client (node-redis 6 unless told), on one node (FLEET_REDIS_URL) or a cluster (FLEET_REDIS_CLUSTER_PORTS).
const clusterPorts = process.env.FLEET_REDIS_CLUSTER_PORTS?.split(',').map(Number);
const deployment: Deployment | undefined =
  clusterPorts !== undefined ? { kind: 'cluster', ports: clusterPorts } : redisUrl === undefined ? undefined : { kind: 'single', port: Number(new URL(redisUrl).port) };
let redis: ConnectedRedis | undefined;

async function main(): Promise<void> {
  // Connection errors are events the clients swallow (redis-clients.ts); the store sees failed commands.
  redis = deployment === undefined ? undefined : await redisClientKind(process.env.FLEET_REDIS_CLIENT ?? 'node-redis 6').connect(deployment);
  const store: SessionStore | undefined =
    redis === undefined
      ? undefined
      : createRedisSessionStore({
          client: redis.client,
          leaseMs: Number(process.env.FLEET_LEASE_MS ?? 10_000),
          ...(encryptionKey ? { encryptionKey: Buffer.from(encryptionKey, 'hex') } : {}),
          now: () => Date.now() + clockOffsetMs,
        });
  const kraken = createKrakenClient({
    endpoint: apiUrl,
    auth: loginWith({ apiKey: process.env.FLEET_API_KEY ?? '' }),
    // On a machine shared with much else the mock answers slowly; the test's own timeout bounds the run.
    timeoutMs: 120_000,
    now: () => Date.now() + clockOffsetMs,
    ...(store === undefined ? {} : { store }),
    onWarning: () => void (warnings += 1),
    // Given fetch, the client sends with it; otherwise on its default in Node, node:http.
    ...(process.env.FLEET_TRANSPORT === 'fetch' ? { fetch: globalThis.fetch } : {}),
  });

  process.on('message', (command: FleetCommand) => {
    void (async () => {
      if (command.type === 'clock') {
        clockOffsetMs = command.offsetMs;
        reply({ type: 'clock-set' });
      } else if (command.type === 'burst') {
        const started = performance.now();
        const settled = await Promise.allSettled(Array.from({ length: command.calls }, () => kraken.request(CloseOpenPrintBatchDocument)));
        const failures = settled.flatMap((result) => (result.status === 'rejected' ? [describeFailure(result.reason)] : []));
        reply({ type: 'burst-done', ok: settled.length - failures.length, failures: failures.slice(0, 5), failed: failures.length, warnings, ms: performance.now() - started });
      } else if (command.type === 'call') {
        const started = performance.now();
        const headers = command.scenario === undefined ? undefined : { 'x-kraken-mock-scenario': command.scenario };
        const outcome = await kraken.request(CloseOpenPrintBatchDocument, undefined, { headers }).then(
          () => ({ ok: true }),
          (error: { kind?: string; retryAfterMs?: number; mayHaveReachedServer?: boolean; attempts?: number }) => ({
            ok: false,
            kind: error.kind,
            retryAfterMs: error.retryAfterMs,
            mayHaveReachedServer: error.mayHaveReachedServer,
            attempts: error.attempts,
          }),
        );
        reply({ type: 'call-done', ...outcome, ms: performance.now() - started });
      } else if (command.type === 'redis-ready') {
        for (;;) {
          try {
            await redis?.ping();
            break;
          } catch {
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
        reply({ type: 'redis-ready' });
      } else if (command.type === 'exit') {
        await redis?.close();
        process.exit(0);
      }
    })();
  });
  reply({ type: 'ready', pid: process.pid });
}

/** The message and the innermost cause's code (e.g. ECONNRESET), to tell a test what went wrong. */
function describeFailure(reason: unknown): string {
  let cause: unknown = reason;
  while (cause instanceof Error && cause.cause !== undefined) cause = cause.cause;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return `${reason instanceof Error ? reason.message : String(reason)}${code === undefined ? '' : ` (${String(code)})`}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
