// Starts a real redis-server (Debian's package) on 127.0.0.1, on a free port, without persistence.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

export interface RedisCluster {
  /** The nodes' ports (3 masters, no replicas; every slot covered). */
  readonly ports: readonly number[];
  stop(): Promise<void>;
}

/**
 * Three redis-server nodes in cluster mode on 127.0.0.1 (their bus ports chosen free too), joined by
 * `redis-cli --cluster create`, ready when every node says cluster_state:ok.
 */
export async function startRedisCluster(size = 3): Promise<RedisCluster> {
  const folder = mkdtempSync(join(tmpdir(), 'kraken-redis-cluster-'));
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    })));
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    for (let index = 0; index < size; index += 1) {
      const [port, busPort] = [await freePort(), await freePort()];
      ports.push(port);
      const child = spawn('redis-server', [
        '--port', String(port), '--cluster-port', String(busPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
        '--cluster-enabled', 'yes', '--cluster-config-file', join(folder, `nodes-${port}.conf`), '--dir', folder,
      ], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      await readyLine(child);
    }
    const created = spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8' });
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout.slice(-300)} ${created.stderr.slice(-300)}`);
    for (const port of ports) {
      for (let tries = 0; ; tries += 1) {
        const info = spawnSync('redis-cli', ['-p', String(port), 'cluster', 'info'], { encoding: 'utf8' }).stdout;
        if (info.includes('cluster_state:ok')) break;
        if (tries > 200) throw new Error(`cluster node ${port} never reached cluster_state:ok`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { ports, stop };
}

function readyLine(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.resume();
    child.once('exit', (code) => reject(new Error(`redis-server exited (${String(code)}) before it was ready: ${output.slice(-500)}`)));
  });
}
