// Issue 27.8: a schema too large for the heap is refused with one line before any work starts (a 50 MB
// SDL ran out of memory minutes in). The file here is sparse: its size is what is checked, before reading.
import { spawn } from 'node:child_process';
import { mkdtemp, open, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEAP_BYTES_PER_SDL_BYTE, heapNeeded, operationsTooManyProblem, schemaTooLargeProblem } from '../../src/codegen/heap-budget.js';
import { runCli } from '../../src/cli/run.js';

describe('generate --schema: a schema the heap cannot hold', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'too-large-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('is refused in one line naming the sizes and the cure, and nothing is written', async () => {
    const limit = getHeapStatistics().heap_size_limit;
    const bytes = Math.ceil(limit / HEAP_BYTES_PER_SDL_BYTE) + 1_048_576;
    const file = join(dir, 'huge.graphql');
    const handle = await open(file, 'w');
    await handle.truncate(bytes);
    await handle.close();
    const err: string[] = [];
    const status = await runCli(['generate', '--schema', file, '--out', join(dir, 'out')], { stdout: () => {}, stderr: (line) => err.push(line), stopSignal: () => new Promise(() => {}) });
    expect(status).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(new RegExp(`^kraken-sdk generate: --schema .*huge\\.graphql: a ${Math.ceil(bytes / 1_048_576)} MB schema needs about \\d+ MB of heap and this Node allows ${Math.ceil(limit / 1_048_576)} MB: nothing was generated; run it with NODE_OPTIONS=--max-old-space-size=\\d+$`));
    expect(await readdir(dir)).toEqual(['huge.graphql']);
  });

  it('the rule: refused only above the heap limit', () => {
    expect(schemaTooLargeProblem(1_048_576, heapNeeded(1_048_576))).toBeUndefined();
    expect(schemaTooLargeProblem(1_048_576, heapNeeded(1_048_576) - 1)).toMatch(/^a 1 MB schema needs about \d+ MB/);
  });
});

// A trial: a schema of 2,000 mutations (780 KB) passed the size check (about 206 MB) and V8 aborted with "heap out
// of memory" under a 512 MB heap: graphql-codegen's work grows with the operations, not with the SDL's bytes.
describe('generate --schema: more operations than the heap can generate', () => {
  const mutations = (count: number): string =>
    [
      '# Endpoint: http://127.0.0.1:9/v1/graphql/',
      'type Query { a: Int }',
      `type Mutation { ${Array.from({ length: count }, (_, index) => `m${index}(input: In${index}): P${index}`).join(' ')} }`,
      ...Array.from({ length: count }, (_, index) => `input In${index} { ${Array.from({ length: 10 }, (_, field) => `f${field}: String`).join(' ')} }\ntype P${index} { ${Array.from({ length: 20 }, (_, field) => `g${field}: String`).join(' ')} }`),
    ].join('\n');

  it('the rule: operations count against the heap too', () => {
    expect(operationsTooManyProblem(1_000, 400_000, heapNeeded(400_000, 1_000))).toBeUndefined();
    expect(operationsTooManyProblem(1_000, 400_000, heapNeeded(400_000, 1_000) - 1)).toMatch(/^1,000 operations need about \d+ MB of heap and this Node allows \d+ MB: nothing was generated; run it with NODE_OPTIONS=--max-old-space-size=\d+$/);
    // A large SDL with few operations is still judged by its bytes.
    expect(heapNeeded(50_000_000, 10)).toBe(heapNeeded(50_000_000));
  });

  it('1,000 mutations under a 256 MB heap: one line, exit 1, nothing written, no crash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'many-ops-'));
    try {
      await writeFile(join(dir, 'schema.graphql'), mutations(1_000));
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', 'src/cli/main.ts', 'generate', '--schema', join(dir, 'schema.graphql'), '--out', join(dir, 'out')], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
        child.on('close', (code) => resolve({ code, stderr }));
      });
      expect(result.stderr.trim().split('\n').filter((line) => !line.includes(': warning: '))).toEqual([expect.stringMatching(/^kraken-sdk generate: 1,000 operations need about \d+ MB of heap and this Node allows \d+ MB: nothing was generated; run it with NODE_OPTIONS=--max-old-space-size=\d+$/)]);
      expect(result.code).toBe(1);
      expect(await readdir(dir)).toEqual(['schema.graphql']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
