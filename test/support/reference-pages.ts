/**
 * Tests that read the saved reference pages (not part of the repository) ask here first. Without the
 * pages they are skipped, and the test run prints one line that says why and how to provide them;
 * with KRAKEN_REQUIRE_REFERENCE=1 (set by CI) missing pages are an error instead of a skip.
 */
import { join } from 'node:path';
import { referenceDir, referencePagePaths, ReferencePagesMissingError } from '../../src/generator/reference-dir.js';

const projectRoot = join(import.meta.dirname, '../..');

export interface ReferencePages {
  /** The folder the pages are read from. */
  dir: string;
  /** Why the pages-dependent tests are skipped, or null when the pages are there. */
  skipReason: string | null;
}

export function referencePages(env: NodeJS.ProcessEnv = process.env): ReferencePages {
  const dir = referenceDir(projectRoot, env);
  try {
    referencePagePaths(dir);
    return { dir, skipReason: null };
  } catch (error) {
    if (!(error instanceof ReferencePagesMissingError)) throw error;
    if (env.KRAKEN_REQUIRE_REFERENCE === '1') {
      throw new Error(`KRAKEN_REQUIRE_REFERENCE=1 but ${error.message}`, { cause: error });
    }
    return { dir, skipReason: `skipping the tests that read the reference pages: ${error.message}` };
  }
}
