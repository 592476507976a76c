// An HTTP hop in front of the mock Kraken that can hold one obtainKrakenToken request: a login or refresh
// "in flight" whose sender can be killed meanwhile. The held request never reaches the mock.
import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HoldingProxy {
  readonly apiUrl: string;
  /** Holds the next token request; resolves when it arrives. */
  holdNextTokenRequest(): Promise<void>;
  /** Token requests seen (held ones included). */
  readonly tokenRequests: () => number;
  close(): Promise<void>;
}

export async function startHoldingProxy(targetApiUrl: string): Promise<HoldingProxy> {
  const target = new URL(targetApiUrl);
  let tokenRequests = 0;
  let hold: (() => void) | undefined;
  const held: Array<() => void> = [];
  // A fleet opens hundreds of connections at once; the mock behind gets a bounded number of them, each
  // new (no reuse racing the mock's keep-alive timeout on a busy machine).
  const agent = new Agent({ keepAlive: false, maxSockets: 32 });
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      if (body.includes('obtainKrakenToken')) {
        tokenRequests += 1;
        if (hold !== undefined) {
          const arrived = hold;
          hold = undefined;
          held.push(() => outgoing.destroy());
          arrived();
          return;
        }
      }
      const forwarded = httpRequest(
        { agent, host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: incoming.headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.on('error', () => outgoing.destroy());
      forwarded.end(body);
    });
  });
  // Idle fleet connections outlive a slow step; a long accept queue: 8 processes × 100 calls connect at the same moment.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}${target.pathname}`,
    holdNextTokenRequest: () => new Promise<void>((resolve) => (hold = resolve)),
    tokenRequests: () => tokenRequests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const drop of held) drop();
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
