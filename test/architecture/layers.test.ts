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

// Issue 30: a call is a chain of steps (src/client/chain.ts); each concern is one file of src/client/steps/.
const STEPS = 'client/steps/';

it('no step imports another step (the chain in client.ts is the only place they meet)', () => {
  expect([...graph].filter(([from]) => from.startsWith(STEPS)).length).toBeGreaterThanOrEqual(10);
  const between = [...graph]
    .filter(([from]) => from.startsWith(STEPS))
    .flatMap(([from, targets]) => targets.filter((to) => to.startsWith(STEPS)).map((to) => `${from} → ${to}`));
  expect(between).toEqual([]);
});

/**
 * What names a concern in code, and the files that may name it: its step, the body the step loads, and the
 * module defining its options or state. Anywhere else in src/client or src/session, naming it means branching
 * on a feature that has a step.
 */
const FEATURES: ReadonlyArray<readonly [feature: string, marker: RegExp, allowed: readonly string[]]> = [
  ['retry', /\bisRetryable\b|\bretryDelay\b|\bpolicy\.retries\b|\bmaxRetryAfterMs\b/, [`${STEPS}retry.ts`, 'client/failure/', 'client/retry-options.ts']],
  ['refresh after KT-CT-1124', /\bTOKEN_EXPIRED_CODE\b|\btokenRejected\(/, [`${STEPS}refresh.ts`, 'session/', 'client/index.ts']],
  ['the rate-limit pause', /\bpauses\.(held|record)\b|\bpausedUntil\b|\brecordedUntil\b/, [`${STEPS}pause.ts`, 'client/failure/retrying.ts', 'client/pauses.ts', 'client/chain.ts']],
  ['the timeout', /\bcreateCallAbort\(/, [`${STEPS}timeout.ts`, `${STEPS}refresh.ts`, 'core/abort.ts']],
  ['auth', /\.token\(\s*(signal|bound)|authorization: `\$\{/, [`${STEPS}auth.ts`, 'session/']],
  ['user hooks', /\.(beforeRequest|afterResponse|beforeRetry|beforeError)\b/, [`${STEPS}request-hooks.ts`, `${STEPS}before-error.ts`, 'client/failure/retrying.ts', 'client/hooks.ts', 'client/hooks-run.ts']],
  ['observing', /\btracingListened\(|\beventSink\(|\berrorsListened\(/, [`${STEPS}observe.ts`, 'client/events.ts', 'core/']],
  ['classifying answers', /\banswerError\(|\bnoAnswerError\(|\bnetworkError\(/, [`${STEPS}classify.ts`, 'client/classify.ts', 'client/failure/step-errors.ts']],
];

it.each(FEATURES)('only its step (and the body it loads) branches on %s', (_feature, marker, allowed) => {
  const offending = [...graph.keys()]
    .filter((file) => (file.startsWith('client/') || file.startsWith('session/')) && !allowed.some((prefix) => file.startsWith(prefix)))
    .filter((file) => marker.test(readFileSync(join(SRC, file), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')));
  expect(offending).toEqual([]);
});

it('no module of src/client, src/session or src/core speaks of chunks, bundles or gzip: lazy loading lives inside steps', () => {
  const speaking = [...graph.keys()]
    .filter((file) => /^(client|session|core)\//.test(file) && !file.startsWith(STEPS))
    .flatMap((file) =>
      (readFileSync(join(SRC, file), 'utf8').match(/\/\/.*$|\/\*[\s\S]*?\*\//gm) ?? [])
        .filter((comment) => /\bbundl\w*|\bgzip\b|\bchunks? of\b|\b(lazy|own|up-front|shared|entry) chunk|code.splitting/i.test(comment))
        .map((comment) => `${file}: ${comment.slice(0, 80)}`),
    );
  expect(speaking).toEqual([]);
});

it('no function of src/client, src/session, src/core or src/otel.ts is over 60 lines (issue 30)', () => {
  const long: string[] = [];
  for (const file of [...graph.keys()].filter((name) => /^(client|session|core)\//.test(name) || name === 'otel.ts')) {
    const source = ts.createSourceFile(file, readFileSync(join(SRC, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
        const lines = source.getLineAndCharacterOfPosition(node.getEnd()).line - source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        if (lines > 60) long.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} (${lines} lines)`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  expect(long).toEqual([]);
});
