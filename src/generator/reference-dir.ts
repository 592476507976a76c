import { resolve } from 'node:path';

/** Where the reference pages live: $KRAKEN_REFERENCE_DIR, or ../shared/reference beside the project. */
export function referenceDir(projectRoot: string): string {
  return resolve(projectRoot, process.env.KRAKEN_REFERENCE_DIR ?? '../shared/reference');
}
