import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The pages the generator reads, named by brand: `st-mutations.txt`, `oejp-mutations.txt`. */
export const REFERENCE_PAGE_FILE = /^([a-z][a-z0-9]*)-mutations\.txt$/;

/** Where the reference pages live: $KRAKEN_REFERENCE_DIR, or ../shared/reference beside the project. */
export function referenceDir(projectRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(projectRoot, env.KRAKEN_REFERENCE_DIR || '../shared/reference');
}

/** The reference pages are not in the repository; this says which folder was looked at and how to point at another. */
export class ReferencePagesMissingError extends Error {
  override readonly name = 'ReferencePagesMissingError';
  readonly dir: string;

  constructor(dir: string) {
    super(
      `no reference pages (<brand>-mutations.txt) in ${dir}: set KRAKEN_REFERENCE_DIR to the folder that holds them, or place them in ../shared/reference beside the project`,
    );
    this.dir = dir;
  }
}

/** The reference page files in `dir`, sorted; throws ReferencePagesMissingError when there are none (or no folder). */
export function referencePagePaths(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new ReferencePagesMissingError(dir);
  }
  const pages = names.filter((name) => REFERENCE_PAGE_FILE.test(name)).sort();
  if (pages.length === 0) throw new ReferencePagesMissingError(dir);
  return pages.map((name) => join(dir, name));
}
