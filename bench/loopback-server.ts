// A GraphQL-shaped HTTP server on 127.0.0.1 in a child process, so its CPU time is not the caller's.
// It reads each request body (as a real server must) and answers with one fixed JSON body; a login
// (obtainKrakenToken) gets a token issued at the server's clock, which the caller can move (setClock),
// living one hour.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';

export interface LoopbackServer {
  readonly url: string;
  /** Moves the clock tokens are issued at to `offsetMs` past real time. */
  setClock(offsetMs: number): Promise<void>;
  close(): Promise<void>;
}

export const TOKEN_LIFETIME_S = 3_600;

type ToChild = { body: unknown } | { clockOffsetMs: number };
type FromChild = { port: number } | { clockSet: true };

/** Starts the server in a child process and resolves once it listens. */
export function startLoopbackServer(body: unknown): Promise<LoopbackServer> {
  const child: ChildProcess = fork(import.meta.filename, ['--serve'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: process.execArgv,
  });
  const next = <T extends FromChild>(is: (message: FromChild) => message is T): Promise<T> =>
    new Promise((resolve) => {
      const onMessage = (message: FromChild): void => {
        if (!is(message)) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
    });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    void next((message): message is { port: number } => 'port' in message).then(({ port }) => {
      resolve({
        url: `http://127.0.0.1:${port}/v1/graphql/`,
        setClock: async (clockOffsetMs) => {
          const set = next((message): message is { clockSet: true } => 'clockSet' in message);
          child.send({ clockOffsetMs } satisfies ToChild);
          await set;
        },
        close: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill();
          }),
      });
    });
    child.send({ body } satisfies ToChild);
  });
}

const base64Url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function tokenAnswer(issuedAtMs: number): string {
  const iat = Math.floor(issuedAtMs / 1000);
  const token = `${base64Url({ alg: 'HS256', typ: 'JWT' })}.${base64Url({ sub: 'bench', iat, exp: iat + TOKEN_LIFETIME_S })}.c2ln`;
  return JSON.stringify({ data: { obtainKrakenToken: { token, payload: {}, refreshToken: 'bench-refresh', refreshExpiresIn: iat + 7 * 86_400 } } });
}

function serve(): void {
  let clockOffsetMs = 0;
  process.on('message', (message: ToChild) => {
    if ('clockOffsetMs' in message) {
      clockOffsetMs = message.clockOffsetMs;
      process.send?.({ clockSet: true } satisfies FromChild);
      return;
    }
    const text = JSON.stringify(message.body);
    const server = createServer((request, response) => {
      // Only a login's body is looked at; any other request is read and dropped, as before.
      let login = false;
      request.on('data', (chunk: Buffer) => {
        if (!login && chunk.includes('obtainKrakenToken(')) login = true;
      });
      request.once('end', () => {
        const answer = login ? tokenAnswer(Date.now() + clockOffsetMs) : text;
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
        response.end(answer);
      });
    });
    server.keepAliveTimeout = 60_000;
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      process.send?.({ port: typeof address === 'object' && address ? address.port : 0 } satisfies FromChild);
    });
  });
}

if (process.argv.includes('--serve')) serve();
