// A consumer's type-check: 20 typed calls with `kraken-sdk/st` documents (results and variables
// inferred) against the same 20 calls through the root client with untyped documents. Each is a
// fresh `tsc --noEmit` process; rounds interleave both and the ratio is taken per round.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { median } from '../harness.js';
import type { ResultRow } from '../table.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const CALLS = 20;
const ROUNDS = 3;

interface CatalogOperation {
  readonly operationName: string;
  readonly args: ReadonlyArray<{ readonly name: string; readonly type: string }>;
}

/** The first operations whose only required variable is an opaque `input` object, so `{ input: {} }` is valid. */
async function simpleOperations(): Promise<Array<{ name: string; text: string }>> {
  const catalog = JSON.parse(await readFile(join(ROOT, 'catalog/st.json'), 'utf8')) as { operations: CatalogOperation[] };
  const documents = (await import('../../src/generated/st/documents.js')) as unknown as Record<string, { kraken: { text: string } }>;
  return catalog.operations
    .filter((operation) => operation.args.length === 1 && operation.args[0]?.name === 'input' && /^\w+Input!$/.test(operation.args[0].type))
    .slice(0, CALLS)
    .map((operation) => ({ name: operation.operationName, text: documents[`${operation.operationName}Document`]?.kraken.text ?? '' }));
}

function typedProgram(operations: ReadonlyArray<{ name: string }>): string {
  return [
    "import * as st from 'kraken-sdk/st';",
    'const client = st.createKrakenClient();',
    'export async function calls(): Promise<void> {',
    ...operations.flatMap(({ name }, index) => [
      `  const result${index}: st.${name}Mutation = await client.request(st.${name}Document, { input: {} });`,
      `  void result${index};`,
    ]),
    '}',
  ].join('\n');
}

function untypedProgram(operations: ReadonlyArray<{ name: string; text: string }>): string {
  return [
    "import { createKrakenClient } from 'kraken-sdk';",
    "import type { KrakenDocument } from 'kraken-sdk';",
    "const client = createKrakenClient({ endpoint: 'https://api.st.kraken.tech/v1/graphql/' });",
    'type Untyped = KrakenDocument<unknown, Record<string, unknown>>;',
    'export async function calls(): Promise<void> {',
    ...operations.flatMap(({ name, text }, index) => [
      `  const document${index}: Untyped = { kraken: { operationName: ${JSON.stringify(name)}, endpoint: 'api', text: ${JSON.stringify(text)} } };`,
      `  const result${index}: unknown = await client.request(document${index}, { input: {} });`,
      `  void result${index};`,
    ]),
    '}',
  ].join('\n');
}

function tsconfig(file: string): string {
  return JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2022', 'DOM'],
      types: [],
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      paths: {
        'kraken-sdk': [join(ROOT, 'src/index.ts')],
        'kraken-sdk/st': [join(ROOT, 'src/brands/st.ts')],
      },
    },
    files: [file],
  });
}

async function checkMs(project: string): Promise<number> {
  const started = performance.now();
  await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project]);
  return performance.now() - started;
}

export async function typeCheck(): Promise<ResultRow[]> {
  const workdir = await mkdtemp(join(tmpdir(), 'kraken-typecheck-'));
  try {
    const operations = await simpleOperations();
    if (operations.length < CALLS) throw new Error(`type-check: only ${operations.length} simple operations`);
    await writeFile(join(workdir, 'typed.ts'), typedProgram(operations));
    await writeFile(join(workdir, 'untyped.ts'), untypedProgram(operations));
    await writeFile(join(workdir, 'typed.json'), tsconfig(join(workdir, 'typed.ts')));
    await writeFile(join(workdir, 'untyped.json'), tsconfig(join(workdir, 'untyped.ts')));
    const typed: number[] = [];
    const untyped: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      typed.push(await checkMs(join(workdir, 'typed.json')));
      untyped.push(await checkMs(join(workdir, 'untyped.json')));
    }
    const ratio = median(typed.map((ms, round) => ms / (untyped[round] ?? Number.NaN)));
    return [
      {
        measure: `Consumer type-check, ${CALLS} calls (tsc --noEmit, fresh process, median of ${ROUNDS})`,
        subject: 'typed: `kraken-sdk/st` documents, results and variables inferred',
        subjectResult: `${median(typed).toFixed(0)} ms`,
        baseline: 'untyped: root client, hand-made untyped documents',
        baselineResult: `${median(untyped).toFixed(0)} ms`,
        ratio: `${ratio.toFixed(2)}× time`,
      },
    ];
  } finally {
    await rm(workdir, { recursive: true, force: true });
  }
}
