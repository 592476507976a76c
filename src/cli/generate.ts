import { resolve } from 'node:path';
import { PageParseError } from '../generator/errors.js';
import { CliUsageError, runGenerate, type GenerateRun } from '../generator/run.js';
import { UsageError } from './args.js';
import { GENERATE_SCHEMA_USAGE, runSchemaGenerate } from './generate-schema.js';
import type { CommandIo } from './pull.js';

export const GENERATE_USAGE = `${GENERATE_SCHEMA_USAGE}

For SDK contributors, the page form (no --schema):
       kraken-sdk generate <brand>-mutations.txt [more pages] [--brand id] [--out dir] [--check]
turns a Kraken mutations reference page into catalog/<brand>.json, operations/<brand>/*.graphql and
schema/<brand>.graphql under --out (default: the current folder). --check writes nothing and exits 1
naming stale files.`;

/** The page stage only: it needs graphql-js, not codegen, so it runs from the published package. */
const pageStage: GenerateRun = {
  steps: [],
  ownedDirs: ['catalog', 'operations', 'schema'],
  brandDirs: (brand) => [`operations/${brand}`],
  keep: (path) => /^(catalog|operations|schema)\//.test(path),
};

/** Two forms: with --schema, a user's module from a pulled schema; otherwise the page stage. */
export async function runGenerateCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  if (argv.some((arg) => arg === '--schema' || arg.startsWith('--schema='))) return runSchemaGenerate(argv, io, GENERATE_USAGE);
  const rest = [...argv];
  const outAt = rest.indexOf('--out');
  let out = '.';
  if (outAt !== -1) {
    const value = rest[outAt + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError('--out needs a folder');
    out = value;
    rest.splice(outAt, 2);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(GENERATE_USAGE);
    return 0;
  }
  if (!rest.some((arg) => !arg.startsWith('--') && arg.endsWith('.txt'))) {
    // The user's form without its schema (generate --brand st --out src/kraken): name what is missing.
    throw new UsageError('Flag --schema is required: give the schema file kraken-sdk pull wrote (--schema kraken.graphql). Reference page paths (<brand>-mutations.txt) are the SDK contributors\' form.');
  }
  try {
    return await runGenerate(rest, resolve(out), pageStage);
  } catch (error) {
    if (error instanceof CliUsageError) throw new UsageError(error.message);
    if (error instanceof PageParseError) {
      console.error(`kraken-sdk generate: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
