// `npm run bench`: every benchmark in one run, each as ratios against baselines measured alongside.
// `npm run bench -- --write` also writes bench/results.md; `-- --only=per-call,bundle` runs some suites.
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
import { memoryPerRequest } from './suites/memory.js';
import { perCall } from './suites/per-call.js';
import { refreshStorm } from './suites/refresh-storm.js';
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
  ['traffic', traffic],
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

async function main(): Promise<void> {
  const only = process.argv.find((argument) => argument.startsWith('--only='))?.slice('--only='.length).split(',');
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  const rows: ResultRow[] = [];
  for (const [name, suite] of suites) {
    if (only && !only.includes(name)) continue;
    process.stderr.write(`bench: ${name}…\n`);
    rows.push(...(await suite()));
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const cpuModel = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const environment = [
    `Node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} CPUs (${cpuModel}); load average ${loadBefore.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end; ${commitLine()}; ${seconds} s.`,
    `Times are medians of interleaved rounds after warm-up, ratios the median of per-round ratios. Memory after ${forceGc() ? 'forced full GC' : 'no GC (unavailable)'}.`,
    'Bundles: esbuild, browser, ESM, minified, code split, gzip -9; "lazy chunk" is loaded only by a dynamic import.',
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
