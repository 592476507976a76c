import { getHeapStatistics } from 'node:v8';

/**
 * What `generate --schema` needs of the heap: graphql-js's AST and schema of the SDL (built, then sorted),
 * the plan and codegen's work on the pruned schema. Measured on the synthetic Kraken-scale schema
 * (`npm run bench`, the generation-scale rows): about 75 heap bytes per SDL byte after building and
 * sorting, a few hundred MB at 16x; 100 per byte and a fixed 128 MB leave room without refusing what fits.
 */
export const HEAP_BYTES_PER_SDL_BYTE = 100;
export const HEAP_FIXED_BYTES = 128 * 1_048_576;

/** The heap a schema of `bytes` is expected to need. */
export function heapNeeded(bytes: number): number {
  return HEAP_FIXED_BYTES + bytes * HEAP_BYTES_PER_SDL_BYTE;
}

/**
 * Why a schema file of `bytes` is refused before any work (one sentence naming the sizes and the cure),
 * or undefined when the heap can hold it: without this, a 50 MB schema ran out of memory minutes in.
 */
export function schemaTooLargeProblem(bytes: number, heapLimit = getHeapStatistics().heap_size_limit): string | undefined {
  const needed = heapNeeded(bytes);
  if (needed <= heapLimit) return undefined;
  const mb = (value: number): string => `${Math.ceil(value / 1_048_576)} MB`;
  return `a ${mb(bytes)} schema needs about ${mb(needed)} of heap and this Node allows ${mb(heapLimit)}: nothing was generated; run it with NODE_OPTIONS=--max-old-space-size=${Math.ceil((needed * 1.25) / 1_048_576)}`;
}
