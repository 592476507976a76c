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

// Prints how long the dynamic import took inside the child, excluding Node's own start-up: wall time, and
// the CPU time of the process meanwhile, which stays comparable when other processes share the machine.
const IMPORT_TIMER =
  'const c0 = process.cpuUsage(); const t0 = performance.now(); await import(process.argv[1]); const t1 = performance.now(); const c = process.cpuUsage(c0); console.log(t1 - t0, (c.user + c.system) / 1000);';

interface ImportTime {
  readonly wallMs: number;
  readonly cpuMs: number;
}

async function importTime(url: string): Promise<ImportTime> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', IMPORT_TIMER, url]);
  const [wallMs, cpuMs] = stdout.trim().split(' ').map(Number);
  if (wallMs === undefined || cpuMs === undefined || !Number.isFinite(wallMs) || !Number.isFinite(cpuMs)) throw new Error(`cold start: unexpected child output ${JSON.stringify(stdout)}`);
  return { wallMs, cpuMs };
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
    for (const url of Object.values(subjects)) await importTime(url); // warms the file-system cache
    const times = { st: [] as ImportTime[], root: [] as ImportTime[], shopify: [] as ImportTime[] };
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, url] of Object.entries(subjects) as Array<[keyof typeof subjects, string]>) times[name].push(await importTime(url));
    }
    const perRound = (subject: ImportTime[], baseline: ImportTime[], of: keyof ImportTime): number =>
      median(subject.map((time, round) => time[of] / (baseline[round]?.[of] ?? Number.NaN)));
    const ms = (values: ImportTime[]): string => `${median(values.map((time) => time.wallMs)).toFixed(1)} ms (CPU ${median(values.map((time) => time.cpuMs)).toFixed(1)} ms)`;
    const ratio = (subject: ImportTime[]): string => `${perRound(subject, times.shopify, 'wallMs').toFixed(2)}× time (CPU ${perRound(subject, times.shopify, 'cpuMs').toFixed(2)}×)`;
    const loadedBy = await graphqlLoadedByImport(subjects.st);
    return [
      {
        measure: `Cold import in a fresh process (published ESM, median of ${ROUNDS})`,
        subject: '`kraken-sdk/st` (client + 295 documents)',
        subjectResult: `${ms(times.st)}; graphql ${loadedBy === undefined ? 'not loaded' : `LOADED (by ${loadedBy})`}`,
        baseline: '@shopify/graphql-client',
        baselineResult: ms(times.shopify),
        ratio: ratio(times.st),
      },
      {
        measure: `Cold import in a fresh process (published ESM, median of ${ROUNDS})`,
        subject: '`kraken-sdk` (root: client only)',
        subjectResult: ms(times.root),
        baseline: '@shopify/graphql-client',
        baselineResult: ms(times.shopify),
        ratio: ratio(times.root),
      },
    ];
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}
