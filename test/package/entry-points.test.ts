// Every entry point in `exports` must also resolve for TypeScript on moduleResolution "node" (node10),
// which reads `types` and `typesVersions` only. The consumer check proves it on the packed tarball;
// this catches a new entry point added without its typesVersions line before anything is built.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryPoints, node10Problems, type PackageJson } from '../../scripts/consumer/entry-points.mjs';

const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as PackageJson & {
  typesVersions: { '*': Record<string, string[]> };
  scripts: Record<string, string>;
};

describe('packing', () => {
  it('builds before packing, so `npm pack` and `npm publish` never ship a stale dist/ (quietly: `npm pack --json` stays JSON)', () => {
    expect(pkg.scripts.prepack).toMatch(/^npm run build\b.*--silent/);
    expect(pkg.scripts.build).toContain('tsup');
  });
});

describe('entry points under moduleResolution node10', () => {
  it('every exports entry has its typesVersions twin', () => {
    expect(entryPoints(pkg).map((entry) => entry.specifier)).toContain('kraken-sdk/mocks/node');
    expect(node10Problems(pkg)).toEqual([]);
  });

  it('a new exports entry without typesVersions is named', () => {
    const added = structuredClone(pkg);
    added.exports['./extra'] = { import: { types: './dist/extra.d.ts' }, require: { types: './dist/extra.d.cts' } };
    expect(node10Problems(added)).toEqual(['typesVersions["*"]["extra"] is missing: add ["./dist/extra.d.cts"] for exports["./extra"]']);
  });

  it('a typesVersions entry pointing elsewhere than exports, or with no exports entry, is named', () => {
    const drifted = structuredClone(pkg);
    drifted.typesVersions['*'].st = ['./dist/oejp.d.cts'];
    drifted.typesVersions['*'].gone = ['./dist/gone.d.cts'];
    expect(node10Problems(drifted)).toEqual([
      'typesVersions["*"]["st"] is ["./dist/oejp.d.cts"], expected ["./dist/st.d.cts"] as in exports["./st"]',
      'typesVersions["*"]["gone"] has no exports["./gone"]',
    ]);
  });
});
