// Issue 22 (cold import): every module Node loads for `import 'kraken-sdk/st'` costs its read, parse and link,
// about 0.7M instructions each on Node 22. esbuild puts each module in a chunk per set of entry points reaching
// it, so an add-on entry sharing one helper with the client used to split the client: the root was 8 modules
// and the st entry 9. These tests read the published ESM's static imports and hold the counts down.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPublishedEsm } from '../../bench/published-esm.js';

let outDir: string;
beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'kraken-module-graph-'));
  await buildPublishedEsm(outDir);
}, 120_000);
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/** The inputs esbuild finds from `entry`, with each one's imports by kind: it parses, so text in strings is not taken for imports. */
async function importsFrom(entry: string): Promise<Record<string, { path: string; kind: string }[]>> {
  const { metafile } = await build({
    entryPoints: [join(outDir, entry)],
    absWorkingDir: outDir,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
    // Only the package's own files: dependencies are not what this counts.
    plugins: [{ name: 'package-files-only', setup: (b) => b.onResolve({ filter: /^[^./]/ }, ({ path }) => ({ path, external: true })) }],
  });
  return Object.fromEntries(Object.entries(metafile.inputs).map(([input, { imports }]) => [input, imports.map(({ path, kind }) => ({ path, kind }))]));
}

/** The package's files Node loads before `import(entry)` settles (static imports only). */
async function staticGraph(entry: string): Promise<string[]> {
  const inputs = await importsFrom(entry);
  const seen: string[] = [];
  const visit = (file: string): void => {
    if (seen.includes(file) || !inputs[file]) return;
    seen.push(file);
    for (const { path, kind } of inputs[file]) if (kind === 'import-statement') visit(path);
  };
  visit(entry);
  return seen;
}

async function dynamicImports(entry: string): Promise<string[]> {
  const inputs = await importsFrom(entry);
  return Object.values(inputs).flatMap((imports) => imports.filter(({ kind }) => kind === 'dynamic-import').map(({ path }) => path));
}

describe('the published ESM module graph', () => {
  it('loads the root in at most 4 modules and kraken-sdk/st, kraken-sdk/oejp in at most 4', async () => {
    const root = await staticGraph('index.js');
    expect(root.length, root.join(', ')).toBeLessThanOrEqual(4);
    for (const brand of ['st.js', 'oejp.js']) {
      const graph = await staticGraph(brand);
      expect(graph.length, graph.join(', ')).toBeLessThanOrEqual(4);
      // The brand's documents live in its own entry file, not in a chunk shared with the CLI.
      expect(graph.slice(1).every((file) => root.includes(file)), graph.join(', ')).toBe(true);
    }
  });

  it('leaves the documented messages out of kraken-sdk/st and kraken-sdk/oejp: they are in their own entry points', async () => {
    for (const brand of ['st', 'oejp']) {
      const loaded = await Promise.all((await staticGraph(`${brand}.js`)).map((file) => readFile(join(outDir, file), 'utf8')));
      expect(loaded.some((text) => text.includes('Unauthorized.')), brand).toBe(false);
      const messages = await staticGraph(`${brand}-error-messages.js`);
      expect(messages, brand).toHaveLength(1);
      expect(await readFile(join(outDir, messages[0] as string), 'utf8')).toContain('Unauthorized.');
    }
  });

  it('gives the add-ons no chunk of the client: they load the client only through its entry points', async () => {
    const client = new Set([...(await staticGraph('index.js')), ...(await staticGraph('st.js')), ...(await staticGraph('oejp.js'))]);
    for (const addOn of ['otel.js', 'graphql-request.js', 'document-node.js', 'mocks.js', 'mocks-node.js', 'redis.js', 'testing.js', 'cli.js', 'codegen.js']) {
      const shared = (await staticGraph(addOn)).filter((file) => client.has(file));
      expect(shared, addOn).toEqual([]);
    }
  });

  it('has the CLI create brand clients from the published brand entry point, not from a copy of it', async () => {
    const files = await staticGraph('cli.js');
    expect(await dynamicImports('cli.js')).toEqual(expect.arrayContaining(['st.js', 'oejp.js']));
    const texts = await Promise.all(files.map((file) => readFile(join(outDir, file), 'utf8')));
    // One document of st, in the CLI's files only if it carried its own copy of the brand.
    expect(texts.some((text) => text.includes('AcceptGoodsQuoteDocument'))).toBe(false);
  });
});
