// Issue 10 item 2: every value an entry point's types declare exists at runtime. Checked on the
// sources with the TypeScript checker; a value re-exported with `export type` still counts as
// declared, because bundled .d.ts files (tsup) lose that modifier and promise it as a value.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ENTRY_POINTS: ReadonlyArray<readonly [string, string, () => Promise<Record<string, unknown>>]> = [
  ['kraken-sdk', 'src/index.ts', () => import('../../src/index.js')],
  ['kraken-sdk/st', 'src/brands/st.ts', () => import('../../src/brands/st.js')],
  ['kraken-sdk/oejp', 'src/brands/oejp.ts', () => import('../../src/brands/oejp.js')],
  ['kraken-sdk/st/error-messages', 'src/brands/st-error-messages.ts', () => import('../../src/brands/st-error-messages.js')],
  ['kraken-sdk/oejp/error-messages', 'src/brands/oejp-error-messages.ts', () => import('../../src/brands/oejp-error-messages.js')],
  ['kraken-sdk/document-node', 'src/document-node.ts', () => import('../../src/document-node.js')],
];

interface DeclaredExports {
  readonly all: string[];
  readonly values: string[];
}

function declaredExports(files: readonly string[]): Map<string, DeclaredExports> {
  const program = ts.createProgram([...files], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  return new Map(
    files.map((file) => {
      const source = program.getSourceFile(file);
      const module = source && checker.getSymbolAtLocation(source);
      if (!module) throw new Error(`TypeScript could not load ${file}`);
      const symbols = checker.getExportsOfModule(module);
      const values = symbols.filter((symbol) => {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        return (target.flags & ts.SymbolFlags.Value) !== 0;
      });
      return [file, { all: symbols.map((symbol) => symbol.name), values: values.map((symbol) => symbol.name) }];
    }),
  );
}

describe('declared exports', () => {
  const declared = declaredExports(ENTRY_POINTS.map(([, file]) => file));

  it.each(ENTRY_POINTS)('every value %s declares is exported at runtime', async (_name, file, load) => {
    const runtime = await load();
    const values = declared.get(file)?.values ?? [];
    expect(values.length).toBeGreaterThan(0);
    expect(values.filter((name) => !(name in runtime))).toEqual([]);
  });

  // The brand entry points re-export the root's modules rather than src/index.ts (one module less on import).
  it.each(ENTRY_POINTS.slice(1, 3))('%s exports everything kraken-sdk exports, the same values', async (_name, file, load) => {
    const names = declared.get(file)?.all ?? [];
    expect((declared.get('src/index.ts')?.all ?? []).filter((name) => !names.includes(name))).toEqual([]);
    const [root, brand] = await Promise.all([import('../../src/index.js'), load()]);
    // Its own client (endpoints and login preset) takes the place of the root's.
    const shared = Object.keys(root).filter((name) => name !== 'createKrakenClient');
    expect(shared.filter((name) => brand[name] !== (root as Record<string, unknown>)[name])).toEqual([]);
  });

  it('names fragment types once (no …FragmentFragment)', () => {
    for (const file of ['src/brands/st.ts', 'src/brands/oejp.ts']) {
      const names = declared.get(file)?.all ?? [];
      expect(names.filter((name) => name.includes('FragmentFragment'))).toEqual([]);
      expect(names).toContain('PossibleErrorTypeFragment');
    }
  });
});
