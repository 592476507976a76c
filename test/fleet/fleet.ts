// A fleet of real Node processes (test/fleet/worker.ts, bundled once with esbuild) for the fleet tests and bench.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { FleetCommand, FleetReply } from './protocol.js';

type BurstDone = Extract<FleetReply, { type: 'burst-done' }>;
type CallDone = Extract<FleetReply, { type: 'call-done' }>;

const root = fileURLToPath(new URL('../../', import.meta.url));
// Inside node_modules so that the bundle's external packages (redis, graphql…) resolve from the project.
const outDir = `${root}node_modules/.cache/kraken-sdk-fleet`;
let built: Promise<string> | undefined;

/** Bundles the worker once per run (node starts it in well under a second, tsx would not). */
export function buildWorker(): Promise<string> {
  built ??= (async () => {
    mkdirSync(outDir, { recursive: true });
    const outfile = `${outDir}/worker-${process.pid}.mjs`;
    await build({
      entryPoints: [`${root}test/fleet/worker.ts`],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'silent',
    });
    return outfile;
  })();
  return built;
}

export interface FleetOptions {
  readonly size: number;
  readonly apiUrl: string;
  readonly apiKey: string;
  /** Without it (or redisClusterPorts), each process keeps its own session (the baseline). */
  readonly redisUrl?: string | undefined;
  /** A Redis Cluster's node ports, instead of redisUrl. */
  readonly redisClusterPorts?: readonly number[] | undefined;
  /** A name from redis-clients.ts (default `node-redis 6`). */
  readonly redisClient?: string | undefined;
  readonly leaseMs?: number | undefined;
  /** Hex. */
  readonly encryptionKey?: string | undefined;
  readonly clockOffsetMs?: number | undefined;
  /** The processes' transport: node:http (the default in Node) unless `fetch`. */
  readonly transport?: 'node-http' | 'fetch' | undefined;
}

export interface FleetWorker {
  readonly pid: number;
  readonly child: ChildProcess;
  alive: boolean;
}

export interface Fleet {
  readonly workers: readonly FleetWorker[];
  /** Moves every process's clock (the mock server's is moved by the caller). */
  setClock(offsetMs: number): Promise<void>;
  /** `calls` concurrent calls in every live process at once; processes killed meanwhile do not answer. */
  burst(calls: number): Promise<BurstDone[]>;
  /** One call in the process at `index` (of `workers`), with an optional mock scenario header. */
  call(index: number, scenario?: string): Promise<CallDone>;
  /** Resolves when every live process reaches Redis again. */
  redisReady(): Promise<void>;
  kill(pid: number): void;
  stop(): Promise<void>;
}

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const script = await buildWorker();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FLEET_API_URL: options.apiUrl,
    FLEET_API_KEY: options.apiKey,
    FLEET_LEASE_MS: String(options.leaseMs ?? 10_000),
    FLEET_CLOCK_OFFSET_MS: String(options.clockOffsetMs ?? 0),
  };
  if (options.redisUrl !== undefined) env.FLEET_REDIS_URL = options.redisUrl;
  if (options.redisClusterPorts !== undefined) env.FLEET_REDIS_CLUSTER_PORTS = options.redisClusterPorts.join(',');
  if (options.redisClient !== undefined) env.FLEET_REDIS_CLIENT = options.redisClient;
  if (options.encryptionKey !== undefined) env.FLEET_ENCRYPTION_KEY = options.encryptionKey;
  if (options.transport !== undefined) env.FLEET_TRANSPORT = options.transport;

  const workers = await Promise.all(
    Array.from({ length: options.size }, async (): Promise<FleetWorker> => {
      const child = fork(script, [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const ready = await nextReply(child, 'ready');
      const worker: FleetWorker = { pid: ready.pid, child, alive: true };
      child.once('exit', () => (worker.alive = false));
      return worker;
    }),
  );
  const live = () => workers.filter((worker) => worker.alive);
  // A process killed meanwhile simply does not answer.
  const ask = async <T extends FleetReply['type']>(command: FleetCommand, answer: T) => {
    const replies = await Promise.all(
      live().map((worker) => {
        const reply = nextReply(worker.child, answer).catch(() => undefined);
        worker.child.send(command);
        return reply;
      }),
    );
    return replies.filter((reply) => reply !== undefined);
  };
  return {
    workers,
    setClock: async (offsetMs) => void (await ask({ type: 'clock', offsetMs }, 'clock-set')),
    burst: (calls) => ask({ type: 'burst', calls }, 'burst-done'),
    redisReady: async () => void (await ask({ type: 'redis-ready' }, 'redis-ready')),
    call: (index, scenario) => {
      const worker = workers[index];
      if (worker === undefined) return Promise.reject(new Error(`no fleet process ${index}`));
      const reply = nextReply(worker.child, 'call-done');
      worker.child.send({ type: 'call', scenario } satisfies FleetCommand);
      return reply;
    },
    kill: (pid) => workers.find((worker) => worker.pid === pid)?.child.kill('SIGKILL'),
    stop: async () => {
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (!worker.alive) return resolve();
              worker.child.once('exit', () => resolve());
              worker.child.send({ type: 'exit' } satisfies FleetCommand);
            }),
        ),
      );
    },
  };
}

function nextReply<T extends FleetReply['type']>(child: ChildProcess, type: T): Promise<Extract<FleetReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FleetReply): void => {
      if (message.type !== type) return;
      cleanUp();
      resolve(message as Extract<FleetReply, { type: T }>);
    };
    const onExit = (code: number | null): void => {
      cleanUp();
      reject(new Error(`a fleet process exited (${String(code)}) before answering ${type}`));
    };
    const cleanUp = (): void => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
