// Starts a real redis-server (Debian's package) on 127.0.0.1, on a free port, without persistence.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createClient } from 'redis';
import type { RedisClientType } from 'redis';

/** Whether redis-server can be run here; CI sets KRAKEN_REQUIRE_REDIS=1 so that its absence fails instead of skipping. */
export function redisServerAvailable(): boolean {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;
  if (!found && process.env.KRAKEN_REQUIRE_REDIS === '1') {
    throw new Error('KRAKEN_REQUIRE_REDIS=1 but redis-server is not installed (apt-get install redis-server).');
  }
  if (!found) console.warn('SKIPPED: redis-server is not installed, so the Redis fleet tests do not run (apt-get install redis-server).');
  return found;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops it hard (SIGKILL): what a crash or an outage looks like to its clients. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          started.stdout?.off('data', onData);
          started.stdout?.resume();
          resolve();
        }
      };
      started.stdout?.on('data', onData);
      started.stderr?.resume();
      started.once('exit', (code) => reject(new Error(`redis-server exited (${String(code)}) before it was ready: ${output.slice(-500)}`)));
    });
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  await start();
  return { port, url: `redis://127.0.0.1:${port}`, stop, start };
}

/** A node-redis client of the test's server, connected, failing fast while the server is down (as the README advises). */
export async function connectedClient(server: RedisServer): Promise<RedisClientType> {
  const client: RedisClientType = createClient({ url: server.url, disableOfflineQueue: true });
  client.on('error', () => {});
  await client.connect();
  return client;
}
