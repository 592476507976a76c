/**
 * `npm run generate [-- [--check] [--brand id] [page.txt ...]]`
 * Regenerates catalog/, operations/, schema/ and src/generated/<brand>/{catalog,schema}.ts from
 * the reference pages (default: $KRAKEN_REFERENCE_DIR or ../shared/reference/<brand>-mutations.txt). With --check,
 * writes nothing and exits 1 naming every stale file.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PageParseError } from './errors.js';
import { GENERATOR_OWNED_DIRS, generateAll, type BrandPage, type GenerationStep } from './generate.js';
import { syncOutputs } from './output.js';
import { referenceDir } from './reference-dir.js';
import { TYPEGEN_OWNED_DIRS, typegenStep } from '../typegen/index.js';

const PAGE_FILE = /^([a-z][a-z0-9]*)-mutations\.txt$/;

/** Steps run after the generator for each brand, in order. */
export const generationSteps: GenerationStep[] = [typegenStep];

export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export interface CliOptions {
  check: boolean;
  brand: string | null;
  pagePaths: string[];
}

export function parseCliArgs(argv: string[]): CliOptions {
  const options: CliOptions = { check: false, brand: null, pagePaths: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--check') options.check = true;
    else if (arg === '--brand') {
      const brand = argv[i + 1];
      if (brand === undefined || !/^[a-z][a-z0-9]*$/.test(brand)) throw new CliUsageError('--brand needs a brand id such as "st"');
      options.brand = brand;
      i += 1;
    } else if (arg.startsWith('--')) throw new CliUsageError(`unknown option ${arg}`);
    else options.pagePaths.push(arg);
  }
  if (options.brand !== null && options.pagePaths.length !== 1) {
    throw new CliUsageError('--brand applies to exactly one page path');
  }
  return options;
}

export function brandFromPageFile(path: string, explicit: string | null): string {
  if (explicit !== null) return explicit;
  const match = PAGE_FILE.exec(basename(path));
  if (!match?.[1]) throw new CliUsageError(`cannot tell the brand from "${basename(path)}": name it <brand>-mutations.txt or pass --brand`);
  return match[1];
}

async function readPages(root: string, options: CliOptions): Promise<BrandPage[]> {
  let paths = options.pagePaths.map((path) => resolve(path));
  if (paths.length === 0) {
    const pagesDir = referenceDir(root);
    const names = (await readdir(pagesDir)).filter((name) => PAGE_FILE.test(name)).sort();
    if (names.length === 0) throw new CliUsageError(`no <brand>-mutations.txt pages in ${pagesDir}`);
    paths = names.map((name) => join(pagesDir, name));
  }
  const pages: BrandPage[] = [];
  for (const path of paths) {
    const brand = brandFromPageFile(path, options.brand);
    if (pages.some((page) => page.brand === brand)) throw new CliUsageError(`two pages for brand "${brand}"`);
    pages.push({ brand, pageFileName: basename(path), text: await readFile(path, 'utf8') });
  }
  return pages;
}

export async function runGenerate(argv: string[], root: string): Promise<number> {
  const options = parseCliArgs(argv);
  const pages = await readPages(root, options);
  const files = await generateAll(pages, generationSteps);
  // With explicit pages, only those brands' operation folders are owned (other brands stay).
  const ownedDirs =
    options.pagePaths.length === 0
      ? [...GENERATOR_OWNED_DIRS, ...TYPEGEN_OWNED_DIRS]
      : pages.flatMap((page) => [`operations/${page.brand}`, `src/generated/${page.brand}`]);
  const { changed, removed } = await syncOutputs(files, { root, check: options.check, ownedDirs });
  if (options.check) {
    for (const path of changed) console.error(`stale: ${path}`);
    for (const path of removed) console.error(`would delete: ${path}`);
    if (changed.length + removed.length > 0) {
      console.error('Generated files are out of date: run npm run generate.');
      return 1;
    }
    console.log(`Generated files are up to date (${files.size} files).`);
    return 0;
  }
  console.log(`Generated ${files.size} files: ${changed.length} written, ${removed.length} removed.`);
  return 0;
}

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runGenerate(process.argv.slice(2), projectRoot).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof PageParseError || error instanceof CliUsageError) console.error(`generate: ${error.message}`);
      else console.error(error);
      process.exit(2);
    },
  );
}
