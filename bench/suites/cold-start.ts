// Cold import: `kraken-sdk/st` against the package root and @shopify/graphql-client, each in a fresh
// Node process; per-round ratios. The SDK's subjects are the ESM that `npm run build` publishes (tsup's
// own chunks, which an esbuild bundle of two entries does not reproduce). Also checks that importing
// `kraken-sdk/st` does not load the graphql package.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { graphqlLoadedByImport } from '../graphql-free.js';
import { median } from '../harness.js';
import { buildPublishedEsm } from '../published-esm.js';
import type { ResultRow } from '../table.js';

const run = promisify(execFile);
const ROUNDS = 11;

// Prints how long the dynamic import took inside the child, excluding Node's own start-up.
const IMPORT_TIMER = 'const t0 = performance.now(); await import(process.argv[1]); console.log(performance.now() - t0);';

async function importMs(url: string): Promise<number> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', IMPORT_TIMER, url]);
  const ms = Number(stdout.trim());
  if (!Number.isFinite(ms)) throw new Error(`cold start: unexpected child output ${JSON.stringify(stdout)}`);
  return ms;
}

export async function coldStart(): Promise<ResultRow[]> {
  const outdir = await mkdtemp(join(tmpdir(), 'kraken-bench-'));
  try {
    await buildPublishedEsm(outdir);
    const subjects = {
      st: pathToFileURL(join(outdir, 'st.js')).href,
      root: pathToFileURL(join(outdir, 'index.js')).href,
      // Its ESM build, as an `import` resolves it.
      shopify: import.meta.resolve('@shopify/graphql-client'),
    };
    for (const url of Object.values(subjects)) await importMs(url); // warms the file-system cache
    const times = { st: [] as number[], root: [] as number[], shopify: [] as number[] };
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, url] of Object.entries(subjects) as Array<[keyof typeof subjects, string]>) times[name].push(await importMs(url));
    }
    const perRound = (subject: number[], baseline: number[]): number => median(subject.map((ms, round) => ms / (baseline[round] ?? Number.NaN)));
    const ms = (values: number[]): string => `${median(values).toFixed(1)} ms`;
    const loadedBy = await graphqlLoadedByImport(subjects.st);
    return [
      {
        measure: `Cold import in a fresh process (published ESM, median of ${ROUNDS})`,
        subject: '`kraken-sdk/st` (client + 295 documents)',
        subjectResult: `${ms(times.st)}; graphql ${loadedBy === undefined ? 'not loaded' : `LOADED (by ${loadedBy})`}`,
        baseline: '@shopify/graphql-client',
        baselineResult: ms(times.shopify),
        ratio: `${perRound(times.st, times.shopify).toFixed(2)}× time`,
      },
      {
        measure: `Cold import in a fresh process (published ESM, median of ${ROUNDS})`,
        subject: '`kraken-sdk` (root: client only)',
        subjectResult: ms(times.root),
        baseline: '@shopify/graphql-client',
        baselineResult: ms(times.shopify),
        ratio: `${perRound(times.root, times.shopify).toFixed(2)}× time`,
      },
    ];
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}
