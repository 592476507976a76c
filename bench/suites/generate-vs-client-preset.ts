// `generate --schema` against graphql-codegen's client-preset, on the synthetic Kraken-scale schema
// (test/support/synthetic-schema.ts): generation time, bytes written, and a consumer's `tsc` time and
// type count. Two comparisons, so the documented mutations are counted separately: the user's own
// operations alone, and the user's operations with the documented mutations' texts (the operations
// `generate` writes) handed to client-preset as well.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { generate } from '@graphql-codegen/cli';
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

/** tsc --noEmit --extendedDiagnostics on one consumer file: check time (ms) and types created. */
async function consumerTsc(dir: string, file: string): Promise<{ ms: number; types: number }> {
  const tsconfig = { compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: [], lib: ['ES2022', 'DOM'], paths: { 'kraken-sdk': [join(ROOT, 'src/index.ts')] } }, files: [file] };
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

    const krakenOut = join(work, 'kraken');
    const io = { stdout: () => {}, stderr: (line: string) => console.error(line), stopSignal: () => new Promise<never>(() => {}) };
    let status = 0;
    const krakenMs = await timed(async () => {
      status = await runCli(['generate', '--brand', 'st', '--schema', schemaFile, '--out', krakenOut, '--operations', join(work, 'operations'), ...(DEPTH ? ['--depth', DEPTH] : [])], io);
    });
    if (status !== 0) throw new Error(`generate --schema failed on the synthetic schema (exit ${status})`);
    const documented = [...(await readFile(join(krakenOut, 'documents.ts'), 'utf8')).matchAll(/text: ("(?:[^"\\]|\\.)*")/g)].map((match) => JSON.parse(match[1] ?? '""') as string);

    const preset = async (name: string, documents: string[]): Promise<{ ms: number; bytes: number; dir: string }> => {
      const dir = join(work, name);
      await mkdir(join(dir, 'ops'), { recursive: true });
      await Promise.all(documents.map((text, index) => writeFile(join(dir, 'ops', `d${index}.graphql`), text)));
      const ms = await timed(() => generate({ silent: true, schema: schemaFile, documents: [join(dir, 'ops/*.graphql')], generates: { [`${dir}/gql/`]: { preset: 'client' } } }, true));
      return { ms, bytes: await directoryBytes(join(dir, 'gql')), dir };
    };
    const userOnly = await preset('client-user', operations);
    // One text per operation name: client-preset declares a type per name (a repeat is TS2300).
    const byName = new Map([...operations, ...documented].map((text) => [/^(?:query|mutation)\s+(\w+)/.exec(text)?.[1] ?? text, text]));
    const withDocumented = await preset('client-all', [...byName.values()]);

    const use = "import type { FirstPageQuery, RateLimitQuery } from './%MODULE%';\nexport type Used = [FirstPageQuery, RateLimitQuery];\n";
    await writeFile(join(krakenOut, '..', 'use-kraken.ts'), use.replace('%MODULE%', 'kraken/index.js'));
    const krakenTsc = await consumerTsc(work, join(work, 'use-kraken.ts'));
    const presetTsc = async (dir: string) => {
      await writeFile(join(dir, 'use-preset.ts'), use.replace('%MODULE%', 'gql/graphql.js'));
      return consumerTsc(dir, join(dir, 'use-preset.ts'));
    };
    const userTsc = await presetTsc(userOnly.dir);
    const allTsc = await presetTsc(withDocumented.dir);
    const krakenBytes = await directoryBytes(krakenOut);

    const subject = `generate --schema (${operations.length} user ops + ${documented.length - operations.length} documented mutations${DEPTH ? `, --depth ${DEPTH}` : ''})`;
    const rows: ResultRow[] = [];
    for (const [label, baseline, tsc] of [
      [`client-preset, the ${operations.length} user ops`, userOnly, userTsc],
      [`client-preset, the same ${documented.length} operations`, withDocumented, allTsc],
    ] as const) {
      rows.push(
        { measure: 'generation time (synthetic schema)', subject, subjectResult: `${(krakenMs / 1000).toFixed(1)} s`, baseline: label, baselineResult: `${(baseline.ms / 1000).toFixed(1)} s`, ratio: ratio(krakenMs, baseline.ms, 'time') },
        { measure: 'bytes written', subject, subjectResult: `${(krakenBytes / 1024).toFixed(0)} KiB`, baseline: label, baselineResult: `${(baseline.bytes / 1024).toFixed(0)} KiB`, ratio: ratio(krakenBytes, baseline.bytes, 'bytes') },
        { measure: 'consumer tsc time', subject, subjectResult: `${(krakenTsc.ms / 1000).toFixed(1)} s`, baseline: label, baselineResult: `${(tsc.ms / 1000).toFixed(1)} s`, ratio: ratio(krakenTsc.ms, tsc.ms, 'time') },
        { measure: 'consumer tsc types', subject, subjectResult: String(krakenTsc.types), baseline: label, baselineResult: String(tsc.types), ratio: ratio(krakenTsc.types, tsc.types, 'types') },
      );
    }
    return rows;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
