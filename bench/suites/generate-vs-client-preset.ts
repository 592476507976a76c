// `generate --schema` against graphql-codegen's client-preset, on the synthetic Kraken-scale schema
// (test/support/synthetic-schema.ts): generation time, bytes written, and a consumer's `tsc` time and
// type count. Two like-for-like comparisons, so the documented mutations are counted separately:
// - the user's own operations alone: both sides get the schema without its Mutation root (so
//   `generate` has no documented mutation to add) and the same three queries;
// - the full schema: `generate` (user operations + every documented mutation) against client-preset
//   handed the same texts (the operations `generate` writes).
// client-preset runs with onlyOperationTypes, as a light module should (without it, it also emits
// every object type of the schema, and the catalog's `…Mutation` payload types clash with operation names).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, GraphQLSchema, printSchema } from 'graphql';
import { runCli } from '../../src/cli/run.js';
import type { Catalog } from '../../src/catalog/types.js';
import { syntheticKrakenSchema } from '../../test/support/synthetic-schema.js';
import type { ResultRow } from '../table.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
// The default depth once selections are valid for any schema; KRAKEN_BENCH_DEPTH overrides it.
const DEPTH = process.env.KRAKEN_BENCH_DEPTH;

async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

async function timed(body: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await body();
  return performance.now() - started;
}

/**
 * tsc --noEmit --extendedDiagnostics on one consumer file: check time (ms) and types created. `kraken-sdk`
 * resolves to the built declarations (`npm run build`), what an app's type-check reads, not the SDK's source.
 */
const BUILT_TYPES = join(ROOT, 'dist/index.d.ts');

async function consumerTsc(dir: string, file: string): Promise<{ ms: number; types: number }> {
  const tsconfig = { compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: [], lib: ['ES2022', 'DOM'], paths: { 'kraken-sdk': [BUILT_TYPES] } }, files: [file] };
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  const { stdout } = await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir, '--extendedDiagnostics'], { maxBuffer: 1 << 24 });
  const seconds = Number(/Total time:\s+([\d.]+)s/.exec(stdout)?.[1] ?? NaN);
  return { ms: seconds * 1000, types: Number(/Types:\s+(\d+)/.exec(stdout)?.[1] ?? NaN) };
}

function userOperations(sdl: string): string[] {
  const list = /^ {2}(\w+List)\(first: Int, after: String/m.exec(sdl)?.[1];
  return [
    'query RateLimit { rateLimitInfo { limit remainingPoints usedPoints ttl isBlocked } }',
    'query Complexity($query: String!) { queryComplexity(query: $query) { complexityValue limit } }',
    `query FirstPage($after: String) { ${list}(first: 20, after: $after) { pageInfo { hasNextPage endCursor } edges { cursor node { __typename } } } }`,
  ];
}

const ratio = (subject: number, baseline: number, unit: string): string => `${(subject / baseline).toFixed(2)}× ${unit}`;

export async function generateVsClientPreset(): Promise<ResultRow[]> {
  // The consumers type-check against the built declarations, as an app does: build them fresh.
  await run('npm', ['run', '-s', 'build'], { cwd: ROOT, maxBuffer: 1 << 24 });
  // Inside the repository's node_modules, so both modules' imports resolve as in an app.
  await mkdir(join(ROOT, 'node_modules/.cache'), { recursive: true });
  const work = await mkdtemp(join(ROOT, 'node_modules/.cache/kraken-bench-generate-'));
  try {
    const catalog = JSON.parse(await readFile(join(ROOT, 'catalog/st.json'), 'utf8')) as Catalog;
    const { sdl } = syntheticKrakenSchema({ seed: 18, catalog });
    const schemaFile = join(work, 'schema.graphql');
    await writeFile(schemaFile, sdl);
    const operations = userOperations(sdl);
    await mkdir(join(work, 'operations'));
    await Promise.all(operations.map((text, index) => writeFile(join(work, 'operations', `op${index}.graphql`), `${text}\n`)));

    // The same schema without its Mutation root: the user-operations comparison.
    const full = buildSchema(sdl);
    const queriesFile = join(work, 'schema-queries.graphql');
    const config = full.toConfig();
    // The type goes too: a type named Mutation is the mutation root by convention.
    await writeFile(queriesFile, printSchema(new GraphQLSchema({ ...config, mutation: null, types: config.types.filter((type) => type.name !== 'Mutation') })));

    const io = { stdout: () => {}, stderr: (line: string) => console.error(line), stopSignal: () => new Promise<never>(() => {}) };
    const kraken = async (name: string, schema: string): Promise<{ ms: number; bytes: number; dir: string; texts: string[] }> => {
      const dir = join(work, name);
      let status = 0;
      const ms = await timed(async () => {
        status = await runCli(['generate', '--brand', 'st', '--schema', schema, '--out', join(dir, 'kraken'), '--operations', join(work, 'operations'), ...(DEPTH ? ['--depth', DEPTH] : [])], io);
      });
      if (status !== 0) throw new Error(`generate --schema failed on ${schema} (exit ${status})`);
      const texts = [...(await readFile(join(dir, 'kraken/documents.ts'), 'utf8')).matchAll(/documentOf\("\w+", ("(?:[^"\\]|\\.)*")/g)].map((match) => JSON.parse(match[1] ?? '""') as string);
      return { ms, bytes: await directoryBytes(join(dir, 'kraken')), dir, texts };
    };
    const preset = async (name: string, schema: string, documents: string[]): Promise<{ ms: number; bytes: number; dir: string }> => {
      const dir = join(work, name);
      await mkdir(join(dir, 'ops'), { recursive: true });
      await Promise.all(documents.map((text, index) => writeFile(join(dir, 'ops', `d${index}.graphql`), text)));
      const ms = await timed(() => generate({ silent: true, schema, documents: [join(dir, 'ops/*.graphql')], generates: { [`${dir}/gql/`]: { preset: 'client', config: { onlyOperationTypes: true } } } }, true));
      return { ms, bytes: await directoryBytes(join(dir, 'gql')), dir };
    };
    const use = "import type { FirstPageQuery, RateLimitQuery } from './%MODULE%';\nexport type Used = [FirstPageQuery, RateLimitQuery];\n";
    const tscOf = async (dir: string, module: string) => {
      await writeFile(join(dir, 'use.ts'), use.replace('%MODULE%', module));
      return consumerTsc(dir, join(dir, 'use.ts'));
    };

    // Warm-up: the first run of each loads codegen and its plugins (about 8 s here); not what is compared.
    await kraken('warm-kraken', queriesFile);
    await preset('warm-preset', queriesFile, operations);
    const krakenUser = await kraken('kraken-user', queriesFile);
    const presetUser = await preset('client-user', queriesFile, operations);
    const krakenAll = await kraken('kraken-all', schemaFile);
    // One text per operation name: client-preset declares a type per name (a repeat is TS2300).
    const byName = new Map([...operations, ...krakenAll.texts].map((text) => [/^(?:query|mutation)\s+(\w+)/.exec(text)?.[1] ?? text, text]));
    const presetAll = await preset('client-all', schemaFile, [...byName.values()]);

    // What a consumer of the generated module pays for kraken-sdk itself (the module imports its client).
    const sdkAlone = join(work, 'sdk-alone');
    await mkdir(sdkAlone);
    await writeFile(join(sdkAlone, 'use.ts'), "import { createKrakenClient } from 'kraken-sdk';\nexport const used = createKrakenClient;\n");
    const sdkTsc = await consumerTsc(sdkAlone, join(sdkAlone, 'use.ts'));

    const depthNote = DEPTH ? `, --depth ${DEPTH}` : '';
    const rows: ResultRow[] = [];
    for (const [subject, ours, label, theirs] of [
      [`generate --schema, the ${operations.length} user ops (schema without Mutation)${depthNote}`, krakenUser, `client-preset, the same ${operations.length} ops and schema`, presetUser],
      [`generate --schema, ${operations.length} user ops + ${krakenAll.texts.length - operations.length} documented mutations${depthNote}`, krakenAll, `client-preset, the same ${byName.size} operations`, presetAll],
    ] as const) {
      const ourTsc = await tscOf(ours.dir, 'kraken/index.js');
      const theirTsc = await tscOf(theirs.dir, 'gql/graphql.js');
      rows.push(
        { measure: 'generation time (synthetic schema)', subject, subjectResult: `${(ours.ms / 1000).toFixed(1)} s`, baseline: label, baselineResult: `${(theirs.ms / 1000).toFixed(1)} s`, ratio: ratio(ours.ms, theirs.ms, 'time') },
        { measure: 'bytes written', subject, subjectResult: `${(ours.bytes / 1024).toFixed(0)} KiB`, baseline: label, baselineResult: `${(theirs.bytes / 1024).toFixed(0)} KiB`, ratio: ratio(ours.bytes, theirs.bytes, 'bytes') },
        { measure: 'consumer tsc time', subject, subjectResult: `${(ourTsc.ms / 1000).toFixed(1)} s`, baseline: label, baselineResult: `${(theirTsc.ms / 1000).toFixed(1)} s`, ratio: ratio(ourTsc.ms, theirTsc.ms, 'time') },
        { measure: 'consumer tsc types', subject, subjectResult: String(ourTsc.types), baseline: label, baselineResult: String(theirTsc.types), ratio: ratio(ourTsc.types, theirTsc.types, 'types') },
      );
      if (ours === krakenUser) {
        const sdk = 'kraken-sdk imported alone (no generated module)';
        rows.push(
          { measure: 'consumer tsc time', subject: sdk, subjectResult: `${(sdkTsc.ms / 1000).toFixed(1)} s`, baseline: subject, baselineResult: `${(ourTsc.ms / 1000).toFixed(1)} s`, ratio: ratio(sdkTsc.ms, ourTsc.ms, 'time') },
          { measure: 'consumer tsc types', subject: sdk, subjectResult: String(sdkTsc.types), baseline: subject, baselineResult: String(ourTsc.types), ratio: ratio(sdkTsc.types, ourTsc.types, 'types') },
        );
      }
    }
    return rows;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
