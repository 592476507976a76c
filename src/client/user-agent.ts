// Kraken asks clients to identify themselves with a versioned User-Agent. Browsers send their own (and a
// custom one would cost a CORS preflight), so there the SDK adds none.
import { SDK_VERSION } from '../version.js';
import { HEADER_SAFE_STRING, NOT_HEADER_SAFE } from './config.js';

/** The runtime's own name (`Node.js/24`, `Bun/1.2.3`, `Deno/2.1.0`, `Cloudflare-Workers`; `node/20.1.0` before Node 21); undefined in a browser. */
function runtimeName(): string | undefined {
  const g = globalThis as { navigator?: { userAgent?: string }; process?: { versions?: { node?: string } }; document?: unknown };
  if (g.document !== undefined) return undefined;
  const node = g.process?.versions?.node;
  return g.navigator?.userAgent ?? (node ? `node/${node}` : 'unknown-runtime');
}

/** The user-agent header to send, the app's own name first; none in a browser. */
export function userAgentHeader(appName: unknown): Record<string, string> {
  if (appName !== undefined && (typeof appName !== 'string' || appName === '' || NOT_HEADER_SAFE.test(appName))) {
    throw new TypeError(`userAgent ${HEADER_SAFE_STRING}`);
  }
  const runtime = runtimeName();
  if (runtime === undefined) return {};
  return { 'user-agent': `${appName === undefined ? '' : `${appName} `}kraken-sdk/${SDK_VERSION} ${runtime}` };
}
