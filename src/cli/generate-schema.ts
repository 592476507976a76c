/**
 * `kraken-sdk generate --schema <file> --out <dir> [--brand <id>] [--operations <dir>] [--depth <n>] …`:
 * plans the module (every problem named first), runs the kraken-sdk/codegen preset through graphql-codegen
 * on the pruned schema, then writes the files all or none.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { buildSchema, GraphQLError, lexicographicSortSchema, print } from 'graphql';
import { DOCUMENTED_BRANDS } from '../codegen/brands.js';
import { BrandIdError, checkBrandId } from '../codegen/brand-registry.js';
import { parseScalarMappings, ScalarMappingError } from '../codegen/user-scalars.js';
import { moduleOrigin } from '../codegen/module-origin.js';
import { operationsTooManyProblem, schemaTooLargeProblem } from '../codegen/heap-budget.js';
import { GenerationProblemsError } from '../codegen/problems.js';
import { planUserModule } from '../codegen/module.js';
import { UserOperationError, type UserDocument } from '../codegen/user-operations.js';
import { writeOutputDirectory } from '../codegen/write-output.js';
import type { PlannedPresetConfig } from '../codegen/preset.js';
import { codegenMissingMessage, missingCodegenPackage } from './codegen-install.js';
import { UsageError, integerFlag, parseFlags } from './args.js';
import type { CommandIo } from './pull.js';

export const GENERATE_SCHEMA_USAGE = `Usage: kraken-sdk generate --schema <file> --out <dir> [--brand <id>] [--operations <dir>] [--depth <n>]
                           [--include-deprecated] [--scalars <Name=type,...>] [--allow-over-limit]

Writes <dir>/index.ts (and graphql.ts, documents.ts, error-codes.ts, client.ts): a typed module for your
project from your schema (e.g. from kraken-sdk pull). Every mutation of the schema selects its scalar and
enum fields and nested objects to --depth (default 2); your own .graphql operations under --operations
(queries too) are validated, costed by Kraken's limits (refused over them unless --allow-over-limit) and
typed the same way. The client sends to the endpoint the schema was pulled from (its header), else to
--brand's in the registry; else \`endpoint\` is a required option. --brand st or oejp adds that brand's
documented codes and messages. --scalars maps custom scalars (Money=string,Count=number).
Needs graphql-codegen installed beside kraken-sdk (@graphql-codegen/cli, typescript, typescript-operations, add).`;

/** Why a file could not be read, in words (the system code alone says little to most). */
function unreadable(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return typeof code === 'string' ? code : String(error);
}

async function graphqlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.graphql'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

export async function runSchemaGenerate(argv: readonly string[], io: CommandIo, usage = GENERATE_SCHEMA_USAGE): Promise<number> {
  const flags = parseFlags(argv, { values: ['brand', 'schema', 'out', 'operations', 'depth', 'scalars'], switches: ['help', 'include-deprecated', 'allow-over-limit'] });
  if (flags.switches.has('help')) {
    io.stdout(usage);
    return 0;
  }
  const brand = flags.values.get('brand');
  const schemaFile = flags.values.get('schema');
  const out = flags.values.get('out');
  let scalars: Record<string, string>;
  try {
    if (brand !== undefined) checkBrandId(brand);
    scalars = parseScalarMappings(flags.values.get('scalars') ?? '');
  } catch (error) {
    if (error instanceof BrandIdError) throw new UsageError(error.message);
    if (error instanceof ScalarMappingError) throw new UsageError(`Flag --scalars: ${error.message}.`);
    throw error;
  }
  if (schemaFile === undefined) throw new UsageError('Flag --schema is required.');
  if (out === undefined) throw new UsageError('Flag --out is required.');
  const depth = integerFlag(flags, 'depth', 0, 10);
  const operationsDir = flags.values.get('operations');
  const fail = (message: string): number => {
    io.stderr(`kraken-sdk generate: ${message}`);
    return 1;
  };

  // Before reading it: a schema the heap cannot hold would end in an out-of-memory crash minutes later.
  const size = await stat(schemaFile).then((info) => (info.isFile() ? info.size : 0), () => 0);
  const tooLarge = schemaTooLargeProblem(size);
  if (tooLarge !== undefined) return fail(`--schema ${schemaFile}: ${tooLarge}`);
  const read = await readFile(schemaFile, 'utf8').then(
    (text) => ({ text }),
    (error: unknown) => ({ problem: unreadable(error) }),
  );
  if ('problem' in read) return fail(`cannot read --schema ${schemaFile}: ${read.problem}`);
  const sdl = read.text;
  if (sdl.trim() === '') return fail(`--schema ${schemaFile} is empty`);
  if (sdl.includes('\0')) return fail(`--schema ${schemaFile} is not a text file (it holds NUL bytes): give the SDL that pull writes`);
  let schema;
  try {
    // Sorted as graphql-codegen sorts the schema it loads: the plan made here is the one the preset uses.
    schema = lexicographicSortSchema(buildSchema(sdl));
  } catch (error) {
    if (error instanceof GraphQLError) return fail(`${schemaFile}${error.locations?.[0] ? `:${error.locations[0].line}` : ''}: ${error.message}`);
    throw error;
  }
  const userDocuments: UserDocument[] = [];
  if (operationsDir !== undefined) {
    const files = await graphqlFiles(operationsDir).catch(() => null);
    if (files === null) return fail(`cannot read --operations ${operationsDir}`);
    if (files.length === 0) return fail(`--operations ${operationsDir} holds no .graphql file`);
    for (const file of files) userDocuments.push({ location: relative(process.cwd(), file) || file, text: await readFile(file, 'utf8') });
  }
  const warn = (message: string) => io.stderr(`kraken-sdk generate: warning: ${message}`);
  let plannedModule;
  try {
    // Planned here, before codegen loads, so that every problem is named, each with its file,
    // operation or type; the preset is handed this plan and does not plan again.
    // The pulled-from endpoint first (the host the user named), then the registry's: never another brand's.
    const { brand: moduleBrand, endpoints } = moduleOrigin([sdl], { brand });
    plannedModule = planUserModule({
      ...(moduleBrand !== undefined ? { brand: moduleBrand } : {}),
      ...(endpoints !== undefined ? { endpoints } : {}),
      schema,
      userDocuments,
      scalars,
      allowOverLimit: flags.switches.has('allow-over-limit'),
      ...(depth !== undefined ? { depth } : {}),
      includeDeprecated: flags.switches.has('include-deprecated'),
      warn,
    });
  } catch (error) {
    if (error instanceof UserOperationError || error instanceof GenerationProblemsError) {
      for (const problem of error.problems) io.stderr(`kraken-sdk generate: ${problem}`);
      return 1;
    }
    throw error;
  }

  const documented = brand !== undefined && Object.hasOwn(DOCUMENTED_BRANDS, brand) ? (DOCUMENTED_BRANDS[brand]?.catalog.operations.filter((operation) => operation.endpoint === 'api').length ?? 0) : 0;
  if (documented > 0 && plannedModule.missing.length === documented && userDocuments.length === 0) {
    return fail(`the schema has none of ${brand}'s ${documented} documented mutations and no --operations were given: nothing to generate (is it a schema of ${brand}?)`);
  }
  if (plannedModule.operationSources.length === 0) return fail('the schema has no mutations and no --operations were given: nothing to generate');
  const tooMany = operationsTooManyProblem(plannedModule.operationSources.length, size);
  if (tooMany !== undefined) return fail(tooMany);

  let loaded;
  try {
    loaded = await Promise.all([import('@graphql-codegen/cli'), import('../codegen/preset.js')]);
  } catch (error) {
    const missing = missingCodegenPackage(error);
    if (missing !== undefined) return fail(codegenMissingMessage(missing));
    throw error;
  }
  const [{ generate }, { krakenPreset }] = loaded;
  const outDir = resolve(out);
  let outputs;
  try {
    outputs = await generate(
      {
        silent: true,
        ignoreNoDocuments: true,
        generates: {
          [`${outDir}/`]: {
            preset: krakenPreset,
            // The pruned schema (the types the operations reach), never the whole file: codegen's cost follows
            // what it is given, and a Kraken schema is megabytes of types no operation selects.
            schema: print(plannedModule.codegenSchema),
            documents: userDocuments.map((document) => resolve(document.location)),
            presetConfig: { ...(brand !== undefined ? { brand } : {}), plannedModule, onWarning: warn } satisfies PlannedPresetConfig,
          },
        },
      },
      false,
    );
  } catch (error) {
    const missing = missingCodegenPackage(error);
    if (missing !== undefined) return fail(codegenMissingMessage(missing));
    for (const line of problemLines(error)) io.stderr(`kraken-sdk generate: ${line}`);
    return 1;
  }
  const files = new Map<string, string>(outputs.map((output: { filename: string; content: string }) => [relative(outDir, output.filename), output.content.endsWith('\n') ? output.content : `${output.content}\n`]));
  try {
    await writeOutputDirectory(outDir, files);
  } catch (error) {
    return fail(`cannot write --out ${out}: ${error instanceof Error ? error.message : String(error)}`);
  }
  io.stdout(`wrote ${outputs.length} files to ${out}`);
  return 0;
}

/**
 * Every line of what stopped codegen: our own problems one per line, codegen's errors with their
 * details (its message names only the count, e.g. "failed with 43 errors;", the errors follow it).
 */
export function problemLines(error: unknown, seen = new Set<unknown>()): string[] {
  if (seen.has(error)) return [];
  seen.add(error);
  if (error instanceof GenerationProblemsError || error instanceof UserOperationError) return [...error.problems];
  if (!(error instanceof Error)) return [String(error)];
  const nested = [
    ...(error instanceof AggregateError ? error.errors : []),
    ...(Array.isArray((error as { errors?: unknown }).errors) && !(error instanceof AggregateError) ? ((error as unknown as { errors: unknown[] }).errors) : []),
    ...((error as { cause?: unknown }).cause !== undefined ? [(error as { cause?: unknown }).cause] : []),
  ];
  // Stack frames are not the reason; every other line is.
  const own = error.message.split('\n').map((line) => line.trimEnd()).filter((line) => line.trim() !== '' && !/^\s+at /.test(line));
  const inner = nested.flatMap((item) => problemLines(item, seen)).filter((line) => !own.includes(line));
  // Ours reach here wrapped by codegen: print them as they are, not codegen's summary of them.
  return inner.length > 0 && nested.some((item) => item instanceof GenerationProblemsError || item instanceof UserOperationError) ? inner : [...own, ...inner];
}
