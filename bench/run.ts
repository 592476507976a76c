// `npm run bench`: every benchmark in one process, as ratios against a baseline measured alongside.
// `npm run bench -- --write` also writes bench/results.md.
import { writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { forceGc } from './harness.js';
import { clientOverhead } from './suites/overhead.js';
import { coldStart } from './suites/cold-start.js';
import { documentHandling } from './suites/documents.js';
import { memoryPerRequest } from './suites/memory.js';
import { sessionCost } from './suites/sessions.js';
import { markdownTable } from './table.js';
import type { ResultRow } from './table.js';

const suites: ReadonlyArray<readonly [string, () => Promise<ResultRow[]>]> = [
  ['client overhead', clientOverhead],
  ['document handling', documentHandling],
  ['sessions', sessionCost],
  ['memory', memoryPerRequest],
  ['cold start', coldStart],
];

async function main(): Promise<void> {
  const started = performance.now();
  const rows: ResultRow[] = [];
  for (const [name, suite] of suites) {
    process.stderr.write(`bench: ${name}…\n`);
    rows.push(...(await suite()));
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const cpuModel = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const environment = [
    `Node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} CPUs (${cpuModel}).`,
    `GC for memory figures: ${forceGc() ? 'forced full GC' : 'unavailable'}. Time figures are medians of interleaved rounds after warm-up; the bench ran in ${seconds} s.`,
    'Requests go through an in-memory fetch returning a fixed Kraken-shaped JSON Response, so the figures are client-side cost only.',
  ].join('\n');
  const report = `## Benchmarks\n\n${environment}\n\n${markdownTable(rows)}\n`;
  process.stdout.write(report);
  if (process.argv.includes('--write')) {
    const target = resolve(import.meta.dirname, 'results.md');
    await writeFile(target, `<!-- Written by \`npm run bench -- --write\`; numbers depend on the machine, ratios much less. -->\n${report}`);
    process.stderr.write(`bench: wrote ${target}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
