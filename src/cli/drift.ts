import { readFile } from 'node:fs/promises';
import { buildSchema, GraphQLError, type GraphQLSchema } from 'graphql';
import { compareSchemas, renderSchemaDrift } from '../drift/schema-drift.js';
import { compareWithCatalog, hasDrift, renderDriftTable } from '../drift/drift.js';
import { DOCUMENTED_BRANDS, documentedBrand } from '../codegen/brands.js';
import { UsageError, parseFlags } from './args.js';
import type { CommandIo } from './pull.js';
import { terminalSafeIo } from './terminal-text.js';

export const DRIFT_USAGE = `Usage: kraken-sdk drift --schema <new file> --against <old file> [--json] [--check]
       kraken-sdk drift --schema <file> --brand <${Object.keys(DOCUMENTED_BRANDS).join('|')}> [--json] [--check]

With --against: compares two pulls of a schema (any brand): operations (root query and mutation fields),
arguments, input fields, return types, enum values and the error codes descriptions list, each added,
removed or changed. With --brand: compares a pulled schema with the brand's documented mutations
(missing, undocumented, argument and return type changes, deprecations, codes no longer listed).
A table by default, JSON with --json; with --check, exits 0 when nothing changed and 1 otherwise (for CI:
pull nightly, drift --check against the committed schema).`;

export async function runDriftCommand(argv: readonly string[], rawIo: CommandIo): Promise<number> {
  const io = terminalSafeIo(rawIo);
  const flags = parseFlags(argv, { values: ['brand', 'schema', 'against'], switches: ['help', 'json', 'check'] });
  if (flags.switches.has('help')) {
    io.stdout(DRIFT_USAGE);
    return 0;
  }
  const brand = flags.values.get('brand');
  const against = flags.values.get('against');
  const schemaFile = flags.values.get('schema');
  if (brand === undefined && against === undefined) throw new UsageError('Flag --against (an older schema file) or --brand is required.');
  if (brand !== undefined && against !== undefined) throw new UsageError('Give --against or --brand, not both.');
  if (brand !== undefined && !Object.hasOwn(DOCUMENTED_BRANDS, brand)) throw new UsageError(`Flag --brand must be one of ${Object.keys(DOCUMENTED_BRANDS).join(', ')} (brands with a reference page; for any brand, use --against), got "${brand}".`);
  if (schemaFile === undefined) throw new UsageError('Flag --schema is required.');
  const schema = await loadSchema('--schema', schemaFile, io);
  if (schema === null) return 1;
  if (against !== undefined) {
    const old = await loadSchema('--against', against, io);
    if (old === null) return 1;
    const report = compareSchemas(old, schema);
    io.stdout(flags.switches.has('json') ? JSON.stringify(report, null, 2) : renderSchemaDrift(report));
    return flags.switches.has('check') && report.changes.length > 0 ? 1 : 0;
  }
  const report = compareWithCatalog(documentedBrand(brand ?? '').catalog, schema);
  io.stdout(flags.switches.has('json') ? JSON.stringify(report, null, 2) : renderDriftTable(report));
  return flags.switches.has('check') && hasDrift(report) ? 1 : 0;
}

/** The schema in a file, or null after one line saying why not. */
async function loadSchema(flag: string, file: string, io: CommandIo): Promise<GraphQLSchema | null> {
  const sdl = await readFile(file, 'utf8').catch(() => null);
  if (sdl === null) {
    io.stderr(`kraken-sdk drift: cannot read ${flag} ${file}`);
    return null;
  }
  try {
    return buildSchema(sdl);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    io.stderr(`kraken-sdk drift: ${file}${error.locations?.[0] ? `:${error.locations[0].line}` : ''}: ${error.message}`);
    return null;
  }
}
