// What `kraken-sdk/node` is outside Node: package.json's `browser` field maps the Node transport to this
// file, so a browser or Worker bundle (esbuild, webpack, Vite, Rollup, wrangler) carries none of it. The
// client's default transport never loads it there (it checks for Node first); an app that imports
// `kraken-sdk/node` in a browser gets a clear error instead of node:http.
import type { KrakenTransport } from './types.js';

export type { NodeAgent, NodeHttpTransportOptions } from './node-http.js';

/** Never outside Node: the fetch transport is the default there. */
export function nodeHttpPreferred(): boolean {
  return false;
}

export function nodeHttpTransport(): KrakenTransport {
  throw new TypeError('nodeHttpTransport runs in Node only: use fetch.');
}
