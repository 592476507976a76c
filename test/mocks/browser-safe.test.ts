import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('<package>/mocks entry', () => {
  it('bundles for the browser without node: imports', async () => {
    const result = await build({
      entryPoints: ['mocks/index.ts'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
      external: ['msw'],
    });
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((entry) => entry.path));
    expect(imports.filter((path) => path.startsWith('node:') || ['fs', 'http', 'net', 'path', 'crypto'].includes(path))).toEqual([]);
    expect(Object.keys(result.metafile.inputs)).not.toContain('mocks/node.ts');
  });
});
