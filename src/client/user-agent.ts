// Kraken asks clients to identify themselves with a versioned User-Agent. Browsers send their own (and a
// custom one would cost a CORS preflight), so there the SDK adds none.
import { SDK_VERSION } from '../version.js';
import { NOT_HEADER_SAFE } from './config.js';

/** `bun/1.2.3`, `deno/2.1.0`, `workerd`, `node/22.1.0`; undefined in a browser. */
function runtimeName(): string | undefined {
  const g = globalThis as { Bun?: { version: string }; Deno?: { version: { deno: string } }; navigator?: { userAgent?: string }; process?: { versions?: { node?: string } }; document?: unknown };
  return g.Bun ? `bun/${g.Bun.version}`
    : g.Deno ? `deno/${g.Deno.version.deno}`
    : g.navigator?.userAgent === 'Cloudflare-Workers' ? 'workerd'
    : g.process?.versions?.node ? `node/${g.process.versions.node}`
    : g.document === undefined ? 'unknown-runtime' : undefined;
}

/** The user-agent header to send, the app's own name first; none in a browser. */
export function userAgentHeader(appName: unknown): Record<string, string> {
  if (appName !== undefined && (typeof appName !== 'string' || appName === '' || NOT_HEADER_SAFE.test(appName))) {
    throw new TypeError('userAgent must be a non-empty string without control characters.');
  }
  const runtime = runtimeName();
  if (runtime === undefined) return {};
  return { 'user-agent': `${appName === undefined ? '' : `${appName} `}kraken-sdk/${SDK_VERSION} ${runtime}` };
}
