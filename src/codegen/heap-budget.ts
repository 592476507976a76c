import { getHeapStatistics } from 'node:v8';

/**
 * What `generate --schema` needs of the heap, compared with V8's heap_size_limit (the old space given by
 * --max-old-space-size plus the young generation, 192 MB on Node 24): graphql-js's AST and schema of the SDL
 * (about 75 heap bytes per SDL byte after building and sorting, the synthetic Kraken-scale schema in
 * `npm run bench`), and graphql-codegen's work, which grows with the operations. Old space needed by the built CLI
 * (Node 24, bisected to 16 MB): 1,000 and 2,000 generated mutations (20 result fields each) 289–304 MB and
 * 545–560 MB, the Kraken-scale schema (445 operations, 600 KB) 169–180 MB. A fixed 256 MB and the larger of
 * 100 bytes per SDL byte and 256 KB per operation covers each within 15 MB.
 */
export const HEAP_BYTES_PER_SDL_BYTE = 100;
export const HEAP_BYTES_PER_OPERATION = 256 * 1024;
export const HEAP_FIXED_BYTES = 256 * 1_048_576;

/** The heap a schema of `bytes` is expected to need, generating `operations` documents. */
export function heapNeeded(bytes: number, operations = 0): number {
  return HEAP_FIXED_BYTES + Math.max(bytes * HEAP_BYTES_PER_SDL_BYTE, operations * HEAP_BYTES_PER_OPERATION);
}

const mb = (value: number): string => `${Math.ceil(value / 1_048_576)} MB`;

/** The end of both refusals: the limit, and the option that would fit the work. */
const cure = (needed: number, heapLimit: number): string =>
  `needs about ${mb(needed)} of heap and this Node allows ${mb(heapLimit)}: nothing was generated; run it with NODE_OPTIONS=--max-old-space-size=${Math.ceil((needed * 1.25) / 1_048_576)}`;

/**
 * Why a schema file of `bytes` is refused before any work (one sentence naming the sizes and the cure),
 * or undefined when the heap can hold it: without this, a 50 MB schema ran out of memory minutes in.
 */
export function schemaTooLargeProblem(bytes: number, heapLimit = getHeapStatistics().heap_size_limit): string | undefined {
  const needed = heapNeeded(bytes);
  return needed <= heapLimit ? undefined : `a ${mb(bytes)} schema ${cure(needed, heapLimit)}`;
}

/** The same once the plan counts the operations, before codegen starts: a small SDL can still plan too many. */
export function operationsTooManyProblem(operations: number, bytes: number, heapLimit = getHeapStatistics().heap_size_limit): string | undefined {
  const needed = heapNeeded(bytes, operations);
  return needed <= heapLimit ? undefined : `${operations.toLocaleString('en')} operations ${cure(needed, heapLimit).replace(/^needs/, 'need')}`;
}
