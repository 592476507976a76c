// Browser bundle sizes, as an app's bundler would produce them: esbuild, ESM, minified, code split
// (so a dynamic import becomes a lazy chunk) or, as a single-file Worker or Lambda bundle, not split
// (dynamic imports inlined: everything is up front), gzip level 9. Shared by the bench and the CI budget.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Metafile, Plugin } from 'esbuild';
import { nodeTransportStandIn } from '../scripts/node-transport-swap.mjs';

export const ROOT = resolve(import.meta.dirname, '..');
const GRAPHQL_PACKAGE = /(^|\/)node_modules\/graphql\//;

export interface BundleSize {
  /** Gzipped bytes loaded up front: the entry chunk and every chunk it imports statically. */
  readonly gzipBytes: number;
  readonly minifiedBytes: number;
  /** Bytes of the `graphql` package in what is loaded up front. */
  readonly graphqlBytes: number;
  /** Gzipped bytes of chunks only loaded by a dynamic import (e.g. graphql's printer, on first need). */
  readonly lazyGzipBytes: number;
  readonly lazyGraphqlBytes: number;
  /** The same, per dynamically imported module (its file name without extension, e.g. `login-session`, `printer`). */
  readonly lazyChunks: ReadonlyMap<string, number>;
  /** Gzipped bytes of what the named dynamically imported modules load together (a chunk they share counted once). */
  lazyTogether(...modules: string[]): number;
}

/** Source of a module that imports from the project by its real paths. */
export const sourcePath = (path: string): string => JSON.stringify(join(ROOT, path));

function staticClosure(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const output = pending.pop() as string;
    if (seen.has(output)) continue;
    seen.add(output);
    for (const imported of metafile.outputs[output]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) pending.push(imported.path);
    }
  }
  return seen;
}

/** [file under the project, text, replacement]: a change made to the source as it is bundled (see `edited`). */
export type SourceEdit = readonly [file: string, text: string, replacement: string];

export interface BundleOptions {
  /** Code splitting (default true); false gives one file, as esbuild's default and single-file Worker bundles do. */
  readonly splitting?: boolean;
  /** Edits of the project's source, to measure a variant of it; each text must occur exactly once in its file. */
  readonly edits?: readonly SourceEdit[];
}

/** An esbuild plugin that bundles the project's files with `edits` made; a text that does not occur once is an error. */
function edited(edits: readonly SourceEdit[]): Plugin {
  const byPath = new Map<string, SourceEdit[]>();
  for (const edit of edits) {
    const path = join(ROOT, edit[0]);
    byPath.set(path, [...(byPath.get(path) ?? []), edit]);
  }
  return {
    name: 'edited-source',
    setup(build) {
      const loaded = new Set<string>();
      build.onEnd(() => {
        const missed = [...byPath.keys()].filter((path) => !loaded.has(path));
        if (missed.length > 0) throw new Error(`edited files the bundle never loaded: ${missed.map((path) => relative(ROOT, path)).join(', ')}`);
      });
      build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
        const mine = byPath.get(path);
        if (mine === undefined) return undefined;
        loaded.add(path);
        let source = await readFile(path, 'utf8');
        for (const [file, text, replacement] of mine) {
          const count = source.split(text).length - 1;
          if (count !== 1) throw new Error(`${file}: ${JSON.stringify(text.slice(0, 60))}… occurs ${count} times, not once: the edit no longer fits the source.`);
          source = source.replace(text, () => replacement);
        }
        return { contents: source, loader: 'ts' };
      });
    },
  };
}

/** Bundles each named module source on its own (no chunk shared between them) and measures it. */
export async function bundleSizes(sources: Readonly<Record<string, string>>, options: BundleOptions = {}): Promise<Map<string, BundleSize>> {
  const sizes = new Map<string, BundleSize>();
  for (const [name, source] of Object.entries(sources)) sizes.set(name, await bundleSize(source, options.splitting ?? true, options.edits ?? []));
  return sizes;
}

async function bundleSize(source: string, splitting: boolean, edits: readonly SourceEdit[]): Promise<BundleSize> {
  const workdir = await mkdtemp(join(tmpdir(), 'kraken-bundle-'));
  try {
    const entry = join(workdir, 'entry.ts');
    await writeFile(entry, source);
    const outdir = join(workdir, 'out');
    const { metafile } = await build({
      entryPoints: [entry],
      outdir,
      bundle: true,
      splitting,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      metafile: true,
      logLevel: 'error',
      // The entry module lives outside the project; packages resolve from its node_modules.
      nodePaths: [join(ROOT, 'node_modules')],
      // The client's Node transport swapped for its stand-in, as the package's `imports` conditions do for browser bundles.
      plugins: edits.length === 0 ? [nodeTransportStandIn()] : [nodeTransportStandIn(), edited(edits)],
    });
    const cwd = process.cwd();
    const measure = async (outputs: Iterable<string>): Promise<{ gzip: number; raw: number; graphql: number }> => {
      let gzip = 0;
      let raw = 0;
      let graphql = 0;
      for (const output of outputs) {
        const bytes = await readFile(resolve(cwd, output));
        gzip += gzipSync(bytes, { level: 9 }).length;
        raw += bytes.length;
        for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[output]?.inputs ?? {})) {
          if (GRAPHQL_PACKAGE.test(input)) graphql += bytesInOutput;
        }
      }
      return { gzip, raw, graphql };
    };
    const upFront = staticClosure(metafile, relative(cwd, join(outdir, 'entry.js')));
    const lazy = new Set<string>();
    const lazyByModule = new Map<string, Set<string>>();
    const pending = [...upFront];
    while (pending.length > 0) {
      const output = pending.pop() as string;
      for (const imported of metafile.outputs[output]?.imports ?? []) {
        if (imported.kind !== 'dynamic-import' || imported.external) continue;
        const module = basename(metafile.outputs[imported.path]?.entryPoint ?? imported.path).replace(/\.[^.]+$/, '');
        const chunks = lazyByModule.get(module) ?? new Set<string>();
        lazyByModule.set(module, chunks);
        for (const chunk of staticClosure(metafile, imported.path)) {
          if (upFront.has(chunk) || chunks.has(chunk)) continue;
          chunks.add(chunk);
          if (!lazy.has(chunk)) pending.push(chunk);
          lazy.add(chunk);
        }
      }
    }
    const loaded = await measure(upFront);
    const deferred = await measure(lazy);
    const lazyChunks = new Map<string, number>();
    for (const [module, chunks] of lazyByModule) lazyChunks.set(module, (await measure(chunks)).gzip);
    const chunkGzip = new Map<string, number>();
    for (const chunk of lazy) chunkGzip.set(chunk, (await measure([chunk])).gzip);
    const lazyTogether = (...modules: string[]): number => {
      const chunks = new Set(modules.flatMap((module) => [...(lazyByModule.get(module) ?? [])]));
      return [...chunks].reduce((sum, chunk) => sum + (chunkGzip.get(chunk) ?? 0), 0);
    };
    return {
      gzipBytes: loaded.gzip,
      minifiedBytes: loaded.raw,
      graphqlBytes: loaded.graphql,
      lazyGzipBytes: deferred.gzip,
      lazyGraphqlBytes: deferred.graphql,
      lazyChunks,
      lazyTogether,
    };
  } finally {
    await rm(workdir, { recursive: true, force: true });
  }
}
