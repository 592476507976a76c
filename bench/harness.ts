// Timing and memory helpers. Every measurement is compared with a baseline taken in the same
// process and interleaved round by round, so machine noise hits both sides alike.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface BenchCase {
  readonly name: string;
  /** One operation; awaited when it returns a promise. */
  readonly run: () => unknown;
}

export interface CaseResult {
  readonly name: string;
  /** Median time per operation over the rounds, in nanoseconds. */
  readonly nsPerOp: number;
  readonly opsPerSecond: number;
  readonly rounds: number;
  /** Time per operation in each round, in round order. */
  readonly samples: readonly number[];
}

/** The median over rounds of subject ÷ baseline, each ratio taken within one round. */
export function medianRoundRatio(subject: CaseResult, baseline: CaseResult): number {
  return median(subject.samples.map((ns, round) => ns / (baseline.samples[round] ?? Number.NaN)));
}

export interface MeasureOptions {
  /** Warm-up time per case before calibration (ms). */
  readonly warmupMs?: number;
  /** Target duration of one round (ms). */
  readonly roundMs?: number;
  readonly rounds?: number;
  /**
   * `wall` (default): elapsed time. `cpu`: this process's CPU time (user + system), which other
   * processes competing for the CPUs do not inflate; for work that never waits on I/O.
   */
  readonly clock?: 'wall' | 'cpu';
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function runBatch(run: () => unknown, iterations: number, clock: 'wall' | 'cpu' = 'wall'): Promise<number> {
  const now = clock === 'cpu' ? cpuMs : () => performance.now();
  const started = now();
  for (let i = 0; i < iterations; i += 1) {
    const result = run();
    if (result instanceof Promise) await result;
  }
  return now() - started;
}

/**
 * Runs the cases round-robin (A B C, B C A, …, the order rotated each round so no case always runs
 * after the same one) and reports each case's median time per operation and its per-round samples.
 */
export async function measureInterleaved(cases: readonly BenchCase[], options: MeasureOptions = {}): Promise<CaseResult[]> {
  const warmupMs = options.warmupMs ?? 250;
  const roundMs = options.roundMs ?? 120;
  const rounds = options.rounds ?? 7;

  // Warm up (JIT) and calibrate how many iterations fill one round.
  const iterations = new Map<string, number>();
  for (const benchCase of cases) {
    let batch = 64;
    let spent = 0;
    let done = 0;
    while (spent < warmupMs) {
      spent += await runBatch(benchCase.run, batch);
      done += batch;
      batch *= 2;
    }
    const perOpMs = spent / done;
    iterations.set(benchCase.name, Math.max(16, Math.round(roundMs / perOpMs)));
  }

  const samples = new Map<string, number[]>(cases.map((benchCase) => [benchCase.name, []]));
  for (let round = 0; round < rounds; round += 1) {
    const rotated = [...cases.slice(round % cases.length), ...cases.slice(0, round % cases.length)];
    for (const benchCase of rotated) {
      const count = iterations.get(benchCase.name) as number;
      const elapsedMs = await runBatch(benchCase.run, count, options.clock);
      samples.get(benchCase.name)?.push((elapsedMs * 1e6) / count);
    }
  }

  return cases.map((benchCase) => {
    const caseSamples = samples.get(benchCase.name) ?? [];
    const nsPerOp = median(caseSamples);
    return { name: benchCase.name, nsPerOp, opsPerSecond: 1e9 / nsPerOp, rounds, samples: caseSamples };
  });
}

let cachedGc: (() => void) | undefined;

/**
 * A full GC function: `globalThis.gc` under --expose-gc, otherwise enabled at run time through V8
 * flags (so plain `tsx bench/run.ts` still measures retained heap after collection).
 */
export function forceGc(): (() => void) | undefined {
  if (cachedGc) return cachedGc;
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') {
    cachedGc = exposed as () => void;
    return cachedGc;
  }
  try {
    setFlagsFromString('--expose-gc');
    const fromContext: unknown = runInNewContext('gc');
    if (typeof fromContext === 'function') cachedGc = fromContext as () => void;
  } catch {
    cachedGc = undefined;
  }
  return cachedGc;
}
