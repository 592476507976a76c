// Never through mocks/index.js: that entry loads msw, an optional peer the server does not need.
import { KRAKEN_BRANDS } from '../../mocks/brands.js';
import type { KrakenBrand } from '../../mocks/brands.js';
import type { KrakenMockSource } from '../../mocks/engine.js';
import { BrandIdError, checkBrandId } from '../codegen/brand-registry.js';
import type { MockRequestLogEntry } from '../../mocks/node.js';
import { mockLoginsOf, mockServerHowTo, startMockKrakenServer } from '../../mocks/node.js';
import { KrakenMockSchemaError } from '../../mocks/schema.js';
import { readFile } from 'node:fs/promises';
import type { ParsedFlags } from './args.js';
import { UsageError, integerFlag, parseFlags } from './args.js';
import { terminalSafeLine } from './terminal-text.js';

export const MOCK_SERVER_USAGE = `Usage: kraken-sdk mock-server --brand <${KRAKEN_BRANDS.join('|')}> [--schema <file.graphql>] [--port <n>] [--host <host>] [--seed <seed>] [--token-lifetime <seconds>]
       kraken-sdk mock-server --schema <file.graphql> [--brand <any id>] [same flags]

Serves a mock of the brand's Kraken API at /v1/graphql/ (and its authentication server at /graphql/ where the brand has one).
--schema serves a full schema (SDL, e.g. from kraken-sdk pull) instead of the brand's page schema: rich
selections and your own queries are answered, and inputs are checked against it.
--port 0 (the default) picks a free port. The first line printed is the API URL. Stop with Ctrl+C.
KRAKEN_SDK_DEBUG=1 also prints one line per request and answer on stderr (operation, status, Kraken code; never variables or headers).

Logging in: any email and password (e.g. user@example.com / correct-password), API key or other key
works (with --schema: the logins its ObtainJSONWebTokenInput takes, as the start lines say); send the token as "Authorization: <token>" (as the SDK does; "JWT <token>" and "Bearer <token>"
work too). For example:
  curl -s http://127.0.0.1:4000/v1/graphql/ -H 'Content-Type: application/json' \\
    -d '{"query":"mutation { obtainKrakenToken(input: {email: \\"user@example.com\\", password: \\"correct-password\\"}) { token } }"}'
Scenarios per request, by header: "x-kraken-mock-scenario: error=KT-CT-4180" (any KT code, on the first
root field), "rate-limit" (KT-CT-1199 with Retry-After), "delay=500" (ms, up to 60000); combine with commas.
Reset the state (request log, counters, refresh tokens): curl -X POST http://127.0.0.1:4000/__mock/reset
A browser's GET on /v1/graphql/ shows this help. Mutations run over POST only.
Pages served from this machine (localhost, 127.0.0.1, [::1]) may call the mock (CORS); pages from any other
origin get 403, so a web site you visit cannot reset or drive it.`;

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopSignal: () => Promise<string>;
}

/** The server could not start (port taken, schema file unusable); the message names the flag to change. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}

async function schemaFlag(flags: ParsedFlags): Promise<string | undefined> {
  const file = flags.values.get('schema');
  if (file === undefined) return undefined;
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as { code?: unknown }).code ?? (error instanceof Error ? error.message : String(error));
    throw new ListenError(`--schema ${file}: cannot read the file (${String(reason)}).`);
  }
}

/**
 * The brand the mock serves. Without --schema, one the package has a page schema of. With --schema, any
 * brand id or none: a brand of another page than st's or oejp's gets no catalog, so the mock answers from
 * the schema alone (its descriptions' codes), never with another brand's documented codes.
 */
function brandFlag(flags: ParsedFlags, schema: string | undefined): KrakenBrand | KrakenMockSource {
  const brand = flags.values.get('brand');
  if (schema !== undefined && (brand === undefined || !(KRAKEN_BRANDS as readonly string[]).includes(brand))) {
    if (brand !== undefined) {
      try {
        checkBrandId(brand);
      } catch (error) {
        if (error instanceof BrandIdError) throw new UsageError(error.message);
        throw error;
      }
    }
    return { catalog: { brand: brand ?? 'kraken', endpoints: { api: '' }, operations: [] }, schemaSdl: schema };
  }
  if (brand === undefined) throw new UsageError('Flag --brand is required (or --schema, to serve a pulled schema of any brand).');
  if (!(KRAKEN_BRANDS as readonly string[]).includes(brand)) {
    throw new UsageError(`Flag --brand must be one of ${KRAKEN_BRANDS.join(', ')} (or give --schema, for any brand), got "${brand}".`);
  }
  return brand as KrakenBrand;
}

/** Backslashes, then what terminalSafeLine escapes (the SDK's one rule, LF and tab too), so a request cannot forge or colour log lines. */
const loggable = (text: string): string => terminalSafeLine(text.replace(/\\/g, '\\\\'));

/** One log line per request: method, path (never the query string), operation, status, duration. */
export function requestLogLine(entry: MockRequestLogEntry): string {
  return `${loggable(entry.method)} ${loggable(entry.path)} ${loggable(entry.operationName ?? '-')} ${entry.status} ${Math.round(entry.durationMs)}ms`;
}

/** KRAKEN_SDK_DEBUG's line per request and its answer: operation, status, Kraken code; never variables, headers or bodies. */
export function debugLogLine(entry: MockRequestLogEntry): string {
  return `kraken-sdk mock: ${loggable(entry.method)} ${loggable(entry.path)} ${loggable(entry.operationName ?? '-')} → ${entry.status} ${loggable(entry.errorCode ?? 'ok')} ${Math.round(entry.durationMs)}ms`;
}

/** Runs the mock server until a stop signal; returns the exit status. */
export async function runMockServer(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const flags = parseFlags(argv, { values: ['brand', 'schema', 'port', 'host', 'seed', 'token-lifetime'], switches: ['help'] });
  if (flags.switches.has('help')) {
    io.stdout(MOCK_SERVER_USAGE);
    return 0;
  }
  const schema = await schemaFlag(flags);
  const brand = brandFlag(flags, schema);
  const brandName = typeof brand === 'string' ? brand : brand.catalog.brand;
  const port = integerFlag(flags, 'port', 0, 65_535) ?? 0;
  const tokenLifetimeSeconds = integerFlag(flags, 'token-lifetime', 1, 31_536_000);
  const host = flags.values.get('host') ?? '127.0.0.1';
  const seed = flags.values.get('seed');
  const schemaFile = flags.values.get('schema');
  const debug = Boolean(env.KRAKEN_SDK_DEBUG);

  const server = await startMockKrakenServer({
    brand,
    port,
    host,
    ...(seed !== undefined ? { seed } : {}),
    ...(schema !== undefined ? { schema } : {}),
    ...(tokenLifetimeSeconds !== undefined ? { tokenLifetimeSeconds } : {}),
    onRequest: (entry) => {
      io.stdout(requestLogLine(entry));
      if (debug) io.stderr(debugLogLine(entry));
    },
  }).catch((error: unknown) => {
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE') throw new ListenError(`--port ${port}: ${host}:${port} is already in use (--port 0 picks a free port).`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new ListenError(`--host ${host}: cannot listen on this address.`);
    if (error instanceof KrakenMockSchemaError) throw new ListenError(`--schema ${String(schemaFile)}: ${error.message}`);
    throw error;
  });
  io.stdout(server.apiUrl);
  if (server.authUrl) io.stdout(`auth server: ${server.authUrl}`);
  // With --schema, the logins that schema's ObtainJSONWebTokenInput can express (an API key when it has no email).
  for (const line of mockServerHowTo(server.url, server.apiUrl, mockLoginsOf(schema))) io.stdout(line);
  io.stdout(`mock Kraken "${brandName}" ready; open ${server.apiUrl} in a browser for help; Ctrl+C to stop`);
  const signal = await io.stopSignal();
  await server.close();
  io.stdout(`stopped (${signal})`);
  return 0;
}
