import { getHeapStatistics } from 'node:v8';

/**
 * Heap bytes `generate --schema` needs per byte of SDL (graphql-js's AST and schema objects, the plan),
 * measured on the synthetic Kraken-scale schema at 16x by `npm run bench` (bench/suites/generate-scale.ts):
 * the bench fails when a run needs more than this, so the check below never refuses what would fit.
 */
export const HEAP_BYTES_PER_SDL_BYTE = 40;

/**
 * Why a schema file of `bytes` is refused before any work (one sentence naming the sizes and the cure),
 * or undefined when the heap can hold it.
 */
export function schemaTooLargeProblem(bytes: number, heapLimit = getHeapStatistics().heap_size_limit): string | undefined {
  const needed = bytes * HEAP_BYTES_PER_SDL_BYTE;
  if (needed <= heapLimit) return undefined;
  const mb = (value: number): string => `${Math.ceil(value / 1_048_576)} MB`;
  return `a ${mb(bytes)} schema needs about ${mb(needed)} of heap and this Node allows ${mb(heapLimit)}: run with NODE_OPTIONS=--max-old-space-size=${Math.ceil((needed * 1.25) / 1_048_576)}`;
}
