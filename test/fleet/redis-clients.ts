// Every Redis client createRedisSessionStore accepts, connected as the README advises (commands fail at
// once while Redis is away), to a single node or to a cluster: node-redis 4, 5 and 6, ioredis 5 and 6.
import { Cluster as IoCluster5, Redis as IoRedis5 } from 'ioredis';
import { Cluster as IoCluster6, Redis as IoRedis6 } from 'ioredis-v6';
import { createClient as createClient6, createCluster as createCluster6 } from 'redis';
import { createClient as createClient4, createCluster as createCluster4 } from 'redis-v4';
import { createClient as createClient5, createCluster as createCluster5 } from 'redis-v5';
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

type NodeRedisFactory = { client: (options: object) => unknown; cluster: (options: object) => unknown };

function nodeRedis(name: string, make: NodeRedisFactory): RedisClientKind {
  return {
    name,
    connect: async (deployment) => {
      const made = (
        deployment.kind === 'single'
          ? make.client({ url: url(deployment.port), disableOfflineQueue: true, socket })
          : make.cluster({ rootNodes: deployment.ports.map((port) => ({ url: url(port) })), defaults: { disableOfflineQueue: true, socket } })
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

function ioRedis(name: string, Single: typeof IoRedis5 | typeof IoRedis6, Cluster: typeof IoCluster5 | typeof IoCluster6): RedisClientKind {
  const retryStrategy = (times: number) => Math.min(50 * times, 300);
  return {
    name,
    connect: async (deployment) => {
      const made = (
        deployment.kind === 'single'
          ? new Single({ host: '127.0.0.1', port: deployment.port, enableOfflineQueue: false, lazyConnect: true, retryStrategy, connectTimeout: 1000, maxRetriesPerRequest: 0 })
          : new Cluster(
              deployment.ports.map((port) => ({ host: '127.0.0.1', port })),
              { enableOfflineQueue: false, lazyConnect: true, clusterRetryStrategy: retryStrategy, redisOptions: { connectTimeout: 1000, maxRetriesPerRequest: 0 } },
            )
      ) as unknown as IoRedisLikeClient;
      made.on('error', () => {});
      await made.connect();
      return { client: made as unknown as RedisClientLike, ping: () => made.ping(), close: async () => made.disconnect() };
    },
  };
}

export const REDIS_CLIENTS: readonly RedisClientKind[] = [
  nodeRedis('node-redis 6', { client: createClient6, cluster: createCluster6 }),
  nodeRedis('node-redis 5', { client: createClient5, cluster: createCluster5 }),
  nodeRedis('node-redis 4', { client: createClient4, cluster: createCluster4 }),
  ioRedis('ioredis 5', IoRedis5, IoCluster5),
  ioRedis('ioredis 6', IoRedis6, IoCluster6),
];
