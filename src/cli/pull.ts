import { resolve } from 'node:path';
import { EnvAuthError } from '../pull/env-auth.js';
import { PullError, pullSchemaSdl, writeFileAtomically, type PullOptions } from '../pull/pull.js';
import { DOCUMENTED_BRANDS, UnknownBrandError } from '../codegen/brands.js';
import { UsageError, parseFlags } from './args.js';
import { terminalSafeIo } from './terminal-text.js';

export const PULL_USAGE = `Usage: kraken-sdk pull --brand <${Object.keys(DOCUMENTED_BRANDS).join('|')}> [--endpoint <url>] --out <file>

Runs introspection (deprecated arguments and input fields, @oneOf, @specifiedBy and repeatable
included) against the brand's API (or --endpoint) and writes the schema
as SDL, sorted so that two pulls of the same server are byte-identical. Credentials come only from the
environment: KRAKEN_EMAIL and KRAKEN_PASSWORD, KRAKEN_API_KEY, or KRAKEN_TOKEN.`;

export interface CommandIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

/** What tests inject; the CLI uses the process's own. */
export type PullDependencies = Partial<Pick<PullOptions, 'env' | 'fetch' | 'now'>>;

export async function runPullCommand(argv: readonly string[], rawIo: CommandIo, deps: PullDependencies = {}): Promise<number> {
  const io = terminalSafeIo(rawIo);
  const flags = parseFlags(argv, { values: ['brand', 'endpoint', 'out'], switches: ['help'] });
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
  try {
    const sdl = await pullSchemaSdl({
      brand,
      env: deps.env ?? process.env,
      ...(endpoint !== undefined ? { endpoint } : {}),
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
