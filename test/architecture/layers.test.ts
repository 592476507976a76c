// The layout is the architecture: src/core (errors, redaction, documents, abort, runtime) sits below both
// src/session and src/client, session below client, and no module reaches itself through its imports.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every project module a file imports (static, type-only and dynamic), as paths relative to src/. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => relative(SRC, resolve(dirname(file), name.replace(/\.js$/, '.ts'))));
}

const graph = new Map(sourceFiles(SRC).map((file) => [relative(SRC, file), importsOf(file)]));

it('reads a real graph: every relative import resolves to a module of src/', () => {
  expect(graph.size).toBeGreaterThan(100);
  const unresolved = [...graph].flatMap(([from, targets]) => targets.filter((to) => to.startsWith('..') === false && !graph.has(to)).map((to) => `${from} → ${to}`));
  expect(unresolved).toEqual([]);
});

it.each([
  ['core', ['client/', 'session/', 'transports/', 'brands/', 'redis/']],
  ['session', ['client/', 'transports/', 'brands/', 'redis/']],
])('src/%s/ does not import from the layers above it', (layer, above) => {
  const upward = [...graph]
    .filter(([from]) => from.startsWith(`${layer}/`))
    .flatMap(([from, targets]) => targets.filter((to) => above.some((folder) => to.startsWith(folder))).map((to) => `${from} → ${to}`));
  expect(upward).toEqual([]);
});

it('has no import circle among the modules of src/ (dynamic and type-only imports included)', () => {
  const circles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (module: string, path: string[]): void => {
    if (state.get(module) === 'done') return;
    if (state.get(module) === 'open') {
      circles.push([...path.slice(path.indexOf(module)), module].join(' → '));
      return;
    }
    state.set(module, 'open');
    for (const next of graph.get(module) ?? []) visit(next, [...path, module]);
    state.set(module, 'done');
  };
  for (const module of graph.keys()) visit(module, []);
  expect(circles).toEqual([]);
});
