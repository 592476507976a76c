// Issue 12: `graphql` is off the client's runtime path. A browser bundle of the client with one
// operation holds no byte of it, not even in a lazy chunk (issue 22: its own printer, for DocumentNodes without source text),
// and a fresh import of `kraken-sdk/st` never resolves it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSizes, sourcePath } from '../../bench/bundle.js';
import { bundleForNode, graphqlLoadedByImport } from '../../bench/graphql-free.js';

describe('graphql off the runtime path', () => {
  let outdir = '';
  beforeAll(async () => {
    outdir = await mkdtemp(join(tmpdir(), 'kraken-no-graphql-'));
    await bundleForNode({ st: 'src/brands/st.ts', documentNode: 'src/document-node.ts' }, outdir);
  });
  afterAll(() => rm(outdir, { recursive: true, force: true }));

  it('a browser bundle of the client and one operation loads no byte of graphql up front', async () => {
    const sizes = await bundleSizes({
      one: [
        `import { createKrakenClient, AcceptGoodsQuoteDocument } from ${sourcePath('src/brands/st.ts')};`,
        'export const call = () => createKrakenClient().request(AcceptGoodsQuoteDocument, { input: {} });',
      ].join('\n'),
    });
    const one = sizes.get('one');
    expect(one?.graphqlBytes).toBe(0);
    // Not even lazily: DocumentNodes without source text are printed by the client's own printer (issue 22).
    expect(one?.lazyGraphqlBytes).toBe(0);
    expect(one?.lazyChunks.get('print')).toBeLessThan(1_000);
  });

  it('a fresh import of kraken-sdk/st does not load graphql', async () => {
    expect(await graphqlLoadedByImport(pathToFileURL(join(outdir, 'st.mjs')).href)).toBeUndefined();
  });

  it('the check itself sees graphql loaded by kraken-sdk/document-node', async () => {
    expect(await graphqlLoadedByImport(pathToFileURL(join(outdir, 'documentNode.mjs')).href)).toMatch(/documentNode\.mjs|chunk/);
  });
});
