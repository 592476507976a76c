import { createServer } from 'node:http';
import { onTestFinished } from 'vitest';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { publishCredential, publishLoginInput } from '../../mocks/credential-channel.js';

export interface SeenRequest {
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `${origin}/v1/graphql/` */
  readonly url: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

export type Handler = (request: SeenRequest, response: ServerResponse, socket: IncomingMessage['socket']) => void | Promise<void>;

/** A server on 127.0.0.1 that reads each request whole, records it, then lets `handle` answer (or misbehave). */
export async function startServer(handle: Handler): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const seen = { method: incoming.method, path: incoming.url, headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(seen);
      announceCredentials(seen);
      void Promise.resolve(handle(seen, response, incoming.socket)).catch(() => incoming.socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/v1/graphql/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Like the mocks, tells the suite's secrets watch which credentials and tokens this server was sent. */
function announceCredentials(seen: SeenRequest): void {
  publishCredential('token', seen.headers.authorization?.replace(/^(?:JWT|Bearer) /i, ''));
  try {
    const input = (JSON.parse(seen.body) as { variables?: { input?: unknown } }).variables?.input;
    if (typeof input === 'object' && input !== null) publishLoginInput(input as Record<string, unknown>);
  } catch {
    // Not JSON: nothing to announce.
  }
}

/** Answers JSON with a status and headers. */
/** Starts a server for the running test only: it is closed when the test finishes. */
export async function serve(handle: Handler): Promise<TestServer> {
  const server = await startServer(handle);
  onTestFinished(() => server.close());
  return server;
}

export function json(response: ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(text);
}

/** A port nothing listens on (bound, then released). */
export async function closedPortUrl(): Promise<string> {
  const server = await startServer(() => undefined);
  await server.close();
  return server.url;
}
