// generate --schema at Kraken scale against graphql-codegen's client-preset, in the same run: the synthetic
// Kraken-shaped schema (test/support/synthetic-schema.ts) at 1x, 4x and 16x its entity types, each tool in
// its own process (bench/generate-child.ts) so that peak RSS is the process's own. client-preset gets the
// same operation texts generate --schema writes (every mutation of the schema), with onlyOperationTypes.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Catalog } from '../../src/catalog/types.js';
import { heapNeeded } from '../../src/codegen/heap-budget.js';
import { syntheticKrakenSchema } from '../../test/support/synthetic-schema.js';
import type { ResultRow } from '../table.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
/** The synthetic schema's entity types at 1x (test/support/synthetic-schema.ts's default). */
const ENTITIES = 460;
const SCALES = (process.env.KRAKEN_BENCH_SCALES ?? '1,4,16').split(',').map(Number);

interface Measured {
  ms: number;
  peakRssBytes: number;
}

async function child(tool: 'kraken' | 'client-preset', schema: string, out: string, documents?: string): Promise<Measured> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/generate-child.ts'), tool, schema, out, ...(documents ? [documents] : [])], {
    cwd: ROOT,
    maxBuffer: 1 << 26,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Measured;
}

async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  return total;
}

const mb = (bytes: number): string => `${Math.round(bytes / 1_048_576)} MB`;
const ratio = (subject: number, baseline: number, unit: string): string => `${(subject / baseline).toFixed(2)}× ${unit}`;

export async function generateScale(): Promise<ResultRow[]> {
  await mkdir(join(ROOT, 'node_modules/.cache'), { recursive: true });
  const work = await mkdtemp(join(ROOT, 'node_modules/.cache/kraken-bench-scale-'));
  const rows: ResultRow[] = [];
  try {
    const catalog = JSON.parse(await readFile(join(ROOT, 'catalog/st.json'), 'utf8')) as Catalog;
    // Warm-up: the first run of each loads codegen and tsx's cache; not what is compared.
    const warm = join(work, 'warm.graphql');
    await writeFile(warm, syntheticKrakenSchema({ seed: 18, catalog, entities: 40 }).sdl);
    await child('kraken', warm, join(work, 'warm-kraken'));
    await child('client-preset', warm, join(work, 'warm-preset'));
    for (const scale of SCALES) {
      const schema = join(work, `schema-${scale}x.graphql`);
      const { sdl } = syntheticKrakenSchema({ seed: 18, catalog, entities: ENTITIES * scale });
      await writeFile(schema, sdl);
      const ours = await child('kraken', schema, join(work, `kraken-${scale}x`));
      const documents = join(work, `ops-${scale}x`);
      await mkdir(documents);
      const texts = [...(await readFile(join(work, `kraken-${scale}x/documents.ts`), 'utf8')).matchAll(/documentOf\("\w+", ("(?:[^"\\]|\\.)*")/g)].map((match) => JSON.parse(match[1] ?? '""') as string);
      await Promise.all(texts.map((text, index) => writeFile(join(documents, `d${index}.graphql`), `${text}\n`)));
      const theirs = await child('client-preset', schema, join(work, `preset-${scale}x`), documents);
      const subject = `generate --schema, synthetic ${scale}x (${(sdl.length / 1_048_576).toFixed(1)} MB SDL, ${texts.length} operations)`;
      const baseline = `client-preset, the same ${texts.length} operations and schema`;
      const ourBytes = await directoryBytes(join(work, `kraken-${scale}x`));
      const theirBytes = await directoryBytes(join(work, `preset-${scale}x`));
      rows.push(
        { measure: 'generation time (own process)', subject, subjectResult: `${(ours.ms / 1000).toFixed(1)} s`, baseline, baselineResult: `${(theirs.ms / 1000).toFixed(1)} s`, ratio: ratio(ours.ms, theirs.ms, 'time') },
        { measure: 'peak RSS', subject, subjectResult: mb(ours.peakRssBytes), baseline, baselineResult: mb(theirs.peakRssBytes), ratio: ratio(ours.peakRssBytes, theirs.peakRssBytes, 'memory') },
        { measure: 'bytes written', subject, subjectResult: `${Math.round(ourBytes / 1024)} KiB`, baseline, baselineResult: `${Math.round(theirBytes / 1024)} KiB`, ratio: ratio(ourBytes, theirBytes, 'bytes') },
        // The heap check's estimate beside what the run took (RSS bounds the heap from above): the estimate must not refuse what fits.
        { measure: 'heap estimate (generate --schema refuses above the heap limit)', subject, subjectResult: mb(heapNeeded(Buffer.byteLength(sdl))), baseline: 'peak RSS of the same run', baselineResult: mb(ours.peakRssBytes), ratio: ratio(heapNeeded(Buffer.byteLength(sdl)), ours.peakRssBytes, 'memory') },
      );
    }
    return rows;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
