/**
 * `npm run generate [-- [--check] [--brand id] [page.txt ...]]`: the whole pipeline in this repo.
 * Regenerates catalog/, operations/, schema/, src/generated/ and the typed-call tests from the
 * reference pages (default: $KRAKEN_REFERENCE_DIR or ../shared/reference/<brand>-mutations.txt).
 * With --check, writes nothing and exits 1 naming every stale file.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docsStep } from './docs.js';
import { PageParseError } from './errors.js';
import { GENERATOR_OWNED_DIRS } from './generate.js';
import { ReferencePagesMissingError } from './reference-dir.js';
import { CliUsageError, runGenerate, type GenerateRun } from './run.js';
import { CODEGEN_OWNED_DIRS, codegenStep } from './codegen-step.js';

export const pipeline: GenerateRun = {
  steps: [codegenStep, docsStep],
  ownedDirs: [...GENERATOR_OWNED_DIRS, ...CODEGEN_OWNED_DIRS],
  brandDirs: (brand) => [`operations/${brand}`, `src/generated/${brand}`],
};

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runGenerate(process.argv.slice(2), projectRoot, pipeline).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof PageParseError || error instanceof CliUsageError || error instanceof ReferencePagesMissingError) {
        console.error(`generate: ${error.message}`);
      } else console.error(error);
      process.exit(2);
    },
  );
}
