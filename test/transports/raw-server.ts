// A TCP server on 127.0.0.1 that answers each request with bytes written by hand: status lines, header lists and
// bodies that node:http's own server would refuse to send (thousands of codings, a 101 to a plain POST).
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { onTestFinished } from 'vitest';

export interface RawServer {
  /** `http://127.0.0.1:<port>/v1/graphql/` */
  readonly url: string;
  /** How many requests (head and body) it read. */
  readonly requests: () => number;
  /** The head (request line and header lines) of each request it read. */
  readonly heads: () => readonly string[];
}

/** Bytes of an HTTP/1.1 answer: the status line, the header lines as given, a blank line, the body. */
export function rawAnswer(statusLine: string, headers: readonly string[], body: Uint8Array | string = ''): Buffer {
  return Buffer.concat([Buffer.from(`HTTP/1.1 ${statusLine}\r\n${headers.map((line) => `${line}\r\n`).join('')}\r\n`, 'latin1'), Buffer.from(body)]);
}

/**
 * Reads each request whole (head, then Content-Length bytes of body), then writes `answer` and leaves the
 * connection open: whether it ends is up to the answer's own framing. Closed, connections and all, when the test ends.
 */
export async function rawServer(answer: Buffer): Promise<RawServer> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const heads: string[] = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const headEnd = pending.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(pending.subarray(0, headEnd).toString('latin1'))?.[1] ?? 0);
        if (pending.byteLength < headEnd + 4 + length) return;
        heads.push(pending.subarray(0, headEnd).toString('latin1'));
        pending = pending.subarray(headEnd + 4 + length);
        requests += 1;
        socket.write(answer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/graphql/`, requests: () => requests, heads: () => heads };
}
