// 5. Cold start: importing the st entry (every generated document) vs the package root, each in a
// fresh Node process, from a bundle built like the published package (ESM, dependencies external).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { median } from '../harness.js';
import { formatRatio } from '../table.js';
import type { ResultRow } from '../table.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const ROUNDS = 9;

// Prints how long the dynamic import took inside the child, excluding Node's own start-up.
const IMPORT_TIMER =
  'const t0 = performance.now(); await import(process.argv[1]); console.log(performance.now() - t0);';

async function importMs(file: string): Promise<number> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', IMPORT_TIMER, pathToFileURL(file).href]);
  const ms = Number(stdout.trim());
  if (!Number.isFinite(ms)) throw new Error(`cold start: unexpected child output ${JSON.stringify(stdout)}`);
  return ms;
}

async function bundleEntries(outdir: string): Promise<void> {
  await build({
    entryPoints: { index: join(ROOT, 'src/index.ts'), st: join(ROOT, 'src/brands/st.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
  });
  // Lets the bundle resolve graphql / graphql-request from the project's node_modules.
  await symlink(join(ROOT, 'node_modules'), join(outdir, 'node_modules'), 'dir');
}

export async function coldStart(): Promise<ResultRow[]> {
  const outdir = await mkdtemp(join(tmpdir(), 'kraken-bench-'));
  try {
    await bundleEntries(outdir);
    const stFile = join(outdir, 'st.mjs');
    const indexFile = join(outdir, 'index.mjs');
    // One unmeasured import each warms the file-system cache.
    await importMs(stFile);
    await importMs(indexFile);
    const stTimes: number[] = [];
    const indexTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      stTimes.push(await importMs(stFile));
      indexTimes.push(await importMs(indexFile));
    }
    const stMs = median(stTimes);
    const indexMs = median(indexTimes);
    return [
      {
        measure: `5. Cold start: import time in a fresh process (bundled ESM, median of ${ROUNDS})`,
        subject: '`kraken-sdk/st` (src/brands/st.ts, all generated documents)',
        subjectResult: `${stMs.toFixed(1)} ms`,
        baseline: '`kraken-sdk` (src/index.ts only)',
        baselineResult: `${indexMs.toFixed(1)} ms`,
        ratio: formatRatio(stMs, indexMs, 'time'),
      },
    ];
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}
