import { resolve } from 'node:path';
import { EnvAuthError } from '../pull/env-auth.js';
import { PullError, pullSchemaSdl, writeFileAtomically, type PullOptions } from '../pull/pull.js';
import { DOCUMENTED_BRANDS, UnknownBrandError } from '../codegen/brands.js';
import { isLoopback } from '../client/config.js';
import { UsageError, parseFlags } from './args.js';
import { terminalSafeIo } from './terminal-text.js';

export const PULL_USAGE = `Usage: kraken-sdk pull --brand <${Object.keys(DOCUMENTED_BRANDS).join('|')}> [--endpoint <url>] [--allow-insecure-http] --out <file>

Runs introspection (deprecated arguments and input fields, @oneOf, @specifiedBy and repeatable
included) against the brand's API (or --endpoint) and writes the schema
as SDL, sorted so that two pulls of the same server are byte-identical. Credentials come only from the
environment: KRAKEN_EMAIL and KRAKEN_PASSWORD, KRAKEN_API_KEY, or KRAKEN_TOKEN.
KRAKEN_SDK_DEBUG=1 prints one line per request, answer, retry and login on stderr (never a secret).
--allow-insecure-http lets an --endpoint on plain http to a host other than this machine receive them.`;

/** Plain http to another machine: the credentials would travel unencrypted, so the user must say so. */
function refuseInsecureEndpoint(endpoint: string | undefined, allowed: boolean): void {
  if (endpoint === undefined || allowed) return;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return; // pullSchemaSdl names an unparsable URL.
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new UsageError(`--endpoint ${url.origin} is plain http to another machine: credentials and the schema would travel unencrypted. Use https, or pass --allow-insecure-http.`);
  }
}

export interface CommandIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

/** What tests inject; the CLI uses the process's own. */
export type PullDependencies = Partial<Pick<PullOptions, 'env' | 'fetch' | 'now'>>;

export async function runPullCommand(argv: readonly string[], rawIo: CommandIo, deps: PullDependencies = {}): Promise<number> {
  const io = terminalSafeIo(rawIo);
  const flags = parseFlags(argv, { values: ['brand', 'endpoint', 'out'], switches: ['help', 'allow-insecure-http'] });
  if (flags.switches.has('help')) {
    io.stdout(PULL_USAGE);
    return 0;
  }
  const brand = flags.values.get('brand');
  const out = flags.values.get('out');
  if (brand === undefined) throw new UsageError('Flag --brand is required.');
  if (out === undefined) throw new UsageError('Flag --out is required.');
  if (!Object.hasOwn(DOCUMENTED_BRANDS, brand)) {
    throw new UsageError(`Flag --brand must be one of ${Object.keys(DOCUMENTED_BRANDS).join(', ')}, got "${brand}".`);
  }
  const endpoint = flags.values.get('endpoint');
  const allowInsecureHttp = flags.switches.has('allow-insecure-http');
  refuseInsecureEndpoint(endpoint, allowInsecureHttp);
  try {
    const sdl = await pullSchemaSdl({
      brand,
      env: deps.env ?? process.env,
      ...(endpoint !== undefined ? { endpoint } : {}),
      ...(allowInsecureHttp ? { allowInsecureHttp } : {}),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.now ? { now: deps.now } : {}),
      onNote: (note) => io.stderr(`kraken-sdk pull: note: ${note}`),
    });
    await writeFileAtomically(resolve(out), sdl);
    io.stdout(`wrote ${out}`);
    return 0;
  } catch (error) {
    if (error instanceof PullError || error instanceof EnvAuthError || error instanceof UnknownBrandError) {
      io.stderr(`kraken-sdk pull: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
