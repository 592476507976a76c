import { resolve } from 'node:path';
import { EnvAuthError } from '../pull/env-auth.js';
import { PullError, pullSchemaSdl, type PullOptions } from '../pull/pull.js';
import { writeFileAtomically } from '../pull/atomic-file.js';
import { BrandIdError, checkBrandId, KNOWN_BRANDS } from '../codegen/brand-registry.js';
import { isLoopback } from '../client/config.js';
import { UsageError, parseFlags } from './args.js';
import { terminalSafeIo, terminalSafeLine } from './terminal-text.js';

export const PULL_USAGE = `Usage: kraken-sdk pull --endpoint <url> [--brand <id>] [--allow-insecure-http] --out <file>
       kraken-sdk pull --brand <${Object.keys(KNOWN_BRANDS).join('|')}> [--allow-insecure-http] --out <file>

Runs introspection (deprecated arguments and input fields, @oneOf, @specifiedBy and repeatable
included) against --endpoint (or a known brand's API) and writes the schema as SDL, sorted so that
two pulls of the same server are byte-identical. The header records the endpoint (and --brand): the
module generate --schema makes from the file sends its requests there by default. Credentials come only from the
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
  const endpoint = flags.values.get('endpoint');
  if (brand === undefined && endpoint === undefined) throw new UsageError(`Flag --endpoint is required (or --brand, for a brand of the registry: ${Object.keys(KNOWN_BRANDS).join(', ')}).`);
  if (out === undefined) throw new UsageError('Flag --out is required.');
  try {
    if (brand !== undefined) checkBrandId(brand);
  } catch (error) {
    if (error instanceof BrandIdError) throw new UsageError(error.message);
    throw error;
  }
  if (brand !== undefined && endpoint === undefined && !Object.hasOwn(KNOWN_BRANDS, brand)) {
    throw new UsageError(`Brand "${brand}" is not in the registry (${Object.keys(KNOWN_BRANDS).join(', ')}): give its --endpoint.`);
  }
  const allowInsecureHttp = flags.switches.has('allow-insecure-http');
  refuseInsecureEndpoint(endpoint, allowInsecureHttp);
  try {
    const sdl = await pullSchemaSdl({
      ...(brand !== undefined ? { brand } : {}),
      env: deps.env ?? process.env,
      ...(endpoint !== undefined ? { endpoint } : {}),
      ...(allowInsecureHttp ? { allowInsecureHttp } : {}),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.now ? { now: deps.now } : {}),
      onNote: (note) => io.stderr(`kraken-sdk pull: note: ${terminalSafeLine(note)}`),
    });
    const written = await writeFileAtomically(resolve(out), sdl).then(
      () => undefined,
      (error: unknown) => (error as { code?: unknown }).code ?? (error as Error).message,
    );
    if (written !== undefined) {
      io.stderr(`kraken-sdk pull: cannot write ${out}: ${String(written)}`);
      return 1;
    }
    io.stdout(`wrote ${out}`);
    return 0;
  } catch (error) {
    if (error instanceof PullError || error instanceof EnvAuthError) {
      // One line whatever the server put in it: its text is quoted in the message.
      io.stderr(`kraken-sdk pull: ${terminalSafeLine(error.message)}`);
      return 1;
    }
    throw error;
  }
}
