import { readFile } from 'node:fs/promises';
import { buildSchema, GraphQLError } from 'graphql';
import { compareWithCatalog, hasDrift, renderDriftTable } from '../drift/drift.js';
import { DOCUMENTED_BRANDS, documentedBrand } from '../codegen/brands.js';
import { UsageError, parseFlags } from './args.js';
import type { CommandIo } from './pull.js';
import { terminalSafeIo } from './terminal-text.js';

export const DRIFT_USAGE = `Usage: kraken-sdk drift --brand <${Object.keys(DOCUMENTED_BRANDS).join('|')}> --schema <file> [--json] [--check]

Compares a pulled schema with the brand's documented mutations: documented mutations missing on the
server, server mutations not documented, argument and return type changes, deprecations and their
dates, documented error codes the server's descriptions no longer list. A table by default, JSON with
--json; with --check, exits 1 when there is any drift (for CI).`;

export async function runDriftCommand(argv: readonly string[], rawIo: CommandIo): Promise<number> {
  const io = terminalSafeIo(rawIo);
  const flags = parseFlags(argv, { values: ['brand', 'schema'], switches: ['help', 'json', 'check'] });
  if (flags.switches.has('help')) {
    io.stdout(DRIFT_USAGE);
    return 0;
  }
  const brand = flags.values.get('brand');
  const schemaFile = flags.values.get('schema');
  if (brand === undefined) throw new UsageError('Flag --brand is required.');
  if (!Object.hasOwn(DOCUMENTED_BRANDS, brand)) throw new UsageError(`Flag --brand must be one of ${Object.keys(DOCUMENTED_BRANDS).join(', ')}, got "${brand}".`);
  if (schemaFile === undefined) throw new UsageError('Flag --schema is required.');
  const sdl = await readFile(schemaFile, 'utf8').catch(() => null);
  if (sdl === null) {
    io.stderr(`kraken-sdk drift: cannot read --schema ${schemaFile}`);
    return 1;
  }
  let schema;
  try {
    schema = buildSchema(sdl);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    io.stderr(`kraken-sdk drift: ${schemaFile}${error.locations?.[0] ? `:${error.locations[0].line}` : ''}: ${error.message}`);
    return 1;
  }
  const report = compareWithCatalog(documentedBrand(brand).catalog, schema);
  io.stdout(flags.switches.has('json') ? JSON.stringify(report, null, 2) : renderDriftTable(report));
  return flags.switches.has('check') && hasDrift(report) ? 1 : 0;
}
