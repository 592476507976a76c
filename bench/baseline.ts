// The hand-written minimal GraphQL calls every comparison is made against: with fetch, and with
// node:http on a keep-alive agent (Node's own HTTP stack, the floor under fetch).
import { Agent, request } from 'node:http';
import type { FetchFunction } from '../src/index.js';

export function minimalRequest(fetchFunction: FetchFunction, url: string, query: string, variables: unknown, signal?: AbortSignal): Promise<unknown> {
  return fetchFunction(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
    ...(signal === undefined ? {} : { signal }),
  }).then((response) => response.json());
}

const keepAlive = new Agent({ keepAlive: true, scheduling: 'lifo' });

/** The same call on bare node:http, kept alive: no timeout, no limit, nothing checked but the JSON. */
export function minimalNodeHttpRequest(url: string, query: string, variables: unknown): Promise<unknown> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', agent: keepAlive, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
