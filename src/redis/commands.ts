// The Redis clients the store takes as they are, told apart by shape (no import of either library):
// node-redis clients and clusters (v4–v6) and ioredis clients and clusters (v5–v6). Each command names
// its one key, which a cluster routes by.

/** A node-redis client or pool (`createClient()`, `createClientPool()`, v4–v6), connected. */
export interface NodeRedisClientLike {
  sendCommand(args: Array<string>): Promise<unknown>;
  readonly isOpen: boolean;
}

/** A node-redis cluster (`createCluster()`, v4–v6), connected. */
export interface NodeRedisClusterLike {
  sendCommand(firstKey: string | undefined, isReadonly: boolean | undefined, args: Array<string>): Promise<unknown>;
  getSlotMaster(slot: number): unknown;
  readonly isOpen: boolean;
}

/** An ioredis client or cluster (`new Redis()`, `new Cluster()`, v5–v6). */
export interface IoRedisLike {
  call(command: string, ...args: Array<string>): Promise<unknown>;
  readonly status: string;
}

/** Every client `createRedisSessionStore` accepts. */
export type RedisClientLike = NodeRedisClientLike | NodeRedisClusterLike | IoRedisLike;

/** Runs one command on whichever client was given. */
export type RunCommand = (key: string, args: ReadonlyArray<string>) => Promise<unknown>;

const ACCEPTED =
  'a connected node-redis client, pool or cluster (redis v4–v6: createClient, createClientPool, createCluster) ' +
  'or an ioredis client or cluster (v5–v6: new Redis, new Cluster)';

type Shape = Record<string, unknown>;

function isIoRedis(client: Shape): boolean {
  return typeof client.call === 'function' && typeof client.status === 'string';
}

function isNodeRedisCluster(client: Shape): boolean {
  return typeof client.sendCommand === 'function' && typeof client.getSlotMaster === 'function' && typeof client.nodeClient === 'function';
}

function isNodeRedisClient(client: Shape): boolean {
  return typeof client.sendCommand === 'function' && typeof client.isOpen === 'boolean';
}

/** What was given, for the refusal: its type or class, and which of the looked-for methods it has (never a value). */
function described(client: unknown): string {
  if (client === null) return 'null';
  if (typeof client !== 'object' && typeof client !== 'function') return typeof client;
  const name = (client as { constructor?: { name?: unknown } }).constructor?.name;
  const kind = typeof name === 'string' && name !== '' && name !== 'Object' ? `an object of class ${name}` : 'a plain object';
  const has = ['sendCommand', 'call', 'isOpen', 'status'].filter((key) => (client as Shape)[key] !== undefined);
  return `${kind} ${has.length === 0 ? 'with none of sendCommand, call, isOpen, status' : `with only ${has.join(', ')}`}`;
}

/** How to run a command on `client`; a client of no accepted shape is refused, naming what it is and what is accepted. */
export function commandRunner(client: unknown): RunCommand {
  const shape = (typeof client === 'object' && client !== null ? client : {}) as Shape;
  if (isIoRedis(shape)) {
    const io = client as IoRedisLike;
    // ioredis (client or cluster) finds the key itself, EVAL's included.
    return (_key, [command = '', ...args]) => io.call(command, ...args);
  }
  if (isNodeRedisCluster(shape)) {
    const cluster = client as NodeRedisClusterLike;
    return (key, args) => cluster.sendCommand(key, false, [...args]);
  }
  if (isNodeRedisClient(shape)) {
    const single = client as NodeRedisClientLike;
    return (_key, args) => single.sendCommand([...args]);
  }
  throw new TypeError(`createRedisSessionStore: client must be ${ACCEPTED}; got ${described(client)}.`);
}
