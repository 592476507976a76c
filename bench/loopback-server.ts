// A GraphQL-shaped HTTP server on 127.0.0.1 in a child process, so its CPU time is not the caller's.
// It reads each request body (as a real server must) and answers with one fixed JSON body.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';

export interface LoopbackServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the server in a child process and resolves once it listens. */
export function startLoopbackServer(body: unknown): Promise<LoopbackServer> {
  const child: ChildProcess = fork(import.meta.filename, ['--serve'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: process.execArgv,
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (message: { port?: number }) => {
      resolve({
        url: `http://127.0.0.1:${message.port}/v1/graphql/`,
        close: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill();
          }),
      });
    });
    child.send({ body });
  });
}

function serve(): void {
  process.once('message', ({ body }: { body: unknown }) => {
    const text = JSON.stringify(body);
    const server = createServer((request, response) => {
      request.resume();
      request.once('end', () => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        response.end(text);
      });
    });
    server.keepAliveTimeout = 60_000;
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

if (process.argv.includes('--serve')) serve();
