import { generateTypedBrand } from '../codegen/page-brand.js';
import type { GenerationStep } from './generate.js';

/** Folders whose every file the codegen stage (or the page stage before it) produces. */
export const CODEGEN_OWNED_DIRS = ['src/generated', 'test/types/generated'];

/** The codegen stage as a step of the page generator: typed documents from the brand's in-memory schema and operation files. */
export const codegenStep: GenerationStep = (generation) =>
  generateTypedBrand({
    catalog: generation.catalog,
    schemaSdl: generation.schemaSdl,
    operationSources: [...generation.files]
      .filter(([path]) => path.startsWith(`operations/${generation.catalog.brand}/`))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, content]) => content)
      // A brand without fragments still gets a fragments file holding only its header comment.
      .filter((content) => /^[^#\s]/m.test(content)),
  });
