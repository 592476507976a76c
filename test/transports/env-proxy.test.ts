// Found testing the packed package: with Node's own proxy support on (NODE_USE_ENV_PROXY=1 or --use-env-proxy, Node
// 24.5+), fetch and Node's global agents send through HTTP_PROXY, but the Node transport's own keep-alive agents
// went straight to the server: the default transport in Node bypassed the proxy the process was told to use.
import { execFile, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { rawAnswer, rawServer } from './raw-server.js';

const root = join(import.meta.dirname, '../..');
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');

/** A proxy on 127.0.0.1 that answers every request itself and records its request line. */
async function answeringProxy(): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (chunk: Buffer) => {
      seen.push(chunk.toString('latin1').split('\r\n')[0] ?? '');
      socket.end(rawAnswer('200 OK', ['content-type: application/json', 'content-length: 27', 'connection: close'], '{"data":{"ping":"proxied"}}'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** Whether this Node's own agents take the environment's proxy (older Nodes have no such support: nothing to follow). */
const nodeUsesEnvProxy =
  execFileSync(process.execPath, ['-p', "typeof require('node:http').globalAgent.options.proxyEnv"], { env: { ...process.env, NODE_USE_ENV_PROXY: '1' } })
    .toString()
    .trim() === 'object';

describe("Node's proxy from the environment (NODE_USE_ENV_PROXY=1)", () => {
  it.runIf(nodeUsesEnvProxy)('the Node transport sends through HTTP_PROXY, as fetch and the global agents do', async () => {
    const proxy = await answeringProxy();
    const target = await rawServer(rawAnswer('200 OK', ['content-type: application/json', 'content-length: 26'], '{"data":{"ping":"direct"}}'));
    const { stdout } = await promisify(execFile)(process.execPath, [tsx, 'test/transports/fixtures/env-proxy-call.ts', target.url], {
      cwd: root,
      env: { ...process.env, NODE_USE_ENV_PROXY: '1', HTTP_PROXY: proxy.url, http_proxy: proxy.url, NO_PROXY: '', no_proxy: '' },
    });
    expect(JSON.parse(stdout)).toEqual({ data: { ping: 'proxied' } });
    expect(proxy.seen).toEqual([`POST ${target.url} HTTP/1.1`]);
    expect(target.requests()).toBe(0);
  });
});
