// Issue 22: browser and Worker bundles must not carry the Node transport. Issue 29: by conditions, not an object
// `browser` field (publint). The built client imports '#node-transport' (scripts/node-transport-swap.mjs), which
// package.json's `imports` resolves to a stand-in under the browser/worker conditions and to the Node transport
// otherwise; `./node` has a `browser` condition too. Bundles of the sources take the stand-in through the same
// module's esbuild plugin. The consumer check proves it on the packed package; this proves it on the sources.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { nodeTransportStandIn } from '../../scripts/node-transport-swap.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  browser?: unknown;
  imports?: Record<string, Record<string, unknown>>;
  exports: Record<string, Record<string, unknown>>;
};
const STAND_IN = { import: './dist/node-elsewhere.js', require: './dist/node-elsewhere.cjs' };

/** The project's modules a one-call app bundles, for a platform, as paths relative to the project. */
async function bundledModules(platform: 'browser' | 'node'): Promise<string[]> {
  const { metafile } = await build({
    stdin: {
      contents: `import { createKrakenClient, AcceptGoodsQuoteDocument } from ${JSON.stringify(join(ROOT, 'src/brands/st.ts'))};\nexport const call = () => createKrakenClient({ endpoint: 'https://api.example.test/graphql/' }).request(AcceptGoodsQuoteDocument, {} as never);`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    splitting: false,
    format: 'esm',
    platform,
    write: false,
    metafile: true,
    logLevel: 'silent',
    ...(platform === 'browser' ? { conditions: ['workerd', 'worker', 'browser'], plugins: [nodeTransportStandIn()] } : {}),
  });
  return Object.keys(metafile.inputs).filter((input) => input.startsWith('src/'));
}

describe('the Node transport in bundles (package.json imports conditions)', () => {
  it('swaps by condition: no object browser field; #node-transport and ./node give the stand-in the build makes', () => {
    expect(pkg.browser).toBeUndefined();
    expect(pkg.imports?.['#node-transport']).toEqual({
      browser: STAND_IN,
      worker: STAND_IN,
      workerd: STAND_IN,
      'edge-light': STAND_IN,
      import: './dist/node.js',
      require: './dist/node.cjs',
    });
    expect(Object.keys(pkg.exports['./node'] ?? {})[0]).toBe('browser');
    expect(existsSync(join(ROOT, 'src/transports/node-http-elsewhere.ts'))).toBe(true);
    const tsup = readFileSync(join(ROOT, 'tsup.config.ts'), 'utf8');
    expect(tsup).toContain("'node-elsewhere': 'src/transports/node-http-elsewhere.ts'");
    expect(tsup).toContain('nodeTransportBySubpathImport()');
  });

  it('leaves it out of a single-file browser or Worker bundle', async () => {
    const modules = await bundledModules('browser');
    expect(modules).toContain('src/client/transport.ts');
    expect(modules).not.toContain('src/transports/node-http.ts');
  });

  it('keeps it in a bundle for Node', async () => {
    const modules = await bundledModules('node');
    expect(modules).toContain('src/transports/node-http.ts');
    expect(modules).not.toContain('src/transports/node-http-elsewhere.ts');
  });

  it('the stand-in is never preferred and says where the Node transport runs', async () => {
    const elsewhere = await import('../../src/transports/node-http-elsewhere.js');
    expect(elsewhere.nodeHttpPreferred()).toBe(false);
    expect(() => elsewhere.nodeHttpTransport()).toThrow('nodeHttpTransport runs in Node only: use fetch.');
  });
});
