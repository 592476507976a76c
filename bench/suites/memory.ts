// 4. Heap retained by 10,000 sequential requests, client vs the minimal fetch call.
import { GCProfiler, getHeapStatistics } from 'node:v8';
import * as st from '../../src/brands/st.js';
import { minimalRequest } from '../baseline.js';
import { acceptGoodsQuoteResponse, acceptGoodsQuoteVariables, ENDPOINT } from '../fixtures.js';
import { forceGc, median } from '../harness.js';
import { fixedJsonFetch } from '../in-memory-fetch.js';
import { formatBytes, formatRatio } from '../table.js';
import type { ResultRow } from '../table.js';

const REQUESTS = 10_000;
const ROUNDS = 3;

interface MemorySample {
  /** heapUsed after a full GC, after minus before. */
  readonly retainedBytes: number;
  /** Everything allocated on the JS heap during the run, collected or not (from V8's GC statistics). */
  readonly allocatedBytes: number;
}

function settle(gc: (() => void) | undefined): number {
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed;
}

/**
 * Bytes allocated while `work` runs: heap growth between collections, summed over every GC V8
 * reports, plus the growth since the last one. Independent of when GCs happen to run.
 */
async function allocatedDuring(work: () => Promise<void>): Promise<number> {
  const profiler = new GCProfiler();
  const startUsed = getHeapStatistics().used_heap_size;
  profiler.start();
  await work();
  const endUsed = getHeapStatistics().used_heap_size;
  const { statistics } = profiler.stop();
  let allocated = 0;
  let usedAfterPrevious = startUsed;
  for (const entry of statistics) {
    allocated += entry.beforeGC.heapStatistics.usedHeapSize - usedAfterPrevious;
    usedAfterPrevious = entry.afterGC.heapStatistics.usedHeapSize;
  }
  return allocated + (endUsed - usedAfterPrevious);
}

async function sample(run: () => Promise<unknown>, gc: (() => void) | undefined): Promise<MemorySample> {
  const before = settle(gc);
  const allocatedBytes = await allocatedDuring(async () => {
    for (let i = 0; i < REQUESTS; i += 1) await run();
  });
  const after = settle(gc);
  return { retainedBytes: after - before, allocatedBytes };
}

export async function memoryPerRequest(): Promise<ResultRow[]> {
  const gc = forceGc();
  const fetch = fixedJsonFetch(acceptGoodsQuoteResponse);
  const client = st.createKrakenClient({ endpoint: ENDPOINT, fetch });
  const document = st.AcceptGoodsQuoteDocument;
  const runClient = (): Promise<unknown> => client.request(document, acceptGoodsQuoteVariables);
  const runBaseline = (): Promise<unknown> => minimalRequest(fetch, ENDPOINT, document.kraken.text, acceptGoodsQuoteVariables);

  // Warm both paths so JIT code and lazily built state are not counted as growth.
  for (let i = 0; i < 1_000; i += 1) {
    await runClient();
    await runBaseline();
  }

  const clientSamples: MemorySample[] = [];
  const baselineSamples: MemorySample[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    baselineSamples.push(await sample(runBaseline, gc));
    clientSamples.push(await sample(runClient, gc));
  }

  const perRequest = (samples: readonly MemorySample[], key: keyof MemorySample): number =>
    median(samples.map((entry) => entry[key])) / REQUESTS;
  const clientRetained = perRequest(clientSamples, 'retainedBytes');
  const baselineRetained = perRequest(baselineSamples, 'retainedBytes');
  const clientAllocated = perRequest(clientSamples, 'allocatedBytes');
  const baselineAllocated = perRequest(baselineSamples, 'allocatedBytes');
  const gcLabel = gc ? 'after full GC' : 'WITHOUT GC (gc unavailable): not a retention measure';

  // Retained growth is near zero when nothing leaks; a ratio of two near-zero numbers means nothing.
  const NOISE_BYTES_PER_REQUEST = 8;
  const retainedRatio =
    Math.abs(clientRetained) < NOISE_BYTES_PER_REQUEST && Math.abs(baselineRetained) < NOISE_BYTES_PER_REQUEST
      ? `both ≈ 0 (< ${NOISE_BYTES_PER_REQUEST} B/request: no leak)`
      : formatRatio(clientRetained, baselineRetained, 'bytes');

  return [
    {
      measure: `4a. Heap retained, ${REQUESTS.toLocaleString('en-US')} sequential requests (${gcLabel})`,
      subject: 'client.request',
      subjectResult: `${formatBytes(clientRetained)}/request (${formatBytes(clientRetained * REQUESTS)} total)`,
      baseline: 'minimal fetch',
      baselineResult: `${formatBytes(baselineRetained)}/request (${formatBytes(baselineRetained * REQUESTS)} total)`,
      ratio: retainedRatio,
    },
    {
      measure: `4b. JS heap allocated (short-lived garbage included), ${REQUESTS.toLocaleString('en-US')} sequential requests`,
      subject: 'client.request',
      subjectResult: `${formatBytes(clientAllocated)}/request`,
      baseline: 'minimal fetch',
      baselineResult: `${formatBytes(baselineAllocated)}/request`,
      ratio: formatRatio(clientAllocated, baselineAllocated, 'bytes'),
    },
  ];
}
