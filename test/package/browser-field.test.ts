// Issue 22: browser and Worker bundles must not carry the Node transport. package.json's `browser` field
// maps the built entry the client's chunk imports to a stand-in (and the source module to nothing, for
// bundles made from the sources, as the bench's); bundlers for the browser and for Workers (platform
// browser, as wrangler's esbuild) apply it, Node and bundlers for Node do not. The consumer check proves it
// on the packed package; this proves it on the sources.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { browser?: Record<string, string | false> };

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
    ...(platform === 'browser' ? { conditions: ['workerd', 'worker', 'browser'] } : {}),
  });
  return Object.keys(metafile.inputs).filter((input) => input.startsWith('src/'));
}

describe('the Node transport in bundles (package.json browser field)', () => {
  it('maps the built Node transport to its stand-in, which the build makes, and the source module to nothing', () => {
    expect(pkg.browser).toEqual({
      './dist/node.js': './dist/node-elsewhere.js',
      './dist/node.cjs': './dist/node-elsewhere.cjs',
      './src/transports/node-http.js': false,
    });
    expect(existsSync(join(ROOT, 'src/transports/node-http-elsewhere.ts'))).toBe(true);
    const tsup = readFileSync(join(ROOT, 'tsup.config.ts'), 'utf8');
    expect(tsup).toContain("'node-elsewhere': 'src/transports/node-http-elsewhere.ts'");
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
    expect(() => elsewhere.nodeHttpTransport()).toThrow(/runs in Node only/);
  });
});
