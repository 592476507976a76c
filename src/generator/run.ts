/**
 * Runs the page stage and any further steps over one or more reference pages, then writes (or, with
 * --check, compares) every output at once. Knows nothing of codegen: callers pass their steps.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { generateAll, type BrandPage, type GenerationStep } from './generate.js';
import { syncOutputs } from './output.js';
import { referenceDir, referencePagePaths } from './reference-dir.js';

const PAGE_FILE = /^([a-z][a-z0-9]*)-mutations\.txt$/;


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
    paths = referencePagePaths(referenceDir(root));
  }
  const pages: BrandPage[] = [];
  for (const path of paths) {
    const brand = brandFromPageFile(path, options.brand);
    if (pages.some((page) => page.brand === brand)) throw new CliUsageError(`two pages for brand "${brand}"`);
    pages.push({ brand, pageFileName: basename(path), text: await readFile(path, 'utf8') });
  }
  return pages;
}

export interface GenerateRun {
  /** Steps after the page stage (e.g. the codegen stage). */
  steps: GenerationStep[];
  /** Folders whose stale files are removed when generating from the default reference pages. */
  ownedDirs: string[];
  /** With explicit page paths, only these folders of each brand are owned (other brands stay). */
  brandDirs: (brand: string) => string[];
  /** Keeps only the outputs this run is for (default: all). */
  keep?: (path: string) => boolean;
}

export async function runGenerate(argv: string[], root: string, run: GenerateRun): Promise<number> {
  const options = parseCliArgs(argv);
  const pages = await readPages(root, options);
  const all = await generateAll(pages, run.steps);
  const files = new Map([...all].filter(([path]) => run.keep?.(path) ?? true));
  // With explicit pages, only those brands' operation folders are owned (other brands stay).
  const ownedDirs =
    options.pagePaths.length === 0
      ? run.ownedDirs
      : pages.flatMap((page) => run.brandDirs(page.brand));
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
