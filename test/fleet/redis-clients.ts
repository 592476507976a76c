// Every Redis client createRedisSessionStore accepts, connected as the README advises (commands fail at
// once while Redis is away), to a single node or to a cluster: node-redis 4, 5 and 6, ioredis 5 and 6.
// Each library is imported when a client of it is first connected (fleet processes load one).
import type { RedisClientLike } from 'kraken-sdk/redis';

export type Deployment = { readonly kind: 'single'; readonly port: number } | { readonly kind: 'cluster'; readonly ports: readonly number[] };

export interface ConnectedRedis {
  readonly client: RedisClientLike;
  ping(): Promise<unknown>;
  close(): Promise<void>;
}

export interface RedisClientKind {
  readonly name: string;
  connect(deployment: Deployment): Promise<ConnectedRedis>;
}

const url = (port: number): string => `redis://127.0.0.1:${port}`;
// Reconnects quickly (a test stops and starts servers) and gives up connecting after a second.
const socket = { reconnectStrategy: (retries: number) => Math.min(50 * (retries + 1), 300), connectTimeout: 1000 };

interface NodeRedisLike {
  connect(): Promise<unknown>;
  on(event: 'error', listener: () => void): unknown;
  sendCommand?: unknown;
  destroy?: () => void;
  disconnect?: () => Promise<void>;
}

type NodeRedisFactory = { createClient: (options: never) => unknown; createCluster: (options: never) => unknown };

function nodeRedis(name: string, load: () => Promise<NodeRedisFactory>): RedisClientKind {
  return {
    name,
    connect: async (deployment) => {
      const make = await load();
      const made = (
        deployment.kind === 'single'
          ? make.createClient({ url: url(deployment.port), disableOfflineQueue: true, socket } as never)
          : make.createCluster({ rootNodes: deployment.ports.map((port) => ({ url: url(port) })), defaults: { disableOfflineQueue: true, socket } } as never)
      ) as NodeRedisLike;
      made.on('error', () => {});
      await made.connect();
      const client = made as unknown as RedisClientLike;
      return {
        client,
        ping: () => (deployment.kind === 'single' ? (made as unknown as { ping(): Promise<unknown> }).ping() : (made as unknown as { sendCommand(key: string, ro: boolean, args: string[]): Promise<unknown> }).sendCommand('ping', true, ['EXISTS', 'ping'])),
        close: async () => {
          if (typeof made.destroy === 'function') made.destroy();
          else await made.disconnect?.().catch(() => undefined);
        },
      };
    },
  };
}

interface IoRedisLikeClient {
  connect(): Promise<unknown>;
  on(event: 'error', listener: () => void): unknown;
  ping(): Promise<unknown>;
  disconnect(): void;
}

type IoRedisModule = { Redis: new (options: never) => unknown; Cluster: new (nodes: never, options: never) => unknown };

function ioRedis(name: string, load: () => Promise<IoRedisModule>): RedisClientKind {
  const retryStrategy = (times: number) => Math.min(50 * times, 300);
  return {
    name,
    connect: async (deployment) => {
      const { Redis: Single, Cluster } = await load();
      const made = (
        deployment.kind === 'single'
          ? new Single({ host: '127.0.0.1', port: deployment.port, enableOfflineQueue: false, lazyConnect: true, retryStrategy, connectTimeout: 1000, maxRetriesPerRequest: 0 } as never)
          : new Cluster(
              deployment.ports.map((port) => ({ host: '127.0.0.1', port })) as never,
              { enableOfflineQueue: false, lazyConnect: true, clusterRetryStrategy: retryStrategy, redisOptions: { connectTimeout: 1000, maxRetriesPerRequest: 0 } } as never,
            )
      ) as unknown as IoRedisLikeClient;
      made.on('error', () => {});
      await made.connect();
      return { client: made as unknown as RedisClientLike, ping: () => made.ping(), close: async () => made.disconnect() };
    },
  };
}

export const REDIS_CLIENTS: readonly RedisClientKind[] = [
  nodeRedis('node-redis 6', () => import('redis')),
  nodeRedis('node-redis 5', () => import('redis-v5')),
  nodeRedis('node-redis 4', () => import('redis-v4')),
  ioRedis('ioredis 5', () => import('ioredis')),
  ioRedis('ioredis 6', () => import('ioredis-v6')),
];

/** The client kind of this name (a fleet process is told it by name). */
export function redisClientKind(name: string): RedisClientKind {
  const kind = REDIS_CLIENTS.find((candidate) => candidate.name === name);
  if (kind === undefined) throw new Error(`no Redis client kind "${name}" (${REDIS_CLIENTS.map((known) => known.name).join(', ')})`);
  return kind;
}
