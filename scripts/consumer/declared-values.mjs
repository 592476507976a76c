// What a published declaration file promises at runtime: the names of the values (functions,
// classes, constants, enums) each entry point's .d.ts / .d.cts exports, read with the TypeScript
// compiler as the consumer's own tsc resolves them (node16: .d.ts for import, .d.cts for require).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

function isValue(checker, symbol) {
  if (symbol.flags & ts.SymbolFlags.Alias) {
    if (checker.getTypeOnlyAliasDeclaration(symbol)) return false;
    return (checker.getAliasedSymbol(symbol).flags & ts.SymbolFlags.Value) !== 0;
  }
  return (symbol.flags & ts.SymbolFlags.Value) !== 0;
}

/** { [specifier]: sorted value names } as seen from an ESM (`esm`) or CommonJS (`cjs`) consumer in `cwd`. */
export function declaredValueNames(cwd, specifiers, format) {
  const probe = join(cwd, `declared-values-probe.${format === 'esm' ? 'mts' : 'cts'}`);
  writeFileSync(probe, `${specifiers.map((specifier, i) => `import * as entry${i} from '${specifier}';`).join('\n')}\nexport {};\n`);
  const { options } = ts.convertCompilerOptionsFromJson(
    { module: 'node16', moduleResolution: 'node16', target: 'ES2022', lib: ['ES2022', 'DOM'], strict: true, noEmit: true, types: [] },
    cwd,
  );
  const program = ts.createProgram([probe], options);
  const checker = program.getTypeChecker();
  const names = {};
  for (const statement of program.getSourceFile(probe).statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const specifier = statement.moduleSpecifier.text;
    const moduleSymbol = checker.getSymbolAtLocation(statement.moduleSpecifier);
    if (moduleSymbol === undefined) throw new Error(`${format}: TypeScript cannot resolve ${specifier}`);
    names[specifier] = checker
      .getExportsOfModule(moduleSymbol)
      .filter((symbol) => isValue(checker, symbol))
      .map((symbol) => symbol.name)
      .sort();
  }
  return names;
}
